"""Charts drawn at build time as SVG: the printed and no-JavaScript layer of every chart.

plotly draws a chart in the browser, and only once plotly.js has loaded and the chart has
come near the screen, so a page printed as it opens (Ctrl+P, a browser's "save as PDF") would
lose its charts. Each chart therefore also carries this drawing of the *same figure*, made
from the plotly figure's own data when the site is built, with no browser: report.css shows
it on paper and where JavaScript does not run, and hides it on screen once plotly draws.

It draws the two kinds of figure the hub makes: line charts over categories (quarters), with
gaps for no data and a dashed target line, and stacked bar charts, vertical or horizontal,
with fill patterns. Colours are the site's chart colours (CSS classes ``s1``..``s3`` that
report.css maps to the palette, with light-scheme fallbacks in the attributes).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

WIDTH = 440
"""Width of a line chart's coordinate space (they sit two abreast); it is scaled to the width
of its column, so text keeps about the size of the page's small print."""

BAR_WIDTH = 640
"""Width of a bar chart's coordinate space (they take the page's full width)."""

COLOURS = ("#303f9f", "#b71c1c", "#00695c")
"""Series colours (report.css's light palette), in trace order, as fallbacks."""

FONT = 13
"""Text size in drawing units."""

_CHAR = 0.56 * FONT  # rough width of a character, for margins and label fitting


