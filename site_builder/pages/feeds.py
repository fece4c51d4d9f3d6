"""`/feeds/rss.xml` (RSS 2.0) and `/feeds/learning.json` (JSON Feed 1.1).

Both list every published briefing and review, newest first, with absolute URLs built
from `site_url`, a summary and the item's themes (by name) as categories. Partner
boards subscribe to them; left-out items never appear because only `site.briefings`
and `site.reviews` are read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Date
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from .. import routes
from ..models.briefing import Briefing
from ..models.review import REVIEW_TYPE_NAMES, Review
from ..site import Site
from . import OutputFile

RSS_PATH = routes.RSS
# Material's instant navigation reads `<folder of each rel=alternate link>/sitemap.xml` to
# find language versions; an empty sitemap beside the feeds spares every page a 404.
ALTERNATE_SITEMAP_PATH = routes.FEEDS_SITEMAP
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)
JSON_PATH = routes.JSON_FEED
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TITLE = "Safeguarding learning: briefings and case reviews"
FEED_DESCRIPTION = (
    "Learning briefings and case-review summaries published by the safeguarding children "
    "partnership, newest first."
)
REVIEW_SUMMARY_LIMIT = 600


@dataclass(frozen=True)
class FeedItem:
    """One briefing or review as both feeds show it."""

    id: str
    url: str
    title: str
    date: Date
    summary: str
    tags: tuple[str, ...]


def generate(site: Site) -> list[OutputFile]:
    """Both feeds of the published briefings and reviews."""
    items = feed_items(site)
    return [
        OutputFile(RSS_PATH, render_rss(site, items)),
        OutputFile(JSON_PATH, render_json_feed(site, items)),
        OutputFile(ALTERNATE_SITEMAP_PATH, EMPTY_SITEMAP),
    ]


def feed_items(site: Site) -> list[FeedItem]:
    """Every published briefing and review, newest first (ties: by URL, for a stable order)."""
    items = [_briefing_item(site, b) for b in site.briefings]
    items += [_review_item(site, r) for r in site.reviews]
    return sorted(items, key=lambda item: (item.date, item.url), reverse=True)


def review_title(review: Review) -> str:
    """The review's title, led by its type unless the title already names it."""
    kind = REVIEW_TYPE_NAMES.get(review.type, review.type)
    if kind.casefold() in review.title.casefold():
        return review.title
    return f"{kind}: {review.title}"


def review_summary(review: Review) -> str:
    """A summary built from the review's type and its learning points."""
    kind = REVIEW_TYPE_NAMES.get(review.type, review.type)
    if not review.learning:
        return f"{kind}."
    summary = f"{kind}. Key learning: " + " ".join(_sentence(p) for p in review.learning)
    if len(summary) > REVIEW_SUMMARY_LIMIT:
        summary = summary[: REVIEW_SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return summary


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _briefing_item(site: Site, briefing: Briefing) -> FeedItem:
    url = routes.absolute(site.site_url, routes.briefing(briefing.id))
    return FeedItem(
        id=url,
        url=url,
        title=briefing.title,
        date=briefing.date,
        summary=briefing.summary,
        tags=_theme_names(site, briefing.themes),
    )


def _review_item(site: Site, review: Review) -> FeedItem:
    url = routes.absolute(site.site_url, routes.review(review.id))
    return FeedItem(
        id=url,
        url=url,
        title=review_title(review),
        date=review.feed_date,
        summary=review_summary(review),
        tags=_theme_names(site, review.themes),
    )


def _theme_names(site: Site, theme_ids: list[str]) -> tuple[str, ...]:
    names = []
    for theme_id in theme_ids:
        priority = site.taxonomy.priority(theme_id)
        names.append(priority.name if priority is not None else theme_id)
    return tuple(names)


def _midnight_utc(day: Date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def rfc822(day: Date) -> str:
    """A date as RSS wants it: `Thu, 15 Jan 2026 00:00:00 +0000`."""
    return format_datetime(_midnight_utc(day))


def rfc3339(day: Date) -> str:
    """A date as JSON Feed wants it: `2026-01-15T00:00:00+00:00`."""
    return _midnight_utc(day).isoformat()


def render_rss(site: Site, items: list[FeedItem]) -> str:
    """The RSS 2.0 document; ElementTree escapes every text."""
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _sub(channel, "title", FEED_TITLE)
    _sub(channel, "link", routes.absolute(site.site_url, routes.HOME))
    _sub(channel, "description", FEED_DESCRIPTION)
    _sub(channel, "language", "en-gb")
    _sub(channel, "lastBuildDate", rfc822(site.as_of))
    ET.SubElement(
        channel,
        f"{{{ATOM_NS}}}link",
        {
            "href": routes.absolute(site.site_url, RSS_PATH),
            "rel": "self",
            "type": "application/rss+xml",
        },
    )
    for item in items:
        entry = ET.SubElement(channel, "item")
        _sub(entry, "title", item.title)
        _sub(entry, "link", item.url)
        _sub(entry, "guid", item.id, isPermaLink="true")
        _sub(entry, "pubDate", rfc822(item.date))
        _sub(entry, "description", item.summary)
        for tag in item.tags:
            _sub(entry, "category", tag)
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=True) + "\n"


def _sub(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def render_json_feed(site: Site, items: list[FeedItem]) -> str:
    """The JSON Feed 1.1 document."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": FEED_TITLE,
        "home_page_url": routes.absolute(site.site_url, routes.HOME),
        "feed_url": routes.absolute(site.site_url, JSON_PATH),
        "description": FEED_DESCRIPTION,
        "language": "en-GB",
        "items": [
            {
                "id": item.id,
                "url": item.url,
                "title": item.title,
                "content_text": item.summary,
                "summary": item.summary,
                "date_published": rfc3339(item.date),
                "tags": list(item.tags),
            }
            for item in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
