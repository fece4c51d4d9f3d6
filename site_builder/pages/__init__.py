"""Generated output: every page and file the hub adds to a site, as paths and content.

Each generator is a pure function of the `Site` (the published view and its as-of
date) returning `OutputFile`s with docs-relative paths: `briefings/index.md` becomes
`/briefings/`, `actions/actions.csv` is copied as it is. Adapters (the MkDocs hooks)
only hand these to their build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..site import Site


@dataclass(frozen=True)
class OutputFile:
    """One generated file: a docs-relative path and its text (Markdown for pages) or bytes."""

    path: str
    content: str | bytes


Generator = Callable[[Site], list[OutputFile]]


def generators() -> list[Generator]:
    """Every generator, in the order their files are added."""
    # Imported here so each page module may import helpers from this package.
    from .. import charts
    from . import (
        actions,
        agencies,
        assurance,
        briefings,
        feedback,
        feeds,
        home,
        reports,
        reviews,
        themes,
    )

    return [
        home.generate,
        briefings.generate,
        feedback.generate,
        reviews.generate,
        themes.generate,
        agencies.generate,
        feeds.generate,
        actions.generate,
        reports.generate,
        assurance.generate,
        charts.generate,
    ]


def generate(site: Site) -> list[OutputFile]:
    """All generated files of `site`; a path generated twice is a bug."""
    files: list[OutputFile] = []
    seen: set[str] = set()
    for generator in generators():
        for output in generator(site):
            if output.path in seen:
                raise RuntimeError(f"two generators wrote {output.path}")
            seen.add(output.path)
            files.append(output)
    return files
