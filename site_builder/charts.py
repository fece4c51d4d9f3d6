"""Charts: plotly figures embedded as data, drawn in the browser by charts.js.

A page with charts gets plotly.js (served from the site itself) only when it holds a
chart; every chart carries its data table as the accessible alternative.
"""

from __future__ import annotations

from typing import Any


def chart_block(figure: Any, *, chart_id: str, caption: str, table_markdown: str) -> str:
    """Markdown/HTML for one chart with its caption and data table (being written)."""
    raise NotImplementedError
