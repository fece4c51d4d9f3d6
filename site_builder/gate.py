"""Output gate: scan the built site as readers get it, before it is swapped in.

The last line of defence (contract: Publication rules, "Output gate"). It knows nothing of the
sources' checks and nothing of the engine: it reads every file the engine wrote into staging
and blocks three things, each reported as a `Problem` naming the output file and, where known,
the source:

- **personal data**, found by the privacy gate (`privacy.PrivacyGate`, with the taxonomy's
  `privacy_allow`) in what a reader gets: a page's text with tags removed, entities decoded and
  whitespace (line breaks included) collapsed; its tags' attributes and URLs, decoded; feeds,
  sitemaps and search indexes (JSON strings and escaped HTML decoded); CSV, text, JS and CSS as
  they are; any gzip file decompressed first (sitemap.xml.gz, Pagefind's chunks).
- **a trace of a left-out item**: its id as a whole token (bounded by characters other than
  letters, digits, "_" and "-"), which every form of its URL or source path contains
  (`/briefings/<id>/`, `../<id>/`, `briefings/<id>.md`).
- **a resource loaded from another host** than `site_url`'s: in HTML `<script src>`,
  `<img src/srcset>`, `<link href>` (unless its `rel` is only canonical, alternate, next or
  prev), `<iframe src/srcdoc>`, `<frame>`, `<video>`, `<audio>`, `<source>`, `<track>`,
  `<object data>`, `<embed>`, `<input src>`, SVG `<image>`/`<use>`/`<script href>`,
  `<base href>`, `poster`, `ping`; CSS in `style` attributes, `<style>` and CSS files
  (`url()`, `@import`, any absolute URL such as `image-set("https://...")`); in inline scripts
  and JS files any absolute `http(s)://` or quoted `//host` URL (in a comment too: the gate does
  not parse JavaScript). `<a href>` to other sites is fine. Browsers read "\\" as "/" and drop
  tabs and newlines in URLs, and so does the gate.

Files the theme ships byte for byte (Material's assets), and the vendored plotly.js and
Pagefind's runtime while their SHA-256 is the one recorded for them, carry nothing of the
project and are not scanned; nor are binary files (images, fonts, by magic or suffix).
A file that cannot be read or decompressed is a finding: the gate never passes what it could
not check.

Where a finding comes from: a file copied from `content/` or `overrides/` is that file. A page
`x/index.html` is made from `content/x.md` (or a briefing's, review's or report's source) and
the templates: the first of these that holds what was found (the same masked match, id or host)
is named, else "the theme or a generated page". The search index names each entry's page.

Speed: every pass is a precompiled regular expression of bounded backtracking or a plain string
method, run once per file, so the gate is linear in the size of the site; a page is read once
as a whole, and the search index is read entry by entry only when it holds a finding. A large
site is shared among worker processes, one per CPU. Pages an engine hands over as it writes them
are checked while it renders (`site_builder.page_stream`): the scan passes a file only if its
bytes are the very ones checked then.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import json
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain, compress
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from . import routes
from .build import BuildFailed
from .problems import Problem
from .site import Site
from .workers import available, forked_map

MAX_UNPACKED = 256 * 1024 * 1024  # a compressed file larger than this once unpacked is refused
PARALLEL_FROM = 32 * 1024 * 1024  # a site this large (in bytes) is read by several processes
MAX_WORKERS = 4
MAX_CLEAN_LINES = 200_000  # lines of pages' text remembered as clean (about 20 MiB)
MAX_CLEAN_UNITS = 50_000  # units of pages' markup remembered as clean (see `_page_found`)
MAX_SEEN_UNITS = 400_000  # units seen once, by their hash: the second time, remembered
GENERATED = "the theme or a generated page"  # a page finding found in no source file

_BINARY_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "pdf", "zip"}
    | {"woff", "woff2", "ttf", "otf", "eot", "wasm"}
    | {"mp3", "mp4", "m4a", "ogg", "oga", "ogv", "webm", "wav", "flac"}
)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
    b"wOFF",
    b"wOF2",
    b"OTTO",
    b"\x00\x01\x00\x00",
    b"%PDF",
    b"\x00asm",
    b"PK\x03\x04",
)
_GZIP_MAGIC = b"\x1f\x8b"
_PAGEFIND_HEADER = b"pagefind_dcd"
_MARKUP_SUFFIXES = frozenset({"html", "htm", "xhtml", "svg"})
_XML_SUFFIXES = frozenset({"xml", "rss", "atom"})
_JSON_SUFFIXES = frozenset({"json", "map", "webmanifest", "pf_fragment"})

# --- reading HTML as a reader does ------------------------------------------------------------

# Tags as the HTML tokenizer reads them. Its spaces (CR included: browsers read it as LF).
_WS = "\t\n\f\r "
# Whatever begins as a tag, comment or element is read to its end, or (never closed) to the end
# of the page, as the tokenizer reads it: no "<" in it is read again, so reading a page takes
# time in proportion to its length, and whether markup is a tag, and where it ends, is known
# from the markup up to there (the gate can read a page in parts: `_reads_alone`).
_END = r"(?:>|\Z)"
# An attribute: a name (which may start with "=" and hold quotes or "<"), then maybe "=" and
# a value, quoted or not (an unquoted one ends only at a space or ">", quotes and all). Read
# once each, as the tokenizer reads it (atomic: no other reading is tried after). It starts
# after a space, a "/" or a quoted value.
_ATTRIBUTE = (
    rf"""(?<=[{_WS}/"'])(?>[^{_WS}/>][^{_WS}/>=]*"""
    rf"""(?:[{_WS}]*=[{_WS}]*(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|(?!["'])[^{_WS}>]*))?)"""
)
_TAG_BODY = rf"(?:[{_WS}/]++|{_ATTRIBUTE})*+"  # attributes, and spaces or "/" between them
_COMMENT = r"!--(?:-?>|[\s\S]*?(?:--!?>|\Z))"  # "<!-->" and "<!--->" end at once
# Elements whose content is text to the tokenizer, up to their end tag: RCDATA and raw text
# (plaintext, which never ends, is read as they are; <noscript> is read so, as browsers do
# with scripts on, and its content as markup too: see `_load_found`).
_RAW_TEXT = "style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext"
_RAW_CONTENT = rf"(?:[^<]++|<(?!/(?i:(?P=raw))[{_WS}/>]))*+"
# A script's content, in the tokenizer's script states: "<!--" escapes it, in which a
# "<script" escapes it twice, and only an unescaped "</script" (or "-->" back) ends it.
_S, _AFTER_NAME = r"(?i:script)", rf"(?=[{_WS}/>])"
_TWICE_ESCAPED = rf"(?:[^<-]++|-(?!->)|<(?!/{_S}{_AFTER_NAME}))*+"
_ESCAPED = (
    rf"(?:[^<-]++|-(?!->)|<(?!/?{_S}{_AFTER_NAME})"
    rf"|<{_S}{_AFTER_NAME}{_TWICE_ESCAPED}(?:</{_S}{_AFTER_NAME})?)*+"
)
_SCRIPT_CONTENT = rf"(?:[^<]++|<(?!/{_S}{_AFTER_NAME}|!--)|<!--{_ESCAPED}(?:-->)?)*+"
# A tag, a comment or a bogus comment ("<!x>", "<?x>", "</ x>"); one with more than a name is
# captured (group 1) without its "<" (comments too: they are published), a bare one only
# removed. A script (group 2 names it) or a raw text element (group 3) has its content as
# group 4; every other tag captured has "" there.
_TAG_RE = re.compile(
    rf"<(?:({_COMMENT}|!(?!--)[^>]*{_END}|\?[^>]*{_END}|/[^A-Za-z>][^>]*{_END}"
    rf"|(?P<script>{_S}){_AFTER_NAME}{_TAG_BODY}{_END}"
    rf"|(?P<raw>(?i:{_RAW_TEXT})){_AFTER_NAME}{_TAG_BODY}{_END}"
    rf"|/?[A-Za-z][^{_WS}/>]*[{_WS}/]{_TAG_BODY}{_END})"
    rf"((?(script){_SCRIPT_CONTENT}|(?(raw){_RAW_CONTENT}|)))"
    rf"|/?[A-Za-z][^{_WS}/>]*{_END})"
)
_STRIDE = 5  # what `_TAG_RE.split` gives for each tag: the text before, then its 4 groups
# The same, without the ends of a page: a tag, comment or element that ends in the markup.
_ENDED_TAG_RE = re.compile(_TAG_RE.pattern.replace("|\\Z", ""))
# The same, but every element's content is markup: as inside <svg> or <math>, where <style>,
# <title>, <script> and the others hold tags, and as a browser without scripts reads a
# <noscript>. A page whose raw text could hold a tag is read so too (`_load_found`).
_MARKUP_TAG_RE = re.compile(
    _TAG_RE.pattern.replace(f"(?P<script>{_S})", "(?P<script>(?!))").replace(
        f"(?P<raw>(?i:{_RAW_TEXT}))", "(?P<raw>(?!))"
    )
)
_TAG_IN_TEXT_RE = re.compile(r"<[A-Za-z!/?]")
_TAG_START = "\x02"  # marks each tag's start in the tags as written (`ReaderView.written_tags`)
# Block elements end a run of text: text either side is not read as one ("</td><td>").
# (Not inline ones, whose text a reader reads with what is around them: "0161 496
# <label>0000</label>". But for the head's <link>, <meta>, <script> and <style>.)
_BLOCKS = (
    "address|article|aside|blockquote|body|br|caption|dd|details|dialog|div|dl|dt|"
    "fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hr|html|li|link|"
    "main|meta|nav|ol|option|p|pre|script|section|style|summary|table|tbody|td|"
    "textarea|tfoot|th|thead|title|tr|ul"
)
_BLOCK_RE = re.compile(rf"<(?=/?(?:{_BLOCKS})(?![A-Za-z0-9-]))")
_BREAK = "\x00"  # stands for a block boundary until whitespace is collapsed
_SEPARATOR = "\n|\n"  # between strings read apart: no pattern of the privacy gate spans it
# Attributes no reader reads: SVG geometry (full of digits), and ids and links within the
# page, which repeat a heading's text (the text view holds it already). Removed only where
# they are attributes: every other attribute (or name) is matched whole (group 1, kept), so
# a look-alike inside another value (title=' id="..."') is read.
_UNREAD_ATTR_RE = re.compile(
    rf"""[{_WS}](?:(?:d|viewBox|points)=(?:"[^"\x02]*"|'[^'\x02]*')|id="[^"\x02]*"|href="#[^"\x02]*")"""
    rf"""|((?<=[{_WS}/"'])(?>[^{_WS}/>\x02][^{_WS}/>=\x02]*"""
    rf"""(?:[{_WS}]*=[{_WS}]*(?:"[^"\x02]*"?|'[^'\x02]*'?|[^{_WS}>\x02]*))?))"""
)
_UNREAD_HINTS = (" d=", " viewBox=", " points=", ' id="', ' href="#')
_SVG_NAMESPACE = ' xmlns="http://www.w3.org/2000/svg"'


@dataclass(frozen=True)
class ReaderView:
    """What a reader gets from a piece of markup: its text and its tags (attributes, URLs)."""

    text: str  # tags removed, entities decoded, whitespace collapsed; one line per block
    tags: str  # every tag with attributes, entities decoded, one a line
    # The same tags as written, entities and all, each marked at its start (`_TAG_START`):
    # a browser splits a tag into attributes first, then decodes each value ("&quot;" in one
    # value ends no other).
    written_tags: str = ""
    # Each script's start tag (as written, without "<") and content; each raw text element's
    # name (lower case), start tag and content.
    scripts: tuple[tuple[str, str], ...] = ()
    raw_texts: tuple[tuple[str, str, str], ...] = ()


def reader_view(markup: str) -> ReaderView:
    """The text and tags of `markup` (HTML, SVG or XML), as a reader gets them.

    >>> reader_view("<p>Call 0161\\n<b>496</b>&nbsp;0000</p><td>a</td><td>b</td>").text
    '\\nCall 0161 496 0000\\n\\na\\n\\nb\\n'
    """
    return _view(_pieces(markup))


def _pieces(markup: str, tags: re.Pattern[str] = _TAG_RE) -> list[str]:
    """What `tags.split` gives for `markup`: the text before each tag, then its groups
    (`_STRIDE` a tag), each block's start marked in the text."""
    if _TAG_START in markup:  # a control character no reader sees: never a tag's mark
        markup = markup.replace(_TAG_START, "\ufffd")
    if _BREAK in markup:  # browsers drop NUL from the text: "0161 49\x006 0000" reads whole
        markup = markup.replace(_BREAK, "")
    return tags.split(_BLOCK_RE.sub(_BREAK + "<", markup))


def _text_of(pieces: list[str]) -> str:
    """The text of `pieces`, the content of raw text elements (a <title>, a <textarea>, a
    script) in its place."""
    texts = pieces[0::_STRIDE]
    contents = pieces[4::_STRIDE]  # one fewer: the text after the last tag ends it
    between = chain.from_iterable(zip(texts, contents, strict=False))
    return "".join(filter(None, chain(between, texts[-1:])))


def _view(pieces: list[str], seams: bool = False) -> ReaderView:
    text = _text_of(pieces)
    if seams:  # read as if the units left out (see `_page_found`) had never been there
        text = text.replace(_SEAM, "")
    if "&" in text:
        text = html.unescape(text)
    text = " ".join(text.split()).replace(_BREAK, "\n")
    marked = "\n" + _TAG_START + "<"
    written = marked.join(filter(None, pieces[1::_STRIDE]))
    written = _TAG_START + "<" + written if written else ""
    tags = written.replace(_TAG_START, "")
    if any(hint in tags for hint in _UNREAD_HINTS):  # split, not sub: no call per match
        read = _UNREAD_ATTR_RE.split(written.replace(_SVG_NAMESPACE, ""))
        tags = "".join(filter(None, read)).replace(_TAG_START, "")
    if "&" in tags:
        tags = html.unescape(tags)
    starts, contents = pieces[1::_STRIDE], pieces[4::_STRIDE]
    scripts = tuple(compress(zip(starts, contents, strict=True), pieces[2::_STRIDE]))
    raw_names = pieces[3::_STRIDE]
    raw_texts = tuple(
        (name.lower(), start, content)
        for name, start, content in compress(
            zip(raw_names, starts, contents, strict=True), raw_names
        )
    )
    return ReaderView(text, tags, written, scripts, raw_texts)


# --- pages read in units ---------------------------------------------------------------------

# A page is read in units: its lines, cut at each line break before a line that starts with a
# block element's tag (one that `_BLOCK_RE` marks, so no text runs on over the cut), but the
# end of a <script> or <style>. The theme's head, header, navigation and footer repeat on
# most pages, unit for unit. Each unit but the last ends with the line break (not in `units`).
_UNIT_CUT_RE = re.compile(rf"\n(?=[ \t]*<(?!/(?:script|style))(?:/?(?:{_BLOCKS}))(?![A-Za-z0-9-]))")
_UNITS_FROM = 8  # a page of fewer units is read whole
_SEAM = "\x01"  # marks where units left out were, in the markup read
# A "<" in text that more markup after it could make a tag's start ("<<" or "< 5" never is).
_OPEN_TAG_RE = re.compile(rf"<(?:[A-Za-z/!?{_SEAM}]|\Z)")


def _reads_alone(pieces: list[str], markup: str, seams: int = 0) -> bool:
    """Whether `markup` (whose `_pieces` are `pieces`) is read alone as it is read within any
    page, and so is each part of it between `seams` marks (`_SEAM`, which must all be in the
    text between tags): no "<" of that text could start a tag with more markup after it, and
    the last tag, comment or element ends in the markup. Then the tags of `part + rest` are
    those of `part`, then those of `rest` (see `_END`)."""
    text = "".join(pieces[0::_STRIDE])
    if _OPEN_TAG_RE.search(text) or text.count(_SEAM) != seams:
        return False
    if pieces[-1] or len(pieces) == 1:
        return True  # text after the last tag
    start, script, raw = pieces[-5:-2]
    if script or raw:
        return False  # its content ran on to the end: its end tag is not in it
    if start is None:
        return markup.endswith(">")
    return _ENDED_TAG_RE.fullmatch("<" + start) is not None


# --- resources from other hosts ---------------------------------------------------------------

# In the tags as written, only at a tag's start (a value may hold "<img ...").
_LOADING_TAG_RE = re.compile(
    rf"(?<={_TAG_START})<(script|img|link|iframe|frame|video|audio|source|track|object|embed|"
    rf"input|image|use|feimage|base|meta|set|animate){_AFTER_NAME}{_TAG_BODY}{_END}",
    re.IGNORECASE,
)
_START_TAG_RE = re.compile(rf"(?<={_TAG_START})<([A-Za-z][^{_WS}/>]*)({_TAG_BODY}){_END}")
_ATTR_RE = re.compile(
    rf"""([^{_WS}/>][^{_WS}/>=]*)(?:[{_WS}]*=[{_WS}]*(?:"([^"]*)"|'([^']*)'|([^{_WS}>]*)))?"""
)
_LOADING_ATTRS = frozenset(
    {"src", "srcset", "imagesrcset", "data", "poster", "href", "xlink:href", "srcdoc"}
)
_HREF_LOADS = frozenset({"link", "image", "use", "base", "script", "feimage"})  # SVG's too
_LINK_RELS_NOT_LOADED = frozenset({"canonical", "alternate", "next", "prev"})
_ANIMATED = frozenset({"set", "animate"})  # SVG: an animation may set a link ("to", "values")
# A refresh's content: a time, maybe ";" or ",", maybe "url=", then the URL.
_REFRESH_URL_RE = re.compile(
    rf"[{_WS}]*[0-9.]*[{_WS}]*[;,]?[{_WS}]*(?:url[{_WS}]*=[{_WS}]*)?(.*)",
    re.IGNORECASE | re.DOTALL,
)
# Attributes any element may load from, each found where its name (lower case) shows in the
# tags: a search from a word is many times faster than a read of every tag. Each is read as
# a list of URLs, as CSS (SVG's presentation attributes take url()) or as a script.
_ANY_ELEMENT_LOADS = {
    "ping": "urls",
    "style": "css",
    "background": "url",
    **dict.fromkeys(
        ("fill", "stroke", "mask", "clip-path", "marker-start", "marker-mid", "marker-end")
        + ("cursor", "filter"),
        "css",
    ),
}
_ANY_ELEMENT_HINT_RE = re.compile(
    rf"""[{_WS}/"'](?:{'|'.join(map(re.escape, _ANY_ELEMENT_LOADS))}|on[a-z]+)[{_WS}]*="""
)
_HANDLER_RE = re.compile(rf"[{_WS}/\"']on[a-z]")  # an event handler's name: a script
_NESTING = 3  # data: URLs in data: URLs, read at most so deep
# What a URL to another host needs in a tag as written: "//" (or "\\", which browsers read
# as "/"), a scheme ("http:host" is read as "http://host"), a tab or line break that
# browsers drop from it, or an entity that decodes to one of those.
_URL_MARKS = ("//", "\\", ":", "\t", "\n", "\r", "&")
_CSS_ESCAPE_RE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[\t\n\f\r ]?|(.))", re.S)
# A selector by attribute value: it names a URL, loads nothing.
_ATTRIBUTE_SELECTOR_RE = re.compile(
    r"""\[[\t\n\f\r ]*[-\w]+[\t\n\f\r ]*[~|^$*]?=[\t\n\f\r ]*(?:"[^"\]]*"|'[^'\]]*')"""
    r"""[\t\n\f\r ]*[iIsS]?[\t\n\f\r ]*\]"""
)
_CSS_STRING_URL_RE = re.compile(
    r"""["'][\t\n\f\r ]*((?:https?|wss?|ftp):[^"']*)""", re.IGNORECASE
)
_CSS_URL_RE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^()\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
_HOST = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# In script, "//" also starts a comment: a protocol-relative URL counts only inside quotes.
_ANY_HOST_RE = re.compile(rf"//({_HOST})")
_SCRIPT_URL_RE = re.compile(
    rf"""(?:https?|wss?|ftp):\\?/\\?/({_HOST})|["'`]\s*\\?/\\?/({_HOST})""", re.IGNORECASE
)


