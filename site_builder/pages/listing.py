"""Shared pieces of the generated pages: where each page lives, links between them, lists.

Links are relative `.md` links from one generated page to another, so MkDocs checks
them and the site works under any base URL. Every author-provided string goes
through `markup.text`; only published items (`site.briefings`, `site.reviews`) are
ever listed or linked.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable

from .. import fragments, routes, search
from ..fragments import Html
from ..loader import CONTENT_DIR
from ..models import Action, Briefing, ReportNarrative, Review
from ..publication import embargo_lifts
from ..site import Site
from . import markup

# Where each page lives (see site_builder.routes), by the names the generators use.
HOME, BRIEFINGS, REVIEWS = routes.HOME, routes.BRIEFINGS, routes.REVIEWS
THEMES, AGENCIES = routes.THEMES, routes.AGENCIES
briefing_path, audience_path, review_path = routes.briefing, routes.audience, routes.review
theme_path, agency_path, report_path = routes.theme, routes.agency, routes.report

# Attributes that weigh a result page's `#` title and its summary paragraph for search.
SEARCH_TITLE = {"data-pagefind-weight": str(search.TITLE_WEIGHT)}
SEARCH_SUMMARY = {"data-pagefind-weight": str(search.SUMMARY_WEIGHT)}


def page_title(title: str) -> str:
    """Text for front matter (title, description): themes insert it into HTML unescaped."""
    return html.escape(title, quote=True)


def preview_notice(site: Site, item: Briefing | Review | ReportNarrative) -> str | None:
    """In the authors' preview, a notice on an item a published edition would leave out."""
    if not site.edition.preview:
        return None
    reason = site.edition.withheld(item)
    if reason is None:
        return None
    words = {
        "draft": "Draft: not published. Set 'status: published' to publish it.",
        "embargoed": f"Embargoed: published from {markup.long_date(embargo_lifts(item))}.",
        "internal": "Internal: published only in the internal edition.",
    }[reason]
    return markup.admonition("danger", "Preview only", words)


def left_out_docs(site: Site) -> set[str]:
    """Docs-relative paths of the left-out documents, for `drop_links`."""
    return {path.removeprefix(f"{CONTENT_DIR}/") for path in site.left_out}


def join_blocks(parts: Iterable[str]) -> str:
    """Markdown blocks separated by blank lines; empty blocks are skipped, and a block of raw
    HTML is held aside when the engine puts it back (`site_builder.fragments`)."""
    return "\n\n".join(fragments.hold(p).rstrip("\n") for p in parts if p) + "\n"


def facts_box(facts: Iterable[tuple[str, str]]) -> str:
    """A styled description list (raw HTML) of (term, HTML value); empty values are left out."""
    # Not search text: a result's summary is the page's own, never this box.
    box = f"\n{markup.facts_list(facts)}\n"
    return markup.element("div", box, ["hub-facts"], {"data-pagefind-ignore": True})


@functools.cache
def href(page: str, target: str) -> str:
    """The relative link from generated page `page` to docs path `target`."""
    return routes.relative(page, target)


def url_href(page: str, target: str) -> str:
    """The relative URL from `page` to `target` for raw HTML (see `routes.relative_url`)."""
    return routes.relative_url(page, target)


def html_link(page: str, label: str, target: str) -> str:
    """An HTML link with escaped `label` from `page` to `target`."""
    return f'<a href="{url_href(page, target)}">{markup.html_text(label)}</a>'


def page_link(page: str, label: str, target: str) -> str:
    """A link with escaped `label` from `page` to `target`."""
    return markup.link(label, href(page, target))


def _join(parts: Iterable[str]) -> str:
    return ", ".join(parts)


def theme_links(site: Site, page: str, ids: Iterable[str]) -> str:
    """HTML links to the theme pages of `ids`, in taxonomy order."""
    ordered = site.taxonomy.in_priority_order(list(ids))
    return _join(html_link(page, priority_name(site, i), theme_path(i)) for i in ordered)


