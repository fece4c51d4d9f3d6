"""data/search.yaml: synonym groups for search."""

from __future__ import annotations

from pydantic import Field

from .common import Model, Text


class SearchSettings(Model):
    """`synonyms`: groups of words or phrases that mean the same to practitioners."""

    synonyms: list[list[Text]] = Field(default_factory=list)
