"""Dropping links to left-out items from author Markdown.

A published page may link to a draft or embargoed document; the link is dropped
(its text kept) rather than left broken or leaking the item's address.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection

# [label](target "title") — inline links and images' link part; reference links are rare here.
_LINK_RE = re.compile(
    r"(?<!!)\[(?P<label>[^\]\n]*)\]\((?P<target><[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\)"
)


def drop_links(markdown: str, src_uri: str, left_out: Collection[str]) -> str:
    """`markdown` with links to any of `left_out` (docs-relative .md paths) replaced by their text.

    `src_uri` is the docs-relative path of the page the Markdown belongs to; targets may
    be written as file links (`../reviews/x.md`) or as directory URLs (`/reviews/x/`).
    """
    if not left_out:
        return markdown
    targets = set(left_out)

    def replace(match: re.Match[str]) -> str:
        target = match.group("target").strip("<>")
        resolved = resolve(target, src_uri)
        return match.group("label") if resolved in targets else match.group(0)

    return _LINK_RE.sub(replace, markdown)


def resolve(target: str, src_uri: str) -> str | None:
    """The docs-relative .md path a link target points at, or None for external links."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        base = posixpath.dirname(src_uri)
        # A page is served as a directory (x.md -> x/), so URL-style links are relative to it.
        if not path.endswith(".md"):
            base = posixpath.join(base, posixpath.splitext(posixpath.basename(src_uri))[0])
            if posixpath.basename(src_uri) == "index.md":
                base = posixpath.dirname(src_uri)
        joined = posixpath.normpath(posixpath.join(base, path))
    joined = joined.rstrip("/")
    if joined.endswith(".md"):
        return joined
    return f"{joined}.md" if joined else "index.md"
