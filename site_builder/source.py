"""Reading source files: UTF-8 text, front matter and YAML that remembers its lines.

Everything here turns raw bytes into plain Python data plus a `LineMap`, so that a
validation error about `actions[2].due` can name the line the author wrote it on.
Problems with the file itself (bad bytes, YAML syntax) raise `SourceError`.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None

Loc = tuple[Hashable, ...]


class SourceError(Exception):
    """A file that cannot be read as text, YAML or front matter."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class LineMap:
    """Line numbers of the keys and values of a YAML document, by location path."""

    first_line: int = 1
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, *loc: Hashable) -> int:
        """The line of `loc`, else of its nearest parent, else the document's first line."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


@dataclass
class YamlDocument:
    data: Any
    lines: LineMap
    duplicate_keys: list[tuple[int, str]] = field(default_factory=list)  # (line, key), 2nd+ use
    duplicate_first: dict[tuple[int, str], int] = field(default_factory=dict)  # → first line


@dataclass
class FrontMatterDocument:
    front_matter: YamlDocument | None  # None: the file has no front matter
    body: str
    body_line: int  # file line of the body's first line


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
# YAML 1.1 less its surprises: dates stay text (we parse them strictly) and only true/false
# are booleans, so a title "No" stays a title.
_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP, _BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TRUE_FALSE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for _first in "tTfF":
    _RESOLVERS.setdefault(_first, []).append((_BOOL, _TRUE_FALSE))


class _Loader(yaml.SafeLoader):
    """The pure-Python parser: slow, but it fails cleanly on any input."""

    yaml_implicit_resolvers = _RESOLVERS


if CParser is not None:

    class _FastLoader(CParser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
        """The same rules on libyaml's parser, for ordinary files (about 10x faster)."""

        yaml_implicit_resolvers = _RESOLVERS

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """No path resolvers are registered: nothing to track."""

        def ascend_resolver(self) -> None:
            """No path resolvers are registered: nothing to track."""

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            """`Resolver.resolve` without path resolvers (we register none): the hot path."""
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, regexp in _RESOLVERS.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return self.DEFAULT_SCALAR_TAG
            if kind is yaml.SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG
            return self.DEFAULT_MAPPING_TAG

else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader

# libyaml recurses in C: a document nested thousands deep would crash the process. Nesting is
# at most the number of brackets plus the longest line (indents and "- - -"); past this bound
# the pure-Python parser, which stops cleanly, takes over.
_FAST_NESTING_BOUND = 2000
# Aliases can multiply a small document into a huge one ("billion laughs"); stop early.
_MAX_NODES = 200_000


# What a file of these formats starts with: such a file that is not UTF-8 is binary, not text.
_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"RIFF",  # WebP, WAV, AVI
    b"\x00\x00\x01\x00",  # ICO
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, DOCX, XLSX
    b"wOFF",  # web fonts
    b"wOF2",
    b"\x1f\x8b",  # gzip
    b"OggS",
    b"ID3",  # MP3
    b"fLaC",
)
_BINARY_SNIFF = 8192  # bytes looked at for NUL bytes
# Files with these suffixes are text whatever their bytes: one that is not UTF-8 is an error.
TEXT_SUFFIXES = frozenset(
    (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".txt", ".text", ".html", ".htm", ".xml")
    + (".svg", ".csv", ".tsv", ".json", ".yml", ".yaml", ".ics", ".css", ".js", ".rss")
    + (".atom", ".vcf", ".rtf", ".tex", ".log", ".ini", ".toml", ".cfg", ".conf", ".webmanifest")
)


def is_binary(raw: bytes, suffix: str) -> bool:
    """Whether a file's bytes are binary (an image, a PDF...), not text for a reader.

    Only a file that is not UTF-8 can be binary: anything that decodes is read as text. It is
    binary if it holds a NUL byte in its first 8 KB or starts like a known binary format, and
    its suffix is not a text format's.
    """
    if suffix.lower() in TEXT_SUFFIXES:
        return False
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    return b"\x00" in raw[:_BINARY_SNIFF] or raw.startswith(_BINARY_MAGIC)


def read_text(path: Path) -> str:
    """The file's text; `SourceError` naming the line of the first byte that is not UTF-8."""
    return decode_text(path.read_bytes())


