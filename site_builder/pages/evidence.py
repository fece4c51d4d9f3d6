"""Impact evidence on pages: the dashboard's completed actions with their evidence and
re-audits, the chain from action to indicator on theme pages, and the report's count of
completed actions by evidence level. Figures from `site_builder.evidence` and `dashboard`.
"""

from __future__ import annotations

from .. import dashboard, evidence
from ..evidence import Pair
from ..models import Action
from ..periods import Period
from ..site import Site
from . import markup
from .indicators import format_value
from .listing import agency_name, agency_path, page_link, review_path


def evidence_words(action: Action) -> str:
    """`Behaviour (level 3 of 4)`, `Level not given`, or '' for an action without impact."""
    level = evidence.level_of(action)
    if level == evidence.NONE:
        return ""
    if level == evidence.UNRATED:
        return "Level not given"
    return f"{level.capitalize()} (level {evidence.level_number(level)} of {len(evidence.LEVELS)})"


def _review_cell(page: str, pair: Pair) -> str:
    return page_link(page, pair[0].title, review_path(pair[0].id))


def _action_cell(action: Action) -> str:
    return f"{markup.cell(action.id)}: {markup.cell(action.action)}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


# --- The dashboard ---------------------------------------------------------------------------


def dashboard_sections(site: Site, page: str) -> str:
    """Completed actions with their impact and evidence level, counts by level, re-audits."""
    return "\n\n".join(
        [_completed_table(site, page), _by_level(site), _reaudits(site, page)]
    ) + "\n"


def _completed_table(site: Site, page: str) -> str:
    heading = (
        "### Completed actions and their impact evidence\n\n"
        "Most recently completed first. The evidence level says how far the evidence reaches: "
        "reaction, learning, behaviour or results."
    )
    pairs = evidence.completed(site)
    if not pairs:
        return heading + "\n\nNo action has been completed yet."
    table = markup.table(
        ["Review", "Action", "Completed", "Impact", "Evidence level", "Re-audit"],
        [
            [
                _review_cell(page, pair),
                _action_cell(pair[1]),
                markup.long_date(pair[1].completed),
                markup.cell(pair[1].impact) or dashboard.IMPACT_NOT_EVIDENCED,
                evidence_words(pair[1]),
                markup.long_date(pair[1].reaudit),
            ]
            for pair in pairs
        ],
    )
    return f"{heading}\n\n{table}"


def level_table(counts: list[tuple[str, int]], headers: list[str]) -> str:
    """A table of evidence groups; `counts` holds one column of counts per group... or more."""
    return markup.table(headers, [[evidence.GROUP_NAMES[key], str(n)] for key, n in counts])


def _by_level(site: Site) -> str:
    counts = evidence.by_level(evidence.completed(site))
    return "### Completed actions by evidence level\n\n" + level_table(
        counts, ["Evidence", "Completed actions"]
    )


def _reaudits(site: Site, page: str) -> str:
    found = evidence.reaudits(site)
    parts = [
        "### Re-audits",
        "A re-audit checks that a change has held. Overdue: its date has passed and no later "
        "date has been recorded. Due: the re-audits to come, soonest first.",
        "#### Re-audits overdue",
    ]
    if found.overdue:
        parts.append(
            _reaudit_table(
                site, page, found.overdue, "Days overdue", lambda a: (site.as_of - a.reaudit).days
            )
        )
    else:
        parts.append("No re-audit is overdue.")
    parts.append("#### Re-audits due")
    if found.due:
        parts.append(
            _reaudit_table(
                site, page, found.due, "Days to go", lambda a: (a.reaudit - site.as_of).days
            )
        )
    else:
        parts.append("No re-audit is planned.")
    return "\n\n".join(parts)


def _reaudit_table(site: Site, page: str, pairs: list[Pair], days_header: str, days) -> str:  # noqa: ANN001
    return markup.table(
        ["Review", "Action", "Owner", "Evidence level", "Re-audit", days_header],
        [
            [
                _review_cell(page, pair),
                _action_cell(pair[1]),
                page_link(page, agency_name(site, pair[1].owner), agency_path(pair[1].owner)),
                evidence_words(pair[1]),
                markup.long_date(pair[1].reaudit),
                _days(days(pair[1])),
            ]
            for pair in pairs
        ],
    )


# --- Theme pages -----------------------------------------------------------------------------


def theme_chain(site: Site, page: str, priority_id: str) -> str:
    """`## From action to impact`: each action of the theme's reviews that names a `measure`,
    its evidence level and the indicator's trend since it was completed (or due)."""
    from .actions import TREND_WORDS  # the dashboard's words; it imports this module
    heading = (
        "## From action to impact\n\n"
        "Each action aimed at an indicator: how far its evidence reaches, and the indicator "
        "in the quarter the action was completed (or is due) against its latest value."
    )
    impacts = [
        dashboard.impact_row(site, dashboard.action_row(review, action, site.as_of))
        for review in site.reviews.for_theme(priority_id)
        for action in review.actions
        if action.measure
    ]
    impacts = [i for i in impacts if i is not None]
    if not impacts:
        return heading + "\n\nNo action on this theme names an indicator it aims to move."
    table = markup.table(
        ["Review", "Action", "Status", "Evidence level", "Indicator", "Then", "Latest", "Trend"],
        [
            [
                page_link(page, i.row.review.title, review_path(i.row.review.id)),
                _action_cell(i.row.action),
                dashboard.STATUS_NAMES[i.row.action.status],
                evidence_words(i.row.action)
                or ("Not yet evidenced" if i.row.action.status == "complete" else ""),
                markup.cell(i.indicator.name),
                f"{format_value(i.baseline_value, i.indicator.unit)}"
                f" ({i.baseline_period.short_label})",
                f"{format_value(i.latest_value, i.indicator.unit)}"
                f" ({i.latest_period.short_label})"
                if i.latest_period
                else format_value(None, i.indicator.unit),
                TREND_WORDS.get(i.trend, "") if i.trend else "Not available",
            ]
            for i in impacts
        ],
    )
    return f"{heading}\n\n{table}"


# --- The report (4.2) ------------------------------------------------------------------------


def report_levels(site: Site, period: Period) -> str:
    """Completed actions by evidence level: in the period, and all by its end."""
    in_period = dict(evidence.by_level(evidence.completed_in(site, period)))
    by_end = dict(evidence.by_level(evidence.completed_by(site, period.end)))
    return markup.table(
        ["Evidence", "Completed in the period", "All completed by the end of the period"],
        [
            [name, str(in_period[key]), str(by_end[key])]
            for key, name in evidence.GROUP_NAMES.items()
        ],
    )
