"""The MkDocs adapter: a large site rendered on two cores is the site one process renders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, REPO, child_pids, corpus_project
from fixture_corpus import tree_hashes

import engines.mkdocs as adapter
from site_builder import engine
from site_builder.build import BuildFailed, build_site
from site_builder.gate import OutputGate
from site_builder.pipeline import check, publish
from site_builder.publication import Edition

EDITION = Edition(as_of=date.fromisoformat(AS_OF))


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search bundle (its chunk names are Pagefind's hashes)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")
    }


def _page_count(site: Path) -> int:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["en"]["page_count"]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The render split whatever the size of the site and the machine; the second processes
    it started."""
    made: list[int] = []
    on_nav = adapter._Pages.on_nav

    def recorded(self, nav, config, files):  # noqa: ANN001, ANN202
        nav = on_nav(self, nav, config, files)
        if self._child is not None:
            made.append(self._child)
        return nav

    recorded.mkdocs_priority = on_nav.mkdocs_priority  # type: ignore[attr-defined]
    monkeypatch.setattr(adapter, "SPLIT_FROM", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(adapter._Pages, "on_nav", recorded)
    return made


def _build(root: Path, site: Path) -> None:
    prepared = publish(check(root), EDITION, held=True)
    mkdocs = engine.engine("mkdocs")
    build_site(prepared, site, mkdocs, OutputGate.for_site(prepared.site, root, mkdocs.shipped))


def test_two_processes_render_the_same_site_as_one(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus_project("rich", tmp_path / "project")
    with monkeypatch.context() as alone:
        alone.setattr(adapter, "SPLIT_FROM", 10**9)
        _build(root, tmp_path / "alone")
    assert forks == []
    _build(root, tmp_path / "apart")
    assert len(forks) == 1
    alone, apart = _files(tmp_path / "alone"), _files(tmp_path / "apart")
    assert len([rel for rel in apart if rel.endswith(".html")]) > 30
    assert sorted(apart) == sorted(alone)
    assert [rel for rel in alone if apart[rel] != alone[rel]] == []
    assert _page_count(tmp_path / "apart") == _page_count(tmp_path / "alone") > 20
    fragments = [p.name for p in (tmp_path / "alone" / "pagefind" / "fragment").iterdir()]
    assert sorted(p.name for p in (tmp_path / "apart" / "pagefind" / "fragment").iterdir()) == (
        sorted(fragments)
    )


def test_each_page_is_handed_to_the_hub_once(tmp_path: Path, forks: list[int]) -> None:
    root = corpus_project("rich", tmp_path / "project")
    prepared = publish(check(root), EDITION)
    config = prepared.stage(tmp_path / "staged", root)
    handed: list[str] = []
    engine.engine("mkdocs").render(config, lambda rel, html: handed.append(rel))
    assert len(forks) == 1
    written = sorted(
        path.relative_to(tmp_path / "staged" / "site").as_posix()
        for path in (tmp_path / "staged" / "site").rglob("*.html")
    )
    assert sorted(handed) == [rel for rel in written if rel != "404.html"]  # a theme template
    assert len(handed) == len(set(handed)) > 30


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ValueError("bad value"), "MkDocs: ValueError: bad value"),  # as with one process
        (RuntimeError("out of memory"), "MkDocs: RuntimeError: out of memory"),
    ],
)
def test_a_failure_in_the_second_process_fails_the_build_with_its_reason(
    tmp_path: Path,
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    reason: str,
) -> None:
    root = corpus_project("rich", tmp_path / "project")
    _build(root, tmp_path / "site")
    before = tree_hashes(tmp_path / "site")
    handed = adapter._Pages.on_post_page

    def failing(self, output: str, page, config) -> str:  # noqa: ANN001
        if self._forked:
            raise error
        return handed(self, output, page, config)

    monkeypatch.setattr(adapter._Pages, "on_post_page", failing)
    with pytest.raises(BuildFailed) as failed:
        _build(root, tmp_path / "site")
    assert str(failed.value) == reason
    assert len(forks) == 2
    for pid in forks:  # none is left running, none a zombie
        assert not Path(f"/proc/{pid}").exists()
    assert tree_hashes(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_site_with_another_plugin_is_rendered_in_one_process(
    tmp_path: Path, forks: list[int]
) -> None:
    """Material's search plugin, say, would index only the pages of one process."""
    root = corpus_project("rich", tmp_path / "project")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("plugins: []", "plugins: [search]"), "utf-8")
    _build(root, tmp_path / "site")
    assert forks == []
    index = json.loads((tmp_path / "site/search/search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert len(pages) == len(list((tmp_path / "site").rglob("*.html"))) - 1  # not the 404


SPLIT_HUB = (
    "import runpy, engines.mkdocs as m; m.SPLIT_FROM = 0;"
    " runpy.run_module('site_builder', run_name='__main__')"
)


def _descendants(pid: int) -> list[int]:
    children = child_pids(pid)
    return children + [grandchild for child in children for grandchild in _descendants(child)]


def _running_python(pid: int) -> bool:
    try:
        return "python" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGKILL, -signal.SIGKILL)],
    ids=["SIGINT", "SIGTERM", "SIGKILL"],
)
def test_a_build_stopped_while_two_processes_render_ends_cleanly(
    tmp_path: Path, signum: int, code: int
) -> None:
    root = corpus_project("rich", tmp_path / "project")
    site = tmp_path / "site"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", SPLIT_HUB, "build", "--site-dir", str(site), "--as-of", AS_OF]
    assert subprocess.run(command, cwd=root, env=env, capture_output=True).returncode == 0
    before = tree_hashes(site)

    def default_ctrl_c() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    hub = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_ctrl_c,
    )
    deadline = time.monotonic() + 120
    # the two page workers and the second MkDocs process: three Python children
    while len([p for p in _descendants(hub.pid) if _running_python(p)]) < 3:
        assert time.monotonic() < deadline and hub.poll() is None, "no second MkDocs process"
        time.sleep(0.005)
    started = _descendants(hub.pid)
    hub.send_signal(signum)
    _, stderr = hub.communicate(timeout=120)
    assert hub.returncode == code, stderr
    assert tree_hashes(site) == before
    if signum != signal.SIGKILL:  # killed, it leaves its staging folder to the next build
        assert stderr.splitlines() == ["hub: build interrupted; the previous site is unchanged"]
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # none is left running, whatever it was doing (a worker reading half a page, say)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in started):
        assert time.monotonic() < deadline, "a process of the build is still running"
        time.sleep(0.01)



