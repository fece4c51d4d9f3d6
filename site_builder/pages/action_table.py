"""The action table shared by review, theme, agency and dashboard pages.

Status and the overdue flag are words (with a symbol hidden from screen readers),
never colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..dashboard import IMPACT_NOT_EVIDENCED, impact_not_evidenced
from ..models import Action, Review
from ..site import Site
from . import markup
from .listing import agency_name, page_link, review_path

STATUS_WORDS = {
    "not-started": ("○", "Not started"),
    "in-progress": ("◐", "In progress"),
    "complete": ("✓", "Complete"),
}


def status_word(action: Action) -> str:
    """The action's status as a symbol and a word."""
    symbol, word = STATUS_WORDS[action.status]
    return f'<span aria-hidden="true">{symbol}</span> {word}'


def overdue_flag(site: Site, action: Action) -> str:
    """ "Overdue by N days" (N = as-of minus due) for an overdue action, else ''."""
    if not action.is_overdue(site.as_of):
        return ""
    days = (site.as_of - action.due).days
    unit = "day" if days == 1 else "days"
    symbol = '<span aria-hidden="true">⚠</span>'
    return f'<span class="hub-overdue">{symbol} Overdue by {days} {unit}</span>'


def impact_cell(action: Action) -> str:
    """The action's impact evidence (with its level and re-audit date), or the "Impact not
    yet evidenced" flag when complete."""
    if impact_not_evidenced(action):
        return f'<span class="hub-flag">{IMPACT_NOT_EVIDENCED}</span>'
    words = [markup.cell(action.impact)] if action.impact else []
    if action.evidence:
        words.append(f"Evidence: {action.evidence}.")
    if action.reaudit:
        words.append(f"Re-audit {markup.long_date(action.reaudit)}.")
    return " ".join(words)


def action_table(
    site: Site,
    pairs: Iterable[tuple[Review, Action]],
    show_review: bool,
    *,
    page: str = "actions/index.md",
) -> str:
    """A Markdown table of actions, in the order given; '' when there are none.

    `page` is the docs path of the page the table goes on (for the review links,
    shown when `show_review`).
    """
    headers = ["Action", "What", "Owner", "Due", "Status", "Completed", "Overdue", "Impact"]
    if show_review:
        headers.insert(0, "Review")
    rows = []
    for review, action in pairs:
        row = [
            markup.cell(action.id),
            markup.cell(action.action),
            markup.cell(agency_name(site, action.owner)),
            markup.long_date(action.due),
            status_word(action),
            markup.long_date(action.completed),
            overdue_flag(site, action),
            impact_cell(action),
        ]
        if show_review:
            row.insert(0, page_link(page, review.title, review_path(review.id)))
        rows.append(row)
    if not rows:
        return ""
    variant = " hub-actions--with-review" if show_review else ""
    table = markup.table(headers, rows)
    return f'<div class="hub-actions{variant}" markdown>\n\n{table}\n\n</div>'
