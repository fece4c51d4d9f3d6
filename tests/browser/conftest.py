"""Browser-test fixtures: a corpus the suite owns built once by the real CLI, served on
127.0.0.1, and a Chromium page that refuses (and reports) any request to another host.

The site is `tests/corpora/rich` (see tests/corpora/README.md), never the demo under
content/ and data/, which a partnership replaces with its own. To reuse it in a new browser
test, take the `page` fixture (a fresh page whose `base_url` is the served site) or
`server_url`; `corpus_site` is the built site folder and `CORPUS` the corpus's source folder
(content/ and data/), to read expected values from. Expected figures are worked out by hand from
those files. A test needing other content builds its own project (tests/conftest.py
`make_project`, `corpus_project`) and serves it with `serve(site_dir)`.

Chromium is Debian's `/usr/bin/chromium` (installed with apt; never `playwright install`).
Without it the browser tests are skipped locally; in CI (env `CI` set) they must run.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import CORPORA, REPO

CORPUS = CORPORA / "rich"  # the source of the served site: expected values come from here

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOST = "127.0.0.1"
NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ carries the `browser` marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def third_party(urls: Iterable[str]) -> list[str]:
    """The URLs in `urls` that go over the network to a host other than 127.0.0.1.

    `data:`, `blob:` and `about:` URLs never leave the browser and are not counted.
    """
    found = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in NETWORK_SCHEMES and parts.hostname != LOCAL_HOST:
            found.append(url)
    return found


@pytest.fixture(scope="session")
def corpus_site(request: pytest.FixtureRequest) -> Path:
    """`tests/corpora/rich` built once per session with `hub build` at the pinned as-of date.

    `HUB_TEST_SITE=DIR` tests an already built site instead (for iterating on tests only).
    """
    prebuilt = os.environ.get("HUB_TEST_SITE")
    if prebuilt:
        return Path(prebuilt)
    return request.getfixturevalue("rich_build")[1]


@pytest.fixture(scope="session")
def demo_site(corpus_site: Path) -> Path:
    """The old name of `corpus_site` (it is not the demo any more), kept for tests written
    against it."""
    return corpus_site


_COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt")


@functools.cache
def _gzipped(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does (GitHub Pages): text files gzipped for browsers
    that accept it, so timings such as Lighthouse's count the bytes a reader would get."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # noqa: ANN201
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or not path.is_file() or path.suffix not in _COMPRESSED:
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().send_head()  # let the stock handler redirect /dir to /dir/
        body = _gzipped(str(path), path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    request_queue_size = 128  # a browser opens several connections at once; 5 drops some

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        # The browser dropping a connection it no longer needs (plotly.js mid-transfer when a
        # test ends) is not a failure of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """`site_dir` served over HTTP on 127.0.0.1 at a free port: `http://127.0.0.1:PORT/`."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _QuietServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def server_url(corpus_site: Path) -> Iterator[str]:
    """The corpus site served on 127.0.0.1 at a free port: `http://127.0.0.1:PORT/`."""
    with serve(corpus_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright's sync API."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import expect, sync_playwright

    # CI's 2 cores run two workers, each with a Chromium: a first Pagefind load (its WASM
    # compiled) can take longer than expect()'s default 5 s there.
    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def guard_requests(context) -> list[str]:  # noqa: ANN001
    """Record every request URL of `context`; abort those that would leave 127.0.0.1.

    Returns the live list the URLs are appended to.
    """
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    def route(route) -> None:  # noqa: ANN001
        if third_party([route.request.url]):
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", route)
    return requests


@pytest.fixture
def page(browser, server_url: str):  # noqa: ANN001
    """A fresh page; its requests are in `page.hub_requests`. A request to any host other than
    127.0.0.1 is aborted and fails the test at teardown."""
    context = browser.new_context(base_url=server_url)
    requests = guard_requests(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(60_000)  # report pages parse plotly.js (1.2 MB)
    page.hub_requests = requests
    yield page
    context.close()
    leaked = third_party(requests)
    assert not leaked, f"requests left 127.0.0.1: {leaked}"


CHART_TIMEOUT = 120_000  # ms: a busy two-core machine can take a while to draw a page of charts


def scroll_through_charts(page) -> None:  # noqa: ANN001
    """Bring each chart into view and let it draw, as a reader scrolling down does: charts
    draw lazily, when they come near the screen."""
    page.wait_for_function(
        "() => { const c = document.querySelectorAll('.hub-chart');"
        " return c.length > 0 && document.querySelectorAll('.hub-chart[data-hub-watched]').length"
        " === c.length; }",
        timeout=CHART_TIMEOUT,
    )
    for chart in page.locator(".hub-chart").all():
        chart.scroll_into_view_if_needed()
        chart.element_handle().wait_for_element_state("stable")
        page.wait_for_function(
            "(el) => !!el.data", arg=chart.element_handle(), timeout=CHART_TIMEOUT
        )


def node_bin(name: str) -> Path | None:
    """An npm devDependency's executable under node_modules/.bin, or None."""
    path = REPO / "node_modules" / ".bin" / name
    return path if path.exists() and shutil.which("node") else None


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """Print the Lighthouse scores the tests recorded (also under pytest-xdist)."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", [])
        if name == "lighthouse"
    ]
    if lines:
        terminalreporter.section("Lighthouse scores")
        for line in sorted(lines):
            terminalreporter.write_line(line)