def decode_text(raw: bytes) -> str:
    """Bytes as text, as `read_text` reads them."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        raise SourceError(
            line, f"file is not UTF-8 text (byte 0x{byte}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document, keeping the line of every key and value."""
    loader = _loader_for(text)
    try:
        node = loader.get_single_node()
        doc = YamlDocument(None, LineMap(first_line))
        if node is not None:
            doc.data = _Constructor(loader, doc, text).build(node, ())
        return doc
    except yaml.MarkedYAMLError as exc:
        # A problem at the end of the text is reported on its last line.
        line = min(_mark_line(exc, first_line), first_line + text.count("\n"))
        opened = _unclosed_quote(text, line - first_line)
        if opened is not None:
            index, mark = opened
            raise SourceError(first_line + index, _unclosed_quote_message(mark)) from None
        raise SourceError(line, _yaml_message(exc, text)) from None
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, exc.position)
        raise SourceError(line, _reader_message(exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(first_line, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise SourceError(first_line, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def _loader_for(text: str) -> Any:
    nesting = text.count("[") + text.count("{") + max(map(len, text.split("\n")))
    return _FastLoader(text) if nesting <= _FAST_NESTING_BOUND else _Loader(text)


def front_matter_text(text: str) -> tuple[str, int] | None:
    """The text of a file's `---` front matter and the line it starts on; None if it has none
    (or it is not closed)."""
    first_end = text.find("\n")
    if not text.startswith("---") or first_end == -1:
        return None
    if not YAMLHandler.FM_BOUNDARY.fullmatch(text[:first_end]):
        return None
    closing = _FM_CLOSE.search(text, first_end + 1)
    if closing is None:
        return None
    return text[first_end + 1 : max(first_end + 1, closing.start() - 1)], 2


# A line that may continue a string: not a key, a list item, a comment or blank; or a block
# scalar (">", "|"); or a line whose quotes are not closed on it.
_MAY_SPAN_LINES = re.compile(
    r"""^(?![ \t]*(?:-[ \t]+)*(?:[^\s:#'"][^:\n]*|"[^"\n]*"|'[^'\n]*'):(?:[ \t]|$))
         (?![ \t]*(?:-(?:[ \t]|$)|\#|$)).*$
      | [:-][ \t]*[|>][-+0-9]*[ \t]*(?:\#.*)?$
      | ^[^"\n]*"(?:[^"\n]*"[^"\n]*")*[^"\n]*$
      | ^[^'\n]*'(?:[^'\n]*'[^'\n]*')*[^'\n]*$""",
    re.MULTILINE | re.VERBOSE,
)
_FM_CLOSE = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)


def yaml_texts(text: str, first_line: int = 1) -> list[tuple[int, int, str]]:
    """(first line, last line, value) of each string in a YAML text that a reader sees other
    than as written: escaped ("\\x30"), folded or split over lines.

    Any YAML is read, tags and all (mkdocs.yml's "!!python/name:"), nothing is constructed;
    text that is not YAML gives []. Other strings read as they are written.
    """
    if "\\" not in text and not _MAY_SPAN_LINES.search(text):
        return []  # every string is on one line, as written: the text scan reads it
    loader = _loader_for(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return []
    finally:
        loader.dispose()
    found: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:  # a loop, not recursion: nesting depth is the author's
        node = stack.pop()
        if id(node) in seen:  # an alias: read once
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            start, end = node.start_mark, node.end_mark
            escaped = node.style == '"' and "\\" in text[start.index : end.index]
            if escaped or end.line > start.line:
                found.append((first_line + start.line, first_line + end.line, node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
        else:
            stack.extend(reversed(node.value))
    found.sort(key=lambda item: item[0])
    return found


def csv_texts(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, cell) of each CSV cell that spans lines (a quoted note with line
    breaks): a reader sees it run on. A file that is not CSV gives what was read before the
    error."""
    if '"' not in text:
        return []
    reader = csv.reader(io.StringIO(text))
    found = []
    start = 1
    try:
        for record in reader:
            if reader.line_num > start:
                found.extend((start, reader.line_num, cell) for cell in record if "\n" in cell)
            start = reader.line_num + 1
    except csv.Error:
        pass
    return found


def split_front_matter(text: str) -> FrontMatterDocument:
    """Split `---` front matter from the body, keeping line numbers of both."""
    lines = text.split("\n")
    if not lines or not YAMLHandler.FM_BOUNDARY.fullmatch(lines[0]):
        return FrontMatterDocument(None, text, 1)
    for index in range(1, len(lines)):
        if YAMLHandler.FM_BOUNDARY.fullmatch(lines[index]):
            fm_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return FrontMatterDocument(load_yaml(fm_text, first_line=2), body, index + 2)
    raise SourceError(1, "front matter is not closed: add a line '---' after it")


_NEWLINE_RE = re.compile("\n")


class _Constructor:
    """Python data from a node graph, recording the line of each key and value."""

    def __init__(self, loader: Any, doc: YamlDocument, text: str) -> None:
        self.loader = loader
        self.doc = doc
        self.first_line = doc.lines.first_line
        # YAML also breaks lines at NEL and U+2028/9; authors' editors don't, so count '\n' only.
        self.newlines = [match.start() for match in _NEWLINE_RE.finditer(text)]
        self.nodes = 0
        self.open: set[int] = set()  # ids of the collections being built: an alias cycle

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.nodes += 1
        line = self._line(node.start_mark)
        if self.nodes > _MAX_NODES:
            raise SourceError(line, "invalid YAML: too large once its aliases (*name) are expanded")
        self.doc.lines.lines.setdefault(loc, line)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, line)
        if id(node) in self.open:
            raise SourceError(line, "invalid YAML: an alias (*name) refers to itself")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, loc)
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _line(self, mark: Any) -> int:
        return self.first_line + bisect.bisect_left(self.newlines, mark.index)

    def _scalar(self, node: yaml.ScalarNode, line: int) -> Any:
        if node.tag == _STR:
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            detail = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            raise SourceError(line, f"invalid YAML value: {detail}") from None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = self._line(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(
                    key_line, "invalid YAML: a key must be plain text, not a list or mapping"
                )
            key = self._scalar(key_node, key_line)
            if key in seen:
                self.doc.duplicate_keys.append((key_line, str(key)))
                self.doc.duplicate_first[(key_line, str(key))] = seen[key]
            seen.setdefault(key, key_line)
            self.doc.lines.lines[(*loc, key)] = key_line
            result[key] = self.build(value_node, (*loc, key))
        return result


# A value that starts with a quote: `title: "Text`, `- 'item`.
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s'"#:][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, last: int) -> tuple[int, str] | None:
    """(index, quote mark) of the first line up to `last` whose value opens a quote that the
    line does not close: the likeliest cause of a YAML error found on a later line."""
    for index, line in enumerate(text.split("\n")[: last + 1]):
        match = _QUOTED_VALUE.match(line)
        if match and not _closes(match.group(2), match.group(1)):
            return index, match.group(1)
    return None


def _closes(rest: str, mark: str) -> bool:
    """Whether `rest` (the text after an opening quote) holds the closing quote."""
    if mark == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None


def _unclosed_quote_message(mark: str) -> str:
    return (
        f"invalid YAML: the quote {mark} opened on this line is not closed:"
        f" end the text with {mark} on the same line"
    )


def _mark_line(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return first_line + (mark.line if mark else 0)


# What the YAML parsers say (libyaml's and PyYAML's wordings), and what an author can act on.
_YAML_HINTS = (
    ("mapping values are not allowed", "a value containing ': ' must be in quotes"),
    ("found unexpected end of stream", "a quote is not closed"),
    ("did not find expected ',' or ']'", "a list in [brackets] is not closed with ']'"),
    ("did not find expected ',' or '}'", "a mapping in {braces} is not closed with '}'"),
    ("did not find expected key", "a line is indented differently from the fields around it"),
    ("did not find expected '-' indicator", "a line is indented differently from the list items"),
    (
        "found undefined alias",
        "an alias (*name) with no anchor (&name); quote a value starting '*'",
    ),
    ("found unknown escape character", "a backslash in \"double quotes\"; use 'single quotes'"),
    ("but found another document", "a line '---' starts a second YAML document; remove it"),
    (
        "found character that cannot start any token",
        "a value cannot start with '@' or '`'; quote it",
    ),
    (
        "could not find expected ':'",
        "a line is neither 'key: value' nor a list item; is a ':' missing?",
    ),
    ("did not find expected node content", "a value is missing (after '-', ',' or '[')"),
    ("while scanning an alias", "a value starting with '*' must be in quotes"),
    ("while scanning an anchor", "a value starting with '&' must be in quotes"),
    ("while scanning a directive", "a line starting with '%' must be in quotes"),
    ("while scanning a block scalar", "after '|' or '>' the text must start on the next line"),
)


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = " ".join(p for p in (exc.context, exc.problem) if p) or "syntax error"
    if _is_tab_error(exc, text):
        return "invalid YAML: a tab character; indent with spaces, not tabs"
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return f"invalid YAML: {hint}"
    return f"invalid YAML: {problem}"


def _is_tab_error(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """The parser stopped at a tab, or in indentation that holds one."""
    mark = exc.problem_mark
    if mark is None:
        return False
    if "'\\t'" in (exc.problem or ""):
        return True
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return "\t" in line[: mark.column + 1] and not line[: mark.column].strip(" \t")


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    char = exc.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return f"invalid YAML: the control character {code} is not allowed; remove it"
