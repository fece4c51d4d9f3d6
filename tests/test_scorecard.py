"""Tests for site_builder.scorecard: the contract's rules at their edges, through the computation,
and scorecard.csv cell by cell against the computed table."""

from __future__ import annotations

import csv
import dataclasses
import io
import math

import pandas as pd
import pytest

from site_builder.models import Indicator, ScorecardRow
from site_builder.periods import Period
from site_builder.pipeline import check
from site_builder.project import Scorecards
from site_builder.scorecard import (
    CSV_COLUMNS,
    compute,
    compute_scorecard,
    format_number,
    history,
    quarters_ending,
)
from tests.conftest import corpus_project

Q1, Q2, Q3 = (Period(2026, q) for q in (1, 2, 3))


def indicator(polarity="lower", target=20.0, tolerance=2.0, **extra) -> Indicator:
    fields = {
        "id": "ind",
        "name": "An indicator",
        "priority": "neglect",
        "unit": "percent",
        "polarity": polarity,
        "target": target,
        "tolerance": tolerance,
        "england": None,
        "source": None,
        "origin": None,
        **extra,
    }
    return Indicator.model_construct(**fields)


def scorecards(values: dict[Period, float | None], indicator_id: str = "ind") -> Scorecards:
    """One indicator's values by period; a period given None has a row with a blank value."""
    return Scorecards(
        {
            period: {indicator_id: ScorecardRow(indicator_id, value, "", "x.csv", 2)}
            for period, value in values.items()
        }
    )


def line(values: dict[Period, float | None], period: Period = Q3, **meta):
    return compute_scorecard([indicator(**meta)], scorecards(values), period).lines[0]


# --- RAG at its edges --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "value", "expected"),
    [
        ("lower", 20.0, "green"),  # exactly on target
        ("lower", 19.9, "green"),
        ("lower", 22.0, "amber"),  # exactly on the tolerance
        ("lower", 22.01, "red"),
        ("higher", 20.0, "green"),
        ("higher", 18.0, "amber"),
        ("higher", 17.99, "red"),
    ],
)
def test_rag_on_target_and_on_tolerance(polarity, value, expected):
    assert line({Q3: value}, polarity=polarity).rag == expected


def test_rag_exactly_on_a_tolerance_that_sums_inexactly():
    # 0.1 + 0.2 is 0.30000000000000004 in binary floating point: still amber.
    assert line({Q3: 0.3}, target=0.1, tolerance=0.2).rag == "amber"


def test_rag_uses_five_percent_of_the_target_without_a_tolerance():
    assert line({Q3: 84.0}, polarity="lower", target=80.0, tolerance=None).rag == "amber"
    assert line({Q3: 84.01}, polarity="lower", target=80.0, tolerance=None).rag == "red"


def test_no_rag_without_a_target():
    assert line({Q3: 50.0}, target=None, tolerance=None).rag is None


# --- blank values: "no data", never 0 ----------------------------------------------------------


def test_a_blank_value_is_no_data():
    result = line({Q2: 10.0, Q3: None})
    assert (result.value, result.rag, result.trend, result.classification) == (
        None,
        None,
        None,
        None,
    )
    assert result.previous_value == 10.0


def test_a_missing_row_is_no_data():
    result = compute_scorecard([indicator()], scorecards({Q3: 5.0}, "other"), Q3).lines[0]
    assert result.value is None and result.rag is None


def test_a_blank_previous_value_gives_no_trend():
    result = line({Q2: None, Q3: 25.0})
    assert (result.previous_value, result.trend, result.rag) == (None, None, "red")
    assert result.classification == "further-exploration"
    assert result.reason == "red against target"


def test_no_data_stays_blank_in_the_frame_and_the_csv():
    card = compute_scorecard([indicator()], scorecards({Q3: None}), Q3)
    assert math.isnan(card.frame.loc["ind", "value"])
    row = next(csv.DictReader(io.StringIO(card.to_csv())))
    assert (row["value"], row["previous_value"], row["rag"], row["trend"]) == ("", "", "", "")


# --- the first period and the immediately preceding quarter ------------------------------------


def test_the_first_period_has_no_previous_value_or_trend():
    result = line({Q1: 18.0}, period=Q1)
    assert (result.previous_value, result.trend, result.previous_trend) == (None, None, None)
    assert (result.rag, result.classification) == ("green", "doing-well")
    assert result.reason == "green and not worsening"


def test_the_previous_value_is_only_the_immediately_preceding_quarter():
    # Q2 has no scorecard at all: Q1's value does not stand in for it.
    result = line({Q1: 10.0, Q3: 12.0})
    assert (result.previous_value, result.trend) == (None, None)


# --- trend at its edges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "value", "expected"),
    [
        (20.0, 20.2, "stable"),  # exactly 1% of the previous value: does not count
        (20.0, 20.21, "worsening"),
        (20.0, 19.8, "stable"),
        (20.0, 19.79, "improving"),
        (0.0, 0.0, "stable"),  # previous value zero: no change
        (0.0, 0.01, "worsening"),  # previous value zero: any change counts
    ],
)
def test_trend_edges_for_a_lower_is_better_indicator(previous, value, expected):
    assert line({Q2: previous, Q3: value}).trend == expected


def test_previous_value_zero_for_a_higher_is_better_indicator():
    result = line({Q2: 0.0, Q3: 1.0}, polarity="higher")
    assert (result.previous_value, result.trend) == (0.0, "improving")


