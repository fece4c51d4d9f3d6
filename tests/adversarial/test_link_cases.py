"""Adversarial link cases: a left-out item is unreachable in every link form.

One project, built once with `hub build`: each case links (in its own way) to its own draft
briefing `zqlkNN`, from a free page, the home page, a published briefing, a review or a
report. Each test asserts that its draft's id appears in no output file (compressed files
and the search index included) and that the link's text is still on the page. The
`mkdocs.yml` cases (a nav entry to a draft, no hub hook) run `hub check` / `hub build` on
a project whose mkdocs.yml the test writes.
"""

from __future__ import annotations

import html
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import AS_OF, BRIEFING, MINIMAL_FILES, REVIEW, copy_engine, run_hub, write_tree
from tests.fixture_corpus import site_texts

SITE = "https://learning.northbridge-scp.example"  # the repository mkdocs.yml's site_url


def draft(marker: str) -> str:
    return (
        f"---\ntitle: Draft {marker}\ndate: 2026-02-01\nsummary: Not yet.\nthemes: [neglect]\n"
        f"format: standard\nstatus: draft\n---\n\n{marker} body.\n"
    )


# case -> (draft id, where the link is, Markdown linking to the draft, text kept on the page)
CASES: dict[str, tuple[str, str, str, str]] = {
    "inline": ("zqlk01", "links", "[Kept01](briefings/zqlk01.md)", "Kept01"),
    "reference": ("zqlk02", "links", "[Kept02][r2]\n\n[r2]: briefings/zqlk02.md", "Kept02"),
    "reference-collapsed": (
        "zqlk03",
        "links",
        "[Kept03][]\n\n[kept03]: /briefings/zqlk03/",
        "Kept03",
    ),
    "reference-shortcut": (
        "zqlk04",
        "links",
        "[Kept04]\n\n[KEPT04]: <../briefings/zqlk04/>",
        "Kept04",
    ),
    "autolink": ("zqlk05", "links", f"Kept05 <{SITE}/briefings/zqlk05/>", "Kept05"),
    "raw-a-href": ("zqlk06", "links", '<a href="../briefings/zqlk06/">Kept06</a>', "Kept06"),
    "absolute-site-url": ("zqlk07", "links", f"[Kept07]({SITE}/briefings/zqlk07/)", "Kept07"),
    "absolute-index-html": (
        "zqlk08", "links", f"[Kept08]({SITE}/briefings/zqlk08/index.html#part)", "Kept08"
    ),
    "absolute-no-slash-query": (
        "zqlk09",
        "links",
        f"[Kept09]({SITE}/briefings/zqlk09?x=1)",
        "Kept09",
    ),
    "image-md-file": ("zqlk10", "links", "Kept10 ![](briefings/zqlk10.md)", "Kept10"),
    "image-into-item-url": (
        "zqlk11",
        "links",
        "Kept11 ![Figure](/briefings/zqlk11/fig.png)",
        "Kept11",
    ),
    "bare-site-url": ("zqlk12", "links", f"Kept12 see {SITE}/briefings/zqlk12/.", "Kept12"),
    "percent-encoded": ("zqlk13", "links", "[Kept13](briefings/%7Aqlk13.md)", "Kept13"),
    "entity-encoded": ("zqlk14", "links", "[Kept14](briefings/&#122;qlk14.md)", "Kept14"),
    "protocol-relative": (
        "zqlk15",
        "links",
        "[Kept15](//learning.northbridge-scp.example/briefings/zqlk15/)",
        "Kept15",
    ),
    "raw-img-src": (
        "zqlk16",
        "links",
        'Kept16 <img src="../briefings/zqlk16/x.png" alt="">',
        "Kept16",
    ),
    "multi-line-label": ("zqlk17", "links", "[Kept17\nstill](briefings/zqlk17.md)", "Kept17"),
    "upper-case": ("zqlk18", "links", "[Kept18](../BRIEFINGS/ZQLK18/)", "Kept18"),
    "titled-link": ("zqlk19", "links", '[Kept19](briefings/zqlk19.md "Draft title")', "Kept19"),
    "in-briefing-body": ("zqlk20", "briefing", "[Kept20][b]\n\n[b]: zqlk20.md", "Kept20"),
    "in-review-body": ("zqlk21", "review", f"Kept21 <{SITE}/briefings/zqlk21/>", "Kept21"),
    "in-report-narrative": (
        "zqlk22", "report", '<a href="../../briefings/zqlk22/">Kept22</a>', "Kept22"
    ),
    "on-home-page": ("zqlk23", "home", "[Kept23][h]\n\n[h]: briefings/zqlk23.md", "Kept23"),
}


