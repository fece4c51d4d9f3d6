"""Reading source files: UTF-8 text, front matter and YAML that remembers its lines.

Everything here turns raw bytes into plain Python data plus a `LineMap`, so that a
validation error about `actions[2].due` can name the line the author wrote it on.
Problems with the file itself (bad bytes, YAML syntax) raise `SourceError`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

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
    duplicate_keys: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class FrontMatterDocument:
    front_matter: YamlDocument | None  # None: the file has no front matter
    body: str
    body_line: int  # file line of the body's first line


class _Loader(yaml.SafeLoader):
    """YAML 1.1 less its surprises: dates stay text (we parse them strictly) and only
    true/false are booleans, so a title "No" stays a title."""


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP, _BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_text(path: Path) -> str:
    """The file's text; `SourceError` naming the line of the first byte that is not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        raise SourceError(line, f"file is not UTF-8 text (byte 0x{byte}); save it as UTF-8") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document, keeping the line of every key and value."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_mark_line(exc, first_line), _yaml_message(exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(first_line, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    doc = YamlDocument(None, LineMap(first_line))
    if node is not None:
        doc.data = _construct(node, loader, (), doc)
    return doc


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


def _construct(node: yaml.Node, loader: _Loader, loc: Loc, doc: YamlDocument) -> Any:
    doc.lines.lines.setdefault(loc, doc.lines.first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, loader, (*loc, "<key>"), doc)
            if not isinstance(key, Hashable):
                raise SourceError(
                    doc.lines.first_line + key_node.start_mark.line, "a key must be plain text"
                )
            key_line = doc.lines.first_line + key_node.start_mark.line
            if key in result:
                doc.duplicate_keys.append((key_line, str(key)))
            doc.lines.lines[(*loc, key)] = key_line
            result[key] = _construct(value_node, loader, (*loc, key), doc)
        doc.lines.lines.pop((*loc, "<key>"), None)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader, (*loc, i), doc) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        line = doc.lines.first_line + node.start_mark.line
        raise SourceError(line, f"invalid YAML value: {exc}") from None


def _mark_line(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return first_line + (mark.line if mark else 0)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    detail = "; ".join(parts) if parts else "syntax error"
    hint = ""
    if "mapping values are not allowed" in detail:
        hint = " (a value containing ': ' must be in quotes)"
    elif "found character '\\t'" in detail:
        hint = " (indent with spaces, not tabs)"
    return f"invalid YAML: {detail}{hint}"
