"""data/indicators.yaml and the rows of data/scorecard/<period>.csv."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .common import LOADED, IndicatorId, Model, Slug, Source, Text

Unit = Literal["percent", "rate_per_10k", "count", "days"]
Polarity = Literal["higher", "lower", "context"]


class IndicatorMeta(Model):
    id: IndicatorId
    name: Text
    priority: Slug
    unit: Unit
    polarity: Polarity
    target: float | None = None
    tolerance: float | None = Field(default=None, ge=0)
    england: float | None = None
    source: Text | None = None


class Indicator(IndicatorMeta):
    model_config = LOADED
    origin: Source


@dataclass(frozen=True)
class ScorecardRow:
    """One row of a scorecard CSV: `value` None means no data, never zero."""

    indicator: str
    value: float | None
    note: str
    path: str
    line: int