_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what browsers strip from a URL's ends
_LINK_NAMES = frozenset({"href", "xlink:href"})


def _url_host(url: str) -> str | None:
    """The host a URL loads from, or None for this site (relative, data:, fragment, ...).

    Browsers drop tabs and newlines inside URLs and read "\\" as "/", so "/\\\\cdn.example" and
    "ht\\ttps://cdn.example" load from cdn.example; both are read that way here.
    """
    url = url.strip(_C0_AND_SPACE).translate({9: None, 10: None, 13: None})
    url = url.replace("\\", "/")
    scheme = ""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
        scheme, url = url.split(":", 1)
        scheme = scheme.lower()
        if scheme not in ("http", "https", "ws", "wss", "ftp"):
            return None
        url = url.lstrip("/")
        url = "//" + url
    if not url.startswith("//"):
        return None
    try:
        host = urlsplit("http:" + url).hostname
    except ValueError:
        return "an unreadable host"
    return host or None


# --- left-out items ---------------------------------------------------------------------------

_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _LeftOut:
    """Finds left-out items' ids as whole tokens: a substring search, then the boundaries."""

    def __init__(self, items: dict[str, str]) -> None:
        self._items = items  # id -> source path
        by_length = sorted(items, key=len, reverse=True)
        self._pattern = (
            re.compile("(?:" + "|".join(map(re.escape, by_length)) + ")(?![A-Za-z0-9_-])")
            if items
            else None
        )

    def find(self, text: str) -> list[tuple[str, str, int]]:
        """(id, source path, offset) of each left-out id found as a token of `text`."""
        if self._pattern is None or not any(item in text for item in self._items):
            return []
        found = []
        pos = 0
        while m := self._pattern.search(text, pos):
            if m.start() == 0 or text[m.start() - 1] not in _TOKEN_CHARS:
                found.append((m.group(), self._items[m.group()], m.start()))
            pos = m.start() + 1
        return found


