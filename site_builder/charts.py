"""Charts: plotly figures embedded as data, drawn in the browser by charts.js.

A chart is a ``<figure>`` whose ``.hub-chart`` element carries the figure as JSON in a
``data-figure`` attribute (attributes are not indexed by search, text is), then a drawing of
the same figure made at build time (`site_builder.drawing`: what paper and readers without
JavaScript see), then its caption, followed by its data table, the accessible alternative.
``charts.js`` fetches plotly.js, served from the site itself at :data:`PLOTLY_JS_PATH`, only
on pages that hold a chart, and gives each chart the colours of Material's light or dark
palette.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from .drawing import svg_of

PLOTLY_JS_PATH = "assets/javascripts/plotly-basic.min.js"
# The vendored bundle's hash: the output gate passes the file only byte for byte.
PLOTLY_JS_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
"""Docs-relative path of plotly.js, the partial "basic" bundle (scatter and bar traces are all
the hub draws) of the version the plotly package writes its figures for, vendored with its
licence in the theme overrides; charts.js loads it from beside itself."""


def chart_block(figure: Any, *, chart_id: str, caption: str, table_markdown: str) -> str:
    """Markdown/HTML for one chart with its caption and data table.

    ``figure`` is a plotly ``Figure`` (or its dict); its template is dropped, since
    charts.js styles every chart from the page's palette. ``chart_id`` must be unique on
    the page; ``caption`` is plain text (escaped here); ``table_markdown`` is a Markdown
    table whose cells are already escaped. The table follows the figure inside a
    ``<details>`` block, so it is read by screen readers and search, and printed.
    """
    spec = figure_json(figure)
    data = html.escape(spec, quote=True)
    label = html.escape(caption, quote=True)
    drawing = svg_of(json.loads(spec), drawing_id=f"{chart_id}-paper")
    return (
        f'<figure class="hub-figure" id="{html.escape(chart_id)}">\n'
        f'<div class="hub-chart" role="img" aria-label="Chart: {label}. '
        f'The data table follows." data-figure="{data}"></div>\n'
        f"{drawing}\n"
        f"<figcaption>{label}</figcaption>\n"
        "</figure>\n\n"
        '<details class="hub-chart-data" markdown="1">\n'
        f"<summary>Data table: {label}</summary>\n\n"
        f"{table_markdown}\n\n"
        "</details>\n"
    )


def figure_json(figure: Any) -> str:
    """Compact JSON of ``figure``'s data and layout, without a template (NaN becomes null)."""
    spec = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else dict(figure)
    layout = dict(spec.get("layout") or {})
    layout.pop("template", None)
    return pio.json.to_json_plotly({"data": list(spec.get("data") or []), "layout": layout})


def line_figure(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    target: float | None = None,
    y_title: str = "",
    height: int = 280,
) -> go.Figure:
    """A line chart over ``labels`` (e.g. quarters): one trace per series, then the target.

    Gaps (``None``) stay gaps, never zeros. The target, when given, is a dashed line named
    "Target" across every label.
    """
    figure = go.Figure()
    for name, values in series:
        figure.add_trace(
            go.Scatter(
                x=list(labels),
                y=[_none_for_blank(v) for v in values],
                name=name,
                mode="lines+markers",
                connectgaps=False,
                hovertemplate="%{x}: %{y}<extra>" + html.escape(name) + "</extra>",
            )
        )
    if target is not None:
        figure.add_trace(
            go.Scatter(
                x=list(labels),
                y=[target] * len(labels),
                name="Target",
                mode="lines",
                line={"dash": "dash"},
                hovertemplate="Target: %{y}<extra></extra>",
            )
        )
    figure.update_layout(
        height=height,
        margin={"l": 56, "r": 16, "t": 16, "b": 48},
        showlegend=True,
        legend={"orientation": "h", "y": -0.25},
        yaxis={"title": {"text": y_title}, "rangemode": "tozero", "automargin": True},
        xaxis={"type": "category", "automargin": True},
    )
    return figure


def bar_figure(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    barmode: str,
    height: int,
    y_title: str,
    y_axis: dict[str, Any] | None = None,
) -> go.Figure:
    """Bars per label, one trace per `(name, values, pattern)` of `series` (a fill pattern
    too, so traces differ without colour); `barmode` "group" or "stack"."""
    figure = go.Figure(
        data=[
            go.Bar(
                name=name,
                x=list(labels),
                y=list(values),
                marker_pattern_shape=pattern,
                hovertemplate="%{x}: %{y}<extra>" + name + "</extra>",
            )
            for name, values, pattern in series
        ]
    )
    figure.update_layout(
        barmode=barmode,
        height=height,
        margin={"l": 56, "r": 16, "t": 16, "b": 48},
        legend={"orientation": "h", "y": -0.25},
        yaxis={"title": {"text": y_title}, "rangemode": "tozero", "automargin": True}
        | (y_axis or {}),
        xaxis={"type": "category", "automargin": True},
    )
    return figure


def _none_for_blank(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value
