"""Publication rules end to end: `hub build` of the fixture corpus, every output file read.

A left-out item (draft, embargoed, future-dated, internal in the public build) is in no
file: no page, search-index entry, sitemap entry, feed item, CSV row, title or link.
Text from front matter is escaped wherever it is shown.
"""

from __future__ import annotations

import json

import pytest
from conftest import AS_OF, ENGINE, run_hub
from fixture_corpus import (
    INTERNAL_MARKERS,
    LEFT_OUT_MARKERS,
    SCRIPT,
    SCRIPT_ESCAPED,
    built_site,
    pagefind_text,
    site_texts,
    tree_hashes,
    write_corpus,
)

# JSON Feed 1.1 fields that hold plain text (readers escape them); HTML goes in content_html.
_PLAIN_TEXT_FEED_FIELDS = ("title", "summary", "content_text")


@pytest.fixture(scope="module")
def public(corpus_build) -> dict[str, str]:  # noqa: ANN001
    return site_texts(corpus_build[1])


@pytest.fixture(scope="module")
def internal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return site_texts(built_site(tmp_path_factory.mktemp("internal"), "--internal"))


@pytest.mark.parametrize("marker", sorted(LEFT_OUT_MARKERS))
def test_left_out_item_is_in_no_file(public: dict[str, str], marker: str) -> None:
    found = [path for path, text in public.items() if marker in text.lower()]
    assert found == [], f"{LEFT_OUT_MARKERS[marker]} leaked into {found}"


def test_every_kind_of_output_was_searched(public: dict[str, str]) -> None:
    for path in (
        "index.html",
        "briefings/index.html",
        "pagefind/pagefind-entry.json",
        "sitemap.xml",
        *(["sitemap.xml.gz"] if ENGINE == "mkdocs" else []),  # Zensical writes none
        "feeds/rss.xml",
        "feeds/learning.json",
        "actions/actions.csv",
        "reviews/reviews.csv",
    ):
        assert path in public
    assert [p for p in public if p.startswith("pagefind/fragment/")], "no search records"
    assert [p for p in public if p.startswith("pagefind/index/")], "no search index chunks"


def test_internal_edition_includes_the_internal_items(internal: dict[str, str]) -> None:
    assert "briefings/zqinternalbrief/index.html" in internal
    assert "reviews/zqinternalreview/index.html" in internal
    for marker in INTERNAL_MARKERS:
        assert marker in pagefind_text(internal)
    assert "zqinternalbrief" in internal["briefings/index.html"]


def test_edit_links_only_in_the_internal_edition(
    public: dict[str, str], internal: dict[str, str]
) -> None:
    assert [p for p, text in public.items() if 'rel="edit"' in text] == []
    page = internal["briefings/neglect-toxic-trio/index.html"]
    edit = "https://github.com/northbridge-scp/learning-hub/edit/main/content/briefings/"
    assert f'href="{edit}neglect-toxic-trio.md"' in page


def test_internal_edition_still_leaves_out_drafts_and_embargoes(internal: dict[str, str]) -> None:
    for marker in set(LEFT_OUT_MARKERS) - set(INTERNAL_MARKERS):
        assert not [p for p, text in internal.items() if marker in text], marker


def test_briefing_citing_a_draft_review_does_not_link_it(public: dict[str, str]) -> None:
    page = public["briefings/citing-draft-review/index.html"]
    # The body's two links to the draft review lose their link but keep their text.
    assert "<p>Read the draft review, also at\nits address, and " in page
    assert "zqdraftreview" not in page
    # The published source review is still linked, from the facts box and the body.
    assert page.count('href="../../reviews/rr-2026-01-child-a/"') == 2


def test_free_page_link_to_left_out_briefing_is_dropped(public: dict[str, str]) -> None:
    assert "<p>See a draft for more.</p>" in public["about/index.html"]


def _pages_listing(public: dict[str, str], name: str) -> list[str]:
    return [
        path
        for path, text in public.items()
        if path.endswith(".html") and f"{SCRIPT_ESCAPED} {name}" in text
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Evil briefing",
            {
                "index.html",
                "briefings/index.html",
                "briefings/evil-briefing/index.html",
                "briefings/audience/health/index.html",
                "themes/csa-cse/index.html",
                "agencies/health/index.html",
            },
        ),
        (
            "Evil review",
            {
                "reviews/index.html",
                "reviews/evil-review/index.html",
                "themes/csa-cse/index.html",
                "agencies/health/index.html",
            },
        ),
    ],
)
def test_script_in_a_title_is_escaped_on_every_page_listing_it(
    public: dict[str, str], name: str, expected: set[str]
) -> None:
    assert expected <= set(_pages_listing(public, name))


def test_script_in_text_fields_never_becomes_markup(public: dict[str, str]) -> None:
    # The JSON feed and the search records hold plain text (readers and search.js show it
    # as text); every HTML page holds it escaped.
    raw = [
        p
        for p, text in public.items()
        if SCRIPT in text and p != "feeds/learning.json" and not p.startswith("pagefind/")
    ]
    assert raw == []
    evil_briefing = public["briefings/evil-briefing/index.html"]
    assert f"{SCRIPT_ESCAPED} evil summary &amp; more" in evil_briefing
    evil_review = public["reviews/evil-review/index.html"]
    assert f"{SCRIPT_ESCAPED} evil learning" in evil_review
    assert f"{SCRIPT_ESCAPED} evil action" in evil_review
    assert f"{SCRIPT_ESCAPED} evil action" in public["agencies/health/index.html"]
    assert f'"title":"{SCRIPT} Evil briefing"' in pagefind_text(public)


def test_json_feed_keeps_script_only_in_plain_text_fields(public: dict[str, str]) -> None:
    for item in json.loads(public["feeds/learning.json"])["items"]:
        for key, value in item.items():
            if isinstance(value, str) and SCRIPT in value:
                assert key in _PLAIN_TEXT_FEED_FIELDS, key


def test_page_titles_are_escaped_in_the_head(public: dict[str, str]) -> None:
    page = public["briefings/evil-briefing/index.html"]
    assert f"<title>{SCRIPT_ESCAPED} Evil briefing - " in page
    assert (
        f'<meta name="description" content="{SCRIPT_ESCAPED} evil summary &amp;amp; more">'
        in (page)
        or f'content="{SCRIPT_ESCAPED} evil summary &amp; more"' in page
    )


def test_build_writes_nothing_into_content(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = write_corpus(tmp_path_factory.mktemp("content-untouched") / "project")
    before = tree_hashes(root / "content")
    result = run_hub(root, "build", "--site-dir", str(root / "site"), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert tree_hashes(root / "content") == before
