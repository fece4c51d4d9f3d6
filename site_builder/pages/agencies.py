"""Agency pages: `/agencies/` and `/agencies/<agency-id>/` for every agency in the taxonomy.

An agency page gives the actions it owns (overdue first), the reviews it was part of
and the briefings aimed at it: everything from published reviews and briefings only.
"""

from __future__ import annotations

from .. import words
from ..models import Agency
from ..site import Site
from . import OutputFile, markup
from .action_table import action_table
from .listing import (
    AGENCIES,
    agency_path,
    briefing_list,
    join_blocks,
    overdue_first,
    page_link,
    page_title,
    review_list,
)


def generate(site: Site) -> list[OutputFile]:
    """The index and one page per agency."""
    return [OutputFile(AGENCIES, render_index(site))] + [
        OutputFile(agency_path(a.id), render_agency(site, a)) for a in site.taxonomy.agencies
    ]


def render_index(site: Site) -> str:
    """`/agencies/`: every partner agency, with its open and overdue actions counted."""
    items = []
    for agency in site.taxonomy.agencies:
        actions = _actions(site, agency.id)
        still_open = sum(1 for _, a in actions if a.status != "complete")
        overdue = sum(1 for _, a in actions if a.is_overdue(site.as_of))
        link = page_link(AGENCIES, agency.name, agency_path(agency.id))
        items.append(f"- {link}: {_n(still_open, 'open action')}, {overdue} overdue")
    return join_blocks(
        [
            markup.front_matter(title="Agencies"),
            "# Partner agencies",
            "What each agency has committed to do after case reviews, the reviews it was part "
            "of and the learning written for it.",
            "\n".join(items),
        ]
    )


_n = words.plural


def _actions(site: Site, agency_id: str):  # noqa: ANN202
    return [(r, a) for r, a in site.reviews.actions() if a.owner == agency_id]


def render_agency(site: Site, agency: Agency) -> str:
    """`/agencies/<id>/`: actions, reviews involving the agency, briefings aimed at it."""
    page = agency_path(agency.id)
    pairs = overdue_first(site, _actions(site, agency.id))
    return join_blocks(
        [
            markup.front_matter(title=page_title(agency.name)),
            f"# {markup.text(agency.name)}",
            page_link(page, "All agencies", AGENCIES) + ".",
            "## Actions",
            _actions_section(site, page, pairs),
            "## Reviews involving this agency",
            review_list(site, page, site.reviews.for_agency(agency.id), "None published."),
            "## Briefings for this agency",
            briefing_list(site, page, site.briefings.for_agency(agency.id), "None published yet."),
        ]
    )


def _actions_section(site: Site, page: str, pairs: list) -> str:
    if not pairs:
        return "No actions from published reviews."
    return (
        "Overdue actions first, then open actions by due date, then completed ones.\n\n"
        + action_table(site, pairs, show_review=True, page=page)
    )
