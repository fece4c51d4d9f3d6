"""The hub's one vocabulary: how numbers, dates, counts, ratings, trends and statuses read.

Every page and every note says a value the same way, so "21.0%" on one page is never "21%"
on another. Values are rounded half up (as people do, not to even) to a fixed number of
decimal places by unit; the CSV downloads keep the exact values (:func:`plain_number`).

One arrow convention everywhere: the arrow shows which way the *value* moved (▲ up, ▼ down,
▶ level), the word says whether that is good (improving, worsening, stable; for context
indicators, up or down). A lower-is-better indicator that fell reads "▼ Improving" on every
page. RAG ratings are a symbol and a word (● Green, ◆ Amber, ■ Red), so no symbol means two
things and colour is never the only cue.
"""

from __future__ import annotations

import html
import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NO_DATA = "No data"
NOT_RATED = "Not rated"
NO_TARGET = "No target"
NOT_AVAILABLE = "Not available"

DECIMALS_BY_UNIT: dict[str, int] = {"percent": 1, "rate_per_10k": 1, "count": 0, "days": 0}
"""Decimal places a value of each unit is shown with (a count or days with a fraction: 1)."""

UNIT_AXIS: dict[str, str] = {
    "percent": "Per cent",
    "rate_per_10k": "Rate per 10,000 children",
    "count": "Number",
    "days": "Days",
}
"""Each unit as a chart's axis title."""

RAG_SYMBOLS: dict[str, tuple[str, str]] = {
    "green": ("●", "Green"),
    "amber": ("◆", "Amber"),
    "red": ("■", "Red"),
}
"""Each RAG rating as a symbol and a word."""

ARROWS: dict[int, tuple[str, str]] = {1: ("▲", "up"), -1: ("▼", "down"), 0: ("▶", "level")}
"""The direction of a value (+1 up, -1 down, 0 no change that counts): arrow and its name."""

TREND_NAMES: dict[str, str] = {
    "improving": "Improving",
    "worsening": "Worsening",
    "stable": "Stable",
    "up": "Up",
    "down": "Down",
}
"""Each trend in words."""

STATUS_NAMES: dict[str, str] = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "complete": "Complete",
}
"""Each action status in words."""


# --- numbers -----------------------------------------------------------------------------------


def is_blank(value: object) -> bool:
    """Whether ``value`` means "no data": ``None`` or NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def plain_number(number: float | None) -> str:
    """A number written exactly and plainly for a CSV (``21.4``, ``455``), ``""`` for no data."""
    if is_blank(number):
        return ""
    text = f"{round(float(number), 9):.12g}"
    return "0" if text == "-0" else text


def rounded(number: float, places: int) -> str:
    """``number`` rounded half up to ``places`` decimals, with thousands separators."""
    quantum = Decimal(1).scaleb(-places)
    value = Decimal(repr(float(number))).quantize(quantum, rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)
    return f"{value:,.{places}f}"


def number(value: float | None, unit: str) -> str:
    """The number of a value in its unit's precision, without the unit (``21.0``, ``1,204``)."""
    if is_blank(value):
        return NO_DATA
    places = DECIMALS_BY_UNIT.get(unit, 1)
    if places == 0 and not float(value).is_integer():
        places = 1
    return rounded(value, places)


def value(amount: float | None, unit: str) -> str:
    """A value with its unit: ``21.0%``, ``42.8 per 10,000``, ``1,204``, ``1 day``, ``109 days``;
    "No data" for none (never 0)."""
    if is_blank(amount):
        return NO_DATA
    text = number(amount, unit)
    if unit == "percent":
        return f"{text}%"
    if unit == "rate_per_10k":
        return f"{text} per 10,000"
    if unit == "days":
        return f"{text} {'day' if text == '1' else 'days'}"
    return text


def days(count: float | None) -> str:
    """A number of days: ``1 day``, ``12.5 days``; ``""`` for none."""
    return "" if is_blank(count) else value(count, "days")


def percent_of(part: int, whole: int) -> str:
    """``3 of 4 (75%)``; "None" when ``whole`` is 0."""
    if whole == 0:
        return "None"
    return f"{part} of {whole} ({rounded(100 * part / whole, 0)}%)"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 review``, ``2 reviews``; ``nouns`` for an irregular plural (``1 is``, ``2 are``)."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


# --- dates ---------------------------------------------------------------------------------------


def long_date(day: date | None) -> str:
    """``5 March 2026``, the form GOV.UK uses; ``""`` for none."""
    return f"{day.day} {day.strftime('%B %Y')}" if day else ""


def iso_date(day: date | None) -> str:
    """``2026-03-05`` (downloads); ``""`` for none."""
    return day.isoformat() if day else ""


def yes_no(flag: bool | None) -> str:
    """``yes``/``no`` for a CSV; ``""`` when not known."""
    if flag is None:
        return ""
    return "yes" if flag else "no"


# --- RAG, trends, statuses ---------------------------------------------------------------------


def rag_text(rag: str | None) -> str:
    """A rating as plain text, symbol and word (``● Green``); "Not rated" for none."""
    if rag is None:
        return NOT_RATED
    symbol, word = RAG_SYMBOLS[rag]
    return f"{symbol} {word}"


def rag_html(rag: str | None, *, unrated: str = NOT_RATED) -> str:
    """A rating as inline HTML (symbol hidden from screen readers, word read, colour added)."""
    if rag is None:
        return html.escape(unrated)
    symbol, word = RAG_SYMBOLS[rag]
    return (
        f'<span class="hub-rag hub-rag--{rag}"><span aria-hidden="true">{symbol}</span> '
        f"{word}</span>"
    )


def direction(current: float | None, previous: float | None, trend: str | None) -> int:
    """Which way the value moved: +1 up, -1 down, 0 stable (the trend rule decides 0)."""
    if trend in (None, "stable") or is_blank(current) or is_blank(previous):
        return 0
    return 1 if current > previous else -1


def trend_text(trend: str | None, current: float | None, previous: float | None) -> str:
    """A trend as plain text, arrow for the value's direction and word: ``▼ Improving``;
    "No data" without a trend."""
    if trend is None:
        return NO_DATA
    arrow, _ = ARROWS[direction(current, previous, trend)]
    return f"{arrow} {TREND_NAMES[trend]}"


def trend_html(trend: str | None, current: float | None, previous: float | None) -> str:
    """A trend as inline HTML: the arrow named for screen readers (``down``), then the word."""
    if trend is None:
        return NO_DATA
    arrow, name = ARROWS[direction(current, previous, trend)]
    return (
        f'<span class="hub-trend hub-trend--{trend}">'
        f'<span class="hub-arrow" role="img" aria-label="{name}">{arrow}</span> '
        f"{TREND_NAMES[trend]}</span>"
    )


def status_name(status: str) -> str:
    """An action status in words (``In progress``)."""
    return STATUS_NAMES[status]
