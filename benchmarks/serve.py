"""How soon `hub serve` shows an author's edit: save a file, poll the page until it shows it.

Run: python benchmarks/serve.py [--edits 5]

On a copy of the demo project it starts `hub serve`, waits for the first build, then `--edits`
times appends a new word to a briefing and times from the save to the moment the served page
holds the word (polled every 20 ms). Prints each latency and the median. Goal: 1.5 s.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import REPO, copy_demo  # noqa: E402

BRIEFING = "content/briefings/think-family.md"
PAGE = "briefings/think-family/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, word: str, limit: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if word in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{word!r} never appeared at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="hub-serve-"))
    root = copy_demo(base / "demo")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    server = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first = wait_for(url, "Think family")
        print(f"first build served after {first:.1f} s", flush=True)
        source = root / BRIEFING
        latencies = []
        for n in range(args.edits):
            word = f"zqedit{n:02d}marker"
            time.sleep(1.0)  # a pause between edits, as an author makes them
            text = source.read_text(encoding="utf-8")
            edited = text.replace("## 1. Background\n", f"## 1. Background\n\n{word}\n", 1)
            source.write_text(edited, encoding="utf-8")
            latencies.append(wait_for(url, word))
            print(f"edit {n + 1}: shown after {latencies[-1]:.2f} s", flush=True)
        print(f"median {statistics.median(latencies):.2f} s over {args.edits} edits")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
