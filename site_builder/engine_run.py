"""A run of an engine's own command with the hub's hooks: `mkdocs build`, `mkdocs serve`
(and so `hub serve`). The hooks only translate; this decides.

The edition comes from the environment (`hub serve` sets it); the drafts preview only for
`serve`. With errors, `build` fails and `serve` shows the problem page in place of the site.
After the engine has written the site: the search index, then (for `build`) the output gate.
In `serve` the index is made beside the served pages, so an edit shows as soon as its pages
are written; the next rebuild waits for it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .fragments import FragmentLost
from .gate import OutputGate
from .pages.problems import problem_page
from .pipeline import CONTEXT_KEY, Prepared, context, prepare
from .publication import EditionError, edition_from_env
from .search import SearchIndexFailed, index_site

NOT_FOUND = "404.html"


class RunFailed(Exception):
    """The run must stop; the message says why (the problems are printed already)."""


class EngineRun:
    """One engine command (`build` or `serve`) and, once configured, what it publishes."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.root: Path | None = None
        self.prepared: Prepared | None = None
        self.problems_page: str | None = None
        self._indexing: threading.Thread | None = None
        self._lost: list[str] = []

    def prepare(self, root: Path) -> dict[str, object]:
        """Check and generate for `root`, printing the problems; the templates' context (to
        merge into the engine's `extra`). `RunFailed` on errors, except in `serve`."""
        self.root = root
        self._wait_for_index()  # the engine is about to clean the folder it writes in
        try:
            edition = edition_from_env(self.command)
        except EditionError as exc:
            raise RunFailed(str(exc)) from None
        self.prepared, problems = prepare(root, edition, held=True)
        for problem in problems.sorted():
            print(problem.format(), file=sys.stderr)
        self.problems_page = None
        self._lost = []
        if self.prepared is None and self.command == "serve":
            self.problems_page = problem_page(problems)
        elif self.prepared is None:
            raise RunFailed(problems.summary())
        return {CONTEXT_KEY: context(edition)}

    def keeps(self, docs_path: str) -> bool:
        """Whether the engine publishes its own file at `docs_path` as it is."""
        return self.prepared is not None and not self.prepared.replaces(docs_path)

    def files(self) -> Iterator[tuple[str, str | bytes]]:
        """(docs path, content) of every file the hub writes."""
        if self.prepared is not None:
            for output in self.prepared.outputs:
                yield output.path, output.content

    def fill(self, page: str, rel: str) -> str:
        """Rendered page `rel` with the raw HTML held aside put back (`site_builder.fragments`);
        a page that lost a block is reported by `finish`."""
        held = self.prepared.held if self.prepared is not None else None
        try:
            return page if held is None else held.fill(page, rel)
        except FragmentLost as exc:
            self._lost.append(str(exc))
            return page

    def finish(self, site_dir: Path, shipped: Iterable[Path] = ()) -> None:
        """After the engine: the problem page, or the search index and (for `build`) the
        output gate over what was written, its findings printed. `shipped`: the engine's
        theme folders (see `site_builder.engine`)."""
        if self.problems_page is not None:
            (site_dir / NOT_FOUND).write_text(self.problems_page, encoding="utf-8")
            return
        if self._lost:
            raise RunFailed(f"internal error: {'; '.join(self._lost)}")
        if self.command == "serve":
            self._indexing = threading.Thread(target=self._index, args=(site_dir,), daemon=True)
            self._indexing.start()
            return
        try:
            index_site(site_dir)
        except SearchIndexFailed as exc:
            raise RunFailed(str(exc)) from None
        if self.command != "build" or self.prepared is None:
            return
        gate = OutputGate.for_site(self.prepared.site, self.root, shipped)
        findings = gate.scan(site_dir, str(site_dir))
        for problem in findings:
            print(problem.format(), file=sys.stderr)
        if findings:
            raise RunFailed(f"the output gate found {len(findings)} problem(s) in the built site")

    def _index(self, site_dir: Path) -> None:
        try:
            index_site(site_dir)
        except SearchIndexFailed as exc:
            print(f"hub: error: {exc}", file=sys.stderr)

    def _wait_for_index(self) -> None:
        if self._indexing is not None:
            self._indexing.join()
            self._indexing = None
