"""Tests for site_builder.drawing: the build-time SVG of a chart, for paper and no JavaScript."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import plotly.graph_objects as go

from site_builder.charts import figure_json, line_figure
from site_builder.drawing import nice_ticks, svg_of, tick_text

SVG = "{http://www.w3.org/2000/svg}"
LABELS = ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26"]


def drawing(figure) -> ET.Element:  # noqa: ANN001
    svg = svg_of(json.loads(figure_json(figure)), drawing_id="chart-x-paper")
    assert "\n\n" not in svg  # it sits inside a raw HTML figure
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_a_line_chart_keeps_gaps_and_draws_its_target_dashed():
    figure = line_figure(LABELS, [("Value", [10, 20, None, 40])], target=30.0, y_title="Per cent")
    root = drawing(figure)
    lines = root.findall(f"{SVG}polyline")
    # The value: one line over the first two quarters, then a gap (Q3 has no data), then Q4
    # alone (its marker only); the target: one dashed line across all four.
    value_runs = [p for p in lines if "stroke-dasharray" not in p.attrib]
    assert [len(p.get("points").split()) for p in value_runs] == [2]
    (target,) = [p for p in lines if "stroke-dasharray" in p.attrib]
    assert len(target.get("points").split()) == 4
    assert len(root.findall(f"{SVG}circle")) == 3  # a marker per value, none for no data
    shown = texts(root)
    assert "Per cent" in shown and "Value" in shown and "Target" in shown
    assert [t for t in shown if t.isdigit()] == ["0", "10", "20", "30", "40"]
    assert "Q1 2025/26" in shown  # four quarters' labels fit on one line each
    assert root.get("viewBox") == "0 0 440 280"
    assert root.get("aria-hidden") == "true"


def test_labels_too_wide_for_their_quarter_wrap_onto_two_lines():
    six = [*LABELS, "Q1 2026/27", "Q2 2026/27"]
    assert "Q12025/26" in texts(drawing(line_figure(six, [("Value", [1, 2, 3, 4, 5, 6])])))


def test_values_sit_where_they_belong_on_the_axis():
    root = drawing(line_figure(LABELS[:2], [("Value", [0, 40])]))
    (line,) = root.findall(f"{SVG}polyline")
    (x0, y0), (x1, y1) = (tuple(map(float, p.split(","))) for p in line.get("points").split())
    labels = [t for t in root.iter(f"{SVG}text") if t.text in ("0", "40")]
    ticks = {t.text: float(t.get("y")) - 4 for t in labels}
    assert (y0, y1) == (ticks["0"], ticks["40"])
    assert x0 < x1


def test_stacked_horizontal_bars_with_patterns():
    figure = go.Figure(
        data=[
            go.Bar(name="Done", y=["Health", "Police"], x=[2, 1], orientation="h"),
            go.Bar(
                name="Late <b>x</b>",
                y=["Health", "Police"],
                x=[1, 0],
                orientation="h",
                marker_pattern_shape="/",
            ),
        ]
    )
    figure.update_layout(barmode="stack", height=200)
    svg = svg_of(json.loads(figure_json(figure)), drawing_id="chart-b-paper")
    root = ET.fromstring(svg)
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("height") != "6"]
    # Three bar segments with a value (Police's 0 is not drawn), two legend swatches.
    assert len(rects) == 5
    assert 'id="chart-b-paper-p1"' in svg and "url(#chart-b-paper-p1)" in svg
    assert "Late &lt;b&gt;x&lt;/b&gt;" in svg and "<b>" not in svg
    health, police = rects[0], rects[1]  # the first trace's segments
    assert float(health.get("y")) < float(police.get("y"))  # first name on top
    assert re.search(r">Health</text>", svg) and re.search(r">Police</text>", svg)


def test_nice_ticks_and_their_labels():
    assert nice_ticks(0, 87) == [0, 25, 50, 75, 100]
    assert nice_ticks(0, 5.3) == [0, 2, 4, 6]
    assert nice_ticks(0, 0) == [0, 0.25, 0.5, 0.75, 1.0]
    assert [tick_text(t, [0, 2.5]) for t in (0, 2.5, 5)] == ["0", "2.5", "5"]
    assert tick_text(1000, [0, 500]) == "1,000"
