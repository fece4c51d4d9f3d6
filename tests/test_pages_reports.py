"""Tests for site_builder.pages.reports (and the theme pages' indicators): the report's
sections in the template's order, the scorecard shown in words, the download, escaping,
left-out items, the narrative warnings, and a golden copy of the
latest report of tests/corpora/rich."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from fixture_corpus import pagefind_text, site_texts

from site_builder.pages.indicators import theme_indicators_markdown
from site_builder.pages.reports import SECTIONS, generate
from site_builder.pipeline import check, prepare
from site_builder.publication import Edition
from site_builder.scorecard import CSV_COLUMNS
from tests.conftest import AS_OF, REPO, assert_golden, run_hub

GOLDEN = REPO / "tests" / "golden" / "reports"
LATEST = "2026-27-q2"

NARRATIVE = """\
---
period: 2026-27-q1
meeting_date: 2026-09-09
author: "Chair <script>alert(1)</script>"
subgroup_date: 2026-08-12
focus: early-help
evidence:
  - "Scorecard <b>Q1</b>"
---

Introduction text.

## Recommendations

1. Act on [the draft](../briefings/draft-one.md).

## Doing well

### Re-referrals

Better.

## Horizon scanning

Ahead.
"""

DRAFT = """\
---
title: A draft
date: 2026-01-15
summary: Not yet.
themes: [neglect]
format: standard
status: draft
---

## One

Text.
"""


def outputs(root, as_of: str = AS_OF) -> dict[str, str | bytes]:
    prepared, problems = prepare(root, Edition(date.fromisoformat(as_of)))
    assert prepared is not None, [p.format() for p in problems.sorted()]
    return {o.path: o.content for o in prepared.outputs}


@pytest.fixture(scope="module")
def rich(rich_build) -> dict[str, str | bytes]:  # noqa: ANN001
    return outputs(rich_build[0])


# --- tests/corpora/rich (its latest narrative is 2026-27-q2) ----------------------------------


def test_index_lists_reports_newest_first_by_period_label(rich):
    index = rich["reports/index.md"]
    q2 = index.index("[Q2 2026/27 (July to September 2026)](2026-27-q2.md)")
    q1 = index.index("[Q1 2026/27 (April to June 2026)](2026-27-q1.md)")
    assert q2 < q1


def test_the_sections_come_in_the_template_order(rich):
    page = rich[f"reports/{LATEST}.md"]
    found = re.findall(r"^##+ (\d(?:\.\d)? .*)$", page, re.MULTILINE)
    assert found == [
        SECTIONS[0],
        SECTIONS[1],
        SECTIONS[2],
        SECTIONS[3],
        "4.1 Data",
        "4.2 Qualitative evidence, including audit, research and evaluation",
        "4.3 Voices (children, families, professionals)",
        SECTIONS[4],
        SECTIONS[5],
    ]


def test_the_scorecard_shows_rag_as_word_and_symbol_and_no_data_as_words(rich):
    page = rich[f"reports/{LATEST}.md"]
    assert '<span aria-hidden="true">■</span> Red</span>' in page
    assert '<span aria-hidden="true">◆</span> Amber</span>' in page
    assert '<span aria-hidden="true">●</span> Green</span>' in page
    assert (
        '<tr id="indicator-cp_rate"><th scope="row">Children subject to a child protection plan'
        '</th><td data-label="Value">42.7 per 10,000</td>'
        '<td data-label="Previous quarter">43.9 per 10,000</td>'
        '<td data-label="Target">No target</td><td data-label="RAG">Not rated</td>' in page
    )
    assert "[Download the scorecard for Q2 2026/27 (CSV)](2026-27-q2/scorecard.csv)" in page


def test_generated_lists_name_each_indicator_and_why_in_plain_words(rich):
    page = rich[f"reports/{LATEST}.md"]
    well = page[page.index("#### What we are doing well") : page.index("#### Areas for further")]
    assert (
        "**[Repeat referrals to MARAC within 12 months](#indicator-marac_repeat)** "
        "(Children Affected by Domestic Abuse): 29.4% against a target of 30.0%, ● Green, "
        "▼ Improving: on target and not getting worse." in well
    )
    assert (
        "The sub-group's assessment" in well and "##### Children affected by domestic abuse" in well
    )
    further = page[page.index("#### Areas for further") : page.index("#### Scorecard")]
    assert (
        ": off target by more than the tolerance and getting worse for two quarters in a row."
        in further
    )
    assert "Rule:" not in page


def test_the_latest_report_has_a_chart_per_indicator(rich):
    page = rich[f"reports/{LATEST}.md"]
    assert page.count('class="hub-chart"') == 18
    assert page.count('<details class="hub-chart-data"') == 18


def test_scorecard_csv_is_the_contract_columns(rich):
    text = rich[f"reports/{LATEST}/scorecard.csv"]
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == [
        "cp_second_time",
        "Child protection plans starting for a second or subsequent time",
        "neglect",
        "percent",
        "lower",
        "21.5",
        "21.8",
        "22",
        "green",
        "improving",
        "23.8",
    ]


def test_reports_golden(rich):
    """The rich corpus's latest report page, as generated with the pinned as-of date."""
    assert_golden(rich[f"reports/{LATEST}.md"], GOLDEN / f"{LATEST}.md")


