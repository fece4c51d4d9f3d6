"""site_builder.assurance: judgements ranked, changes named, the report's order, the CSV."""

from __future__ import annotations

import pytest
from assurance_corpus import FILES

from site_builder.assurance import change, counts, report_order, status, statuses, to_csv
from site_builder.loader import load_project
from site_builder.periods import Period

Q2 = Period.parse("2026-27-q2")


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ("assured", "partly-assured", "better"),
        ("partly-assured", "not-assured", "better"),
        ("assured", "not-assured", "better"),
        ("not-assured", "assured", "worse"),
        ("partly-assured", "assured", "worse"),
        ("assured", "assured", "same"),
        ("not-assured", "not-assured", "same"),
        # not-tested is never better or worse than another judgement.
        ("assured", "not-tested", "newly-tested"),
        ("not-assured", "not-tested", "newly-tested"),
        ("not-tested", "assured", "no-longer-tested"),
        ("not-tested", "not-assured", "no-longer-tested"),
        ("not-tested", "not-tested", "not-tested"),
    ],
)
def test_change(current: str, previous: str, expected: str) -> None:
    assert change(current, previous) == expected


@pytest.fixture
def data(make_project):  # noqa: ANN001
    project, problems = load_project(make_project(FILES))
    assert [p.format() for p in problems.sorted()] == []
    return project.assurance


def test_latest_judgement_and_change(data) -> None:  # noqa: ANN001
    found = {
        s.question.id: (s.judgement, s.previous_judgement, s.change, s.needs_attention)
        for s in statuses(data, Q2)
    }
    assert found == {
        "n-gcp2": ("assured", "partly-assured", "better", False),
        "n-drift": ("partly-assured", "assured", "worse", True),
        "n-super": ("partly-assured", "not-tested", "newly-tested", False),
        "n-voice": ("not-tested", "partly-assured", "no-longer-tested", False),
        "e-step": ("not-assured", "assured", "worse", True),
    }


def test_missing_row_is_not_tested_and_last_judgement_is_kept(data) -> None:  # noqa: ANN001
    q1 = Period.parse("2026-27-q1")
    super_q1 = status(data, data.questions[2], q1)
    assert (super_q1.judgement, super_q1.change, super_q1.last_judged) == (
        "not-tested",
        "no-longer-tested",
        (Period.parse("2025-26-q4"), "partly-assured"),
    )
    # A quarter after the last file: every question untested, the last judgement remembered.
    later = status(data, data.questions[0], Period.parse("2026-27-q4"))
    assert (later.judgement, later.change, later.last_judged) == (
        "not-tested",
        "not-tested",
        (Q2, "assured"),
    )


def test_report_order_puts_attention_first_and_leaves_untested_out(data) -> None:  # noqa: ANN001
    neglect = [s for s in statuses(data, Q2) if s.question.subgroup == "neglect-sg"]
    assert [s.question.id for s in report_order(neglect)] == ["n-drift", "n-gcp2", "n-super"]


def test_counts(data) -> None:  # noqa: ANN001
    assert counts(statuses(data, Q2)) == {
        "assured": 1,
        "partly-assured": 2,
        "not-assured": 1,
        "not-tested": 1,
    }


def test_csv_cell_by_cell(data) -> None:  # noqa: ANN001
    assert to_csv(statuses(data, Q2)) == (
        "question,subgroup,priority,judgement,previous_judgement,note\n"
        'n-gcp2,neglect-sg,neglect,assured,partly-assured,"Audit: 9 of 10, <b>up</b>"\n'
        "n-drift,neglect-sg,neglect,partly-assured,assured,\n"
        "n-super,neglect-sg,,partly-assured,not-tested,\n"
        "n-voice,neglect-sg,neglect,not-tested,partly-assured,Deferred to Q3\n"
        "e-step,early-sg,early-help,not-assured,assured,\n"
    )
