"""Atomic publishing: build into a fresh directory, then swap it in.

A build that fails, or is stopped, leaves the previous site exactly as it was. The engine
renders a staged build folder (see `site_builder.engine`); search and the output gate run
after it, whatever it is.
Staging folders carry the builder's process id, so the next build can tell one left by a
killed build (its process is gone) from one still being written.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .engine import Docs, Engine, EngineFailed, PageSink
from .fragments import FragmentLost, Fragments
from .interrupts import stop_signals_deferred, stop_signals_held
from .page_stream import PageStream, Streamed, remove_stale_views
from .pipeline import SITE, Prepared
from .publication import AS_OF_ENV, INTERNAL_ENV, PREVIEW_ENV, Edition
from .search import BUNDLE, SearchIndexFailed, index_site
from .site_dir import checked_site_dir

if TYPE_CHECKING:
    from .gate import OutputGate


class BuildFailed(Exception):
    """The engine failed; the previous site is untouched."""


def engine_env(edition: Edition, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment that tells the hook of `mkdocs serve` which edition to preview."""
    env = dict(base)
    env[AS_OF_ENV] = edition.as_of.isoformat()
    env[INTERNAL_ENV] = "1" if edition.internal else "0"
    env[PREVIEW_ENV] = "1" if edition.preview else "0"
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def mkdocs_command(root: Path, verb: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", verb, "--config-file", str(root / "mkdocs.yml"), *args]


def build_site(
    prepared: Prepared,
    site_dir: Path,
    engine: Engine,
    gate: OutputGate | None = None,
    shown_as: str = "site",
) -> None:
    """Stage `prepared` in a temporary sibling of `site_dir`, render it with `engine`, index
    it for search, then swap the rendered site in.

    `SiteDirError` if `site_dir` may not be replaced; then nothing is written.
    `gate` (the output gate, its findings shown under `shown_as`) reads the rendered folder
    before the swap and raises `OutputBlocked` to keep the previous site. An engine that hands
    over its pages as it writes them has them checked and indexed meanwhile (see
    `site_builder.page_stream`).
    """
    root = prepared.site.project.root
    site_dir = checked_site_dir(root, site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site_dir)
    prefix = f".{site_dir.name}.build-{os.getpid()}-"
    staging = None
    try:
        with stop_signals_deferred():  # a stop as it is made still finds it to remove
            staging = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
        config = prepared.stage(staging, root, engine.overrides, docs=not engine.takes_docs)
        rendered = staging / SITE
        docs = prepared.docs(root) if engine.takes_docs else None
        streamed = _render(engine, config, rendered, gate, prepared.held, docs)
        if streamed is None:
            if engine.streams_pages:  # its worker failed: what it wrote of the bundle goes
                shutil.rmtree(rendered / BUNDLE, ignore_errors=True)
            try:
                index_site(rendered)  # after the engine, whatever it is; before the swap
            except SearchIndexFailed as exc:
                raise BuildFailed(str(exc)) from None
        make_readable(rendered)
        if gate is not None:
            checked, found = (streamed.digests, streamed.problems) if streamed else ({}, [])
            gate.enforce(rendered, shown_as, checked=checked, found=found)
        swap_in(rendered, site_dir)
    finally:
        if staging is not None:
            with stop_signals_held():
                shutil.rmtree(staging, ignore_errors=True)


def _render(
    engine: Engine,
    config: Path,
    rendered: Path,
    gate: OutputGate | None,
    held: Fragments | None = None,
    docs: Docs | None = None,
) -> Streamed | None:
    """Render with `engine` (given `docs` if it takes them), `held`'s blocks put back in each
    page; what was checked and indexed meanwhile, or None if nothing was."""
    try:
        if not (engine.streams_pages and PageStream.available()):
            engine.render(config, None if held is None else _filled(held, None), docs)
            streamed = None
        else:
            with PageStream(rendered, gate) as stream:
                engine.render(config, _filled(held, stream.page), docs)
                streamed = stream.finish()
    except EngineFailed as exc:
        raise BuildFailed(str(exc)) from None
    except FragmentLost as exc:
        raise BuildFailed(f"internal error: {exc}") from None
    if held is not None and held.unplaced():
        raise BuildFailed(f"internal error: {held.unplaced()} block(s) of raw HTML not rendered")
    return streamed


def _filled(held: Fragments | None, then: PageSink | None) -> PageSink:
    """The page sink: `held`'s blocks back in the page, which then goes to `then`."""

    def page(rel: str, html: str) -> str:
        if held is not None:
            html = held.fill(html, rel)
        if then is not None:
            then(rel, html)
        return html

    return page


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames on one file system."""
    with stop_signals_held():
        retired = None
        if site_dir.exists():
            retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
            shutil.rmtree(retired, ignore_errors=True)
            site_dir.rename(retired)
        try:
            staging.rename(site_dir)
        except OSError:
            if retired is not None:
                retired.rename(site_dir)
            raise
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)


def make_readable(folder: Path) -> None:
    """Give `folder` and everything in it the modes the umask gives new files (0755 and 0644
    under umask 022): a web server running as another user must read the site, and
    `mkdtemp` made the folder private."""
    umask = os.umask(0o022)
    os.umask(umask)
    folder_mode, file_mode = 0o777 & ~umask, 0o666 & ~umask
    os.chmod(folder, folder_mode)
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_dir():
                    os.chmod(entry.path, folder_mode)
                    pending.append(Path(entry.path))
                else:
                    os.chmod(entry.path, file_mode)


def remove_stale_staging(site_dir: Path) -> None:
    """Delete the staging and retired folders of `site_dir` that builds killed (kill -9, a
    power cut) left behind: those whose process is no longer running; and their search
    views in memory (`page_stream.views_folder`)."""
    name = re.escape(site_dir.name)
    stale = re.compile(rf"\.{name}\.(?:build-(\d{{1,7}})-[a-z0-9_]{{8}}|old-(\d{{1,7}}))")
    with os.scandir(site_dir.parent) as entries:
        for entry in entries:
            match = stale.fullmatch(entry.name)
            if not match or not entry.is_dir(follow_symlinks=False):  # a symlink is not ours
                continue
            if not _running(int(match.group(1) or match.group(2))):
                shutil.rmtree(entry.path, ignore_errors=True)
    remove_stale_views(_running)


def _running(pid: int) -> bool:
    if pid == os.getpid():  # a reused id (containers start at 1): ours holds no staging yet
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True


_ENGINE_GRACE = 10.0  # seconds an engine asked to stop has to clean up, before it is killed


def run_engine(
    command: list[str], env: Mapping[str, str] | None, cwd: Path, stdout: IO | None = None
) -> int:
    """Run the engine and return its exit code; a stop request stops it too, never leaving it
    running unseen (it is started with stop requests deferred, and stopped on any exception).

    Its own process group: Ctrl+C reaches `hub` alone, which stops the engine quietly: with
    a Ctrl+C of its own, so that it cleans up (`mkdocs serve` deletes the site it serves from
    a temporary folder), then, if it has not ended within `_ENGINE_GRACE`, killed.
    """
    engine = None
    try:
        with stop_signals_deferred():
            engine = subprocess.Popen(
                command, env=env, cwd=cwd, process_group=0, stdout=stdout, stderr=stdout
            )
        return engine.wait()
    except BaseException:
        if engine is not None:
            with stop_signals_held():
                _stop(engine)
        raise


def _stop(engine: subprocess.Popen) -> None:
    try:
        engine.send_signal(signal.SIGINT)
        engine.wait(timeout=_ENGINE_GRACE)
    except (OSError, subprocess.TimeoutExpired):
        engine.kill()
        engine.wait()


def serve_site(root: Path, edition: Edition, dev_addr: str | None) -> int:
    """Live preview through the engine; returns its exit code. Problems are shown in the
    browser too, so the preview starts even when there are errors."""
    args = ["--dev-addr", dev_addr] if dev_addr else []
    env = engine_env(edition)
    try:
        return run_engine(mkdocs_command(root, "serve", *args), env, root)
    except KeyboardInterrupt:
        return 0
