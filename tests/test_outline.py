"""The heading outline: one search over the body, the same headings as reading it line by line."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.outline import Heading, headings, split_at_level

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


def _line_by_line(body: str) -> list[Heading]:
    """The reading the outline stands for: each line on its own, fences toggling."""
    found, fence = [], None
    for index, line in enumerate(body.split("\n")):
        marker = _FENCE.match(line)
        if marker:
            token = marker.group(1)[0] * 3
            fence = token if fence is None else (None if token == fence else fence)
            continue
        match = _HEADING.match(line) if fence is None else None
        if match:
            found.append(Heading(index, len(match.group(1)), match.group(2).strip()))
    return found


def test_headings_outside_fences_with_their_line_and_level() -> None:
    body = (
        "Intro\n## One ##\n```\n## not a heading\n~~~\n```\n"
        "  ~~~ python\n# in code\n~~~\n###\tThree\n#nospace"
    )
    assert headings(body) == [Heading(1, 2, "One"), Heading(9, 3, "Three")]


def test_a_line_break_other_than_newline_stays_inside_the_line() -> None:
    # "\r", NEL and U+2028 are characters of a line for the outline, as for str.split("\n"):
    # a NEL before a fence is leading white space, so the last line is code.
    assert headings("x\r## Not at a line start\n## Yes\u2028still\n\x85```\n## After") == [
        Heading(1, 2, "Yes\u2028still"),
    ]


_PIECES = st.sampled_from(
    ["\n", "\r", "\x85", "\u2028", " ", "\t", "\xa0", "#", "##", "###### ", "```", "~~~", "````",
     "`", "~", "a", "Title", " #", "\n\n", "    "]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_headings_read_as_line_by_line(body: str) -> None:
    assert headings(body) == _line_by_line(body)


def test_split_at_level() -> None:
    intro, sections = split_at_level("Lead\n\n## A\ntext a\n### sub\n## B\n\ntext b\n")
    assert intro == "Lead"
    assert [(h.text, text) for h, text in sections] == [("A", "text a\n### sub"), ("B", "text b")]