def svg_of(spec: dict[str, Any], *, drawing_id: str) -> str:
    """The SVG of a plotly figure ``spec`` (``{"data": [...], "layout": {...}}``).

    Hidden from assistive technology: the chart element beside it is named and its data
    table follows. ``drawing_id`` makes pattern ids unique on the page. The SVG holds no
    blank line, so it can sit in raw HTML.
    """
    data = [trace for trace in spec.get("data") or [] if trace.get("visible", True) is True]
    layout = spec.get("layout") or {}
    height = int(layout.get("height") or 280)
    horizontal = any(t.get("type") == "bar" and t.get("orientation") == "h" for t in data)
    width = BAR_WIDTH if any(t.get("type") == "bar" for t in data) else WIDTH
    chart = _Chart(data, layout, height, horizontal, drawing_id, width)
    body = chart.draw()
    return (
        f'<svg class="hub-chart-paper" viewBox="0 0 {width} {height}" aria-hidden="true" '
        f'focusable="false" data-pagefind-ignore="all" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f"{body}</svg>"
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from at most ``low`` to at least ``high``, about ``count`` of them."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_text(value: float, ticks: Sequence[float]) -> str:
    """A tick label with as many decimals as the step needs (``0``, ``2.5``, ``1,000``)."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1
    places = 0 if float(step).is_integer() else max(0, -math.floor(math.log10(step)) + 1)
    text = f"{value:,.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value: object) -> str:
    """Figure text as SVG text: plotly-escaped labels are unescaped, then escaped once."""
    return html.escape(html.unescape(str(value)), quote=True)


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


class _Chart:
    """One drawing: axes, ticks, traces and a legend, in drawing units."""

    def __init__(
        self,
        data: list[dict[str, Any]],
        layout: dict[str, Any],
        height: int,
        horizontal: bool,
        drawing_id: str,
        width: int = WIDTH,
    ) -> None:
        self.width = width
        self.data = data
        self.layout = layout
        self.height = height
        self.horizontal = horizontal
        self.id = drawing_id
        self.categories = self._categories()
        self.legend_rows = self._legend_rows()
        left = 54
        if horizontal:
            longest = max((len(html.unescape(str(c))) for c in self.categories), default=4)
            left = int(min(width * 0.5, longest * _CHAR + 12))
        self.left, self.right, self.top = left, width - 12, 12
        self.wrap = not horizontal and any(self._too_wide(c) for c in self.categories)
        labels = 22 + (14 if self.wrap else 0) + (16 if horizontal and self._axis_title("x") else 0)
        self.bottom = height - labels - 8 - 18 * len(self.legend_rows)

    # --- layout ------------------------------------------------------------------------------

    def _categories(self) -> list[str]:
        key = "y" if self.horizontal else "x"
        seen: list[str] = []
        for trace in self.data:
            for item in trace.get(key) or []:
                if str(item) not in seen:
                    seen.append(str(item))
        return seen

    def _too_wide(self, category: str) -> bool:
        """Whether a category label is wider than its band (it then wraps at its first space)."""
        band = (self.right - self.left) / max(1, len(self.categories))
        text = html.unescape(category)
        return len(text) * _CHAR > band - 4 and " " in text

    def _axis_title(self, axis: str) -> str:
        title = (self.layout.get(f"{axis}axis") or {}).get("title") or {}
        return str(title.get("text") or "") if isinstance(title, dict) else str(title)

    def _legend_rows(self) -> list[list[int]]:
        """Trace indexes per legend row, wrapped to the drawing's width."""
        rows: list[list[int]] = [[]]
        used = 0.0
        for index, trace in enumerate(self.data):
            width = 30 + len(html.unescape(str(trace.get("name") or ""))) * _CHAR + 16
            if rows[-1] and used + width > self.width - 20:
                rows.append([])
                used = 0.0
            rows[-1].append(index)
            used += width
        return [row for row in rows if row]

    def _value_range(self) -> list[float]:
        key = "x" if self.horizontal else "y"
        stacked = self.layout.get("barmode") == "stack"
        if stacked:
            totals = [0.0] * len(self.categories)
            for trace in self.data:
                for position, amount in self._points(trace):
                    totals[position] += max(0.0, amount)
            values = totals
        else:
            numbers = (_number(x) for t in self.data for x in t.get(key) or [])
            values = [v for v in numbers if v is not None]
        high = max(values, default=0.0)
        low = min([0.0, *values])
        ticks = nice_ticks(low, high if high > low else low + 1)
        dtick = (self.layout.get(f"{key}axis") or {}).get("dtick")
        if dtick and (ticks[-1] - ticks[0]) / float(dtick) <= 8:
            step = float(dtick)
            steps = int(round((ticks[-1] - ticks[0]) / step))
            ticks = [ticks[0] + i * step for i in range(steps + 1)]
        return ticks

    def _points(self, trace: dict[str, Any]) -> list[tuple[int, float]]:
        """(category position, value) of a trace's points that have a value."""
        cat_key, val_key = ("y", "x") if self.horizontal else ("x", "y")
        points = []
        pairs = zip(trace.get(cat_key) or [], trace.get(val_key) or [], strict=False)
        for category, amount in pairs:
            number = _number(amount)
            if number is not None and str(category) in self.categories:
                points.append((self.categories.index(str(category)), number))
        return points

    # --- drawing -----------------------------------------------------------------------------

    def draw(self) -> str:
        ticks = self._value_range()
        self.low, self.high = ticks[0], ticks[-1]
        parts = [self._defs(), self._grid(ticks), self._category_axis()]
        parts += self._bars() + self._lines()
        parts.append(self._legend())
        return "".join(p for p in parts if p)

    def _scale(self, amount: float) -> float:
        """A value's position along the value axis."""
        share = (amount - self.low) / (self.high - self.low)
        if self.horizontal:
            return self.left + share * (self.right - self.left)
        return self.bottom - share * (self.bottom - self.top)

    def _slot(self, position: int) -> tuple[float, float]:
        """Start and width of a category's band along the category axis."""
        count = max(1, len(self.categories))
        if self.horizontal:
            band = (self.bottom - self.top) / count
            return self.top + position * band, band
        band = (self.right - self.left) / count
        return self.left + position * band, band

    def _defs(self) -> str:
        patterns = []
        for index, trace in enumerate(self.data):
            shape = ((trace.get("marker") or {}).get("pattern") or {}).get("shape")
            if trace.get("type") != "bar" or not shape:
                continue
            colour = COLOURS[index % len(COLOURS)]
            mark = (
                '<circle cx="3" cy="3" r="1.2" fill="#fff"/>'
                if shape == "."
                else '<path d="M0 6L6 0" stroke="#fff" stroke-width="1.5"/>'
            )
            patterns.append(
                f'<pattern id="{self.id}-p{index}" width="6" height="6" '
                f'patternUnits="userSpaceOnUse"><rect width="6" height="6" '
                f'class="s{index % 3 + 1}" fill="{colour}"/>{mark}</pattern>'
            )
        return f"<defs>{''.join(patterns)}</defs>" if patterns else ""

    def _grid(self, ticks: list[float]) -> str:
        lines = []
        for tick in ticks:
            at = self._scale(tick)
            label = tick_text(tick, ticks)
            if self.horizontal:
                lines.append(
                    f'<line class="grid" x1="{at:.1f}" y1="{self.top}" x2="{at:.1f}" '
                    f'y2="{self.bottom}" stroke="#ddd"/>'
                    f'<text class="axis" x="{at:.1f}" y="{self.bottom + 16}" '
                    f'text-anchor="middle" fill="#333">{label}</text>'
                )
            else:
                lines.append(
                    f'<line class="grid" x1="{self.left}" y1="{at:.1f}" x2="{self.right}" '
                    f'y2="{at:.1f}" stroke="#ddd"/>'
                    f'<text class="axis" x="{self.left - 6}" y="{at + 4:.1f}" '
                    f'text-anchor="end" fill="#333">{label}</text>'
                )
        title_y, title_x = self._axis_title("y"), self._axis_title("x")
        if self.horizontal and title_x:
            lines.append(
                f'<text class="axis" x="{(self.left + self.right) / 2:.1f}" '
                f'y="{self.bottom + 32}" text-anchor="middle" fill="#333">{_text(title_x)}</text>'
            )
        if not self.horizontal and title_y:
            middle = (self.top + self.bottom) / 2
            lines.append(
                f'<text class="axis" x="12" y="{middle:.1f}" text-anchor="middle" fill="#333" '
                f'transform="rotate(-90 12 {middle:.1f})">{_text(title_y)}</text>'
            )
        return "".join(lines)

    def _category_axis(self) -> str:
        labels = []
        for position, category in enumerate(self.categories):
            start, band = self._slot(position)
            text = html.unescape(category)
            if self.horizontal:
                labels.append(
                    f'<text class="axis" x="{self.left - 6}" y="{start + band / 2 + 4:.1f}" '
                    f'text-anchor="end" fill="#333">{_text(text)}</text>'
                )
                continue
            middle = start + band / 2
            if self.wrap and " " in text:
                first, rest = text.split(" ", 1)
                labels.append(
                    f'<text class="axis" x="{middle:.1f}" y="{self.bottom + 16}" '
                    f'text-anchor="middle" fill="#333">{_text(first)}'
                    f'<tspan x="{middle:.1f}" dy="14">{_text(rest)}</tspan></text>'
                )
            else:
                labels.append(
                    f'<text class="axis" x="{middle:.1f}" y="{self.bottom + 16}" '
                    f'text-anchor="middle" fill="#333">{_text(text)}</text>'
                )
        axis = (
            f'<line class="grid" x1="{self.left}" y1="{self.bottom}" x2="{self.right}" '
            f'y2="{self.bottom}" stroke="#999"/>'
        )
        return axis + "".join(labels)

    def _bars(self) -> list[str]:
        bars = [t for t in self.data if t.get("type") == "bar"]
        if not bars:
            return []
        stacked = self.layout.get("barmode") == "stack"
        offsets = [0.0] * len(self.categories)
        shapes = []
        group = 1 if stacked else len(bars)
        for number, trace in enumerate(bars):
            index = self.data.index(trace)
            fill = self._fill(trace, index)
            for position, amount in self._points(trace):
                if amount <= 0:
                    continue
                start, band = self._slot(position)
                inner = band * 0.7 / group
                lead = start + band * 0.15 + (0 if stacked else number * inner)
                base = offsets[position] if stacked else 0.0
                low, high = self._scale(base), self._scale(base + amount)
                if stacked:
                    offsets[position] += amount
                if self.horizontal:
                    shapes.append(
                        f'<rect x="{low:.1f}" y="{lead:.1f}" width="{high - low:.1f}" '
                        f'height="{inner:.1f}" {fill} stroke="#fff" stroke-width="0.5"/>'
                    )
                else:
                    shapes.append(
                        f'<rect x="{lead:.1f}" y="{high:.1f}" width="{inner:.1f}" '
                        f'height="{low - high:.1f}" {fill} stroke="#fff" stroke-width="0.5"/>'
                    )
        return shapes

    def _fill(self, trace: dict[str, Any], index: int) -> str:
        shape = ((trace.get("marker") or {}).get("pattern") or {}).get("shape")
        if shape:
            return f'fill="url(#{self.id}-p{index})"'
        return f'class="s{index % 3 + 1}" fill="{COLOURS[index % len(COLOURS)]}"'

    def _lines(self) -> list[str]:
        shapes = []
        for index, trace in enumerate(self.data):
            if trace.get("type", "scatter") != "scatter":
                continue
            colour = COLOURS[index % len(COLOURS)]
            css = f"s{index % 3 + 1}"
            dash = (trace.get("line") or {}).get("dash")
            dashing = ' stroke-dasharray="6 4"' if dash else ""
            points = self._points(trace)
            for run in (r for r in _runs(points) if len(r) > 1):  # a lone point: its marker
                coords = " ".join(
                    f"{self._centre(position):.1f},{self._scale(amount):.1f}"
                    for position, amount in run
                )
                shapes.append(
                    f'<polyline class="{css} line" points="{coords}" fill="none" '
                    f'stroke="{colour}" stroke-width="2.5"{dashing}/>'
                )
            if "markers" in str(trace.get("mode") or ""):
                shapes.extend(
                    f'<circle class="{css}" cx="{self._centre(position):.1f}" '
                    f'cy="{self._scale(amount):.1f}" r="3.5" fill="{colour}"/>'
                    for position, amount in points
                )
        return shapes

    def _centre(self, position: int) -> float:
        start, band = self._slot(position)
        return start + band / 2

    def _legend(self) -> str:
        if not self.layout.get("showlegend", True) and len(self.data) < 2:
            return ""
        items = []
        y = self.height - 18 * len(self.legend_rows) + 4
        for row in self.legend_rows:
            x = 20.0
            for index in row:
                trace = self.data[index]
                name = html.unescape(str(trace.get("name") or ""))
                colour = COLOURS[index % len(COLOURS)]
                css = f"s{index % 3 + 1}"
                if trace.get("type") == "bar":
                    fill = self._fill(trace, index)
                    swatch = f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="22" height="11" {fill}/>'
                else:
                    dashed = (trace.get("line") or {}).get("dash")
                    dash = ' stroke-dasharray="6 4"' if dashed else ""
                    swatch = (
                        f'<line class="{css} line" x1="{x:.1f}" y1="{y - 4:.1f}" '
                        f'x2="{x + 22:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
                        f'stroke-width="2.5"{dash}/>'
                    )
                items.append(
                    swatch + f'<text class="axis" x="{x + 28:.1f}" y="{y:.1f}" '
                    f'fill="#333">{_text(name)}</text>'
                )
                x += 30 + len(name) * _CHAR + 16
            y += 18
        return "".join(items)


def _runs(points: list[tuple[int, float]]) -> list[list[tuple[int, float]]]:
    """Consecutive points split at gaps (no data stays a gap, never a line through it)."""
    runs: list[list[tuple[int, float]]] = []
    for point in points:
        if runs and point[0] == runs[-1][-1][0] + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs
