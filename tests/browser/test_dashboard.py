"""The action and impact dashboard (`/actions/`) in headless Chromium: its charts are drawn,
each with its data table, the figures are those of the as-of date, and nothing is fetched from
any host but the site's own (the `page` fixture fails the test otherwise)."""

from __future__ import annotations

from tests.browser.conftest import scroll_through_charts

DASHBOARD = "actions/"
PLOTLY = "assets/javascripts/plotly.min.js"
DRAW_TIMEOUT = 120_000  # ms: generous on a busy machine

# Chart id -> traces: one per action status; completed by / after the due date; answers, useful,
# learned something and changed practice.
EXPECTED_TRACES = {
    "chart-actions-by-agency": 3,
    "chart-actions-completed": 2,
    "chart-learning-into-practice": 4,
}

DRAWN = """() => Array.from(document.querySelectorAll('.hub-chart')).map(el => ({
  id: el.closest('figure').id,
  drawn: el.classList.contains('js-plotly-plot') && !!el.querySelector('svg.main-svg'),
  traces: el.data ? el.data.length : 0,
  bars: el.querySelectorAll('.barlayer .trace').length,
  table: !!el.closest('figure').nextElementSibling.querySelector('table'),
}))"""


def open_dashboard(page):  # noqa: ANN001, ANN201
    page.goto(DASHBOARD, wait_until="domcontentloaded", timeout=DRAW_TIMEOUT)
    scroll_through_charts(page)
    page.wait_for_function(
        "() => { const c = document.querySelectorAll('.hub-chart');"
        " return c.length > 0 && Array.from(c).every(el => el.data && el.querySelector('svg')); }",
        timeout=DRAW_TIMEOUT,
    )
    return page.evaluate(DRAWN)


def test_dashboard_charts_are_drawn_with_their_tables(page, server_url):
    charts = open_dashboard(page)
    assert {c["id"]: c["traces"] for c in charts} == EXPECTED_TRACES
    for chart in charts:
        assert chart["drawn"], chart
        assert chart["bars"] == EXPECTED_TRACES[chart["id"]], chart
        assert chart["table"], chart
    assert server_url + PLOTLY in page.hub_requests


def test_dashboard_shows_the_as_of_date_and_overdue_actions_first(page):
    open_dashboard(page)
    content = page.locator("article")
    assert "Figures as of 26 November 2026." in content.inner_text()
    headings = content.locator("h2").all_inner_texts()
    names = [h.strip().rstrip("¶").strip() for h in headings]
    assert names.index("Overdue actions") < names.index("Actions by agency")
    overdue = page.locator("xpath=//h2[@id='overdue-actions']/following::table[1]")
    first_row = overdue.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first_row[-2:] == ["31 March 2026", "240"]  # longest overdue first
    assert overdue.locator("thead th").all_inner_texts() == [
        "Review",
        "Action",
        "Owner",
        "Due",
        "Days overdue",
    ]


def test_dashboard_downloads_are_served(page):
    open_dashboard(page)
    for name in ("all actions (CSV)", "all reviews with timeliness and learning lag (CSV)"):
        link = page.get_by_role("link", name=name).first
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok, name
        assert response.text().startswith(("review,action,owner", "review,type,themes"))


def test_no_third_party_request_from_the_dashboard(page):
    open_dashboard(page)
    page.wait_for_load_state("networkidle", timeout=DRAW_TIMEOUT)
    assert page.hub_requests  # the fixture's teardown fails the test on any other host
