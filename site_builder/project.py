"""The loaded project: collections of validated models with query methods."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from .models import (
    Action,
    Assurance,
    Briefing,
    FreePage,
    Indicator,
    ReportNarrative,
    Review,
    ScorecardRow,
    Taxonomy,
    Voice,
)
from .models.feedback import Feedback
from .periods import Period

T = TypeVar("T")


class Collection(Generic[T], Sequence[T]):
    """An immutable, ordered list of documents with lookup by id."""

    def __init__(self, items: Sequence[T] = ()) -> None:
        self._items: tuple[T, ...] = tuple(items)
        self._by_id = {getattr(item, "id"): item for item in self._items}  # noqa: B009

    def __getitem__(self, index):  # type: ignore[override]
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def get(self, item_id: str) -> T | None:
        return self._by_id.get(item_id)

    def ids(self) -> set[str]:
        return set(self._by_id)

    def filter(self, keep) -> Collection[T]:  # noqa: ANN001
        return type(self)([item for item in self._items if keep(item)])


class Briefings(Collection[Briefing]):
    def newest_first(self) -> list[Briefing]:
        return sorted(self, key=lambda b: (b.date, b.id), reverse=True)

    def for_theme(self, priority_id: str) -> list[Briefing]:
        return [b for b in self.newest_first() if priority_id in b.themes]

    def for_audience(self, audience_id: str) -> list[Briefing]:
        """Briefings aimed at an audience; no `audience` means all audiences."""
        return [b for b in self.newest_first() if not b.audience or audience_id in b.audience]

    def for_agency(self, agency_id: str) -> list[Briefing]:
        return [b for b in self.newest_first() if agency_id in b.agencies]

    def citing(self, review_id: str) -> list[Briefing]:
        """Briefings listing the review in `reviews`, earliest first."""
        return sorted((b for b in self if review_id in b.reviews), key=lambda b: (b.date, b.id))


class Reviews(Collection[Review]):
    def newest_first(self) -> list[Review]:
        return sorted(self, key=lambda r: (r.feed_date, r.id), reverse=True)

    def for_theme(self, priority_id: str) -> list[Review]:
        return [r for r in self.newest_first() if priority_id in r.themes]

    def for_agency(self, agency_id: str) -> list[Review]:
        return [r for r in self.newest_first() if agency_id in r.agencies]

    def completed_in(self, period: Period) -> list[Review]:
        return [
            r for r in self.newest_first()
            if r.completed and period.start <= r.completed <= period.end
        ]

    def actions(self) -> list[tuple[Review, Action]]:
        """Every action with its review, in review then action order."""
        return [(r, a) for r in sorted(self, key=lambda r: r.id) for a in r.actions]

    def overdue_actions(self, as_of: date) -> list[tuple[Review, Action]]:
        return [(r, a) for r, a in self.actions() if a.is_overdue(as_of)]


class Reports(Collection[ReportNarrative]):
    def newest_first(self) -> list[ReportNarrative]:
        return sorted(self, key=lambda r: Period.parse(r.period), reverse=True)


@dataclass(frozen=True)
class Scorecards:
    """Scorecard rows by period; a missing period or row means no data."""

    by_period: dict[Period, dict[str, ScorecardRow]] = field(default_factory=dict)

    def periods(self) -> list[Period]:
        return sorted(self.by_period)

    def value(self, period: Period, indicator_id: str) -> float | None:
        row = self.by_period.get(period, {}).get(indicator_id)
        return row.value if row else None

    def row(self, period: Period, indicator_id: str) -> ScorecardRow | None:
        return self.by_period.get(period, {}).get(indicator_id)


@dataclass(frozen=True)
class Project:
    """Everything under a project root, validated. Items left out of a build are still here."""

    root: Path
    taxonomy: Taxonomy
    briefings: Briefings
    reviews: Reviews
    reports: Reports
    indicators: Collection[Indicator]
    scorecards: Scorecards
    voices: tuple[Voice, ...]
    pages: tuple[FreePage, ...]
    # Project-relative files under content/ published as they are (images, downloads).
    assets: tuple[str, ...] = ()
    # Ids of items that exist but failed validation ("briefings", "reviews", "indicators"):
    # a reference to one is not reported again as unknown.
    rejected_ids: dict[str, frozenset[str]] = field(default_factory=dict)
    # Answers to "How did you use this briefing?", about any briefing, left out or not.
    feedback: Feedback = field(default_factory=Feedback)
    # Briefings and reviews whose front matter failed validation, kept with the fields that
    # passed (failed ones empty), so the cross-file checks still run on them; never published.
    salvaged: tuple[Briefing | Review, ...] = ()
    # The sub-groups' assurance questions and quarterly judgements (data/assurance*).
    assurance: Assurance = field(default_factory=Assurance)
    # data/search.yaml: groups of words or phrases that mean the same in search.
    synonyms: tuple[tuple[str, ...], ...] = ()

    def indicators_for(self, priority_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.priority == priority_id]

    def voices_for(self, *, period: Period | None = None, theme: str | None = None) -> list[Voice]:
        return [
            v for v in self.voices
            if (period is None or v.period == period.id) and (theme is None or theme in v.themes)
        ]
