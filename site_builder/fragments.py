"""Raw HTML set aside from the generated Markdown and put back in the rendered page.

A generated page's boxes, lists and tables are raw HTML that Markdown passes through as it is,
yet Python-Markdown still parses every tag of them (md_in_html's block parser, then MkDocs'
anchor finder): at 2,000 briefings, with the theme, audience and agency lists, that was 40% of
the render. An engine that hands each page over before writing it (`Engine.streams_pages`)
gets, in place of each such block, a paragraph holding a token; the page sink puts the block
back (`Fragments.fill`). Only HTML the hub built itself (`Html`: every author string in it
escaped) is held, never an author's own Markdown or HTML, whose meaning Markdown decides (and
`hub check`'s safe-markup verdict with it). The tokens carry a random nonce per build, so no
author's text can stand for one; a token is put back wherever it is, in its paragraph or in an
author's unclosed element, as Markdown would have passed the block itself through.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The block-level elements the generators write whole; Python-Markdown passes each through as
# it is when it opens a block and no `markdown` attribute asks for Markdown inside it.
_WHOLE_BLOCK = re.compile(r"<(div|p|ul|ol|dl|table|figure|section|form|details)[\s>]")
_DIGITS = re.compile(r"[0-9]+")
# md_in_html reads a `markdown` attribute in any case, with or without a value.
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown[\s=>/]", re.IGNORECASE)


class Html(str):
    """Raw HTML the hub built, every author string in it escaped (`markup.html_text`): a whole
    block of it may be held out of Markdown's way. Joined to other text it is a plain `str`."""


class FragmentLost(Exception):
    """A rendered page holds a token of this build that names no block: it is not whole."""


class Fragments:
    """The raw HTML blocks of one generation, each held under a token until its page is
    rendered."""

    def __init__(self, nonce: str | None = None, first: int = 0) -> None:
        """`nonce` and `first` (the number of the first block): for a part of one generation
        made in another process, whose blocks are then `merge`d."""
        self.nonce = nonce or secrets.token_hex(8)
        self._blocks: dict[int, str] = {}
        self._next = first
        self._placed: set[int] = set()

    def hold(self, block: str) -> str:
        """`block` itself, or a token paragraph in its place when it is the hub's own raw HTML
        (`Html`) as a whole."""
        if not isinstance(block, Html) or not is_whole_html(block):
            return block
        number, self._next = self._next, self._next + 1
        self._blocks[number] = block
        return f"HUBF{self.nonce}X{number}"

    def blocks(self) -> dict[int, str]:
        """The blocks held, by number."""
        return dict(self._blocks)

    def merge(self, blocks: dict[int, str]) -> None:
        """Hold the `blocks` another part of this generation held (see `__init__`)."""
        self._blocks.update(blocks)

    def fill(self, page: str, where: str = "page") -> str:
        """The rendered `page` with its blocks back: in place of a token's paragraph, or of the
        token itself where an author's unclosed element took it in; `FragmentLost` for a token
        of this build that names no block."""
        if f"HUBF{self.nonce}" not in page:
            return page
        mark = f"HUBF{self.nonce}X"
        # Cut at each token's mark (a search for a literal: a regex over the page took a
        # tenth of a millisecond a page, in the process that renders them).
        before, *parts = page.split(mark)  # `before`: the page's text before a token
        out = [before]
        for part in parts:
            digits = _DIGITS.match(part)
            number = int(digits.group()) if digits else None
            if number not in self._blocks:
                out.append(mark + part)  # not one of ours: the check below fails the page
                before = part
                continue
            self._placed.add(number)
            block, before = self._blocks[number], part[digits.end() :]
            # As Python-Markdown puts back a raw HTML block (or passes it on inside another).
            if out[-1].endswith("<p>") and before.startswith("</p>"):
                out[-1] = out[-1].removesuffix("<p>")
                block, before = block + "\n", before.removeprefix("</p>")
            out += (block, before)
        filled = "".join(out)
        if f"HUBF{self.nonce}" in filled:
            raise FragmentLost(f"{where}: a token names no block of raw HTML held")
        return filled

    def unplaced(self) -> int:
        """How many held blocks no rendered page has asked for."""
        return len(self._blocks) - len(self._placed)


def is_whole_html(block: str) -> bool:
    """Whether Markdown passes `block` through untouched: one block-level element, opened at
    its start and closed at its end, with no Markdown asked for inside."""
    match = _WHOLE_BLOCK.match(block)
    return (
        match is not None
        and block.rstrip().endswith(f"</{match.group(1)}>")
        and not _MARKDOWN_ATTRIBUTE.search(block)
        and "\n\n" not in block  # a blank line could end the block for Markdown
    )


_HELD: ContextVar[Fragments | None] = ContextVar("fragments", default=None)


def holding() -> Fragments | None:
    """The fragments the generation under way holds blocks in (see `held_by`)."""
    return _HELD.get()


@contextmanager
def held_by(fragments: Fragments | None) -> Iterator[None]:
    """Within the block, `hold` sets raw HTML aside in `fragments` (None: keeps it in place)."""
    token = _HELD.set(fragments)
    try:
        yield
    finally:
        _HELD.reset(token)


def hold(block: str) -> str:
    """`block`, or its token when a generation holds fragments (see `held_by`) and `block` is
    the hub's own whole raw HTML block (`Html`)."""
    fragments = _HELD.get()
    return block if fragments is None else fragments.hold(block)
