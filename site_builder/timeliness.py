"""Deadlines and timeliness of case reviews and their actions, at the build's as-of date.

England bank holidays come from the maintained ``holidays`` library, which computes them
offline; the build never fetches them from the network and the hub keeps no list of its own.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

RAPID_REVIEW_WORKING_DAYS = 15
"""A rapid review is due on the 15th working day after notification."""

LCSPR_MONTHS = 6
"""A local child safeguarding practice review is due six calendar months after notification."""


@cache
def _england_bank_holidays() -> holidays.HolidayBase:
    """England's bank holidays (observed days and one-off holidays included), any year."""
    # Imported on first use: `hub check` needs the overdue rule but never a working day.
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a weekday that is not an England bank holiday."""
    return day.weekday() < 5 and day not in _england_bank_holidays()


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start``, counting ``start`` as day 0.

    Weekends and England bank holidays are skipped; ``start`` itself may be any day.
    """
    if n < 0:
        raise ValueError(f"expected a number of working days of 0 or more, got {n}")
    day = start
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def rapid_review_deadline(notified: date) -> date:
    """A rapid review's deadline: the 15th working day after ``notified``."""
    return add_working_days(notified, RAPID_REVIEW_WORKING_DAYS)


def add_calendar_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` calendar months, keeping its day number.

    Where the target month is shorter, the result is that month's last day
    (31 August plus six months is 28 or 29 February).
    """
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def lcspr_deadline(notified: date) -> date:
    """An LCSPR's deadline: ``notified`` plus six calendar months."""
    return add_calendar_months(notified, LCSPR_MONTHS)


def on_time(deadline: date, done: date | None, as_of: date) -> bool | None:
    """Whether work due on ``deadline`` was done in time, as known at ``as_of``.

    ``True`` when done on or before the deadline; ``False`` when done later, or not done and
    the deadline is before ``as_of``; ``None`` (blank) while not done and the deadline has not
    passed (a deadline on the as-of date has not passed).
    """
    if done is not None:
        return done <= deadline
    if deadline < as_of:
        return False
    return None


def is_overdue(due: date, complete: bool, as_of: date) -> bool:
    """Whether an action is overdue: not complete and due before ``as_of``."""
    return not complete and due < as_of


def learning_lag_days(completed: date | None, first_briefing: date | None) -> int | None:
    """Days from a review's completion to its first briefing; ``None`` when either is missing.

    A briefing dated before the completion counts as no lag (0).
    """
    if completed is None or first_briefing is None:
        return None
    return max(0, (first_briefing - completed).days)
