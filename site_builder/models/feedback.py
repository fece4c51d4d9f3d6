"""data/feedback/<period>.csv: practitioners' answers to "How did you use this briefing?"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..periods import Period

FEEDBACK_COLUMNS: tuple[str, ...] = (
    "briefing",
    "agency",
    "responses",
    "useful",
    "learned",
    "changed_practice",
)
"""The header of a feedback file, in order."""

COUNT_COLUMNS: tuple[str, ...] = ("useful", "learned", "changed_practice")
"""The counts bounded by `responses`: reaction, learning and behaviour."""


@dataclass(frozen=True)
class FeedbackRow:
    """One row of a feedback file: a quarter's answers about one briefing from one agency.

    Attributes:
        briefing: the briefing id.
        period: the quarter of the file.
        agency: the agency id, or '' for answers that named none.
        responses: answers received; `useful`, `learned`, `changed_practice` are how many of
            them said so (each from 0 to `responses`).
        path, line: where the row was written.
    """

    briefing: str
    period: Period
    agency: str
    responses: int
    useful: int
    learned: int
    changed_practice: int
    path: str
    line: int


class Feedback(Sequence[FeedbackRow]):
    """Every feedback row, oldest quarter first, with query methods."""

    def __init__(self, rows: Iterable[FeedbackRow] = ()) -> None:
        self._rows = tuple(sorted(rows, key=lambda r: (r.period, r.path, r.line)))
        # Indexes: every briefing page and quarter asks for its rows (2,000 briefings, say).
        self._by_briefing: dict[str, list[FeedbackRow]] = {}
        self._by_period: dict[Period, list[FeedbackRow]] = {}
        for row in self._rows:
            self._by_briefing.setdefault(row.briefing, []).append(row)
            self._by_period.setdefault(row.period, []).append(row)

    def __getitem__(self, index):  # type: ignore[override]
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[FeedbackRow]:
        return iter(self._rows)

    def periods(self) -> list[Period]:
        """The quarters with at least one row, oldest first."""
        return sorted(self._by_period)

    def for_period(self, period: Period) -> list[FeedbackRow]:
        return list(self._by_period.get(period, ()))

    def for_briefing(self, briefing_id: str) -> list[FeedbackRow]:
        return list(self._by_briefing.get(briefing_id, ()))

    def about(self, briefing_ids: Iterable[str]) -> Feedback:
        """The rows about the briefings in `briefing_ids` (the published ones, say)."""
        keep = set(briefing_ids)
        return Feedback(r for r in self._rows if r.briefing in keep)
