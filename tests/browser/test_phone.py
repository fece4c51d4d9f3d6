"""On a 375 x 740 phone screen: the home page's first screen and actions without sideways
scrolling (bounding boxes in Chromium, on the demo site)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, server_url: str):  # noqa: ANN001
    context = browser.new_context(base_url=server_url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _inside(box: dict | None, *, whole_screen: bool) -> bool:
    """Whether `box` lies within the phone's width (and, with `whole_screen`, its height)."""
    if box is None:
        return False
    across = box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    down = box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    return across and (down or not whole_screen)


def test_home_first_screen_holds_search_and_the_ways_in(phone) -> None:  # noqa: ANN001
    phone.goto("/")
    field = phone.locator("article input[type=search]")
    expect(field).to_be_visible()
    assert _inside(field.bounding_box(), whole_screen=True)
    for heading in ("Learning by theme", "Learning for my role"):
        links = phone.locator(f"nav.hub-ways-in h2:text-is('{heading}') + ul a")
        assert links.count() == 7, heading  # the demo taxonomy's 7 priorities and 7 audiences
        for link in links.all():
            assert _inside(link.bounding_box(), whole_screen=True), link.text_content()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_header_search_opens_from_a_button_on_a_phone(phone) -> None:  # noqa: ANN001
    phone.goto("/briefings/think-family/")
    toggle = phone.get_by_role("button", name="Search", exact=True).first
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    field = phone.locator(".hub-search--header input[type=search]")
    expect(field).to_be_focused()
    field.press_sequentially("supervising")
    result = phone.locator(".hub-search--header .hub-result").first
    expect(result).to_be_visible()
    assert _inside(result.bounding_box(), whole_screen=False)


@pytest.mark.parametrize(
    "path",
    ["/reviews/rr-2025-06-child-k/", "/themes/neglect/", "/agencies/health/"],
)
def test_every_action_shows_status_and_overdue_flag_on_screen(phone, path: str) -> None:  # noqa: ANN001
    phone.goto(path)
    expect(phone.locator(".hub-actions")).to_be_hidden()  # the full table is for wide screens
    cards = phone.locator(".hub-action-card")
    assert cards.count() > 0
    for status in phone.locator(".hub-action-card__status").all():
        status.scroll_into_view_if_needed()
        assert _inside(status.bounding_box(), whole_screen=False), status.text_content()
    for flag in phone.locator(".hub-action-card .hub-overdue").all():
        flag.scroll_into_view_if_needed()
        assert _inside(flag.bounding_box(), whole_screen=False), flag.text_content()
    for card in cards.all():
        assert _inside(card.bounding_box(), whole_screen=False)


def test_agency_page_has_overdue_actions_to_check(phone) -> None:  # noqa: ANN001
    # The demo's health actions include overdue ones, so the flag check above is not empty.
    phone.goto("/agencies/health/")
    assert phone.locator(".hub-action-card .hub-overdue").count() >= 1
