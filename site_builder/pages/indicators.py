"""Indicators on pages: values, RAG and trend in words and symbols, and their charts.

Shared by the quarterly report and the theme pages. A RAG rating is always shown as a word
and a symbol as well as a colour ("● Green", "◆ Amber", "■ Red"); a trend as an arrow showing
which way the value moved and a word saying whether that is good; no data as "No data",
never 0. The wording itself is `site_builder.words`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import words
from ..charts import chart_block, line_figure
from ..periods import Period
from ..scorecard import ScorecardLine, compute, history
from ..site import Site
from . import markup
from .listing import href, report_path, theme_path

if TYPE_CHECKING:
    import pandas as pd

NO_DATA = words.NO_DATA


def format_value(value: float | None, unit: str) -> str:
    """A value with its unit, as every page writes it (see :func:`site_builder.words.value`)."""
    return words.value(value, unit)


def rag_label(line: ScorecardLine) -> str:
    """RAG as symbol, word and colour (inline HTML); "No data" or "Not rated" otherwise."""
    rated = line.polarity != "context" and line.target is not None
    unrated = NO_DATA if rated and line.value is None else words.NOT_RATED
    return words.rag_html(line.rag, unrated=unrated)


def rag_text(line: ScorecardLine) -> str:
    """RAG as plain text (symbol and word), for sentences and lists."""
    return words.rag_text(line.rag)


def trend_label(line: ScorecardLine) -> str:
    """Trend as an arrow for the direction the value moved and a word for whether that is
    good; "No data" without one."""
    return words.trend_html(line.trend, line.value, line.previous_value)


def trend_text(line: ScorecardLine) -> str:
    """The trend as plain text (``▼ Improving``)."""
    return words.trend_text(line.trend, line.value, line.previous_value)


def target_label(line: ScorecardLine) -> str:
    """The target with its unit, or "No target" (context indicators have none)."""
    return format_value(line.target, line.unit) if line.target is not None else words.NO_TARGET


def england_label(line: ScorecardLine) -> str:
    """The England comparator with its unit, or "Not available"."""
    if line.england is None:
        return words.NOT_AVAILABLE
    return format_value(line.england, line.unit)


def indicator_chart(
    line: ScorecardLine, values: pd.DataFrame, *, chart_id: str, height: int = 280
) -> str:
    """A chart of one indicator over the quarters in ``values`` (rows: period ids), with its
    target, followed by its data table."""
    import pandas as pd  # imported where the frame was made

    periods = [Period.parse(pid) for pid in values.index]
    labels = [p.short_label for p in periods]
    series = [None if pd.isna(v) else float(v) for v in values[line.indicator]]
    figure = line_figure(
        labels,
        [("Value", series)],
        target=line.target,
        y_title=words.UNIT_AXIS.get(line.unit, ""),
        height=height,
    )
    headers = ["Quarter", "Value"] + (["Target"] if line.target is not None else [])
    rows = []
    for period, value in zip(periods, series, strict=True):
        row = [markup.cell(period.label), markup.cell(format_value(value, line.unit))]
        if line.target is not None:
            row.append(markup.cell(format_value(line.target, line.unit)))
        rows.append(row)
    caption = f"{line.name}, {labels[0]} to {labels[-1]}"
    return chart_block(
        figure, chart_id=chart_id, caption=caption, table_markdown=markup.table(headers, rows)
    )


def theme_indicators_markdown(site: Site, priority_id: str) -> str:
    """``## Indicators`` for a theme page: each indicator's latest value, RAG and trend, and a
    small chart of its last six quarters; '' when the priority has no indicators."""
    if not site.project.indicators_for(priority_id):
        return ""
    periods = site.project.scorecards.periods()
    if not periods:
        return "## Indicators\n\nNo scorecard data yet."
    latest = periods[-1]
    lines = compute(site.project, latest).for_priority(priority_id)
    values = history(site.project, latest)
    page = theme_path(priority_id)
    parts = ["## Indicators", _latest_sentence(site, page, latest), _theme_table(lines)]
    charts = [
        indicator_chart(line, values, chart_id=f"chart-{line.indicator}", height=220)
        for line in lines
    ]
    parts.append(markup.markdown_block("\n".join(charts), ["hub-chart-grid"]))
    return "\n\n".join(parts)


def _latest_sentence(site: Site, page: str, latest: Period) -> str:
    sentence = f"Latest data: {markup.text(latest.label)}."
    if site.reports.get(latest.id) is not None:
        link = markup.link("the quarterly report", href(page, report_path(latest.id)))
        sentence += f" See {link} for the partnership's analysis."
    return sentence


def _theme_table(lines: list[ScorecardLine]) -> str:
    rows = [
        [
            markup.cell(line.name),
            markup.cell(format_value(line.value, line.unit)),
            rag_label(line),
            trend_label(line),
        ]
        for line in lines
    ]
    return markup.table(["Indicator", "Latest value", "RAG", "Trend"], rows)
