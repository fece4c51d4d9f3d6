"""The publication rules: the as-of date and what a build publishes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .models import Briefing, ReportNarrative, Review

AS_OF_ENV = "HUB_AS_OF"
INTERNAL_ENV = "HUB_INTERNAL"
PREVIEW_ENV = "HUB_PREVIEW"  # set by `hub serve --drafts` only; refused by a build


class EditionError(ValueError):
    """An edition that cannot be built as asked."""


class AsOfError(EditionError):
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


def preview_from_env(env: Mapping[str, str] = os.environ) -> bool:
    """True when HUB_PREVIEW asks for the authors' preview with drafts."""
    return env.get(PREVIEW_ENV, "") == "1"


def internal_from_env(env: Mapping[str, str] = os.environ) -> bool:
    """True when HUB_INTERNAL asks for the intranet edition (1, true, yes)."""
    return env.get(INTERNAL_ENV, "").strip().lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Edition:
    """Which build this is: the as-of date and public or internal."""

    as_of: date
    internal: bool = False
    # The authors' preview (`hub serve --drafts`): every item, each withheld one marked.
    preview: bool = False

    def includes(self, item: Briefing | Review | ReportNarrative) -> bool:
        """Published, not embargoed, and public (or this is the internal edition); in the
        preview, everything."""
        return self.preview or self.withheld(item) is None

    def withheld(self, item: Briefing | Review | ReportNarrative) -> str | None:
        """Why a published edition leaves `item` out ("draft", "embargoed", "internal"), or
        None when it publishes it."""
        if item.status != "published":
            return "draft"
        if self.is_embargoed(item):
            return "embargoed"
        if not self.internal and getattr(item, "visibility", "public") != "public":
            return "internal"
        return None

    def is_embargoed(self, item: Briefing | Review | ReportNarrative) -> bool:
        """`publish_from`, or a briefing's own date, is after the as-of date."""
        lifts = embargo_lifts(item)
        return lifts is not None and lifts > self.as_of

    def review_due(self, briefing: Briefing) -> bool:
        """The briefing's review-by date has passed."""
        return briefing.review_by is not None and briefing.review_by < self.as_of


def embargo_lifts(item: Briefing | Review | ReportNarrative) -> date | None:
    """The first day `item` may be published: the later of `publish_from` and, for a
    briefing, its own date; None when nothing holds it back."""
    days = [getattr(item, "publish_from", None)]
    if isinstance(item, Briefing):
        days.append(item.date)
    present = [day for day in days if day is not None]
    return max(present) if present else None


def edition_from_env(command: str, env: Mapping[str, str] = os.environ) -> Edition:
    """The edition an engine run (`mkdocs build` or `serve`) builds, from the environment;
    the drafts preview only for `serve`, so no build ever holds drafts."""
    preview = preview_from_env(env)
    if preview and command != "serve":
        raise EditionError(
            f"{PREVIEW_ENV}=1 is only for 'hub serve --drafts': a build never includes drafts"
        )
    return Edition(resolve_as_of(None, env), internal_from_env(env), preview)
