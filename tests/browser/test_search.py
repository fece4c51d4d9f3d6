"""Search in Chromium, on a corpus this file owns: the fixture corpus (with its left-out
items) plus briefings, a free page and synonyms written for these tests.

Expected results are worked out by hand from the corpus below, never from the code.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    LOCAL_HOST,
    _QuietHandler,
    _QuietServer,
    guard_requests,
    third_party,
)
from tests.conftest import AS_OF, SEVEN_SECTIONS, run_hub
from tests.fixture_corpus import LEFT_OUT_MARKERS, write_corpus

pytestmark = pytest.mark.browser


def _briefing(title: str, themes: str, audience: str, body: str, day: str) -> str:
    return f"""\
---
title: {title}
date: {day}
summary: A briefing written for the search tests.
themes: {themes}
audience: {audience}
---

{body}

{SEVEN_SECTIONS}
"""


SEARCH_FILES = {
    "data/search.yaml": "synonyms:\n  - [was not brought, did not attend, DNA]\n",
    # "nightjar" is only in this briefing's body; it speaks of "did not attend", never "DNA".
    "content/briefings/clinic-letters.md": _briefing(
        "Clinic letters",
        "[neglect]",
        "[education]",
        "Letters after a child did not attend clinic go to a nightjar inbox nobody reads.",
        "2026-05-01",
    ),
    # "quokka" is in this briefing's body and in the free page's: the briefing ranks first.
    "content/briefings/quokka-briefing.md": _briefing(
        "Visits to the family",
        "[early-help]",
        "[health]",
        "The family kept a quokka, which the visiting practitioner noted.",
        "2026-06-01",
    ),
    "content/quokka.md": "# Animals at home\n\nA quokka lives here. Ask about pets.\n",
}

# Theme "Neglect" and audience "Health practitioners", published only (fixture corpus):
# neglect-toxic-trio (neglect; health), citing-draft-review (neglect; no audience, so every
# audience), rr-2026-01-child-a (a neglect review: reviews are for every audience). Not:
# clinic-letters (neglect, but for schools), the left-out briefings and reviews.
NEGLECT_FOR_HEALTH = {
    "/briefings/neglect-toxic-trio/",
    "/briefings/citing-draft-review/",
    "/reviews/rr-2026-01-child-a/",
}


@pytest.fixture(scope="module")
def search_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_corpus(tmp_path_factory.mktemp("search") / "project")
    for rel, text in SEARCH_FILES.items():
        (root / rel).write_text(text, encoding="utf-8")
    site = root.parent / "site"
    result = run_hub(root, "build", "--site-dir", str(site), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def spage(browser, search_url: str):  # noqa: ANN001
    context = browser.new_context(base_url=search_url, viewport={"width": 1280, "height": 800})
    requests = guard_requests(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert not third_party(requests)


def _query(page, query: str | None, filters: dict | None = None) -> list[str]:  # noqa: ANN001
    """Result URLs, best first, from the site's own Pagefind bundle."""
    return page.evaluate(
        """async ([query, filters]) => {
            const pf = await import("/pagefind/pagefind.js");
            const search = await pf.search(query, {filters: filters || {}});
            return Promise.all(search.results.map(async (r) => (await r.data()).url));
        }""",
        [query, filters],
    )


def _urls(page) -> list[str]:  # noqa: ANN001
    hrefs = page.locator(".hub-search--header .hub-result__title").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    return hrefs


