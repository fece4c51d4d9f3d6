"""Tests for site_builder.periods: financial quarters and their ids and labels."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.periods import PERIOD_RE, Period, is_period_id

periods = st.builds(Period, year=st.integers(1001, 9997), quarter=st.integers(1, 4))


@pytest.mark.parametrize(
    ("text", "year", "quarter"),
    [
        ("2018-19-q3", 2018, 3),
        ("2018-19-q1", 2018, 1),
        ("2024-25-q4", 2024, 4),
        ("1999-00-q2", 1999, 2),
        ("2099-00-q1", 2099, 1),
    ],
)
def test_parse_reads_year_and_quarter(text, year, quarter):
    assert Period.parse(text) == Period(year, quarter)


@pytest.mark.parametrize(
    "text",
    [
        "2018-19-q5",
        "2018-19-q0",
        "2018-19-Q3",
        "2018/19-q3",
        "18-19-q3",
        "2018-19",
        " 2018-19-q3",
        "2018-19-q3 ",
        "2018-19-q3\n",
        "",
    ],
)
def test_parse_rejects_bad_shapes_with_a_clear_message(text):
    with pytest.raises(ValueError) as excinfo:
        Period.parse(text)
    assert str(excinfo.value) == f"expected a period like 2018-19-q3, got {text!r}"


def test_parse_rejects_years_that_do_not_follow_on():
    with pytest.raises(ValueError) as excinfo:
        Period.parse("2018-20-q3")
    assert str(excinfo.value) == (
        "expected a period like 2018-19-q3, got '2018-20-q3' "
        "(a financial year starting in 2018 is written 2018-19)"
    )


def test_parse_rejects_a_non_string():
    with pytest.raises(ValueError, match="expected a period like 2018-19-q3, got 2018"):
        Period.parse(2018)


def test_period_re_is_the_shape_only():
    assert PERIOD_RE.match("2018-20-q3")
    assert not PERIOD_RE.match("2018-19-q5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-19-q3", True),
        ("1999-00-q4", True),
        ("2018-20-q3", False),
        ("2018-19-q5", False),
        ("not a period", False),
        (None, False),
        (201819, False),
    ],
)
def test_is_period_id(text, expected):
    assert is_period_id(text) is expected


@pytest.mark.parametrize(
    ("year", "quarter", "message"),
    [
        (2018, 0, "quarter must be 1 to 4, got 0"),
        (2018, 5, "quarter must be 1 to 4, got 5"),
        (999, 1, "year must have four digits, got 999"),
        (9999, 1, "year must have four digits, got 9999"),
    ],
)
def test_constructor_rejects_out_of_range_parts(year, quarter, message):
    with pytest.raises(ValueError) as excinfo:
        Period(year, quarter)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018-19-q1", date(2018, 4, 1), date(2018, 6, 30)),
        ("2018-19-q2", date(2018, 7, 1), date(2018, 9, 30)),
        ("2018-19-q3", date(2018, 10, 1), date(2018, 12, 31)),
        ("2018-19-q4", date(2019, 1, 1), date(2019, 3, 31)),
    ],
)
def test_start_and_end(text, start, end):
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "label", "short_label"),
    [
        ("2018-19-q1", "Q1 2018/19 (April to June 2018)", "Q1 2018/19"),
        ("2018-19-q2", "Q2 2018/19 (July to September 2018)", "Q2 2018/19"),
        ("2018-19-q3", "Q3 2018/19 (October to December 2018)", "Q3 2018/19"),
        ("2018-19-q4", "Q4 2018/19 (January to March 2019)", "Q4 2018/19"),
        ("1999-00-q4", "Q4 1999/00 (January to March 2000)", "Q4 1999/00"),
    ],
)
def test_labels(text, label, short_label):
    period = Period.parse(text)
    assert period.label == label
    assert period.short_label == short_label


def test_id_str_and_financial_year():
    period = Period(2018, 3)
    assert period.id == "2018-19-q3"
    assert str(period) == "2018-19-q3"
    assert period.financial_year == "2018/19"
    assert Period(2009, 1).id == "2009-10-q1"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 4, 1), "2018-19-q1"),
        (date(2018, 6, 30), "2018-19-q1"),
        (date(2018, 7, 1), "2018-19-q2"),
        (date(2018, 12, 31), "2018-19-q3"),
        (date(2019, 1, 1), "2018-19-q4"),
        (date(2019, 3, 31), "2018-19-q4"),
        (date(2020, 2, 29), "2019-20-q4"),
    ],
)
def test_containing(day, expected):
    assert Period.containing(day).id == expected


def test_contains():
    period = Period.parse("2018-19-q3")
    assert period.contains(date(2018, 10, 1))
    assert period.contains(date(2018, 12, 31))
    assert not period.contains(date(2018, 9, 30))
    assert not period.contains(date(2019, 1, 1))


def test_previous_and_next_cross_financial_years():
    assert Period.parse("2019-20-q1").previous().id == "2018-19-q4"
    assert Period.parse("2018-19-q4").next().id == "2019-20-q1"
    assert Period.parse("2018-19-q2").previous().id == "2018-19-q1"
    assert Period.parse("2018-19-q2").next().id == "2018-19-q3"


def test_periods_order_by_time():
    texts = ["2019-20-q1", "2018-19-q4", "2018-19-q1", "2017-18-q3"]
    ordered = sorted(Period.parse(t) for t in texts)
    assert [p.id for p in ordered] == ["2017-18-q3", "2018-19-q1", "2018-19-q4", "2019-20-q1"]


def test_periods_are_frozen_and_hashable():
    period = Period(2018, 3)
    with pytest.raises(AttributeError):
        period.year = 2019
    assert {period, Period.parse("2018-19-q3")} == {period}


@given(periods)
def test_id_round_trips(period):
    assert Period.parse(period.id) == period
    assert is_period_id(period.id)


@given(periods)
def test_quarters_tile_the_calendar(period):
    assert period.next().previous() == period
    assert period.end + timedelta(days=1) == period.next().start
    assert Period.containing(period.start) == period
    assert Period.containing(period.end) == period
    assert period < period.next()


@given(st.dates(min_value=date(1001, 4, 1), max_value=date(9998, 12, 31)))
def test_containing_holds_the_day(day):
    assert Period.containing(day).contains(day)
