"""Engines: `hub build --engine`, the staged build folder, and engines run without the hub.

The fixture corpus (tests/fixture_corpus.py) leaves out drafts, embargoed and internal items,
each carrying a `zq...` marker in its id; an engine run on the sources must publish none.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, ENGINE, REPO, run_hub
from fixture_corpus import LEFT_OUT_MARKERS, site_texts, write_corpus

from site_builder.pipeline import check, publish
from site_builder.publication import Edition

EDIT_BASE = "https://github.com/northbridge-scp/learning-hub/edit/main/"  # mkdocs.yml's


def test_an_unknown_engine_is_a_usage_error_and_touches_nothing(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    site_dir = tmp_path / "site"
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--engine", "hugo")
    assert result.returncode == 2
    assert result.stderr == (
        "hub: error: --engine hugo: unknown engine 'hugo' (installed: mkdocs, zensical)\n"
    )
    assert result.stdout == ""  # refused before the check
    assert not site_dir.exists()


def test_the_staged_folder_is_complete_and_its_config_has_no_hook(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    (root / "content/images").mkdir()
    (root / "content/images/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    checked = check(root)
    assert not checked.problems.errors
    prepared = publish(checked, Edition(date.fromisoformat(AS_OF)))
    config = prepared.stage(tmp_path / "stage", root, {"theme": {"variant": "classic"}})
    settings = json.loads(config.read_text(encoding="utf-8"))
    assert settings == {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": "docs",
        "site_dir": "site",
        "hooks": [],
        "exclude_docs": "",
        "watch": [],
        "theme": {"custom_dir": str(root / "overrides"), "variant": "classic"},
        "extra": {"hub": {"as_of": "2026-11-26", "edition": "public", "preview": False}},
    }
    docs = tmp_path / "stage/docs"
    staged = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    assert "briefings/neglect-toxic-trio.md" in staged  # generated from its source
    assert "images/logo.png" in staged  # copied as it is
    assert (docs / "images/logo.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert [p for p in staged if any(m in p for m in LEFT_OUT_MARKERS)] == []


def test_a_free_page_is_staged_as_text_with_links_to_left_out_items_dropped(
    tmp_path: Path,
) -> None:
    root = write_corpus(tmp_path / "project")
    (root / "content/about.md").write_text(
        '---\ntitle: "About <b>us</b>"\n---\n\n'
        "See [a draft](briefings/zqdraftbrief.md) and [the toolkit](themes/neglect.md).\n",
        encoding="utf-8",
    )
    prepared = publish(check(root), Edition(date.fromisoformat(AS_OF)))
    page = next(o.content for o in prepared.outputs if o.path == "about.md")
    assert page.startswith('---\ntitle: "About &lt;b&gt;us&lt;/b&gt;"\nhub_search: 0.5\n---\n\n')
    assert "See a draft and [the toolkit](themes/neglect.md)." in page
    assert "zqdraftbrief" not in page


def test_edit_links_only_in_the_internal_edition(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    checked = check(root)
    public = publish(checked, Edition(date.fromisoformat(AS_OF)))
    internal = publish(checked, Edition(date.fromisoformat(AS_OF), internal=True))
    page = "briefings/neglect-toxic-trio.md"
    assert "hub_edit_url" not in next(o.content for o in public.outputs if o.path == page)
    text = next(o.content for o in internal.outputs if o.path == page)
    assert text.startswith(
        f'---\nhub_edit_url: "{EDIT_BASE}content/briefings/neglect-toxic-trio.md"\n'
    )
    theme = next(o.content for o in internal.outputs if o.path == "themes/neglect.md")
    assert "hub_edit_url" not in theme  # a generated page with no source to edit


def test_the_internal_edition_shows_the_edit_button(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    site_dir = tmp_path / "site"
    args = ("build", "--site-dir", str(site_dir), "--as-of", AS_OF, "--internal")
    assert run_hub(root, *args).returncode == 0
    page = (site_dir / "briefings/neglect-toxic-trio/index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT_BASE}content/briefings/neglect-toxic-trio.md"' in page
    assert 'rel="edit"' in page


def _engine_alone(root: Path, engine: str) -> subprocess.CompletedProcess:
    if engine == "zensical":
        command = [sys.executable, "-m", "zensical", "build", "-f", str(root / "mkdocs.yml")]
    else:  # mkdocs.yml with its hook removed, as an author might
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("hooks:\n  - hooks/hub.py\n", ""))
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    return subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_engine_run_without_the_hub_publishes_no_document(tmp_path: Path, engine: str) -> None:
    root = write_corpus(tmp_path / "project")
    result = _engine_alone(root, engine)
    assert result.returncode == 0, result.stdout + result.stderr
    texts = site_texts(root / "site")
    assert [p for p in texts if p.split("/")[0] in ("briefings", "reviews", "reports")] == []
    # A free page's link may still name a draft (the hub would drop it); its text is nowhere.
    bodies = [f"{marker} body." for marker in LEFT_OUT_MARKERS]
    assert [(p, b) for p, text in texts.items() for b in bodies if b in text] == []


def test_the_engine_under_test_is_the_one_that_built(corpus_build) -> None:  # noqa: ANN001
    _, site_dir = corpus_build
    page = (site_dir / "index.html").read_text(encoding="utf-8")
    # Zensical writes its own generator name; MkDocs with Material writes none (generator off).
    assert ("zensical" in page.lower()) == (ENGINE == "zensical")
