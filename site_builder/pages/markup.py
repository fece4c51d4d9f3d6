"""The Markdown dialect of the generated pages, written here only, and raw HTML builders.

Text from front matter and data files goes through `text()` (or `cell()` in tables), or
`html_text()` in raw HTML, so `<script>` in a title is shown as text and never becomes markup.

Every piece of Markdown-extension syntax the generators write comes from a builder here
(tests/test_pages_dialect.py greps the rest of the package): attribute lists (`attr_list`,
`heading`), admonitions (`admonition`), collapsible blocks (`collapsible`), `markdown="1"`
blocks (`markdown_block`) and Material's classes (`button`). Where Markdown only adds cost
(boxes of facts, tables of actions, long lists) pages are raw HTML (`element`, `html_table`,
`facts_list`): Python-Markdown passes a block-level element without `markdown="1"` through as
it is, at a fraction of the cost of Markdown inside it. Headings that belong in the table of
contents stay Markdown, as do authors' bodies.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from .. import words
from ..fragments import Html

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!|~])")


def text(value: object) -> str:
    """Inline text, HTML-escaped and with Markdown punctuation neutralised."""
    escaped = html.escape(str(value), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def html_text(value: object) -> str:
    """Text for raw HTML (an element or an attribute): HTML-escaped, Markdown left alone, and
    on one line, since a blank line would end the raw HTML block and start Markdown."""
    return html.escape(str(value), quote=True).replace("\n", " ")


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
    """`2026-03-05` (see `site_builder.words.iso_date`)."""
    return words.iso_date(day)


def long_date(day: date | None) -> str:
    """`5 March 2026`, the form GOV.UK uses (see `site_builder.words.long_date`)."""
    return words.long_date(day)


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


# --- The Markdown dialect: extensions' syntax -------------------------------------------------

Attributes = Mapping[str, str | bool]
"""HTML attributes: a value of True is an attribute with no value (`data-pagefind-ignore`)."""


def _attributes_html(classes: Sequence[str], attributes: Attributes | None) -> str:
    """` class="a b" name="value"` (escaped) for raw HTML; '' for none."""
    parts = [f' class="{html_text(" ".join(classes))}"'] if classes else []
    for name, value in (attributes or {}).items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False:
            parts.append(f' {name}="{html_text(value)}"')
    return "".join(parts)


def attr_list(classes: Sequence[str] = (), attributes: Attributes | None = None) -> str:
    """An attribute list (the attr_list extension), `{: .a name="value" }`, for the block or
    heading it follows."""
    parts = [f".{name}" for name in classes]
    for name, value in (attributes or {}).items():
        parts.append(name if value is True else f'{name}="{html_text(value)}"')
    return "{: " + " ".join(parts) + " }"


def heading(
    level: int, markdown: str, classes: Sequence[str] = (), attributes: Attributes | None = None
) -> str:
    """A Markdown heading (in the table of contents, with a permalink); `markdown` is escaped
    already (use `text`)."""
    line = f"{'#' * level} {markdown}"
    return f"{line} {attr_list(classes, attributes)}" if classes or attributes else line


def admonition(kind: str, title: str, markdown: str) -> str:
    """An admonition box (`!!! kind "title"`) holding one paragraph of escaped Markdown."""
    return f'!!! {kind} "{html_text(title)}"\n\n    {markdown}'


def collapsible(kind: str, title: str, markdown: str, *, open_: bool = False) -> str:
    """A collapsible block (pymdownx.details, `??? kind "title"`; `???+` open) holding
    escaped Markdown."""
    indented = "\n".join(f"    {line}" if line else "" for line in markdown.split("\n"))
    return f'{"???+" if open_ else "???"} {kind} "{html_text(title)}"\n\n{indented}'


def markdown_block(
    markdown: str,
    classes: Sequence[str] = (),
    attributes: Attributes | None = None,
    *,
    tag: str = "div",
    head: str = "",
) -> str:
    """A raw HTML element whose content is Markdown (md_in_html's `markdown="1"`), for content
    that needs it: headings that go in the table of contents, authors' Markdown. `head` is raw
    HTML put first (a `<summary>`)."""
    opening = f'<{tag}{_attributes_html(classes, attributes)} markdown="1">'
    head = f"{head}\n" if head else ""
    return f"{opening}\n{head}\n{markdown}\n\n</{tag}>"


def button(label: str, href: str | None = None, classes: Sequence[str] = ()) -> str:
    """Material's primary button: a link to `href` (ours, escaped here), else a `<button>` for
    a script to handle; `label` is escaped here."""
    names = ["md-button", "md-button--primary", *classes]
    if href is None:
        return f'<button type="button"{_attributes_html(names, None)}>{html_text(label)}</button>'
    return f'<a{_attributes_html(names, {"href": href})}>{html_text(label)}</a>'


# --- Raw HTML ---------------------------------------------------------------------------------


def element(
    tag: str, content: str, classes: Sequence[str] = (), attributes: Attributes | None = None
) -> str:
    """A raw HTML element; `content` is HTML, escaped already (use `html_text`)."""
    return Html(f"<{tag}{_attributes_html(classes, attributes)}>{content}</{tag}>")


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table as raw HTML, as Python-Markdown writes a Markdown table; `headers` and cells are
    HTML, escaped already (use `html_text`)."""
    head = "".join(f"<th>{h}</th>\n" for h in headers)
    body = "".join(
        "<tr>\n" + "".join(f"<td>{c}</td>\n" for c in row) + "</tr>\n" for row in rows
    )
    return Html(f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>")


def facts_list(facts: Iterable[tuple[str, str]]) -> str:
    """A description list (raw HTML) of (term, HTML value) pairs; empty values are left out."""
    entries = "".join(
        f"<dt>{html_text(term)}</dt>\n<dd>{value}</dd>\n" for term, value in facts if value
    )
    return f"<dl>\n{entries}</dl>"
