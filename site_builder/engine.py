"""The engines that render a staged build folder into HTML, found by name.

The hub knows no engine: each is an adapter installed under the entry-point group
`safeguarding_hub.engines` (this project's `engines/` package ships MkDocs with Material and
Zensical). An adapter is an object with:

    overrides: dict             settings merged into the derived config (engine-specific)
    shipped: tuple[Path, ...]   the theme folders whose files it copies into the site as they
                                are (the output gate passes those byte for byte)
    raw_links_from_source: bool whether it rewrites relative URLs in raw HTML as relative to
                                the page's source, as Markdown links (see routes.relative_url)
    streams_pages: bool         whether `render` hands over each page as it writes it
    takes_docs: bool            whether `render` takes the docs folder's files from memory
                                (`docs`, as `Prepared.docs`): the staged docs folder is empty
    render(config: Path, pages: PageSink | None = None, docs: Docs | None = None) -> None
        build the staged folder whose config is `config` (see `Prepared.stage`) into its
        `site/`, with the files `docs` if it takes them (else None: they are in the folder);
        raise `EngineFailed` with a reason an author can read. If it streams pages,
        call `pages(site-relative path, text)` for each page and write the text it returns
        (the hub puts back the raw HTML it held aside, `site_builder.fragments`, and checks
        and indexes the page meanwhile, on another core: `site_builder.page_stream`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

GROUP = "safeguarding_hub.engines"
DEFAULT = "mkdocs"
ENGINE_ENV = "HUB_ENGINE"  # the engine `hub build` uses without --engine


class EngineFailed(Exception):
    """The engine could not render the site; the previous site is untouched."""


class EngineMissing(Exception):
    """No engine of that name is installed."""


PageSink = Callable[[str, str], str | None]
"""Called with (site-relative path of a page, its text) before the engine writes it; returns
the text to write (None: as it is). The engine has written each page by the time it hands
over the next one, or ends: the hub's workers then read it as written."""


Docs = Mapping[str, str | bytes | Path]
"""The files of a docs folder, by docs path: text, bytes, or the path of a file to copy."""


class Engine(Protocol):
    overrides: dict
    shipped: tuple[Path, ...]
    raw_links_from_source: bool
    streams_pages: bool
    takes_docs: bool

    def render(
        self, config: Path, pages: PageSink | None = None, docs: Docs | None = None
    ) -> None: ...


def names() -> list[str]:
    """The names of the installed engines."""
    return sorted({point.name for point in entry_points(group=GROUP)})


def engine(name: str) -> Engine:
    """The engine `name`, ready to render; `EngineMissing` saying how to install it."""
    points = [point for point in entry_points(group=GROUP) if point.name == name]
    if not points:
        known = ", ".join(names()) or "none"
        raise EngineMissing(f"unknown engine {name!r} (installed: {known})")
    try:
        return points[0].load()()
    except ImportError as exc:
        raise EngineMissing(
            f"the {name} engine is not installed ({exc.name or exc}): run"
            f" .venv/bin/pip install -e '.[{name}]'"
        ) from None
