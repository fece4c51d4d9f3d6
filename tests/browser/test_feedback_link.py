"""The "How did you use this briefing?" link as Chromium reads it: the briefing's id and a
title with spaces, `&`, quotes and non-ASCII letters arrive at the form intact."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator

import pytest
from fixture_feedback import ODD_TITLE, ODD_TITLE_ENCODED, write_feedback_corpus
from playwright.sync_api import expect

from tests.browser.conftest import LOCAL_HOST, _QuietHandler, _QuietServer, guard_requests
from tests.conftest import AS_OF, run_hub

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def feedback_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The feedback fixture corpus built with `hub build` and served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("feedback-browser")
    root = write_feedback_corpus(tmp / "project")
    site = tmp / "site"
    result = run_hub(root, "build", "--site-dir", str(site), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    server = _QuietServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_form_link_carries_id_and_title_exactly(browser, feedback_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=feedback_url)
    requests = guard_requests(context)
    page = context.new_page()
    try:
        page.goto("/briefings/cafe-quotes/")
        link = page.get_by_role("link", name="How did you use this briefing?")
        expect(link).to_be_visible()
        expect(page.get_by_text("Answers are anonymous and go to the partnership")).to_be_visible()
        assert link.get_attribute("href") == (
            f"https://forms.example/feedback?briefing=cafe-quotes&title={ODD_TITLE_ENCODED}"
            "&from=hub"
        )
        # What the form's server will read from the address the browser sends.
        params = link.evaluate(
            "a => { const u = new URL(a.href);"
            " return [u.host, u.pathname, [...u.searchParams.entries()]]; }"
        )
        assert params == [
            "forms.example",
            "/feedback",
            [["briefing", "cafe-quotes"], ["title", ODD_TITLE], ["from", "hub"]],
        ]
    finally:
        context.close()
    assert not [u for u in requests if "forms.example" in u]  # shown, never fetched
