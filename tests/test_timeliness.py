"""Tests for site_builder.timeliness: working days, deadlines, on time, overdue, learning lag."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.timeliness import (
    add_calendar_months,
    add_working_days,
    is_overdue,
    is_working_day,
    lcspr_deadline,
    learning_lag_days,
    on_time,
    rapid_review_deadline,
)

# Dates where England's bank holidays are known to the library for certain.
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 12, 24), True),  # Tuesday
        (date(2024, 12, 25), False),  # Christmas Day
        (date(2024, 12, 26), False),  # Boxing Day
        (date(2025, 1, 1), False),  # New Year's Day
        (date(2024, 3, 29), False),  # Good Friday
        (date(2024, 4, 1), False),  # Easter Monday
        (date(2022, 9, 19), False),  # State Funeral of Queen Elizabeth II
        (date(2022, 6, 3), False),  # Platinum Jubilee
        (date(2022, 12, 27), False),  # Christmas Day (observed: 25th was a Sunday)
        (date(2023, 5, 8), False),  # Coronation of King Charles III
        (date(2025, 1, 11), False),  # Saturday
        (date(2025, 1, 12), False),  # Sunday
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 1, 13), 0, date(2025, 1, 13)),
        (date(2025, 1, 11), 0, date(2025, 1, 11)),  # day 0 is the start, whatever it is
        (date(2025, 1, 13), 1, date(2025, 1, 14)),
        (date(2025, 1, 10), 1, date(2025, 1, 13)),  # Friday: the weekend is skipped
        (date(2024, 5, 3), 1, date(2024, 5, 7)),  # Friday before the May bank holiday
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def test_add_working_days_refuses_a_negative_count():
    with pytest.raises(ValueError) as excinfo:
        add_working_days(date(2025, 1, 13), -1)
    assert str(excinfo.value) == "expected a number of working days of 0 or more, got -1"


@pytest.mark.parametrize(
    ("notified", "deadline"),
    [
        # A plain three weeks: Monday to the Monday three weeks on.
        pytest.param(date(2025, 2, 3), date(2025, 2, 24), id="no-holidays"),
        # 25 and 26 December and 1 January fall inside: three days later than a plain count.
        pytest.param(date(2024, 12, 16), date(2025, 1, 9), id="christmas-new-year"),
        # Good Friday 29 March and Easter Monday 1 April 2024.
        pytest.param(date(2024, 3, 25), date(2024, 4, 17), id="easter"),
        # Notified on a Friday or the Saturday after: the count starts on Monday either way.
        pytest.param(date(2025, 1, 10), date(2025, 1, 31), id="notified-friday"),
        pytest.param(date(2025, 1, 11), date(2025, 1, 31), id="notified-saturday"),
        pytest.param(date(2025, 1, 12), date(2025, 1, 31), id="notified-sunday"),
        # The Queen's funeral, 19 September 2022, is a one-off bank holiday.
        pytest.param(date(2022, 9, 12), date(2022, 10, 4), id="queens-funeral-2022"),
        # 25 December 2022 was a Sunday: 26 and 27 December were the bank holidays.
        pytest.param(date(2022, 12, 19), date(2023, 1, 12), id="christmas-observed-2022"),
    ],
)
def test_rapid_review_deadline(notified, deadline):
    assert rapid_review_deadline(notified) == deadline


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), 6, date(2025, 9, 30)),
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
        (date(2025, 7, 31), 6, date(2026, 1, 31)),  # across the year end
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 5, 31), 0, date(2025, 5, 31)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 31), -1, date(2024, 12, 31)),
    ],
)
def test_add_calendar_months(start, months, expected):
    assert add_calendar_months(start, months) == expected


@pytest.mark.parametrize(
    ("notified", "deadline"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),
        (date(2025, 3, 31), date(2025, 9, 30)),
        (date(2025, 1, 15), date(2025, 7, 15)),
    ],
)
def test_lcspr_deadline_is_six_calendar_months(notified, deadline):
    assert lcspr_deadline(notified) == deadline


DEADLINE = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("done", "as_of", "expected"),
    [
        pytest.param(DEADLINE, date(2025, 6, 1), True, id="done-on-the-deadline"),
        pytest.param(date(2025, 3, 1), date(2025, 6, 1), True, id="done-early"),
        pytest.param(date(2025, 3, 15), date(2025, 6, 1), False, id="done-a-day-late"),
        pytest.param(None, DEADLINE, None, id="not-done-deadline-is-as-of"),
        pytest.param(None, date(2025, 3, 1), None, id="not-done-deadline-ahead"),
        pytest.param(None, date(2025, 3, 15), False, id="not-done-deadline-passed"),
        # Done later than the deadline is late whatever the as-of date says.
        pytest.param(date(2025, 3, 15), date(2025, 3, 10), False, id="done-late-early-as-of"),
    ],
)
def test_on_time(done, as_of, expected):
    assert on_time(DEADLINE, done, as_of) is expected


@pytest.mark.parametrize(
    ("due", "complete", "expected"),
    [
        pytest.param(date(2025, 3, 14), False, False, id="due-on-the-as-of-date"),
        pytest.param(date(2025, 3, 13), False, True, id="due-the-day-before"),
        pytest.param(date(2025, 3, 15), False, False, id="due-later"),
        pytest.param(date(2025, 3, 13), True, False, id="complete-never-overdue"),
        pytest.param(date(2020, 1, 1), True, False, id="complete-long-ago"),
    ],
)
def test_is_overdue(due, complete, expected):
    assert is_overdue(due, complete, as_of=date(2025, 3, 14)) is expected


@pytest.mark.parametrize(
    ("completed", "first_briefing", "expected"),
    [
        pytest.param(date(2025, 1, 10), date(2025, 2, 9), 30, id="thirty-days"),
        pytest.param(date(2025, 1, 10), date(2025, 1, 10), 0, id="same-day"),
        pytest.param(date(2025, 1, 10), date(2024, 12, 1), 0, id="briefing-predates"),
        pytest.param(date(2025, 1, 10), None, None, id="no-briefing"),
        pytest.param(None, date(2025, 1, 10), None, id="not-completed"),
        pytest.param(None, None, None, id="neither"),
    ],
)
def test_learning_lag_days(completed, first_briefing, expected):
    assert learning_lag_days(completed, first_briefing) == expected


@given(days, st.integers(0, 40))
def test_add_working_days_counts_exactly_n_working_days(start, n):
    result = add_working_days(start, n)
    between = (start + timedelta(days=i) for i in range(1, (result - start).days + 1))
    assert sum(is_working_day(day) for day in between) == n
    if n > 0:
        assert is_working_day(result)


@given(days, st.integers(-120, 120))
def test_add_calendar_months_keeps_the_day_or_ends_the_month(start, months):
    result = add_calendar_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    if result.day != start.day:
        assert result.day < start.day
        assert (result + timedelta(days=1)).day == 1
