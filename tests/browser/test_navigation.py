"""What only a browser shows: search, following links, the phone menu, the request guard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import guard_requests, third_party

pytestmark = pytest.mark.browser


def test_search_finds_a_briefing_by_a_word_from_its_body(page):
    # "supervising" is only in the body of the think-family briefing, not its title or summary.
    page.goto("/")
    search = page.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    search.click()
    search.press_sequentially("supervising")
    results = page.locator(".hub-search--header .hub-result")
    expect(results.first).to_be_visible()
    expect(page.locator(".hub-search--header .hub-search__results")).to_contain_text(
        "Think family: when adults' needs hide children's needs"
    )


def test_theme_to_briefing_to_source_review_by_clicking(page):
    page.goto("/themes/complex-safeguarding/")
    expect(page.locator("article h1")).to_contain_text("Complex Safeguarding")
    page.locator("article").get_by_role(
        "link", name="Contextual safeguarding: seeing risk outside the home"
    ).first.click()
    expect(page).to_have_url(re.compile(r"/briefings/contextual-safeguarding-child-m/$"))
    expect(page.locator("article h1")).to_contain_text("Contextual safeguarding")
    page.locator("article").get_by_role("link", name=re.compile("^Child M")).first.click()
    expect(page).to_have_url(re.compile(r"/reviews/rr-2025-10-child-m/$"))
    expect(page.locator("article h1")).to_contain_text("Child M")


def test_menu_at_360_px_opens_and_navigates(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    drawer = page.locator("nav.md-nav--primary")
    expect(drawer.get_by_role("link", name="Case reviews")).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer.get_by_role("link", name="Briefings").first).to_be_in_viewport()
    for name in ("Case reviews", "Themes", "Agencies", "Reports"):
        expect(drawer.get_by_role("link", name=name).first).to_be_visible()
    drawer.get_by_role("link", name="Case reviews").first.click()
    expect(page).to_have_url(re.compile(r"/reviews/$"))
    expect(page.locator("article h1")).to_have_text(re.compile("Case reviews"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways at 360 px ({width} px wide)"


def test_public_site_has_no_edit_link(page):
    # "Edit this page" is for the internal edition (tests/test_publication_safety.py).
    page.goto("/briefings/think-family/")
    expect(page.locator("article h1")).to_contain_text("Think family")
    expect(page.locator("a[rel='edit']")).to_have_count(0)


def test_every_page_request_stayed_on_127_0_0_1(page):
    for path in ("/", "/briefings/think-family/", "/reviews/", "/themes/neglect/"):
        page.goto(path)
    page.wait_for_load_state("networkidle")
    assert page.hub_requests, "no requests were recorded"
    assert third_party(page.hub_requests) == []


def test_third_party_lists_only_other_hosts():
    urls = [
        "http://127.0.0.1:8000/",
        "data:image/png;base64,AAAA",
        "blob:http://127.0.0.1:8000/1234",
        "https://cdn.example/x.png",
        "https://fonts.googleapis.com/css",
        "http://localhost:8000/",
    ]
    assert third_party(urls) == [
        "https://cdn.example/x.png",
        "https://fonts.googleapis.com/css",
        "http://localhost:8000/",
    ]


def test_guard_records_and_blocks_an_injected_third_party_request(browser, server_url):
    context = browser.new_context(base_url=server_url)
    try:
        requests = guard_requests(context)
        page = context.new_page()
        failed: list[tuple[str, str | None]] = []
        page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
        page.goto("/")
        assert third_party(requests) == []
        page.evaluate(
            """() => new Promise(resolve => {
                const img = document.createElement("img");
                img.alt = "";
                img.onload = img.onerror = resolve;
                img.src = "https://cdn.example/x.png";
                document.body.append(img);
            })"""
        )
        page.evaluate("() => fetch('https://example.org/x').catch(() => null)")
        assert third_party(requests) == ["https://cdn.example/x.png", "https://example.org/x"]
        assert [url for url, _ in failed] == ["https://cdn.example/x.png", "https://example.org/x"]
        assert all("BLOCKED_BY_CLIENT" in (reason or "") for _, reason in failed)
    finally:
        context.close()
