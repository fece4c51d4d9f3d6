"""The accessibility statement, `content/accessibility.md`, which the law requires.

UK public-sector websites must meet WCAG 2.2 AA and publish a statement (the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018). `hub check`
warns while the statement is missing or lacks one of the four things GOV.UK's model statement
holds: how accessible the site is, what is not accessible and why, how to report a problem or
ask for another format, and a link to the enforcement procedure.
"""

from __future__ import annotations

import re

from .problems import Problems
from .project import Project

STATEMENT = "content/accessibility.md"

_WCAG_22 = r"(?:WCAG|Web Content Accessibility Guidelines(?:\s+version)?)\W*2\.2\b"
# (what it must say, how a statement says it), in the order the model statement says them.
_PARTS = (
    (
        "how accessible the site is against WCAG 2.2 AA"
        " (e.g. 'This website is partially compliant with WCAG 2.2 AA')",
        re.compile(
            rf"{_WCAG_22}.{{0,120}}?\bAA\b|\bAA\b.{{0,120}}?{_WCAG_22}", re.I | re.S
        ),
    ),
    (
        "what is not accessible, and why (e.g. a section 'Non-accessible content')",
        re.compile(r"\bnot (?:fully )?accessible\b|\bnon-accessible\b|\binaccessible\b", re.I),
    ),
    (
        "how to report a problem or ask for the information in another format",
        re.compile(
            r"\b(?:another|a different|an alternative|accessible) format\b"
            r"|\breport(?:ing)? (?:an? )?(?:accessibility )?problems?\b",
            re.I,
        ),
    ),
    (
        "a link to the enforcement procedure (the Equality Advisory and Support Service,"
        " https://www.equalityadvisoryservice.com/)",
        re.compile(r"https?://(?:www\.)?(?:equalityadvisoryservice\.com|equalityni\.org)", re.I),
    ),
)


def check_statement(project: Project, problems: Problems) -> None:
    """A warning for a missing statement, or one for each thing it does not say."""
    page = next((p for p in project.pages if p.path == STATEMENT), None)
    if page is None:
        problems.warning(
            STATEMENT,
            None,
            "the accessibility statement is missing: UK public-sector sites must publish one"
            " (start from GOV.UK's sample accessibility statement)",
        )
        return
    for what, pattern in _PARTS:
        if not pattern.search(page.text):
            problems.warning(STATEMENT, None, f"the accessibility statement does not say {what}")
