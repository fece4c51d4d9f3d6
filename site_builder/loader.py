"""Load a project directory into validated models, collecting every problem in one pass.

Nothing here raises for bad input: each file that cannot be read or validated adds
`Problem`s and is left out of the `Project`, so later checks still run on the rest.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import routes
from .feedback import FeedbackReader
from .messages import describe, did_you_mean, error_messages, quote
from .models import (
    Assurance,
    AssuranceQuestion,
    Briefing,
    BriefingMeta,
    FreePage,
    Indicator,
    JudgementRow,
    ReportMeta,
    ReportNarrative,
    Review,
    ReviewMeta,
    ScorecardRow,
    SearchSettings,
    Source,
    Taxonomy,
    Voice,
)
from .models.assurance import JUDGEMENTS, AssuranceQuestionMeta
from .models.common import SLUG_RE
from .models.feedback import FEEDBACK_COLUMNS, Feedback
from .models.indicator import IndicatorMeta
from .models.report import NARRATIVE_SECTIONS
from .models.salvage import salvage
from .models.voice import VoiceMeta
from .outline import split_at_level
from .periods import Period
from .privacy import PrivacyGate
from .problems import Problem, Problems
from .project import Briefings, Collection, Project, Reports, Reviews, Scorecards
from .scaffold import slugify
from .source import (
    LineMap,
    SourceError,
    YamlDocument,
    csv_texts,
    decode_text,
    front_matter_text,
    is_binary,
    load_yaml,
    split_front_matter,
    yaml_texts,
)
from .tree import SourceFile, walk
from .workers import Forked, available

M = TypeVar("M", bound=BaseModel)

CONTENT_DIR = "content"
DATA_DIR = "data"
# Folders of content/ whose files are data for generated pages, not pages themselves.
DOCUMENT_FOLDERS = ("briefings", "reviews", "reports")
# In `Project.rejected_ids`: the whole file failed, so any id may be defined in it.
ANY_ID = "*"
MKDOCS_YML = "mkdocs.yml"
# Markdown files, as MkDocs knows them: their front matter is YAML.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
YAML_SUFFIXES = (".yml", ".yaml", ".json")
# Files whose records are lines: a line break never runs a number on.
RECORD_SUFFIXES = (".csv", ".tsv")
# A list nested deeper than this makes the Markdown engine fail (it recurses per level).
MAX_LIST_INDENT = 4 * 50


class Loader:
    """Reads one project root. `load()` returns the project and every problem found."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems = Problems()
        self.gate = PrivacyGate()
        self.files: list[SourceFile] = []  # every file under content/ and data/, walked safely
        self.texts: dict[str, str | None] = {}  # rel -> text (None: unreadable or binary)
        self.shown: dict[str, str] = {}  # rel -> rel as messages show it (a name withheld)
        # Ids of items that exist but failed validation, by collection: a reference to one
        # is not reported again as unknown (its own file already has the error).
        self.rejected: dict[str, set[str]] = {
            "briefings": set(),
            "reviews": set(),
            "indicators": set(),
            "questions": set(),
        }
        self.salvaged: list = []

    def load(self) -> tuple[Project, Problems]:
        self._walk()
        taxonomy = self._load_taxonomy()
        self._scan_names()
        # A large project's texts are scanned by forked workers while this process loads
        # them; the scan's problems go where they would have been found.
        with self._scan_texts() as scanned:
            scanned_at = len(self.problems)
            project = self._load_all(taxonomy)
            self.problems.insert(scanned_at, scanned())
        return project, self.problems

    def _load_all(self, taxonomy: Taxonomy) -> Project:
        indicators = self._load_indicators()
        known_indicators = {i.id for i in indicators} | self.rejected["indicators"]
        briefings = Briefings(self._load_documents("briefings", BriefingMeta, Briefing))
        reviews = Reviews(self._load_documents("reviews", ReviewMeta, Review))
        project = Project(
            root=self.root,
            taxonomy=taxonomy,
            briefings=briefings,
            reviews=reviews,
            reports=Reports(self._load_reports()),
            indicators=Collection(indicators),
            scorecards=self._load_scorecards(known_indicators),
            voices=tuple(self._load_voices()),
            pages=tuple(self._load_free_pages()),
            assets=tuple(self._assets()),
            assurance=self._load_assurance(
                taxonomy, known_indicators | briefings.ids() | reviews.ids() | self._rejected_docs()
            ),
            synonyms=self._load_synonyms(),
            rejected_ids={kind: frozenset(ids) for kind, ids in self.rejected.items()},
            feedback=self._load_feedback(
                briefings.ids() | self.rejected["briefings"], taxonomy.agency_ids()
            ),
            salvaged=tuple(self.salvaged),
        )
        return project

    # -- files ------------------------------------------------------------------
    # (the privacy scan of a large project runs in forked workers: `_scan_share`)

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _walk(self) -> None:
        """Find every file under content/ and data/; report what cannot be read safely."""
        for top in (CONTENT_DIR, DATA_DIR):
            tree = walk(self.root, top)
            self.files.extend(tree.files)
            for rel, message in tree.problems:
                self.texts[rel] = None  # never read by a loader either
                shown, _ = self.gate.redact(rel, spaces="-_")  # no allow list yet: mask more
                self.problems.error(shown, None, message)

    def _read(self, path: Path) -> str | None:
        """The file's text; None (with a problem, reported once) if it cannot be read."""
        rel = self._rel(path)
        if rel in self.texts:
            return self.texts[rel]
        text = self.texts[rel] = self._read_file(path, rel)
        return text

    def _read_file(self, path: Path, rel: str) -> str | None:
        where = self.shown.get(rel, rel)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.error(where, None, f"cannot read the file: {exc.strerror}")
            return None
        if is_binary(raw, path.suffix):
            return None  # an image, a PDF: not text for a reader
        try:
            return decode_text(raw)
        except SourceError as exc:
            self.problems.error(where, exc.line, exc.message)
            return None

    def _scan_names(self) -> None:
        """The privacy gate over every file and folder name."""
        reported: set[str] = set()
        for file in self.files:
            self._scan_name(file, reported)

    @contextmanager
    def _scan_texts(self) -> Iterator[Callable[[], list[Problem]]]:
        """The privacy gate over every text a reader could see, begun: yields the function
        that gives its problems. A large project is scanned by one forked process per core
        (its problems in the same order), this process free meanwhile."""
        texts: list[tuple[str, str, str]] = []
        for file in self.files:
            text = self._read(file.path)
            if text is not None:
                texts.append((self.shown.get(file.rel, file.rel), file.path.suffix, text))
        mkdocs = self.root / MKDOCS_YML
        if mkdocs.is_file():
            text = self._read(mkdocs)
            if text is not None:
                texts.append((MKDOCS_YML, ".yml", text))
        workers = available(SCAN_WORKERS)
        if workers > 1 and sum(len(text) for _, _, text in texts) > SCAN_PARALLEL_FROM:
            global _SCANNING
            shares = [range(i, len(texts), workers) for i in range(workers)]
            _SCANNING = (self.gate, texts)  # forked workers read them; only indexes are sent
            try:
                with Forked(_scan_share, shares) as forked:
                    yield lambda: [
                        problem
                        for _, problems in sorted(
                            (item for share in forked.results() for item in share),
                            key=lambda item: item[0],
                        )
                        for problem in problems
                    ]
            finally:
                _SCANNING = None
            return
        found = Problems()
        for rel, suffix, text in texts:
            _scan_file(self.gate, rel, suffix, text, found)
        yield lambda: list(found)

    def _scan_name(self, file: SourceFile, reported: set[str]) -> None:
        """File and folder names are published in addresses: scan each, and mask the file's
        path in every message about it. A folder's finding is reported once, at the folder."""
        top, *parts = file.rel.split("/")
        withheld = False
        for index, part in enumerate(parts):
            parts[index], findings = self.gate.redact(part, spaces="-_")
            if not findings:
                continue
            withheld = True
            shown = "/".join((top, *parts[: index + 1]))
            is_file = index == len(parts) - 1
            if shown in reported:
                continue
            reported.add(shown)
            for finding in findings:
                where = " in the file name" if is_file else " in a folder name"
                self.problems.error(shown, None, finding.message(where))
        if withheld:
            self.shown[file.rel] = "/".join((top, *parts))

    def _yaml(self, path: Path, required: bool = True) -> YamlDocument | None:
        text = self._yaml_text(path, required)
        return None if text is None else self._parse_yaml(self._rel(path), text)

    def _yaml_text(self, path: Path, required: bool) -> str | None:
        rel = self._rel(path)
        if rel in self.texts or path.is_file():
            return self._read(path)
        if path.is_dir():
            self.problems.error(rel, None, "expected a YAML file, found a folder")
        elif required:
            self.problems.error(rel, None, "file not found")
        return None

    def _parse_yaml(self, rel: str, text: str) -> YamlDocument | None:
        try:
            doc = load_yaml(text)
        except SourceError as exc:
            self.problems.error(rel, exc.line, exc.message)
            return None
        self._report_duplicate_keys(rel, doc)
        return doc

    def _report_duplicate_keys(self, rel: str, doc: YamlDocument) -> None:
        for line, key in doc.duplicate_keys:
            first = doc.duplicate_first.get((line, key))
            where = f" (first at line {first})" if first is not None else ""
            self.problems.error(
                rel, line, f"duplicate field {quote(key)}{where}: give each field once"
            )

    def _validate(
        self,
        model: type[M],
        data: Any,
        rel: str,
        lines: LineMap,
        missing_line: int,
        loc=(),
        label: str = "",
    ) -> M | None:
        """`model` from `data`, or None after reporting each error at its line.

        `loc` is where `data` sits in the file's YAML; `label` names it in messages
        ("indicator 'cin_rate'"), '' for a whole file or front matter.
        """
        if not isinstance(data, dict):
            where = lines.line_of(*loc)
            whole = "the file" if rel.startswith(f"{DATA_DIR}/") else "the front matter"
            self.problems.error(rel, where, _not_a_mapping(label or whole, data))
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
                self.problems.error(rel, line, f"{label}: {message}" if label else message)
            return None

    # -- data/ ----------------------------------------------------------------

    def _load_taxonomy(self) -> Taxonomy:
        path = self.root / DATA_DIR / "taxonomy.yaml"
        rel = self._rel(path)
        empty = Taxonomy.model_construct(
            priorities=[], agencies=[], audiences=[], subgroups=[], privacy_allow=[]
        )
        # The file's own privacy_allow applies to it: parse first, then scan (with the rest).
        text = self._yaml_text(path, required=True)
        if text is None:
            return empty
        doc = self._parse_yaml(rel, text)
        self.gate = PrivacyGate(_allow_list(doc.data if doc else None))
        if doc is None:
            return empty
        if doc.data is None:
            self.problems.error(rel, 1, f"the file is empty: expected {_TAXONOMY_KEYS}")
            return empty
        taxonomy = self._validate(Taxonomy, doc.data, rel, doc.lines, 1, label="")
        if taxonomy is None:
            return empty
        for kind in ("priorities", "agencies", "audiences", "subgroups"):
            self._report_duplicate_ids(self._rel(path), doc.lines, kind, getattr(taxonomy, kind))
        return taxonomy

    def _report_duplicate_ids(self, rel: str, lines: LineMap, key: str, items: Iterable) -> None:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                line = lines.line_of(key, index, "id")
                self.problems.error(rel, line, f"duplicate id {quote(item.id)} in {key}")
            seen.add(item.id)

    def _load_indicators(self) -> list[Indicator]:
        path = self.root / DATA_DIR / "indicators.yaml"
        doc = self._yaml(path, required=False)
        unreadable = doc is None or doc.data is not None and not isinstance(doc.data, list)
        if unreadable and path.is_file():
            self.rejected["indicators"].add(ANY_ID)  # any id may be in it: report none unknown
        if doc is None or doc.data is None:
            return []
        return self._load_list(path, doc, IndicatorMeta, Indicator, "indicator", "indicators")

    def _load_voices(self) -> list[Voice]:
        path = self.root / DATA_DIR / "voices.yaml"
        doc = self._yaml(path, required=False)
        if doc is None or doc.data is None:
            return []
        return self._load_list(path, doc, VoiceMeta, Voice, "voice")

    def _load_synonyms(self) -> tuple[tuple[str, ...], ...]:
        """data/search.yaml's synonym groups (optional file); each group of two or more terms,
        no term in two groups."""
        path = self.root / DATA_DIR / "search.yaml"
        doc = self._yaml(path, required=False)
        if doc is None or doc.data is None:
            return ()
        rel = self._rel(path)
        settings = self._validate(SearchSettings, doc.data, rel, doc.lines, 1)
        if settings is None:
            return ()
        groups = []
        first_group: dict[str, int] = {}
        for index, group in enumerate(settings.synonyms):
            line = doc.lines.line_of("synonyms", index)
            if len(group) < 2:
                self.problems.error(
                    rel, line, f"synonyms group {index + 1}: give two or more words or phrases"
                )
                continue
            for position, term in enumerate(group):
                key = " ".join(term.lower().split())
                if key in first_group and first_group[key] != index:
                    self.problems.error(
                        rel,
                        doc.lines.line_of("synonyms", index, position),
                        f"synonyms group {index + 1}: {quote(term)} is already in group "
                        f"{first_group[key] + 1}: merge the two groups",
                    )
                first_group.setdefault(key, index)
            groups.append(tuple(group))
        return tuple(groups)

    def _load_list(
        self, path: Path, doc: YamlDocument, meta: type, model: type, what: str, ids: str = ""
    ):
        """Items of a top-level YAML list (`what`: "indicator", "voice"...), each validated.

        With `ids` (a key of `self.rejected`) items have unique ids: an invalid item's id is
        recorded as rejected, and a repeated id is an error."""
        rel = self._rel(path)
        if not isinstance(doc.data, list):
            self.problems.error(
                rel,
                doc.lines.first_line,
                f"expected a list of {what}s (each starting '- '), got {describe(doc.data)}",
            )
            return []
        sub_maps = _sub_maps(doc.lines, len(doc.data))
        items = []
        for index, data in enumerate(doc.data):
            label = _item_label(what, index, data)
            item_meta = self._validate(
                meta, data, rel, doc.lines, doc.lines.line_of(index), (index,), label
            )
            if item_meta is not None:
                origin = Source(rel, sub_maps[index])
                items.append(model.model_construct(**dict(item_meta), origin=origin))
            elif ids and isinstance(data, dict) and isinstance(data.get("id"), str):
                self.rejected[ids].add(data["id"].strip())
        if ids:
            items = self._without_duplicate_ids(rel, items, what)
        return items

    def _without_duplicate_ids(self, rel: str, items: list, what: str) -> list:
        """The first item of each id, after an error at every later one."""
        first: dict[str, Any] = {}
        for item in items:
            if item.id in first:
                self.problems.error(
                    rel,
                    item.origin.line_of("id"),
                    f"duplicate {what} id {quote(item.id)}"
                    f" (first at line {first[item.id].origin.line_of('id')})",
                )
            else:
                first[item.id] = item
        return list(first.values())

    def _load_scorecards(self, indicator_ids: set[str]) -> Scorecards:
        by_period = {}
        for period, rel, text in self._quarterly_files("scorecard", "a scorecard"):
            by_period[period] = self._parse_scorecard(rel, text, indicator_ids)
        return Scorecards(by_period)

    def _quarterly_files(self, folder: str, what: str) -> Iterator[tuple[Period, str, str]]:
        """(period, path, text) of each `data/<folder>/<period>.csv`, read and privacy-scanned;
        any other file there gets an error. `what` names such a file: "a scorecard"."""
        base = self.root / DATA_DIR / folder
        for path in sorted(base.glob("*")) if base.is_dir() else []:
            if path.is_dir() or path.name.startswith("."):
                continue
            rel = self._rel(path)
            if rel in self.shown:
                continue  # a name holding personal data: reported, never loaded
            if path.suffix != ".csv":
                self.problems.error(
                    rel,
                    None,
                    f"{what} must be a .csv file named by its period, e.g. 2018-19-q3.csv",
                )
                continue
            try:
                period = Period.parse(path.stem)
            except ValueError:
                self.problems.error(
                    rel,
                    None,
                    f"file name must be a period id like 2018-19-q3.csv, got {quote(path.name)}",
                )
                continue
            text = self._read(path)
            if text is not None:
                yield period, rel, text

    def _csv_records(
        self, rel: str, text: str, headers: list[list[str]]
    ) -> Iterator[tuple[int, list[str], int]]:
        """(line, cells, header width) of each non-blank record after a header in `headers`;
        an empty file, another header or invalid CSV gets an error at its line."""
        reader = csv.reader(io.StringIO(text), strict=True)
        start = 1  # the line where the record being read starts
        shown = [quote(",".join(h)) for h in headers]
        try:
            header = next(reader, None)
            if header is None:
                self.problems.error(rel, 1, f"the file is empty: expected the header {shown[-1]}")
                return
            header = [h.strip() for h in header]
            if header not in headers:
                self.problems.error(
                    rel,
                    1,
                    f"the header must be {' or '.join(shown)}, got {quote(','.join(header))}",
                )
                return
            start = reader.line_num + 1
            for record in reader:
                if any(cell.strip() for cell in record):
                    yield start, record, len(header)
                start = reader.line_num + 1
        except csv.Error as exc:
            self.problems.error(rel, start, _csv_message(str(exc)))

    def _parse_scorecard(self, rel: str, text: str, known: set[str]) -> dict[str, ScorecardRow]:
        rows: dict[str, ScorecardRow] = {}
        first_seen: dict[str, int] = {}
        headers = [["indicator", "value"], ["indicator", "value", "note"]]
        for line, record, width in self._csv_records(rel, text, headers):
            row = self._scorecard_row(rel, line, record, width, known, first_seen)
            if row is not None:
                rows[row.indicator] = row
        return rows

    def _load_feedback(self, briefing_ids: set[str], agency_ids: list[str]) -> Feedback:
        """Every row of `data/feedback/<period>.csv`; ids checked against `briefing_ids`
        (rejected briefings included) and `agency_ids` (none checked when empty)."""
        rows = []
        header = [list(FEEDBACK_COLUMNS)]
        for period, rel, text in self._quarterly_files("feedback", "a feedback file"):
            reader = FeedbackReader(rel, period, briefing_ids, agency_ids, self.problems)
            for line, record, _ in self._csv_records(rel, text, header):
                row = reader.row(line, record)
                if row is not None:
                    rows.append(row)
        return Feedback(rows)

    def _too_wide(self, rel: str, line: int, record: list[str], width: int) -> bool:
        """A record with more cells than its header has columns: an error, and True."""
        if len(record) <= width:
            return False
        self.problems.error(
            rel,
            line,
            f"expected {width} columns, got {len(record)}"
            ' (put a note containing commas in "double quotes")',
        )
        return True

    def _scorecard_row(self, rel, line, record, width, known, first_seen) -> ScorecardRow | None:
        if self._too_wide(rel, line, record, width):
            return None
        indicator = record[0].strip()
        raw_value = record[1].strip() if len(record) > 1 else ""
        note = record[2].strip() if len(record) > 2 else ""
        if not indicator:
            self.problems.error(rel, line, "the row has no indicator id in its first column")
            return None
        if indicator not in known and ANY_ID not in known:
            self.problems.error(
                rel,
                line,
                f"unknown indicator {quote(indicator)}"
                f"{did_you_mean(indicator, sorted(known), 'data/indicators.yaml')}",
            )
            return None
        if indicator in first_seen:
            self.problems.error(
                rel,
                line,
                f"duplicate row for indicator {quote(indicator)}"
                f" (first at line {first_seen[indicator]}): give one row per indicator",
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
                    rel,
                    line,
                    f"the value for {quote(indicator)} must be a number, got {quote(raw_value)}"
                    " (write the number alone, e.g. 21.5, or leave it blank for no data)",
                )
                return None
        return ScorecardRow(indicator, value, note, rel, line)

    def _load_assurance(self, taxonomy: Taxonomy, evidence_ids: set[str]) -> Assurance:
        """data/assurance.yaml's questions (their sub-group, priority and evidence checked)
        and each quarter's judgements from data/assurance/<period>.csv."""
        path = self.root / DATA_DIR / "assurance.yaml"
        doc = self._yaml(path, required=False)
        if doc is None and path.is_file():
            self.rejected["questions"].add(ANY_ID)  # unreadable: report no question unknown
        questions: list[AssuranceQuestion] = []
        if doc is not None and doc.data is not None:
            questions = self._load_list(
                path, doc, AssuranceQuestionMeta, AssuranceQuestion, "question", "questions"
            )
            if not isinstance(doc.data, list):
                self.rejected["questions"].add(ANY_ID)
        if taxonomy.priorities:
            for question in questions:
                self._check_question_refs(question, taxonomy, evidence_ids)
        known = {q.id for q in questions} | self.rejected["questions"]
        by_period = {}
        for period, rel, text in self._quarterly_files("assurance", "a judgements file"):
            rows: dict[str, JudgementRow] = {}
            first_seen: dict[str, int] = {}
            headers = [["question", "judgement", "note"]]
            for line, record, width in self._csv_records(rel, text, headers):
                row = self._judgement_row(rel, line, record, width, known, first_seen)
                if row is not None:
                    rows[row.question] = row
            by_period[period] = rows
        return Assurance(tuple(questions), by_period)

    def _check_question_refs(
        self, question: AssuranceQuestion, taxonomy: Taxonomy, evidence_ids: set[str]
    ) -> None:
        origin = question.origin
        label = f"question {quote(question.id)}"
        subgroups = taxonomy.subgroup_ids()
        if question.subgroup not in subgroups:
            hint = (
                did_you_mean(question.subgroup, subgroups, "data/taxonomy.yaml")
                if subgroups
                else ": data/taxonomy.yaml lists no subgroups (add 'subgroups: [{id, name}]')"
            )
            self.problems.error(
                origin.path,
                origin.line_of("subgroup"),
                f"{label}: unknown sub-group {quote(question.subgroup)}{hint}",
            )
        priorities = taxonomy.priority_ids()
        if question.priority is not None and question.priority not in priorities:
            self.problems.error(
                origin.path,
                origin.line_of("priority"),
                f"{label}: unknown priority {quote(question.priority)}"
                f"{did_you_mean(question.priority, priorities, 'data/taxonomy.yaml')}",
            )
        if ANY_ID in evidence_ids:
            return
        for index, item in enumerate(question.evidence):
            if item not in evidence_ids:
                self.problems.error(
                    origin.path,
                    origin.line_of("evidence", index),
                    f"{label}: unknown evidence {quote(item)}: expected an indicator, review or"
                    f" briefing id{did_you_mean(item, sorted(evidence_ids))}",
                )

    def _judgement_row(self, rel, line, record, width, known, first_seen) -> JudgementRow | None:
        if self._too_wide(rel, line, record, width):
            return None
        question, judgement, note = (*(cell.strip() for cell in record), "", "")[:3]
        if not question:
            self.problems.error(rel, line, "the row has no question id in its first column")
            return None
        if question not in known and ANY_ID not in known:
            self.problems.error(
                rel,
                line,
                f"unknown question {quote(question)}"
                f"{did_you_mean(question, sorted(known), 'data/assurance.yaml')}",
            )
            return None
        if question in first_seen:
            self.problems.error(
                rel,
                line,
                f"duplicate row for question {quote(question)}"
                f" (first at line {first_seen[question]}): give one row per question",
            )
            return None
        first_seen[question] = line
        if judgement not in JUDGEMENTS:
            options = ", ".join(f"'{j}'" for j in JUDGEMENTS[:-1]) + f" or '{JUDGEMENTS[-1]}'"
            got = quote(judgement) if judgement else "nothing"
            self.problems.error(
                rel,
                line,
                f"the judgement for {quote(question)} must be {options}, got {got}"
                f"{did_you_mean(judgement, JUDGEMENTS) if judgement else ''}",
            )
            return None
        if question in self.rejected["questions"]:
            return None
        return JudgementRow(question, judgement, note, rel, line)

    def _rejected_docs(self) -> set[str]:
        """Briefing and review ids that exist but failed validation: not unknown evidence."""
        return self.rejected["briefings"] | self.rejected["reviews"]

    # -- content/ -------------------------------------------------------------

    def _document_paths(self, folder: str) -> list[Path]:
        prefix = f"{CONTENT_DIR}/{folder}/"
        paths = []
        for file in self.files:
            if not file.rel.startswith(prefix) or file.rel in self.shown:
                continue  # a name holding personal data: reported, never loaded
            if file.path.suffix != ".md" or len(file.parts) > 2:
                self.problems.error(
                    file.rel,
                    None,
                    f"content/{folder}/ holds only .md files, one per document, with no subfolders",
                )
            elif file.path.stem == "index":
                self.problems.error(
                    file.rel,
                    None,
                    f"the hub writes the list page content/{folder}/index.md itself:"
                    " give the document another name",
                )
            else:
                paths.append(file.path)
        return paths

    def _load_documents(self, folder: str, meta_model: type, model: type) -> list:
        documents = []
        for path in self._document_paths(folder):
            loaded = self._load_front_matter(path, meta_model)
            if loaded is None:
                self.rejected[folder].add(path.stem)
                continue
            meta, origin, body, body_line = loaded
            document = model.model_construct(
                **dict(meta), id=path.stem, origin=origin, body=body, body_line=body_line
            )
            if isinstance(meta, dict):  # salvaged: checked, never published
                self.rejected[folder].add(path.stem)
                self.salvaged.append(document)
            else:
                documents.append(document)
        return documents

    def _load_front_matter(self, path: Path, meta_model: type):
        rel = self._rel(path)
        text = self._read(path)
        if text is None:
            return None
        if not SLUG_RE.match(path.stem):
            self.problems.error(
                rel,
                None,
                "file name must be lowercase letters, digits and hyphens"
                f" (e.g. {quote(slugify(path.stem) + '.md')}): it is the page's address",
            )
            return None
        try:
            doc = split_front_matter(text)
        except SourceError as exc:
            self.problems.error(rel, exc.line, exc.message)
            return None
        if doc.front_matter is None:
            self.problems.error(
                rel,
                1,
                "missing front matter: start the file with a line '---', then the fields,"
                " then '---'",
            )
            return None
        fm = doc.front_matter
        self._report_duplicate_keys(rel, fm)
        if fm.data is None:
            fm.data = {}
        meta = self._validate(meta_model, fm.data, rel, fm.lines, 1)
        if meta is None:
            if meta_model is ReportMeta or not isinstance(fm.data, dict):
                return None
            meta = salvage(meta_model, fm.data)  # its errors are reported; check the rest
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
                    **dict(meta),
                    id=path.stem,
                    origin=origin,
                    body=body,
                    body_line=body_line,
                    introduction=introduction,
                    sections=sections,
                )
            )
        return reports

    def _narrative_sections(self, rel: str, body: str, body_line: int):
        introduction, parts = split_at_level(body, 2)
        sections: dict[str, str] = {}
        seen_at: dict[str, int] = {}
        for heading, text in parts:
            line = body_line + heading.index
            key = NARRATIVE_SECTIONS.get(heading.text)
            if key is None:
                allowed = ", ".join(f"'{h}'" for h in NARRATIVE_SECTIONS)
                self.problems.error(
                    rel,
                    line,
                    f"unknown section {quote('## ' + heading.text)}"
                    f"{did_you_mean(heading.text, list(NARRATIVE_SECTIONS))};"
                    f" the sections are {allowed}",
                )
            elif key in sections:
                first = seen_at[key]
                self.problems.error(
                    rel,
                    line,
                    f"section '## {heading.text}' appears twice (first at line {first}):"
                    " merge them into one",
                )
            else:
                sections[key] = text
                seen_at[key] = line
        return introduction, sections

    def _load_free_pages(self) -> list[FreePage]:
        pages = []
        addresses: dict[str, str] = {}
        if not (self.root / CONTENT_DIR).is_dir():
            self.problems.error(CONTENT_DIR, None, "folder not found")
            return pages
        for file in self.files:
            top, *parts = file.rel.split("/")
            if top != CONTENT_DIR or len(parts) > 1 and parts[0] in DOCUMENT_FOLDERS:
                continue
            if file.rel in self.shown:
                continue
            if file.path.suffix.lower() in MARKDOWN_SUFFIXES and file.path.suffix != ".md":
                # An engine would show it as a page the hub never saw (links to left-out items
                # kept); another would skip it.
                self.problems.error(
                    file.rel, None, f"a page must end in .md: rename it to {file.path.stem}.md"
                )
                continue
            if file.path.suffix != ".md":
                continue
            if not self._has_own_address(file.rel, "/".join(parts), addresses):
                continue
            text = self._read(file.path)
            if text is not None:
                pages.append(FreePage(file.rel, "/".join(parts), text))
        return pages

    def _has_own_address(self, rel: str, docs: str, addresses: dict[str, str]) -> bool:
        """Whether free page `rel` (docs path `docs`) is published at an address of its own,
        not at an earlier free page's (`addresses`: output path to source). Engines publish
        a README.md as its folder's page, as index.md."""
        if docs.rpartition("/")[2] == "README.md":
            folder = rel.rpartition("/")[0]
            self.problems.error(
                rel,
                None,
                "an engine publishes README.md as its folder's page, in place of index.md:"
                f" name it {folder}/index.md if it is that page, else give it another name",
            )
            return False
        first = addresses.setdefault(routes.output(docs), rel)
        if first == rel:  # (one where the hub writes a page: `checks`, with the taxonomy)
            return True
        self.problems.error(
            rel,
            None,
            f"{first} is published at the same address (/{routes.url(docs)}):"
            " give it another name",
        )
        return False

    def _assets(self) -> list[str]:
        """Files under content/ that engines copy as they are (images, downloads): not pages,
        not in a document folder."""
        return [
            file.rel
            for file in self.files
            if file.rel.startswith(f"{CONTENT_DIR}/")
            and not (len(file.parts) > 1 and file.parts[0] in DOCUMENT_FOLDERS)
            and file.path.suffix.lower() not in MARKDOWN_SUFFIXES
        ]


