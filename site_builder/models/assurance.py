"""data/assurance.yaml and data/assurance/<period>.csv: the sub-groups' assurance questions
and their quarterly judgements."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..periods import Period
from .common import LOADED, EvidenceList, Model, Slug, Source, Text

JUDGEMENTS: tuple[str, ...] = ("assured", "partly-assured", "not-assured", "not-tested")
"""Every judgement, best first; `not-tested` is never better or worse than another."""

NOT_TESTED = "not-tested"


class AssuranceQuestionMeta(Model):
    """One question of a sub-group's standards and outcomes framework, as written."""

    id: Slug
    subgroup: Slug
    priority: Slug | None = None
    question: Text
    evidence: EvidenceList = []


class AssuranceQuestion(AssuranceQuestionMeta):
    model_config = LOADED
    origin: Source


@dataclass(frozen=True)
class JudgementRow:
    """One row of an assurance CSV: a question's judgement in one quarter."""

    question: str
    judgement: str
    note: str
    path: str
    line: int


@dataclass(frozen=True)
class Assurance:
    """The questions in file order and the judgements by quarter (a missing row: not tested)."""

    questions: tuple[AssuranceQuestion, ...] = ()
    by_period: dict[Period, dict[str, JudgementRow]] = field(default_factory=dict)

    def periods(self) -> list[Period]:
        """The quarters that have a judgements file, oldest first."""
        return sorted(self.by_period)

    def for_subgroup(self, subgroup_id: str) -> list[AssuranceQuestion]:
        return [q for q in self.questions if q.subgroup == subgroup_id]

    def for_priority(self, priority_id: str) -> list[AssuranceQuestion]:
        return [q for q in self.questions if q.priority == priority_id]

    def row(self, period: Period, question_id: str) -> JudgementRow | None:
        return self.by_period.get(period, {}).get(question_id)

    def judgement(self, period: Period, question_id: str) -> str:
        """The question's judgement that quarter; `not-tested` without a row."""
        row = self.row(period, question_id)
        return row.judgement if row is not None else NOT_TESTED
