"""The action and impact dashboard's figures: actions, review timeliness, learning lag, impact.

Everything here is a pure function of the published view (`Site`) and its as-of date, so the
`/actions/` page, the two downloads and the flags on review and agency pages all read the same
numbers. Only published reviews (`site.reviews`) and briefings (`site.briefings`) are counted:
an action of a left-out review, or a draft briefing citing a review, counts nowhere.

The rules themselves (deadlines, on time, overdue, lag) live in `timeliness`; the trend of an
indicator in `performance`. This module applies them to the content.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import performance, timeliness, words
from .models import Action, Briefing, Indicator, Review
from .periods import Period
from .project import Briefings, Scorecards
from .site import Site

STATUSES: tuple[str, ...] = ("not-started", "in-progress", "complete")
"""Action statuses, in the order they are shown."""

STATUS_NAMES: dict[str, str] = words.STATUS_NAMES
"""Each action status in words (from `site_builder.words`)."""

TIMED_TYPES: tuple[str, ...] = ("rapid-review", "lcspr")
"""Review types with a statutory deadline, and so an on-time outcome."""

IMPACT_NOT_EVIDENCED = "Impact not yet evidenced"
"""The flag on a complete action with no `impact` text."""


# --- Actions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One action of a published review, as known at the as-of date.

    Attributes:
        review: the review the action comes from.
        action: the action as written.
        overdue: not complete and due before the as-of date.
        days_overdue: days from the due date to the as-of date when overdue, else ``None``.
    """

    review: Review
    action: Action
    overdue: bool
    days_overdue: int | None

    @property
    def impact_not_evidenced(self) -> bool:
        """Complete, with no `impact` text saying how we know it made a difference."""
        return impact_not_evidenced(self.action)


def days_overdue(action: Action, as_of: date) -> int | None:
    """Days from the due date to ``as_of`` for an overdue action; ``None`` when not overdue."""
    if not timeliness.is_overdue(action.due, action.status == "complete", as_of):
        return None
    return (as_of - action.due).days


def impact_not_evidenced(action: Action) -> bool:
    """Whether ``action`` is complete but gives no `impact` evidence."""
    return action.status == "complete" and not action.impact


def action_row(review: Review, action: Action, as_of: date) -> ActionRow:
    """The derived figures of one action at ``as_of``."""
    days = days_overdue(action, as_of)
    return ActionRow(review, action, overdue=days is not None, days_overdue=days)


def action_rows(site: Site) -> list[ActionRow]:
    """Every action of every published review, in review id then action order."""
    return [action_row(review, action, site.as_of) for review, action in site.reviews.actions()]


def overdue_rows(rows: Iterable[ActionRow]) -> list[ActionRow]:
    """The overdue actions, longest overdue first (then by review and action id)."""
    overdue = [row for row in rows if row.overdue]
    return sorted(overdue, key=lambda r: (-(r.days_overdue or 0), r.review.id, r.action.id))


@dataclass(frozen=True)
class StatusCounts:
    """How many actions are in each status, and how many of the open ones are overdue."""

    not_started: int = 0
    in_progress: int = 0
    complete: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.complete

    def of(self, status: str) -> int:
        """The count for a status id such as ``in-progress``."""
        return getattr(self, status.replace("-", "_"))


def count_statuses(rows: Iterable[ActionRow]) -> StatusCounts:
    """Totals by status (and overdue) of ``rows``."""
    rows = list(rows)
    statuses = Counter(row.action.status for row in rows)
    return StatusCounts(
        not_started=statuses["not-started"],
        in_progress=statuses["in-progress"],
        complete=statuses["complete"],
        overdue=sum(row.overdue for row in rows),
    )


def by_agency(site: Site, rows: Sequence[ActionRow]) -> list[tuple[str, StatusCounts]]:
    """Status counts per owner agency, in taxonomy order; agencies with no actions left out."""
    owners = {row.action.owner for row in rows}
    ordered = [a for a in site.taxonomy.agency_ids() if a in owners]
    ordered += sorted(owners - set(ordered))
    return [(a, count_statuses(r for r in rows if r.action.owner == a)) for a in ordered]


def by_priority(site: Site, rows: Sequence[ActionRow]) -> list[tuple[str, StatusCounts]]:
    """Status counts per strategic priority, in taxonomy order, with every priority listed.

    An action counts under each theme of its review, so the rows may add up to more than
    the total.
    """
    themes = {t for row in rows for t in row.review.themes}
    ordered = site.taxonomy.priority_ids()
    ordered += sorted(themes - set(ordered))
    return [(p, count_statuses(r for r in rows if p in r.review.themes)) for p in ordered]


@dataclass(frozen=True)
class QuarterCompletions:
    """Actions completed in one quarter: by their due date, and after it."""

    period: Period
    by_due_date: int
    late: int

    @property
    def total(self) -> int:
        return self.by_due_date + self.late


