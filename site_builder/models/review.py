"""content/reviews/*.md: case-review summaries and their actions."""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .. import timeliness
from .common import (
    Document,
    IdList,
    IndicatorId,
    IsoDate,
    Model,
    Slug,
    Status,
    Text,
    TextList,
    Visibility,
)

ReviewType = Literal[
    "rapid-review",
    "lcspr",
    "learning-review",
    "multi-agency-audit",
    "good-practice-review",
    "sar",
    "dhr",
]

REVIEW_TYPE_NAMES: dict[str, str] = {
    "rapid-review": "Rapid review",
    "lcspr": "Local child safeguarding practice review",
    "learning-review": "Learning review",
    "multi-agency-audit": "Multi-agency audit",
    "good-practice-review": "Good practice review",
    "sar": "Safeguarding adults review",
    "dhr": "Domestic homicide review",
}

ActionStatus = Literal["not-started", "in-progress", "complete"]
EvidenceLevel = Literal["reaction", "learning", "behaviour", "results"]
"""How far an action's impact evidence reaches, on Kirkpatrick's scale, lowest first."""


class Action(Model):
    id: Text
    action: Text
    owner: Slug
    due: IsoDate
    status: ActionStatus
    completed: IsoDate | None = None
    impact: Text | None = None
    measure: IndicatorId | None = None
    evidence: EvidenceLevel | None = None
    reaudit: IsoDate | None = None

    @model_validator(mode="after")
    def _completed_matches_status(self) -> Action:
        if self.status == "complete" and self.completed is None:
            raise PydanticCustomError(
                "completed_required",
                "a complete action needs its 'completed' date (YYYY-MM-DD)",
            )
        if self.status != "complete" and self.completed is not None:
            raise PydanticCustomError(
                "completed_forbidden",
                "'completed' is only for complete actions, and this one's status is"
                " '{status}': remove 'completed' or set 'status: complete'",
                {"status": self.status},
            )
        return self

    @model_validator(mode="after")
    def _evidence_needs_impact(self) -> Action:
        if self.evidence is not None and self.impact is None:
            raise PydanticCustomError(
                "evidence_without_impact",
                "'evidence' says how far the 'impact' evidence reaches, and this action has"
                " no 'impact': say how we know it made a difference, or remove 'evidence'",
            )
        if self.reaudit is not None and self.completed and self.reaudit < self.completed:
            raise PydanticCustomError(
                "reaudit_before_completed",
                "'reaudit' ({reaudit}) is before 'completed' ({completed}): a re-audit checks"
                " that a change has held, so it comes after the action is complete",
                {"reaudit": self.reaudit.isoformat(), "completed": self.completed.isoformat()},
            )
        return self

    def is_overdue(self, as_of: Date) -> bool:
        """Not complete and due before the as-of date (due on it is not overdue)."""
        return timeliness.is_overdue(self.due, self.status == "complete", as_of)


class ReviewMeta(Model):
    """A review's front matter, as the author writes it."""

    title: Text
    type: ReviewType
    themes: IdList = Field(min_length=1)
    agencies: IdList = []
    notified: IsoDate
    completed: IsoDate | None = None
    published: IsoDate | None = None
    learning: TextList = []
    actions: list[Action] = []
    status: Status = "published"
    publish_from: IsoDate | None = None
    visibility: Visibility = "public"


class Review(ReviewMeta, Document):
    """A loaded review: front matter plus id, source and body."""

    @property
    def type_name(self) -> str:
        return REVIEW_TYPE_NAMES[self.type]

    @property
    def feed_date(self) -> Date:
        """The date a feed shows: published, else completed, else notified."""
        return self.published or self.completed or self.notified
