"""MkDocs with Material: renders a staged build folder in this process (no second load)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import material
from mkdocs.plugins import BasePlugin

from site_builder.engine import EngineFailed, PageSink

THEME = Path(material.__file__).parent / "templates"


class MkDocs:
    """`hub build --engine mkdocs` (the default)."""

    overrides: dict = {}
    shipped = (THEME,)
    raw_links_from_source = False  # raw HTML is left to the browser
    streams_pages = True

    def render(self, config: Path, pages: PageSink | None = None) -> None:
        """Build `config`'s docs folder into its site folder, handing each page to `pages`
        as it is written; only errors are printed."""
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from jinja2 import TemplateError
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        logger = logging.getLogger("mkdocs")
        level = logger.level
        logger.setLevel(logging.ERROR)  # as `mkdocs build --quiet`
        try:
            settings = load_config(config_file=str(config))
            if pages is not None:
                settings.plugins["hub-pages"] = _Pages(pages)
            settings.plugins.on_startup(command="build", dirty=False)
            try:
                build(settings)
            finally:
                settings.plugins.on_shutdown()
        except MkDocsException as exc:
            raise EngineFailed(f"MkDocs: {exc.format_message()}") from None
        except TemplateError as exc:  # a theme override that does not compile or render
            where = f" in {exc.filename}:{exc.lineno}" if getattr(exc, "filename", None) else ""
            raise EngineFailed(f"MkDocs: template error{where}: {exc.message}") from None
        except (ImportError, ValueError, TypeError, KeyError, AttributeError) as exc:
            # a Markdown extension or theme setting MkDocs did not validate
            raise EngineFailed(f"MkDocs: {type(exc).__name__}: {exc}") from None
        finally:
            logger.setLevel(level)


class _Pages(BasePlugin):
    """Hands each page to the hub before MkDocs writes it."""

    def __init__(self, pages: PageSink) -> None:
        super().__init__()
        self._pages = pages

    def on_post_page(self, output: str, page, config) -> str:
        return self._pages(page.file.dest_uri, output) or output
