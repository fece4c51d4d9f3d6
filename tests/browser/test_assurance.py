"""Are we assured? in Chromium: the demo's theme page, report and sub-group pages fit a
375 px phone and a 1280 px screen without horizontal scrolling, and axe finds nothing."""

from __future__ import annotations

import pytest

from tests.browser import test_accessibility
from tests.browser.test_accessibility import describe, latest_report_period, open_page, run_axe

axe_script = test_accessibility.axe_script  # the fixture, shared

pytestmark = pytest.mark.browser

PAGES = {
    "theme": "/themes/neglect/",
    "report": f"/reports/{latest_report_period()}/",
    "sub-group": "/assurance/exploitation-subgroup/",
    "assurance index": "/assurance/",
}
WIDTHS = (375, 1280)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_horizontal_scrolling(page, kind: str, width: int) -> None:  # noqa: ANN001
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, PAGES[kind], "light")
    if kind != "assurance index":
        assert page.locator(".hub-judgement").count() > 0
    scroll, inner = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll <= inner, f"{PAGES[kind]} at {width} px scrolls sideways: {scroll} > {inner}"
    # Nor do the assurance tables scroll inside their frames: the judgement column shows.
    wraps, hidden = page.evaluate(
        "() => { const w = [...document.querySelectorAll("
        "'.hub-assurance .md-typeset__scrollwrap')];"
        " return [w.length, w.filter(x => x.scrollWidth > x.clientWidth).length]; }"
    )
    assert (wraps > 0, hidden) == (kind in ("theme", "report"), 0)


@pytest.mark.parametrize("width", WIDTHS)
def test_drift_table_fits_the_content_column(page, width: int) -> None:  # noqa: ANN001
    """The six quarters fit beside the questions (on a wide screen the table must not run
    under the table of contents)."""
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, PAGES["sub-group"], "light")
    table, article = page.evaluate(
        "() => [document.querySelector('.hub-drift__table').getBoundingClientRect().right,"
        " document.querySelector('.md-content__inner').getBoundingClientRect().right]"
    )
    assert table <= article + 0.5


def test_drift_table_cells_fit_their_columns_on_a_phone(page) -> None:  # noqa: ANN001
    """At 375 px each question spans the width and its six quarters sit in a row beneath it,
    no cell wider than its column."""
    page.set_viewport_size({"width": 375, "height": 900})
    open_page(page, PAGES["sub-group"], "light")
    overflowing = page.evaluate(
        "() => [...document.querySelectorAll('.hub-drift__table td')]"
        ".filter(td => td.scrollWidth > td.clientWidth).length"
    )
    assert overflowing == 0
    row = page.locator(".hub-drift__table tbody tr").first
    th_box = row.locator("th").bounding_box()
    td_boxes = [td.bounding_box() for td in row.locator("td").all()]
    assert len(td_boxes) == 6
    assert all(box["y"] >= th_box["y"] + th_box["height"] - 1 for box in td_boxes)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_axe_violations(page, axe_script, kind: str, width: int, scheme: str) -> None:  # noqa: ANN001, E501
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, PAGES[kind], scheme)
    violations = run_axe(page, axe_script)
    assert violations == [], f"{PAGES[kind]} ({width} px, {scheme}):\n{describe(violations)}"
