"""Impact evidence the board can weigh: how far each completed action's evidence reaches,
and when a re-audit checks that the change has held.

Evidence levels follow Kirkpatrick's scale, lowest first: **reaction** (practitioners said
it helped), **learning** (they know or can do something new), **behaviour** (practice
changed) and **results** (outcomes for children changed). Only actions of published reviews
(`site.reviews`) count.

A re-audit is **overdue** when its `reaudit` date is before the as-of date, and **due**
(upcoming) on or after it. The hub cannot know that a re-audit took place: once it has, its
owner records what it found in `impact` and `evidence` and moves `reaudit` to the next check,
or removes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .models import Action, Review
from .periods import Period
from .site import Site

LEVELS: tuple[str, ...] = ("reaction", "learning", "behaviour", "results")
"""The evidence levels, lowest first."""

LEVEL_NAMES: dict[str, str] = {
    "reaction": "Reaction: practitioners said it helped",
    "learning": "Learning: practitioners know or can do something new",
    "behaviour": "Behaviour: practice changed",
    "results": "Results: outcomes for children changed",
}
UNRATED = "unrated"
"""The key of completed actions whose impact text gives no evidence level."""
NONE = "none"
"""The key of completed actions with no impact evidence at all."""

GROUP_NAMES: dict[str, str] = {
    **LEVEL_NAMES,
    UNRATED: "Impact described, level not given",
    NONE: "Impact not yet evidenced",
}
"""Every group of completed actions by evidence, in the order they are shown."""

Pair = tuple[Review, Action]


def level_of(action: Action) -> str:
    """The action's group: its evidence level, `UNRATED` or `NONE`."""
    if action.evidence:
        return action.evidence
    return UNRATED if action.impact else NONE


def level_number(level: str) -> int | None:
    """1 to 4 for an evidence level, else None."""
    return LEVELS.index(level) + 1 if level in LEVELS else None


def completed(site: Site) -> list[Pair]:
    """Every complete action of a published review, most recently completed first."""
    done = [(r, a) for r, a in site.reviews.actions() if a.status == "complete"]
    return sorted(done, key=lambda p: (p[1].completed, p[0].id, p[1].id), reverse=True)


def completed_in(site: Site, period: Period) -> list[Pair]:
    """The complete actions whose `completed` date falls in `period`."""
    return [p for p in completed(site) if period.contains(p[1].completed)]


def completed_by(site: Site, day: date) -> list[Pair]:
    """The complete actions completed on or before `day`."""
    return [p for p in completed(site) if p[1].completed <= day]


def by_level(pairs: Iterable[Pair]) -> list[tuple[str, int]]:
    """How many of `pairs` are in each group of `GROUP_NAMES`, every group listed."""
    pairs = list(pairs)
    return [(key, sum(level_of(a) == key for _, a in pairs)) for key in GROUP_NAMES]


@dataclass(frozen=True)
class Reaudits:
    """Actions with a re-audit date at the as-of date: overdue (longest overdue first) and
    due (soonest first)."""

    overdue: list[Pair]
    due: list[Pair]


def reaudits(site: Site) -> Reaudits:
    """The re-audits of published reviews' actions, split at the as-of date."""
    dated = [(r, a) for r, a in site.reviews.actions() if a.reaudit is not None]
    dated.sort(key=lambda p: (p[1].reaudit, p[0].id, p[1].id))
    return Reaudits(
        overdue=[p for p in dated if p[1].reaudit < site.as_of],
        due=[p for p in dated if p[1].reaudit >= site.as_of],
    )
