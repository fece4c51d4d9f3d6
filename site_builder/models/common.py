"""Field types shared by the models, with the strict parsing authors need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from ..messages import describe
from ..source import LineMap

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Model(BaseModel):
    """Base of every input model: frozen, and unknown keys are mistakes."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


# Config of the loaded models (`Briefing`, `Review`, ...): the loader validates the author's
# fields with the *Meta model and builds these with `model_construct`, so their validators
# are built only if something validates one (saves a tenth of a second on every start).
LOADED = ConfigDict(defer_build=True)


@dataclass(frozen=True)
class Source:
    """Where a model came from: the project-relative path and the lines of its keys."""

    path: str
    lines: LineMap

    @property
    def line(self) -> int:
        return self.lines.first_line

    def line_of(self, *loc: Any) -> int:
        return self.lines.line_of(*loc)


MIN_YEAR, MAX_YEAR = 1900, 2999


def _parse_iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return _in_range(value, value.isoformat())
    text = str(value).strip() if isinstance(value, str | int) else None
    if text is None or not _ISO_DATE_RE.match(text):
        raise PydanticCustomError(
            "iso_date", "expected a date YYYY-MM-DD, got {got}", {"got": describe(value)}
        )
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "iso_date", "{got} is not a real date", {"got": describe(value)}
        ) from None
    return _in_range(parsed, value)


def _in_range(parsed: date, value: Any) -> date:
    # Deadlines add months and working days to dates: a year like 9999 would overflow them.
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise PydanticCustomError(
            "iso_date",
            "{got} is out of range: expected a year from {low} to {high}",
            {"got": describe(value), "low": MIN_YEAR, "high": MAX_YEAR},
        )
    return parsed


def _as_list(value: Any) -> Any:
    # Authors write `themes: neglect` as often as `themes: [neglect]`; both mean one item.
    if isinstance(value, str):
        return [value]
    return value


IsoDate = Annotated[date, BeforeValidator(_parse_iso_date)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=SLUG_RE.pattern)]
# Indicator ids may use underscores, as in the contract's `rereferrals_12m`.
IndicatorId = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
]
IdList = Annotated[list[Slug], BeforeValidator(_as_list)]
TextList = Annotated[list[Text], BeforeValidator(_as_list)]
# Ids of indicators (underscores allowed), reviews or briefings, as evidence lists hold.
EvidenceList = Annotated[list[IndicatorId], BeforeValidator(_as_list)]
Status = Literal["published", "draft"]
Visibility = Literal["public", "internal"]


class Document(BaseModel):
    """What the loader adds to a document's front matter: its id (the file stem), where it
    came from, and its Markdown body with the file line the body starts on."""

    model_config = LOADED

    id: str
    origin: Source
    body: str
    body_line: int
