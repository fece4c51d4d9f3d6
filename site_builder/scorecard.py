"""The scorecard analysed for one quarter: value, previous value, target, RAG, trend, class.

Every quarterly report analyses its data the same way, with the rules of
`site_builder.performance`. The result is one pandas DataFrame (one row per indicator, in
the taxonomy's priority order) and the same rows as frozen :class:`ScorecardLine`s, so the
report page and ``scorecard.csv`` are made from one table. A blank value or a missing row
is "no data" (``None`` in a line, NaN in the frame), never 0.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from .models import Indicator
from .performance import classification_reason, classify, rag, trend
from .periods import Period
from .project import Project, Scorecards
from .words import plain_number

if TYPE_CHECKING:
    import pandas as pd

CSV_COLUMNS: tuple[str, ...] = (
    "indicator",
    "name",
    "priority",
    "unit",
    "polarity",
    "value",
    "previous_value",
    "target",
    "rag",
    "trend",
    "england",
)
"""The columns of ``/reports/<period>/scorecard.csv``, in order (fixed by the contract)."""

HISTORY_QUARTERS = 6
"""How many quarters the report's charts show, ending with the report's own."""


@dataclass(frozen=True)
class ScorecardLine:
    """One indicator in one quarter, analysed. ``None`` means no data or not applicable.

    Attributes:
        previous_value: the immediately preceding quarter's value (no earlier one stands in).
        previous_trend: the previous quarter's trend against the quarter before it.
        classification: ``doing-well``, ``further-exploration`` or ``None``.
        reason: the rule that classified it, e.g. ``red against target``.
        note: the scorecard row's note, or ``""``.
    """

    indicator: str
    name: str
    priority: str
    unit: str
    polarity: str
    value: float | None
    previous_value: float | None
    target: float | None
    tolerance: float | None
    rag: str | None
    trend: str | None
    previous_trend: str | None
    classification: str | None
    reason: str | None
    england: float | None
    note: str


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ScorecardLine))
"""The columns of :attr:`Scorecard.frame`: the fields of :class:`ScorecardLine`."""


@dataclass(frozen=True)
class Scorecard:
    """The analysed scorecard of one quarter.

    Attributes:
        period: the quarter.
        frame: one row per indicator (index: indicator id), columns :data:`COLUMNS`; NaN or
            None for no data.
        lines: the same rows as typed, frozen lines, in the same order.
    """

    period: Period
    frame: pd.DataFrame
    lines: tuple[ScorecardLine, ...]

    def for_priority(self, priority_id: str) -> list[ScorecardLine]:
        """The lines of one priority's indicators, in file order."""
        return [line for line in self.lines if line.priority == priority_id]

    def doing_well(self) -> list[ScorecardLine]:
        """Lines classified as doing well."""
        return [line for line in self.lines if line.classification == "doing-well"]

    def further_exploration(self) -> list[ScorecardLine]:
        """Lines classified for further exploration."""
        return [line for line in self.lines if line.classification == "further-exploration"]

    def with_data(self) -> list[ScorecardLine]:
        """Lines that have a value this quarter."""
        return [line for line in self.lines if line.value is not None]

    def to_csv(self) -> str:
        """``scorecard.csv``: the contract's columns, blank where not applicable."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for line in self.lines:
            writer.writerow([format_cell(getattr(line, column)) for column in CSV_COLUMNS])
        return buffer.getvalue()


def format_number(number: float | None) -> str:
    """A number written exactly and plainly (``21.4``, ``455``), or ``""`` for no data."""
    return plain_number(number)


def format_cell(value: object) -> str:
    """A CSV cell: numbers via :func:`format_number`, ``None`` blank, text as it is."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def ordered_indicators(project: Project) -> list[Indicator]:
    """The project's indicators in the taxonomy's priority order, then file order."""
    order = {pid: i for i, pid in enumerate(project.taxonomy.priority_ids())}
    indexed = list(enumerate(project.indicators))
    indexed.sort(key=lambda pair: (order.get(pair[1].priority, len(order)), pair[0]))
    return [indicator for _, indicator in indexed]


def values_frame(
    indicators: Sequence[Indicator], scorecards: Scorecards, periods: Sequence[Period]
) -> pd.DataFrame:
    """Values by period (rows, index of period ids) and indicator (columns); NaN = no data."""
    import pandas as pd  # here: a build imports it in the worker that makes the reports

    ids = [indicator.id for indicator in indicators]
    rows = {
        period.id: [_as_float(scorecards.value(period, indicator_id)) for indicator_id in ids]
        for period in periods
    }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=ids, dtype="float64")
    return frame.reindex([period.id for period in periods])


