"""Tests for site_builder.words: the one vocabulary every page and note uses."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder import words


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        (21.0, "percent", "21.0%"),
        (21, "percent", "21.0%"),
        (20.04, "percent", "20.0%"),
        (23.45, "percent", "23.5%"),  # half up, not to even (and not float's 23.4)
        (0.05, "percent", "0.1%"),
        (100.0, "percent", "100.0%"),
        (42.75, "rate_per_10k", "42.8 per 10,000"),
        (42.7, "rate_per_10k", "42.7 per 10,000"),
        (1204.0, "rate_per_10k", "1,204.0 per 10,000"),
        (455, "count", "455"),
        (1204, "count", "1,204"),
        (12.5, "count", "12.5"),
        (1, "days", "1 day"),
        (1.0, "days", "1 day"),
        (109, "days", "109 days"),
        (12.5, "days", "12.5 days"),
        (0, "days", "0 days"),
        (-0.0, "count", "0"),
        (-3.25, "percent", "-3.3%"),  # half up means away from zero
        (None, "percent", "No data"),
        (float("nan"), "count", "No data"),
    ],
)
def test_values_read_the_same_everywhere(amount, unit, text):
    assert words.value(amount, unit) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [(21.0, "21"), (21.4, "21.4"), (42.75, "42.75"), (0.1 + 0.2, "0.3"), (-0.0, "0"), (None, "")],
)
def test_csv_numbers_stay_exact(number, text):
    assert words.plain_number(number) == text


def test_days_plurals_and_shares():
    assert words.days(1) == "1 day"
    assert words.days(20) == "20 days"
    assert words.days(None) == ""
    assert words.plural(1, "review") == "1 review"
    assert words.plural(0, "review") == "0 reviews"
    assert words.plural(2, "action is", "actions are") == "2 actions are"
    assert words.percent_of(1, 8) == "1 of 8 (13%)"  # 12.5 rounds half up
    assert words.percent_of(0, 0) == "None"


def test_dates():
    assert words.long_date(date(2026, 3, 5)) == "5 March 2026"
    assert words.long_date(None) == ""
    assert words.iso_date(date(2026, 3, 5)) == "2026-03-05"
    assert (words.yes_no(True), words.yes_no(False), words.yes_no(None)) == ("yes", "no", "")


def test_rag_is_a_symbol_and_a_word_no_symbol_shared_with_a_trend():
    assert words.rag_text("green") == "● Green"
    assert words.rag_text("amber") == "◆ Amber"
    assert words.rag_text("red") == "■ Red"
    assert words.rag_text(None) == "Not rated"
    assert words.rag_html("red") == (
        '<span class="hub-rag hub-rag--red"><span aria-hidden="true">■</span> Red</span>'
    )
    assert words.rag_html(None, unrated="No data") == "No data"
    rag_symbols = {symbol for symbol, _ in words.RAG_SYMBOLS.values()}
    arrows = {arrow for arrow, _ in words.ARROWS.values()}
    assert not rag_symbols & arrows


@pytest.mark.parametrize(
    ("trend", "current", "previous", "text"),
    [
        ("improving", 21.0, 23.0, "▼ Improving"),  # lower is better, and it fell
        ("improving", 96.2, 94.6, "▲ Improving"),  # higher is better, and it rose
        ("worsening", 77.0, 83.0, "▼ Worsening"),
        ("worsening", 109, 104, "▲ Worsening"),
        ("stable", 20.1, 20.0, "▶ Stable"),  # within 1%: the value is level, whatever it did
        ("up", 49, 42, "▲ Up"),
        ("down", 42.7, 43.9, "▼ Down"),
        (None, 21.0, None, "No data"),
    ],
)
def test_the_arrow_shows_the_value_the_word_whether_it_is_good(trend, current, previous, text):
    assert words.trend_text(trend, current, previous) == text


def test_trend_html_names_the_arrow_for_screen_readers():
    assert words.trend_html("improving", 21.0, 23.0) == (
        '<span class="hub-trend hub-trend--improving">'
        '<span class="hub-arrow" role="img" aria-label="down">▼</span> Improving</span>'
    )
    assert words.trend_html(None, None, None) == "No data"


def test_statuses():
    assert [words.status_name(s) for s in ("not-started", "in-progress", "complete")] == [
        "Not started",
        "In progress",
        "Complete",
    ]
