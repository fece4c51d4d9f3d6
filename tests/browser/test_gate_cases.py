"""The output gate's cases of loads from another host (tests/test_gate.py `BROWSER_READS`),
checked against Chromium: each page, served as https://hub.example/, really makes the browser
ask every host the gate reports. So an expected finding is a load a reader's browser makes,
not the gate's idea of one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.test_gate import BROWSER_READS

SITE = "https://hub.example/"


def _hosts_asked(browser, page_html: str) -> set[str]:  # noqa: ANN001
    """The other hosts Chromium asks while it opens `page_html` (and follows a ping link)."""
    context = browser.new_context()
    asked: set[str] = set()

    def route(route) -> None:  # noqa: ANN001
        url = route.request.url
        if url == SITE:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page_html)
            return
        host = urlsplit(url).hostname or ""
        if host != "hub.example":
            asked.add(host)
        route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(SITE, wait_until="load")
        page.wait_for_timeout(300)  # an SVG animation, a refresh after 0 s
        link = page.locator("a[ping]")
        if link.count():
            link.first.click(no_wait_after=True)  # a ping is sent when a link is followed
            page.wait_for_timeout(300)
    except Exception:  # noqa: BLE001 - a refresh or link may have navigated away: fine
        pass
    finally:
        context.close()
    return asked


@pytest.mark.parametrize("case", list(BROWSER_READS))
def test_the_browser_loads_what_the_gate_reports(browser, case: str) -> None:  # noqa: ANN001
    page_html, loads = BROWSER_READS[case]
    reported = {load.rsplit(" ", 1)[1] for load in loads}
    assert reported <= _hosts_asked(browser, page_html)
