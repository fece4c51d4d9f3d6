"""Generated pages (being written)."""

from __future__ import annotations

from ..site import Site
from . import OutputFile


def generate(site: Site) -> list[OutputFile]:
    return []
