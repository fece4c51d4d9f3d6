"""`python -m site_builder` and the `hub` script: the `hub` command."""

import sys

from .interrupts import raise_on_stop_signals, stopped


def run() -> int:
    """`cli.main`, with Ctrl+C caught before its imports (a fraction of a second) too."""
    raise_on_stop_signals()
    try:
        from .cli import main
    except KeyboardInterrupt as exc:
        return stopped(exc)
    return main()


if __name__ == "__main__":
    sys.exit(run())