def _trace_tokens(left_out: Iterable[str], shared_ids: frozenset[str]) -> dict[str, str]:
    """What betrays each left-out item (content/<folder>/<id>.md), to its source path.

    Its id, alone; but a report's id is its period, which scorecards and charts name too, and
    an id that a published item, theme, agency or audience also has is no trace by itself: for
    those, "<folder>/<id>" (its URL or source path; a relative "../<id>/" is then not seen)."""
    tokens = {}
    for path in left_out:
        folder, stem = Path(path).parent.name, Path(path).stem
        qualified = folder == "reports" or stem in shared_ids
        tokens[f"{folder}/{stem}" if qualified else stem] = path
    return tokens


# --- the gate ---------------------------------------------------------------------------------


class _Found(NamedTuple):
    """One finding: its message, and what a source file must hold to be named its source."""

    message: str
    evidence: str  # "<kind>:<masked>", "id:<id>" or "host:<host>"


@dataclass
class _Report:
    """Problems for one output file, each line once."""

    shown_as: str
    problems: dict[str, Problem] = field(default_factory=dict)

    def add(self, message: str, source: str | None) -> None:
        if source:
            message = f"{message} (source: {source})"
        self.problems.setdefault(message, Problem(self.shown_as, None, message))


class OutputBlocked(BuildFailed):
    """The output gate found something that must not be published."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(
            f"the output gate blocked the build: {count} problem{'s' * (count != 1)} "
            "in the built site"
        )


class OutputGate:
    """Scans a built site for personal data, left-out items and loads from other hosts."""

    def __init__(
        self,
        *,
        allow: Iterable[str] = (),
        left_out: Iterable[str] = (),
        site_url: str = "",
        sources: dict[str, str] | None = None,
        root: Path | None = None,
        shared_ids: Iterable[str] = (),
        shipped: Iterable[Path] = (),
    ) -> None:
        """`left_out`: project-relative source paths (content/<folder>/<id>.md); `sources`:
        docs-relative page path (about.md, briefings/<id>.md) -> project-relative source;
        `root`: the project, to name the source files of findings; `shared_ids`: ids that
        published things also have (see `_trace_tokens`); `shipped`: the engine's theme
        folders, whose files it copies into the site as they are."""
        from .privacy import PrivacyGate

        self._privacy = PrivacyGate(allow)
        self._left_out = _LeftOut(_trace_tokens(left_out, frozenset(shared_ids)))
        self._own_host = (urlsplit(site_url).hostname or "").lower()
        self._sources = dict(sources or {})
        self._root = root
        self._shipped = tuple(shipped)
        self._evidence: dict[str, frozenset[str]] = {}
        self._checked: dict[str, bytes] = {}  # of the scan running (see `scan`)
        self._clean_lines: set[str] = set()  # lines of pages' text in which nothing was found
        self._clean_units: set[str] = set()  # units of pages' markup in which nothing was found
        self._seen_units: set[int] = set()  # hashes of units seen once
        self._nesting = 0  # data: URLs being read, one in another

    @classmethod
    def for_site(cls, site: Site, root: Path, shipped: Iterable[Path] = ()) -> OutputGate:
        """The gate for one published edition of the project at `root`, rendered by an
        engine whose theme folders are `shipped`."""
        sources = {p.src_uri: p.path for p in site.project.pages}
        for document in (*site.briefings, *site.reviews, *site.reports):
            docs_path = routes.docs_path(document.origin.path)
            if docs_path is not None:
                sources[docs_path] = document.origin.path
        taxonomy = site.taxonomy
        shared = {Path(path).stem for path in sources.values()}
        shared |= {*taxonomy.priority_ids(), *taxonomy.agency_ids(), *taxonomy.audience_ids()}
        return cls(
            allow=taxonomy.privacy_allow,
            left_out=site.left_out,
            site_url=site.site_url,
            sources=sources,
            root=root,
            shared_ids=shared,
            shipped=shipped,
        )

    # -- whole site -----------------------------------------------------------------------

    def scan(
        self,
        folder: Path,
        shown_as: str = "site",
        *,
        workers: int | None = None,
        checked: Mapping[str, bytes] | None = None,
        found: Iterable[Problem] = (),
    ) -> list[Problem]:
        """Every problem in the files under `folder`, each path shown under `shown_as`.

        A large site is read by `workers` processes (default: one per CPU, at most
        `MAX_WORKERS`), each taking every n-th file by size; a small one in this process.
        `checked`: files checked already (`file_problems`), by path, with the `page_digest`
        of the bytes checked; such a file is passed only if its bytes are still those, and
        `found` are the problems found in them.
        """
        self._checked = dict(checked or {})
        files = []
        for path in folder.rglob("*"):
            if path.is_file():
                files.append((path.stat().st_size, path.relative_to(folder).as_posix()))
        files.sort(reverse=True)
        if workers is None:
            big = sum(size for size, _ in files) > PARALLEL_FROM
            workers = available(MAX_WORKERS) if big else 1
        shares = [[rel for _, rel in files[i::workers]] for i in range(workers)]
        if workers > 1:
            results = forked_map(self._scan_files, [folder] * workers, shares)
        else:
            results = [self._scan_files(folder, rels) for rels in shares]
        problems = [*found, *(problem for result in results for problem in result)]
        return sorted(
            (replace(p, path=f"{shown_as}/{p.path}") for p in problems), key=lambda p: p.path
        )

    def enforce(
        self,
        folder: Path,
        shown_as: str = "site",
        *,
        checked: Mapping[str, bytes] | None = None,
        found: Iterable[Problem] = (),
    ) -> None:
        """Raise `OutputBlocked` if anything under `folder` must not be published (see `scan`
        for `checked` and `found`)."""
        problems = self.scan(folder, shown_as, checked=checked, found=found)
        if problems:
            raise OutputBlocked(problems)

    def file_problems(self, rel: str, data: bytes) -> list[Problem]:
        """The problems in the file that will be written at `rel` (under the site) as `data`."""
        report = _Report(rel)
        if not _VendorFiles(self._shipped).ships(rel, data):
            self._scan_file(rel, data, report)
        return list(report.problems.values())

    def files_problems(
        self, folder: Path, rels: Iterable[str]
    ) -> tuple[dict[str, bytes], list[Problem]]:
        """Check the files `rels` (paths under `folder`) early: the `page_digest` of each
        file read, by path, and the problems found, to give `scan` (which reads any file
        again whose bytes have changed since). One that is not a file or cannot be read is
        left to `scan`."""
        vendor = _VendorFiles(self._shipped)
        digests: dict[str, bytes] = {}
        problems: list[Problem] = []
        for rel in rels:
            path = folder / rel
            if not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue  # `scan` reports it
            report = _Report(rel)
            if not vendor.ships(rel, data):
                self._scan_file(rel, data, report)
            digests[rel] = page_digest(data)
            problems.extend(report.problems.values())
        return digests, problems

    def _scan_files(self, folder: Path, rels: list[str]) -> list[Problem]:
        vendor = _VendorFiles(self._shipped)
        checked = self._checked
        problems: list[Problem] = []
        for rel in rels:
            report = _Report(rel)
            try:
                data = (folder / rel).read_bytes()
            except OSError as exc:
                report.add(f"cannot be read to check it ({exc.strerror})", None)
            else:
                if rel in checked and checked[rel] == page_digest(data):
                    continue  # its problems, if any, are in `found` already
                if not vendor.ships(rel, data):
                    self._scan_file(rel, data, report)
            problems.extend(report.problems.values())
        return problems

    # -- one file ---------------------------------------------------------------------------

    def _scan_file(self, rel: str, data: bytes, report: _Report) -> None:
        name = rel
        for _ in range(3):  # a gzip inside a gzip, at most
            if not data.startswith(_GZIP_MAGIC):
                break
            try:
                data = _gunzip(data)
            except (OSError, EOFError, zlib.error, ValueError) as exc:
                report.add(f"cannot be decompressed to check it ({exc})", None)
                return
            name = name.removesuffix(".gz")
        if name.endswith(".br"):
            report.add("cannot be checked: Brotli files are not read (serve gzip)", None)
            return
        suffix = name.rpartition(".")[2].lower() if "." in name.rpartition("/")[2] else ""
        errors = "replace"
        if data.startswith(_PAGEFIND_HEADER):  # Pagefind's chunks: JSON, or words in CBOR
            data, errors = data[len(_PAGEFIND_HEADER) :], "ignore"
            if data.startswith(b"\x00asm"):
                return  # its WebAssembly search code: binary, no text of the project
            strings = None if data[:1] in (b"{", b"[") else cbor_strings(data)
            if strings is not None:  # each string read apart: bytes between are no text
                joined = _SEPARATOR.join(_without_pagefind_ids(strings))
                found = self._text_found(joined, "in the text")
                self._report(report, found, self._copied_source(rel))
                return
        elif suffix in _BINARY_SUFFIXES or (
            data.startswith(_BINARY_MAGIC) and b"\x00" in data[:1024]
        ):
            return
        elif suffix not in _MARKUP_SUFFIXES | _XML_SUFFIXES | _JSON_SUFFIXES and (
            b"\x00" in data[:1024]
        ):
            return  # binary of a kind not listed
        text = data.decode("utf-8", errors)
        copied = self._copied_source(rel)
        if suffix in _MARKUP_SUFFIXES:
            found = self._page_found(text)
            if found:
                self._report(report, found, copied, page=self._page_source(rel))
        elif suffix in _XML_SUFFIXES:
            self._report(report, self._markup_found(text, embedded=True), copied)
        elif suffix in _JSON_SUFFIXES:
            self._scan_json(text, report, copied, pagefind=rel.startswith("pagefind/"))
        else:
            found = self._text_found(text, "in the file", read=False)
            if suffix in ("js", "mjs"):
                found += self._script_found(text)
            elif suffix == "css":
                found += self._css_found(text)
            self._report(report, found, copied)

    def _scan_json(
        self, text: str, report: _Report, copied: str | None, *, pagefind: bool = False
    ) -> None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            self._report(report, self._text_found(text, "in the file", read=False), copied)
            return
        if isinstance(data, dict) and isinstance(data.get("docs"), list):
            self._scan_search_index(data["docs"], report)
            data = {k: v for k, v in data.items() if k != "docs"}
        strings = _strings(data)
        if pagefind:  # the page's text, which the hub's search shows as text, never as HTML
            found = self._text_found(_SEPARATOR.join(_without_pagefind_ids(strings)), "in the text")
            self._report(report, found, copied)
            return
        self._report(report, self._strings_found(strings), copied)

    def _scan_search_index(self, docs: list, report: _Report) -> None:
        """MkDocs' search index: read whole, then (only if something is found) entry by
        entry, each named by its page's source."""
        if not self._strings_found(_strings(docs)):
            return
        pages: dict[str, list[str]] = {}
        for doc in docs:
            location = str(doc.get("location", "")) if isinstance(doc, dict) else ""
            pages.setdefault(location.partition("#")[0], []).extend(_strings(doc))
        for location, strings in pages.items():
            page = location if location.endswith(".html") else f"{location}index.html"
            found = self._strings_found(strings, where=f" of the entry for '{location}'")
            self._report(report, found, None, page=self._page_source(page.lstrip("/")))

    # -- what is found ----------------------------------------------------------------------

    def _strings_found(self, strings: list[str], *, where: str = "") -> list[_Found]:
        """Strings from JSON, each read apart, as HTML (search results and feed readers show
        them as HTML)."""
        joined = _SEPARATOR.join(strings)
        if "<" in joined or "&" in joined:
            return self._markup_found(joined, where=where)
        return self._text_found(joined, f"in the text{where}")

    def _markup_found(
        self, markup: str, *, where: str = "", embedded: bool = False
    ) -> list[_Found]:
        """HTML, SVG or XML; with `embedded`, text that is itself markup (a feed's escaped
        HTML) is read again as markup."""
        view = reader_view(markup)
        if not (embedded and "<" in view.text):
            return self._view_found(markup, view, where)
        found = self._load_found(view, markup)
        found += self._text_found(view.tags, f"in an attribute or URL{where}")
        found += self._markup_found(view.text, where=where)
        return self._left_out_found(found, markup, where)

    def _page_found(self, markup: str) -> list[_Found]:
        """`_markup_found` of a page, but its units (`_UNIT_CUT_RE`) found clean on an earlier
        page are not read again. The others are read as one markup, a seam between each two
        (`_SEAM`): where each unit read reads alone as it does within the page (none of its
        tags, comments or elements runs on past a seam: `_reads_alone`), the tags and text
        lines read are the page's but for the units left out; else the page is read whole.
        As for lines (`_page_findings`), so is a page whose read holds a date-of-birth label:
        its date may be in a unit left out."""
        units = _UNIT_CUT_RE.split(markup)  # without the line breaks they were cut at
        if len(units) < _UNITS_FROM or _SEAM in markup:
            return self._markup_found(markup)
        clean, last = self._clean_units, len(units) - 1
        kept = [unit for unit in units if unit not in clean]
        if not kept:
            return []  # each unit found clean, and each reads alone
        # each unit with the line break it was cut at, but the page's last
        breaks = ["\n"] * len(kept)
        if units[last] not in clean:
            breaks[-1] = ""
        read = _SEAM.join(map(str.__add__, kept, breaks))
        pieces = _pieces(read)
        if not _reads_alone(pieces, read, len(kept) - 1):
            return self._markup_found(markup)
        view = _view(pieces, seams=True)
        found = self._view_found(read.replace(_SEAM, ""), view, unless_labelled=True)
        if found is None:
            return self._markup_found(markup)
        if not found:
            self._remember(kept)
        return found

    def _remember(self, units: list[str]) -> None:
        """Remember as clean each of `units` (read in a page where nothing was found, each
        as it reads alone) that is seen the second time."""
        clean, seen = self._clean_units, self._seen_units
        for unit in units:
            key = hash(unit)
            if key not in seen:
                if len(seen) < MAX_SEEN_UNITS:
                    seen.add(key)
            elif len(clean) < MAX_CLEAN_UNITS:
                clean.add(unit)  # read alone without its line break: the same, in text

    def _view_found(
        self, markup: str, view: ReaderView, where: str = "", *, unless_labelled: bool = False
    ) -> list[_Found] | None:
        """What is found in `markup`, whose reader's view is `view`; None if `unless_labelled`
        and the view holds a date-of-birth label (see `_page_findings`)."""
        # One scan for both: a finding past the text's last line is in the tags.
        text = f"{view.text}{_SEPARATOR}{view.tags}"
        findings = self._page_findings(text, unless_labelled=unless_labelled)
        if findings is None:
            return None
        found = self._load_found(view, markup)
        text_lines = view.text.count("\n") + 1
        for line, item in findings:
            place = "in the text" if line <= text_lines else "in an attribute or URL"
            found.append(item._replace(message=f"{item.message} {place}{where}"))
        for name, _, content in view.raw_texts:  # CSS shows text: content:"Call \30 161 ..."
            if name == "style" and "\\" in content:
                css_text = _CSS_ESCAPE_RE.sub(_css_character, content)
                found += self._text_found(css_text, f"in the text{where}")
        return self._left_out_found(found, markup, where)

    def _left_out_found(self, found: list[_Found], markup: str, where: str) -> list[_Found]:
        # The tags view leaves out ids and links within the page: the markup itself has them.
        for item_id, item_source, _ in self._left_out.find(markup):
            if not any(f.evidence == f"id:{item_id}" for f in found):
                message = f"trace of left-out item '{item_id}' ({item_source}) in the markup"
                found.append(_Found(message + where, f"id:{item_id}"))
        return found

    def _text_found(self, text: str, where: str, *, read: bool = True) -> list[_Found]:
        found = self._findings(text, read=read)
        return [item._replace(message=f"{item.message} {where}") for _, item in found]

    def _findings(
        self, text: str, *, read: bool = True, folded: str | None = None
    ) -> list[tuple[int, _Found]]:
        """(line, finding) for the personal data and left-out items in `text`; `read`: the
        text is already read as a reader sees it, else the privacy gate reads it first;
        `folded`: the read text with its odd characters folded already (`PrivacyGate.folded`)."""
        if folded is not None:
            scanned = self._privacy.scan_read(folded, folded=True)
        else:
            scanned = (self._privacy.scan_read if read else self._privacy.scan)(text)
        found = [
            (f.line, _Found(f"possible {f.kind} '{f.masked}'", f"{f.kind}:{f.masked}"))
            for f in scanned
        ]
        for item_id, item_source, offset in self._left_out.find(text):
            message = f"trace of left-out item '{item_id}' ({item_source})"
            found.append((text.count("\n", 0, offset) + 1, _Found(message, f"id:{item_id}")))
        return found

    def _page_findings(
        self, text: str, *, unless_labelled: bool = False
    ) -> list[tuple[int, _Found]] | None:
        """`_findings` of a page's read text, but its lines found clean in an earlier page
        are not scanned again (the theme's header, nav and footer repeat on every page):
        only where every finding lies within one line (`PrivacyGate.within_lines`; a
        left-out id is a token, and no token spans a line). Where a line scanned holds a
        date-of-birth label (its date may be on any line), the whole text is scanned; or,
        with `unless_labelled`, None. No line remembered clean holds a label."""
        lines = text.split("\n")
        clean = self._clean_lines
        kept = [i for i, line in enumerate(lines) if line not in clean]
        kept_text = "\n".join(lines[i] for i in kept)
        folded = self._privacy.folded(kept_text)
        # Only a text without a label is remembered: the lines left out hold none either.
        if not self._privacy.within_lines(folded, folded=True):
            return None if unless_labelled else self._findings(text)
        found = self._findings(kept_text, folded=folded)
        if len(clean) < MAX_CLEAN_LINES:
            flagged = {line for line, _ in found}
            clean.update(lines[i] for n, i in enumerate(kept, 1) if n not in flagged)
        return [(kept[line - 1] + 1, item) for line, item in found]

    def _load_found(self, view: ReaderView, markup: str) -> list[_Found]:
        """Loads from another host in `markup`, whose reader's view is `view`: from its tags
        as written, each attribute's value decoded as a browser decodes it, and from its
        scripts and styles. Where a script's or raw text element's content could hold a tag,
        the tags of `markup` read with every element's content as markup too (inside <svg>
        or <math>, and in a <noscript> without scripts, a browser reads them so)."""
        found = self._tags_found(view.written_tags)
        raw = [content for _, content in view.scripts] + [c for _, _, c in view.raw_texts]
        if any(_TAG_IN_TEXT_RE.search(content) for content in raw):
            as_markup = _view(_pieces(markup, _MARKUP_TAG_RE)).written_tags
            found += [item for item in self._tags_found(as_markup) if item not in found]
        for name, _, content in view.raw_texts:
            if name == "style":
                found += self._css_found(content, decoded=True)
        for start, script in view.scripts:
            if "json" not in _attributes(start[len("script") :]).get("type", "").lower():
                found += self._script_found(script, decoded=True)  # data (JSON) loads nothing
        return found

    def _tags_found(self, tags: str) -> list[_Found]:
        """Loads by the attributes of `tags` (as written, each marked at its start)."""
        found = []
        for m in _LOADING_TAG_RE.finditer(tags):
            tag = m.group()
            if not any(mark in tag for mark in _URL_MARKS):
                continue  # no URL in it can name another host
            element = m.group(1).lower()
            found += self._tag_found(element, _attributes(tag[len(element) + 1 :].rstrip(">")))
        return found + self._any_element_found(tags)

    def _any_element_found(self, tags: str) -> list[_Found]:
        """Loads by the attributes any element has (`_ANY_ELEMENT_LOADS`, and event
        handlers), by attribute in that order: all pings first, then styles, ..."""
        lowered = tags.lower()
        hints = _ANY_ELEMENT_HINT_RE.finditer(lowered)
        hinted = {m.group()[1:].split("=")[0].strip(_WS) for m in hints}
        names = [name for name in _ANY_ELEMENT_LOADS if name in hinted]
        handlers = any(name.startswith("on") for name in hinted)
        if not names and not handlers:
            return []
        by_name: dict[str, list[_Found]] = {name: [] for name in [*names, "on"]}
        for m in _START_TAG_RE.finditer(tags):
            tag = m.group().lower()
            if not (any(name in tag for name in names) or handlers and _HANDLER_RE.search(tag)):
                continue
            element, attrs = m.group(1).lower(), _attributes(m.group(2))
            for name, value in attrs.items():
                kind = _ANY_ELEMENT_LOADS.get(name, "script" if name.startswith("on") else None)
                if kind is None or (kind != "script" and name not in names):
                    continue
                found = by_name["on" if kind == "script" else name]
                if kind == "urls":
                    for url in value.split():
                        found += self._url_found(url, "a ping attribute")
                elif kind == "css":
                    found += self._css_found(value)
                elif kind == "script":
                    found += self._script_found(value)
                else:
                    found += self._url_found(value, f"<{element} {name}>")
        return [item for name in by_name for item in by_name[name]]

    def _tag_found(self, element: str, attrs: dict[str, str]) -> list[_Found]:
        found = []
        rel = set(attrs.get("rel", "").lower().split())
        if element == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            refresh = _REFRESH_URL_RE.match(attrs.get("content", ""))
            if refresh and refresh.group(1).strip(_WS):
                url = refresh.group(1).strip()
                if url[:1] in "'\"" and url:
                    url = url[1:].split(url[0], 1)[0]
                found += self._url_found(url, "<meta refresh>")
        if element in _ANIMATED and attrs.get("attributename", "").lower() in _LINK_NAMES:
            for name in ("from", "to", "values"):
                for url in attrs.get(name, "").split(";"):
                    found += self._url_found(url, f"<{element} {name}>")
        for name, value in attrs.items():
            if name not in _LOADING_ATTRS:
                continue
            if name == "srcdoc":  # an iframe's own page, read as the frame reads it
                found += self._framed_found(value)
                continue
            if name in _LINK_NAMES and element not in _HREF_LOADS:
                continue
            if element == "link" and name == "href" and rel and rel <= _LINK_RELS_NOT_LOADED:
                continue
            if name == "data" and element != "object":
                continue
            for url in _srcset_urls(value) if name.endswith("srcset") else [value]:
                found += self._url_found(url, f"<{element} {name}>")
        return found

    def _css_found(self, css: str, *, decoded: bool = False) -> list[_Found]:
        """Loads in CSS, as written and with its escapes decoded ("\\75 rl(" is "url("); with
        `decoded`, with its entities decoded too (an SVG <style> is read so)."""
        found = []
        for form in _css_forms(css, decoded):
            lowered = form.lower()
            if not any(mark in lowered for mark in ("url", "@import", "//", ":")):
                continue
            for m in _CSS_URL_RE.finditer(form):
                url = next((g for g in m.groups() if g is not None), "")
                what = "a CSS url()" if m.group(0)[0] in "uU" else "a CSS @import"
                found += self._url_found(url, what)
            hosts = {item.evidence for item in found}
            unselected = _ATTRIBUTE_SELECTOR_RE.sub("[]", form)  # a[href^="https://..."]
            for item in self._script_found(unselected) + self._css_strings_found(unselected):
                if item.evidence not in hosts:  # image-set("https://..."), any other form
                    hosts.add(item.evidence)
                    found.append(item._replace(message=item.message.replace("script", "CSS", 1)))
        return _first_of_each(found)

    def _css_strings_found(self, css: str) -> list[_Found]:
        """Strings in CSS that are URLs with a scheme ("http:host" too, which "//" misses)."""
        found = []
        for m in _CSS_STRING_URL_RE.finditer(css):
            host = _url_host(m.group(1))
            if host is not None and host.lower() != self._own_host:
                host = host.lower()
                message = f"loads from another host: a CSS URL to {host}"
                found.append(_Found(message, f"host:{host}"))
        return found

    def _script_found(self, script: str, *, decoded: bool = False) -> list[_Found]:
        """Loads in a script; with `decoded`, with its entities decoded too (an SVG <script>
        is read so)."""
        found = []
        for form in [script, html.unescape(script)] if decoded and "&" in script else [script]:
            if "//" not in form:
                continue
            for m in _SCRIPT_URL_RE.finditer(form):
                host = (m.group(1) or m.group(2)).lower()
                if host != self._own_host:
                    message = f"loads from another host: a script URL to {host}"
                    found.append(_Found(message, f"host:{host}"))
        return _first_of_each(found)

    def _url_found(self, url: str, what: str) -> list[_Found]:
        host = _url_host(url)
        if host is None:
            return self._nested_found(url)
        if host.lower() == self._own_host:
            return []
        return [_Found(f"loads from another host: {what} from {host}", f"host:{host.lower()}")]

    def _framed_found(self, markup: str) -> list[_Found]:
        """A page within the page (an iframe's srcdoc, a data: URL): its loads, and its text
        and attributes as its reader sees them."""
        view = reader_view(markup)
        read = f"{view.text}{_SEPARATOR}{view.tags}"
        return self._load_found(view, markup) + self._text_found(read, "in an attribute or URL")

    def _nested_found(self, url: str) -> list[_Found]:
        """What a data: or javascript: URL holds, read as the browser reads it: a page (its
        loads, and its text as a reader sees it), a stylesheet or a script."""
        nested = _nested_content(url)
        if nested is None or self._nesting >= _NESTING:
            return []
        kind, content = nested
        self._nesting += 1
        try:
            found = []
            if kind in ("markup", "any", "script"):  # javascript:'<img ...>' writes a page
                found += self._framed_found(content)
            if kind in ("css", "any"):
                found += self._css_found(content)
            if kind in ("script", "any"):
                found += self._script_found(content)
            return _first_of_each(found)
        finally:
            self._nesting -= 1

    # -- sources ----------------------------------------------------------------------------

    def _report(
        self, report: _Report, found: list[_Found], copied: str | None, *, page: str | None = None
    ) -> None:
        """Add `found` to `report`, each naming its source: the file copied as this output,
        else the page's own source or a template in overrides/ that holds what was found
        (else, for a page, the theme or generated content)."""
        for item in found:
            source = copied
            is_page = page is not None or report.shown_as.endswith(".html")
            if source is None and is_page and self._root is not None:
                candidates = [page] if page else []
                candidates += self._templates()
                source = next(
                    (c for c in candidates if item.evidence in self._evidence_in(c)), GENERATED
                )
            report.add(item.message, source)

    def _templates(self) -> list[str]:
        if self._root is None or not (self._root / "overrides").is_dir():
            return []
        return sorted(
            p.relative_to(self._root).as_posix()
            for p in (self._root / "overrides").rglob("*")
            if p.is_file() and p.suffix in (".html", ".js", ".css")
        )

    def _evidence_in(self, path: str) -> frozenset[str]:
        """What `path` (project-relative) holds that a finding can name: the evidence keys."""
        if path not in self._evidence:
            try:
                text = (self._root / path).read_text(encoding="utf-8") if self._root else ""
            except (OSError, UnicodeDecodeError):
                text = ""
            keys = {evidence for _, (_, evidence) in self._findings(text, read=False)}
            keys |= {f"host:{m.group(1).lower()}" for m in _ANY_HOST_RE.finditer(text)}
            keys |= {f"id:{item}" for item, _, _ in self._left_out.find(text)}
            self._evidence[path] = frozenset(keys)
        return self._evidence[path]

    def _page_source(self, rel: str) -> str | None:
        """The source of the page at output path `rel` (x/index.html is x.md or x/index.md)."""
        candidates = routes.page_candidates(rel)
        return next((self._sources[c] for c in candidates if c in self._sources), None)

    def _copied_source(self, rel: str) -> str | None:
        """content/<rel> or overrides/<rel>, if the engine copied the file from there."""
        if self._root is None:
            return None
        for folder in ("content", "overrides"):
            if (self._root / folder / rel).is_file():
                return f"{folder}/{rel}"
        return None


