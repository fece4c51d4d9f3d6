"""`hub build` and plain `mkdocs build`: contract URLs, navigation, atomic publishing.

Each corpus is built once per module; the atomic-build tests build their own copy.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, ENGINE, ENGINE_FAILED, REPO, run_hub
from fixture_corpus import pagefind_records, prepared, tree_hashes, write_corpus

from site_builder.engine import engine
from site_builder.gate import OutputGate
from site_builder.loader import DOCUMENT_FOLDERS
from site_builder.pipeline import Prepared
from site_builder.site import Site

SITE_URL = re.search(r"^site_url: (\S+)$", (REPO / "mkdocs.yml").read_text(), re.M).group(1)


def _build(root: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF, *args)


@pytest.fixture(scope="module")
def fixture_build(corpus_build: tuple[Path, Path]) -> tuple[Prepared, Path]:
    """The fixture corpus, built once per session."""
    root, site_dir = corpus_build
    return prepared(root), site_dir


@pytest.fixture(scope="module")
def rich(rich_build: tuple[Path, Path]) -> tuple[Prepared, Path]:
    """tests/corpora/rich, built once per session."""
    root, site_dir = rich_build
    return prepared(root), site_dir


def contract_urls(built: Prepared) -> list[str]:
    """Every URL the contract promises for the published items, themes and agencies."""
    site = built.site
    urls = ["", "briefings/", "reviews/", "themes/", "agencies/", "actions/", "reports/"]
    urls += [f"briefings/{b.id}/" for b in site.briefings]
    urls += [f"reviews/{r.id}/" for r in site.reviews]
    urls += [f"reports/{r.period}/" for r in site.reports]
    urls += [f"themes/{p.id}/" for p in site.taxonomy.priorities]
    urls += [f"agencies/{a.id}/" for a in site.taxonomy.agencies]
    return urls


@pytest.mark.parametrize("corpus", ["fixture_build", "rich"])
def test_every_contract_url_exists(corpus: str, request: pytest.FixtureRequest) -> None:
    built, site_dir = request.getfixturevalue(corpus)
    missing = [u for u in contract_urls(built) if not (site_dir / u / "index.html").is_file()]
    assert missing == []
    for name in ("feeds/rss.xml", "feeds/learning.json", "actions/actions.csv"):
        assert (site_dir / name).is_file(), name


@pytest.mark.parametrize("corpus", ["fixture_build", "rich"])
def test_every_page_is_in_the_sitemap(corpus: str, request: pytest.FixtureRequest) -> None:
    built, site_dir = request.getfixturevalue(corpus)
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for url in contract_urls(built):
        assert f"<loc>{SITE_URL}{url}</loc>" in sitemap, url


@pytest.mark.parametrize("corpus", ["fixture_build", "rich"])
def test_search_results_are_the_learning_and_free_pages_only(
    corpus: str, request: pytest.FixtureRequest
) -> None:
    built, site_dir = request.getfixturevalue(corpus)
    site = built.site
    expected = {f"/briefings/{b.id}/" for b in site.briefings}
    expected |= {f"/reviews/{r.id}/" for r in site.reviews}
    expected |= {f"/reports/{r.period}/" for r in site.reports}
    expected |= {"/" + p.src_uri.removesuffix(".md") + "/" for p in site.project.pages}
    expected -= {"/index/"}  # the home page is generated: a way in, not a result
    assert set(pagefind_records(site_dir)) == expected


def test_rich_corpus_publishes_its_briefings_and_reviews(rich) -> None:  # noqa: ANN001
    built, _ = rich
    # 19 briefings less a draft, an embargoed and an internal one; 9 reviews less a draft.
    assert len(built.site.briefings) == 16
    assert len(built.site.reviews) == 8
    assert len(built.site.taxonomy.priorities) == 7


def _sidebar(html: str) -> str:
    match = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S)
    assert match, "no primary navigation"
    return match.group(0)


def test_sidebar_lists_sections_not_documents(rich) -> None:  # noqa: ANN001
    built, site_dir = rich
    for page in ("briefings/index.html", f"briefings/{built.site.briefings[0].id}/index.html"):
        sidebar = _sidebar((site_dir / page).read_text(encoding="utf-8"))
        pages = set(re.findall(r'href="([^"#][^"]*)"', sidebar))
        assert len(pages) == len(_nav_targets()), (page, pages)
        assert not [b.id for b in built.site.briefings if f"/{b.id}/" in sidebar]


def _nav_targets() -> list[str]:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r":\s*(\S+\.md)", nav)


def test_mkdocs_yml_nav_names_no_document() -> None:
    """Section pages and free pages only: a document's page is reached from its section."""
    documents = [
        t for t in _nav_targets() if t.split("/")[0] in DOCUMENT_FOLDERS and t.count("/") == 1
    ]
    assert [t for t in documents if not t.endswith("/index.md")] == []


@pytest.mark.parametrize("corpus", ["fixture_build", "rich"])
def test_the_output_gate_finds_nothing_in_an_ordinary_build(
    corpus: str, request: pytest.FixtureRequest
) -> None:
    built, site_dir = request.getfixturevalue(corpus)
    site = Site.publish(built.site.project, built.site.edition, SITE_URL)
    assert site.left_out  # both corpora leave items out, so there are ids to look for
    gate = OutputGate.for_site(site, site_dir.parent / "project", engine(ENGINE).shipped)
    assert gate.scan(site_dir, workers=1) == []


