"""The action table shared by review, theme and agency pages.

Status and the overdue flag are words (with a symbol hidden from screen readers),
never colour alone, and they come first: on a phone each action is a card that starts
with them (no sideways scrolling); wide screens and paper get the full table, whose
first columns they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import routes, words
from ..dashboard import IMPACT_NOT_EVIDENCED, impact_not_evidenced
from ..fragments import Html
from ..models import Action, Review
from ..site import Site
from . import markup
from .listing import agency_name, html_link, join_blocks, review_path

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
    symbol = '<span aria-hidden="true">⚠</span>'
    return f'<span class="hub-overdue">{symbol} Overdue by {words.days(days)}</span>'


def impact_cell(action: Action) -> str:
    """The action's impact evidence (with its level and re-audit date), or the "Impact not
    yet evidenced" flag when complete."""
    if impact_not_evidenced(action):
        return f'<span class="hub-flag">{IMPACT_NOT_EVIDENCED}</span>'
    words = [markup.html_text(action.impact)] if action.impact else []
    if action.evidence:
        words.append(f"Evidence: {markup.html_text(action.evidence)}.")
    if action.reaudit:
        words.append(f"Re-audit {markup.long_date(action.reaudit)}.")
    return " ".join(words)


def action_table(
    site: Site,
    pairs: Iterable[tuple[Review, Action]],
    show_review: bool,
    *,
    page: str = routes.ACTIONS,
) -> str:
    """A table of actions (raw HTML: theme and agency pages hold hundreds), in the order
    given, then the same actions as cards; '' when there are none.

    `page` is the docs path of the page the table goes on (for the review links,
    shown when `show_review`).
    """
    headers = ["Action", "Status", "Overdue", "Due", "What", "Owner", "Completed", "Impact"]
    if show_review:
        headers.insert(0, "Review")
    pairs = list(pairs)
    rows = []
    for review, action in pairs:
        row = [
            markup.html_text(action.id),
            status_word(action),
            overdue_flag(site, action),
            markup.long_date(action.due),
            markup.html_text(action.action),
            markup.html_text(agency_name(site, action.owner)),
            markup.long_date(action.completed),
            impact_cell(action),
        ]
        if show_review:
            row.insert(0, html_link(page, review.title, review_path(review.id)))
        rows.append(row)
    if not rows:
        return ""
    classes = ["hub-actions", "hub-actions--with-review"] if show_review else ["hub-actions"]
    table = markup.element("div", f"\n{markup.html_table(headers, rows)}\n", classes)
    cards = action_cards(site, pairs, show_review, page)
    return join_blocks([table, cards]).rstrip("\n")


def action_cards(
    site: Site, pairs: list[tuple[Review, Action]], show_review: bool, page: str
) -> str:
    """The same actions as cards for narrow screens (raw HTML, escaped here): status and
    the overdue flag first, then what, who, when and the impact."""
    cards = []
    for review, action in pairs:
        flag = overdue_flag(site, action)
        head = f"{status_word(action)}" + (f" · {flag}" if flag else "")
        link = html_link(page, review.title, review_path(review.id)) if show_review else ""
        facts = [
            ("Review", link),
            ("Owner", markup.html_text(agency_name(site, action.owner))),
            ("Due", markup.long_date(action.due)),
            ("Completed", markup.long_date(action.completed)),
            ("Impact", _impact_html(action)),
        ]
        details = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts if value)
        cards.append(
            '<li class="hub-action-card">'
            f'<p class="hub-action-card__status">{head}</p>'
            f'<p class="hub-action-card__what"><strong>{markup.html_text(action.id)}</strong> '
            f"{markup.html_text(action.action)}</p>"
            f"<dl>{details}</dl></li>"
        )
    return Html('<ul class="hub-action-cards">\n' + "\n".join(cards) + "\n</ul>")


def _impact_html(action: Action) -> str:
    if impact_not_evidenced(action):
        return f'<span class="hub-flag">{IMPACT_NOT_EVIDENCED}</span>'
    return markup.html_text(action.impact) if action.impact else ""
