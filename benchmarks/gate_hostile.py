"""Time the output gate on hostile pages: markup that never closes, made to make a reader
of tags start again at every "<" (an attack review found pages of 100 KB that took 2 to 63 s
each, and one of CSS that took 25 s).

Run: python benchmarks/gate_hostile.py [--kib 100]

For each kind of page it prints its size and the seconds the gate took to read it (one
`OutputGate.file_problems`, in this process). Goal: each page in time in proportion to its
size, well under a second at 100 KiB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engines.mkdocs import MkDocs  # noqa: E402
from site_builder.gate import OutputGate  # noqa: E402

# (what the page starts with, what repeats in it)
HOSTILE = {
    "tags never closed": ("", "<a "),
    "names run into names": ("", "<p"),
    "attributes never closed": ("", "<a b "),
    "quotes never closed": ("", '<a b="'),
    "apostrophes never closed": ("", "<img a='"),
    "comments never closed": ("", "<!--"),
    "bogus comments never closed": ("", "<!x"),
    "end tags never closed": ("", "</ "),
    "scripts never closed": ("", "<script "),
    "styles never closed": ("", "<style "),
    "escaped scripts": ("<script>", "<!--<script>"),
    "url( never closed": ("<style>", "url("),
    'url(" never closed': ("<style>", 'url("'),
    "scheme strings in CSS": ("<style>", '"http:'),
    "CSS escapes": ("<style>", "\\75 "),
    "entities": ("<p>", "&amp;"),
    "refresh times": ('<meta http-equiv=refresh content="', "0;"),
    "SVG geometry never closed": ("<svg>", '<path d="'),
    "labels without dates": ("", "<p>Date of birth "),
    "numbers": ("<p>", "0161 "),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kib", type=int, default=100, help="size of each page")
    size = parser.parse_args().kib * 1024
    gate = OutputGate(site_url="https://hub.example/", shipped=MkDocs.shipped)
    print(f"{'page':32} {'KiB':>5} {'seconds':>8}")
    for name, (start, repeated) in HOSTILE.items():
        page = (start + repeated * ((size - len(start)) // len(repeated))).encode()
        began = time.perf_counter()
        gate.file_problems("index.html", page)
        print(f"{name:32} {len(page) // 1024:5d} {time.perf_counter() - began:8.3f}")


if __name__ == "__main__":
    main()
