"""Where items live: docs paths, URLs, output files, links (expected values by hand)."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder import routes


@pytest.mark.parametrize(
    ("docs", "url", "output"),
    [
        ("index.md", "", "index.html"),
        ("briefings/index.md", "briefings/", "briefings/index.html"),
        ("briefings/x.md", "briefings/x/", "briefings/x/index.html"),
        ("briefings/audience/health.md", "briefings/audience/health/",
         "briefings/audience/health/index.html"),
        ("actions/actions.csv", "actions/actions.csv", "actions/actions.csv"),
    ],
)
def test_url_and_output_of_a_docs_path(docs: str, url: str, output: str) -> None:
    assert routes.url(docs) == url
    assert routes.output(docs) == output


def test_the_pages_that_render_to_an_output_file() -> None:
    assert routes.page_candidates("index.html") == ["index.md"]
    assert routes.page_candidates("themes/x/index.html") == ["themes/x.md", "themes/x/index.md"]
    assert routes.page_candidates("404.html") == ["404.md"]
    assert routes.page_candidates("feeds/rss.xml") == []


def test_items_and_their_sources() -> None:
    assert routes.briefing("b1") == "briefings/b1.md"
    assert routes.review("r1") == "reviews/r1.md"
    assert routes.report("2026-27-q1") == "reports/2026-27-q1.md"
    assert routes.scorecard_csv("2026-27-q1") == "reports/2026-27-q1/scorecard.csv"
    assert routes.subgroup("neglect-sg") == "assurance/neglect-sg.md"
    assert routes.document_source("reviews", "r1") == "content/reviews/r1.md"
    assert routes.docs_path("content/about/team.md") == "about/team.md"
    assert routes.docs_path("data/taxonomy.yaml") is None
    assert routes.is_document_source("reviews/r1.md")
    assert not routes.is_document_source("themes/neglect.md")


def test_absolute_urls_under_the_site_url() -> None:
    assert routes.absolute("https://h.example/base/", "briefings/b1.md") == (
        "https://h.example/base/briefings/b1/"
    )
    assert routes.absolute("https://h.example", "index.md") == "https://h.example/"
    assert routes.absolute("", "feeds/rss.xml") == "/feeds/rss.xml"


@pytest.mark.parametrize(
    ("page", "target", "served", "from_source"),
    [
        ("agencies/education.md", "reviews/r1.md", "../../reviews/r1/", "../reviews/r1/"),
        ("agencies/index.md", "reviews/r1.md", "../reviews/r1/", "../reviews/r1/"),
        ("index.md", "find/index.md", "find/", "find/"),
        ("find/index.md", "find/index.md", "./", "./"),
        ("themes/neglect.md", "themes/neglect.md", "./", "neglect/"),
        ("reports/2026-27-q1.md", "reports/2026-27-q1/scorecard.csv", "scorecard.csv",
         "2026-27-q1/scorecard.csv"),
    ],
)
def test_raw_html_links_as_each_engine_reads_them(
    page: str, target: str, served: str, from_source: str
) -> None:
    assert routes.relative_url(page, target) == served
    with routes.links_for(from_source=True):
        assert routes.relative_url(page, target) == from_source
    assert routes.relative_url(page, target) == served  # the block's setting is undone


def test_markdown_links_are_relative_to_the_source() -> None:
    assert routes.relative("agencies/education.md", "reviews/r1.md") == "../reviews/r1.md"
    assert routes.relative("index.md", "briefings/index.md") == "briefings/index.md"


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("themes/neglect/", "briefings/x/", "../../themes/neglect"),
        ("briefings/", "briefings/x/", ".."),
        ("", "agencies/police/", "../.."),
        ("briefings/x/", "", "briefings/x"),
        ("themes/", "themes/", "."),
    ],
)
def test_relative_path_between_the_hubs_own_paths(target: str, base: str, expected: str) -> None:
    assert routes._relative_path(target, base) == expected


_SEGMENT = st.sampled_from(["a", "b", "themes", "index.md", "x-1"])


@given(
    st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, max_size=4), st.booleans(), st.booleans()
)
def test_relative_path_is_posix_relpath(
    to: list[str], start: list[str], slash_to: bool, slash_start: bool
) -> None:
    target = "/".join(to) + ("/" if slash_to and to else "")
    base = "/".join(start) + ("/" if slash_start and start else "")
    assert routes._relative_path(target, base) == posixpath.relpath(target or ".", base or ".")
