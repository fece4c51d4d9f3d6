"""Work shared out to forked worker processes, one per core (the loader's privacy scan, the
generation of a large site, the output gate's read of a large site).

Forked, so a worker reads what the parent holds without it being sent; a stop signal ends a
worker at once and silently, while the parent cleans up and reports it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from .interrupts import stop_signals_end_worker


def available(wanted: int) -> int:
    """How many forked workers to run, at most `wanted`: one per core, or 1 (work in this
    process) where the platform cannot fork (Windows, macOS's default)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, wanted))


def forked_map(function: Callable[..., Any], *iterables: Iterable[Any]) -> list[Any]:
    """`list(map(function, *iterables))` with one forked worker per item of the first."""
    with Forked(function, *iterables) as forked:
        return forked.results()


class Forked:
    """`map(function, *iterables)` begun in forked workers, one per item of the first, while
    this process goes on; `results()` waits for them.

    The workers are forked here, so they see what this process holds now. Leaving the `with`
    block early (an error, a stop signal) ends them.
    """

    def __init__(self, function: Callable[..., Any], *iterables: Iterable[Any]) -> None:
        shares = [list(iterable) for iterable in iterables]
        self._pool = ProcessPoolExecutor(
            len(shares[0]),
            mp_context=multiprocessing.get_context("fork"),
            initializer=stop_signals_end_worker,
        )
        # A fork pool starts every worker at the first submit (Python 3.11+), so all share
        # this moment's memory.
        calls = zip(*shares, strict=False)  # as map: up to the shortest
        self._futures = [self._pool.submit(function, *args) for args in calls]

    def results(self) -> list[Any]:
        """Each item's result, in order, once every worker is done."""
        return [future.result() for future in self._futures]

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
