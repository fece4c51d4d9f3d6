"""Pagefind run on a folder of pages: its command line, the binary from the `pagefind[extended]`
wheel (nothing is fetched at build time).

The command line reads the pages on every core and writes the bundle before it exits, so the
bundle is complete once it has. (Its service, fed a page at a time while the engine renders,
indexes on one core: at 2,000 pages it took twice as long to write its bundle, after the engine,
as the command line takes to do everything.)
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from pathlib import Path

from .interrupts import end_with_parent


class IndexerFailed(Exception):
    """Pagefind could not index the site; the message says why."""


def index_folder(pages: Path, config: dict[str, object]) -> int:
    """Index the HTML files under `pages` (each served at its path under it) into
    `config["output_path"]`, with Pagefind's other `config` settings; the pages indexed."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise IndexerFailed("the Pagefind binary is not installed")
    command = [str(executable)]
    for key, value in {**config, "site": pages}.items():
        if key in ("site", "output_path"):  # it is run in another folder
            value = os.path.abspath(value)  # noqa: PLW2901
        for each in value if isinstance(value, list) else [value]:
            command += [f"--{key.replace('_', '-')}", str(each)]
    # Run in an empty folder, without the environment's PAGEFIND_ settings: it reads its
    # settings from both, and a pagefind.yml an author put in the site must not count.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        with tempfile.TemporaryDirectory(prefix="hub-pagefind-") as empty:
            done = subprocess.run(
                command,
                cwd=empty,
                env=env,
                capture_output=True,
                text=True,
                errors="replace",
                # (not where other threads run: a forked child must then only exec)
                preexec_fn=end_with_parent if threading.active_count() == 1 else None,
            )
    except OSError as exc:
        raise IndexerFailed(f"Pagefind could not start ({exc.strerror})") from None
    if done.returncode != 0:
        raise IndexerFailed(f"Pagefind failed (exit {done.returncode}){_why(done)}")
    return _pages_indexed(done.stdout)


def _why(done: subprocess.CompletedProcess) -> str:
    """Pagefind's own reason: its error lines, each once, or its last line."""
    lines = [line.strip() for line in f"{done.stdout}\n{done.stderr}".splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    said = "; ".join(dict.fromkeys(errors)) or (lines[-1] if lines else "")
    return f": {said[:500]}" if said else ""


def _pages_indexed(output: str) -> int:
    """How many pages Pagefind says it indexed ("Indexed 67 pages")."""
    for line in output.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "Indexed" and words[2] in ("page", "pages"):
            return int(words[1])
    return 0
