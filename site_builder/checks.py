"""Rules across the loaded models: references, structure and wording.

The loader has checked each file on its own; these checks need the whole project
(does this theme exist? does that review?). Each adds `Problem`s; none raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .messages import did_you_mean
from .models import Briefing, ReportNarrative, Review, Source
from .outline import headings
from .periods import Period
from .problems import Problems
from .project import Project

SEVEN_MINUTE_SECTIONS = 7
SEVEN_MINUTE_WORDS = 1400  # seven minutes at 200 words a minute
DISCOURAGED_TERMS = ("poor performance", "areas for improvement")


def check_project(project: Project, problems: Problems) -> None:
    """Add every cross-file problem of `project` to `problems`."""
    taxonomy_loaded = bool(project.taxonomy.priorities)
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
    for indicator in project.indicators:
        if taxonomy_loaded:
            _check_known(
                problems, indicator.origin, ("priority",), [indicator.priority],
                project.taxonomy.priority_ids(), "priority",
            )
    for voice in project.voices:
        _check_period(problems, voice.origin, voice.period)
        if taxonomy_loaded:
            _check_known(
                problems, voice.origin, ("themes",), voice.themes,
                project.taxonomy.priority_ids(), "theme",
            )


def _check_known(
    problems: Problems, origin: Source, loc: tuple, values: Iterable[str],
    known: list[str], what: str,
) -> None:
    """An error for each value of the list field at `loc` that is not a known id."""
    values = list(values)
    for index, value in enumerate(values):
        if value not in known:
            line = origin.line_of(*loc, index) if len(loc) == 1 and _is_list(origin, loc) else origin.line_of(*loc)
            problems.error(origin.path, line, f"unknown {what} '{value}'{did_you_mean(value, known)}")


def _is_list(origin: Source, loc: tuple) -> bool:
    return (*loc, 0) in origin.lines.lines


def _check_briefing_ids(project: Project, briefing: Briefing, problems: Problems) -> None:
    taxonomy = project.taxonomy
    origin = briefing.origin
    _check_known(problems, origin, ("themes",), briefing.themes, taxonomy.priority_ids(), "theme")
    _check_known(problems, origin, ("audience",), briefing.audience, taxonomy.audience_ids(), "audience")
    _check_known(problems, origin, ("agencies",), briefing.agencies, taxonomy.agency_ids(), "agency")


def _check_briefing_refs(project: Project, briefing: Briefing, problems: Problems) -> None:
    _check_known(
        problems, briefing.origin, ("reviews",), briefing.reviews,
        sorted(project.reviews.ids()), "review",
    )


def _check_seven_minute(briefing: Briefing, problems: Problems) -> None:
    if briefing.format != "seven-minute":
        return
    sections = [h for h in headings(briefing.body) if h.level == 2]
    if len(sections) != SEVEN_MINUTE_SECTIONS:
        line = briefing.body_line + sections[SEVEN_MINUTE_SECTIONS].index if len(sections) > 7 else briefing.origin.line_of("format")
        problems.error(
            briefing.origin.path, line,
            f"a seven-minute briefing has exactly 7 '##' sections, this one has {len(sections)}"
            " (or set 'format: standard')",
        )
    if briefing.words > SEVEN_MINUTE_WORDS:
        problems.warning(
            briefing.origin.path, briefing.body_line,
            f"a seven-minute briefing reads in seven minutes (at most {SEVEN_MINUTE_WORDS} words);"
            f" this one has {briefing.words}",
        )


def _check_review_ids(project: Project, review: Review, problems: Problems) -> None:
    taxonomy = project.taxonomy
    origin = review.origin
    _check_known(problems, origin, ("themes",), review.themes, taxonomy.priority_ids(), "theme")
    _check_known(problems, origin, ("agencies",), review.agencies, taxonomy.agency_ids(), "agency")
    for index, action in enumerate(review.actions):
        if action.owner not in taxonomy.agency_ids():
            problems.error(
                origin.path, origin.line_of("actions", index, "owner"),
                f"action '{action.id}': unknown owner agency '{action.owner}'"
                f"{did_you_mean(action.owner, taxonomy.agency_ids())}",
            )


def _check_review(project: Project, review: Review, problems: Problems) -> None:
    origin = review.origin
    indicator_ids = sorted(project.indicators.ids())
    seen: set[str] = set()
    for index, action in enumerate(review.actions):
        if action.id in seen:
            problems.error(
                origin.path, origin.line_of("actions", index, "id"),
                f"duplicate action id '{action.id}' in this review",
            )
        seen.add(action.id)
        if action.measure is not None and action.measure not in indicator_ids:
            problems.error(
                origin.path, origin.line_of("actions", index, "measure"),
                f"action '{action.id}': unknown indicator '{action.measure}'"
                f"{did_you_mean(action.measure, indicator_ids)}",
            )
    for key in ("completed", "published"):
        value = getattr(review, key)
        if value is not None and value < review.notified:
            problems.error(
                origin.path, origin.line_of(key),
                f"'{key}' ({value}) is before 'notified' ({review.notified})",
            )


def _check_period(problems: Problems, origin: Source, text: str, key: str = "period") -> Period | None:
    try:
        return Period.parse(text)
    except ValueError as exc:
        problems.error(origin.path, origin.line_of(key), f"'{key}': {exc}")
        return None


def _check_report(project: Project, report: ReportNarrative, problems: Problems) -> None:
    origin = report.origin
    if _check_period(problems, origin, report.period) and report.period != report.id:
        problems.error(
            origin.path, origin.line_of("period"),
            f"'period' is '{report.period}' but the file is named '{report.id}.md'; they must match",
        )
    priorities = project.taxonomy.priority_ids()
    if report.focus is not None and priorities and report.focus not in priorities:
        problems.error(
            origin.path, origin.line_of("focus"),
            f"unknown priority '{report.focus}'{did_you_mean(report.focus, priorities)}",
        )
    for index, line in enumerate(report.body.split("\n")):
        for term in DISCOURAGED_TERMS:
            if re.search(rf"\b{term}\b", line, re.IGNORECASE):
                problems.warning(
                    origin.path, report.body_line + index,
                    f"reports say 'areas for further exploration', not '{term}'",
                )
