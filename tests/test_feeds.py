"""Feeds: RSS 2.0 and JSON Feed 1.1 of published briefings and reviews, through `hub build`."""

from __future__ import annotations

import json
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from site_builder.pages.feeds import rfc822, rfc3339
from tests.conftest import AS_OF, BRIEFING, REVIEW, SEVEN_SECTIONS, run_hub

BASE = "https://learning.northbridge-scp.example"


def briefing(title: str, day: str, extra: str = "", themes: str = "[neglect]") -> str:
    return (
        f"---\ntitle: {title}\ndate: {day}\nsummary: About {title}.\n"
        f"themes: {themes}\n{extra}---\n\n{SEVEN_SECTIONS}\n"
    )


LEFT_OUT = {
    "content/briefings/draft-one.md": briefing("Draft briefing", "2026-02-01", "status: draft\n"),
    "content/briefings/embargoed-one.md": briefing(
        "Embargoed briefing", "2026-02-02", "publish_from: 2027-01-01\n"
    ),
    "content/briefings/future-dated.md": briefing("Future briefing", "2026-12-25"),
    "content/briefings/internal-one.md": briefing(
        "Internal briefing", "2026-02-03", "visibility: internal\n"
    ),
    "content/reviews/rr-2026-03-child-z.md": (
        "---\ntitle: Child Z\ntype: rapid-review\nthemes: [neglect]\nnotified: 2026-03-01\n"
        "status: draft\n---\n\nDraft review.\n"
    ),
}

PUBLISHED = {
    "content/briefings/older.md": briefing(
        "Older <b>briefing</b> & more", "2025-06-01", themes="[neglect, early-help]"
    ),
    "content/briefings/newest.md": briefing("Newest briefing", "2026-09-01"),
    "content/reviews/lr-2026-05-child-b.md": (
        "---\ntitle: Child B\ntype: learning-review\nthemes: [csa-cse]\nnotified: 2026-05-01\n"
        "completed: 2026-07-01\npublished: 2026-08-01\nlearning:\n  - Listen to the child\n"
        "  - Share information early.\n---\n\nSummary.\n"
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project with published and left-out items, built by the real CLI."""
    from tests.conftest import MINIMAL_FILES, copy_engine, write_tree

    root = tmp_path_factory.mktemp("feeds") / "project"
    root.mkdir()
    copy_engine(root)
    write_tree(root, {**MINIMAL_FILES, **PUBLISHED, **LEFT_OUT})
    result = run_hub(root, "build", "--site-dir", "site", "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def rss(built: Path) -> ET.Element:
    return ET.parse(built / "feeds" / "rss.xml").getroot()


@pytest.fixture(scope="module")
def feed(built: Path) -> dict:
    return json.loads((built / "feeds" / "learning.json").read_text(encoding="utf-8"))


# The minimal corpus: briefing 2026-01-15, review Child A completed 2026-01-20 (no published).
EXPECTED_URLS = [
    f"{BASE}/briefings/newest/",  # 2026-09-01
    f"{BASE}/reviews/lr-2026-05-child-b/",  # published 2026-08-01
    f"{BASE}/reviews/rr-2026-01-child-a/",  # completed 2026-01-20
    f"{BASE}/briefings/neglect-toxic-trio/",  # 2026-01-15
    f"{BASE}/briefings/older/",  # 2025-06-01
]


def test_rss_is_rss_2_with_one_item_per_published_document_newest_first(rss: ET.Element):
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel is not None
    assert channel.findtext("link") == f"{BASE}/"
    assert [item.findtext("link") for item in channel.findall("item")] == EXPECTED_URLS
    for item in channel.findall("item"):
        for field in ("title", "link", "guid", "pubDate", "description"):
            assert item.findtext(field), field
        parsedate_to_datetime(item.findtext("pubDate"))  # RFC 822


def test_rss_item_fields(rss: ET.Element):
    items = {item.findtext("link"): item for item in rss.iter("item")}
    review = items[f"{BASE}/reviews/lr-2026-05-child-b/"]
    assert review.findtext("title") == "Learning review: Child B"
    assert review.findtext("pubDate") == "Sat, 01 Aug 2026 00:00:00 +0000"
    assert review.findtext("description") == (
        "Learning review. Key learning: Listen to the child. Share information early."
    )
    assert [c.text for c in review.findall("category")] == ["Child Sexual Abuse and Exploitation"]
    older = items[f"{BASE}/briefings/older/"]
    assert older.findtext("title") == "Older <b>briefing</b> & more"  # text, escaped in the XML
    assert [c.text for c in older.findall("category")] == ["Neglect", "Early Help"]
    assert older.findtext("description") == "About Older <b>briefing</b> & more."


def test_rss_escapes_markup_in_titles(built: Path):
    raw = (built / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert "Older &lt;b&gt;briefing&lt;/b&gt; &amp; more" in raw
    assert "<b>" not in raw


def test_json_feed_version_and_items(feed: dict):
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["home_page_url"] == f"{BASE}/"
    assert feed["feed_url"] == f"{BASE}/feeds/learning.json"
    assert [item["url"] for item in feed["items"]] == EXPECTED_URLS
    for item in feed["items"]:
        assert {"id", "url", "title", "date_published", "summary", "tags"} <= item.keys()
        assert item["id"] == item["url"]
        assert item["url"].startswith("https://")
    newest = feed["items"][0]
    assert newest == {
        "id": f"{BASE}/briefings/newest/",
        "url": f"{BASE}/briefings/newest/",
        "title": "Newest briefing",
        "content_text": "About Newest briefing.",
        "summary": "About Newest briefing.",
        "date_published": "2026-09-01T00:00:00+00:00",
        "tags": ["Neglect"],
    }


@pytest.mark.parametrize("name", ["rss.xml", "learning.json"])
def test_left_out_items_are_in_neither_feed(built: Path, name: str):
    text = (built / "feeds" / name).read_text(encoding="utf-8")
    for word in (
        "Draft",
        "Embargoed",
        "Future",
        "Internal",
        "Child Z",
        "draft-one",
        "embargoed-one",
        "future-dated",
        "internal-one",
        "child-z",
    ):
        assert word not in text


def test_feeds_are_advertised_in_every_page_head(built: Path):
    for page in (built / "index.html", built / "briefings" / "newest" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert 'type="application/rss+xml"' in html
        assert 'type="application/feed+json"' in html
        assert "feeds/rss.xml" in html and "feeds/learning.json" in html


def test_internal_edition_adds_internal_items(tmp_path: Path):
    from tests.conftest import MINIMAL_FILES, copy_engine, write_tree

    copy_engine(tmp_path)
    write_tree(tmp_path, {**MINIMAL_FILES, **LEFT_OUT})
    result = run_hub(tmp_path, "build", "--site-dir", "site", "--as-of", AS_OF, "--internal")
    assert result.returncode == 0, result.stdout + result.stderr
    feed = json.loads((tmp_path / "site/feeds/learning.json").read_text(encoding="utf-8"))
    titles = [item["title"] for item in feed["items"]]
    assert "Internal briefing" in titles
    assert "Draft briefing" not in titles


def test_date_formats():
    assert rfc822(date(2026, 1, 15)) == "Thu, 15 Jan 2026 00:00:00 +0000"
    assert rfc3339(date(2026, 1, 15)) == "2026-01-15T00:00:00+00:00"


def test_minimal_fixtures_still_match():
    # The expectations above rely on the shared minimal corpus's dates.
    assert "date: 2026-01-15" in BRIEFING
    assert "completed: 2026-01-20" in REVIEW and "published:" not in REVIEW
