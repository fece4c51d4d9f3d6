"""Small Markdown builders shared by the page generators.

Text from front matter and data files goes through `text()` (or `cell()` in tables),
so `<script>` in a title is shown as text and never becomes markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!|~])")


def text(value: object) -> str:
    """Inline text, HTML-escaped and with Markdown punctuation neutralised."""
    escaped = html.escape(str(value), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def html_text(value: object) -> str:
    """Text for raw HTML (an element or an attribute): HTML-escaped, Markdown left alone."""
    return html.escape(str(value), quote=True)


def escaped(value: object) -> object:
    """Author front matter made text: every string in it (in lists and mappings too)
    HTML-escaped, since themes insert page titles and descriptions into HTML as they are."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list | tuple):
        return [escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    return value


def cell(value: object) -> str:
    """Text for a table cell (as `text`, which also escapes `|`)."""
    return text(value) if value not in (None, "") else ""


def link(label: str, url: str) -> str:
    """A Markdown link whose label is escaped text; `url` is ours, never an author's."""
    return f"[{text(label)}]({url})"


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def long_date(day: date | None) -> str:
    """`5 March 2026`, the form GOV.UK uses."""
    return f"{day.day} {day.strftime('%B %Y')}" if day else ""


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped (use `cell`)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def front_matter(**meta: object) -> str:
    """A YAML front-matter block for a generated page (values we control, JSON-quoted)."""
    import json

    lines = ["---"]
    for key, value in meta.items():
        if value is None:
            continue
        lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"