def page_digest(data: bytes) -> bytes:
    """What names a file's bytes as checked (see `OutputGate.scan`)."""
    return hashlib.blake2b(data, digest_size=32).digest()


def _gunzip(data: bytes) -> bytes:
    """Decompress gzip members, refusing more than `MAX_UNPACKED` bytes."""
    out = bytearray()
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out += inflater.decompress(data, MAX_UNPACKED + 1 - len(out))
        if len(out) > MAX_UNPACKED or inflater.unconsumed_tail:
            raise ValueError(f"more than {MAX_UNPACKED // 2**20} MiB once unpacked")
        if not inflater.eof:
            raise EOFError("it ends before its end")
        data = inflater.unused_data
        if data and not data.startswith(_GZIP_MAGIC):
            break  # trailing bytes after the last member, as gzip allows
    return bytes(out)


def _attributes(tag_body: str) -> dict[str, str]:
    """A tag's attributes (names lower-cased, values decoded); the first of a name wins."""
    attrs: dict[str, str] = {}
    for m in _ATTR_RE.finditer(tag_body):
        name = m.group(1).lower()
        value = next((g for g in m.groups()[1:] if g is not None), "")
        attrs.setdefault(name, html.unescape(value))
    return attrs


def _nested_content(url: str) -> tuple[str, str] | None:
    """(what it is, its text) of a data: or javascript: URL: "markup", "css", "script" or
    "any" (no type a browser would not read as one of those); None for another URL, or data
    of another type (an image: it holds no URL)."""
    url = url.strip(_C0_AND_SPACE).translate({9: None, 10: None, 13: None})
    scheme, colon, rest = url.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in ("data", "javascript"):
        return None
    if scheme == "javascript":
        return "script", unquote(rest)
    meta, _, data = rest.partition(",")
    media = meta.split(";", 1)[0].strip().lower()
    if meta.lower().rstrip().endswith(";base64"):
        packed = re.sub(rf"[{_WS}]", "", unquote(data))
        try:
            content = base64.b64decode(packed + "=" * (-len(packed) % 4)).decode("utf-8", "replace")
        except (ValueError, binascii.Error):
            return None  # no browser reads it either
    else:
        content = unquote(data)
    if any(word in media for word in ("html", "xml", "svg")):
        return "markup", content
    if "css" in media:
        return "css", content
    if "javascript" in media or "ecmascript" in media:
        return "script", content
    return ("any", content) if not media or media.startswith("text/") else None


