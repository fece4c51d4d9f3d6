"""Pages as the engine writes them: checked and indexed for search on the second core meanwhile.

An engine that renders in this process (MkDocs) hands each page to `PageStream.page` as it
writes it. A forked worker runs the output gate over the page's bytes and adds the page to the
Pagefind index, so that both are done when the engine is, not after it. What the worker checked
is named by a digest of the bytes: afterwards the gate reads every file of the site as before and
passes over only a file whose bytes are exactly those checked (see `OutputGate.scan`). Pages the
engine wrote without handing them over (its 404 page) are indexed at the end, as Pagefind's own
walk of the folder would.

If the worker fails or is stopped, `finish` returns None and the build indexes and checks the
whole folder after the engine, as it does for an engine that renders elsewhere (Zensical).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import search
from .indexer import Indexer
from .interrupts import stop_signals_deferred, stop_signals_end_worker

if TYPE_CHECKING:
    from .gate import OutputGate
    from .problems import Problem

# How an engine writes a page's text (MkDocs: `_build_page`); a digest of other bytes only
# means the gate reads that file again.
ENCODING, ERRORS = "utf-8", "xmlcharrefreplace"
_END = None
_POLL = 1.0  # seconds: how often a waiting worker checks that the build is still running


@dataclass(frozen=True)
class Streamed:
    """What the worker did: the digest of each page it checked, by site-relative path, and
    what the gate found in them."""

    digests: dict[str, bytes]
    problems: list[Problem]


class PageStream:
    """A worker that checks and indexes pages while the engine renders the rest.

    Use as a context manager: leaving the block stops the worker if it is still running.
    """

    def __init__(self, site_dir: Path, gate: OutputGate | None) -> None:
        context = multiprocessing.get_context("fork")
        self._site_dir = site_dir
        self._pages = context.Queue()  # unbounded: the engine never waits for the worker
        self._results = context.Queue()
        self._sent: set[str] = set()
        self._worker = context.Process(
            target=_work,
            args=(self._pages, self._results, site_dir, gate, os.getpid()),
            daemon=True,
        )

    @staticmethod
    def available() -> bool:
        """Whether this platform can fork a worker (not Windows, not macOS's default)."""
        return "fork" in multiprocessing.get_all_start_methods()

    def __enter__(self) -> PageStream:
        try:
            with stop_signals_deferred():  # a stop during the fork reaches this process
                self._worker.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._worker.pid is None:
            return
        if self._worker.is_alive():
            self._worker.kill()
        self._worker.join()
        for channel in (self._pages, self._results):  # what the worker did not read is dropped
            channel.cancel_join_thread()
        self._pages.close()
        self._results.close()

    def page(self, rel: str, html: str) -> None:
        """Page `rel` (site-relative, `briefings/x/index.html`) will be written as `html`."""
        if html.strip():  # an engine writes no file for an empty page
            self._sent.add(rel)
            self._pages.put((rel, html))

    def finish(self) -> Streamed | None:
        """Once the engine has written the site: index the HTML files it did not hand over,
        write the search bundle, and return what was checked; None if the worker failed."""
        others = sorted(
            path.relative_to(self._site_dir).as_posix()
            for path in self._site_dir.rglob("*.html")
            if path.is_file()
        )
        self._pages.put(("others", [rel for rel in others if rel not in self._sent]))
        self._pages.put(_END)
        while True:
            try:
                return self._results.get(timeout=_POLL)
            except queue.Empty:
                if not self._worker.is_alive():
                    return None


def _url(rel: str) -> str:
    """The URL Pagefind gives the file at `rel` when it walks the folder itself."""
    return "/" + rel.removesuffix("index.html")


def _work(pages, results, site_dir: Path, gate: OutputGate | None, parent: int) -> None:
    stop_signals_end_worker()  # the build cleans up
    try:
        results.put(_index(pages, site_dir, gate, parent))
    except BaseException as exc:  # noqa: BLE001 - the build falls back to its own index
        print(f"hub: the page worker stopped ({type(exc).__name__}: {exc})", file=sys.stderr)
        results.put(None)


def _index(pages, site_dir: Path, gate: OutputGate | None, parent: int) -> Streamed:
    from .gate import page_digest

    digests: dict[str, bytes] = {}
    problems: list[Problem] = []
    with Indexer(search.index_config(site_dir)) as indexer:
        while (item := _next(pages, parent)) is not _END:
            if item[0] == "others":
                for rel in item[1]:
                    indexer.add_page(_url(rel), (site_dir / rel).read_text(ENCODING, "replace"))
                continue
            rel, html = item
            # Pagefind indexes it while the gate reads it.
            indexer.add_page(_url(rel), search.pagefind_view(html))
            if gate is not None:
                data = html.encode(ENCODING, ERRORS)
                problems += gate.file_problems(rel, data)
                digests[rel] = page_digest(data)
        indexer.write()
    search.remove_unused(site_dir)
    return Streamed(digests, problems)


def _next(pages, parent: int):
    while True:
        try:
            return pages.get(timeout=_POLL)
        except queue.Empty:
            if os.getppid() != parent:  # the build was killed: nothing will come
                raise RuntimeError("the build stopped") from None
