"""Scorecard rules: RAG rating, trend and default classification of one indicator's values.

These work on plain numbers; ``None`` (or NaN, as pandas gives for a blank cell) means
"no data" and yields ``None``, never a rating made up from 0. Comparisons are made on
differences rounded to :data:`DECIMALS` places, so that sums such as ``20.0 + 2.0`` or
``0.1 + 0.2`` land exactly on a target or a tolerance when they should.
"""

from __future__ import annotations

import math
from typing import Literal

Polarity = Literal["higher", "lower", "context"]
Rag = Literal["green", "amber", "red"]
Trend = Literal["improving", "worsening", "stable", "up", "down"]
Classification = Literal["doing-well", "further-exploration"]

POLARITIES: tuple[str, ...] = ("higher", "lower", "context")
"""``higher``: more is better; ``lower``: less is better; ``context``: no good direction."""

DEFAULT_TOLERANCE_SHARE = 0.05
"""The tolerance when an indicator gives none: 5% of its target."""

TREND_THRESHOLD_SHARE = 0.01
"""A change counts towards a trend when it exceeds 1% of the previous value."""

DECIMALS = 9
"""Differences are rounded to this many decimal places before they are compared."""


def default_tolerance(target: float) -> float:
    """The tolerance used when an indicator gives none: 5% of ``|target|``."""
    return abs(target) * DEFAULT_TOLERANCE_SHARE


def rag(
    value: float | None, target: float | None, tolerance: float | None, polarity: str
) -> Rag | None:
    """Rate ``value`` against ``target``: green, amber, red, or ``None`` where no rating applies.

    Only indicators with a target and polarity ``higher`` or ``lower`` are rated, and only when
    there is a value. Green meets or beats the target; amber misses it by no more than the
    tolerance (``None``: 5% of the target); red misses it by more.
    """
    _check_polarity(polarity)
    if polarity == "context" or _is_blank(value) or _is_blank(target):
        return None
    if _is_blank(tolerance):
        tolerance = default_tolerance(target)
    shortfall = _shortfall(value, target, polarity)
    if shortfall <= 0:
        return "green"
    if shortfall <= round(tolerance, DECIMALS):
        return "amber"
    return "red"


def trend(value: float | None, previous: float | None, polarity: str) -> Trend | None:
    """The direction of ``value`` against the previous quarter's, or ``None`` without both.

    A change counts when it exceeds 1% of ``|previous|`` (any change, when ``previous`` is 0).
    ``higher``/``lower`` indicators are improving or worsening; ``context`` ones go up or down;
    a change that does not count is stable.
    """
    _check_polarity(polarity)
    if _is_blank(value) or _is_blank(previous):
        return None
    direction = _direction(value, previous)
    if direction == 0:
        return "stable"
    if polarity == "context":
        return "up" if direction > 0 else "down"
    good = 1 if polarity == "higher" else -1
    return "improving" if direction == good else "worsening"


def classify(
    rag: str | None, trend: str | None, previous_trend: str | None
) -> Classification | None:
    """The default classification of an indicator in a quarter, or ``None``.

    ``previous_trend`` is the previous quarter's trend against the quarter before it.
    Doing well: green and not worsening. Further exploration: red, or worsening in both
    this quarter and the previous one.
    """
    if _doing_well(rag, trend):
        return "doing-well"
    if rag == "red" or _worsening_twice(trend, previous_trend):
        return "further-exploration"
    return None


def classification_reason(
    rag: str | None, trend: str | None, previous_trend: str | None
) -> str | None:
    """A short reason for :func:`classify`'s answer, e.g. ``red against target``; else ``None``."""
    if _doing_well(rag, trend):
        return "green and not worsening"
    reasons = []
    if rag == "red":
        reasons.append("red against target")
    if _worsening_twice(trend, previous_trend):
        reasons.append("worsening for two quarters in a row")
    return " and ".join(reasons) or None


def _doing_well(rag: str | None, trend: str | None) -> bool:
    """Green and not worsening (a missing trend is not worsening)."""
    return rag == "green" and trend != "worsening"


def _worsening_twice(trend: str | None, previous_trend: str | None) -> bool:
    """Worsening against the previous quarter, and a quarter earlier too."""
    return trend == "worsening" and previous_trend == "worsening"


def _shortfall(value: float, target: float, polarity: str) -> float:
    """How far ``value`` falls short of ``target`` in the bad direction (<= 0: met)."""
    missed_by = target - value if polarity == "higher" else value - target
    return round(missed_by, DECIMALS)


def _direction(value: float, previous: float) -> int:
    """+1 for a change up that counts, -1 for one down, 0 for no change that counts."""
    change = round(value - previous, DECIMALS)
    threshold = round(abs(previous) * TREND_THRESHOLD_SHARE, DECIMALS)
    if abs(change) <= threshold:  # with a previous value of 0, any change exceeds 0
        return 0
    return 1 if change > 0 else -1


def _is_blank(number: float | None) -> bool:
    """Whether ``number`` means "no data": ``None`` or NaN."""
    return number is None or (isinstance(number, float) and math.isnan(number))


def _check_polarity(polarity: str) -> None:
    """Raise ``ValueError`` for a polarity the rules do not know (a bug: validated at load)."""
    if polarity not in POLARITIES:
        raise ValueError(f"expected a polarity of {', '.join(POLARITIES)}, got {polarity!r}")
