"""Pages as the engine writes them: checked and made ready for search on other cores meanwhile.

An engine that renders in this process (MkDocs) hands each page to `PageStream.page` as it
writes it. Two forked workers read it once it is written (by path, a few pages at a time):
one runs the output gate over the page's bytes; the other writes what Pagefind is to read of
it (`search.pagefind_view`) to a folder in memory (or beside the site: `views_folder`), and
once the engine is done runs Pagefind over that folder, on every core. What the gate worker
checked is named by a digest of the bytes:
afterwards the gate reads every file of the site as before and passes over only a file whose
bytes are exactly those checked (see `OutputGate.scan`). Pages the engine wrote without
handing them over (its 404 page) are given to Pagefind whole, as its own walk of the site
would.

Once the engine is done, the checker has the site's other files to check too (feeds, CSVs,
assets), while Pagefind runs. Once the bundle is written, its files are queued as well, and
this process takes pages and files from the checker's queue as the checker does, a few files at
a time, so that both cores are busy until the last one is checked.

If a worker fails or is stopped, `finish` returns None and the build indexes and checks the
whole folder after the engine, as it does for an engine that renders elsewhere (Zensical).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import search
from .interrupts import stop_signals_deferred, stop_signals_end_worker

if TYPE_CHECKING:
    from .gate import OutputGate
    from .problems import Problem

# How an engine writes a page's text (MkDocs: `_build_page`): how the indexer reads it, and
# writes what Pagefind reads of it.
ENCODING, ERRORS = "utf-8", "xmlcharrefreplace"
VIEWS = "hub-search-pages"  # what Pagefind reads of each page, in a folder so named
RAM = Path("/dev/shm")  # Linux's folder in memory (tmpfs)
_RAM_ROOM = 1 << 30  # bytes it must have free for the views to go there (Docker's has 64 MiB)
_END = None
_BATCH = 32  # files of the search bundle to a checker's item (a list of paths under the site)
_PAGES_BATCH = 8  # pages to an item: each item wakes both workers
_VIEW, _WHOLE = "view", "whole"  # the indexer's items: pages to index by their view, or whole
_POLL = 1.0  # seconds: how often a waiting worker checks that the build is still running
_INDEXER, _CHECKER = "hub-page-indexer", "hub-page-checker"  # the workers, by name
_CHECKER_NICENESS = 10


@dataclass(frozen=True)
class Streamed:
    """What the workers did: the digest of each page the gate checked, by site-relative path, and
    what the gate found in them."""

    digests: dict[str, bytes]
    problems: list[Problem]


class PageStream:
    """Workers that check and index pages while the engine renders the rest.

    Use as a context manager: leaving the block stops the workers if they are still running.
    Once the engine is done, `end()` tells them so, and `finish()` waits for them; the site's
    other files can be checked in between.
    """

    def __init__(self, site_dir: Path, gate: OutputGate | None) -> None:
        context = multiprocessing.get_context("fork")
        self._site_dir = site_dir
        self._sent: set[str] = set()
        self._unsent: list[str] = []  # handed over, not yet queued: the last may be unwritten
        self._ended = False
        self._gate = gate
        self._done: dict[str, object] = {}  # each worker's result, by name
        self._checks_ended = False  # the checker's end, and this process's, are queued
        # unbounded: the engine never waits for a worker
        self._pages, self._checks = context.Queue(), context.Queue() if gate else None
        self._results = context.Queue()
        parent = os.getpid()
        self._workers = [
            context.Process(
                name=_INDEXER,
                target=_work,
                args=(_index, self._pages, self._results, site_dir, parent),
            )
        ]
        if gate is not None:
            self._workers.append(
                context.Process(
                    name=_CHECKER,
                    target=_work,
                    args=(_check, self._checks, self._results, gate, site_dir, parent),
                )
            )

    @staticmethod
    def available() -> bool:
        """Whether this platform can fork a worker (not Windows, not macOS's default)."""
        return "fork" in multiprocessing.get_all_start_methods()

    @property
    def sent(self) -> frozenset[str]:
        """The pages handed over so far, by site-relative path."""
        return frozenset(self._sent)

    def __enter__(self) -> PageStream:
        try:
            with stop_signals_deferred():  # a stop during the fork reaches this process
                for worker in self._workers:
                    worker.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            if worker.pid is not None and worker.is_alive():
                worker.kill()
        for worker in self._workers:
            if worker.pid is not None:
                worker.join()
        for channel in (self._pages, self._checks, self._results):
            if channel is not None:  # what a worker did not read is dropped
                channel.cancel_join_thread()
                channel.close()

    def page(self, rel: str, html: str) -> None:
        """Page `rel` (site-relative, `briefings/x/index.html`) will be written as `html`.

        The pages handed over before it are written by now (the engine's contract): they are
        queued by path, a few at a time, and the workers read them as written.
        """
        if html.strip():  # an engine writes no file for an empty page
            if len(self._unsent) >= _PAGES_BATCH:
                self._queue_written()
            self._sent.add(rel)
            self._unsent.append(rel)

    def _queue_written(self) -> None:
        """Queue the pages handed over so far, which are written by now, for both workers."""
        if self._unsent:
            self._pages.put((_VIEW, self._unsent))
            if self._checks is not None:
                self._checks.put(self._unsent)
            self._unsent = []

    def end(self) -> None:
        """The engine has written the site: the indexer adds the HTML files it was not
        handed, then makes the search bundle; the checker has the site's other files to
        check meanwhile (but the bundle, which is being written)."""
        if self._ended:
            return
        self._ended = True
        self._queue_written()
        files = [rel for rel in _files(self._site_dir, search.BUNDLE) if rel not in self._sent]
        self._pages.put((_WHOLE, [rel for rel in files if rel.endswith(".html")]))
        self._pages.put(_END)
        self._queue_files(files)

    def finish(self) -> Streamed | None:
        """`end()`, then what was checked, once both workers are done (the search bundle
        written and checked); None if a worker failed. Once the bundle is written, this
        process shares what is left to check with the checker."""
        self.end()
        here = _Checked(self._gate, self._site_dir) if self._gate is not None else None
        try:
            if self._result(_INDEXER) is None:
                return None
            if here is not None and not self._check_here(here):
                return None
            results = [self._result(worker.name) for worker in self._workers]
        finally:
            self._end_checks()  # the checker ends, whatever happened here
        if any(result is None for result in results):
            return None
        checked = results[-1]
        if not isinstance(checked, Streamed) or here is None:
            return Streamed({}, [])
        return Streamed({**checked.digests, **here.digests}, [*checked.problems, *here.problems])

    def _check_here(self, here: _Checked) -> bool:
        """Queue the bundle's files for the checker, then take pages and files from its
        queue, as it does, until the end; False if the checker failed."""
        bundle = _files(self._site_dir / search.BUNDLE)
        self._queue_files([f"{search.BUNDLE}/{rel}" for rel in bundle])
        self._end_checks()
        checker = next(worker for worker in self._workers if worker.name == _CHECKER)
        while True:
            try:
                item = self._checks.get(timeout=_POLL)
            except queue.Empty:
                if checker.is_alive():
                    continue
                return False  # it may have died holding the queue
            if item is _END:
                return True
            here.take(item)
            if not self._collect(0):  # take the checker's result as soon as it is written:
                return False  # a large one waits in the pipe, and the checker with it

    def _queue_files(self, files: list[str]) -> None:
        """Queue `files` for the checker (and this process) to check, a few at a time, the
        largest first: the last to be taken are small, so both end at about the same time."""
        if self._checks is None:
            return
        files = sorted(files, key=lambda rel: -_size(self._site_dir / rel))
        for start in range(0, len(files), _BATCH):
            self._checks.put(files[start : start + _BATCH])

    def _end_checks(self) -> None:
        """Queue an end for the checker and one for this process (once)."""
        if self._checks is not None and not self._checks_ended:
            self._checks_ended = True
            self._checks.put(_END)
            self._checks.put(_END)

    def _result(self, name: str) -> object:
        """What worker `name` gave, waiting for it; None if it (or the other) failed."""
        while name not in self._done:
            if not self._collect(_POLL):
                return None
        return self._done[name]

    def _collect(self, timeout: float) -> bool:
        """Take a worker's result if one comes within `timeout`; False if a worker failed
        or ended without giving one."""
        try:
            name, result = self._results.get(timeout=timeout)
        except queue.Empty:
            waited = [w for w in self._workers if w.name not in self._done]
            if all(worker.is_alive() for worker in waited):
                return True
            try:  # a worker ended: its result, if it gave one, is in the queue by now
                name, result = self._results.get(timeout=_POLL)
            except queue.Empty:
                return False
        self._done[name] = result
        return result is not None


def _files(folder: Path, but: str | None = None) -> list[str]:
    """The files under `folder` but its folder `but`, by relative path, in order. (Read with
    `os.scandir`, which knows a file from a folder without a `stat` each: `Path.rglob` took
    0.2 to 0.4 s at 2,000 briefings, while Pagefind waited to start.)"""
    found: list[str] = []
    pending = [("", str(folder))]
    while pending:
        prefix, path = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if prefix or entry.name != but:
                        pending.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file():
                    found.append(prefix + entry.name)
    return sorted(found)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the gate reports it


class _Checked:
    """The gate's read of pages (as they will be written) and of files (as they are), with
    the digest of each one's bytes."""

    def __init__(self, gate: OutputGate, site_dir: Path) -> None:
        self._gate = gate
        self._site_dir = site_dir
        self.digests: dict[str, bytes] = {}
        self.problems: list[Problem] = []

    def take(self, rels: list[str]) -> None:
        """Check the files `rels` (paths under the site)."""
        digests, problems = self._gate.files_problems(self._site_dir, rels)
        self.digests.update(digests)
        self.problems += problems

    def streamed(self) -> Streamed:
        return Streamed(self.digests, self.problems)


def _work(task, pages, results, *args) -> None:  # noqa: ANN001
    stop_signals_end_worker()  # the build cleans up
    name = multiprocessing.current_process().name
    try:
        results.put((name, task(pages, *args)))
    except BaseException as exc:  # noqa: BLE001 - the build falls back to its own index
        print(f"hub: the page worker stopped ({type(exc).__name__}: {exc})", file=sys.stderr)
        results.put((name, None))


def _index(pages, site_dir: Path, parent: int) -> bool:
    """In a worker: write what Pagefind reads of each page handed over (`pagefind_view`),
    then of the others, to a folder of their own (`views_folder`); index it once the engine
    is done."""
    views = views_folder(site_dir, parent)
    try:
        while (item := _next(pages, parent)) is not _END:
            kind, rels = item
            for rel in rels:
                try:
                    html = (site_dir / rel).read_text(ENCODING, "replace")
                except OSError:
                    continue  # not written after all: not in the site
                _write(views / rel, search.pagefind_view(html) if kind == _VIEW else html)
        search.index_site(site_dir, views)
    finally:
        shutil.rmtree(views, ignore_errors=True)
    return True


def views_folder(site_dir: Path, build: int) -> Path:
    """A new folder for what Pagefind reads of the pages of build `build` (its process id):
    in memory where there is room (`RAM`), else beside the site. On a disk, writing a file
    for each page and deleting it again took about a second at 2,000 briefings."""
    parent = site_dir.parent
    try:
        room = os.statvfs(RAM)
        if room.f_bavail * room.f_frsize >= _RAM_ROOM and os.access(RAM, os.W_OK | os.X_OK):
            parent = RAM
    except OSError:
        pass  # no such folder (not Linux)
    return Path(tempfile.mkdtemp(prefix=f"{VIEWS}-{build}-", dir=parent))  # for us alone


def remove_stale_views(running: Callable[[int], bool]) -> None:
    """Delete the folders in `RAM` of builds killed (kill -9) while indexing: those whose
    process is not `running`."""
    stale = re.compile(rf"{VIEWS}-(\d{{1,7}})-[a-z0-9_]{{8}}")
    try:
        with os.scandir(RAM) as entries:
            for entry in entries:
                match = stale.fullmatch(entry.name)
                ours = match and entry.is_dir(follow_symlinks=False)  # a symlink is not
                if ours and not running(int(match.group(1))):
                    shutil.rmtree(entry.path, ignore_errors=True)
    except OSError:
        return  # no such folder, or not ours to read


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=ENCODING, errors=ERRORS)


def _check(pages, gate: OutputGate, site_dir: Path, parent: int) -> Streamed:
    """In a worker: run the output gate over each page handed over, as it will be written,
    then over its share of the search bundle's files. Its results are needed only once the
    engine is done: it gives way to the engine and the indexer meanwhile, and takes a free
    core once they are done."""
    os.nice(_CHECKER_NICENESS)
    checked = _Checked(gate, site_dir)
    while (item := _next(pages, parent)) is not _END:
        checked.take(item)
    return checked.streamed()


def _next(pages, parent: int):
    while True:
        try:
            return pages.get(timeout=_POLL)
        except queue.Empty:
            if os.getppid() != parent:  # the build was killed: nothing will come
                raise RuntimeError("the build stopped") from None
