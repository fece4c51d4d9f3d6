"""Safe markup: each unsafe construct an error at its line; code, links and local files fine."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.problems import Problems
from site_builder.safe_markup import (
    _MD_LINK_RE,
    _links,
    check_markup,
    css_urls,
    is_remote,
    normalise_url,
)

PATH = "content/briefings/x.md"
FIRST = 10  # the body starts on line 10 of the file

LAYOUT = "remove it (raw HTML may only lay out text)"
SCRIPT = f"<script> is not allowed in a page: {LAYOUT}"
JS_LINK = "a 'javascript:' link is not allowed in a page: link to a page or a file instead"


def image(url: str) -> str:
    return (
        f"the image loads from another site ({url}):"
        " save the image under content/ and link to it there"
    )


def remote(url: str) -> str:
    return (
        f"the page loads a file from another site ({url}):"
        " save the file under content/ and link to it there"
    )


def event(name: str) -> str:
    return f"the event attribute '{name}' is not allowed: {LAYOUT}"


def problems_of(body: str) -> list[str]:
    problems = Problems()
    check_markup(PATH, body, FIRST, problems)
    return [p.format() for p in problems.sorted()]


def at(line: int, message: str) -> str:
    return f"{PATH}:{line}: error: {message}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Intro.\n\n<script>alert(1)</script>\n", [at(12, SCRIPT)]),
        ("<SCRIPT SRC=x.js></SCRIPT>", [at(10, SCRIPT)]),
        (
            "a\n<iframe src=https://x.example/></iframe>",
            [at(11, f"<iframe> is not allowed in a page: {LAYOUT}")],
        ),
        ("<object data=x.swf></object>", [at(10, f"<object> is not allowed in a page: {LAYOUT}")]),
        ("<embed src=x.swf>", [at(10, f"<embed> is not allowed in a page: {LAYOUT}")]),
        ("<style>p{color:red}</style>", [at(10, f"<style> is not allowed in a page: {LAYOUT}")]),
        (
            "<link rel=stylesheet href=x.css>",
            [at(10, f"<link> is not allowed in a page: {LAYOUT}")],
        ),
        ("<span onmouseover=alert(1)>x</span>", [at(10, event("onmouseover"))]),
        ("<img\n  src=a.png\n  onerror=alert(1)>", [at(12, event("onerror"))]),
        ("[x](javascript:alert(1))", [at(10, JS_LINK)]),
        ("[x](JaVaScRiPt:alert(1))", [at(10, JS_LINK)]),
        ("[x](&#106;avascript:alert(1))", [at(10, JS_LINK)]),
        ('<a href="  java\tscript:alert(1)">t</a>', [at(10, JS_LINK)]),
        ('<a href="&#x6A;ava&#x09;script:x">t</a>', [at(10, JS_LINK)]),
        (
            "<a href=vbscript:msgbox(1)>t</a>",
            ["a 'vbscript:' link is not allowed in a page: link to a page or a file instead"],
        ),
        (
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            ["a 'data:text/html' link is not allowed in a page: link to a page or a file instead"],
        ),
        ("![](https://cdn.example/y.png)", [at(10, image("https://cdn.example/y.png"))]),
        ("<img src=https://tracker.example/x.png>", [at(10, image("https://tracker.example/x.png"))]),
        ("<img src=//host.example/x.png>", [at(10, image("//host.example/x.png"))]),
        ('<img srcset="a.png 1x, https://x.example/b.png 2x">', [at(10, image("https://x.example/b.png"))]),
        ("![x][r]\n\n[r]: https://cdn.example/z.png", [at(10, image("https://cdn.example/z.png"))]),
        ("![a [b] c](https://x.example/y.png)", [at(10, image("https://x.example/y.png"))]),
        ("<video src=https://x.example/v.mp4></video>", [at(10, remote("https://x.example/v.mp4"))]),
        ("<audio src=https://x.example/a.mp3></audio>", [at(10, remote("https://x.example/a.mp3"))]),
        ("<svg><image href=https://x.example/i.png /></svg>", [at(10, remote("https://x.example/i.png"))]),
        (
            '<div style="background: u\\72l( https://x.example/b.png )">t</div>',
            [at(10, remote("https://x.example/b.png"))],
        ),
        ("![a](a.png){: onerror=alert(1) }", [at(10, event("onerror"))]),
    ],
)
def test_unsafe_markup_is_an_error_at_its_line(body: str, expected: list[str]) -> None:
    found = problems_of(body)
    if expected and not expected[0].startswith(PATH):
        expected = [at(10, expected[0])]
    assert found == expected


@pytest.mark.parametrize(
    "body",
    [
        "[GOV.UK](https://www.gov.uk/) and <a href=\"https://example.org/\">a site</a>",
        "<https://www.gov.uk/guidance>",
        "![A local chart](images/chart.png) <img src=\"../images/a.png\" alt=\"a\">",
        "```html\n<script>alert(1)</script>\n```",
        "Inline `<iframe src=x>` is shown as text.",
        "Indented code:\n\n    <script>alert(1)</script>\n",
        "<div>\n```\n<img src=https://x.example/a.png>\n```\n</div>",
        "<!-- <script>alert(1)</script> -->",
        "A < B and C > D; <b>bold</b> <span class=\"x\">layout</span>",
        "![inline data](data:image/png;base64,iVBORw0KGgo=)",
        "Section 47 enquiries: see https://www.legislation.gov.uk/ukpga/1989/41/section/47",
    ],
)
def test_safe_markup_passes(body: str) -> None:
    assert problems_of(body) == []


def test_live_markup_beside_the_same_text_in_code_is_reported_at_its_own_line() -> None:
    body = "```\n<script>x</script>\n```\n\nThen live:\n\n<script>y</script>\n"
    assert problems_of(body) == [at(16, SCRIPT)]


def test_raw_html_around_indented_text_is_not_code() -> None:
    # In a list item, four spaces continue the item: the script would run.
    assert problems_of("- item\n\n    <script>alert(1)</script>\n") == [at(12, SCRIPT)]


def test_every_problem_in_one_pass() -> None:
    body = "<script>a</script>\n<b onclick=x>t</b>\n![](https://c.example/p.png)\n"
    assert problems_of(body) == [
        at(10, SCRIPT),
        at(11, event("onclick")),
        at(12, image("https://c.example/p.png")),
    ]


def test_url_reading() -> None:
    assert normalise_url(" &#106;ava\tScript:x ") == "javascript:x"
    assert is_remote("\\\\host\\x.png") and is_remote("HTTPS://x") and is_remote("//x/y")
    assert not is_remote("images/x.png") and not is_remote("data:image/png;base64,AA")
    assert css_urls("background:url('a.png'); /* url(no) */ @import 'b.css'") == ["a.png", "b.css"]


_LINK_WITH_LOOKBEHIND = re.compile(r"(?<!!)" + _MD_LINK_RE.pattern)
_LINK_PIECES = st.sampled_from(["!", "[", "]", "(", ")", "\\", "a", " ", "\n", "<", ">", "x.png"])


@settings(max_examples=800, deadline=None)
@given(st.lists(_LINK_PIECES, max_size=30).map("".join))
def test_links_are_found_as_a_lookbehind_finds_them(markdown: str) -> None:
    # An image's text can hold an escaped "[": the link inside it is still a link.
    expected = [(m.start(), m.group(1)) for m in _LINK_WITH_LOOKBEHIND.finditer(markdown)]
    assert [(m.start(), m.group(1)) for m in _links(markdown)] == expected


def test_a_link_inside_an_image_text_is_found() -> None:
    assert [m.group(1) for m in _links("![a\\[b](c) and [d](e)")] == ["c", "e"]
