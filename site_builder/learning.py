"""Learning into practice: what practitioners said they did with each briefing.

Pure functions of the published view: only answers about published briefings
(`site.feedback`) are counted, so a left-out briefing's rows count nowhere. The briefing
pages, the dashboard, the report and `/briefings/feedback.csv` all read these figures.

A briefing is **aimed at** an agency when it lists the agency under `agencies`, or when its
`audience` holds an audience whose id is the agency's id (the shipped taxonomy names its
audiences after the agencies they work in: `health`, `police`, `education`,
`voluntary-sector`). A briefing written for all practitioners (no `audience`) and listing no
agencies is aimed at no agency in particular.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Briefing
from .models.feedback import FeedbackRow
from .periods import Period
from .site import Site

NO_AGENCY = ""
"""The agency of answers that named none."""


@dataclass(frozen=True)
class Answers:
    """Counts of answers: how many, and how many found the briefing useful (reaction),
    learned something (learning) and changed their practice (behaviour)."""

    responses: int = 0
    useful: int = 0
    learned: int = 0
    changed_practice: int = 0

    def __add__(self, other: Answers) -> Answers:
        return Answers(
            self.responses + other.responses,
            self.useful + other.useful,
            self.learned + other.learned,
            self.changed_practice + other.changed_practice,
        )

    def share(self, count: int) -> float | None:
        """`count` as a share of the responses; None when there are none."""
        return count / self.responses if self.responses else None


def total(rows: Iterable[FeedbackRow]) -> Answers:
    """The sum of `rows`' counts."""
    result = Answers()
    for row in rows:
        result += Answers(row.responses, row.useful, row.learned, row.changed_practice)
    return result


def percent(count: int, whole: int) -> int | None:
    """`count` of `whole` in whole percent, halves rounded up (7 of 8 is 88%); None for 0."""
    return (200 * count + whole) // (2 * whole) if whole else None


def by_briefing(site: Site, rows: Iterable[FeedbackRow]) -> list[tuple[Briefing, Answers]]:
    """Each published briefing with answers among `rows`: most answers first, then by id."""
    groups = _group(rows, lambda r: r.briefing)
    found = [
        (briefing, total(group))
        for briefing_id, group in groups.items()
        if (briefing := site.briefings.get(briefing_id)) is not None
    ]
    return sorted(found, key=lambda pair: (-pair[1].responses, pair[0].id))


def _group(rows: Iterable[FeedbackRow], key) -> dict[str, list[FeedbackRow]]:  # noqa: ANN001
    groups: dict[str, list[FeedbackRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def by_agency(
    site: Site, rows: Iterable[FeedbackRow], *, every_agency: bool = True
) -> list[tuple[str, Answers]]:
    """Answers per agency in taxonomy order (every agency, or only those that answered),
    then those that named no agency (only if there are some)."""
    groups = _group(rows, lambda r: r.agency)
    result = [
        (a, total(groups.get(a, ())))
        for a in site.taxonomy.agency_ids()
        if every_agency or a in groups
    ]
    if NO_AGENCY in groups:
        result.append((NO_AGENCY, total(groups[NO_AGENCY])))
    return result


@dataclass(frozen=True)
class QuarterAnswers:
    """One quarter's answers: how many briefings were answered about, and the counts."""

    period: Period
    briefings: int
    answers: Answers


def by_quarter(site: Site) -> list[QuarterAnswers]:
    """Every quarter from the first with answers to the last (quarters between them with
    none count as zero), oldest first."""
    periods = site.feedback.periods()
    if not periods:
        return []
    result = []
    period = periods[0]
    while period <= periods[-1]:
        rows = site.feedback.for_period(period)
        result.append(QuarterAnswers(period, len({r.briefing for r in rows}), total(rows)))
        period = period.next()
    return result


def aimed_at(briefing: Briefing, agency_id: str) -> bool:
    """Whether the briefing is aimed at the agency (see the module's docstring)."""
    return agency_id in briefing.agencies or agency_id in briefing.audience


def unanswered(site: Site) -> list[tuple[str, list[Briefing]]]:
    """For each agency (taxonomy order), the published briefings aimed at it from which it
    has sent no answer in any quarter, oldest first; agencies with none are left out."""
    answered = {(r.briefing, r.agency) for r in site.feedback if r.responses}
    oldest_first = sorted(site.briefings, key=lambda b: (b.date, b.id))
    result = []
    for agency_id in site.taxonomy.agency_ids():
        silent = [
            b for b in oldest_first
            if aimed_at(b, agency_id) and (b.id, agency_id) not in answered
        ]
        if silent:
            result.append((agency_id, silent))
    return result


def briefing_answers(site: Site, briefing_id: str) -> tuple[Answers, list[tuple[str, Answers]]]:
    """A briefing's answers to date, and those of each agency that answered."""
    rows = site.feedback.for_briefing(briefing_id)
    return total(rows), by_agency(site, rows, every_agency=False)


def published_in(site: Site, period: Period) -> list[Briefing]:
    """The published briefings dated in `period`, oldest first."""
    return sorted(
        (b for b in site.briefings if period.contains(b.date)), key=lambda b: (b.date, b.id)
    )


FEEDBACK_CSV_HEADER: tuple[str, ...] = (
    "briefing",
    "period",
    "agency",
    "responses",
    "useful",
    "learned",
    "changed_practice",
)


def feedback_csv_rows(site: Site) -> list[list[str]]:
    """The cells of `/briefings/feedback.csv`: one per row of the feedback files about a
    published briefing; oldest quarter first, then by briefing id, then agency id, with the
    row that names no agency last."""
    rows = sorted(site.feedback, key=lambda r: (r.period, r.briefing, not r.agency, r.agency))
    return [
        [
            r.briefing,
            r.period.id,
            r.agency,
            str(r.responses),
            str(r.useful),
            str(r.learned),
            str(r.changed_practice),
        ]
        for r in rows
    ]