def _first_of_each(found: list[_Found]) -> list[_Found]:
    """`found` with each evidence once (its first finding)."""
    seen: set[str] = set()
    return [item for item in found if not (item.evidence in seen or seen.add(item.evidence))]


def _css_forms(css: str, entities: bool) -> list[str]:
    """CSS as written, then (where they differ) with its entities decoded (`entities`) and
    with its escapes decoded, as a browser reads it."""
    forms = [css]
    if entities and "&" in css:
        forms.append(html.unescape(css))
    for form in list(forms):
        if "\\" in form:
            forms.append(_CSS_ESCAPE_RE.sub(_css_character, form))
    return forms


def _css_character(m: re.Match[str]) -> str:
    if m.group(1) is None:
        return "" if m.group(2) == "\n" else m.group(2)
    code = int(m.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _srcset_urls(srcset: str) -> list[str]:
    """The URLs of a srcset: comma-separated candidates "url [descriptor]"."""
    return [part.split()[0] for part in srcset.split(",") if part.split()]


def _strings(value: object) -> list[str]:
    """Every string in a JSON value, keys included, depth first."""
    out: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out.extend(str(k) for k in item)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return out


class _VendorFiles:
    """Files the theme or a package ships, byte for byte: they hold nothing of the project."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        self._folders = folders
        self._hashes = _vendor_hashes()

    def ships(self, rel: str, data: bytes) -> bool:
        if rel.endswith(".html"):
            return False  # pages are rendered from templates, never shipped as they are
        if rel in self._hashes:
            return hashlib.sha256(data).hexdigest() == self._hashes[rel]
        for folder in self._folders:
            candidate = folder / rel
            try:
                if candidate.stat().st_size == len(data) and candidate.read_bytes() == data:
                    return True
            except OSError:
                continue
        return False


# Pagefind's names for its pages and chunks ("en_ae3a1fb"): random hex that can look like a
# postcode or a phone number, and nothing of the project.
_OPEN = -1  # an indefinite-length CBOR item: read until its break
_PAGEFIND_ID = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*_[0-9a-f]{6,}")


def _without_pagefind_ids(strings: list[str]) -> list[str]:
    return [s for s in strings if not _PAGEFIND_ID.fullmatch(s)]


def cbor_strings(data: bytes) -> list[str] | None:
    """Every text and byte string of one CBOR item (a Pagefind index chunk), in order; None
    unless `data` is exactly one well-formed item, so text that merely parses as CBOR heads is
    read as text. Walked with a stack of item counts, not recursion: any depth in one loop."""
    strings: list[str] = []
    append, from_bytes = strings.append, int.from_bytes
    at, end = 0, len(data)
    pending = [1]  # items still to read at each open level; _OPEN until a break (0xff)
    left = 1  # pending[-1], kept in a local: this loop runs once per item of the chunk
    while True:
        if left == 0 or (left == _OPEN and at < end and data[at] == 0xFF):
            at += left == _OPEN  # the break that ends an indefinite-length item
            pending.pop()
            if not pending:
                break
            left = pending[-1]
            continue
        if at >= end:
            return None
        head = data[at]
        at += 1
        if head == 0xFF:  # a break where no indefinite-length item is open
            return None
        if left != _OPEN:
            left -= 1
            pending[-1] = left
        if head < 0x1C or 0x20 <= head < 0x3C:  # an integer (most of an index chunk)
            info = head & 0x1F
            if info >= 24:  # its value in the next 1, 2, 4 or 8 bytes: passed over
                at += 1 << (info - 24)
                if at > end:
                    return None
            continue
        major, info = head >> 5, head & 0x1F
        if info == 31:
            if major not in (2, 3, 4, 5):
                return None
            pending.append(_OPEN)
            left = _OPEN
            continue
        if info < 24:
            value = info
        elif info <= 27:
            size = 1 << (info - 24)
            if at + size > end:
                return None
            value = from_bytes(data[at : at + size], "big")
            at += size
        else:
            return None
        if major == 2 or major == 3:
            if at + value > end:
                return None
            append(data[at : at + value].decode("utf-8", "replace"))
            at += value
        elif major >= 4 and major <= 6:  # an array, a map (keys and values), a tag (one item)
            left = value * 2 if major == 5 else 1 if major == 6 else value
            pending.append(left)
    return strings if at == end else None


def _vendor_hashes() -> dict[str, str]:
    """Output path -> SHA-256 of files the hub vendors or its search engine writes as they are
    (plotly.js, Pagefind's runtime)."""
    from .charts import PLOTLY_JS_PATH, PLOTLY_JS_SHA256
    from .search import RUNTIME_SHA256

    return {PLOTLY_JS_PATH: PLOTLY_JS_SHA256, **RUNTIME_SHA256}