def test_docs_given_in_memory_render_the_site_the_staged_docs_folder_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus_project("rich", tmp_path / "project")
    image = root / "content/images/pathway.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # copied as it is
    with monkeypatch.context() as staged:
        staged.setattr(adapter.MkDocs, "takes_docs", False)
        _build(root, tmp_path / "staged")
    given = []
    monkeypatch.setattr(adapter.MkDocs, "render", _recording(adapter.MkDocs.render, given))
    _build(root, tmp_path / "given")
    assert len(given) == 1 and len(given[0]) > 30  # the docs went in memory
    assert any(isinstance(source, Path) for source in given[0].values())  # and an image
    staged, in_memory = _files(tmp_path / "staged"), _files(tmp_path / "given")
    assert sorted(in_memory) == sorted(staged)
    for rel in staged:
        assert in_memory[rel] == staged[rel], rel
    assert in_memory["images/pathway.png"] == image.read_bytes()


def _recording(render, given: list):  # noqa: ANN001, ANN202
    def recorded(self, config, pages=None, docs=None):  # noqa: ANN001, ANN202
        given.append(docs)
        return render(self, config, pages, docs)

    return recorded

PAGE_WITH_STATE = """# {title}

Learning from reviews[^1] and audits[^2]; the MASH shares it.

## Findings

## Findings

<div markdown>
A *block* of Markdown in HTML.
</div>

```text
a fence
```

[^1]: {title}: a footnote.
[^2]: A second one.

*[MASH]: Multi-Agency Safeguarding Hub ({title})
"""


