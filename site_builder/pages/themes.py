"""Theme pages: `/themes/` and `/themes/<priority-id>/` for every priority in the taxonomy.

A theme page triangulates what the partnership knows about one priority: published
briefings and reviews, its indicators, the open actions and the voices of children,
families and professionals.
"""

from __future__ import annotations

from ..models import Priority, Voice
from ..periods import Period
from ..site import Site
from . import OutputFile, markup
from .action_table import action_table
from .assurance import theme_assurance_markdown
from .evidence import theme_chain
from .indicators import theme_indicators_markdown
from .listing import (
    THEMES,
    briefing_list,
    join_blocks,
    overdue_first,
    page_link,
    page_title,
    review_list,
    theme_path,
)

KINDS = {
    "themed": (
        "Themed priorities",
        "Areas where the partnership has agreed to focus its work together.",
    ),
    "assurance": (
        "Assurance priorities",
        "Areas where the partnership seeks assurance that services work well for children.",
    ),
}
VOICE_NAMES = {
    "child": "a child or young person",
    "family": "a family",
    "professional": "a professional",
}


def generate(site: Site) -> list[OutputFile]:
    """The index and one page per priority."""
    return [OutputFile(THEMES, render_index(site))] + [
        OutputFile(theme_path(p.id), render_theme(site, p)) for p in site.taxonomy.priorities
    ]


def render_index(site: Site) -> str:
    """`/themes/`: the priorities by kind, with how much each page holds."""
    parts = [
        markup.front_matter(title="Themes"),
        "# Our strategic priorities",
        "Everything the hub holds on each priority in one place: learning briefings, case "
        "reviews, data, open actions and the voices of children, families and professionals.",
    ]
    for kind, (heading, intro) in KINDS.items():
        priorities = [p for p in site.taxonomy.priorities if p.kind == kind]
        if priorities:
            items = "\n".join(_index_item(site, p) for p in priorities)
            parts += [f"## {heading}", intro, items]
    return join_blocks(parts)


def _index_item(site: Site, priority: Priority) -> str:
    briefings = len(site.briefings.for_theme(priority.id))
    reviews = len(site.reviews.for_theme(priority.id))
    link = page_link(THEMES, priority.name, theme_path(priority.id))
    return f"- {link}: {_n(briefings, 'briefing')}, {_n(reviews, 'review')}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def render_theme(site: Site, priority: Priority) -> str:
    """`/themes/<id>/`: briefings, reviews, indicators, open actions and voices."""
    page = theme_path(priority.id)
    kind_name = KINDS[priority.kind][0].lower()
    parts = [
        markup.front_matter(title=page_title(priority.name)),
        f"# {markup.text(priority.name)}",
        f"One of the partnership's {kind_name}. {page_link(page, 'All priorities', THEMES)}.",
        "## Learning briefings",
        briefing_list(
            site, page, site.briefings.for_theme(priority.id), "No briefings on this theme yet."
        ),
        "## Case reviews",
        review_list(site, page, site.reviews.for_theme(priority.id), "No published reviews."),
        theme_indicators_markdown(site, priority.id),
        theme_assurance_markdown(site, priority.id),
        "## Open actions",
        _open_actions(site, page, priority.id),
        theme_chain(site, page, priority.id),
        "## Voices",
        _voices(site, priority.id),
    ]
    return join_blocks(parts)


def _open_actions(site: Site, page: str, priority_id: str) -> str:
    pairs = [
        (review, action)
        for review in site.reviews.for_theme(priority_id)
        for action in review.actions
        if action.status != "complete"
    ]
    table = action_table(site, overdue_first(site, pairs), show_review=True, page=page)
    return table or "No open actions from published reviews."


def _voices(site: Site, priority_id: str) -> str:
    voices = sorted(
        site.project.voices_for(theme=priority_id),
        key=lambda v: Period.parse(v.period),
        reverse=True,
    )
    if not voices:
        return "No voices recorded for this theme yet."
    return "\n\n".join(_voice(v) for v in voices)


def _voice(voice: Voice) -> str:
    period = Period.parse(voice.period).short_label
    who = f"voice of {VOICE_NAMES[voice.voice]}, {period}"
    return f"> {markup.text(voice.quote)}\n>\n> — {markup.text(voice.attribution)} ({who})"
