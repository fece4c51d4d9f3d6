"""Tests for site_builder.charts: the chart block, its figure data and the plotly.js asset."""

from __future__ import annotations

import gzip
import html
import json
import re
from importlib import resources

import markdown
import plotly
import plotly.graph_objects as go
import plotly.io as pio

from site_builder.charts import (
    PLOTLY_JS_PATH,
    bar_figure,
    bar_trace,
    chart_block,
    figure_json,
    line_figure,
)
from site_builder.pages.markup import table
from tests.conftest import REPO

LABELS = ["Q1 2026/27", "Q2 2026/27", "Q3 2026/27"]
TABLE = table(["Quarter", "Value"], [["Q1 2026/27", "1"], ["Q2 2026/27", "No data"]])


def render(text: str) -> str:
    """Markdown as MkDocs renders it with the site's extensions."""
    return markdown.markdown(text, extensions=["md_in_html", "tables", "attr_list"])


def figure_of(block: str) -> dict:
    match = re.search(r'data-figure="([^"]*)"', block)
    assert match, block
    return json.loads(html.unescape(match.group(1)))


def test_line_figure_has_a_trace_per_series_and_one_for_the_target():
    assert len(line_figure(LABELS, [("Value", [1, 2, 3])], target=2.0)["data"]) == 2
    assert len(line_figure(LABELS, [("Value", [1, 2, 3])])["data"]) == 1
    target = line_figure(LABELS, [("Value", [1, 2, 3])], target=2.0)["data"][1]
    assert (target["name"], target["y"], target["line"]) == ("Target", [2.0] * 3, {"dash": "dash"})


def _plotly_json(figure: dict) -> str:
    """The JSON plotly.py itself writes for `figure` (validated as a go.Figure, no template)."""
    spec = go.Figure(figure).to_plotly_json()
    spec["layout"].pop("template", None)
    return pio.json.to_json_plotly({"data": spec["data"], "layout": spec["layout"]})


def test_figures_are_valid_plotly_figures_written_as_plotly_py_writes_them():
    # Built as plain dicts for speed: plotly.py must accept each and write the same JSON.
    figures = [
        line_figure(LABELS, [("A </extra> & <b>", [1.5, None, float("nan")])], target=2.0),
        line_figure(LABELS, [("A", [1, 2, 3]), ("B", [3, 2, 1])], y_title="Per cent"),
        bar_figure(LABELS, [("A", [1, 2, 3], ""), ("B", [0, 1, 0], "/")], barmode="stack",
                   height=300, y_title="Actions", y_axis={"dtick": 1}),
        {"data": [bar_trace("Done", x=[2, 1], y=["Health", "Police"], pattern=".",
                            hover="%{y}: %{x}", orientation="h")],
         "layout": {"barmode": "stack", "yaxis": {"autorange": "reversed"}}},
    ]
    for figure in figures:
        ours = figure_json(figure)
        assert json.loads(ours) == json.loads(_plotly_json(figure))
        assert not {"<", ">", "/"} & set(ours)  # escaped as plotly.py escapes them
    assert "\\u003c\\u002fextra\\u003e" in figure_json(figures[0])


def test_gaps_stay_gaps_never_zero():
    spec = json.loads(figure_json(line_figure(LABELS, [("Value", [1.0, None, float("nan")])])))
    assert spec["data"][0]["y"] == [1.0, None, None]
    assert spec["data"][0]["connectgaps"] is False


def test_figure_json_drops_the_template():
    spec = json.loads(figure_json(line_figure(LABELS, [("Value", [1, 2, 3])])))
    assert "template" not in spec["layout"]
    assert set(spec) == {"data", "layout"}


def test_chart_block_round_trips_the_figure_through_the_attribute():
    figure = line_figure(LABELS, [("Value", [1, 2, 3])], target=2.0)
    block = chart_block(figure, chart_id="chart-x", caption="X over time", table_markdown=TABLE)
    assert figure_of(block) == json.loads(figure_json(figure))
    assert figure_of(render(block)) == json.loads(figure_json(figure))


def test_chart_block_escapes_the_caption_and_keeps_no_markup_from_it():
    figure = line_figure(LABELS, [("<b>Value</b>", [1, 2, 3])])
    block = chart_block(
        figure, chart_id="chart-x", caption="<script>alert(1)</script> & 'x'", table_markdown=TABLE
    )
    out = render(block)
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x27;x&#x27;" in out


def test_chart_block_is_a_figure_with_caption_then_its_data_table():
    block = chart_block(
        line_figure(LABELS, [("Value", [1, 2, 3])]),
        chart_id="chart-x",
        caption="X over time",
        table_markdown=TABLE,
    )
    out = render(block)
    figure = out.index('<figure class="hub-figure" id="chart-x">')
    chart = out.index('class="hub-chart"')
    paper = out.index('<svg class="hub-chart-paper"')  # the same figure, drawn for paper
    caption = out.index("<figcaption>X over time</figcaption>")
    data = out.index("<table>")
    assert figure < chart < paper < caption < data
    assert out.count("<polyline") == 1
    assert "<summary>Data table: X over time</summary>" in out
    assert "<th>Quarter</th>" in out and "<td>No data</td>" in out
    # The raw HTML figure holds no blank line (a blank line would end it in some parsers).
    assert "\n\n" not in block[: block.index("</figure>")]


VENDORED = REPO / "overrides" / PLOTLY_JS_PATH


def _version(header: bytes) -> str:
    match = re.search(rb"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)", header)
    assert match, header
    return match.group(1).decode()


def test_plotly_js_is_the_basic_bundle_of_the_version_the_figures_are_written_for():
    assert PLOTLY_JS_PATH == "assets/javascripts/plotly-basic.min.js"
    served = VENDORED.read_bytes()
    embedded = resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()
    assert b"(basic - minified)" in served[:200]
    assert _version(served[:200]) == _version(embedded[:200]), plotly.__version__
    assert (VENDORED.parent / "plotly-basic.LICENSE.txt").read_text().startswith("MIT License")


def test_plotly_js_is_at_most_500_kb_gzipped():
    assert len(gzip.compress(VENDORED.read_bytes(), 9)) <= 500_000


def test_the_basic_bundle_has_every_trace_type_the_hub_draws():
    # The figures the hub makes: line charts (scatter) and stacked bars.
    served = VENDORED.read_bytes()
    for trace in (b'"scatter"', b'"bar"'):
        assert trace in served