def _texts(where: str) -> str:
    return "\n\n".join(markdown for _, place, markdown, _ in CASES.values() if place == where)


REPORT = "---\nperiod: 2026-27-q2\nmeeting_date: 2026-11-10\nauthor: Chair\n---\n\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, dict]:
    base = tmp_path_factory.mktemp("links")
    root = base / "project"
    root.mkdir()
    copy_engine(root)
    files = {
        **MINIMAL_FILES,
        **{f"content/briefings/{marker}.md": draft(marker) for marker, *_ in CASES.values()},
        "content/links.md": "# Links\n\n" + _texts("links") + "\n",
        "content/index.md": "# Test hub\n\n" + _texts("home") + "\n",
        "content/briefings/neglect-toxic-trio.md": BRIEFING + "\n" + _texts("briefing") + "\n",
        "content/reviews/rr-2026-01-child-a.md": REVIEW + "\n" + _texts("review") + "\n",
        "content/reports/2026-27-q2.md": REPORT + "In brief. " + _texts("report") + "\n",
    }
    write_tree(root, files)
    site_dir = base / "site"
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    return result, site_texts(site_dir) if result.returncode == 0 else {}


def _as_read(text: str) -> str:
    return unquote(html.unescape(text)).lower()


PAGES = {
    "links": "links/index.html",
    "home": "index.html",
    "briefing": "briefings/neglect-toxic-trio/index.html",
    "review": "reviews/rr-2026-01-child-a/index.html",
    "report": "reports/2026-27-q2/index.html",
}


@pytest.mark.parametrize("case", CASES)
def test_a_left_out_item_is_unreachable(built, case: str) -> None:  # noqa: ANN001
    result, texts = built
    assert result.returncode == 0, result.stdout + result.stderr
    marker, where, _, kept = CASES[case]
    # As a browser reads an address: entities and percent-escapes decoded, case ignored.
    assert [path for path, text in texts.items() if marker in _as_read(text)] == []
    assert kept in texts[PAGES[where]]


# -- mkdocs.yml --------------------------------------------------------------------------------

CONFIG = """\
site_name: Test hub
site_url: https://learning.example/
docs_dir: content
theme:
  name: material
  custom_dir: overrides
nav:
  - Home: index.md
  - Briefings: briefings/index.md
  - Early draft: briefings/zqnav.md
hooks:
  - hooks/hub.py
exclude_docs: |
  /briefings/
  /reviews/
  /reports/
"""
NAV_ERROR = (
    "mkdocs.yml:10: error: the nav entry 'briefings/zqnav.md' points at a document"
    " (briefings/zqnav.md): remove it (a document is listed on its section page, and only"
    " while it is published)"
)
HOOK_ERROR = (
    "mkdocs.yml:1: error: the hub's hook is missing: add 'hooks: [hooks/hub.py]'"
    " (without it, 'mkdocs build' runs no check and publishes every draft)"
)


def _config_project(tmp_path: Path, config: str) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    copy_engine(root)
    write_tree(root, {**MINIMAL_FILES, "content/briefings/zqnav.md": draft("zqnav")})
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def test_a_nav_entry_to_a_draft_is_an_error(tmp_path: Path) -> None:
    result = run_hub(_config_project(tmp_path, CONFIG), "check", "--as-of", AS_OF)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "mkdocs.yml" in line] == [NAV_ERROR]


def test_a_config_without_the_hub_hook_is_an_error_and_builds_nothing(tmp_path: Path) -> None:
    config = CONFIG.replace("  - Early draft: briefings/zqnav.md\n", "").replace(
        "hooks:\n  - hooks/hub.py\n", ""
    )
    site_dir = tmp_path / "site"
    result = run_hub(_config_project(tmp_path, config), "build", "--site-dir", str(site_dir))
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "mkdocs.yml" in line] == [HOOK_ERROR]
    assert not site_dir.exists()
