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
    shares = [list(iterable) for iterable in iterables]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        len(shares[0]), mp_context=context, initializer=stop_signals_end_worker
    ) as pool:
        return list(pool.map(function, *shares))