def load_project(root: Path) -> tuple[Project, Problems]:
    """Load and validate every file under `root`; never raises for bad input."""
    return Loader(root).load()


def _sub_maps(lines: LineMap, count: int) -> list[LineMap]:
    """The lines of each item of a top-level list, re-rooted at the item."""
    subs: list[dict] = [{} for _ in range(count)]
    for loc, line in lines.lines.items():
        if loc and isinstance(loc[0], int) and 0 <= loc[0] < count:
            subs[loc[0]][loc[1:]] = line
    return [LineMap(sub.get((), lines.first_line), sub) for sub in subs]


def _item_label(what: str, index: int, data: Any) -> str:
    """How a list item is named in messages: "indicator 'cin_rate'", else "voice 3"."""
    item_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(item_id, str) and item_id.strip():
        return f"{what} {quote(item_id.strip())}"
    return f"{what} {index + 1}"


def _not_a_mapping(where: str, data: Any) -> str:
    if data is None or data == "":
        return f"{where} is empty: expected 'key: value' fields"
    return f"{where} must be 'key: value' fields, got {describe(data)}"


def _allow_list(data: Any) -> list[str]:
    """taxonomy.yaml's `privacy_allow` strings, read before the file is validated."""
    allow = data.get("privacy_allow") if isinstance(data, dict) else None
    return [item for item in allow if isinstance(item, str)] if isinstance(allow, list) else []


