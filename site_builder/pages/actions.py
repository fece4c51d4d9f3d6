"""`/actions/`: the action and impact dashboard, and its downloads.

The page shows what the partnership promised after each review and whether it happened
(totals, overdue actions first, breakdowns, completion over time), how timely the reviews
were, how fast their learning reached a briefing, and what difference the actions made.
Each chart is followed by its table; `/actions/actions.csv` and `/reviews/reviews.csv` hold
the same figures for analysts. All figures come from `site_builder.dashboard`.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence

from .. import dashboard, routes, words
from ..charts import Figure, bar_figure, bar_trace, chart_block
from ..dashboard import (
    ActionRow,
    ImpactRow,
    OnTimeRate,
    QuarterCompletions,
    ReviewRow,
    StatusCounts,
)
from ..models import Indicator, Review
from ..site import Site
from . import OutputFile, markup
from . import evidence as evidence_pages
from . import feedback as feedback_pages
from .listing import (
    agency_name,
    agency_path,
    briefing_path,
    href,
    page_link,
    priority_name,
    review_path,
    theme_path,
)

PAGE = routes.ACTIONS
ACTIONS_CSV = routes.ACTIONS_CSV
REVIEWS_CSV = routes.REVIEWS_CSV

STATUS_PATTERNS = {"not-started": ".", "in-progress": "/", "complete": ""}
"""Bar fill patterns per status, so the segments differ by more than colour."""

NO_DATA = words.NO_DATA


def generate(site: Site) -> list[OutputFile]:
    """The dashboard page and the two CSV downloads."""
    rows = dashboard.action_rows(site)
    reviews = dashboard.review_rows(site)
    return [
        OutputFile(PAGE, render_page(site, rows, reviews)),
        OutputFile(ACTIONS_CSV, actions_csv(rows)),
        OutputFile(REVIEWS_CSV, reviews_csv(site, reviews)),
    ]


# --- Downloads -------------------------------------------------------------------------------


def _write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def actions_csv(rows: Iterable[ActionRow]) -> str:
    """`/actions/actions.csv`: `review,action,owner,due,status,completed,overdue`."""
    return _write_csv(dashboard.ACTIONS_CSV_HEADER, dashboard.actions_csv_rows(rows))


def reviews_csv(site: Site, rows: Iterable[ReviewRow]) -> str:
    """`/reviews/reviews.csv`: `review,type,themes,notified,completed,published,on_time,...`."""
    return _write_csv(dashboard.REVIEWS_CSV_HEADER, dashboard.reviews_csv_rows(site, rows))


# --- The page --------------------------------------------------------------------------------


def render_page(site: Site, rows: list[ActionRow], reviews: list[ReviewRow]) -> str:
    """The Markdown of `/actions/`."""
    sections = [
        markup.front_matter(
            title="Actions and impact",
            description="Case review actions, review timeliness, learning lag and impact.",
        ),
        "# Actions and impact\n",
        f"Figures as of {markup.long_date(site.as_of)}.\n",
        _render_intro(),
        _render_totals(rows),
        _render_overdue(site, rows),
        _render_by_agency(site, rows),
        _render_by_priority(site, rows),
        _render_completion(rows),
        _render_timeliness(site, reviews),
        _render_learning_lag(site, reviews),
        feedback_pages.dashboard_section(site, PAGE),
        _render_impact(site, rows),
        evidence_pages.dashboard_sections(site, PAGE),
    ]
    return "\n".join(sections)


def _render_intro() -> str:
    return (
        "What the partnership promised after each published case review, whether it "
        "happened, how fast the learning reached the workforce, and what difference it made. "
        "Every chart is followed by its table.\n"
    )


def _downloads(*names: tuple[str, str]) -> str:
    links = " · ".join(f"[{label}]({href(PAGE, path)})" for label, path in names)
    return f"Download: {links}\n"


def _actions_download() -> str:
    return _downloads(("all actions (CSV)", ACTIONS_CSV))


def _reviews_download() -> str:
    return _downloads(("all reviews with timeliness and learning lag (CSV)", REVIEWS_CSV))


# Totals and overdue


def _render_totals(rows: list[ActionRow]) -> str:
    counts = dashboard.count_statuses(rows)
    table = markup.table(
        ["Status", "Actions"],
        [
            *[[dashboard.STATUS_NAMES[s], str(counts.of(s))] for s in dashboard.STATUSES],
            ["**All actions**", f"**{counts.total}**"],
            ["Of which overdue", str(counts.overdue)],
        ],
    )
    return f"## Actions by status\n\n{table}\n\n{_actions_download()}"


def _render_overdue(site: Site, rows: list[ActionRow]) -> str:
    overdue = dashboard.overdue_rows(rows)
    heading = "## Overdue actions\n\n"
    if not overdue:
        return heading + "No action is overdue.\n"
    lead = (
        f"{words.plural(len(overdue), 'action is', 'actions are')} not complete "
        "and past their due date, longest overdue first.\n\n"
    )
    table = markup.table(
        ["Review", "Action", "Owner", "Due", "Days overdue"],
        [
            [
                _review_link(row.review),
                _action_text(row),
                _agency_link(site, row.action.owner),
                markup.long_date(row.action.due),
                str(row.days_overdue),
            ]
            for row in overdue
        ],
    )
    return heading + lead + table + "\n"


def _review_link(review: Review) -> str:
    return page_link(PAGE, review.title, review_path(review.id))


def _action_text(row: ActionRow) -> str:
    return f"{markup.cell(row.action.id)}: {markup.cell(row.action.action)}"


def _agency_link(site: Site, agency_id: str) -> str:
    return page_link(PAGE, agency_name(site, agency_id), agency_path(agency_id))


# Breakdowns


def _counts_cells(counts: StatusCounts) -> list[str]:
    cells = [str(counts.of(s)) for s in dashboard.STATUSES]
    return [*cells, str(counts.overdue), str(counts.total)]


_COUNT_HEADERS = [*dashboard.STATUS_NAMES.values(), "Overdue", "Total"]


def _render_by_agency(site: Site, rows: list[ActionRow]) -> str:
    heading = "## Actions by agency\n\n"
    breakdown = dashboard.by_agency(site, rows)
    if not breakdown:
        return heading + "No published review has actions yet.\n"
    table = markup.table(
        ["Agency", *_COUNT_HEADERS],
        [[_agency_link(site, a), *_counts_cells(c)] for a, c in breakdown],
    )
    names = [_chart_text(agency_name(site, a)) for a, _ in breakdown]
    figure = _stacked_status_figure(names, [c for _, c in breakdown], "Actions")
    chart = chart_block(
        figure,
        chart_id="chart-actions-by-agency",
        caption="Actions by status for each owner agency",
        table_markdown=table,
    )
    return heading + chart + "\n"


def _render_by_priority(site: Site, rows: list[ActionRow]) -> str:
    breakdown = dashboard.by_priority(site, rows)
    table = markup.table(
        ["Priority", *_COUNT_HEADERS],
        [
            [page_link(PAGE, priority_name(site, p), theme_path(p)), *_counts_cells(c)]
            for p, c in breakdown
        ],
    )
    note = (
        "An action counts under every theme of its review, so the rows may add up to more "
        "than the total.\n\n"
    )
    return "## Actions by priority\n\n" + note + table + "\n"


def _stacked_status_figure(
    names: list[str], counts: list[StatusCounts], x_title: str
) -> Figure:
    """Horizontal stacked bars, one per name (top to bottom), one segment per status."""
    data = [
        bar_trace(
            dashboard.STATUS_NAMES[status],
            x=[c.of(status) for c in counts],
            y=names,
            pattern=STATUS_PATTERNS[status],
            hover="%{y}: %{x}",
            orientation="h",
        )
        for status in dashboard.STATUSES
    ]
    layout = {
        "margin": {"l": 16, "r": 16, "t": 16, "b": 48},
        "legend": {"orientation": "h", "y": -0.15, "traceorder": "normal"},
        "xaxis": {"title": {"text": x_title}, "rangemode": "tozero", "automargin": True},
        "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"},
        "barmode": "stack",
        "height": 120 + 32 * len(names),
    }
    return {"data": data, "layout": layout}


def _chart_text(label: str) -> str:
    """A label for a plotly chart: plotly reads a few HTML tags in text, so escape them."""
    return html.escape(label, quote=False)


# Completion over time


def _render_completion(rows: list[ActionRow]) -> str:
    heading = "## Completion over time\n\n"
    quarters = dashboard.completions_by_quarter(rows)
    if not quarters:
        return heading + "No action has been completed yet.\n"
    table = markup.table(
        ["Quarter", "Completed by the due date", "Completed after the due date", "Total"],
        [[q.period.label, str(q.by_due_date), str(q.late), str(q.total)] for q in quarters],
    )
    chart = chart_block(
        _completion_figure(quarters),
        chart_id="chart-actions-completed",
        caption="Actions completed per quarter, by the due date or after it",
        table_markdown=table,
    )
    return heading + chart + "\n"


def _completion_figure(quarters: list[QuarterCompletions]):
    """Stacked bars per quarter: completed by the due date, and after it."""
    labels = [q.period.short_label for q in quarters]
    series = [
        ("By the due date", [q.by_due_date for q in quarters], ""),
        ("After the due date", [q.late for q in quarters], "/"),
    ]
    return bar_figure(
        labels, series, barmode="stack", height=300, y_title="Actions completed",
        y_axis={"dtick": 1},
    )


# Review timeliness


def _render_timeliness(site: Site, reviews: list[ReviewRow]) -> str:
    heading = (
        "## Review timeliness\n\n"
        "A rapid review is due on the 15th working day after notification (weekends and "
        "England bank holidays excluded); a local child safeguarding practice review (LCSPR) "
        "is due to be published within six calendar months of notification.\n\n"
    )
    timed = [r for r in reviews if r.deadline is not None]
    if not timed:
        return heading + "No published rapid review or LCSPR yet.\n\n" + _reviews_download()
    timed.sort(key=lambda r: (r.review.notified, r.review.id))
    table = markup.table(
        ["Review", "Type", "Notified", "Deadline", "Completed or published", "On time"],
        [
            [
                _review_link(r.review),
                markup.cell(r.review.type_name),
                markup.long_date(r.review.notified),
                markup.long_date(r.deadline),
                _done_words(r),
                on_time_words(r.on_time),
            ]
            for r in timed
        ],
    )
    rates = _render_rates(dashboard.on_time_rates(reviews))
    return heading + table + "\n\n" + rates + "\n" + _reviews_download()


def _done_words(row: ReviewRow) -> str:
    if row.done is None:
        return "Not yet"
    verb = "Published" if row.review.type == "lcspr" else "Completed"
    return f"{verb} {markup.long_date(row.done)}"


def on_time_words(on_time: bool | None) -> str:
    """Yes, No, or "Not yet known" while the deadline has not passed."""
    if on_time is None:
        return "Not yet known"
    return "Yes" if on_time else "No"


_rate_words = words.percent_of


def _render_rates(rates: list[OnTimeRate]) -> str:
    heading = "### On-time rates per financial year\n\n"
    if not rates:
        return heading + "No review's outcome is known yet.\n"
    note = (
        "A review counts in the financial year it was completed; one still not completed "
        'after its deadline counts as late under "Not yet completed".\n\n'
    )
    table = markup.table(
        ["Financial year", "Rapid reviews on time", "LCSPRs on time", "All on time"],
        [
            [
                rate.year or "Not yet completed",
                _rate_words(rate.rapid_on_time, rate.rapid_known),
                _rate_words(rate.lcspr_on_time, rate.lcspr_known),
                _rate_words(rate.on_time, rate.known),
            ]
            for rate in rates
        ],
    )
    return heading + note + table + "\n"


# Learning lag


def _render_learning_lag(site: Site, reviews: list[ReviewRow]) -> str:
    heading = (
        "## Learning lag\n\n"
        "Days from a review's completion to the first published briefing drawn from it.\n\n"
    )
    with_lag = [r for r in reviews if r.learning_lag_days is not None]
    with_lag.sort(key=lambda r: (r.review.completed, r.review.id))
    median = dashboard.median_lag(reviews)
    summary = (
        f"Median learning lag: **{_days(median)}** over {words.plural(len(with_lag), 'review')}."
        "\n\n"
        if median is not None
        else "No review has a published briefing yet.\n\n"
    )
    table = (
        markup.table(
            ["Review", "Completed", "First briefing", "Briefing date", "Learning lag"],
            [
                [
                    _review_link(r.review),
                    markup.long_date(r.review.completed),
                    page_link(PAGE, r.first_briefing.title, briefing_path(r.first_briefing.id)),
                    markup.long_date(r.first_briefing.date),
                    _days(r.learning_lag_days),
                ]
                for r in with_lag
            ],
        )
        + "\n\n"
        if with_lag
        else ""
    )
    return heading + summary + table + _render_waiting(reviews)


_days = words.days


def _render_waiting(reviews: list[ReviewRow]) -> str:
    heading = "### Completed reviews waiting for a briefing\n\n"
    waiting = dashboard.awaiting_briefing(reviews)
    if not waiting:
        return heading + "Every completed review has a published briefing.\n"
    table = markup.table(
        ["Review", "Type", "Completed"],
        [
            [
                _review_link(r.review),
                markup.cell(r.review.type_name),
                markup.long_date(r.review.completed),
            ]
            for r in waiting
        ],
    )
    return heading + table + "\n"


# Impact


def _render_impact(site: Site, rows: list[ActionRow]) -> str:
    heading = (
        "## Impact\n\n"
        "For each action aimed at a scorecard indicator: the indicator in the quarter the "
        "action was due (or completed, when complete) against its latest value, and the "
        "direction of travel between them.\n\n"
    )
    impacts = dashboard.impact_rows(site, rows)
    # Only actions with a later quarter to compare: a baseline still to come, or no data
    # then or since, has nothing to show yet.
    compared = [impact for impact in impacts if impact.trend is not None]
    waiting = len(impacts) - len(compared)
    table = (
        markup.table(
            ["Review", "Action", "Status", "Indicator", "Then", "Latest", "Trend"],
            [_impact_cells(site, impact) for impact in compared],
        )
        + "\n\n"
        if compared
        else ""
    )
    if not impacts:
        table = "No action names an indicator it aims to move.\n\n"
    elif waiting:
        verb = "has" if waiting == 1 else "have"
        table += (
            f"{words.plural(waiting, 'action')} aimed at an indicator {verb} nothing to compare "
            "yet: no data in a quarter after the one it is judged from.\n\n"
        )
    return heading + table + _render_not_evidenced(site, rows)


def _impact_cells(site: Site, impact: ImpactRow) -> list[str]:
    row = impact.row
    latest = (
        f"{_format_value(impact.indicator, impact.latest_value)} "
        f"({impact.latest_period.short_label})"
        if impact.latest_period
        else NO_DATA
    )
    return [
        _review_link(row.review),
        _action_text(row),
        _status_words(row),
        markup.cell(impact.indicator.name),
        f"{_format_value(impact.indicator, impact.baseline_value)} "
        f"({impact.baseline_period.short_label})",
        latest,
        words.trend_html(impact.trend, impact.latest_value, impact.baseline_value),
    ]


def _status_words(row: ActionRow) -> str:
    words = dashboard.STATUS_NAMES[row.action.status]
    if row.overdue:
        words += " (overdue)"
    if row.impact_not_evidenced:
        words += f"; {dashboard.IMPACT_NOT_EVIDENCED.lower()}"
    return words


def _format_value(indicator: Indicator, value: float | None) -> str:
    return words.value(value, indicator.unit)


def _render_not_evidenced(site: Site, rows: list[ActionRow]) -> str:
    heading = f"### {dashboard.IMPACT_NOT_EVIDENCED}\n\n"
    flagged = dashboard.not_evidenced(rows)
    if not flagged:
        return heading + "Every complete action says how we know it made a difference.\n"
    lead = "Complete actions that do not yet say how we know they made a difference.\n\n"
    table = markup.table(
        ["Review", "Action", "Owner", "Completed", "Flag"],
        [
            [
                _review_link(r.review),
                _action_text(r),
                _agency_link(site, r.action.owner),
                markup.long_date(r.action.completed),
                dashboard.IMPACT_NOT_EVIDENCED,
            ]
            for r in flagged
        ],
    )
    return heading + lead + table + "\n"


# --- For the review pages --------------------------------------------------------------------


def review_timeliness_facts(site: Site, review: Review) -> list[tuple[str, str]]:
    """Timeliness facts for a review's own page, as (label, HTML) pairs (plain words).

    Rapid reviews and LCSPRs give their deadline and whether it was met; every review gives
    its learning lag.
    """
    row = dashboard.review_row_for(site, review)
    facts = []
    if row.deadline is not None:
        facts.append(("Deadline", markup.long_date(row.deadline)))
        facts.append(("On time", on_time_words(row.on_time)))
    facts.append(("Learning lag", _lag_words(row)))
    return facts


def _lag_words(row: ReviewRow) -> str:
    if row.learning_lag_days is not None:
        return f"{_days(row.learning_lag_days)} from completion to the first briefing"
    if row.review.completed is None:
        return "Not yet completed"
    return "No briefing published yet"
