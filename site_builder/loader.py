"""Load a project directory into validated models, collecting every problem in one pass.

Nothing here raises for bad input: each file that cannot be read or validated adds
`Problem`s and is left out of the `Project`, so later checks still run on the rest.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .messages import did_you_mean, error_messages
from .models import (
    Briefing,
    BriefingMeta,
    FreePage,
    Indicator,
    ReportMeta,
    ReportNarrative,
    Review,
    ReviewMeta,
    ScorecardRow,
    Source,
    Taxonomy,
    Voice,
)
from .models.common import SLUG_RE
from .models.indicator import IndicatorMeta
from .models.report import NARRATIVE_SECTIONS
from .models.voice import VoiceMeta
from .outline import split_at_level
from .periods import Period
from .privacy import PrivacyGate
from .problems import Problems
from .project import Briefings, Collection, Project, Reports, Reviews, Scorecards
from .source import LineMap, SourceError, YamlDocument, load_yaml, read_text, split_front_matter

M = TypeVar("M", bound=BaseModel)

CONTENT_DIR = "content"
DATA_DIR = "data"
# Folders of content/ whose files are data for generated pages, not pages themselves.
DOCUMENT_FOLDERS = ("briefings", "reviews", "reports")
# Files under content/ that hold text and so pass through the privacy gate.
TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm", ".csv", ".json", ".yml", ".yaml"}


class Loader:
    """Reads one project root. `load()` returns the project and every problem found."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems = Problems()
        self.gate = PrivacyGate()

    def load(self) -> tuple[Project, Problems]:
        taxonomy = self._load_taxonomy()
        self.gate = PrivacyGate(taxonomy.privacy_allow)
        indicators = self._load_indicators()
        project = Project(
            root=self.root,
            taxonomy=taxonomy,
            briefings=Briefings(self._load_documents("briefings", BriefingMeta, Briefing)),
            reviews=Reviews(self._load_documents("reviews", ReviewMeta, Review)),
            reports=Reports(self._load_reports()),
            indicators=Collection(indicators),
            scorecards=self._load_scorecards({i.id for i in indicators}),
            voices=tuple(self._load_voices()),
            pages=tuple(self._load_free_pages()),
        )
        return project, self.problems

    # -- files ------------------------------------------------------------------

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _read(self, path: Path) -> str | None:
        """The file's text, scanned by the privacy gate; None (with a problem) if unreadable."""
        rel = self._rel(path)
        try:
            text = read_text(path)
        except SourceError as exc:
            self.problems.error(rel, exc.line, exc.message)
            return None
        except OSError as exc:
            self.problems.error(rel, None, f"cannot read the file: {exc.strerror}")
            return None
        for finding in self.gate.scan(text):
            self.problems.error(rel, finding.line, finding.message())
        return text

    def _yaml(self, path: Path, required: bool = True) -> YamlDocument | None:
        rel = self._rel(path)
        if not path.is_file():
            if required:
                self.problems.error(rel, None, "file not found")
            return None
        text = self._read(path)
        if text is None:
            return None
        try:
            doc = load_yaml(text)
        except SourceError as exc:
            self.problems.error(rel, exc.line, exc.message)
            return None
        self._report_duplicate_keys(rel, doc)
        return doc

    def _report_duplicate_keys(self, rel: str, doc: YamlDocument) -> None:
        for line, key in doc.duplicate_keys:
            self.problems.error(rel, line, f"duplicate field '{key}': give each field once")

    def _validate(
        self, model: type[M], data: Any, rel: str, lines: LineMap, missing_line: int, loc=()
    ) -> M | None:
        """`model` from `data`, or None after reporting each error at its line."""
        if not isinstance(data, dict):
            where = lines.line_of(*loc)
            self.problems.error(rel, where, _not_a_mapping(loc, data))
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err_loc, message in error_messages(exc, model):
                full = (*loc, *err_loc)
                if message.startswith("missing required field") and len(full) <= 1:
                    line = missing_line
                elif message.startswith("missing required field"):
                    line = lines.line_of(*full[:-1])
                else:
                    line = lines.line_of(*full)
                self.problems.error(rel, line, _prefix(loc, message))
            return None

    # -- data/ ----------------------------------------------------------------

    def _load_taxonomy(self) -> Taxonomy:
        path = self.root / DATA_DIR / "taxonomy.yaml"
        doc = self._yaml(path)
        empty = Taxonomy.model_construct(priorities=[], agencies=[], audiences=[], privacy_allow=[])
        if doc is None:
            return empty
        taxonomy = self._validate(Taxonomy, doc.data, self._rel(path), doc.lines, 1)
        if taxonomy is None:
            return empty
        for kind in ("priorities", "agencies", "audiences"):
            self._report_duplicate_ids(self._rel(path), doc.lines, kind, getattr(taxonomy, kind))
        return taxonomy

    def _report_duplicate_ids(self, rel: str, lines: LineMap, key: str, items: Iterable) -> None:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                line = lines.line_of(key, index, "id")
                self.problems.error(rel, line, f"duplicate id '{item.id}' in {key}")
            seen.add(item.id)

    def _load_indicators(self) -> list[Indicator]:
        path = self.root / DATA_DIR / "indicators.yaml"
        doc = self._yaml(path, required=False)
        if doc is None or doc.data is None:
            return []
        return self._load_list(path, doc, IndicatorMeta, Indicator, "indicators")

    def _load_voices(self) -> list[Voice]:
        path = self.root / DATA_DIR / "voices.yaml"
        doc = self._yaml(path, required=False)
        if doc is None or doc.data is None:
            return []
        return self._load_list(path, doc, VoiceMeta, Voice, "voices")

    def _load_list(self, path: Path, doc: YamlDocument, meta: type, model: type, what: str):
        rel = self._rel(path)
        if not isinstance(doc.data, list):
            self.problems.error(rel, doc.lines.first_line, f"expected a list of {what}")
            return []
        items = []
        for index, data in enumerate(doc.data):
            item_meta = self._validate(meta, data, rel, doc.lines, doc.lines.first_line, (index,))
            if item_meta is not None:
                origin = Source(rel, _sub_map(doc.lines, index))
                items.append(model.model_construct(**dict(item_meta), origin=origin))
        if model is Indicator:
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    line = item.origin.line_of("id")
                    self.problems.error(rel, line, f"duplicate indicator id '{item.id}'")
                seen.add(item.id)
            items = list({i.id: i for i in reversed(items)}.values())[::-1]
        return items

    def _load_scorecards(self, indicator_ids: set[str]) -> Scorecards:
        folder = self.root / DATA_DIR / "scorecard"
        by_period = {}
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_dir() or path.name.startswith("."):
                continue
            rel = self._rel(path)
            if path.suffix != ".csv":
                self.problems.error(rel, None, "a scorecard must be a .csv file named by its period")
                continue
            try:
                period = Period.parse(path.stem)
            except ValueError:
                self.problems.error(
                    rel, None,
                    f"file name must be a period id like 2018-19-q3.csv, got '{path.name}'",
                )
                continue
            text = self._read(path)
            if text is not None:
                by_period[period] = self._parse_scorecard(rel, text, indicator_ids)
        return Scorecards(by_period)

    def _parse_scorecard(self, rel: str, text: str, known: set[str]) -> dict[str, ScorecardRow]:
        rows: dict[str, ScorecardRow] = {}
        first_seen: dict[str, int] = {}
        reader = csv.reader(io.StringIO(text))
        try:
            header = next(reader, None)
            if header is None:
                self.problems.error(rel, 1, "empty scorecard: expected the header 'indicator,value,note'")
                return rows
            header = [h.strip() for h in header]
            if header not in (["indicator", "value"], ["indicator", "value", "note"]):
                self.problems.error(
                    rel, 1, f"header must be 'indicator,value' or 'indicator,value,note', got '{','.join(header)}'"
                )
                return rows
            line = reader.line_num
            for record in reader:
                start, line = line + 1, reader.line_num
                row = self._scorecard_row(rel, start, record, len(header), known, first_seen)
                if row is not None:
                    rows[row.indicator] = row
        except csv.Error as exc:
            self.problems.error(rel, reader.line_num, f"invalid CSV: {exc}")
        return rows

    def _scorecard_row(self, rel, line, record, width, known, first_seen) -> ScorecardRow | None:
        if not any(cell.strip() for cell in record):
            return None
        if len(record) > width:
            self.problems.error(
                rel, line, f"expected {width} columns, got {len(record)} (quote a note containing commas)"
            )
            return None
        indicator = record[0].strip()
        raw_value = record[1].strip() if len(record) > 1 else ""
        note = record[2].strip() if len(record) > 2 else ""
        if indicator not in known:
            self.problems.error(
                rel, line, f"unknown indicator '{indicator}'{did_you_mean(indicator, known)}"
            )
            return None
        if indicator in first_seen:
            self.problems.error(
                rel, line,
                f"duplicate row for indicator '{indicator}' (first at line {first_seen[indicator]})",
            )
            return None
        first_seen[indicator] = line
        value = None
        if raw_value:
            try:
                value = float(raw_value)
            except ValueError:
                value = None
            if value is None or value != value or value in (float("inf"), float("-inf")):
                self.problems.error(
                    rel, line, f"value for '{indicator}' must be a number, got '{raw_value}'"
                )
                return None
        return ScorecardRow(indicator, value, note, rel, line)

    # -- content/ -------------------------------------------------------------

    def _document_paths(self, folder: str) -> list[Path]:
        base = self.root / CONTENT_DIR / folder
        if not base.is_dir():
            return []
        paths = []
        for path in sorted(base.rglob("*")):
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix != ".md" or path.parent != base:
                self.problems.error(
                    self._rel(path), None,
                    f"content/{folder}/ holds only .md files, one per document, with no subfolders",
                )
                if path.suffix in TEXT_SUFFIXES:
                    self._read(path)
                continue
            paths.append(path)
        return paths

    def _load_documents(self, folder: str, meta_model: type, model: type) -> list:
        documents = []
        for path in self._document_paths(folder):
            loaded = self._load_front_matter(path, meta_model)
            if loaded is not None:
                meta, origin, body, body_line = loaded
                documents.append(
                    model.model_construct(
                        **dict(meta), id=path.stem, origin=origin, body=body, body_line=body_line
                    )
                )
        return documents

    def _load_front_matter(self, path: Path, meta_model: type):
        rel = self._rel(path)
        text = self._read(path)
        if text is None:
            return None
        if not SLUG_RE.match(path.stem):
            self.problems.error(
                rel, None,
                "file name must be lowercase letters, digits and hyphens, e.g. rr-2018-07-child-k.md",
            )
            return None
        try:
            doc = split_front_matter(text)
        except SourceError as exc:
            self.problems.error(rel, exc.line, exc.message)
            return None
        if doc.front_matter is None:
            self.problems.error(
                rel, 1, "missing front matter: start the file with a line '---', then the fields, then '---'"
            )
            return None
        fm = doc.front_matter
        self._report_duplicate_keys(rel, fm)
        if fm.data is None:
            fm.data = {}
        meta = self._validate(meta_model, fm.data, rel, fm.lines, 1)
        if meta is None:
            return None
        return meta, Source(rel, fm.lines), doc.body, doc.body_line

    def _load_reports(self) -> list[ReportNarrative]:
        reports = []
        for path in self._document_paths("reports"):
            loaded = self._load_front_matter(path, ReportMeta)
            if loaded is None:
                continue
            meta, origin, body, body_line = loaded
            introduction, sections = self._narrative_sections(origin.path, body, body_line)
            reports.append(
                ReportNarrative.model_construct(
                    **dict(meta), id=path.stem, origin=origin, body=body, body_line=body_line,
                    introduction=introduction, sections=sections,
                )
            )
        return reports

    def _narrative_sections(self, rel: str, body: str, body_line: int):
        introduction, parts = split_at_level(body, 2)
        sections: dict[str, str] = {}
        for heading, text in parts:
            line = body_line + heading.index
            key = NARRATIVE_SECTIONS.get(heading.text)
            if key is None:
                allowed = ", ".join(f"'{h}'" for h in NARRATIVE_SECTIONS)
                self.problems.error(
                    rel, line,
                    f"unknown section '## {heading.text}'"
                    f"{did_you_mean(heading.text, NARRATIVE_SECTIONS)}; the sections are {allowed}",
                )
            elif key in sections:
                self.problems.error(rel, line, f"section '## {heading.text}' appears twice")
            else:
                sections[key] = text
        return introduction, sections

    def _load_free_pages(self) -> list[FreePage]:
        base = self.root / CONTENT_DIR
        pages = []
        if not base.is_dir():
            self.problems.error(CONTENT_DIR, None, "folder not found")
            return pages
        for path in sorted(base.rglob("*")):
            rel_docs = path.relative_to(base)
            if path.is_dir() or rel_docs.parts[0] in DOCUMENT_FOLDERS:
                continue
            if any(part.startswith(".") for part in rel_docs.parts):
                continue
            if path.suffix.lower() not in TEXT_SUFFIXES:
                continue
            text = self._read(path)
            if text is not None and path.suffix == ".md":
                pages.append(FreePage(self._rel(path), rel_docs.as_posix(), text))
        return pages


def load_project(root: Path) -> tuple[Project, Problems]:
    """Load and validate every file under `root`; never raises for bad input."""
    return Loader(root).load()


def _sub_map(lines: LineMap, index: int) -> LineMap:
    """The lines of item `index` of a top-level list, re-rooted at the item."""
    sub = {loc[1:]: line for loc, line in lines.lines.items() if loc[:1] == (index,)}
    return LineMap(sub.get((), lines.first_line), sub)


def _not_a_mapping(loc: tuple, data: Any) -> str:
    where = f"item {loc[0] + 1}" if loc else "front matter"
    if data is None:
        return f"{where} is empty: expected 'key: value' fields"
    return f"{where} must be 'key: value' fields, got {type(data).__name__ if not isinstance(data, list) else 'a list'}"


def _prefix(loc: tuple, message: str) -> str:
    return f"item {loc[0] + 1}: {message}" if loc else message
