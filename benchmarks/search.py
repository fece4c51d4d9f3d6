"""Bytes a reader downloads for search, measured in Chromium: demo and demo + N briefings.

Run: python benchmarks/search.py [--count 2000] [--reviews 0] [--keep DIR]

Builds the demo project and the demo plus `--count` generated briefings (benchmarks/build.py's
generator), serves each site on 127.0.0.1 (uncompressed, as the test server does; a real host
gzips the JavaScript) and prints the bytes received (headers and bodies, as Playwright
reports them, the search's web worker included):
- a cold load of the home page (empty cache), and what of it is search (nothing of
  Pagefind is fetched until the reader uses the field);
- the first search of each two-word query after that load, Pagefind's own code (pagefind.js,
  its worker and WebAssembly) included. Goal: at most 300 KB.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import shutil
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import copy_demo, timed, write_briefings, write_reviews  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
GOAL = 300 * 1024
# "lived experience" is in every generated briefing (the worst case for the index chunks);
# "missed appointments" only in the demo's own pages.
QUERIES = ("lived experience", "missed appointments")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Wire:
    """Bytes received (headers and body) per request, the page's web worker included."""

    def __init__(self, context) -> None:  # noqa: ANN001
        self.requests: list = []
        context.on("requestfinished", lambda request: self.requests.append(request))

    def take(self) -> dict[str, int]:
        taken, self.requests = self.requests, []
        sizes: dict[str, int] = {}
        for request in taken:
            size = request.sizes()
            sizes[request.url] = (
                sizes.get(request.url, 0) + size["responseBodySize"] + size["responseHeadersSize"]
            )
        return sizes


def _kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def measure(label: str, site: Path) -> None:
    """Print the home page's cold load and each query's first search."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for query in QUERIES:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                wire = Wire(context)
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                home = wire.take()
                search_on_load = sum(n for u, n in home.items() if "/pagefind/" in u)
                field = page.locator(".hub-search--header input[type=search]")
                field.fill(query)
                page.wait_for_function(
                    "() => /result/.test(document.querySelector("
                    "'.hub-search--header .hub-search__status').textContent)",
                    timeout=120_000,
                )
                page.wait_for_load_state("networkidle")
                searched = wire.take()
                total = sum(searched.values())
                code = sum(
                    n for u, n in searched.items() if u.endswith((".js", ".pagefind"))
                )
                status = page.locator(".hub-search--header .hub-search__status").text_content()
                verdict = "within" if total <= GOAL else "OVER"
                print(
                    f"{label}: cold home page {_kb(sum(home.values()))} "
                    f"({_kb(search_on_load)} of it search); first search {query!r}: "
                    f"{_kb(total)} in {len(searched)} requests (Pagefind code {_kb(code)}), "
                    f"{verdict} the {_kb(GOAL)} goal; {status}",
                    flush=True,
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="generated briefings")
    parser.add_argument("--reviews", type=int, default=0, help="generated reviews")
    parser.add_argument("--keep", type=Path, help="build here and keep the projects")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="hub-search-bench-"))
    try:
        demo = copy_demo(base / "demo")
        timed(demo, "build", "--site-dir", str(demo / "site"))
        measure("demo", demo / "site")
        big = copy_demo(base / "large")
        rng = random.Random(20261126)
        review_ids = write_reviews(big, args.reviews, rng)
        write_briefings(big, args.count, review_ids, rng)
        timed(big, "build", "--site-dir", str(big / "site"))
        measure(f"demo + {args.count} briefings", big / "site")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