# --- small projects ----------------------------------------------------------------------------


def test_author_text_is_escaped_and_links_to_left_out_items_dropped(make_project):
    root = make_project(
        {"content/reports/2026-27-q1.md": NARRATIVE, "content/briefings/draft-one.md": DRAFT}
    )
    page = outputs(root)["reports/2026-27-q1.md"]
    assert "<script>" not in page and "Chair &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Scorecard &lt;b&gt;Q1&lt;/b&gt;" in page
    assert "1. Act on the draft." in page and "draft-one" not in page
    assert "**[Early Help](../themes/early-help.md)** (focus of this report)" in page
    # Narrative headings sit under the generated heading they belong to.
    assert "##### Re-referrals" in page
    assert page.index(SECTIONS[4]) < page.index("Ahead.") < page.index(SECTIONS[5])


def test_a_draft_narrative_gives_no_report(make_project):
    draft = NARRATIVE.replace("focus: early-help\n", "focus: early-help\nstatus: draft\n")
    root = make_project({"content/reports/2026-27-q1.md": draft})
    files = outputs(root)
    assert "reports/2026-27-q1.md" not in files and "reports/2026-27-q1/scorecard.csv" not in files
    assert "No reports have been published yet." in files["reports/index.md"]


def test_a_report_without_data_says_no_data(make_project):
    narrative = NARRATIVE.replace("2026-27-q1", "2026-27-q3")
    root = make_project({"content/reports/2026-27-q3.md": narrative})
    files = outputs(root)
    page = files["reports/2026-27-q3.md"]
    assert (
        '<th scope="row">Re-referrals within 12 months</th><td data-label="Value">No data</td>'
        '<td data-label="Previous quarter">No data</td><td data-label="Target">20.0%</td>'
        '<td data-label="RAG">No data</td><td data-label="Trend">No data</td>'
        '<td data-label="England">22.6%</td>' in page
    )
    rows = list(csv.DictReader(io.StringIO(files["reports/2026-27-q3/scorecard.csv"])))
    assert rows[0]["value"] == "" and rows[0]["rag"] == ""


@pytest.mark.parametrize("term", ["poor performance", "Areas for improvement"])
def test_narrative_terms_draw_a_warning(make_project, term):
    body = NARRATIVE.replace("Better.", f"Some {term} here.")
    root = make_project({"content/reports/2026-27-q1.md": body})
    _, problems = check(root)
    line = body.split("\n").index(f"Some {term} here.") + 1
    assert [p.format() for p in problems.sorted()] == [
        f"content/reports/2026-27-q1.md:{line}: warning: "
        f"reports say 'areas for further exploration', not '{term.lower()}'"
    ]


def test_theme_page_indicators(make_project):
    root = make_project()
    prepared, _ = prepare(root, Edition(date.fromisoformat(AS_OF)))
    section = theme_indicators_markdown(prepared.site, "early-help")
    assert section.startswith("## Indicators\n\nLatest data: Q1 2026/27 (April to June 2026).")
    assert "| Re-referrals within 12 months | 21.0% | " in section
    assert '<span aria-hidden="true">◆</span> Amber</span> | No data |' in section
    assert section.count('class="hub-chart"') == 1
    assert theme_indicators_markdown(prepared.site, "csa-cse") == ""


def test_hub_build_publishes_the_report_and_its_csv(make_project, tmp_path):
    root = make_project({"content/reports/2026-27-q1.md": NARRATIVE})
    site = tmp_path / "site"
    result = run_hub(root, "build", "--site-dir", str(site), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    html = (site / "reports" / "2026-27-q1" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="1-introduction">1 Introduction' in html
    assert (site / "reports" / "2026-27-q1" / "scorecard.csv").read_text(encoding="utf-8") == (
        generate_csv(root)
    )
    assert (site / "assets" / "javascripts" / "plotly-basic.min.js").stat().st_size > 1_000_000
    index = pagefind_text(site_texts(site))
    assert "scatter" not in index and "data-figure" not in index  # no chart data in search


def generate_csv(root) -> str:
    prepared, _ = prepare(root, Edition(date.fromisoformat(AS_OF)))
    files = {o.path: o.content for o in generate(prepared.site)}
    return files["reports/2026-27-q1/scorecard.csv"]
