"""Free pages: any other Markdown under content/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FreePage:
    path: str  # project-relative, e.g. content/about.md
    src_uri: str  # docs-relative, e.g. about.md
    text: str
