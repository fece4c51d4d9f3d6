"""Briefing pages: `/briefings/`, `/briefings/<id>/` and `/briefings/audience/<id>/`.

The index lists each published briefing once, newest first, grouped by year, with
ways in by theme, audience and agency that link to the pages holding those lists
(so 2,000 briefings are not rendered several times on one page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from .. import search, words
from ..links import drop_links
from ..models import Briefing
from ..site import Site
from . import OutputFile, markup
from .feedback import briefing_block
from .listing import (
    BRIEFINGS,
    SEARCH_SUMMARY,
    SEARCH_TITLE,
    agency_links,
    agency_path,
    audience_links,
    audience_path,
    briefing_list,
    briefing_path,
    facts_box,
    join_blocks,
    left_out_docs,
    page_link,
    page_title,
    preview_notice,
    review_links,
    theme_links,
    theme_path,
)


def generate(site: Site, part: slice = slice(None)) -> list[OutputFile]:
    """The index, one page per published briefing and one per audience.

    `part`: only the files of that slice of the list (a large site's are made by two
    processes, a part each)."""
    left_out = left_out_docs(site)
    pages: list[tuple[str, Callable[[], str]]] = [
        (BRIEFINGS, partial(render_index, site)),
        *(
            (briefing_path(b.id), partial(render_briefing, site, b, left_out))
            for b in site.briefings
        ),
        *(
            (audience_path(a.id), partial(render_audience, site, a.id))
            for a in site.taxonomy.audiences
        ),
    ]
    return [OutputFile(path, render()) for path, render in pages[part]]


def render_index(site: Site) -> str:
    """`/briefings/`: the ways in, then every briefing once, newest first."""
    page = BRIEFINGS
    newest = site.briefings.newest_first()
    parts = [
        markup.front_matter(title="Briefings"),
        "# Learning briefings",
        f"{_count(len(newest))}, newest first. Find the learning for your role or for the "
        "theme in front of you, or search the hub.",
        "## By theme",
        _ways_in(site, page, newest, "theme"),
        "## By audience",
        _ways_in(site, page, newest, "audience"),
        "## By agency",
        _ways_in(site, page, newest, "agency"),
        "## All briefings",
    ]
    if not newest:
        parts.append("No briefings have been published yet.")
    for year in sorted({b.date.year for b in newest}, reverse=True):
        parts.append(f"### {year}")
        parts.append(briefing_list(site, page, [b for b in newest if b.date.year == year], ""))
    return join_blocks(parts)


def _ways_in(site: Site, page: str, briefings: list[Briefing], kind: str) -> str:
    """Links to the theme, audience or agency pages, with how many briefings each holds."""
    if kind == "theme":
        counts = Counter(t for b in briefings for t in b.themes)
        entries = [(p.name, theme_path(p.id), counts[p.id]) for p in site.taxonomy.priorities]
    elif kind == "audience":
        entries = [
            (a.name, audience_path(a.id), sum(1 for b in briefings if _for_audience(b, a.id)))
            for a in site.taxonomy.audiences
        ]
    else:
        counts = Counter(a for b in briefings for a in b.agencies)
        entries = [(a.name, agency_path(a.id), counts[a.id]) for a in site.taxonomy.agencies]
    return "\n".join(
        f"- {page_link(page, name, target)} ({_count(n)})" for name, target, n in entries
    )


def _for_audience(briefing: Briefing, audience_id: str) -> bool:
    return not briefing.audience or audience_id in briefing.audience


def _count(n: int) -> str:
    return words.plural(n, "briefing")


def render_audience(site: Site, audience_id: str) -> str:
    """`/briefings/audience/<id>/`: the briefings aimed at one audience, newest first."""
    page = audience_path(audience_id)
    audience = site.taxonomy.audience(audience_id)
    name = audience.name if audience else audience_id
    briefings = site.briefings.for_audience(audience_id)
    return join_blocks(
        [
            markup.front_matter(title=page_title(f"Briefings for {name}")),
            f"# Briefings for {markup.text(name)}",
            f"{_count(len(briefings))}, newest first, including those written for everyone. "
            f"{page_link(page, 'All briefings', BRIEFINGS)}.",
            briefing_list(site, page, briefings, "No briefings for this audience yet."),
        ]
    )


def render_briefing(site: Site, briefing: Briefing, left_out: set[str]) -> str:
    """`/briefings/<id>/`: title, summary, the facts box, any review notice, the body."""
    page = briefing_path(briefing.id)
    body = drop_links(briefing.body, page, left_out, site.site_url).strip()
    parts = [
        markup.front_matter(
            title=page_title(briefing.title),
            description=page_title(briefing.summary),
            **{search.FLAG: 1},
        ),
        markup.heading(1, markup.text(briefing.title), attributes=SEARCH_TITLE),
        preview_notice(site, briefing),
        markup.element("p", markup.html_text(briefing.summary), ["hub-lead"], SEARCH_SUMMARY),
        _facts(site, page, briefing),
    ]
    if site.edition.review_due(briefing):
        parts.append(
            markup.admonition(
                "warning",
                "Due for review",
                f"This briefing was due for review on {markup.long_date(briefing.review_by)}. "
                "Check the current multi-agency procedures before acting on it.",
            )
        )
    parts.append(body)
    parts.append(briefing_block(site, briefing))
    text = "\n".join([briefing.title, briefing.summary, body])
    parts.append(search.briefing_facts(site, briefing, text).html())
    return join_blocks(parts)


def _facts(site: Site, page: str, briefing: Briefing) -> str:
    """The metadata box: a description list inside a styled block."""
    facts = [
        ("Published", markup.long_date(briefing.date)),
        ("Reading time", f"{briefing.reading_minutes}-minute read"),
        ("Themes", theme_links(site, page, briefing.themes)),
        ("For", audience_links(site, page, briefing.audience)),
        ("Agencies", agency_links(site, page, briefing.agencies)),
        ("Tags", markup.html_text(", ".join(briefing.tags))),
        ("Learning from", review_links(site, page, briefing.reviews)),
    ]
    return facts_box(facts)
