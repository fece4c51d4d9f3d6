"""Stop signals: what a forked worker does with them."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

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


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux: /proc, prctl(2)")
def test_a_worker_ends_when_its_parent_is_killed() -> None:
    """As a page worker blocked on half a page its killed build had written must."""
    ready, told = os.pipe(), os.pipe()  # worker → build, build → test
    parent = os.fork()
    if parent == 0:  # the build, about to be killed
        worker = os.fork()
        if worker == 0:
            stop_signals_end_worker()
            os.write(ready[1], b"+")
            time.sleep(60)  # blocked, as on a read that never completes
            os._exit(0)
        os.read(ready[0], 1)
        os.write(told[1], f"{worker}\n".encode())
        time.sleep(60)
        os._exit(0)
    worker = int(os.read(told[0], 64).decode().strip())
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    deadline = time.monotonic() + 10
    while _alive(worker):
        assert time.monotonic() < deadline, "the worker outlived its killed parent"
        time.sleep(0.01)