def completions_by_quarter(rows: Iterable[ActionRow]) -> list[QuarterCompletions]:
    """Actions completed per quarter, every quarter from the first completion to the last."""
    done = [row.action for row in rows if row.action.completed is not None]
    if not done:
        return []
    on_time = Counter(Period.containing(a.completed) for a in done if a.completed <= a.due)
    late = Counter(Period.containing(a.completed) for a in done if a.completed > a.due)
    periods = sorted(set(on_time) | set(late))
    result = []
    period = periods[0]
    while period <= periods[-1]:
        result.append(QuarterCompletions(period, on_time[period], late[period]))
        period = period.next()
    return result


# --- Reviews: timeliness and learning lag --------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """One published review's timeliness and learning lag, as known at the as-of date.

    Attributes:
        review: the review.
        deadline: its statutory deadline (rapid reviews and LCSPRs), else ``None``.
        done: the date that meets the deadline: `completed` for a rapid review,
            `published` for an LCSPR; ``None`` for other types or while not yet done.
        on_time: ``True``/``False`` once known; ``None`` for other types and while pending.
        first_briefing: the earliest published briefing citing the review, if any.
        learning_lag_days: days from `completed` to that briefing (0 if it came first);
            ``None`` while the review is not completed or no briefing cites it.
    """

    review: Review
    deadline: date | None
    done: date | None
    on_time: bool | None
    first_briefing: Briefing | None
    learning_lag_days: int | None

    @property
    def period(self) -> Period | None:
        """The quarter the review belongs to: the one it was completed in."""
        completed = self.review.completed
        return Period.containing(completed) if completed else None

    @property
    def awaiting_briefing(self) -> bool:
        """Completed, but no published briefing cites it yet."""
        return self.review.completed is not None and self.first_briefing is None


def review_deadline(review: Review) -> date | None:
    """The review's deadline: 15 working days for a rapid review, six months for an LCSPR."""
    if review.type == "rapid-review":
        return timeliness.rapid_review_deadline(review.notified)
    if review.type == "lcspr":
        return timeliness.lcspr_deadline(review.notified)
    return None


def review_done(review: Review) -> date | None:
    """The date the deadline is judged on: `published` for an LCSPR, else `completed`."""
    if review.type == "lcspr":
        return review.published
    if review.type == "rapid-review":
        return review.completed
    return None


def first_briefing(briefings: Briefings, review_id: str) -> Briefing | None:
    """The earliest briefing among ``briefings`` (the published ones) citing the review."""
    citing = briefings.citing(review_id)
    return citing[0] if citing else None


def first_briefings(briefings: Briefings) -> dict[str, Briefing]:
    """Review id -> the earliest briefing among ``briefings`` citing it (one pass over them)."""
    first: dict[str, Briefing] = {}
    for briefing in sorted(briefings, key=lambda b: (b.date, b.id)):
        for review_id in briefing.reviews:
            first.setdefault(review_id, briefing)
    return first


def review_row(review: Review, briefing: Briefing | None, as_of: date) -> ReviewRow:
    """The timeliness and learning lag of ``review`` at ``as_of``.

    ``briefing`` is the earliest published briefing citing the review (``None``: none yet).
    """
    deadline = review_deadline(review)
    done = review_done(review)
    return ReviewRow(
        review=review,
        deadline=deadline,
        done=done,
        on_time=timeliness.on_time(deadline, done, as_of) if deadline else None,
        first_briefing=briefing,
        learning_lag_days=timeliness.learning_lag_days(
            review.completed, briefing.date if briefing else None
        ),
    )


def review_rows(site: Site) -> list[ReviewRow]:
    """Every published review's timeliness and lag, in review id order."""
    first = first_briefings(site.briefings)
    reviews = sorted(site.reviews, key=lambda r: r.id)
    return [review_row(review, first.get(review.id), site.as_of) for review in reviews]


def review_row_for(site: Site, review: Review) -> ReviewRow:
    """One published review's timeliness and lag (for its own page)."""
    return review_row(review, first_briefing(site.briefings, review.id), site.as_of)


@dataclass(frozen=True)
class OnTimeRate:
    """On-time outcomes of one financial year's rapid reviews and LCSPRs.

    Attributes:
        year: the financial year, e.g. ``2025/26``; ``None`` for reviews not yet completed
            whose deadline has passed (they belong to no period until completed).
        rapid_on_time, rapid_known: rapid reviews on time, and with a known outcome.
        lcspr_on_time, lcspr_known: the same for LCSPRs.
    """

    year: str | None
    rapid_on_time: int
    rapid_known: int
    lcspr_on_time: int
    lcspr_known: int

    @property
    def on_time(self) -> int:
        return self.rapid_on_time + self.lcspr_on_time

    @property
    def known(self) -> int:
        return self.rapid_known + self.lcspr_known


def on_time_rates(rows: Iterable[ReviewRow]) -> list[OnTimeRate]:
    """On-time counts per financial year of completion, oldest first.

    Reviews whose outcome is still blank are left out; late reviews not yet completed come
    last, under year ``None``.
    """
    known = [row for row in rows if row.on_time is not None]
    years = sorted({row.period.financial_year for row in known if row.period})
    if any(row.period is None for row in known):
        years.append(None)
    return [_rate(year, [r for r in known if _year(r) == year]) for year in years]


def _year(row: ReviewRow) -> str | None:
    return row.period.financial_year if row.period else None


