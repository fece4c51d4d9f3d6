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

from .drawing import svg_of
from .fragments import Html, hold
from .pages.markup import html_text, markdown_block

Figure = dict[str, Any]
"""A plotly figure as plain data, ``{"data": [traces], "layout": {...}}``: built as dicts, not
plotly.py objects, whose validation cost more than the rest of a chart. Each trace's keys are in
plotly.py's order (alphabetical, then ``type``), so the JSON is the one plotly.py wrote."""

# What plotly.py's JSON encoder escapes, so the JSON is safe inside HTML and <script>.
_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"))

PLOTLY_JS_PATH = "assets/javascripts/plotly-basic.min.js"
# The vendored bundle's hash: the output gate passes the file only byte for byte.
PLOTLY_JS_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
"""Docs-relative path of plotly.js, the partial "basic" bundle (scatter and bar traces are all
the hub draws) of the version the plotly package writes its figures for, vendored with its
licence in the theme overrides; charts.js loads it from beside itself."""


def chart_block(figure: Figure, *, chart_id: str, caption: str, table_markdown: str) -> str:
    """Markdown/HTML for one chart with its caption and data table.

    ``figure`` is a `Figure` (charts.js styles every chart from the page's palette, so it
    has no template). ``chart_id`` must be unique on
    the page; ``caption`` is plain text (escaped here); ``table_markdown`` is a Markdown
    table whose cells are already escaped. The table follows the figure inside a
    ``<details>`` block, so it is read by screen readers and search, and printed.
    """
    spec = figure_json(figure)
    data = html.escape(spec, quote=True)
    label = html_text(caption)
    drawing = svg_of(json.loads(spec), drawing_id=f"{chart_id}-paper")
    figure_html = (
        f'<figure class="hub-figure" id="{html.escape(chart_id)}">\n'
        f'<div class="hub-chart" role="img" aria-label="Chart: {label}. '
        f'The data table follows." data-figure="{data}"></div>\n'
        f"{drawing}\n"
        f"<figcaption>{label}</figcaption>\n"
        "</figure>"
    )
    return (
        hold(Html(figure_html))  # no Markdown in it (see site_builder.fragments)
        + "\n\n"
        + markdown_block(
            table_markdown,
            ["hub-chart-data"],
            tag="details",
            head=f"<summary>Data table: {label}</summary>",
        )
        + "\n"
    )


def figure_json(figure: Figure) -> str:
    """Compact JSON of ``figure``'s data and layout, as plotly.py writes it: NaN and infinities
    become null, and ``<``, ``>`` and ``/`` are escaped. A plotly.py ``Figure`` is taken too."""
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    spec = {"data": list(figure.get("data") or []), "layout": dict(figure.get("layout") or {})}
    spec["layout"].pop("template", None)
    text = json.dumps(spec, separators=(",", ":"), default=_plain)
    if "NaN" in text or "Infinity" in text:  # maybe only inside a label: then this is a no-op
        text = json.dumps(json.loads(text, parse_constant=lambda _: None), separators=(",", ":"))
    for unsafe, safe in _UNSAFE:
        text = text.replace(unsafe, safe)
    return text


def _plain(value: Any) -> Any:
    """A numpy or pandas number (or array) as the Python value json can write."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"not JSON serialisable in a figure: {type(value).__name__}")


def line_figure(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    target: float | None = None,
    y_title: str = "",
    height: int = 280,
) -> Figure:
    """A line chart over ``labels`` (e.g. quarters): one trace per series, then the target.

    Gaps (``None``) stay gaps, never zeros. The target, when given, is a dashed line named
    "Target" across every label.
    """
    data = [
        {
            "connectgaps": False,
            "hovertemplate": "%{x}: %{y}<extra>" + html.escape(name) + "</extra>",
            "mode": "lines+markers",
            "name": name,
            "x": list(labels),
            "y": [_none_for_blank(v) for v in values],
            "type": "scatter",
        }
        for name, values in series
    ]
    if target is not None:
        data.append(
            {
                "hovertemplate": "Target: %{y}<extra></extra>",
                "line": {"dash": "dash"},
                "mode": "lines",
                "name": "Target",
                "x": list(labels),
                "y": [target] * len(labels),
                "type": "scatter",
            }
        )
    layout = {
        "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
        "legend": {"orientation": "h", "y": -0.25},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "automargin": True},
        "xaxis": {"type": "category", "automargin": True},
        "height": height,
        "showlegend": True,
    }
    return {"data": data, "layout": layout}


def bar_figure(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    barmode: str,
    height: int,
    y_title: str,
    y_axis: dict[str, Any] | None = None,
) -> Figure:
    """Bars per label, one trace per `(name, values, pattern)` of `series` (a fill pattern
    too, so traces differ without colour); `barmode` "group" or "stack"."""
    data = [
        bar_trace(name, x=list(labels), y=list(values), pattern=pattern, hover="%{x}: %{y}")
        for name, values, pattern in series
    ]
    layout = {
        "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
        "legend": {"orientation": "h", "y": -0.25},
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero", "automargin": True}
        | (y_axis or {}),
        "xaxis": {"type": "category", "automargin": True},
        "barmode": barmode,
        "height": height,
    }
    return {"data": data, "layout": layout}


def bar_trace(
    name: str, *, x: list, y: list, pattern: str, hover: str, orientation: str = ""
) -> dict[str, Any]:
    """One bar trace: `hover` is the hover text before the trace's name; `orientation` "h"
    for horizontal bars (then `y` holds the labels)."""
    trace: dict[str, Any] = {
        "hovertemplate": hover + "<extra>" + name + "</extra>",
        "marker": {"pattern": {"shape": pattern}},
        "name": name,
    }
    if orientation:
        trace["orientation"] = orientation
    return trace | {"x": x, "y": y, "type": "bar"}


def _none_for_blank(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value
