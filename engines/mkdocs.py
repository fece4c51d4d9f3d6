"""MkDocs with Material: renders a staged build folder in this process (no second load)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import material

from site_builder.engine import EngineFailed

THEME = Path(material.__file__).parent / "templates"


class MkDocs:
    """`hub build --engine mkdocs` (the default)."""

    overrides: dict = {}
    shipped = (THEME,)

    def render(self, config: Path) -> None:
        """Build `config`'s docs folder into its site folder; only errors are printed."""
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        logger = logging.getLogger("mkdocs")
        level = logger.level
        logger.setLevel(logging.ERROR)  # as `mkdocs build --quiet`
        try:
            settings = load_config(config_file=str(config))
            settings.plugins.on_startup(command="build", dirty=False)
            try:
                build(settings)
            finally:
                settings.plugins.on_shutdown()
        except MkDocsException as exc:
            raise EngineFailed(f"MkDocs: {exc.format_message()}") from None
        finally:
            logger.setLevel(level)
