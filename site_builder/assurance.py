"""Are we assured? Each assurance question's judgement in a quarter, its change since the
quarter before, and the order the report lists them in.

Judgements rank assured > partly-assured > not-assured; `not-tested` (also: no row that
quarter) is never better or worse than another, so a change to or from it is named as such.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from .models import Assurance, AssuranceQuestion
from .models.assurance import JUDGEMENTS, NOT_TESTED
from .periods import Period

CSV_COLUMNS: tuple[str, ...] = (
    "question",
    "subgroup",
    "priority",
    "judgement",
    "previous_judgement",
    "note",
)
"""The columns of ``/reports/<period>/assurance.csv``, in order (fixed by the contract)."""

RANK = {"assured": 3, "partly-assured": 2, "not-assured": 1}

CHANGES: tuple[str, ...] = (
    "better",
    "worse",
    "same",
    "newly-tested",  # judged this quarter, not tested the quarter before
    "no-longer-tested",  # not tested this quarter, judged the quarter before
    "not-tested",  # not tested in either quarter
)


def change(current: str, previous: str) -> str:
    """How `current` compares with the previous quarter's judgement `previous` (one of
    :data:`CHANGES`)."""
    if current == NOT_TESTED:
        return "not-tested" if previous == NOT_TESTED else "no-longer-tested"
    if previous == NOT_TESTED:
        return "newly-tested"
    if RANK[current] == RANK[previous]:
        return "same"
    return "better" if RANK[current] > RANK[previous] else "worse"


@dataclass(frozen=True)
class QuestionStatus:
    """One question in one quarter.

    Attributes:
        previous_judgement: the immediately preceding quarter's (no earlier one stands in).
        last_judged: the latest quarter before `period` in which it was judged, and how,
            when it is not tested in `period`; else None.
        note: this quarter's note, or "".
    """

    question: AssuranceQuestion
    period: Period
    judgement: str
    previous_judgement: str
    change: str
    note: str
    last_judged: tuple[Period, str] | None

    @property
    def needs_attention(self) -> bool:
        """Judged not assured, or worse than the quarter before: the report lists it first."""
        return self.judgement == "not-assured" or self.change == "worse"

    @property
    def tested(self) -> bool:
        return self.judgement != NOT_TESTED


def status(assurance: Assurance, question: AssuranceQuestion, period: Period) -> QuestionStatus:
    """The question's judgement in `period` and its change since the quarter before."""
    judgement = assurance.judgement(period, question.id)
    previous = assurance.judgement(period.previous(), question.id)
    row = assurance.row(period, question.id)
    last = None
    if judgement == NOT_TESTED:
        earlier = [p for p in assurance.periods() if p < period]
        judged = [p for p in earlier if assurance.judgement(p, question.id) != NOT_TESTED]
        if judged:
            last = (judged[-1], assurance.judgement(judged[-1], question.id))
    return QuestionStatus(
        question=question,
        period=period,
        judgement=judgement,
        previous_judgement=previous,
        change=change(judgement, previous),
        note=row.note if row is not None else "",
        last_judged=last,
    )


def statuses(
    assurance: Assurance, period: Period, questions: Iterable[AssuranceQuestion] | None = None
) -> list[QuestionStatus]:
    """`questions` (default: all, in assurance.yaml order) in `period`, in the same order."""
    chosen = assurance.questions if questions is None else questions
    return [status(assurance, q, period) for q in chosen]


def report_order(items: Iterable[QuestionStatus]) -> list[QuestionStatus]:
    """Tested questions for the report: those needing attention first, each group in
    assurance.yaml order (the order of `items`); untested ones are named apart."""
    tested = [s for s in items if s.tested]
    return [s for s in tested if s.needs_attention] + [s for s in tested if not s.needs_attention]


def latest_period(assurance: Assurance) -> Period | None:
    """The newest quarter with a judgements file, or None."""
    periods = assurance.periods()
    return periods[-1] if periods else None


def counts(items: Iterable[QuestionStatus]) -> dict[str, int]:
    """How many questions have each judgement, in :data:`JUDGEMENTS` order."""
    found = {judgement: 0 for judgement in JUDGEMENTS}
    for item in items:
        found[item.judgement] += 1
    return found


def to_csv(items: Iterable[QuestionStatus]) -> str:
    """``assurance.csv``: one row per question in the order given, blank priority for
    generic questions."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        question = item.question
        writer.writerow(
            [
                question.id,
                question.subgroup,
                question.priority or "",
                item.judgement,
                item.previous_judgement,
                item.note,
            ]
        )
    return buffer.getvalue()
