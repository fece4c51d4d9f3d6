"""`hub new`: starting files for authors, each a draft that passes `hub check` as it is."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from .models.review import REVIEW_TYPE_NAMES
from .periods import Period
from .project import Project


class ScaffoldError(Exception):
    """A scaffold that cannot be written (bad period, file exists, ...)."""


def slugify(title: str) -> str:
    """`Child K: neglect` → `child-k-neglect`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "untitled"


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check_title(title: str) -> None:
    if not title.strip():
        raise ScaffoldError("the title is empty: give one in quotes, e.g. \"Child K: neglect\"")
    if any(ord(char) < 32 and char != "\t" for char in title):
        raise ScaffoldError("the title must be one line of text")


def new_briefing(project: Project, title: str, today: date) -> tuple[Path, str]:
    """A seven-minute briefing draft (path, text), its seven sections ready to write."""
    _check_title(title)
    theme = project.taxonomy.priorities[0].id if project.taxonomy.priorities else "neglect"
    sections = [
        "1. Background",
        "2. Why it matters",
        "3. Information",
        "4. What it means for practice",
        "5. Questions to ask yourself",
        "6. What you should do",
        "7. Further reading",
    ]
    body = "\n\n".join(f"## {s}\n\nWrite this section." for s in sections)
    text = (
        "---\n"
        f"title: {_yaml_text(title)}\n"
        f"date: {today.isoformat()}\n"
        'summary: "One or two sentences: what a practitioner will learn."\n'
        f"themes: [{theme}]\n"
        "audience: []\n"
        "agencies: []\n"
        "reviews: []\n"
        "format: seven-minute\n"
        "status: draft\n"
        "---\n\n"
        f"{body}\n"
    )
    return project.root / "content" / "briefings" / f"{slugify(title)}.md", text


def new_review(project: Project, title: str, review_type: str, today: date) -> tuple[Path, str]:
    """A case-review summary draft (path, text), notified today, with no actions yet."""
    _check_title(title)
    if review_type not in REVIEW_TYPE_NAMES:
        choices = ", ".join(REVIEW_TYPE_NAMES)
        raise ScaffoldError(f"unknown review type '{review_type}'; choose one of {choices}")
    theme = project.taxonomy.priorities[0].id if project.taxonomy.priorities else "neglect"
    text = (
        "---\n"
        f"title: {_yaml_text(title)}\n"
        f"type: {review_type}\n"
        f"themes: [{theme}]\n"
        "agencies: []\n"
        f"notified: {today.isoformat()}\n"
        "learning: []\n"
        "actions: []\n"
        f"{_ACTION_HELP}"
        "status: draft\n"
        "---\n\n"
        "## Summary\n\nA short, pseudonymised summary of the case and the review's findings.\n"
    )
    prefix = {"rapid-review": "rr", "lcspr": "lcspr", "multi-agency-audit": "maa"}.get(
        review_type, review_type
    )
    name = f"{prefix}-{today:%Y-%m}-{slugify(title)}"
    return project.root / "content" / "reviews" / f"{name}.md", text


# The fields of an action, as comments under `actions: []` in a new review.
_ACTION_HELP = (
    "# Each agreed action (replace the [] above with a list of these):\n"
    "#   - id: A1\n"
    '#     action: "What will be done."\n'
    "#     owner: police                # an agency id\n"
    "#     due: YYYY-MM-DD\n"
    "#     status: not-started          # not-started, in-progress or complete\n"
    "#     completed: YYYY-MM-DD        # only once complete\n"
    '#     impact: "How we know it made a difference."\n'
    "#     evidence: behaviour          # with impact: reaction, learning, behaviour or results\n"
    "#     reaudit: YYYY-MM-DD          # when a re-audit checks that the change has held\n"
)


def new_report(project: Project, period_id: str, today: date) -> tuple[Path, str]:
    """A quarterly report narrative draft (path, text) with the five sections, in order."""
    try:
        period = Period.parse(period_id)
    except ValueError as exc:
        raise ScaffoldError(str(exc)) from None
    text = (
        "---\n"
        f"period: {period.id}\n"
        f"meeting_date: {today.isoformat()}\n"
        'author: "Chair, Safeguarding Effectiveness Sub-group"\n'
        "evidence: []\n"
        "status: draft\n"
        "---\n\n"
        f"This report covers {period.label}.\n\n"
        "## Doing well\n\n\n"
        "## Further exploration\n\n\n"
        "## Qualitative evidence\n\n\n"
        "## Horizon scanning\n\n\n"
        "## Recommendations\n\n"
    )
    return project.root / "content" / "reports" / f"{period.id}.md", text


def write_new(path: Path, text: str) -> None:
    """Write a scaffold, never over an existing file."""
    if path.exists():
        folder = path.parent.name
        hint = "edit it instead" if folder == "reports" else "edit it, or choose another title"
        raise ScaffoldError(f"content/{folder}/{path.name} already exists: {hint}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
