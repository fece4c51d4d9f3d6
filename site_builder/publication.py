"""The publication rules: the as-of date and what a build publishes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .models import Briefing, ReportNarrative, Review

AS_OF_ENV = "HUB_AS_OF"
INTERNAL_ENV = "HUB_INTERNAL"


class AsOfError(ValueError):
    """An as-of date that is not a real YYYY-MM-DD date."""


def parse_as_of(text: str, source: str = "--as-of") -> date:
    """A strict YYYY-MM-DD date, or `AsOfError` naming `source` and saying what arrived."""
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise AsOfError(
            f"invalid {source} date {text!r}: expected a real date YYYY-MM-DD, e.g. 2026-11-26"
        ) from None


def resolve_as_of(option: str | None, env: Mapping[str, str] = os.environ) -> date:
    """The build's as-of date: the option, else HUB_AS_OF, else today."""
    if option is not None:
        return parse_as_of(option)
    text = env.get(AS_OF_ENV)
    return parse_as_of(text, AS_OF_ENV) if text else date.today()


def internal_from_env(env: Mapping[str, str] = os.environ) -> bool:
    """True when HUB_INTERNAL asks for the intranet edition (1, true, yes)."""
    return env.get(INTERNAL_ENV, "").strip().lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Edition:
    """Which build this is: the as-of date and public or internal."""

    as_of: date
    internal: bool = False

    def includes(self, item: Briefing | Review | ReportNarrative) -> bool:
        """Published, not embargoed, and public (or this is the internal edition)."""
        return (
            item.status == "published"
            and not self.is_embargoed(item)
            and (self.internal or getattr(item, "visibility", "public") == "public")
        )

    def is_embargoed(self, item: Briefing | Review | ReportNarrative) -> bool:
        """`publish_from`, or a briefing's own date, is after the as-of date."""
        publish_from = getattr(item, "publish_from", None)
        if publish_from is not None and publish_from > self.as_of:
            return True
        return isinstance(item, Briefing) and item.date > self.as_of

    def review_due(self, briefing: Briefing) -> bool:
        """The briefing's review-by date has passed."""
        return briefing.review_by is not None and briefing.review_by < self.as_of
