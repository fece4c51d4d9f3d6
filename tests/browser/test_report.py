"""The quarterly report in headless Chromium: charts draw (also after instant navigation), only
the site's own host is asked for anything, plotly.js loads only where there are charts, and the
report prints to an A4 board paper with its six sections and no navigation."""

from __future__ import annotations

import io
import re

import pytest
import yaml

from tests.browser.conftest import scroll_through_charts
from tests.conftest import REPO

LATEST = "2026-27-q2"
REPORT = f"reports/{LATEST}/"
SECTION_HEADINGS = (
    "1 Introduction",
    "2 Our strategic priorities",
    "3 Summary of evidence available in the period",
    "4 Review of performance",
    "5 Other information and emerging issues for next period",
    "6 Recommendations for the partnership",
)
PLOTLY = "assets/javascripts/plotly.min.js"
DRAW_TIMEOUT = 120_000  # ms: 18 charts on a busy two-core machine can take a while

# Every chart and its traces, as the page sees them once plotly has drawn.
DRAWN = """() => Array.from(document.querySelectorAll('.hub-chart')).map(el => ({
  id: el.closest('figure').id,
  drawn: el.classList.contains('js-plotly-plot') && !!el.querySelector('svg.main-svg'),
  traces: el.data ? el.data.length : 0,
  lines: el.querySelectorAll('.scatterlayer .trace').length,
}))"""


def expected_traces() -> dict[str, int]:
    """Chart id -> traces: the value, plus the target where the indicator has one."""
    indicators = yaml.safe_load((REPO / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    return {f"chart-{i['id']}": 1 + ("target" in i) for i in indicators}


def wait_for_charts(page) -> list[dict]:  # noqa: ANN001
    scroll_through_charts(page)
    page.wait_for_function(
        "() => { const c = document.querySelectorAll('.hub-chart');"
        " return c.length > 0 && Array.from(c).every(el => el.data && el.querySelector('svg')); }",
        timeout=DRAW_TIMEOUT,
    )
    return page.evaluate(DRAWN)


def assert_all_drawn(charts: list[dict]) -> None:
    expected = expected_traces()
    assert {c["id"] for c in charts} == set(expected)
    for chart in charts:
        assert chart["drawn"], chart
        assert chart["traces"] == expected[chart["id"]], chart
        assert chart["lines"] == expected[chart["id"]], chart


def test_every_chart_of_the_latest_report_draws(page, server_url):
    page.goto(server_url + REPORT, wait_until="domcontentloaded")
    assert_all_drawn(wait_for_charts(page))
    assert any(url.endswith(PLOTLY) for url in page.hub_requests)
    assert all(url.startswith(server_url) for url in page.hub_requests if "://" in url)


def serve_sitemap_at(page, server_url: str) -> None:  # noqa: ANN001
    """Answer sitemap.xml with its URLs on the test server.

    Material's instant navigation only intercepts links listed in sitemap.xml, and matches
    them after giving them the page's protocol and host name but not its port: with the
    demo's `site_url` and a test server on a random port, no link would match and every click
    would be a full page load. The real site, served at its `site_url`, needs no such help.
    """
    site_url = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]

    def fulfil(route) -> None:  # noqa: ANN001
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(site_url, server_url))

    page.route(re.compile(r".*/sitemap\.xml$"), fulfil)


def test_charts_draw_after_instant_navigation(page, server_url):
    serve_sitemap_at(page, server_url)
    # Instant navigation intercepts clicks only once it has read the sitemap: on a busy
    # machine a click before that is a full page load, so wait for it.
    with page.expect_response(re.compile(r".*/sitemap\.xml$")):
        page.goto(server_url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.document$ !== undefined")
    page.wait_for_load_state("networkidle")
    # A marker on window survives instant navigation, never a full page load.
    page.evaluate("() => { window.__hubNoReload = true; }")
    page.locator(".md-nav--primary").get_by_role("link", name="Reports", exact=True).first.click()
    page.wait_for_url(re.compile(r".*/reports/$"))
    page.locator(".md-content").get_by_role(
        "link", name="Q2 2026/27 (July to September 2026)"
    ).click()
    page.wait_for_url(re.compile(rf".*/{REPORT}$"))
    assert_all_drawn(wait_for_charts(page))
    assert page.evaluate("() => window.__hubNoReload === true"), "a full page load happened"


def test_charts_follow_the_dark_palette(page, server_url):
    page.goto(server_url + REPORT, wait_until="domcontentloaded")
    wait_for_charts(page)
    light = page.evaluate("() => document.querySelector('.hub-chart').layout.font.color")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function(
        "(light) => document.querySelector('.hub-chart').layout.font.color !== light",
        arg=light,
        timeout=DRAW_TIMEOUT,
    )
    dark = page.evaluate("() => document.querySelector('.hub-chart').layout.font.color")
    assert dark != light


def test_plotly_is_not_loaded_on_a_page_without_charts(page, server_url):
    page.goto(server_url + "briefings/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".hub-chart").count() == 0
    assert not [url for url in page.hub_requests if url.endswith(PLOTLY)]
    assert page.evaluate("() => typeof window.Plotly") == "undefined"


def test_charts_draw_only_when_near_the_screen(page, server_url):
    page.goto(server_url + REPORT, wait_until="load")
    page.wait_for_timeout(500)
    charts = page.evaluate(DRAWN)
    assert not all(c["drawn"] for c in charts), "every chart drew before any was scrolled to"


def test_the_report_prints_as_a_board_paper(page, server_url, record_property):
    pypdf = pytest.importorskip("pypdf")
    page.goto(server_url + REPORT, wait_until="domcontentloaded")
    # The print button draws every chart first; the dialog itself is headless Chromium's no-op.
    page.evaluate(
        "() => { window.__printed = false; window.print = () => { window.__printed = true; }; }"
    )
    page.get_by_role("button", name="Print this report or save it as PDF").click()
    page.wait_for_function("() => window.__printed === true", timeout=DRAW_TIMEOUT)
    assert_all_drawn(page.evaluate(DRAWN))
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    for heading in SECTION_HEADINGS:
        assert heading in flat, heading
    for navigation in ("Skip to content", "Search", "Briefings Case reviews", "Made with"):
        assert navigation not in flat, navigation
    assert "Actions and impact" not in flat  # the sidebar's section list
    record_property("pdf_pages", len(reader.pages))
    print(f"\nreport PDF: {len(reader.pages)} A4 pages")
