"""Zensical: renders a staged build folder with `zensical build`, in its own process.

Zensical runs no MkDocs hooks and has no generated-files API, which is why the hub stages a
complete docs folder. Its search is off (the hub's is Pagefind) and its classic look is the
one Material readers know.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import zensical  # missing: `hub build --engine zensical` says how to install it

from site_builder.build import run_engine
from site_builder.engine import Docs, EngineFailed, PageSink

THEME = Path(zensical.__file__).parent / "templates"
_SHOWN_LINES = 20  # of Zensical's output, when it fails


class Zensical:
    """`hub build --engine zensical`."""

    overrides: dict = {
        "theme": {"variant": "classic"},
        "plugins": {"search": {"enabled": False}},
    }
    shipped = (THEME,)
    raw_links_from_source = True  # it rewrites raw HTML links as it does Markdown links
    streams_pages = False  # it writes them in its own process
    takes_docs = False  # it reads the staged docs folder

    def render(
        self, config: Path, pages: PageSink | None = None, docs: Docs | None = None
    ) -> None:
        """Build `config`'s docs folder into its site folder; its output shown on failure."""
        command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)]
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as log:
            returncode = run_engine(command, None, config.parent, stdout=log)
            if returncode != 0:
                log.seek(0)
                tail = log.read().strip().splitlines()[-_SHOWN_LINES:]
                raise EngineFailed(f"Zensical failed (exit {returncode}): " + " | ".join(tail))
