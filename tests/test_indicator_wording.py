"""One way of showing a number: over a built corpus of its own, every indicator's value,
target and trend reads the same on its theme page, in the report, on the dashboard and in
scorecard.csv, and every arrow on every page shows the direction of the value.

The corpus has two quarters, Q4 2025/26 and Q1 2026/27, and one indicator of each unit, with
values that round (21.25, 42.75, 41.55: half up, never to even) and a trend of each kind. The
expected texts below are worked out by hand from these files.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import AS_OF, MINIMAL_FILES, copy_engine, run_hub, write_tree

INDICATORS = """\
- id: rereferrals_12m
  name: Re-referrals within 12 months
  priority: early-help
  unit: percent
  polarity: lower
  target: 20.0
  tolerance: 2.0
  england: 22.6
- id: cp_visits
  name: Child protection visits per 10,000
  priority: neglect
  unit: rate_per_10k
  polarity: higher
  target: 50
  england: 41.55
- id: mash_referrals
  name: Referrals to the MASH
  priority: csa-cse
  unit: count
  polarity: context
- id: strategy_days
  name: Days to a strategy discussion
  priority: csa-cse
  unit: days
  polarity: lower
  target: 1
"""

REVIEW = """\
---
title: Child B
type: rapid-review
themes: [neglect, csa-cse]
agencies: [police]
notified: 2026-01-06
completed: 2026-01-27
learning:
  - Visits matter.
actions:
  - {id: B1, action: Visit more often., owner: health, due: 2026-03-31, status: complete,
     completed: 2026-02-10, impact: More visits., measure: cp_visits}
  - {id: B2, action: Count MASH referrals., owner: police, due: 2026-03-31, status: complete,
     completed: 2026-02-10, impact: Counted., measure: mash_referrals}
  - {id: B3, action: Hold strategy discussions sooner., owner: police, due: 2026-03-31,
     status: complete, completed: 2026-02-10, impact: Sooner., measure: strategy_days}
---

## Summary

Child B.
"""

FILES = {
    **MINIMAL_FILES,
    "data/indicators.yaml": INDICATORS,
    "data/scorecard/2025-26-q4.csv": (
        "indicator,value\nrereferrals_12m,23.0\ncp_visits,40\nmash_referrals,1000\n"
        "strategy_days,1\n"
    ),
    "data/scorecard/2026-27-q1.csv": (
        "indicator,value,note\nrereferrals_12m,21.25,\ncp_visits,42.75,\nmash_referrals,1204,\n"
        "strategy_days,1,Counted in working days\n"
    ),
    "content/reviews/rr-2026-01-child-b.md": REVIEW,
    "content/reports/2026-27-q1.md": (
        "---\nperiod: 2026-27-q1\nmeeting_date: 2026-09-09\nauthor: Business unit\n---\n\n"
        "The quarter.\n"
    ),
}

# Indicator -> (theme page, value, previous value, target, RAG, trend, England).
EXPECTED = {
    "Re-referrals within 12 months": (
        "themes/early-help",
        "21.3%",
        "23.0%",
        "20.0%",
        "◆ Amber",
        "▼ Improving",  # lower is better and it fell
        "22.6%",
    ),
    "Child protection visits per 10,000": (
        "themes/neglect",
        "42.8 per 10,000",
        "40.0 per 10,000",
        "50.0 per 10,000",
        "■ Red",
        "▲ Improving",  # higher is better and it rose
        "41.6 per 10,000",
    ),
    "Referrals to the MASH": (
        "themes/csa-cse",
        "1,204",
        "1,000",
        "No target",
        "Not rated",
        "▲ Up",
        "Not available",
    ),
    "Days to a strategy discussion": (
        "themes/csa-cse",
        "1 day",
        "1 day",
        "1 day",
        "● Green",
        "▶ Stable",
        "Not available",
    ),
}

SCORECARD_CSV = (
    "indicator,name,priority,unit,polarity,value,previous_value,target,rag,trend,england\n"
    'cp_visits,"Child protection visits per 10,000",neglect,rate_per_10k,higher,42.75,40,50,'
    "red,improving,41.55\n"
    "mash_referrals,Referrals to the MASH,csa-cse,count,context,1204,1000,,,up,\n"
    "strategy_days,Days to a strategy discussion,csa-cse,days,lower,1,1,1,green,stable,\n"
    "rereferrals_12m,Re-referrals within 12 months,early-help,percent,lower,21.25,23,20,amber,"
    "improving,22.6\n"
)
"""In the taxonomy's priority order, exact values (the pages round them, half up)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wording") / "project"
    root.mkdir()
    copy_engine(root)
    write_tree(root, FILES)
    site_dir = root.parent / "site"
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def cells(row: str) -> list[str]:
    """A table row's cells as the reader sees them (tags dropped, entities read)."""
    found = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", c)).split()) for c in found]


