"""axe-core (npm devDependency, injected from node_modules) on every page type, both palettes.

WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules must report zero violations.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import CORPUS
from tests.conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def latest_report_period() -> str:
    """The newest report narrative of the served corpus (period ids sort by date)."""
    return sorted(p.stem for p in (CORPUS / "content" / "reports").glob("*.md"))[-1]


PAGE_TYPES = {
    "home": "/",
    "briefing list": "/briefings/",
    "briefing": "/briefings/think-family/",
    "review list": "/reviews/",
    "review": "/reviews/rr-2025-10-child-m/",
    "theme": "/themes/neglect/",
    "agency": "/agencies/police/",
    "actions": "/actions/",
    "report list": "/reports/",
    "report": f"/reports/{latest_report_period()}/",
    "find learning": "/find/",
}


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} missing: run `npm ci` at the repository root")
        pytest.skip(f"{AXE} missing: run `npm ci` at the repository root")
    return AXE


def run_axe(page, axe_script) -> list[dict]:  # noqa: ANN001
    """The axe violations of the page as loaded, restricted to the WCAG A/AA tags."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations",
        AXE_TAGS,
    )


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, impact, what to fix and where."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} "
                f"at {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')}"
            )
    return "\n".join(lines)


def open_page(page, path: str, scheme: str) -> None:  # noqa: ANN001
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_has_no_axe_violations(page, axe_script, kind: str, scheme: str):
    open_page(page, PAGE_TYPES[kind], scheme)
    violations = run_axe(page, axe_script)
    assert violations == [], f"{PAGE_TYPES[kind]} ({scheme}):\n{describe(violations)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_open_with_filters_and_results_has_no_axe_violations(page, axe_script, scheme):
    open_page(page, "/", scheme)
    search = page.get_by_role("searchbox", name="Search briefings, reviews and reports").first
    search.click()
    search.press_sequentially("neglect")
    header = page.locator(".hub-search--header")
    header.locator(".hub-result").first.wait_for()
    header.locator(".hub-search__filters > summary").first.click()
    header.get_by_role("group", name="Theme", exact=True).get_by_label("Neglect (").check()
    header.locator(".hub-search__filters--more > summary").click()
    header.get_by_role("group", name="Type", exact=True).get_by_label("Briefing (").check()
    page.wait_for_function(
        "() => /results? for/.test(document.querySelector('.hub-search--header "
        ".hub-search__status').textContent)"
    )
    violations = run_axe(page, axe_script)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_find_learning_with_filters_chosen_has_no_axe_violations(page, axe_script, scheme):
    open_page(page, "/find/?theme=Neglect&audience=Health+practitioners", scheme)
    page.locator("article .hub-result").first.wait_for()
    violations = run_axe(page, axe_script)
    assert violations == [], describe(violations)


def test_axe_reports_an_introduced_violation(page, axe_script):
    """The check can fail: an image without a text alternative is caught."""
    open_page(page, "/", "light")
    page.evaluate(
        """() => {
            const img = document.createElement("img");
            img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.querySelector("article").append(img);
        }"""
    )
    violations = run_axe(page, axe_script)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert "image-alt" in describe(violations)
