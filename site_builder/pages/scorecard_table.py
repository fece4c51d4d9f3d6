"""The report's scorecard tables and "the quarter at a glance", as raw HTML.

Raw HTML rather than Markdown tables, so each cell carries its column name (``data-label``)
and each row an id: on a narrow screen report.css turns every indicator into a compact
block (value, target, RAG, trend, England) instead of a table wider than the screen, and
the glance links straight to an indicator's row. All wording comes from
`site_builder.words` through `pages.indicators`, so the report reads the same as the theme
pages and the dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import words
from ..scorecard import Scorecard, ScorecardLine
from . import markup
from .indicators import england_label, format_value, rag_label, target_label, trend_label

SCORECARD_HEADERS = (
    "Indicator",
    "Value",
    "Previous quarter",
    "Target",
    "RAG",
    "Trend",
    "England",
)

REASONS = {
    "green and not worsening": "on target and not getting worse",
    "red against target": "off target by more than the tolerance",
    "worsening for two quarters in a row": "getting worse for two quarters in a row",
}
"""The classification rule's reasons (`performance.classification_reason`) in a board's words."""


def indicator_anchor(indicator_id: str) -> str:
    """The id of an indicator's scorecard row."""
    return f"indicator-{indicator_id}"


def scorecard_anchor(priority_id: str) -> str:
    """The id of a priority's scorecard table."""
    return f"scorecard-{priority_id}"


def reason_words(reason: str | None) -> str:
    """Why an indicator was classified, in plain words (never the rule's own text)."""
    if not reason:
        return ""
    if reason in REASONS:
        return REASONS[reason]
    return " and ".join(REASONS.get(part, part) for part in reason.split(" and "))


def scorecard_table(priority_id: str, lines: Sequence[ScorecardLine]) -> str:
    """One priority's scorecard: a row per indicator, each cell labelled for narrow screens."""
    head = "".join(f'<th scope="col">{markup.html_text(h)}</th>' for h in SCORECARD_HEADERS)
    rows = "\n".join(_row(line) for line in lines)
    return (
        f'<table class="hub-scorecard" id="{scorecard_anchor(priority_id)}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _row(line: ScorecardLine) -> str:
    cells = [
        markup.html_text(format_value(line.value, line.unit)),
        markup.html_text(format_value(line.previous_value, line.unit)),
        markup.html_text(target_label(line)),
        rag_label(line),
        trend_label(line),
        markup.html_text(england_label(line)),
    ]
    labelled = "".join(
        f'<td data-label="{markup.html_text(label)}">{cell}</td>'
        for label, cell in zip(SCORECARD_HEADERS[1:], cells, strict=True)
    )
    name = f'<th scope="row">{markup.html_text(line.name)}</th>'
    return f'<tr id="{indicator_anchor(line.indicator)}">{name}{labelled}</tr>'


# --- the quarter at a glance -------------------------------------------------------------------


@dataclass(frozen=True)
class GlanceRow:
    """One priority at a glance.

    Attributes:
        priority: the priority id; ``name``: its name.
        rated: indicators that are green, amber, red; ``no_data``: rated ones without a value.
        exploration: the indicators for further exploration.
        overdue: overdue actions of published reviews on this theme.
        overdue_href: where those actions are listed.
    """

    priority: str
    name: str
    green: int
    amber: int
    red: int
    no_data: int
    unrated: int
    exploration: tuple[ScorecardLine, ...]
    overdue: int
    overdue_href: str


def glance_rows(
    priorities: Sequence[tuple[str, str]],
    scorecard: Scorecard,
    overdue: dict[str, int],
    overdue_href: dict[str, str],
) -> list[GlanceRow]:
    """Per priority ``(id, name)``: RAG counts, exploration and overdue actions."""
    rows = []
    for priority_id, name in priorities:
        lines = scorecard.for_priority(priority_id)
        rag = [line.rag for line in lines]
        no_data = sum(1 for line in lines if line.value is None)
        rows.append(
            GlanceRow(
                priority=priority_id,
                name=name,
                green=rag.count("green"),
                amber=rag.count("amber"),
                red=rag.count("red"),
                no_data=no_data,
                unrated=sum(1 for line in lines if line.rag is None and line.value is not None),
                exploration=tuple(
                    line for line in lines if line.classification == "further-exploration"
                ),
                overdue=overdue.get(priority_id, 0),
                overdue_href=overdue_href[priority_id],
            )
        )
    return rows


GLANCE_HEADERS = (
    "Priority",
    "● Green",
    "◆ Amber",
    "■ Red",
    "No data",
    "For further exploration",
    "Overdue actions",
)


def glance_table(rows: Sequence[GlanceRow], caption: str) -> str:
    """The glance as a table: counts link to the priority's scorecard, names to their row."""
    head = "".join(f'<th scope="col">{markup.html_text(h)}</th>' for h in GLANCE_HEADERS)
    body = "\n".join(_glance_row(row) for row in rows)
    return (
        f'<table class="hub-scorecard hub-glance">\n<caption>{markup.html_text(caption)}</caption>'
        f"\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def _glance_row(row: GlanceRow) -> str:
    table = f"#{scorecard_anchor(row.priority)}"
    has_indicators = row.green + row.amber + row.red + row.no_data + row.unrated > 0

    def count(number: int) -> str:
        return f'<a href="{table}">{number}</a>' if has_indicators else "–"

    exploration = (
        ", ".join(
            f'<a href="#{indicator_anchor(line.indicator)}">{markup.html_text(line.name)}</a>'
            for line in row.exploration
        )
        or ("None" if has_indicators else "No indicators")
    )
    overdue = f'<a href="{markup.html_text(row.overdue_href)}">{row.overdue}</a>'
    cells = [
        count(row.green),
        count(row.amber),
        count(row.red),
        count(row.no_data),
        exploration,
        overdue,
    ]
    labelled = "".join(
        f'<td data-label="{markup.html_text(label)}">{cell}</td>'
        for label, cell in zip(GLANCE_HEADERS[1:], cells, strict=True)
    )
    return f'<tr><th scope="row">{markup.html_text(row.name)}</th>{labelled}</tr>'


def glance_summary(rows: Sequence[GlanceRow], overdue: int, as_of: str) -> str:
    """The glance in plain words; ``overdue`` counts each overdue action once (a row counts it
    under every theme of its review)."""
    total = sum(r.green + r.amber + r.red + r.no_data + r.unrated for r in rows)
    green, amber, red = (sum(getattr(r, k) for r in rows) for k in ("green", "amber", "red"))
    no_data = sum(r.no_data for r in rows)
    unrated = sum(r.unrated for r in rows)
    explore = sum(len(r.exploration) for r in rows)
    parts = [
        f"{green} on target (green)",
        f"{amber} just off target (amber)",
        f"{red} off target (red)",
    ]
    if no_data:
        parts.append(f"{no_data} without data")
    if unrated:
        parts.append(f"{unrated} without a target (not rated)")
    sentence = (
        f"Of {words.plural(total, 'indicator')}, {', '.join(parts[:-1])} and {parts[-1]}. "
        f"{words.plural(explore, 'indicator is', 'indicators are')} for further exploration. "
        f"{words.plural(overdue, 'action from a case review is', 'actions from case reviews are')}"
        f" overdue as of {as_of}."
    )
    return sentence