def row_of(text: str, name: str, after: str = "") -> list[str]:
    """The cells of the first table row holding ``name`` (after the text ``after``)."""
    start = text.index(after) if after else 0
    for row in re.findall(r"<tr[^>]*>.*?</tr>", text[start:], re.DOTALL):
        found = cells(row)
        if name in found:
            return found
    raise AssertionError(f"no row for {name!r}")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_theme_page_reads_the_same(site, name):
    theme, value, _, _, rag, trend, _ = EXPECTED[name]
    assert row_of(page(site, theme), name) == [name, value, rag, trend]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_report_scorecard_reads_the_same(site, name):
    _, value, previous, target, rag, trend, england = EXPECTED[name]
    report = page(site, "reports/2026-27-q1")
    assert row_of(report, name, 'class="hub-scorecard" id="scorecard-') == [
        name,
        value,
        previous,
        target,
        rag,
        trend,
        england,
    ]


def test_report_lists_read_the_same(site):
    text = re.sub(r"<[^>]+>", "", page(site, "reports/2026-27-q1"))
    report = " ".join(html.unescape(text).split())
    assert (
        "Days to a strategy discussion (Child Sexual Abuse and Exploitation): 1 day against a "
        "target of 1 day, ● Green, ▶ Stable: on target and not getting worse." in report
    )
    assert (
        "Child protection visits per 10,000 (Neglect): 42.8 per 10,000 against a target of "
        "50.0 per 10,000, ■ Red, ▲ Improving: off target by more than the tolerance." in report
    )


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("Re-referrals within 12 months", "A1: Refresh the neglect toolkit training."),
        ("Child protection visits per 10,000", "B1: Visit more often."),
        ("Referrals to the MASH", "B2: Count MASH referrals."),
        ("Days to a strategy discussion", "B3: Hold strategy discussions sooner."),
    ],
)
def test_dashboard_impact_reads_the_same(site, name, action):
    # Each action was completed in Q4 2025/26: "then" is that quarter, "latest" Q1 2026/27,
    # so the dashboard's trend is the report's trend against the previous quarter.
    _, value, previous, _, _, trend, _ = EXPECTED[name]
    row = row_of(page(site, "actions"), action, 'id="impact"')
    assert row[3:] == [name, f"{previous} (Q4 2025/26)", f"{value} (Q1 2026/27)", trend]


def test_scorecard_csv_holds_the_exact_values_behind_the_words(site):
    text = (site / "reports" / "2026-27-q1" / "scorecard.csv").read_text(encoding="utf-8")
    assert text == SCORECARD_CSV


ARROW = re.compile(
    r'<span class="hub-trend hub-trend--(\w+)"><span class="hub-arrow" role="img" '
    r'aria-label="(\w+)">(.)</span> (\w+)</span>'
)


def test_one_arrow_convention_on_every_page(site):
    arrows = {"up": "▲", "down": "▼", "level": "▶"}
    seen = set()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for old in ("↑", "↓", "→", "►"):
            assert old not in text, (path, old)
        for trend, direction, arrow, word in ARROW.findall(text):
            assert arrows[direction] == arrow, (path, trend, direction, arrow)
            assert word.lower() == trend
            if trend == "stable":
                assert direction == "level"
            seen.add((trend, direction))
    # Improving shows both ways, as the value moved: down for lower-is-better, up for higher.
    assert {("improving", "down"), ("improving", "up"), ("up", "up"), ("stable", "level")} <= seen


def test_the_quarter_at_a_glance_counts_and_links(site):
    # Neglect: cp_visits red (for further exploration); child A's A2 (due 30 June 2026, in
    # progress) overdue. CSA: strategy_days green, mash_referrals not rated. Early Help:
    # re-referrals amber. Child B's actions are complete.
    report = page(site, "reports/2026-27-q1")
    glance = report[report.index('<table class="hub-scorecard hub-glance">') :]
    glance = glance[: glance.index("</table>")]
    assert row_of(glance, "Neglect") == [
        "Neglect",
        "0",
        "0",
        "1",
        "0",
        "Child protection visits per 10,000",
        "1",
    ]
    assert row_of(glance, "Child Sexual Abuse and Exploitation")[1:] == [
        "1",
        "0",
        "0",
        "0",
        "None",
        "0",
    ]
    assert row_of(glance, "Early Help")[1:] == ["0", "1", "0", "0", "None", "0"]
    assert '<a href="#indicator-cp_visits">Child protection visits per 10,000</a>' in glance
    assert '<a href="#scorecard-neglect">1</a>' in glance
    assert '<a href="../../themes/neglect/#open-actions">1</a>' in glance
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", report)).split())
    assert (
        "Of 4 indicators, 1 on target (green), 1 just off target (amber), 1 off target (red) "
        "and 1 without a target (not rated). 1 indicator is for further exploration. 1 action "
        "from a case review is overdue as of 26 November 2026." in text
    )
    # The glance comes right under the header table, before the introduction.
    assert report.index("About this report") < report.index('class="hub-glance-block"')
    assert report.index('class="hub-glance-block"') < report.index('<h2 id="1-introduction"')
