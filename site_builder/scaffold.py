"""`hub new`: starting files for authors, each a draft that passes `hub check` as it is."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from .models.review import REVIEW_TYPE_NAMES
from .periods import Period
from .project import Project

# Text a scaffold leaves for the author to replace; `hub check` warns while a published
# item still holds any of it.
SECTION_PLACEHOLDER = "Write this section."
SUMMARY_PLACEHOLDER = "One or two sentences: what a practitioner will learn."
REVIEW_PLACEHOLDER = "A short, pseudonymised summary of the case and the review's findings."
PLACEHOLDERS = (SECTION_PLACEHOLDER, SUMMARY_PLACEHOLDER, REVIEW_PLACEHOLDER)


class ScaffoldError(Exception):
    """A scaffold that cannot be written (bad period, file exists, ...)."""


def slugify(title: str) -> str:
    """`Child K: neglect` → `child-k-neglect`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "untitled"


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _choices(field: str, ids: list[str], how_many: str) -> str:
    """A YAML comment line naming the valid ids of `field` (from data/taxonomy.yaml)."""
    if not ids:
        return ""
    return f"# {field}: {how_many} {', '.join(ids)} (data/taxonomy.yaml)\n"


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
    body = "\n\n".join(f"## {s}\n\n{SECTION_PLACEHOLDER}" for s in sections)
    taxonomy = project.taxonomy
    text = (
        "---\n"
        f"title: {_yaml_text(title)}\n"
        f"date: {today.isoformat()}\n"
        f"summary: {_yaml_text(SUMMARY_PLACEHOLDER)}\n"
        f"{_choices('themes', [p.id for p in taxonomy.priorities], 'one or more of')}"
        f"themes: [{theme}]\n"
        f"{_choices('audience', [a.id for a in taxonomy.audiences], 'empty for all, or any of')}"
        "audience: []\n"
        f"{_choices('agencies', [a.id for a in taxonomy.agencies], 'any of')}"
        "agencies: []\n"
        "# reviews: ids of the reviews this learning comes from (file names in content/reviews/)\n"
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
        f"{_choices('themes', [p.id for p in project.taxonomy.priorities], 'one or more of')}"
        f"themes: [{theme}]\n"
        f"{_choices('agencies', [a.id for a in project.taxonomy.agencies], 'any of')}"
        "agencies: []\n"
        f"notified: {today.isoformat()}\n"
        "learning: []\n"
        "actions: []\n"
        f"{_ACTION_HELP}"
        "status: draft\n"
        "---\n\n"
        f"## Summary\n\n{REVIEW_PLACEHOLDER}\n"
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
