"""Reading the rows of `data/feedback/<period>.csv`, and the briefing form's address.

The loader finds the files, reads and privacy-scans them and splits them into CSV records;
`FeedbackReader` turns each record into a `FeedbackRow`, with an error at the row's line for
each cell that is wrong (every cell is checked, so one pass names every mistake).
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import quote as url_quote

from .messages import did_you_mean, quote
from .models.feedback import COUNT_COLUMNS, FEEDBACK_COLUMNS, FeedbackRow
from .periods import Period
from .problems import Problems


class FeedbackReader:
    """Reads the records of one feedback file, remembering which rows it has seen."""

    def __init__(
        self,
        rel: str,
        period: Period,
        briefing_ids: Collection[str],
        agency_ids: list[str],
        problems: Problems,
    ) -> None:
        self.rel = rel
        self.period = period
        self.briefing_ids = briefing_ids
        self.agency_ids = agency_ids
        self.problems = problems
        self._first_line: dict[tuple[str, str], int] = {}

    def row(self, line: int, record: list[str]) -> FeedbackRow | None:
        """The row at `line`, or None after an error for each thing wrong with it."""
        width = len(FEEDBACK_COLUMNS)
        if len(record) != width:
            columns = ",".join(FEEDBACK_COLUMNS)
            self._error(line, f"expected {width} columns ({columns}), got {len(record)}")
            return None
        cells = dict(zip(FEEDBACK_COLUMNS, (cell.strip() for cell in record), strict=True))
        ok = self._check_ids(line, cells["briefing"], cells["agency"])
        counts = self._counts(line, cells)
        if not ok or counts is None:
            return None
        key = (cells["briefing"], cells["agency"])
        if key in self._first_line:
            who = f"agency {quote(key[1])}" if key[1] else "no agency"
            self._error(
                line,
                f"duplicate row for briefing {quote(key[0])} and {who}"
                f" (first at line {self._first_line[key]}): give one row per briefing and agency",
            )
            return None
        self._first_line[key] = line
        return FeedbackRow(
            cells["briefing"], self.period, cells["agency"], *counts, path=self.rel, line=line
        )

    def _error(self, line: int, message: str) -> None:
        self.problems.error(self.rel, line, message)

    def _check_ids(self, line: int, briefing: str, agency: str) -> bool:
        ok = True
        if not briefing:
            self._error(line, "the row has no briefing id in its first column")
            ok = False
        elif briefing not in self.briefing_ids:
            known = sorted(self.briefing_ids)
            self._error(line, f"unknown briefing {quote(briefing)}{did_you_mean(briefing, known)}")
            ok = False
        if agency and self.agency_ids and agency not in self.agency_ids:
            self._error(
                line,
                f"unknown agency {quote(agency)}{did_you_mean(agency, self.agency_ids)}"
                " (leave the cell blank for answers that named no agency)",
            )
            ok = False
        return ok

    def _counts(self, line: int, cells: dict[str, str]) -> tuple[int, int, int, int] | None:
        """(responses, useful, learned, changed_practice), or None after their errors."""
        responses = _whole_number(cells["responses"])
        if responses is None:
            self._error(
                line,
                f"'responses' must be a whole number (0 or more), got {_shown(cells['responses'])}",
            )
        counts = []
        for column in COUNT_COLUMNS:
            value = _whole_number(cells[column])
            if value is None:
                bound = f" to {responses}" if responses is not None else " to 'responses'"
                self._error(
                    line,
                    f"{quote(column)} must be a whole number from 0{bound},"
                    f" got {_shown(cells[column])}",
                )
            elif responses is not None and value > responses:
                self._error(
                    line,
                    f"{quote(column)} is {value}, more than the {responses} 'responses':"
                    " it counts how many of the answers said so",
                )
                value = None
            counts.append(value)
        if responses is None or None in counts:
            return None
        return (responses, *counts)  # type: ignore[return-value]


def _whole_number(text: str) -> int | None:
    """A count written as digits only (`14`), else None."""
    return int(text) if text.isascii() and text.isdigit() else None


def _shown(text: str) -> str:
    return quote(text) if text else "nothing"


# --- The form's address ----------------------------------------------------------------------

FORM_URL_KEY = "hub_feedback_url"
"""The key under `extra:` in mkdocs.yml that holds the partnership's feedback form address."""


def form_url_problem(template: object) -> str | None:
    """What is wrong with `extra.hub_feedback_url`, or None when it is fine (or unset)."""
    if template is None or template == "":
        return None
    if not isinstance(template, str):
        return f"extra.{FORM_URL_KEY} must be a web address (text), got {type(template).__name__}"
    if not template.startswith(("https://", "http://")):
        return (
            f"extra.{FORM_URL_KEY} must start with https:// (the partnership's own form),"
            f" got {quote(template)}"
        )
    return None


def form_link(template: str, briefing_id: str, title: str) -> str:
    """The form's address for one briefing: `{id}` and `{title}` replaced, URL-encoded."""
    return template.replace("{id}", url_quote(briefing_id, safe="")).replace(
        "{title}", url_quote(title, safe="")
    )
