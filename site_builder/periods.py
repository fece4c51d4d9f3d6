"""Financial quarters: the reporting periods of the hub.

A period id is ``YYYY-YY-qN``, where ``YYYY`` is the year the financial year starts and ``YY`` is
the last two digits of the year after it: ``2018-19-q3`` is 1 October to 31 December 2018.
Quarters run q1 April–June, q2 July–September, q3 October–December, q4 January–March.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})-q([1-4])$")
"""The shape of a period id; :func:`is_period_id` also checks that the two years follow on."""

_FIRST_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}
"""Calendar month each quarter starts in."""

_MONTH_SPAN = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}
"""Each quarter's months in words (fixed English, whatever the process locale)."""

_EXAMPLE = "2018-19-q3"


@dataclass(frozen=True, order=True)
class Period:
    """One financial quarter, ordered by time.

    Attributes:
        year: the calendar year the financial year starts in (2018 for 2018/19).
        quarter: 1 to 4; q4 falls in the calendar year after ``year``.
    """

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter must be 1 to 4, got {self.quarter!r}")
        if not 1000 <= self.year <= 9998:
            raise ValueError(f"year must have four digits, got {self.year!r}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period id such as ``2018-19-q3``; raise ``ValueError`` saying what was wrong."""
        match = PERIOD_RE.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"expected a period like {_EXAMPLE}, got {text!r}")
        year, second, quarter = (int(part) for part in match.groups())
        if second != (year + 1) % 100:
            expected = f"{year}-{(year + 1) % 100:02d}"
            raise ValueError(
                f"expected a period like {_EXAMPLE}, got {text!r} "
                f"(a financial year starting in {year} is written {expected})"
            )
        return cls(year, quarter)

    @classmethod
    def containing(cls, day: date) -> Period:
        """The quarter that ``day`` falls in."""
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @property
    def id(self) -> str:
        """The period id, e.g. ``2018-19-q3``."""
        return f"{self.year:04d}-{(self.year + 1) % 100:02d}-q{self.quarter}"

    @property
    def start(self) -> date:
        """The first day of the quarter."""
        return date(self._calendar_year, _FIRST_MONTH[self.quarter], 1)

    @property
    def end(self) -> date:
        """The last day of the quarter."""
        last_month = _FIRST_MONTH[self.quarter] + 2
        last_day = calendar.monthrange(self._calendar_year, last_month)[1]
        return date(self._calendar_year, last_month, last_day)

    @property
    def financial_year(self) -> str:
        """The financial year, e.g. ``2018/19``."""
        return f"{self.year:04d}/{(self.year + 1) % 100:02d}"

    @property
    def short_label(self) -> str:
        """A short heading, e.g. ``Q3 2018/19``."""
        return f"Q{self.quarter} {self.financial_year}"

    @property
    def label(self) -> str:
        """The full label, e.g. ``Q3 2018/19 (October to December 2018)``."""
        return f"{self.short_label} ({_MONTH_SPAN[self.quarter]} {self._calendar_year})"

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in this quarter."""
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The quarter before this one."""
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def next(self) -> Period:
        """The quarter after this one."""
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    def __str__(self) -> str:
        return self.id

    @property
    def _calendar_year(self) -> int:
        """The calendar year the quarter's months fall in."""
        return self.year + 1 if self.quarter == 4 else self.year


def is_period_id(text: object) -> bool:
    """Whether ``text`` is a valid period id (shape and consecutive years)."""
    if not isinstance(text, str):
        return False
    try:
        Period.parse(text)
    except ValueError:
        return False
    return True
