"""content/briefings/*.md: learning briefings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    Document,
    IdList,
    IsoDate,
    Model,
    Status,
    Text,
    TextList,
    Visibility,
)


class BriefingMeta(Model):
    """A briefing's front matter, as the author writes it."""

    title: Text
    date: IsoDate
    summary: Text = Field(max_length=300)
    themes: IdList = Field(min_length=1)
    audience: IdList = []
    agencies: IdList = []
    tags: TextList = []
    reviews: IdList = []
    format: Literal["seven-minute", "standard"] = "seven-minute"
    status: Status = "published"
    publish_from: IsoDate | None = None
    review_by: IsoDate | None = None
    visibility: Visibility = "public"


class Briefing(BriefingMeta, Document):
    """A loaded briefing: front matter plus id, source and body."""

    @property
    def words(self) -> int:
        """Whitespace-separated tokens of the body: the contract's reading-time count."""
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 200))
