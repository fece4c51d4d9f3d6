"""The heading outline of a Markdown body, ignoring fenced code."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


@dataclass(frozen=True)
class Heading:
    index: int  # 0-based line index within the body
    level: int
    text: str


def headings(body: str) -> list[Heading]:
    """ATX headings of `body`, outside fenced code blocks."""
    found: list[Heading] = []
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        marker = _FENCE_RE.match(line)
        if marker:
            token = marker.group(1)[0] * 3
            if fence is None:
                fence = token
            elif token == fence:
                fence = None
            continue
        if fence is None:
            match = _HEADING_RE.match(line)
            if match:
                found.append(Heading(index, len(match.group(1)), match.group(2).strip()))
    return found


def split_at_level(body: str, level: int = 2) -> tuple[str, list[tuple[Heading, str]]]:
    """The text before the first heading of `level`, then each such heading with its text."""
    lines = body.split("\n")
    marks = [h for h in headings(body) if h.level == level]
    if not marks:
        return body.strip(), []
    intro = "\n".join(lines[: marks[0].index]).strip()
    sections = []
    for i, heading in enumerate(marks):
        end = marks[i + 1].index if i + 1 < len(marks) else len(lines)
        sections.append((heading, "\n".join(lines[heading.index + 1 : end]).strip()))
    return intro, sections