def test_one_converter_for_every_page_renders_each_page_as_mkdocs_does(tmp_path: Path) -> None:
    """Footnotes, abbreviations and heading ids are each page's own: nothing the converter
    held of one page reaches the next."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nNo state here.\n", encoding="utf-8")
    for name in ("one", "two", "three"):
        (docs / f"{name}.md").write_text(PAGE_WITH_STATE.format(title=name), encoding="utf-8")
    (docs / "plain.md").write_text("# Plain\n\nThe MASH, without its abbreviation.\n", "utf-8")
    extensions = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html"]
    extensions += ["tables", {"toc": {"permalink": True}}, "pymdownx.superfences"]
    for name in ("stock", "hub"):
        settings = {"site_name": "Hub", "docs_dir": "docs", "site_dir": f"site-{name}"}
        settings |= {"theme": {"name": "material", "font": False}, "plugins": []}
        settings["markdown_extensions"] = extensions
        (tmp_path / f"{name}.yml").write_text(json.dumps(settings), encoding="utf-8")
    stock = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "stock.yml")]
    subprocess.run(stock, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    adapter.MkDocs().render(tmp_path / "hub.yml")
    hub, mkdocs = _files(tmp_path / "site-hub"), _files(tmp_path / "site-stock")
    assert sorted(hub) == sorted(mkdocs)
    for rel in hub:
        assert hub[rel] == mkdocs[rel], rel
    two = hub["two/index.html"].decode()
    assert 'id="fn:1"' in two and "fn:3" not in two  # its footnotes count from 1
    assert 'title="Multi-Agency Safeguarding Hub (two)"' in two
    assert "<abbr" not in hub["plain/index.html"].decode()


def _stock_and_hub(tmp_path: Path, overrides: dict[str, str] | None = None) -> tuple[dict, dict]:
    """The site of a docs folder with a nav of sections and links, and pages outside it in
    folders side by side, rendered by stock MkDocs and by the adapter (in one process)."""
    docs = tmp_path / "docs"
    pages = {
        "index.md": "# Home\n",
        "themes/index.md": "# Themes\n",
        "themes/neglect.md": "# Neglect\n",
        "themes/other.md": "# Other (outside the nav, beside Neglect)\n",
        "briefings/index.md": "# Briefings\n",
        "briefings/a.md": "# A\n\n## Part\n",
        "briefings/b.md": "# B\n",
        "briefings/c/index.md": "# C\n",
        "briefings/c/more.md": "# More of C (in the nav, under C's folder)\n",
        "reviews/r1.md": "# R1\n",
    }
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    nav = [
        {"Home": "index.md"},
        {"Themes": ["themes/index.md", "themes/neglect.md"]},
        {"Briefings": "briefings/index.md"},
        {"More of C": "briefings/c/more.md"},
        {"Partners": "https://partners.example/"},
    ]
    theme = {"name": "material", "font": False, "features": ["navigation.indexes"]}
    if overrides:
        for rel, text in overrides.items():
            (tmp_path / "overrides" / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "overrides" / rel).write_text(text, encoding="utf-8")
        theme["custom_dir"] = "overrides"
    for name in ("stock", "hub"):
        settings = {"site_name": "Hub", "docs_dir": "docs", "site_dir": f"site-{name}"}
        settings |= {"theme": theme, "plugins": [], "nav": nav}
        settings["validation"] = {"nav": {"omitted_files": "ignore"}}
        (tmp_path / f"{name}.yml").write_text(json.dumps(settings), encoding="utf-8")
    stock = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "stock.yml")]
    subprocess.run(stock, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    adapter.MkDocs().render(tmp_path / "hub.yml")
    return _files(tmp_path / "site-stock"), _files(tmp_path / "site-hub")


def _navigations_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    render = adapter._NavOnce._render

    def counted(self, context):  # noqa: ANN001, ANN202
        rendered.append(getattr(context.get("page"), "url", None))
        return render(self, context)

    monkeypatch.setattr(adapter._NavOnce, "_render", counted)
    return rendered


def test_the_navigation_rendered_once_for_pages_alike_is_each_page_s_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages outside the nav in one parent folder share it (briefings/a/, briefings/b/); a
    page in the nav, one with an item under its folder (briefings/c/) and one elsewhere
    (reviews/r1/) have their own; every page is as stock MkDocs renders it."""
    rendered = _navigations_rendered(monkeypatch)
    stock, hub = _stock_and_hub(tmp_path)
    assert sorted(hub) == sorted(stock)
    for rel in stock:
        assert hub[rel] == stock[rel], rel
    assert "briefings/a/" in rendered or "briefings/b/" in rendered
    assert not {"briefings/a/", "briefings/b/"} <= set(rendered)  # one of them, once
    assert {"", "themes/", "themes/neglect/", "briefings/c/", "reviews/r1/"} <= set(rendered)


def test_an_override_of_the_navigation_renders_it_for_each_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partnership's own nav partial may show anything of the page: it is never shared."""
    material_nav = (Path(adapter.THEME) / "partials/nav.html").read_text(encoding="utf-8")
    nav = "<!-- {{ page.title }} -->\n" + material_nav
    rendered = _navigations_rendered(monkeypatch)
    stock, hub = _stock_and_hub(tmp_path, {"partials/nav.html": nav})
    for rel in stock:
        assert hub[rel] == stock[rel], rel
    assert "<!-- B -->" in hub["briefings/b/index.html"].decode()
    assert rendered == []  # Material's way of rendering it was not used at all
