"""Pages as the engine writes them: checked and made ready for search on other cores meanwhile.

An engine that renders in this process (MkDocs) hands each page to `PageStream.page` as it
writes it. Two forked workers take it: one runs the output gate over the page's bytes; the
other writes what Pagefind is to read of it (`search.pagefind_view`) to a folder beside the
site, and once the engine is done runs Pagefind over that folder, on every core. What the gate
worker checked is named by a digest of the bytes: afterwards the gate reads every file of the
site as before and passes over only a file whose bytes are exactly those checked (see
`OutputGate.scan`). Pages the engine wrote without handing them over (its 404 page) are given
to Pagefind whole, as its own walk of the site would.

If a worker fails or is stopped, `finish` returns None and the build indexes and checks the
whole folder after the engine, as it does for an engine that renders elsewhere (Zensical).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import search
from .interrupts import stop_signals_deferred, stop_signals_end_worker

if TYPE_CHECKING:
    from .gate import OutputGate
    from .problems import Problem

# How an engine writes a page's text (MkDocs: `_build_page`); a digest of other bytes only
# means the gate reads that file again.
ENCODING, ERRORS = "utf-8", "xmlcharrefreplace"
VIEWS = "search-pages"  # beside the site: what Pagefind reads of each page
_END = None
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
        self._ended = False
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
                    args=(_check, self._checks, self._results, gate, parent),
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
        """Page `rel` (site-relative, `briefings/x/index.html`) will be written as `html`."""
        if html.strip():  # an engine writes no file for an empty page
            self._sent.add(rel)
            self._pages.put((rel, html))
            if self._checks is not None:
                self._checks.put((rel, html))

    def end(self) -> None:
        """The engine has written the site: the indexer adds the HTML files it was not
        handed, then makes the search bundle."""
        if self._ended:
            return
        self._ended = True
        others = sorted(
            path.relative_to(self._site_dir).as_posix()
            for path in self._site_dir.rglob("*.html")
            if path.is_file()
        )
        self._pages.put(("others", [rel for rel in others if rel not in self._sent]))
        self._pages.put(_END)
        if self._checks is not None:
            self._checks.put(_END)

    def finish(self) -> Streamed | None:
        """`end()`, then what was checked, once both workers are done (the search bundle
        written); None if a worker failed."""
        self.end()
        results: dict[str, object] = {}
        while len(results) < len(self._workers):
            try:
                name, result = self._results.get(timeout=_POLL)
            except queue.Empty:
                waited = [w for w in self._workers if w.name not in results]
                if all(worker.is_alive() for worker in waited):
                    continue
                try:  # a worker ended: its result, if it gave one, is in the queue by now
                    name, result = self._results.get(timeout=_POLL)
                except queue.Empty:
                    return None
            if result is None:
                return None
            results[name] = result
        checked = results.get(_CHECKER)
        return checked if isinstance(checked, Streamed) else Streamed({}, [])


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
    then of the others, to a sibling folder of the site; index it once the engine is done."""
    views = site_dir.parent / VIEWS
    while (item := _next(pages, parent)) is not _END:
        if item[0] == "others":
            for rel in item[1]:
                _write(views / rel, (site_dir / rel).read_text(ENCODING, "replace"))
            continue
        rel, html = item
        _write(views / rel, search.pagefind_view(html))
    views.mkdir(parents=True, exist_ok=True)
    search.index_site(site_dir, views)
    shutil.rmtree(views, ignore_errors=True)
    return True


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=ENCODING, errors=ERRORS)


def _check(pages, gate: OutputGate, parent: int) -> Streamed:
    """In a worker: run the output gate over each page handed over, as it will be written.
    Its results are needed only once the engine is done: it gives way to the engine and the
    indexer meanwhile, and takes a free core once they are done."""
    from .gate import page_digest

    os.nice(_CHECKER_NICENESS)
    digests: dict[str, bytes] = {}
    problems: list[Problem] = []
    while (item := _next(pages, parent)) is not _END:
        rel, html = item
        data = html.encode(ENCODING, ERRORS)
        problems += gate.file_problems(rel, data)
        digests[rel] = page_digest(data)
    return Streamed(digests, problems)


def _next(pages, parent: int):
    while True:
        try:
            return pages.get(timeout=_POLL)
        except queue.Empty:
            if os.getppid() != parent:  # the build was killed: nothing will come
                raise RuntimeError("the build stopped") from None
