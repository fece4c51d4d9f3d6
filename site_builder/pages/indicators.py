"""A priority's indicators for its theme page (latest value, RAG, trend, small chart)."""

from __future__ import annotations

from ..site import Site


def theme_indicators_markdown(site: Site, priority_id: str) -> str:
    """Markdown section listing the priority's indicators; '' when it has none."""
    return ""
