"""The page stream: pages checked and indexed while the engine renders (site_builder.page_stream),
and the gate passing only the very bytes it checked."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
from pathlib import Path

import pytest
from conftest import write_tree

from engines.mkdocs import MkDocs
from site_builder.gate import OutputGate, page_digest
from site_builder.page_stream import PageStream

PHONE_PAGE = "<p>Call 0161 496 0000 today</p>"
PHONE = "site/a/index.html: error: possible phone number '01** *** ****' in the text"
SEARCHABLE = (
    '<html lang="en"><head><title>{0}</title></head>'
    "<body><main data-pagefind-body><h1>{0}</h1><p>{1}</p></main></body></html>"
)


def _unpacked(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8", "replace")


def _gate() -> OutputGate:
    return OutputGate(site_url="https://hub.example/", shipped=MkDocs.shipped)


def test_a_file_checked_already_is_passed_only_while_its_bytes_are_those_checked(
    tmp_path: Path,
) -> None:
    folder = write_tree(tmp_path / "site", {"a/index.html": PHONE_PAGE})
    gate = _gate()
    checked = {"a/index.html": page_digest(PHONE_PAGE.encode())}
    # checked, and its findings (none given here) stand: the file is not read again
    assert gate.scan(folder, "site", workers=1, checked=checked) == []
    # changed after it was checked: read again, and the phone number is found
    (folder / "a/index.html").write_text(PHONE_PAGE + " ", encoding="utf-8")
    found = gate.scan(folder, "site", workers=1, checked=checked)
    assert [p.format() for p in found] == [PHONE]


def test_file_problems_are_the_problems_the_scan_finds(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "site", {"a/index.html": PHONE_PAGE})
    gate = _gate()
    early = gate.file_problems("a/index.html", PHONE_PAGE.encode())
    assert [p.format() for p in early] == [
        "a/index.html: error: possible phone number '01** *** ****' in the text"
    ]
    checked = {"a/index.html": page_digest(PHONE_PAGE.encode())}
    found = gate.scan(folder, "site", workers=1, checked=checked, found=early)
    assert [p.format() for p in found] == [PHONE]


def test_streamed_pages_are_checked_and_indexed_with_the_pages_not_handed_over(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    streamed = SEARCHABLE.format("Neglect", "Call 0161 496 0000 about cumulative harm")
    walked = SEARCHABLE.format("Strangers", "Bruising in babies who are not yet mobile")
    with PageStream(site, _gate()) as stream:
        stream.page("a/index.html", streamed)
        stream.page("empty/index.html", "  \n")  # an engine writes no file for it
        write_tree(site, {"a/index.html": streamed, "b/index.html": walked})
        result = stream.finish()
    assert result is not None
    files = (site / "pagefind").rglob("*")
    bundle = sorted(path.relative_to(site).as_posix() for path in files if path.is_file())
    # the page handed over as it was handed; the other page and the bundle as written
    assert sorted(result.digests) == ["a/index.html", "b/index.html", *bundle]
    assert result.digests["a/index.html"] == page_digest(streamed.encode())
    for rel in ["b/index.html", *bundle]:
        assert result.digests[rel] == page_digest((site / rel).read_bytes()), rel
    fragments = [rel for rel in bundle if rel.startswith("pagefind/fragment/")]
    (fragment,) = [rel for rel in fragments if "0161" in _unpacked(site / rel)]
    assert sorted(p.format() for p in result.problems) == [
        "a/index.html: error: possible phone number '01** *** ****' in the text",
        f"{fragment}: error: possible phone number '01** *** ****' in the text",
    ]
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2  # a/ and b/, each once
    assert not (site / "pagefind/pagefind-ui.js").exists()


def test_the_workers_read_each_page_as_the_engine_wrote_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with PageStream(site, _gate()) as stream:
        for n in range(20):  # more than a batch: the first are read while the engine goes on
            stream.page(f"p{n}/index.html", SEARCHABLE.format(f"Page {n}", "Cumulative harm"))
            # written otherwise than handed over (the last one too): what is read is checked
            written = PHONE_PAGE if n in (3, 19) else SEARCHABLE.format(f"Page {n}", "Harm")
            if n != 7:  # handed over, then not written after all
                write_tree(site, {f"p{n}/index.html": written})
        result = stream.finish()
    assert result is not None
    assert sorted(p.format() for p in result.problems) == [
        "p19/index.html: error: possible phone number '01** *** ****' in the text",
        "p3/index.html: error: possible phone number '01** *** ****' in the text",
    ]
    pages = sorted(rel for rel in result.digests if not rel.startswith("pagefind/"))
    assert pages == sorted(f"p{n}/index.html" for n in range(20) if n != 7)
    assert result.digests["p3/index.html"] == page_digest(PHONE_PAGE.encode())
    assert _page_count(site) == 17  # p3 and p19 have no searchable body; p7 is not there


def test_files_checked_early_are_named_by_their_digests(tmp_path: Path) -> None:
    css = "body { color: red } /* call 0161 496 0000 */"
    folder = write_tree(
        tmp_path / "site",
        {"a/index.html": PHONE_PAGE, "assets/hub.css": css, "pagefind/x.pf_meta": "?"},
    )
    digests, problems = _gate().files_problems(folder, ["assets/hub.css", "assets/none.js"])
    assert digests == {"assets/hub.css": page_digest(css.encode())}
    assert [p.format() for p in problems] == [
        "assets/hub.css: error: possible phone number '01** *** ****' in the file"
    ]


def _prepared(root: Path):  # noqa: ANN202
    from datetime import date

    from conftest import AS_OF

    from site_builder.pipeline import check, publish
    from site_builder.publication import Edition

    prepared = publish(check(root), Edition(as_of=date.fromisoformat(AS_OF)), held=True)
    return prepared, OutputGate.for_site(prepared.site, root, MkDocs.shipped)


def _page_count(site: Path) -> int:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["en"]["page_count"]


_FILES_PROBLEMS = OutputGate.files_problems


def _fails(self, folder: Path, rels: list[str]):  # noqa: ANN001, ANN202
    """The page worker's gate, failing on its first pages (as out of memory would)."""
    if multiprocessing.current_process().name == "hub-page-checker":
        raise MemoryError("no room")
    return _FILES_PROBLEMS(self, folder, rels)