# Atomic publishing ---------------------------------------------------------------------


@pytest.fixture
def good_build(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    root = write_corpus(tmp_path / "project")
    site_dir = tmp_path / "site"
    assert _build(root, site_dir).returncode == 0
    return root, site_dir, tree_hashes(site_dir)


def _leftovers(site_dir: Path) -> list[str]:
    return [p.name for p in site_dir.parent.iterdir() if p.name.startswith(f".{site_dir.name}.")]


def test_content_error_leaves_previous_site_byte_identical(good_build) -> None:  # noqa: ANN001
    root, site_dir, before = good_build
    path = root / "content/briefings/neglect-toxic-trio.md"
    path.write_text(path.read_text().replace("themes: [neglect]", "themes: [negelct]"))
    result = _build(root, site_dir)
    assert result.returncode == 1
    assert (
        "content/briefings/neglect-toxic-trio.md:5: error: unknown theme 'negelct' "
        "(did you mean 'neglect'?)"
    ) in result.stdout
    assert tree_hashes(site_dir) == before
    assert _leftovers(site_dir) == []


def test_engine_failure_leaves_previous_site_byte_identical(good_build) -> None:  # noqa: ANN001
    root, site_dir, before = good_build
    template = root / "overrides/main.html"  # a template the engine cannot compile
    template.write_text(template.read_text() + "\n{% block footer %}{% if %}{% endblock %}\n")
    result = _build(root, site_dir)
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"hub: error: {ENGINE_FAILED[ENGINE]}"), last
    assert last.endswith("; the previous site is unchanged"), last
    assert "Traceback" not in result.stderr
    assert tree_hashes(site_dir) == before
    assert _leftovers(site_dir) == []


def test_a_new_build_replaces_the_site_whole(good_build) -> None:  # noqa: ANN001
    root, site_dir, before = good_build
    (root / "content/briefings/neglect-toxic-trio.md").unlink()
    assert _build(root, site_dir).returncode == 0
    after = tree_hashes(site_dir)
    assert "briefings/neglect-toxic-trio/index.html" in before
    assert "briefings/neglect-toxic-trio/index.html" not in after
    assert _leftovers(site_dir) == []


# Plain mkdocs ----------------------------------------------------------------------------


def _plain_mkdocs(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "HUB_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HUB_CHECKED", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    return subprocess.run(
        [*command, "-d", str(site_dir)], cwd=root, env=env, capture_output=True, text=True
    )


def test_plain_mkdocs_build_reports_the_same_errors_without_traceback(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    path = root / "content/reviews/rr-2026-01-child-a.md"
    path.write_text(path.read_text().replace("owner: health", "owner: heath"))
    check = run_hub(root, "check", "--as-of", AS_OF)
    expected = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert len(expected) == 1
    assert expected[0].startswith("content/reviews/rr-2026-01-child-a.md:13: error: ")
    assert "'heath' (did you mean 'health'?)" in expected[0]
    result = _plain_mkdocs(root, tmp_path / "site")
    assert result.returncode == 1
    assert expected[0] in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_plain_mkdocs_build_refuses_the_drafts_preview(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HUB_AS_OF": AS_OF, "HUB_PREVIEW": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(
        [*command, "-d", str(tmp_path / "site")], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        "HUB_PREVIEW=1 is only for 'hub serve --drafts': a build never includes drafts"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_hub_build_has_no_drafts_option(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    result = run_hub(root, "build", "--drafts", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "unrecognized arguments: --drafts" in result.stderr
    assert not (tmp_path / "site").exists()


def test_plain_mkdocs_build_builds_the_same_pages(fixture_build, tmp_path: Path) -> None:  # noqa: ANN001
    built, site_dir = fixture_build
    root = write_corpus(tmp_path / "project")
    result = _plain_mkdocs(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}
    plain_dir = tmp_path / "site"
    plain = {p.relative_to(plain_dir).as_posix() for p in plain_dir.rglob("*.html")}
    assert plain == pages


def test_home_replaces_the_authors_index_and_keeps_its_text(fixture_build) -> None:  # noqa: ANN001
    _, site_dir = fixture_build
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "<p>A test project.</p>" in home
    assert '<h2 id="latest-learning">Latest learning' in home
    assert 'href="briefings/neglect-toxic-trio/"' in home
    assert 'href="reports/2026-27-q2/"' in home


@pytest.mark.parametrize("corpus", ["fixture_build", "rich"])
def test_every_local_link_resolves(corpus: str, request: pytest.FixtureRequest) -> None:
    """Lists are raw HTML (MkDocs does not check those links), so check every built link."""
    _, site_dir = request.getfixturevalue(corpus)
    broken = []
    for page in site_dir.rglob("*.html"):
        if page.name == "404.html":  # served at any depth, so MkDocs gives it absolute links
            continue
        for target in re.findall(r'href="([^"#:?]+)"', page.read_text(encoding="utf-8")):
            if target.endswith(".md"):  # a nav entry the fixture lacks: MkDocs warns of those
                continue
            resolved = (page.parent / target).resolve()
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(site_dir)} -> {target}")
    assert broken == []