def quarters_ending(period: Period, count: int = HISTORY_QUARTERS) -> list[Period]:
    """``count`` consecutive quarters ending with ``period``, oldest first."""
    quarters = [period]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def history(project: Project, period: Period, count: int = HISTORY_QUARTERS) -> pd.DataFrame:
    """The last ``count`` quarters' values up to ``period`` (rows: period ids, oldest first).
    Computed once per project and period (read it, never change it)."""
    return _remembered(
        project,
        ("history", period, count),
        lambda: values_frame(
            ordered_indicators(project), project.scorecards, quarters_ending(period, count)
        ),
    )


def compute(project: Project, period: Period) -> Scorecard:
    """Analyse every indicator of ``project`` in ``period`` by the contract's rules. Computed
    once per project and period: the theme pages and the reports share it."""
    return _remembered(
        project,
        ("scorecard", period),
        lambda: compute_scorecard(ordered_indicators(project), project.scorecards, period),
    )


# The results for the project last asked about (a build's): a new project (a rebuild in
# `hub serve`) replaces them. Held with the project itself, so its id is never reused meanwhile.
_memo: tuple[Project, dict] | None = None


def _remembered(project: Project, key: tuple, make):  # noqa: ANN001, ANN202
    global _memo
    if _memo is None or _memo[0] is not project:
        _memo = (project, {})
    results = _memo[1]
    if key not in results:
        results[key] = make()
    return results[key]


def compute_scorecard(
    indicators: Sequence[Indicator], scorecards: Scorecards, period: Period
) -> Scorecard:
    """Analyse ``indicators`` in ``period`` from ``scorecards`` (see :func:`compute`)."""
    import pandas as pd

    values = values_frame(indicators, scorecards, quarters_ending(period, 3))
    earlier, previous, current = (values.iloc[i] for i in range(3))
    frame = pd.DataFrame(
        {
            "indicator": [i.id for i in indicators],
            "name": [i.name for i in indicators],
            "priority": [i.priority for i in indicators],
            "unit": [i.unit for i in indicators],
            "polarity": [i.polarity for i in indicators],
            "value": current.to_numpy(),
            "previous_value": previous.to_numpy(),
            "earlier_value": earlier.to_numpy(),
            "target": [_as_float(i.target) for i in indicators],
            "tolerance": [_as_float(i.tolerance) for i in indicators],
            "england": [_as_float(i.england) for i in indicators],
            "note": [_note(scorecards, period, i.id) for i in indicators],
        },
        index=pd.Index([i.id for i in indicators], name="id"),
    )
    frame["rag"] = _rowwise(frame, lambda r: rag(r.value, r.target, r.tolerance, r.polarity))
    frame["trend"] = _rowwise(frame, lambda r: trend(r.value, r.previous_value, r.polarity))
    frame["previous_trend"] = _rowwise(
        frame, lambda r: trend(r.previous_value, r.earlier_value, r.polarity)
    )
    frame["classification"] = _rowwise(frame, lambda r: classify(r.rag, r.trend, r.previous_trend))
    frame["reason"] = _rowwise(
        frame, lambda r: classification_reason(r.rag, r.trend, r.previous_trend)
    )
    frame = frame[list(COLUMNS)]
    return Scorecard(period, frame, tuple(_line(record) for record in frame.to_dict("records")))


def _rowwise(frame: pd.DataFrame, rule) -> pd.Series:  # noqa: ANN001
    """``rule`` applied to each row (as a named tuple, NaN passed as None), as an object column."""
    import pandas as pd

    results = [rule(_none_for_nan(row)) for row in frame.itertuples(index=False)]
    return pd.Series(results, index=frame.index, dtype="object")


def _none_for_nan(row):  # noqa: ANN001, ANN202
    return row._replace(**{k: None for k, v in row._asdict().items() if _is_blank(v)})


def _line(record: dict) -> ScorecardLine:
    """A frame row as a :class:`ScorecardLine` (NaN becomes None)."""
    clean = {key: (None if _is_blank(value) else value) for key, value in record.items()}
    clean["note"] = clean["note"] or ""
    for key in ("value", "previous_value", "target", "tolerance", "england"):
        if clean[key] is not None:
            clean[key] = float(clean[key])
    return ScorecardLine(**clean)


def _note(scorecards: Scorecards, period: Period, indicator_id: str) -> str:
    row = scorecards.row(period, indicator_id)
    return row.note if row is not None else ""


def _as_float(number: float | int | None) -> float:
    return math.nan if number is None else float(number)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
