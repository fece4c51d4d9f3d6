"""Rules across the loaded models: references, structure and wording.

The loader has checked each file on its own; these checks need the whole project
(does this theme exist? does that review?). Each adds `Problem`s; none raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import routes
from .accessibility import check_statement
from .loader import ANY_ID, CONTENT_DIR
from .messages import did_you_mean, quote
from .models import Briefing, ReportNarrative, Review, Source
from .outline import headings
from .periods import Period
from .problems import Problems
from .project import Project
from .safe_markup import MARKDOWN_EXTENSIONS, check_markup, scan_html
from .scaffold import PLACEHOLDERS
from .source import SourceError, read_text, split_front_matter
from .tree import walk

SEVEN_MINUTE_SECTIONS = 7
SEVEN_MINUTE_WORDS = 1400  # seven minutes at 200 words a minute
DISCOURAGED_TERMS = ("poor performance", "areas for improvement")
TAXONOMY_FILE = "data/taxonomy.yaml"
INDICATORS_FILE = "data/indicators.yaml"
# Where the ids of each kind are defined: an unknown id with nothing close lists them.
_DEFINED_IN = {
    "theme": TAXONOMY_FILE,
    "priority": TAXONOMY_FILE,
    "audience": TAXONOMY_FILE,
    "agency": TAXONOMY_FILE,
    "indicator": INDICATORS_FILE,
}


def check_project(
    project: Project, problems: Problems, extensions: Sequence[str] = MARKDOWN_EXTENSIONS
) -> None:
    """Add every cross-file problem of `project` to `problems`; bodies are read as Markdown
    `extensions` (mkdocs.yml's) render them."""
    taxonomy_loaded = bool(project.taxonomy.priorities)
    check_statement(project, problems)
    _check_free_page_addresses(project, problems)
    for briefing in project.briefings:
        if taxonomy_loaded:
            _check_briefing_ids(project, briefing, problems)
        _check_briefing_refs(project, briefing, problems)
        _check_seven_minute(briefing, problems)
    for review in project.reviews:
        if taxonomy_loaded:
            _check_review_ids(project, review, problems)
        _check_review(project, review, problems)
    for report in project.reports:
        _check_report(project, report, problems)
    for document in (*project.briefings, *project.reviews, *project.reports):
        _check_placeholders(document, problems)
    _check_salvaged(project, problems)
    for indicator in project.indicators:
        if taxonomy_loaded:
            _check_known(
                problems,
                indicator.origin,
                ("priority",),
                [indicator.priority],
                project.taxonomy.priority_ids(),
                "priority",
            )
    _check_markup(project, problems, extensions)
    _check_static_markup(project.root, problems)
    for voice in project.voices:
        _check_period(problems, voice.origin, voice.period)
        if taxonomy_loaded:
            _check_known(
                problems,
                voice.origin,
                ("themes",),
                voice.themes,
                project.taxonomy.priority_ids(),
                "theme",
            )


def _check_free_page_addresses(project: Project, problems: Problems) -> None:
    """A free page where the hub writes a page would replace it or be dropped: only
    content/index.md, the home page's introduction, is at such an address."""
    taxonomy = project.taxonomy
    written = [
        *routes.LIST_PAGES,
        *(routes.theme(priority.id) for priority in taxonomy.priorities),
        *(routes.agency(agency.id) for agency in taxonomy.agencies),
        *(routes.subgroup(subgroup.id) for subgroup in taxonomy.subgroups),
    ]
    outputs = set(map(routes.output, written))
    for page in project.pages:
        if page.src_uri != routes.HOME and routes.output(page.src_uri) in outputs:
            problems.error(
                page.path,
                None,
                f"the hub writes the page at its address (/{routes.url(page.src_uri)}):"
                " give it another name",
            )


def _check_known(
    problems: Problems,
    origin: Source,
    loc: tuple,
    values: Iterable[str],
    known: list[str],
    what: str,
    rejected: frozenset[str] = frozenset(),
) -> None:
    """An error for each value of the field at `loc` (a list, or one id) that is not a known
    id; ids in `rejected` exist but failed validation, and already have their error."""
    known_set = set(known)
    if ANY_ID in rejected:
        return
    for index, value in enumerate(values):
        if value in known_set or value in rejected:
            continue
        # `themes: neglect` is a one-item list: then the value's line is the field's line.
        line = origin.line_of(*loc, index)
        hint = did_you_mean(value, known, _DEFINED_IN.get(what, ""))
        problems.error(origin.path, line, f"unknown {what} {quote(value)}{hint}")


def _exists(item_id: str, known: set[str] | frozenset[str]) -> bool:
    return item_id in known or ANY_ID in known


def _check_briefing_ids(project: Project, briefing: Briefing, problems: Problems) -> None:
    taxonomy = project.taxonomy
    origin = briefing.origin
    _check_known(problems, origin, ("themes",), briefing.themes, taxonomy.priority_ids(), "theme")
    _check_known(
        problems, origin, ("audience",), briefing.audience, taxonomy.audience_ids(), "audience"
    )
    _check_known(
        problems, origin, ("agencies",), briefing.agencies, taxonomy.agency_ids(), "agency"
    )


def _check_briefing_refs(project: Project, briefing: Briefing, problems: Problems) -> None:
    _check_known(
        problems,
        briefing.origin,
        ("reviews",),
        briefing.reviews,
        sorted(project.reviews.ids()),
        "review",
        project.rejected_ids.get("reviews", frozenset()),
    )


def _check_seven_minute(briefing: Briefing, problems: Problems) -> None:
    if briefing.format != "seven-minute":
        return
    sections = [h for h in headings(briefing.body) if h.level == 2]
    if len(sections) != SEVEN_MINUTE_SECTIONS:
        problems.error(
            briefing.origin.path,
            _sections_line(briefing, sections),
            f"a seven-minute briefing has exactly {SEVEN_MINUTE_SECTIONS} '##' sections,"
            f" this one has {len(sections)} (or set 'format: standard')",
        )
    if briefing.words > SEVEN_MINUTE_WORDS:
        problems.warning(
            briefing.origin.path,
            briefing.body_line,
            f"a seven-minute briefing reads in seven minutes, at most {SEVEN_MINUTE_WORDS:,}"
            f" words; this one has {briefing.words:,} (shorten it, or set 'format: standard')",
        )


def _sections_line(briefing: Briefing, sections: list) -> int:
    """Where a wrong section count shows: the eighth section, else `format:`, else the first
    section (or the body's first line)."""
    if len(sections) > SEVEN_MINUTE_SECTIONS:
        return briefing.body_line + sections[SEVEN_MINUTE_SECTIONS].index
    if ("format",) in briefing.origin.lines.lines:
        return briefing.origin.line_of("format")
    return briefing.body_line + (sections[0].index if sections else 0)


def _check_review_ids(project: Project, review: Review, problems: Problems) -> None:
    taxonomy = project.taxonomy
    origin = review.origin
    _check_known(problems, origin, ("themes",), review.themes, taxonomy.priority_ids(), "theme")
    _check_known(problems, origin, ("agencies",), review.agencies, taxonomy.agency_ids(), "agency")
    for index, action in enumerate(review.actions):
        if action.owner not in taxonomy.agency_ids():
            problems.error(
                origin.path,
                origin.line_of("actions", index, "owner"),
                f"action {quote(action.id)}: unknown owner agency {quote(action.owner)}"
                f"{did_you_mean(action.owner, taxonomy.agency_ids(), TAXONOMY_FILE)}",
            )


def _check_review(project: Project, review: Review, problems: Problems) -> None:
    origin = review.origin
    indicator_ids = sorted(project.indicators.ids())
    known_measures = set(indicator_ids) | project.rejected_ids.get("indicators", frozenset())
    first_line: dict[str, int] = {}
    for index, action in enumerate(review.actions):
        line = origin.line_of("actions", index, "id")
        if action.id in first_line:
            problems.error(
                origin.path,
                line,
                f"duplicate action id {quote(action.id)} in this review"
                f" (first at line {first_line[action.id]}): give each action its own id",
            )
        first_line.setdefault(action.id, line)
        if action.measure is not None and not _exists(action.measure, known_measures):
            problems.error(
                origin.path,
                origin.line_of("actions", index, "measure"),
                f"action {quote(action.id)}: unknown indicator {quote(action.measure)}"
                f"{did_you_mean(action.measure, indicator_ids, INDICATORS_FILE)}",
            )
    for key in ("completed", "published"):
        value = getattr(review, key)
        if value is not None and value < review.notified:
            problems.error(
                origin.path,
                origin.line_of(key),
                f"'{key}' ({value}) is before 'notified' ({review.notified})",
            )


def _check_salvaged(project: Project, problems: Problems) -> None:
    """The checks a document with a failed field still gets: its ids, its references, its
    sections. Fields that failed are empty here, so they add nothing twice."""
    if not project.taxonomy.priorities:
        return
    for document in project.salvaged:
        if isinstance(document, Briefing):
            _check_briefing_ids(project, document, problems)
            _check_briefing_refs(project, document, problems)
            _check_seven_minute(document, problems)
        else:
            _check_review_ids(project, document, problems)


def _check_placeholders(
    document: Briefing | Review | ReportNarrative, problems: Problems
) -> None:
    """A published item still holding text a scaffold left for its author is a warning."""
    if document.status != "published":
        return
    origin = document.origin
    summary = getattr(document, "summary", "")
    for placeholder in PLACEHOLDERS:
        if placeholder in summary:
            problems.warning(origin.path, origin.line_of("summary"), _placeholder(placeholder))
    for index, line in enumerate(document.body.split("\n")):
        for placeholder in PLACEHOLDERS:
            if placeholder in line:
                problems.warning(origin.path, document.body_line + index, _placeholder(placeholder))


def _placeholder(text: str) -> str:
    return f"the scaffold's placeholder {quote(text)} is still here: replace it before publishing"


def _check_period(
    problems: Problems, origin: Source, text: str, key: str = "period"
) -> Period | None:
    try:
        return Period.parse(text)
    except ValueError as exc:
        problems.error(origin.path, origin.line_of(key), f"'{key}': {_period_error(text, exc)}")
        return None


def _check_report(project: Project, report: ReportNarrative, problems: Problems) -> None:
    origin = report.origin
    if _check_period(problems, origin, report.period) and report.period != report.id:
        problems.error(
            origin.path,
            origin.line_of("period"),
            f"'period' is {quote(report.period)} but the file is named {quote(report.id + '.md')};"
            " they must match",
        )
    priorities = project.taxonomy.priority_ids()
    if report.focus is not None and priorities and report.focus not in priorities:
        problems.error(
            origin.path,
            origin.line_of("focus"),
            f"unknown priority {quote(report.focus)}"
            f"{did_you_mean(report.focus, priorities, TAXONOMY_FILE)}",
        )
    for index, line in enumerate(report.body.split("\n")):
        for term in DISCOURAGED_TERMS:
            if re.search(rf"\b{term}\b", line, re.IGNORECASE):
                problems.warning(
                    origin.path,
                    report.body_line + index,
                    f"reports say 'areas for further exploration', not '{term}'",
                )


def _period_error(text: str, exc: ValueError) -> str:
    """`Period.parse`'s message, unless it would repeat text that looks personal."""
    return (
        str(exc)
        if quote(text).startswith("'")
        else f"expected a period like 2018-19-q3, got {quote(text)}"
    )


def _check_markup(project: Project, problems: Problems, extensions: Sequence[str]) -> None:
    """Safe markup in every author body, drafts included: each will be published one day."""
    for document in (*project.briefings, *project.reviews, *project.reports):
        check_markup(
            document.origin.path, document.body, document.body_line, problems, extensions
        )
    for page in project.pages:
        try:
            body, body_line = _page_body(page.text)
        except SourceError:  # MkDocs reads such front matter as text: so do we
            body, body_line = page.text, 1
        check_markup(page.path, body, body_line, problems, extensions)


def _page_body(text: str) -> tuple[str, int]:
    document = split_front_matter(text)
    return document.body, document.body_line


# Files MkDocs copies as they are, which a browser opening their URL runs as a document.
STATIC_MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".svg", ".xml")


def _check_static_markup(root: Path, problems: Problems) -> None:
    """Safe markup in the HTML, SVG and XML files under content/, published as they are."""
    for file in walk(root, CONTENT_DIR).files:  # the walk's own problems the loader reports
        suffix = file.path.suffix.lower()
        if suffix not in STATIC_MARKUP_SUFFIXES:
            continue
        try:
            text = read_text(file.path)
        except (SourceError, OSError):  # the loader reports files it cannot read
            continue
        for finding in scan_html(text):
            # An SVG's own <style> restyles only the drawing.
            if finding.key != ("tag", "style") or suffix != ".svg":
                problems.error(file.rel, finding.line, finding.message)