def test_a_failed_worker_leaves_the_build_to_index_the_whole_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture
) -> None:
    from conftest import corpus_project

    from site_builder.build import build_site

    root = corpus_project("rich", tmp_path / "project")
    prepared, gate = _prepared(root)
    build_site(prepared, tmp_path / "streamed", MkDocs(), gate)
    monkeypatch.setattr(OutputGate, "files_problems", _fails)
    prepared, gate = _prepared(root)
    build_site(prepared, tmp_path / "site", MkDocs(), gate)
    assert "hub: the page worker stopped (MemoryError: no room)\n" in capfd.readouterr().err
    assert _page_count(tmp_path / "site") == _page_count(tmp_path / "streamed") > 20


@pytest.mark.parametrize("worker", ["checks", "fails"])
def test_a_page_the_engine_leaks_into_is_blocked_whether_or_not_the_worker_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: str
) -> None:
    from conftest import corpus_project

    from site_builder import build
    from site_builder.gate import OutputBlocked

    filled = build._filled

    def leaking(held, then):  # noqa: ANN001, ANN202 - an engine that writes a phone number
        page = filled(held, then)
        leak = {"index.html": PHONE_PAGE + "</main>"}
        return lambda rel, html: page(rel, html.replace("</main>", leak.get(rel, "</main>")))

    root = corpus_project("rich", tmp_path / "project")
    prepared, gate = _prepared(root)
    monkeypatch.setattr(build, "_filled", leaking)
    if worker == "fails":  # then the build checks the whole site after the engine
        monkeypatch.setattr(OutputGate, "files_problems", _fails)
    with pytest.raises(OutputBlocked) as blocked:
        build.build_site(prepared, tmp_path / "site", MkDocs(), gate)
    assert [p.format() for p in blocked.value.problems] == [
        "site/index.html: error: possible phone number '01** *** ****' in the text"
        " (source: the theme or a generated page)"
    ]
    assert not (tmp_path / "site").exists()