def _csv_message(error: str) -> str:
    if "unexpected end of data" in error:
        return 'invalid CSV: a quote (") is not closed, so the rest of the file is one cell'
    if "expected after" in error:
        return (
            'invalid CSV: text after a closing quote; put the whole cell in "double quotes"'
            ' and write a quote inside it as ""'
        )
    return f"invalid CSV: {error}"


_TAXONOMY_KEYS = "'priorities', 'agencies' and 'audiences'"


# A project with this much text (in characters) is scanned by `SCAN_WORKERS` processes at most.
SCAN_PARALLEL_FROM = 2_000_000
SCAN_WORKERS = 4
_SCANNING: tuple[PrivacyGate, list[tuple[str, str, str]]] | None = None


def _scan_share(indexes: range) -> list[tuple[int, list[Problem]]]:
    """In a forked worker: the problems of the texts at `indexes`, by index."""
    assert _SCANNING is not None
    gate, texts = _SCANNING
    found = []
    for index in indexes:
        problems = Problems()
        _scan_file(gate, *texts[index], problems)
        found.append((index, list(problems)))
    return found


def _scan_file(gate: PrivacyGate, rel: str, suffix: str, text: str, problems: Problems) -> None:
    """Scan a file's text, and the YAML strings and CSV cells that read other than as
    written (escaped, folded, run on over lines), each at the line where it starts."""
    suffix = suffix.lower()
    findings = gate.scan(text, wraps=suffix not in RECORD_SUFFIXES)
    for finding in findings:
        problems.error(rel, finding.line, finding.message())
    values = []
    if suffix in YAML_SUFFIXES:
        values = yaml_texts(text)
    elif suffix in RECORD_SUFFIXES:
        values = csv_texts(text)
    elif suffix in MARKDOWN_SUFFIXES:
        front_matter = front_matter_text(text)
        values = yaml_texts(*front_matter) if front_matter else []
        _check_nesting(rel, text, problems)
    if not values:
        return
    seen = {(f.kind, f.masked): [] for f in findings}
    for finding in findings:
        seen[(finding.kind, finding.masked)].append(finding.line)
    for first, last, value in values:
        # A value is shown as text: every run of white space, line breaks too, is a space.
        for finding in gate.scan(" ".join(value.split())):
            lines = seen.get((finding.kind, finding.masked), [])
            if not any(first <= line <= last for line in lines):  # found in the text
                problems.error(rel, first, finding.message())


def _check_nesting(rel: str, text: str, problems: Problems) -> None:
    """A list nested hundreds deep would crash the site engine: report it instead."""
    if " " * MAX_LIST_INDENT not in text.replace("\t", "    "):
        return
    for number, line in enumerate(text.split("\n"), 1):
        line = line.replace("\t", "    ")
        indent = len(line) - len(line.lstrip(" "))
        if indent > MAX_LIST_INDENT and line.strip():
            problems.error(
                rel,
                number,
                f"a line indented {indent} spaces (a list nested more than"
                f" {MAX_LIST_INDENT // 4} levels deep): the site cannot show it; flatten it",
            )
            return
