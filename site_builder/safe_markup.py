"""Safe markup: what raw HTML and Markdown in an author's page may not do.

Raw HTML may lay out text, but no script runs and nothing loads from another host: no
`<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>` (and their kin), no `on…=` event
attribute, no `javascript:` URL, and no image, video, stylesheet or CSS `url()` from
another site. Links to other sites are fine.

The source is read in two passes. The first finds candidates with their lines: a real HTML
tokenizer (`html.parser`) over the whole text, plus the Markdown forms that make elements
(images, reference definitions, attribute lists). Code blocks and inline code are shown
as text, so a candidate there is harmless; rather than guess what Markdown treats as code
(raw HTML blocks, lists and admonitions change the answer), a text with candidates is
rendered with Python-Markdown and the same tokenizer reads the result: a candidate is an
error only if the rendered page really holds it, and anything live in the rendered page
that no candidate explains is an error at the body's first line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from .messages import quote
from .problems import Problems

# The extensions of the hub's mkdocs.yml; what the site renders Markdown with.
MARKDOWN_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)

# Elements that run code, embed another document or restyle/redirect the page.
FORBIDDEN_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "style",
        "link",
        "base",
        "meta",
    }
)
# Attributes holding a URL the browser follows or loads.
_URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "lowsrc",
        "dynsrc",
        "cite",
        "longdesc",
        "srcset",
        "ping",
        "codebase",
        "icon",
        "manifest",
    }
)
# Attributes whose URL is loaded as the page is shown (`href` only outside <a> and <area>).
_LOAD_ATTRS = frozenset({"src", "srcset", "poster", "background", "lowsrc", "dynsrc", "data"})
_LINK_TAGS = frozenset({"a", "area"})
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200d\u2060\ufeff]")
_CSS_ESCAPE_RE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_URL_RE = re.compile(
    r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)]*))\s*\)|@import\s*(?:\"([^\"]*)\"|'([^']*)')"
    r"|image-set\(\s*(?:\"([^\"]*)\"|'([^']*)')",
    re.IGNORECASE,
)

# Markdown forms that make elements (inline images, reference definitions and images,
# inline links, attribute lists).
# Labels hold no '[', so each match attempt stops at the next one: linear on any text.
_MD_IMAGE_RE = re.compile(r"!\[(?:[^\[\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]+)")
# A link is this not preceded by "!" (an image): `_links` checks that, as a lookbehind here
# would cost a match attempt at every character.
_MD_LINK_RE = re.compile(r"\[(?:[^\[\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]+)")
_MD_REF_DEF_RE = re.compile(r"^ {0,3}\[((?:[^\]\\\n]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_MD_REF_IMAGE_RE = re.compile(r"!\[((?:[^\[\]\\\n]|\\.)*)\](?:\[((?:[^\[\]\\\n]|\\.)*)\])?")
_MD_ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*)\}")
# An attribute list no candidate names; with an image and another host (an image with
# nested brackets, say), a text is rendered even without candidates.
_MAY_SET_RE = re.compile(r"\{[^{}\n]*=")

_LAYOUT_ONLY = "remove it (raw HTML may only lay out text)"


@dataclass(frozen=True)
class Finding:
    """One unsafe construct: what it is (`key`, for matching the two passes), where and why."""

    key: tuple[str, str]
    line: int  # 1-based, within the text scanned
    message: str


def check_markup(
    path: str,
    markdown: str,
    first_line: int,
    problems: Problems,
    extensions: Sequence[str] = MARKDOWN_EXTENSIONS,
) -> None:
    """An error in `problems` for each unsafe construct in `markdown` (its first line is
    line `first_line` of the file at `path`), rendered with Markdown `extensions`."""
    for finding in scan(markdown, extensions):
        problems.error(path, first_line + finding.line - 1, finding.message)


def scan(markdown: str, extensions: Sequence[str] = MARKDOWN_EXTENSIONS) -> list[Finding]:
    """The unsafe constructs that `markdown` puts on a page, in line order."""
    candidates = _source_candidates(markdown)
    if not candidates and not _may_load(markdown):
        return []
    rendered = _render(markdown, extensions)
    if rendered is None:  # nothing to read: every candidate counts
        return sorted(candidates, key=lambda f: f.line)
    live = scan_html(rendered)
    if not live:
        return []
    by_key: dict[tuple[str, str], list[Finding]] = {}
    code = _code_lines(markdown)
    for candidate in sorted(candidates, key=lambda c: (c.line in code, c.line)):
        by_key.setdefault(candidate.key, []).append(candidate)
    findings = []
    for finding in live:
        lines = by_key.get(finding.key)
        # The rendered page says what the reader gets; the source says on which line.
        line = lines.pop(0).line if lines else 1
        findings.append(Finding(finding.key, line, finding.message))
    return sorted(findings, key=lambda f: f.line)


def _may_load(markdown: str) -> bool:
    return ("![" in markdown and ("//" in markdown or "\\\\" in markdown)) or bool(
        _MAY_SET_RE.search(markdown)
    )


def scan_html(text: str) -> list[Finding]:
    """The unsafe elements, attributes and URLs in HTML (or in Markdown's raw HTML)."""
    scanner = _Scanner()
    try:
        scanner.feed(text)
        scanner.close()
    except AssertionError:  # pragma: no cover - the tolerant parser does not assert today
        pass
    return scanner.findings


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        raw = self.get_starttag_text() or ""
        if tag in FORBIDDEN_TAGS:
            # The element goes as a whole; what its attributes would load need not be said.
            self._add(("tag", tag), line, f"<{tag}> is not allowed in a page: {_LAYOUT_ONLY}")
            return
        for name, value in attrs:
            where = line + _line_in(raw, name)
            for key, message in attribute_problems(tag, name, value or ""):
                self._add(key, where, message)

    handle_startendtag = handle_starttag

    def _add(self, key: tuple[str, str], line: int, message: str) -> None:
        self.findings.append(Finding(key, line, message))


def attribute_problems(tag: str, name: str, value: str) -> list[tuple[tuple[str, str], str]]:
    """(key, message) for each way attribute `name="value"` of `<tag>` is unsafe."""
    problems = []
    if name.startswith("on") and len(name) > 2:
        problems.append(
            (("event", name), f"the event attribute {quote(name)} is not allowed: {_LAYOUT_ONLY}")
        )
    if name in _URL_ATTRS:
        urls = _srcset_urls(value) if name == "srcset" else [value]
        for url in urls:
            scheme = bad_scheme(url)
            if scheme:
                problems.append((("scheme", scheme), _scheme_message(scheme)))
            elif _loads(tag, name) and is_remote(url):
                problems.append((("remote", normalise_url(url)), _remote_message(tag, url)))
    if name == "style":
        for url in css_urls(value):
            scheme = bad_scheme(url)
            if scheme:
                problems.append((("scheme", scheme), _scheme_message(scheme)))
            elif is_remote(url):
                problems.append((("remote", normalise_url(url)), _remote_message("style", url)))
    return problems


def _loads(tag: str, name: str) -> bool:
    return name in _LOAD_ATTRS or (name in ("href", "xlink:href") and tag not in _LINK_TAGS)


def normalise_url(url: str) -> str:
    """`url` as a browser reads it: entities decoded, invisible characters and surrounding
    space removed, backslashes as slashes, lower case."""
    decoded = html.unescape(url)
    return _INVISIBLE_RE.sub("", decoded).replace("\\", "/").lower()


def bad_scheme(url: str) -> str | None:
    """`javascript:`, `vbscript:` or `data:text/html` when `url` is one, else None."""
    normal = normalise_url(url)
    return next((s for s in _BAD_SCHEMES if normal.startswith(s)), None)


def is_remote(url: str) -> bool:
    """Whether `url` names another host: a scheme (other than `data:`) or `//host`."""
    normal = normalise_url(url)
    if normal.startswith("//"):
        return True
    return bool(_SCHEME_RE.match(normal)) and not normal.startswith("data:")


def css_urls(css: str) -> list[str]:
    """The URLs a CSS text (a `style` attribute) would load, escapes and comments undone."""
    decoded = _CSS_ESCAPE_RE.sub(_css_unescape, _CSS_COMMENT_RE.sub("", html.unescape(css)))
    return [
        next(group for group in match.groups() if group is not None).strip()
        for match in _CSS_URL_RE.finditer(decoded)
    ]


def _css_unescape(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match.group(2)


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


def _scheme_message(scheme: str) -> str:
    return f"a {quote(scheme)} link is not allowed in a page: link to a page or a file instead"


def _remote_message(tag: str, url: str) -> str:
    shown = _shown(url)
    if tag in ("img", "picture", "input"):
        return (
            f"the image loads from another site ({shown}):"
            " save the image under content/ and link to it there"
        )
    return (
        f"the page loads a file from another site ({shown}):"
        " save the file under content/ and link to it there"
    )


def _shown(url: str) -> str:
    shown = quote(url.strip())
    return shown[1:-1] if shown.startswith("'") else shown


def _line_in(raw: str, name: str) -> int:
    """Lines between a start tag's first line and attribute `name` in its raw text."""
    match = re.search(rf"[\s/\"']{re.escape(name)}\s*(?:=|[\s/>])", raw, re.IGNORECASE)
    return raw.count("\n", 0, match.start() + 1) if match else 0


# -- the source pass --------------------------------------------------------------------------


def _source_candidates(markdown: str) -> list[Finding]:
    candidates = scan_html(markdown)
    definitions: dict[str, tuple[str, int]] = {}
    for match in _MD_REF_DEF_RE.finditer(markdown) if "]:" in markdown else ():
        url, line = _target(match.group(2)), _line_at(markdown, match.start(2))
        definitions.setdefault(_label(match.group(1)), (url, line))
        candidates += _url_candidates("a", url, line)
    for match in _MD_IMAGE_RE.finditer(markdown):
        line = _line_at(markdown, match.start())
        candidates += _url_candidates("img", _target(match.group(1)), line)
    for match in _links(markdown):
        line = _line_at(markdown, match.start())
        candidates += _url_candidates("a", _target(match.group(1)), line)
    for match in _MD_REF_IMAGE_RE.finditer(markdown):
        label = match.group(2) or match.group(1)
        if markdown[match.end() : match.end() + 1] == "(" or _label(label) not in definitions:
            continue
        url, _ = definitions[_label(label)]
        candidates += _url_candidates("img", url, _line_at(markdown, match.start()))
    for match in _MD_ATTR_LIST_RE.finditer(markdown):
        line = _line_at(markdown, match.start())
        for finding in scan_html(f"<x {match.group(1)}>"):
            candidates.append(Finding(finding.key, line, finding.message))
        for name, value in _attr_list_pairs(match.group(1)):
            for key, message in attribute_problems("img", name, value):
                candidates.append(Finding(key, line, message))
    return candidates


def _links(markdown: str) -> Iterator[re.Match[str]]:
    """`[text](url)` links, not images: as `finditer` with a lookbehind `(?<!!)` finds them."""
    pos = 0
    while match := _MD_LINK_RE.search(markdown, pos):
        start = match.start()
        if start and markdown[start - 1] == "!":
            pos = start + 1  # an image: look again from inside it
            continue
        yield match
        pos = match.end()


def _attr_list_pairs(text: str) -> list[tuple[str, str]]:
    pairs = re.findall(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))", text)
    return [(name.lower(), a or b or c) for name, a, b, c in pairs]


def _url_candidates(tag: str, url: str, line: int) -> list[Finding]:
    name = "src" if tag == "img" else "href"
    return [Finding(key, line, message) for key, message in attribute_problems(tag, name, url)]


def _target(text: str) -> str:
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _code_lines(markdown: str) -> set[int]:
    """A rough guess at the lines that are code (fenced, indented or with backticks): only
    used to say which of several identical candidates the rendered page holds."""
    code = set()
    fence = None
    for number, text in enumerate(markdown.split("\n"), start=1):
        marker = re.match(r"(`{3,}|~{3,})", text.lstrip())
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = None if fence else marker.group(1)[0] * 3
            code.add(number)
        elif fence is not None or text.startswith(("    ", "\t")) or "`" in text:
            code.add(number)
    return code


def _render(markdown: str, extensions: Sequence[str]) -> str | None:
    """The page's HTML as Python-Markdown renders it, or None if it cannot."""
    import markdown as python_markdown

    try:
        return python_markdown.markdown(markdown, extensions=list(extensions))
    except Exception:  # noqa: BLE001 - an extension that fails to load, or a parser bug
        return None
