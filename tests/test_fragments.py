"""Raw HTML held aside from the generated Markdown and put back in the rendered page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AS_OF, REPO, corpus_project, run_hub
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import engine
from site_builder.build import build_site
from site_builder.fragments import FragmentLost, Fragments, Html, held_by, hold, is_whole_html
from site_builder.pages.listing import join_blocks
from site_builder.pipeline import check, publish
from site_builder.publication import Edition


@pytest.mark.parametrize(
    "block",
    [
        '<div class="hub-facts" data-pagefind-ignore>\n<dl>\n<dt>Themes</dt>\n</dl>\n</div>',
        '<ul class="hub-list">\n<li><a href="x/">X</a></li>\n</ul>',
        '<p class="hub-lead">A summary.</p>',
        "<table>\n<tr><td>1</td></tr>\n</table>",
    ],
)
def test_a_whole_element_is_held(block: str) -> None:
    assert is_whole_html(block)


@pytest.mark.parametrize(
    "block",
    [
        "# A heading",
        "Some *Markdown* with <em>inline</em> HTML.",
        '<div class="x" markdown="1">\n\n## In the table of contents\n\n</div>',
        "<div markdown>\n`<script>` in code\n</div>",  # md_in_html reads these alike
        '<DIV MARKDOWN="block">\n*text*\n</DIV>',
        "<div>one</div> and text after it",
        "<div>\n\nA blank line ends raw HTML for Markdown.\n</div>",
        "<span>inline, not a block</span>",
        "<details><summary>Open</summary>text</details>\n\nafter",
        '!!! warning "Due for review"\n\n    <p>x</p>',
    ],
)
def test_markdown_or_mixed_blocks_are_left_in_place(block: str) -> None:
    assert not is_whole_html(block)


def test_a_held_block_comes_back_in_its_paragraph() -> None:
    fragments = Fragments()
    box = Html('<div class="hub-facts">\n<dl>\n<dt>For</dt>\n<dd>All</dd>\n</dl>\n</div>')
    token = fragments.hold(box)
    assert token != box and "<" not in token
    assert fragments.hold(Html("## Learning")) == "## Learning"
    page = f"<h1>T</h1>\n<p>{token}</p>\n<h2>Learning</h2>"
    assert fragments.fill(page) == f"<h1>T</h1>\n{box}\n\n<h2>Learning</h2>"
    assert fragments.unplaced() == 0


def test_tokens_side_by_side_come_back_each_in_its_place() -> None:
    fragments = Fragments()
    one, two = fragments.hold(Html("<p>one</p>")), fragments.hold(Html("<div>two</div>"))
    # in paragraphs of their own; run together in one (neither then has a paragraph's own)
    assert fragments.fill(f"<p>{one}</p><p>{two}</p>") == "<p>one</p>\n<div>two</div>\n"
    assert fragments.fill(f"<p>{one}{two}</p>") == "<p><p>one</p><div>two</div></p>"
    # a token's start without its number is a token lost, as one that names no block
    with pytest.raises(FragmentLost):
        fragments.fill(f"<p>{one}</p> HUBF{fragments.nonce} ")


def _filled_as_by_a_regex(fragments: Fragments, blocks: dict[int, str], page: str) -> str:
    """The fill, as a regex over the page did it (the reference for the faster cut)."""
    nonce = fragments.nonce
    token = re.compile(f"<p>HUBF{nonce}X([0-9]+)</p>|HUBF{nonce}X([0-9]+)")

    def block(match: re.Match[str]) -> str:
        paragraph, bare = match.groups()
        number = int(paragraph or bare)
        if number not in blocks:
            return match.group()
        return blocks[number] + "\n" if paragraph else blocks[number]

    filled = token.sub(block, page)
    if f"HUBF{nonce}" in filled:
        raise FragmentLost("lost")
    return filled


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "x", "\n", "0", "1", "7", "X", "TOKEN"])))
def test_the_blocks_come_back_as_a_regex_over_the_page_put_them(pieces: list[str]) -> None:
    fragments = Fragments()
    blocks = {n: fragments.hold(Html(f"<p>block {n}</p>")) for n in range(2)}
    token = f"HUBF{fragments.nonce}X"
    assert all(held.startswith(token) for held in blocks.values())
    page = "".join(token if piece == "TOKEN" else piece for piece in pieces)
    held = {0: "<p>block 0</p>", 1: "<p>block 1</p>"}
    try:
        expected = _filled_as_by_a_regex(fragments, held, page)
    except FragmentLost:
        with pytest.raises(FragmentLost):
            fragments.fill(page)
    else:
        assert fragments.fill(page) == expected


def test_an_authors_html_is_never_held() -> None:
    # What Markdown makes of an author's HTML is Markdown's to say (and hub check's).
    fragments = Fragments()
    author = '<div class="note">\n<p>Their own box.</p>\n</div>'
    assert fragments.hold(author) == author
    assert fragments.hold(Html(author)) != author


def test_a_token_inside_an_authors_unclosed_element_is_filled_there() -> None:
    fragments = Fragments()
    token = fragments.hold(Html("<p>x</p>"))
    page = f'<div class="note">\nOpen box\n\n{token}\n</div>'
    assert fragments.fill(page) == '<div class="note">\nOpen box\n\n<p>x</p>\n</div>'
    assert fragments.unplaced() == 0


def test_a_token_that_names_no_block_is_an_error() -> None:
    fragments = Fragments()
    fragments.hold(Html("<p>x</p>"))
    with pytest.raises(FragmentLost) as caught:
        fragments.fill(f"<p>HUBF{fragments.nonce}X7</p>", "briefings/a/index.html")
    assert str(caught.value) == "briefings/a/index.html: a token names no block of raw HTML held"


def test_a_block_never_rendered_is_counted() -> None:
    fragments = Fragments()
    fragments.hold(Html("<p>one</p>"))
    fragments.hold(Html("<p>two</p>"))
    fragments.fill(f"<p>HUBF{fragments.nonce}X1</p>")
    assert fragments.unplaced() == 1


def test_an_authors_copy_of_a_token_is_only_text() -> None:
    # The nonce is new for every generation: a token copied from a page of an earlier build
    # (or guessed) names nothing.
    earlier, now = Fragments(), Fragments()
    earlier.hold(Html("<p>old</p>"))
    now.hold(Html("<p>secret</p>"))
    page = f"<p>HUBF{earlier.nonce}X0</p>"
    assert earlier.nonce != now.nonce
    assert now.fill(page) == page


def test_join_blocks_holds_only_inside_a_generation() -> None:
    parts = ["# Title", Html('<p class="hub-lead">Lead.</p>'), "Body *text*."]
    assert join_blocks(parts) == '# Title\n\n<p class="hub-lead">Lead.</p>\n\nBody *text*.\n'
    fragments = Fragments()
    with held_by(fragments):
        held = join_blocks(parts)
        assert hold(Html("<p>x</p>")) == f"HUBF{fragments.nonce}X1"
    assert held == f"# Title\n\nHUBF{fragments.nonce}X0\n\nBody *text*.\n"
    assert hold(Html("<p>x</p>")) == "<p>x</p>"


def _pages(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*"))
        if path.suffix in {".html", ".xml", ".csv", ".txt"} and "pagefind" not in path.parts
    }


class _Canonical(HTMLParser):
    """A page as its elements, attributes (in name order) and text (whitespace runs as one
    space): Markdown puts blank lines around raw HTML, and md_in_html writes the attributes of
    an element it parsed in name order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("<", tag, sorted((k, v or "") for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("/", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def _canonical(text: str) -> list[tuple]:
    parser = _Canonical()
    parser.feed(text)
    parser.close()
    return parser.events


def test_hub_build_writes_the_pages_markdown_would_have_written(tmp_path: Path) -> None:
    root = corpus_project("rich", tmp_path / "project")
    held = tmp_path / "held"
    result = run_hub(root, "build", "--site-dir", str(held), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    checked = check(root)
    edition = Edition(as_of=date.fromisoformat(AS_OF))
    in_place = tmp_path / "in-place"
    build_site(publish(checked, edition, held=False), in_place, engine.engine("mkdocs"))
    expected, written = _pages(in_place), _pages(held)
    assert sorted(written) == sorted(expected)
    assert len([p for p in written if p.endswith(".html")]) > 20
    assert not [p for p, text in written.items() if "HUBF" in text]
    differ = [p for p in expected if _canonical(expected[p]) != _canonical(written[p])]
    assert differ == []
    # Held blocks are there: the briefing list of a theme page, the facts box of a briefing.
    assert sum('class="hub-facts"' in text for text in written.values()) >= 3


def test_mkdocs_build_with_the_hook_puts_the_blocks_back(tmp_path: Path) -> None:
    root = corpus_project("rich", tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HUB_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(
        [*command, "-d", str(site)], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    written = _pages(site)
    assert not [p for p, text in written.items() if "HUBF" in text]
    assert sum('class="hub-facts"' in text for text in written.values()) >= 3


AUTHOR_BODIES = {
    # md_in_html reads a bare `markdown` attribute: the script is code, shown as text.
    "markdown-attribute": "<div markdown>\nNote `<script>alert(1)</script>` is how.\n</div>",
    "fence-in-div": "<div>\n\n```html\n<script>alert(1)</script>\n```\n\n</div>",
    "fence-in-div-tight": "<div>\n```html\n<script>alert(1)</script>\n```\n</div>",
    "details-markdown": "<details markdown>\n<summary>More</summary>\n*emphasis*\n</details>",
    "unclosed-div": 'Some text.\n\n<div class="note">\nOpen box never closed',
}


def _briefing(slug: str, body: str) -> str:
    return (
        f"---\ntitle: Briefing {slug}\ndate: 2026-01-15\nsummary: A summary.\nformat: standard\n"
        f"themes: [neglect]\naudience: [health]\nagencies: [police]\n---\n\n{body}\n"
    )


def test_authors_html_builds_as_it_would_without_holding(make_project, tmp_path: Path) -> None:  # noqa: ANN001
    files = {f"content/briefings/{s}.md": _briefing(s, b) for s, b in AUTHOR_BODIES.items()}
    root = make_project(files)
    held = tmp_path / "held"
    result = run_hub(root, "build", "--site-dir", str(held), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    in_place = tmp_path / "in-place"
    edition = Edition(as_of=date.fromisoformat(AS_OF))
    build_site(publish(check(root), edition, held=False), in_place, engine.engine("mkdocs"))
    expected, written = _pages(in_place), _pages(held)
    for slug in AUTHOR_BODIES:
        page = f"briefings/{slug}/index.html"
        assert _canonical(written[page]) == _canonical(expected[page]), slug
        assert "<script>alert" not in written[page], slug