def test_a_word_only_in_a_briefing_body_finds_it(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    field = spage.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    field.click()
    field.press_sequentially("nightjar")
    status = spage.locator(".hub-search--header .hub-search__status")
    expect(status).to_have_text("1 result for \u201cnightjar\u201d.")
    assert _urls(spage) == ["/briefings/clinic-letters/"]
    result = spage.locator(".hub-search--header .hub-result").first
    expect(result.locator(".hub-result__title")).to_have_text("Clinic letters")
    expect(result.locator(".hub-result__meta")).to_have_text("Briefing · 1 May 2026")
    expect(result.locator(".hub-result__summary")).to_have_text(
        "A briefing written for the search tests."
    )


def test_results_show_titles_and_summaries_as_text(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    field = spage.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    field.fill("evil")
    results = spage.locator(".hub-search--header .hub-result")
    expect(results).to_have_count(2)
    expect(results.locator(".hub-result__title").first).to_have_text(
        "<script>alert(1)</script> Evil briefing"
    )
    assert results.locator("script, img").count() == 0


def test_filters_alone_give_exactly_the_items_with_both(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    filters = {"theme": "Neglect", "audience": "Health practitioners"}
    assert set(_query(spage, None, filters)) == NEGLECT_FOR_HEALTH
    assert len(_query(spage, None, filters)) == len(NEGLECT_FOR_HEALTH)


def test_find_learning_ticks_a_theme_and_a_role(spage) -> None:  # noqa: ANN001
    spage.goto("/find/")
    spage.get_by_role("group", name="Theme", exact=True).get_by_label(
        re.compile("^Neglect")
    ).check()
    spage.get_by_role("group", name="Your role", exact=True).get_by_label(
        re.compile("^Health practitioners")
    ).check()
    status = spage.locator("article .hub-search__status")
    expect(status).to_have_text("3 results.")
    urls = spage.locator("article .hub-result__title").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    # Newest first: citing-draft-review 10 March 2026, Child A completed 20 January 2026,
    # neglect-toxic-trio 15 January 2026.
    assert urls == [
        "/briefings/citing-draft-review/",
        "/reviews/rr-2026-01-child-a/",
        "/briefings/neglect-toxic-trio/",
    ]
    # The choices are kept in the address, so the page can be shared or bookmarked.
    assert "theme=Neglect" in spage.url and "audience=Health+practitioners" in spage.url


def test_a_synonym_finds_the_page_using_the_other_word(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    assert _query(spage, "DNA") == ["/briefings/clinic-letters/"]


@pytest.mark.parametrize("marker", sorted(LEFT_OUT_MARKERS))
def test_no_left_out_item_is_ever_a_result(spage, marker: str) -> None:  # noqa: ANN001
    spage.goto("/")
    assert _query(spage, marker) == []
    every_type = {"type": {"any": ["Briefing", "Case review", "Report", "Page"]}}
    everything = _query(spage, None, every_type)
    assert everything and not [url for url in everything if "zq" in url]


def test_briefing_ranks_above_a_free_page(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    field = spage.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    field.fill("quokka")
    expect(spage.locator(".hub-search--header .hub-result")).to_have_count(2)
    assert _urls(spage) == ["/briefings/quokka-briefing/", "/quokka/"]


def test_lists_and_the_metadata_box_are_not_results(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    # "Reading time" is only in briefings' metadata boxes; "Partner agencies" heads /agencies/.
    assert _query(spage, "reading time") == []
    assert _query(spage, "partner agencies") == []


def test_search_works_after_instant_navigation(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    spage.locator("article").get_by_role("link", name="Neglect").first.click()
    expect(spage).to_have_url(re.compile(r"/themes/neglect/$"))
    # The address changes before the new page is in place: type once it is.
    expect(spage.get_by_role("heading", level=1)).to_contain_text("Neglect")
    field = spage.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    field.fill("nightjar")
    expect(spage.locator(".hub-search--header .hub-search__status")).to_have_text(
        "1 result for \u201cnightjar\u201d."
    )
    spage.locator(".hub-search--header .hub-result__title").first.click()
    expect(spage).to_have_url(re.compile(r"/briefings/clinic-letters/$"))
    expect(spage.locator(".hub-search--header .hub-search__output")).to_be_hidden()


def test_escape_closes_results_and_keyboard_reaches_them(spage) -> None:  # noqa: ANN001
    spage.goto("/")
    field = spage.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    field.click()
    field.press_sequentially("quokka")
    # Best first: the briefing, then the free page.
    expect(spage.locator(".hub-search--header .hub-result")).to_have_count(2)
    # From the field: the search button, the filters disclosure, then the first result.
    for _ in range(3):
        spage.keyboard.press("Tab")
    focused = spage.evaluate("() => document.activeElement.textContent")
    assert focused == "Visits to the family"
    spage.keyboard.press("Escape")
    expect(spage.locator(".hub-search--header .hub-search__output")).to_be_hidden()
