"""Tests for site_builder.pages.actions: the `/actions/` dashboard and its two downloads.

The downloads are read back from real `hub build` output (the demo and a fixture corpus) and
compared cell by cell with the dashboard's model and with the contract's rules.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder import dashboard
from site_builder.pages import actions as page
from site_builder.pipeline import check
from site_builder.publication import Edition
from site_builder.site import Site
from tests.conftest import AS_OF, REPO, SEVEN_SECTIONS, run_hub

AS_OF_DATE = date.fromisoformat(AS_OF)
ACTIONS_HEADER = ["review", "action", "owner", "due", "status", "completed", "overdue"]
REVIEWS_HEADER = [
    "review",
    "type",
    "themes",
    "notified",
    "completed",
    "published",
    "on_time",
    "learning_lag_days",
]


def read_csv(path: Path) -> list[list[str]]:
    """The rows of a built CSV (strict UTF-8)."""
    text = path.read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def published_site(root: Path, internal: bool = False) -> Site:
    project, problems = check(root)
    assert not problems.errors, [p.format() for p in problems]
    return Site.publish(project, Edition(AS_OF_DATE, internal))


def model_actions(site: Site) -> list[list[str]]:
    return [ACTIONS_HEADER, *dashboard.actions_csv_rows(dashboard.action_rows(site))]


def model_reviews(site: Site) -> list[list[str]]:
    return [REVIEWS_HEADER, *dashboard.reviews_csv_rows(site, dashboard.review_rows(site))]


def assert_same_cells(got: list[list[str]], expected: list[list[str]]) -> None:
    """Equal row count, then every cell, naming the first that differs."""
    assert len(got) == len(expected), f"{len(got)} rows, expected {len(expected)}"
    for line, (got_row, expected_row) in enumerate(zip(got, expected, strict=True), start=1):
        assert len(got_row) == len(expected_row), f"line {line}: {got_row}"
        for column, (cell, want) in enumerate(zip(got_row, expected_row, strict=True)):
            assert cell == want, f"line {line}, {expected[0][column]}: {cell!r} != {want!r}"


# --- The demo, built by the real CLI ------------------------------------------------------


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("demo") / "site"
    result = run_hub(REPO, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="module")
def demo_site() -> Site:
    return published_site(REPO)


def test_demo_actions_csv_matches_the_model(demo_build, demo_site):
    rows = read_csv(demo_build / "actions" / "actions.csv")
    assert_same_cells(rows, model_actions(demo_site))


def test_demo_reviews_csv_matches_the_model(demo_build, demo_site):
    rows = read_csv(demo_build / "reviews" / "reviews.csv")
    assert_same_cells(rows, model_reviews(demo_site))


def test_demo_actions_csv_follows_the_contract(demo_build, demo_site):
    header, *rows = read_csv(demo_build / "actions" / "actions.csv")
    assert header == ACTIONS_HEADER
    published = {r.id: r for r in demo_site.reviews}
    written = {(r.id, a.id) for r in published.values() for a in r.actions}
    assert {(row[0], row[1]) for row in rows} == written
    for review_id, action_id, owner, due, status, completed, overdue in rows:
        action = next(a for a in published[review_id].actions if a.id == action_id)
        assert (owner, due, status) == (action.owner, action.due.isoformat(), action.status)
        assert completed == (action.completed.isoformat() if action.completed else "")
        late = status != "complete" and date.fromisoformat(due) < AS_OF_DATE
        assert overdue == ("yes" if late else "no")
    # Due on the as-of date itself: not overdue.
    assert [
        "maa-2025-09-neglect-audit",
        "A5",
        "early-help-service",
        AS_OF,
        "in-progress",
        "",
        "no",
    ] in rows
    # The draft review and its actions appear nowhere.
    assert "lr-2026-06-child-s" not in {row[0] for row in rows}


def test_demo_reviews_csv_follows_the_contract(demo_build):
    header, *rows = read_csv(demo_build / "reviews" / "reviews.csv")
    assert header == REVIEWS_HEADER
    by_id = {row[0]: row for row in rows}
    assert "lr-2026-06-child-s" not in by_id  # draft
    # 13 October 2025 + 15 working days = 3 November; completed 14 November: late.
    assert by_id["rr-2025-10-child-m"] == [
        "rr-2025-10-child-m",
        "rapid-review",
        "csa-cse;complex-safeguarding;missing",
        "2025-10-13",
        "2025-11-14",
        "2025-12-01",
        "no",
        "10",
    ]
    # LCSPR: notified 18 November 2024, published 12 May 2025, due 18 May 2025.
    assert by_id["lcspr-2024-11-sibling-group-l"][6:] == ["yes", "25"]
    # Other types: no on-time outcome; not completed: no lag.
    assert by_id["maa-2026-10-emotional-health-audit"][4:] == ["", "", "", ""]
    assert by_id["gpr-2025-07-family-j"][6] == ""


def test_demo_dashboard_page(demo_build):
    html = (demo_build / "actions" / "index.html").read_text(encoding="utf-8")
    assert "Figures as of 26 November 2026" in html
    assert html.index("Overdue actions") < html.index("Actions by agency")
    assert 'href="actions.csv"' in html
    assert 'href="../reviews/reviews.csv"' in html
    assert html.count('class="hub-chart"') == 3  # by agency, completion, learning into practice
    assert "Impact not yet evidenced" in html
    assert "Child S:" not in html  # the draft review
    assert "lr-2026-06-child-s" not in html


# --- A fixture corpus --------------------------------------------------------------------


def review_md(**meta: object) -> str:
    fields = {"title": "Child Z", "type": "rapid-review", "themes": ["neglect"], **meta}
    return f"---\n{yaml.safe_dump(fields, sort_keys=False)}---\n\nText.\n"


def action(id_: str, due: str, status: str = "in-progress", **more: object) -> dict:
    return {
        "id": id_,
        "action": f"Do {id_}.",
        "owner": "health",
        "due": due,
        "status": status,
        **more,
    }


FIXTURE = {
    "content/reviews/rr-2025-12-child-x.md": review_md(
        title="Child X <script>alert(1)</script>",
        themes=["early-help", "neglect"],
        notified="2024-12-16",
        completed="2025-01-10",
        published="2025-02-01",
        actions=[
            action("X1", AS_OF),
            action(
                "X2", "2026-11-25", "not-started", owner="police", action="Fix <b>this</b> | that"
            ),
            action(
                "X3", "2026-01-31", "complete", completed="2026-02-03", measure="rereferrals_12m"
            ),
        ],
    ),
    "content/reviews/lcspr-2025-08-child-y.md": review_md(
        title="Child Y",
        type="lcspr",
        themes=["csa-cse"],
        notified="2025-08-31",
        completed="2026-01-20",
        published="2026-02-28",
    ),
    "content/reviews/lcspr-2026-08-child-w.md": review_md(
        title="Child W",
        type="lcspr",
        themes=["neglect"],
        notified="2026-08-31",
    ),
    "content/reviews/maa-2026-01-audit.md": review_md(
        title="Internal audit Q",
        type="multi-agency-audit",
        themes=["neglect"],
        notified="2026-01-05",
        completed="2026-03-01",
        visibility="internal",
        actions=[action("M1", "2026-02-01", owner="education")],
    ),
    "content/reviews/lr-2026-05-child-v.md": review_md(
        title="Secret child V",
        type="learning-review",
        themes=["neglect"],
        notified="2026-05-01",
        completed="2026-06-01",
        status="draft",
        actions=[action("V1", "2026-06-30")],
    ),
    "content/briefings/child-y-draft.md": (
        "---\ntitle: Draft\ndate: 2026-01-25\nsummary: S.\nthemes: [csa-cse]\n"
        f"reviews: [lcspr-2025-08-child-y]\nstatus: draft\n---\n\n{SEVEN_SECTIONS}\n"
    ),
    "content/briefings/child-y-first.md": (
        "---\ntitle: First\ndate: 2026-02-09\nsummary: S.\nthemes: [csa-cse]\n"
        f"reviews: [lcspr-2025-08-child-y, rr-2025-12-child-x]\n---\n\n{SEVEN_SECTIONS}\n"
    ),
    "content/briefings/child-y-later.md": (
        "---\ntitle: Later\ndate: 2026-03-09\nsummary: S.\nthemes: [csa-cse]\n"
        f"reviews: [lcspr-2025-08-child-y]\n---\n\n{SEVEN_SECTIONS}\n"
    ),
}

FIXTURE_ACTIONS_CSV = """\
review,action,owner,due,status,completed,overdue
rr-2025-12-child-x,X1,health,2026-11-26,in-progress,,no
rr-2025-12-child-x,X2,police,2026-11-25,not-started,,yes
rr-2025-12-child-x,X3,health,2026-01-31,complete,2026-02-03,no
rr-2026-01-child-a,A1,health,2026-03-31,complete,2026-03-20,no
rr-2026-01-child-a,A2,education,2026-06-30,in-progress,,yes
"""

FIXTURE_REVIEWS_CSV = """\
review,type,themes,notified,completed,published,on_time,learning_lag_days
lcspr-2025-08-child-y,lcspr,csa-cse,2025-08-31,2026-01-20,2026-02-28,yes,20
lcspr-2026-08-child-w,lcspr,neglect,2026-08-31,,,,
rr-2025-12-child-x,rapid-review,neglect;early-help,2024-12-16,2025-01-10,2025-02-01,no,395
rr-2026-01-child-a,rapid-review,neglect,2026-01-05,2026-01-20,,yes,0
"""


@pytest.fixture
def fixture_build(make_project, tmp_path: Path):
    """Factory: the fixture corpus built by `hub build` (extra args such as --internal)."""

    def build(*args: str) -> tuple[Path, Path]:
        root = make_project(FIXTURE)
        site_dir = tmp_path / "site"
        result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return root, site_dir

    return build


def test_fixture_csvs_exactly(fixture_build):
    root, site_dir = fixture_build()
    actions_csv = (site_dir / "actions" / "actions.csv").read_bytes().decode("utf-8")
    reviews_csv = (site_dir / "reviews" / "reviews.csv").read_bytes().decode("utf-8")
    assert actions_csv == FIXTURE_ACTIONS_CSV
    assert reviews_csv == FIXTURE_REVIEWS_CSV
    site = published_site(root)
    assert_same_cells(read_csv(site_dir / "actions" / "actions.csv"), model_actions(site))
    assert_same_cells(read_csv(site_dir / "reviews" / "reviews.csv"), model_reviews(site))


def test_fixture_internal_edition_adds_internal_reviews(fixture_build):
    root, site_dir = fixture_build("--internal")
    site = published_site(root, internal=True)
    actions_rows = read_csv(site_dir / "actions" / "actions.csv")
    reviews_rows = read_csv(site_dir / "reviews" / "reviews.csv")
    assert_same_cells(actions_rows, model_actions(site))
    assert_same_cells(reviews_rows, model_reviews(site))
    assert ["maa-2026-01-audit", "M1", "education", "2026-02-01", "in-progress", "", "yes"] in (
        actions_rows
    )
    assert "lr-2026-05-child-v" not in {row[0] for row in reviews_rows}


def test_fixture_page_escapes_and_leaves_out(fixture_build):
    _, site_dir = fixture_build()
    html = (site_dir / "actions" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "Child X &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>this</b>" not in html
    assert "Fix &lt;b&gt;this&lt;/b&gt; | that" in html
    for hidden in ("Secret child V", "lr-2026-05-child-v", "Internal audit Q", "maa-2026-01-audit"):
        assert hidden not in html


# --- The page's Markdown, without MkDocs ----------------------------------------------------


@pytest.fixture
def fixture_site(make_project) -> Site:
    return published_site(make_project(FIXTURE))


def files_of(site: Site) -> dict[str, str]:
    return {output.path: output.content for output in page.generate(site)}


def section(markdown: str, heading: str) -> str:
    """The text of one `##` or `###` section, up to the next heading of any level."""
    start = markdown.index(heading + "\n")
    rest = markdown[start + len(heading) + 1 :]
    ends = [i for i in (rest.find("\n## "), rest.find("\n### ")) if i >= 0]
    return rest[: min(ends)] if ends else rest


def test_page_outputs(fixture_site):
    assert sorted(files_of(fixture_site)) == [
        "actions/actions.csv",
        "actions/index.md",
        "reviews/reviews.csv",
    ]


def test_page_totals_and_overdue_first(fixture_site):
    markdown = files_of(fixture_site)["actions/index.md"]
    assert "Figures as of 26 November 2026." in markdown
    totals = section(markdown, "## Actions by status")
    assert "| Not started | 1 |" in totals
    assert "| In progress | 2 |" in totals
    assert "| Complete | 2 |" in totals
    assert "| Of which overdue | 2 |" in totals
    overdue = section(markdown, "## Overdue actions")
    # A2 of child A is 149 days overdue, X2 one day; X1 is due on the as-of date.
    assert overdue.index("A2: Brief all schools") < overdue.index("X2: Fix")
    assert "| 25 November 2026 | 1 |" in overdue
    assert "X1" not in overdue
    assert markdown.index("## Overdue actions") < markdown.index("## Actions by agency")


def test_page_timeliness_lag_and_impact(fixture_site):
    markdown = files_of(fixture_site)["actions/index.md"]
    timeliness = section(markdown, "## Review timeliness")
    assert "| 16 December 2024 | 9 January 2025 | Completed 10 January 2025 | No |" in timeliness
    assert "| 31 August 2025 | 28 February 2026 | Published 28 February 2026 | Yes |" in timeliness
    assert "| 31 August 2026 | 28 February 2027 | Not yet | Not yet known |" in timeliness
    rates = section(markdown, "### On-time rates per financial year")
    assert "| 2024/25 | 0 of 1 (0%) | None | 0 of 1 (0%) |" in rates
    assert "| 2025/26 | 1 of 1 (100%) | 1 of 1 (100%) | 2 of 2 (100%) |" in rates
    lag = section(markdown, "## Learning lag")
    assert "Median learning lag: **20 days** over 3 reviews." in lag
    assert "[First](../briefings/child-y-first.md)" in lag
    impact = section(markdown, "## Impact")
    assert "| 21.0% (Q1 2026/27) |" in impact  # latest value of re-referrals in the minimal data
    flagged = section(markdown, "### Impact not yet evidenced")
    assert "X3: Do X3." in flagged
    assert "A1" not in flagged  # complete with impact evidence


def test_review_timeliness_facts(fixture_site):
    child_x = fixture_site.reviews.get("rr-2025-12-child-x")
    assert page.review_timeliness_facts(fixture_site, child_x) == [
        ("Deadline", "9 January 2025"),
        ("On time", "No"),
        ("Learning lag", "395 days from completion to the first briefing"),
    ]
    child_w = fixture_site.reviews.get("lcspr-2026-08-child-w")
    assert page.review_timeliness_facts(fixture_site, child_w) == [
        ("Deadline", "28 February 2027"),
        ("On time", "Not yet known"),
        ("Learning lag", "Not yet completed"),
    ]
