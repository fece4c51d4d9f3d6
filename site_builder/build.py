"""Atomic publishing: build into a fresh directory, then swap it in.

A build that fails leaves the previous site exactly as it was. The engine that
renders pages (MkDocs today) is a command line: a second adapter is another command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .publication import AS_OF_ENV, INTERNAL_ENV, Edition

CHECKED_ENV = "HUB_CHECKED"  # the CLI has printed the problems; the hook need not repeat them


class BuildFailed(Exception):
    """The engine failed; the previous site is untouched."""


def engine_env(edition: Edition, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment that tells the adapter which edition to build."""
    env = dict(base)
    env[AS_OF_ENV] = edition.as_of.isoformat()
    env[INTERNAL_ENV] = "1" if edition.internal else "0"
    env[CHECKED_ENV] = "1"
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def mkdocs_command(root: Path, verb: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", verb, "--config-file", str(root / "mkdocs.yml"), *args]


def build_site(
    root: Path,
    site_dir: Path,
    edition: Edition,
    check_output: Callable[[Path], None] | None = None,
) -> None:
    """Render the site into a temporary sibling of `site_dir`, then swap it in.

    `check_output` (the output gate) reads the rendered folder before the swap and raises
    `BuildFailed` to keep the previous site."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        command = mkdocs_command(root, "build", "--site-dir", str(staging), "--quiet")
        result = subprocess.run(command, env=engine_env(edition), cwd=root)
        if result.returncode != 0:
            raise BuildFailed(f"the site engine failed (exit {result.returncode})")
        if check_output is not None:
            check_output(staging)
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames on one file system."""
    retired = None
    if site_dir.exists():
        retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        shutil.rmtree(retired, ignore_errors=True)
        site_dir.rename(retired)
    staging.rename(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def serve_site(root: Path, edition: Edition, dev_addr: str | None) -> int:
    """Live preview through the engine; returns its exit code."""
    args = ["--dev-addr", dev_addr] if dev_addr else []
    env = engine_env(edition)
    env.pop(CHECKED_ENV)
    try:
        return subprocess.run(mkdocs_command(root, "serve", *args), env=env, cwd=root).returncode
    except KeyboardInterrupt:
        return 0
