"""The accessibility statement: `hub check` warns while it is missing or incomplete, and every
built page links to it from its footer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ACCESSIBILITY, AS_OF, run_hub_in_process

STATEMENT = "content/accessibility.md"
W = f"{STATEMENT}: warning: the accessibility statement"
COMPLIANCE = (
    f"{W} does not say how accessible the site is against WCAG 2.2 AA"
    " (e.g. 'This website is partially compliant with WCAG 2.2 AA')"
)
NOT_ACCESSIBLE = (
    f"{W} does not say what is not accessible, and why (e.g. a section 'Non-accessible content')"
)
CONTACT = f"{W} does not say how to report a problem or ask for the information in another format"
ENFORCEMENT = (
    f"{W} does not say a link to the enforcement procedure (the Equality Advisory and Support"
    " Service, https://www.equalityadvisoryservice.com/)"
)


def _check(make_project, statement: str | None) -> tuple[int, list[str]]:
    root = make_project({STATEMENT: statement})
    result = run_hub_in_process(root, "check", "--strict", "--as-of", AS_OF)
    return result.returncode, result.stdout.splitlines()


def test_a_complete_statement_passes(make_project) -> None:
    assert _check(make_project, ACCESSIBILITY) == (0, ["hub check: no problems found"])


def test_a_missing_statement_is_a_warning(make_project) -> None:
    assert _check(make_project, None) == (
        1,
        [
            f"{STATEMENT}: warning: the accessibility statement is missing: UK public-sector"
            " sites must publish one (start from GOV.UK's sample accessibility statement)",
            "hub check: 0 errors, 1 warning",
        ],
    )


@pytest.mark.parametrize(
    ("old", "new", "warning"),
    [
        ("WCAG 2.2 AA", "WCAG 2.1 AA", COMPLIANCE),  # the regulations now ask for 2.2
        ("WCAG 2.2 AA", "the guidelines", COMPLIANCE),
        (
            "## Non-accessible content\n\nCharts are not accessible by keyboard",
            "## Charts\n\nCharts work by keyboard",
            NOT_ACCESSIBLE,
        ),
        (
            "Ask us for a different format, or report a problem,",
            "Write to us",
            CONTACT,
        ),
        ("https://www.equalityadvisoryservice.com/", "#", ENFORCEMENT),
    ],
    ids=["wcag-2.1", "no-standard", "nothing-inaccessible", "no-contact", "no-eass-link"],
)
def test_each_missing_part_is_named(make_project, old: str, new: str, warning: str) -> None:
    assert old in ACCESSIBILITY
    assert _check(make_project, ACCESSIBILITY.replace(old, new)) == (
        1, [warning, "hub check: 0 errors, 1 warning"]
    )


def test_the_model_statements_wording_passes(make_project) -> None:
    statement = (
        "This website is fully compliant with the Web Content Accessibility Guidelines version"
        " 2.2 AA standard.\n\nSome older PDF documents are not fully accessible to screen reader"
        " software.\n\nIf you need information on this website in a different format like"
        " large print, contact us.\n\nContact the [Equality Advisory and Support Service"
        " (EASS)](https://www.equalityadvisoryservice.com/).\n"
    )
    assert _check(make_project, statement) == (0, ["hub check: no problems found"])


def test_every_page_links_to_the_statement(corpus_build: tuple[Path, Path]) -> None:
    _, site = corpus_build
    pages = sorted(site.rglob("*.html"))
    assert (site / "accessibility" / "index.html").is_file()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            continue
        links = re.findall(r'class="hub-footer-link" href="([^"]+)">Accessibility statement', text)
        assert len(links) == 1, page
        target = (page.parent / links[0]).resolve()
        assert target == (site / "accessibility").resolve(), page
