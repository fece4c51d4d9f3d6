"""One problem type for everything the hub reports to an author.

Loaders and checks collect `Problem`s instead of raising, so an author sees every
mistake in one pass; the CLI and the MkDocs hook print them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from . import words

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake in one file, at one line where a line applies."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """`path:line: severity: message`, or `path: severity: message` without a line."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"

    def __str__(self) -> str:
        return self.format()


class Problems:
    """An ordered collection of problems, filled by loaders and checks."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = list(items)

    def error(self, path: str, line: int | None, message: str) -> None:
        self._items.append(Problem(path, line, message, "error"))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self._items.append(Problem(path, line, message, "warning"))

    def add(self, problem: Problem) -> None:
        self._items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def insert(self, index: int, problems: Iterable[Problem]) -> None:
        """Put `problems` at `index`, where they would have been found in a single pass."""
        self._items[index:index] = problems

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Problems in file order, then line order; the order authors read them in."""
        return sorted(self._items, key=lambda p: (p.path, p.line or 0))

    def summary(self) -> str:
        """One line: how many errors and warnings, or that all is well."""
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return "hub check: no problems found"
        return f"hub check: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


def _plural(n: int, word: str) -> str:
    return words.plural(n, word)