def agency_links(site: Site, page: str, ids: Iterable[str]) -> str:
    """HTML links to the agency pages of `ids`."""
    return _join(html_link(page, agency_name(site, i), agency_path(i)) for i in ids)


def audience_links(site: Site, page: str, ids: Iterable[str]) -> str:
    """HTML links to the audience lists of `ids`; no audience means everyone (the briefings
    list)."""
    links = [html_link(page, audience_name(site, i), audience_path(i)) for i in ids]
    return _join(links) if links else html_link(page, "All practitioners", BRIEFINGS)


def review_links(site: Site, page: str, ids: Iterable[str]) -> str:
    """HTML links to the published reviews among `ids`; left-out ones are not named at all."""
    reviews = [site.reviews.get(i) for i in ids]
    return _join(html_link(page, r.title, review_path(r.id)) for r in reviews if r is not None)


def agency_name(site: Site, agency_id: str) -> str:
    agency = site.taxonomy.agency(agency_id)
    return agency.name if agency else agency_id


def audience_name(site: Site, audience_id: str) -> str:
    audience = site.taxonomy.audience(audience_id)
    return audience.name if audience else audience_id


def priority_name(site: Site, priority_id: str) -> str:
    priority = site.taxonomy.priority(priority_id)
    return priority.name if priority else priority_id


def briefing_item(site: Site, page: str, briefing: Briefing) -> str:
    """One briefing in a list (an HTML `<li>`): title link and date, summary, themes, audience."""
    title = html_link(page, briefing.title, briefing_path(briefing.id))
    themes = theme_links(site, page, briefing.themes)
    names = [audience_name(site, i) for i in briefing.audience]
    audience = markup.html_text(", ".join(names)) if names else "All practitioners"
    return (
        f"<li>{title} · {markup.long_date(briefing.date)}<br>\n"
        f"{markup.html_text(briefing.summary)}<br>\n"
        f"Themes: {themes} · For: {audience}</li>"
    )


def briefing_list(site: Site, page: str, briefings: Iterable[Briefing], none: str) -> str:
    """A list of briefings, or the sentence `none` when there are none.

    Raw HTML, not Markdown: these lists run to thousands of items on the section, theme,
    audience and agency pages, and Markdown's inline parsing of them dominated the build.
    They are not search text (`data-pagefind-ignore`): search finds each briefing on its
    own page.
    """
    items = [briefing_item(site, page, b) for b in briefings]
    if not items:
        return none
    return Html('<ul class="hub-list" data-pagefind-ignore>\n' + "\n".join(items) + "\n</ul>")


def review_item(site: Site, page: str, review: Review) -> str:
    """One review in a list (an HTML `<li>`): title link, type, the date it is known by,
    themes."""
    title = html_link(page, review.title, review_path(review.id))
    when = _review_date_words(review)
    themes = theme_links(site, page, review.themes)
    kind = markup.html_text(review.type_name)
    return f"<li>{title} · {kind} · {when}<br>\nThemes: {themes}</li>"


def review_list(site: Site, page: str, reviews: Iterable[Review], none: str) -> str:
    """A list of reviews (raw HTML, searchable text), or the sentence `none` when there are
    none."""
    items = [review_item(site, page, r) for r in reviews]
    return Html("<ul>\n" + "\n".join(items) + "\n</ul>") if items else none


def _review_date_words(review: Review) -> str:
    if review.published:
        return f"published {markup.long_date(review.published)}"
    if review.completed:
        return f"completed {markup.long_date(review.completed)}"
    return f"notified {markup.long_date(review.notified)}"


ActionPairs = Iterable[tuple[Review, Action]]


def overdue_first(site: Site, pairs: ActionPairs) -> list[tuple[Review, Action]]:
    """Actions ordered for attention: overdue (longest first), then open by due date, then done."""

    def key(pair: tuple[Review, Action]) -> tuple:
        review, action = pair
        overdue = action.is_overdue(site.as_of)
        return (not overdue, action.status == "complete", action.due, review.id, action.id)

    return sorted(pairs, key=key)
