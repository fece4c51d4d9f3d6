"""Dropping links to left-out items from author Markdown.

A published page may link to a draft or embargoed document; the link is dropped (its
text kept) rather than left broken or leaking the item's address. Every form Markdown and
HTML allow is handled: inline links and images, reference links and their definitions,
autolinks, raw HTML attributes, and the site's own URLs written out in the text, as file
links (`../reviews/x.md`), directory URLs (`/reviews/x/`, `x/index.html`), absolute site
URLs (`https://site/reviews/x/#part`), entity- or percent-encoded.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# [label](target "title") and ![alt](target): one level of brackets inside the label, one
# of parentheses inside the target (as Markdown allows).
_INLINE_RE = re.compile(
    r"(?P<bang>!?)\[(?P<label>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
# [label][ref], [label][] and [ref]; not a definition, not an inline link.
_REFERENCE_RE = re.compile(
    r"(?P<bang>!?)\[(?P<label>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"(?:\[(?P<ref>(?:[^\[\]\\]|\\.)*)\])?(?![(:])"
)
_DEFINITION_RE = re.compile(
    r"^ {0,3}\[(?P<ref>(?:[^\[\]\\]|\\.)+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)[^\n]*$", re.M
)
_AUTOLINK_RE = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
# Possessive: a run of text that splits into attributes many ways must not be tried each way.
_TAG_RE = re.compile(
    r"<[A-Za-z][^\s/<>]*+"
    r"(?:[\s/]*+[^\s\"'<>/=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'<>]++))?+)*+"
    r"[\s/]*+>"
)
# A URL written out in text: with a scheme, or protocol-relative.
_BARE_URL_RE = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s<>()\[\]\"'`]+")
_URL_ATTRS = frozenset(
    {"href", "src", "srcset", "xlink:href", "action", "formaction", "data", "poster", "cite"}
    | {"background", "ping", "longdesc", "lowsrc", "dynsrc"}
)
# Elements that are nothing but what they point at: dropped whole.
_POINTER_ELEMENTS = frozenset({"img", "source", "track", "embed", "input", "link", "area"})
_SLUG_RE = re.compile(r"[a-z0-9-]+")  # document ids are slugs (models.common.SLUG_RE)
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200d\u2060\ufeff]")


def drop_links(
    markdown: str, src_uri: str, left_out: Collection[str], site_url: str = ""
) -> str:
    """`markdown` with links to any of `left_out` (docs-relative .md paths) replaced by their text.

    `src_uri` is the docs-relative path of the page the Markdown belongs to; `site_url` (from
    mkdocs.yml) says which absolute URLs are the site's own. A link's text is kept; an image,
    an autolink or a URL written out in the text goes, since its text is the address.
    """
    if not left_out:
        return markdown
    target = _Targets(left_out, src_uri, site_url)
    if not target.may_name_one(markdown):
        return markdown
    dropped_refs: set[str] = set()

    def definition(match: re.Match[str]) -> str:
        if not target.is_left_out(_unbracket(match.group("target"))):
            return match.group(0)
        dropped_refs.add(_label(match.group("ref")))
        return ""

    def inline(match: re.Match[str]) -> str:
        if not target.is_left_out(_unbracket(match.group("target"))):
            return match.group(0)
        return "" if match.group("bang") else match.group("label")

    def reference(match: re.Match[str]) -> str:
        ref = match.group("ref") or match.group("label")
        if _label(ref) not in dropped_refs:
            return match.group(0)
        return "" if match.group("bang") else match.group("label")

    def autolink(match: re.Match[str]) -> str:
        return "" if target.is_left_out(match.group("target")) else match.group(0)

    def tag(match: re.Match[str]) -> str:
        return _drop_from_tag(match.group(0), target)

    def bare(match: re.Match[str]) -> str:
        url = match.group(0).rstrip(".,;:!?")
        tail = match.group(0)[len(url) :]
        return tail if target.is_left_out(url) else match.group(0)

    text = _DEFINITION_RE.sub(definition, markdown)
    for _ in range(3):  # a link may sit inside another's label: [![x](draft.md)](draft.md)
        changed = _INLINE_RE.sub(inline, text)
        if changed == text:
            break
        text = changed
    if dropped_refs:
        text = _REFERENCE_RE.sub(reference, text)
    text = _AUTOLINK_RE.sub(autolink, text)
    text = _TAG_RE.sub(tag, text)
    return _BARE_URL_RE.sub(bare, text)


class _Targets:
    """Whether a link target points at (or into) a left-out item, from one page."""

    def __init__(self, left_out: Collection[str], src_uri: str, site_url: str) -> None:
        self.stems = {_stem(path) for path in left_out}
        self.ids = {stem.rsplit("/", 1)[-1] for stem in self.stems}
        self.src_uri = src_uri
        site = urlsplit(site_url) if site_url else None
        self.site_host = site.netloc.lower() if site else None
        self.site_path = (site.path.rstrip("/") + "/") if site else "/"

    def may_name_one(self, text: str) -> bool:
        """Whether a left-out item's id is a word of `text` read as `resolve` reads a URL:
        an address to it has the id as a path segment, so without one there is none."""
        decoded = _INVISIBLE_RE.sub("", unquote(html.unescape(text))).lower()
        return not self.ids.isdisjoint(_SLUG_RE.findall(decoded))

    def is_left_out(self, target: str) -> bool:
        path = resolve(target, self.src_uri, self.site_host, self.site_path)
        if path is None:
            return False
        stem = _stem(path)
        parts = stem.split("/")
        return any("/".join(parts[:n]) in self.stems for n in range(1, len(parts) + 1))


def resolve(
    target: str, src_uri: str, site_host: str | None = None, site_path: str = "/"
) -> str | None:
    """The docs-relative .md path a link target points at, or None for other sites' links.

    The target is read as a browser would: entities and percent-escapes decoded, invisible
    characters dropped, backslashes as slashes. An absolute URL is the site's own when its
    host is `site_host` (any host when that is None, to be safe) and its path starts with
    `site_path`.
    """
    url = _INVISIBLE_RE.sub("", unquote(html.unescape(target))).replace("\\", "/")
    if url.startswith("#") or not url:
        return None
    if url.startswith("//") or re.match(r"^https?:", url, re.IGNORECASE):
        parts = urlsplit(url if not url.startswith("//") else f"http:{url}")
        if site_host is not None and parts.netloc.lower() != site_host:
            return None
        path = parts.path or "/"
        if not path.startswith(site_path) and f"{path}/" != site_path:
            return None
        url = "/" + path[len(site_path) :]
    elif _SCHEME_RE.match(url):
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    path = re.sub(r"(?:^|/)index\.html?$", "/", path)
    path = re.sub(r"\.html?$", "/", path)
    if path.startswith("/"):
        joined = posixpath.normpath(path).lstrip("/")
    else:
        base = posixpath.dirname(src_uri)
        # A page is served as a directory (x.md -> x/), so URL-style links are relative to it.
        if not path.endswith(".md"):
            base = posixpath.join(base, posixpath.splitext(posixpath.basename(src_uri))[0])
            if posixpath.basename(src_uri) == "index.md":
                base = posixpath.dirname(src_uri)
        joined = posixpath.normpath(posixpath.join(base, path))
    # Above the site root is the root, for a browser resolving the URL.
    joined = re.sub(r"^(?:\.\.(?:/|$))+", "", joined.lstrip("/")).strip("/")
    joined = "" if joined == "." else joined
    if joined.endswith(".md"):
        return joined
    return f"{joined}.md" if joined else "index.md"


def _stem(path: str) -> str:
    """`reviews/x.md`, `reviews/x/index.md` -> `reviews/x` (lower case: hosts may ignore it)."""
    stem = path.lower().removesuffix(".md")
    return stem.removesuffix("/index") if stem != "index" else ""


def _drop_from_tag(raw: str, target: _Targets) -> str:
    """A start tag without its attributes pointing at a left-out item (`<a href>` then
    leaves its text as plain text); an image or the like pointing there goes whole."""
    parsed = _parse_tag(raw)
    if parsed is None:
        return raw
    name, attrs = parsed
    kept = []
    for key, value in attrs:
        urls = _srcset_urls(value or "") if key == "srcset" else [value or ""]
        if key in _URL_ATTRS and any(target.is_left_out(url) for url in urls):
            continue
        if value and _BARE_URL_RE.search(value) and any(
            target.is_left_out(m.group(0)) for m in _BARE_URL_RE.finditer(value)
        ):
            continue
        kept.append((key, value))
    if len(kept) == len(attrs):
        return raw
    if name in _POINTER_ELEMENTS:
        return ""
    attributes = "".join(
        f" {key}" if value is None else f' {key}="{html.escape(value, quote=True)}"'
        for key, value in kept
    )
    return f"<{name}{attributes}{' /' if raw.rstrip('>').endswith('/') else ''}>"


class _TagParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag: tuple[str, list[tuple[str, str | None]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.tag is None:
            self.tag = (tag, attrs)

    handle_startendtag = handle_starttag


def _parse_tag(raw: str) -> tuple[str, list[tuple[str, str | None]]] | None:
    parser = _TagParser()
    parser.feed(raw)
    parser.close()
    return parser.tag


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


def _unbracket(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of space do not count."""
    return " ".join(text.lower().split())
