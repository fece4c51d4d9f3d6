"""The home page: the author's `content/index.md` with the latest learning added.

The generated `index.md` replaces the author's file in the build; its text is kept
(links to left-out items dropped) and "Latest learning" is appended: the five newest
published briefings and the latest published report.
"""

from __future__ import annotations

from ..links import drop_links
from ..periods import Period
from ..site import Site
from ..source import SourceError, split_front_matter
from . import OutputFile, markup
from .listing import (
    BRIEFINGS,
    HOME,
    briefing_list,
    join_blocks,
    left_out_docs,
    page_link,
    report_path,
)

LATEST = 5


def generate(site: Site) -> list[OutputFile]:
    """The home page, `index.md`."""
    return [OutputFile(HOME, render_home(site))]


def render_home(site: Site) -> str:
    """The author's page text, then the latest learning."""
    page = next((p for p in site.project.pages if p.src_uri == HOME), None)
    authored = drop_links(page.text, HOME, left_out_docs(site), site.site_url) if page else ""
    return join_blocks([_with_title(authored), _latest(site)])


def _latest(site: Site) -> str:
    newest = site.briefings.newest_first()[:LATEST]
    parts = [
        "## Latest learning",
        briefing_list(site, HOME, newest, "No briefings have been published yet."),
        page_link(HOME, "All briefings", BRIEFINGS),
    ]
    reports = site.reports.newest_first()
    if reports:
        label = Period.parse(reports[0].period).label
        link = page_link(HOME, f"How are we doing? {label}", report_path(reports[0].period))
        parts.append(f"Latest quarterly report: {link}")
    return join_blocks(parts)


def _with_title(text: str) -> str:
    """The author's text with its front matter made text, and a `title` (Home when it has
    none)."""
    try:
        document = split_front_matter(text)
    except SourceError:  # not front matter MkDocs can read either: the text is the page
        return markup.front_matter(title="Home") + text
    meta = document.front_matter.data if document.front_matter is not None else None
    meta = {str(key): value for key, value in meta.items()} if isinstance(meta, dict) else {}
    return markup.front_matter(**markup.escaped({"title": "Home", **meta})) + document.body