# --- context polarity --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "value", "expected"),
    [(100.0, 110.0, "up"), (100.0, 90.0, "down"), (100.0, 101.0, "stable")],
)
def test_context_indicators_go_up_or_down_and_are_never_rated(previous, value, expected):
    result = line({Q1: 130.0, Q2: previous, Q3: value}, polarity="context", target=50.0)
    assert (result.rag, result.trend, result.classification, result.reason) == (
        None,
        expected,
        None,
        None,
    )


# --- classification: two worsening quarters in a row ------------------------------------------


def test_two_worsening_quarters_in_a_row_are_for_further_exploration_even_when_green():
    result = line({Q1: 10.0, Q2: 11.0, Q3: 12.0})
    assert (result.rag, result.trend, result.previous_trend) == ("green", "worsening", "worsening")
    assert result.classification == "further-exploration"
    assert result.reason == "worsening for two quarters in a row"


def test_one_worsening_quarter_is_not_enough():
    result = line({Q1: 12.0, Q2: 11.0, Q3: 21.0})
    assert (result.rag, result.trend, result.previous_trend) == ("amber", "worsening", "improving")
    assert result.classification is None


def test_worsening_without_the_quarter_before_is_not_twice():
    result = line({Q2: 21.0, Q3: 21.5})
    assert (result.trend, result.previous_trend, result.classification) == ("worsening", None, None)


def test_red_and_worsening_twice_gives_both_reasons():
    result = line({Q1: 23.0, Q2: 24.0, Q3: 25.0})
    assert result.classification == "further-exploration"
    assert result.reason == "red against target and worsening for two quarters in a row"


def test_green_and_stable_is_doing_well():
    result = line({Q2: 19.0, Q3: 19.1})
    assert (result.trend, result.classification) == ("stable", "doing-well")


# --- numbers, history --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (21.4, "21.4"),
        (21.400000000001, "21.4"),
        (20.0, "20"),
        (455.0, "455"),
        (0.0, "0"),
        (-0.0, "0"),
        (None, ""),
        (float("nan"), ""),
        (332.9, "332.9"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_numbers_are_written_plainly(number, text):
    assert format_number(number) == text


def test_quarters_ending_counts_back_across_financial_years():
    assert [p.id for p in quarters_ending(Period(2026, 2), 6)] == [
        "2025-26-q1",
        "2025-26-q2",
        "2025-26-q3",
        "2025-26-q4",
        "2026-27-q1",
        "2026-27-q2",
    ]


# --- tests/corpora/rich: scorecard.csv cell by cell -------------------------------------------


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory):
    project, problems = check(corpus_project("rich", tmp_path_factory.mktemp("rich")))
    assert not problems.errors
    return project


def test_rich_scorecard_csv_matches_the_computed_table_cell_by_cell(rich):
    card = compute(rich, Period.parse("2026-27-q2"))
    text = card.to_csv()
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    read = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(read.columns) == list(CSV_COLUMNS)
    assert len(read) == len(card.frame) == len(rich.indicators)
    numeric = {"value", "previous_value", "target", "england"}
    for (_, row), (_, expected) in zip(read.iterrows(), card.frame.iterrows(), strict=True):
        for column in CSV_COLUMNS:
            want, got = expected[column], row[column]
            if column in numeric:
                if pd.isna(want):
                    assert got == "", (row["indicator"], column)
                else:
                    assert float(got) == pytest.approx(want, abs=1e-9), (row["indicator"], column)
                    assert got == format_number(want)
            else:
                assert got == ("" if want is None else want), (row["indicator"], column)


def test_rich_classifications(rich):
    card = compute(rich, Period.parse("2026-27-q2"))
    assert [line.indicator for line in card.further_exploration()] == [
        "rhi_72h",
        "eh_assessments",
        "camhs_wait_days",
    ]
    assert {line.indicator for line in card.doing_well()} == {
        "cp_second_time",
        "cp_plans_2yrs",
        "encompass_24h",
        "marac_repeat",
        "ewb_seen_4wks",
    }


def test_rich_blank_value_is_no_data_in_its_quarter(rich):
    # camhs_wait_days is blank in 2025-26-q3: no value there and no trend in the next quarter.
    q3 = compute(rich, Period.parse("2025-26-q3"))
    q4 = compute(rich, Period.parse("2025-26-q4"))
    assert next(x for x in q3.lines if x.indicator == "camhs_wait_days").value is None
    assert next(x for x in q4.lines if x.indicator == "camhs_wait_days").trend is None


def test_history_has_six_quarters_with_gaps_as_nan(rich):
    frame = history(rich, Period.parse("2026-27-q2"))
    assert list(frame.index)[0] == "2025-26-q1" and len(frame) == 6
    assert math.isnan(frame.loc["2025-26-q1", "ewb_seen_4wks"])  # no row that quarter
    assert frame.loc["2026-27-q2", "rhi_72h"] == 77.0


def test_a_scorecard_and_its_history_are_computed_once_per_project_and_period(rich, monkeypatch):
    import site_builder.scorecard as scorecard

    calls = []
    real = scorecard.compute_scorecard
    monkeypatch.setattr(scorecard, "compute_scorecard", lambda *a: calls.append(a) or real(*a))
    q2, q1 = Period.parse("2026-27-q2"), Period.parse("2026-27-q1")
    monkeypatch.setattr(scorecard, "_memo", None)
    first = compute(rich, q2)
    assert compute(rich, q2) is first and len(calls) == 1
    assert compute(rich, q1) is not first and len(calls) == 2
    assert scorecard.history(rich, q2) is scorecard.history(rich, q2)
    # Another project (a rebuild in `hub serve`) is computed afresh.
    other = dataclasses.replace(rich)
    assert compute(other, q2) is not first and len(calls) == 3