def _views(ram: Path) -> list[str]:
    return sorted(path.name for path in ram.glob("hub-search-pages-*"))


def _stream_one_page(site: Path):  # noqa: ANN202
    """What `finish()` gives for one page handed over and written to `site`."""
    page = SEARCHABLE.format("Neglect", "Cumulative harm")
    with PageStream(site, _gate()) as stream:
        stream.page("a/index.html", page)
        write_tree(site, {"a/index.html": page})
        return stream.finish()


def test_the_search_views_are_written_in_memory_where_there_is_room_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import page_stream

    ram = tmp_path / "ram"
    ram.mkdir()
    monkeypatch.setattr(page_stream, "RAM", ram)
    seen = tmp_path / "seen"
    real = page_stream.search.index_site

    def index_site(site_dir: Path, pages: Path) -> int:  # in the forked indexer
        seen.write_text(f"{pages}\n{sorted(p.name for p in pages.iterdir())}", encoding="utf-8")
        return real(site_dir, pages)

    monkeypatch.setattr(page_stream.search, "index_site", index_site)
    site = tmp_path / "build" / "site"
    assert _stream_one_page(site) is not None
    views, names = seen.read_text(encoding="utf-8").splitlines()
    assert Path(views).parent == ram and names == "['a']"
    assert Path(views).name.startswith(f"hub-search-pages-{os.getpid()}-")
    assert _views(ram) == [] and sorted(p.name for p in site.parent.iterdir()) == ["site"]
    assert _page_count(site) == 1


def test_the_search_views_are_beside_the_site_without_room_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import page_stream

    monkeypatch.setattr(page_stream, "RAM", tmp_path / "ram")  # no such folder
    (tmp_path / "b").mkdir()
    assert page_stream.views_folder(tmp_path / "b" / "site", 7).parent == tmp_path / "b"
    (tmp_path / "ram").mkdir()
    monkeypatch.setattr(page_stream, "_RAM_ROOM", 1 << 62)  # more than any disk has free
    assert page_stream.views_folder(tmp_path / "b" / "site", 7).parent == tmp_path / "b"
    monkeypatch.setattr(page_stream, "_RAM_ROOM", 1)
    assert page_stream.views_folder(tmp_path / "b" / "site", 7).parent == tmp_path / "ram"


def test_a_killed_builds_search_views_are_removed_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import page_stream
    from site_builder.build import remove_stale_staging

    ram = tmp_path / "ram"
    for name in ["hub-search-pages-41-abcd_123", "hub-search-pages-42-abcd_123", "other-41"]:
        (ram / name / "a").mkdir(parents=True)
    (ram / "hub-search-pages-43-abcd_123").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.setattr(page_stream, "RAM", ram)
    monkeypatch.setattr("site_builder.build._running", lambda pid: pid == 42)
    (tmp_path / "b").mkdir()
    remove_stale_staging(tmp_path / "b" / "site")
    assert sorted(p.name for p in ram.iterdir()) == [
        "hub-search-pages-42-abcd_123", "hub-search-pages-43-abcd_123", "other-41"
    ]
    assert (tmp_path / "elsewhere").is_dir()


def test_a_failed_indexer_removes_its_search_views(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture
) -> None:
    from site_builder import page_stream

    ram = tmp_path / "ram"
    ram.mkdir()
    monkeypatch.setattr(page_stream, "RAM", ram)

    def index_site(site_dir: Path, pages: Path) -> int:
        raise OSError("the disk is full")

    monkeypatch.setattr(page_stream.search, "index_site", index_site)
    assert _stream_one_page(tmp_path / "build" / "site") is None
    assert "hub: the page worker stopped (OSError: the disk is full)" in capfd.readouterr().err
    assert _views(ram) == []
