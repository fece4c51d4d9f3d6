"""Stop requests (Ctrl+C, SIGTERM, SIGHUP): an exception that cleans up, then one line.

Python's default SIGTERM and SIGHUP end the process at once, with no `finally` run, so a
build would leave its staging folder behind; its SIGINT prints a traceback. `hub` turns all
three into `Interrupted`, which `finally` blocks see and the CLI reports in one line.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)  # no SIGHUP on Windows


class Interrupted(KeyboardInterrupt):
    """A stop signal arrived; `signum` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def raise_on_stop_signals() -> None:
    """Make each stop signal raise `Interrupted`; a signal ignored by the caller (nohup,
    a background job) stays ignored."""
    if not _in_main_thread():
        return
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler, _raise):
            signal.signal(signum, _raise)


def stop_signals_end_worker() -> None:
    """In a forked worker: a stop signal ends it at once, silently; the parent, which gets the
    same signal, cleans up and reports it. A signal the parent ignores (nohup, a background
    job's Ctrl+C) stays ignored, in the worker as in the parent. The worker also ends when the
    parent does, even killed (`end_with_parent`)."""
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) != signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
    end_with_parent()


def end_with_parent() -> None:
    """In a forked process (or one about to run a program): the kernel kills it when the
    process that started it ends, however that ends (Linux; elsewhere a worker's own waits
    check). A worker blocked reading a message its killed parent left half-written would
    otherwise wait for ever."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _prctl():  # noqa: ANN202
    """Linux's prctl(2), found before any fork: a forked child must not look up a library."""
    try:
        return ctypes.CDLL(None).prctl  # the C library this process is linked to
    except (OSError, AttributeError):  # not Linux
        return None


_PR_SET_PDEATHSIG = 1
_PRCTL = _prctl()


@contextmanager
def stop_signals_held() -> Iterator[None]:
    """Stop signals are ignored inside the block: a swap or a clean-up is never cut in half.

    One that arrives is dropped: the block is short, and the process ends soon after it.
    """
    if not _in_main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


@contextmanager
def stop_signals_deferred() -> Iterator[None]:
    """A stop signal inside the block raises `Interrupted` when the block ends: starting a
    process is never cut in half (it would run on, unknown to anyone)."""
    if not _in_main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler is _raise:
            signal.signal(signum, lambda signum, _frame: arrived.append(signum))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is _raise:
                signal.signal(signum, handler)
    if arrived:
        raise Interrupted(arrived[0])


def stopped(exc: KeyboardInterrupt, message: str = "hub: interrupted") -> int:
    """Print `message` on stderr; the exit code of a process ended by the signal (130, 143)."""
    print(message, file=sys.stderr)
    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    return 128 + signum
