"""Stop signals: what a forked worker does with them."""

from __future__ import annotations

import signal

from site_builder.interrupts import stop_signals_end_worker


def test_a_worker_ends_on_a_stop_but_keeps_what_the_parent_ignores() -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)}
    try:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
        signal.signal(signal.SIGTERM, lambda *_: None)  # as the hub's own handler
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a background job's Ctrl+C
        stop_signals_end_worker()
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