def _rate(year: str | None, rows: list[ReviewRow]) -> OnTimeRate:
    rapid = [r for r in rows if r.review.type == "rapid-review"]
    lcspr = [r for r in rows if r.review.type == "lcspr"]
    return OnTimeRate(
        year=year,
        rapid_on_time=sum(bool(r.on_time) for r in rapid),
        rapid_known=len(rapid),
        lcspr_on_time=sum(bool(r.on_time) for r in lcspr),
        lcspr_known=len(lcspr),
    )


def median_lag(rows: Iterable[ReviewRow]) -> float | None:
    """The median learning lag in days over reviews that have one; ``None`` when none has."""
    lags = [row.learning_lag_days for row in rows if row.learning_lag_days is not None]
    return statistics.median(lags) if lags else None


def awaiting_briefing(rows: Iterable[ReviewRow]) -> list[ReviewRow]:
    """Completed reviews no published briefing cites yet, longest waiting first."""
    waiting = [row for row in rows if row.awaiting_briefing]
    return sorted(waiting, key=lambda r: (r.review.completed, r.review.id))


# --- Impact ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    """An action's indicator then and now.

    Attributes:
        row: the action.
        indicator: the indicator named in its `measure`.
        baseline_period: the quarter the action was due in, or completed in when complete.
        baseline_value: the indicator's value in that quarter (``None``: no data).
        latest_period: the latest quarter, up to the as-of date, with a value (else ``None``).
        latest_value: the value in that quarter (``None``: no data).
        trend: latest against baseline with the indicator's polarity; ``None`` unless the
            latest quarter comes after the baseline quarter and both have values.
    """

    row: ActionRow
    indicator: Indicator
    baseline_period: Period
    baseline_value: float | None
    latest_period: Period | None
    latest_value: float | None
    trend: str | None


def baseline_period(action: Action) -> Period:
    """The quarter an action is judged from: the one it was completed in, else its due one."""
    return Period.containing(action.completed or action.due)


def latest_with_value(
    scorecards: Scorecards, indicator_id: str, as_of: date
) -> tuple[Period, float] | None:
    """The latest quarter starting by ``as_of`` with a value for the indicator, and the value."""
    for period in reversed(scorecards.periods()):
        value = scorecards.value(period, indicator_id)
        if period.start <= as_of and value is not None:
            return period, value
    return None


def impact_row(site: Site, row: ActionRow) -> ImpactRow | None:
    """The impact figures of an action with a `measure`; ``None`` without one."""
    measure = row.action.measure
    indicator = site.project.indicators.get(measure) if measure else None
    if indicator is None:
        return None
    scorecards = site.project.scorecards
    baseline = baseline_period(row.action)
    then = scorecards.value(baseline, indicator.id)
    latest = latest_with_value(scorecards, indicator.id, site.as_of)
    latest_period, now = latest if latest else (None, None)
    later = latest_period is not None and latest_period > baseline
    trend = performance.trend(now, then, indicator.polarity) if later else None
    return ImpactRow(row, indicator, baseline, then, latest_period, now, trend)


def impact_rows(site: Site, rows: Iterable[ActionRow]) -> list[ImpactRow]:
    """The impact figures of every action in ``rows`` that has a `measure`."""
    found = (impact_row(site, row) for row in rows)
    return [impact for impact in found if impact is not None]


def not_evidenced(rows: Iterable[ActionRow]) -> list[ActionRow]:
    """Complete actions with no impact evidence, most recently completed first."""
    flagged = [row for row in rows if row.impact_not_evidenced]
    return sorted(flagged, key=lambda r: (r.action.completed, r.review.id), reverse=True)


# --- Downloads -------------------------------------------------------------------------------

ACTIONS_CSV_HEADER: tuple[str, ...] = (
    "review",
    "action",
    "owner",
    "due",
    "status",
    "completed",
    "overdue",
)
REVIEWS_CSV_HEADER: tuple[str, ...] = (
    "review",
    "type",
    "themes",
    "notified",
    "completed",
    "published",
    "on_time",
    "learning_lag_days",
)


_iso = words.iso_date
_yes_no = words.yes_no


def actions_csv_rows(rows: Iterable[ActionRow]) -> list[list[str]]:
    """The cells of `/actions/actions.csv`, header excluded, in the contract's columns."""
    return [
        [
            row.review.id,
            row.action.id,
            row.action.owner,
            _iso(row.action.due),
            row.action.status,
            _iso(row.action.completed),
            _yes_no(row.overdue),
        ]
        for row in rows
    ]


def reviews_csv_rows(site: Site, rows: Iterable[ReviewRow]) -> list[list[str]]:
    """The cells of `/reviews/reviews.csv`, header excluded, in the contract's columns."""
    return [
        [
            row.review.id,
            row.review.type,
            ";".join(site.taxonomy.in_priority_order(list(row.review.themes))),
            _iso(row.review.notified),
            _iso(row.review.completed),
            _iso(row.review.published),
            _yes_no(row.on_time),
            "" if row.learning_lag_days is None else str(row.learning_lag_days),
        ]
        for row in rows
    ]
