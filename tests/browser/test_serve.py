"""`hub serve` as an author uses it, in Chromium: the drafts preview, marked on every page,
and problems shown in the browser until they are fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import AS_OF, REPO
from tests.fixture_corpus import write_corpus

BANNER = "Preview with drafts: not for publication."
START_TIMEOUT = 120  # s: the first build of the preview on a busy two-core machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    """Start `hub serve [args]` on a fixture corpus; yields (root, url) once it answers."""
    processes = []

    def start(*args: str) -> tuple[Path, str]:
        root = write_corpus(tmp_path / "project")
        port = _free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO), "HUB_AS_OF": AS_OF}
        command = [sys.executable, "-m", "site_builder", "serve", *args]
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return root, url
            except OSError:
                assert process.poll() is None, "hub serve ended early"
                time.sleep(0.5)
        raise AssertionError("hub serve did not start")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def author_page(browser):  # noqa: ANN001
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_drafts_preview_marks_the_draft_and_every_page(serve, author_page) -> None:
    _, url = serve("--drafts")
    author_page.goto(url + "briefings/zqdraftbrief/")
    assert author_page.locator("h1").first.inner_text().startswith("Briefing zqdraftbrief title")
    notice = author_page.locator(".admonition.danger")
    assert notice.locator(".admonition-title").inner_text() == "Preview only"
    assert "Draft: not published." in notice.inner_text()
    assert BANNER in author_page.locator(".md-banner").inner_text()
    robots = author_page.locator('meta[name="robots"]').get_attribute("content")
    assert robots == "noindex, nofollow"
    author_page.goto(url + "briefings/zqembargobrief/")
    assert "Embargoed: published from 1 January 2027." in author_page.locator(
        ".admonition.danger"
    ).inner_text()
    author_page.goto(url)  # a page with no item of its own still has the banner
    assert BANNER in author_page.locator(".md-banner").inner_text()


def test_the_plain_preview_has_no_banner_and_no_drafts(serve, author_page) -> None:
    _, url = serve()
    response = author_page.goto(url + "briefings/zqdraftbrief/")
    assert response is not None and response.status == 404
    author_page.goto(url)
    assert author_page.locator(".md-banner").count() == 0


def test_a_problem_replaces_the_site_until_it_is_fixed(serve, author_page) -> None:
    root, url = serve()
    author_page.goto(url + "briefings/")
    assert author_page.locator("h1").first.inner_text().startswith("Learning briefings")
    source = root / "content/briefings/neglect-toxic-trio.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("date: 2026-01-15", "date: 2026-13-15"), encoding="utf-8")
    broken_at = time.monotonic()
    heading = author_page.locator("h1", has_text="The hub has 1 error to fix")
    heading.wait_for(timeout=30_000)
    shown_after = time.monotonic() - broken_at
    problem = (
        "content/briefings/neglect-toxic-trio.md:3: error: 'date': '2026-13-15' is not a real date"
    )
    assert author_page.locator("li.error code").all_inner_texts() == [problem]
    print(f"problem page shown {shown_after:.1f} s after the file broke")
    # Within 3 s on a machine doing its usual work; one running several builds at once per
    # core (a loaded CI neighbour) is given longer, and the figure is printed.
    busy = os.getloadavg()[0] / (os.cpu_count() or 1) > 2
    assert shown_after <= (10.0 if busy else 3.0)
    source.write_text(good, encoding="utf-8")
    author_page.locator("h1", has_text="Learning briefings").wait_for(timeout=60_000)
    assert author_page.url == url + "briefings/"
