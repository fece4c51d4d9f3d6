"""Tests for site_builder.performance: RAG, trend and classification at their edges."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.performance import (
    classification_reason,
    classify,
    default_tolerance,
    rag,
    trend,
)

# --- default tolerance -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [(20.0, 1.0), (80.0, 4.0), (-10.0, 0.5), (0.0, 0.0)],
)
def test_default_tolerance_is_five_percent_of_the_target(target, expected):
    assert default_tolerance(target) == pytest.approx(expected)


# --- RAG ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(18.0, "green", id="beats-target"),
        pytest.param(20.0, "green", id="exactly-on-target"),
        pytest.param(21.0, "amber", id="within-tolerance"),
        pytest.param(22.0, "amber", id="exactly-on-tolerance"),
        pytest.param(20.0 + 2.0, "amber", id="sum-on-tolerance"),
        pytest.param(22.01, "red", id="just-beyond-tolerance"),
        pytest.param(30.0, "red", id="far-beyond"),
    ],
)
def test_rag_lower_is_better(value, expected):
    assert rag(value, target=20.0, tolerance=2.0, polarity="lower") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(95.0, "green", id="beats-target"),
        pytest.param(90.0, "green", id="exactly-on-target"),
        pytest.param(88.0, "amber", id="exactly-on-tolerance"),
        pytest.param(87.99, "red", id="just-beyond-tolerance"),
    ],
)
def test_rag_higher_is_better(value, expected):
    assert rag(value, target=90.0, tolerance=2.0, polarity="higher") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(21.0, "amber", id="exactly-on-default-tolerance"),
        pytest.param(21.01, "red", id="beyond-default-tolerance"),
        pytest.param(20.5, "amber", id="within-default-tolerance"),
    ],
)
def test_rag_default_tolerance_is_five_percent(value, expected):
    assert rag(value, target=20.0, tolerance=None, polarity="lower") == expected


def test_rag_floating_point_sums_land_on_target():
    assert rag(0.1 + 0.2, target=0.3, tolerance=0.0, polarity="lower") == "green"
    assert rag(0.1 + 0.2, target=0.3, tolerance=0.0, polarity="higher") == "green"
    assert rag(0.3 + 0.1, target=0.3, tolerance=0.1, polarity="lower") == "amber"


def test_rag_with_zero_tolerance_is_green_or_red():
    assert rag(20.0, 20.0, 0.0, "lower") == "green"
    assert rag(20.001, 20.0, 0.0, "lower") == "red"


@pytest.mark.parametrize(
    ("value", "target", "polarity"),
    [
        pytest.param(None, 20.0, "lower", id="blank-value"),
        pytest.param(math.nan, 20.0, "lower", id="nan-value"),
        pytest.param(18.0, None, "lower", id="no-target"),
        pytest.param(18.0, math.nan, "higher", id="nan-target"),
        pytest.param(18.0, 20.0, "context", id="context-with-target"),
        pytest.param(None, None, "context", id="context-blank"),
    ],
)
def test_rag_is_blank_without_value_target_or_direction(value, target, polarity):
    assert rag(value, target, 2.0, polarity) is None


def test_rag_refuses_an_unknown_polarity():
    with pytest.raises(ValueError) as excinfo:
        rag(1.0, 2.0, None, "up")
    assert str(excinfo.value) == "expected a polarity of higher, lower, context, got 'up'"


# --- trend -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "previous", "polarity", "expected"),
    [
        pytest.param(55.0, 50.0, "higher", "improving", id="higher-up"),
        pytest.param(45.0, 50.0, "higher", "worsening", id="higher-down"),
        pytest.param(55.0, 50.0, "lower", "worsening", id="lower-up"),
        pytest.param(45.0, 50.0, "lower", "improving", id="lower-down"),
        pytest.param(55.0, 50.0, "context", "up", id="context-up"),
        pytest.param(45.0, 50.0, "context", "down", id="context-down"),
        pytest.param(50.0, 50.0, "context", "stable", id="context-same"),
        pytest.param(50.0, 50.0, "higher", "stable", id="no-change"),
    ],
)
def test_trend_direction(value, previous, polarity, expected):
    assert trend(value, previous, polarity) == expected


@pytest.mark.parametrize(
    ("value", "previous", "expected"),
    [
        pytest.param(50.5, 50.0, "stable", id="exactly-1pc-up"),
        pytest.param(49.5, 50.0, "stable", id="exactly-1pc-down"),
        pytest.param(20.2, 20.0, "stable", id="exactly-1pc-inexact-float"),
        pytest.param(101.0, 100.0, "stable", id="exactly-1pc-of-100"),
        pytest.param(50.51, 50.0, "worsening", id="just-over-1pc-up"),
        pytest.param(49.49, 50.0, "improving", id="just-over-1pc-down"),
        pytest.param(20.21, 20.0, "worsening", id="just-over-1pc-of-20"),
        pytest.param(-10.1, -10.0, "stable", id="negative-previous-1pc"),
        pytest.param(-10.2, -10.0, "improving", id="negative-previous-over"),
    ],
)
def test_trend_threshold_is_one_percent_of_previous(value, previous, expected):
    assert trend(value, previous, "lower") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(0.0, "stable", id="still-zero"),
        pytest.param(0.001, "improving", id="tiny-rise"),
        pytest.param(-0.001, "worsening", id="tiny-fall"),
    ],
)
def test_trend_counts_any_change_from_zero(value, expected):
    assert trend(value, 0.0, "higher") == expected


@pytest.mark.parametrize(
    ("value", "previous"),
    [
        pytest.param(5.0, None, id="first-period"),
        pytest.param(None, 5.0, id="blank-value"),
        pytest.param(None, None, id="both-blank"),
        pytest.param(math.nan, 5.0, id="nan-value"),
        pytest.param(5.0, math.nan, id="nan-previous"),
    ],
)
def test_trend_is_blank_without_both_values(value, previous):
    assert trend(value, previous, "higher") is None
    assert trend(value, previous, "context") is None


def test_trend_refuses_an_unknown_polarity():
    with pytest.raises(ValueError, match="expected a polarity of higher, lower, context"):
        trend(1.0, 2.0, "Higher")


# --- classification ----------------------------------------------------------------------------


WELL, EXPLORE = "doing-well", "further-exploration"
GREEN_OK = "green and not worsening"
RED = "red against target"
TWICE = "worsening for two quarters in a row"
W = "worsening"


@pytest.mark.parametrize(
    ("rag_", "trend_", "previous_trend", "expected", "reason"),
    [
        pytest.param("green", "improving", None, WELL, GREEN_OK, id="green-improving"),
        pytest.param("green", "stable", W, WELL, GREEN_OK, id="green-stable"),
        pytest.param("green", None, None, WELL, GREEN_OK, id="green-first-period"),
        pytest.param("green", W, None, None, None, id="green-worsening-once"),
        pytest.param("green", W, W, EXPLORE, TWICE, id="green-worsening-twice"),
        pytest.param("red", "improving", None, EXPLORE, RED, id="red-improving"),
        pytest.param("red", None, None, EXPLORE, RED, id="red-first-period"),
        pytest.param("red", W, W, EXPLORE, f"{RED} and {TWICE}", id="red-and-worsening-twice"),
        pytest.param("amber", W, W, EXPLORE, TWICE, id="amber-worsening-twice"),
        pytest.param("amber", W, "stable", None, None, id="amber-worsening-once"),
        pytest.param("amber", "stable", W, None, None, id="worsened-earlier-only"),
        pytest.param("amber", "improving", None, None, None, id="amber-improving"),
        pytest.param(None, W, W, EXPLORE, TWICE, id="no-target-worsening-twice"),
        pytest.param(None, "up", "up", None, None, id="context-up-twice"),
        pytest.param(None, None, None, None, None, id="nothing-known"),
    ],
)
def test_classify_and_reason(rag_, trend_, previous_trend, expected, reason):
    assert classify(rag_, trend_, previous_trend) == expected
    assert classification_reason(rag_, trend_, previous_trend) == reason


# --- properties --------------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
polarities = st.sampled_from(["higher", "lower"])


@given(finite, finite, st.floats(min_value=0, max_value=1e5), polarities)
def test_rag_orders_green_amber_red_by_shortfall(value, target, tolerance, polarity):
    rating = rag(value, target, tolerance, polarity)
    better = value - 1 if polarity == "lower" else value + 1
    order = ["green", "amber", "red"]
    assert order.index(rag(better, target, tolerance, polarity)) <= order.index(rating)


@given(finite, finite, polarities)
def test_trend_reverses_when_the_values_swap(value, previous, polarity):
    forwards = trend(value, previous, polarity)
    if forwards != "stable":
        backwards = trend(previous, value, polarity)
        assert {forwards, backwards} <= {"improving", "worsening", "stable"}
        assert backwards != forwards
