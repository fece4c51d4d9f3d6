"""The heading outline of a Markdown body, ignoring fenced code."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A fence marker or an ATX heading after a line break ("\n" ends a line, as for
# `str.split("\n")`; other breaks are in-line characters). Searching for the break, a literal,
# tries only the line starts: a few per body instead of a match per line or per character.
_OUTLINE_RE = re.compile(
    r"\n(?:[^\S\n]{0,3}(?P<fence>`{3,}|~{3,})"
    r"|(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*(?=\n|\Z))"
)


@dataclass(frozen=True)
class Heading:
    index: int  # 0-based line index within the body
    level: int
    text: str


def headings(body: str) -> list[Heading]:
    """ATX headings of `body`, outside fenced code blocks."""
    found: list[Heading] = []
    fence: str | None = None
    text = "\n" + body  # the first line starts after a break too
    index = 0
    counted_to = 0
    for match in _OUTLINE_RE.finditer(text):
        index += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        marker = match.group("fence")
        if marker:
            token = marker[0] * 3
            if fence is None:
                fence = token
            elif token == fence:
                fence = None
        elif fence is None:
            found.append(Heading(index, len(match.group("hashes")), match.group("text").strip()))
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
