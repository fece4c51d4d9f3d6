"""Tests for site_builder.dashboard: actions, review timeliness, learning lag and impact.

Each case builds a small project, loads and checks it as the build does, publishes it at an
as-of date and reads the dashboard's figures: the rules are tested through the content.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from site_builder import dashboard
from site_builder.periods import Period
from site_builder.pipeline import check
from site_builder.publication import Edition
from site_builder.site import Site
from tests.conftest import SEVEN_SECTIONS

AS_OF = date(2026, 11, 26)


def review_md(**meta: object) -> str:
    """A review file: title, type and themes by default, `meta` on top."""
    fields = {"title": "Child Z", "type": "rapid-review", "themes": ["neglect"], **meta}
    fields = {k: v for k, v in fields.items() if v is not None}
    return f"---\n{yaml.safe_dump(fields, sort_keys=False)}---\n\n## Summary\n\nText.\n"


def briefing_md(day: str, reviews: list[str], **meta: object) -> str:
    """A briefing dated `day` citing `reviews`."""
    fields = {
        "title": f"Briefing of {day}",
        "date": day,
        "summary": "Learning.",
        "themes": ["neglect"],
        "reviews": reviews,
        **meta,
    }
    return f"---\n{yaml.safe_dump(fields, sort_keys=False)}---\n\n{SEVEN_SECTIONS}\n"


def action(id_: str, due: str, status: str = "in-progress", **more: object) -> dict:
    return {
        "id": id_,
        "action": f"Do {id_}.",
        "owner": "health",
        "due": due,
        "status": status,
        **more,
    }


@pytest.fixture
def publish(make_project):
    """Factory: the published view of a minimal project plus `files`, at `as_of`."""

    def build(files: dict[str, str | None], as_of: date = AS_OF, internal: bool = False) -> Site:
        root = make_project(files)
        project, problems = check(root)
        assert not problems.errors, [p.format() for p in problems]
        return Site.publish(project, Edition(as_of, internal))

    return build


def one_review(publish, as_of: date = AS_OF, **meta: object) -> dashboard.ReviewRow:
    """The dashboard row of a single review `rv-z` written with `meta`."""
    site = publish({"content/reviews/rv-z.md": review_md(**meta)}, as_of)
    return dashboard.review_row_for(site, site.reviews.get("rv-z"))


# --- Rapid review deadlines: 15 working days, England bank holidays ------------------------


@pytest.mark.parametrize(
    ("completed", "on_time"),
    [("2025-01-09", True), ("2025-01-10", False)],
)
def test_rapid_review_deadline_across_christmas_and_new_year(publish, completed, on_time):
    # 25, 26 December and 1 January are not working days: 16 December + 15 is 9 January.
    row = one_review(publish, notified="2024-12-16", completed=completed)
    assert row.deadline == date(2025, 1, 9)
    assert row.on_time is on_time


@pytest.mark.parametrize(
    ("completed", "on_time"),
    [("2024-04-17", True), ("2024-04-18", False)],
)
def test_rapid_review_deadline_across_easter(publish, completed, on_time):
    # Good Friday 29 March and Easter Monday 1 April 2024 do not count.
    row = one_review(publish, notified="2024-03-25", completed=completed)
    assert row.deadline == date(2024, 4, 17)
    assert row.on_time is on_time


def test_rapid_review_pending_then_late(publish):
    # Not completed: blank up to and including the deadline, "no" once it has passed.
    on_deadline = one_review(publish, as_of=date(2025, 1, 9), notified="2024-12-16")
    assert on_deadline.on_time is None
    assert on_deadline.done is None


def test_rapid_review_not_completed_after_deadline_is_late(publish):
    row = one_review(publish, as_of=date(2025, 1, 10), notified="2024-12-16")
    assert row.on_time is False
    assert row.period is None


# --- LCSPR deadlines: six calendar months, published stands for completion ----------------


@pytest.mark.parametrize(
    ("notified", "deadline"),
    [
        ("2025-08-31", date(2026, 2, 28)),  # 31 August: end of February
        ("2023-08-31", date(2024, 2, 29)),  # leap year
        ("2025-03-31", date(2025, 9, 30)),  # a 30-day month
        ("2025-09-30", date(2026, 3, 30)),  # same day number
    ],
)
def test_lcspr_deadline_six_calendar_months(publish, notified, deadline):
    row = one_review(publish, type="lcspr", notified=notified)
    assert row.deadline == deadline


@pytest.mark.parametrize(
    ("published", "on_time"),
    [("2026-02-28", True), ("2026-03-01", False), (None, False)],
)
def test_lcspr_on_time_is_judged_on_published(publish, published, on_time):
    # Completed well in time, but only publication meets the LCSPR deadline.
    row = one_review(
        publish, type="lcspr", notified="2025-08-31", completed="2026-01-05", published=published
    )
    assert row.on_time is on_time


def test_lcspr_before_its_deadline_is_blank(publish):
    row = one_review(publish, type="lcspr", notified="2026-08-31", completed="2026-10-01")
    assert row.deadline == date(2027, 2, 28)
    assert row.on_time is None


@pytest.mark.parametrize("kind", ["learning-review", "multi-agency-audit", "sar"])
def test_other_review_types_have_no_deadline(publish, kind):
    row = one_review(publish, type=kind, notified="2024-01-08", completed="2025-06-01")
    assert (row.deadline, row.done, row.on_time) == (None, None, None)


# --- Actions: overdue at the as-of date --------------------------------------------------


def actions_site(publish, actions: list[dict]) -> dict[str, dashboard.ActionRow]:
    site = publish({"content/reviews/rv-z.md": review_md(notified="2026-01-05", actions=actions)})
    return {row.action.id: row for row in dashboard.action_rows(site) if row.review.id == "rv-z"}


def test_action_due_on_the_as_of_date_is_not_overdue(publish):
    rows = actions_site(
        publish,
        [
            action("B1", "2026-11-26"),
            action("B2", "2026-11-25"),
            action("B3", "2026-10-27", "not-started"),
            action("B4", "2026-01-31", "complete", completed="2026-03-01"),
        ],
    )
    assert (rows["B1"].overdue, rows["B1"].days_overdue) == (False, None)
    assert (rows["B2"].overdue, rows["B2"].days_overdue) == (True, 1)
    assert (rows["B3"].overdue, rows["B3"].days_overdue) == (True, 30)
    assert (rows["B4"].overdue, rows["B4"].days_overdue) == (False, None)


def test_overdue_rows_longest_first(publish):
    rows = actions_site(
        publish,
        [action("B1", "2026-11-25"), action("B2", "2026-06-30"), action("B3", "2027-01-01")],
    )
    overdue = dashboard.overdue_rows(rows.values())
    assert [r.action.id for r in overdue] == ["B2", "B1"]


def test_impact_not_evidenced_only_for_complete_actions_without_impact(publish):
    rows = actions_site(
        publish,
        [
            action("B1", "2026-03-31", "complete", completed="2026-03-01"),
            action("B2", "2026-03-31", "complete", completed="2026-03-01", impact="Audit: 9/10."),
            action("B3", "2026-03-31", "in-progress"),
        ],
    )
    flagged = {row.action.id: row.impact_not_evidenced for row in rows.values()}
    assert flagged == {"B1": True, "B2": False, "B3": False}
    assert [r.action.id for r in dashboard.not_evidenced(rows.values())] == ["B1"]


def test_status_counts_and_breakdowns(publish):
    site = publish(
        {
            "content/reviews/rv-z.md": review_md(
                notified="2026-01-05",
                themes=["csa-cse", "neglect"],
                actions=[
                    action("B1", "2026-03-31"),
                    action("B2", "2027-03-31", "not-started", owner="police"),
                    action("B3", "2026-03-31", "complete", completed="2026-02-01"),
                ],
            )
        }
    )
    rows = [row for row in dashboard.action_rows(site) if row.review.id == "rv-z"]
    counts = dashboard.count_statuses(rows)
    assert (counts.not_started, counts.in_progress, counts.complete) == (1, 1, 1)
    assert (counts.overdue, counts.total) == (1, 3)
    agencies = dict(dashboard.by_agency(site, rows))
    assert list(agencies) == ["police", "health"]  # taxonomy order, only owners
    assert (agencies["health"].total, agencies["health"].overdue) == (2, 1)
    priorities = dict(dashboard.by_priority(site, rows))
    assert list(priorities) == ["neglect", "csa-cse", "early-help"]  # every priority
    assert (priorities["neglect"].total, priorities["early-help"].total) == (3, 0)


def test_completions_by_quarter_fill_the_gaps(publish):
    rows = actions_site(
        publish,
        [
            action("B1", "2026-03-31", "complete", completed="2026-02-01"),
            action("B2", "2026-03-31", "complete", completed="2026-04-02"),
            action("B3", "2026-12-31", "complete", completed="2026-10-01"),
        ],
    )
    quarters = dashboard.completions_by_quarter(rows.values())
    assert [(q.period.id, q.by_due_date, q.late) for q in quarters] == [
        ("2025-26-q4", 1, 0),
        ("2026-27-q1", 0, 1),
        ("2026-27-q2", 0, 0),
        ("2026-27-q3", 1, 0),
    ]


# --- Learning lag ------------------------------------------------------------------------


LAG_REVIEW = review_md(notified="2026-01-05", completed="2026-01-20")


def lag_site(publish, briefings: dict[str, str], internal: bool = False) -> dashboard.ReviewRow:
    files = {"content/reviews/rv-z.md": LAG_REVIEW}
    files.update({f"content/briefings/{name}.md": text for name, text in briefings.items()})
    site = publish(files, internal=internal)
    row = dashboard.review_row_for(site, site.reviews.get("rv-z"))
    # The one-pass index of the dashboard agrees with the single-review lookup.
    assert next(r for r in dashboard.review_rows(site) if r.review.id == "rv-z") == row
    return row


def test_lag_counts_the_first_published_briefing(publish):
    row = lag_site(
        publish,
        {
            "b-draft": briefing_md("2026-01-25", ["rv-z"], status="draft"),
            "b-embargoed": briefing_md("2026-01-26", ["rv-z"], publish_from="2027-01-01"),
            "b-internal": briefing_md("2026-01-27", ["rv-z"], visibility="internal"),
            "b-later": briefing_md("2026-03-01", ["rv-z"]),
            "b-first": briefing_md("2026-02-10", ["rv-z"]),
        },
    )
    assert row.first_briefing.id == "b-first"
    assert row.learning_lag_days == 21
    assert not row.awaiting_briefing


def test_lag_in_the_internal_edition_counts_internal_briefings(publish):
    row = lag_site(
        publish,
        {"b-internal": briefing_md("2026-01-27", ["rv-z"], visibility="internal")},
        internal=True,
    )
    assert row.learning_lag_days == 7


def test_lag_is_zero_when_the_briefing_came_first(publish):
    row = lag_site(publish, {"b-early": briefing_md("2026-01-10", ["rv-z"])})
    assert row.learning_lag_days == 0


def test_no_lag_while_only_a_draft_cites_the_review(publish):
    row = lag_site(publish, {"b-draft": briefing_md("2026-01-25", ["rv-z"], status="draft")})
    assert row.first_briefing is None
    assert row.learning_lag_days is None
    assert row.awaiting_briefing


def test_no_lag_before_completion(publish):
    row = one_review(publish, notified="2026-10-05")
    assert row.learning_lag_days is None
    assert not row.awaiting_briefing


def test_median_lag_and_waiting_reviews(publish):
    site = publish(
        {
            "content/reviews/rv-a.md": review_md(notified="2026-01-05", completed="2026-01-10"),
            "content/reviews/rv-b.md": review_md(notified="2026-01-05", completed="2026-01-20"),
            "content/reviews/rv-c.md": review_md(notified="2026-01-05", completed="2026-02-01"),
            "content/briefings/b-a.md": briefing_md("2026-01-20", ["rv-a", "rv-b"]),
        }
    )
    rows = dashboard.review_rows(site)
    lags = {row.review.id: row.learning_lag_days for row in rows}
    # The minimal corpus's rr-2026-01-child-a (completed 20 January) has a briefing too.
    assert lags == {"rr-2026-01-child-a": 0, "rv-a": 10, "rv-b": 0, "rv-c": None}
    assert dashboard.median_lag(rows) == 0
    assert [r.review.id for r in dashboard.awaiting_briefing(rows)] == ["rv-c"]


def test_median_lag_of_an_even_count_and_of_none():
    def row(lag):
        return dashboard.ReviewRow(None, None, None, None, None, lag)  # type: ignore[arg-type]

    assert dashboard.median_lag([row(10), row(25), row(None)]) == 17.5
    assert dashboard.median_lag([row(None)]) is None


# --- On-time rates per financial year ----------------------------------------------------


def test_on_time_rates_by_financial_year_of_completion(publish):
    site = publish(
        {
            # 2025/26: one rapid review on time, one late; an LCSPR on time.
            "content/reviews/rr-a.md": review_md(notified="2025-06-02", completed="2025-06-20"),
            "content/reviews/rr-b.md": review_md(notified="2026-03-02", completed="2026-03-31"),
            "content/reviews/lc-a.md": review_md(
                type="lcspr",
                notified="2025-04-01",
                completed="2025-09-01",
                published="2025-09-15",
            ),
            # 2026/27 by completion, although notified in 2025/26.
            "content/reviews/rr-c.md": review_md(notified="2026-03-16", completed="2026-04-02"),
            # Late and not completed: no year yet. Pending: left out of the rates.
            "content/reviews/rr-d.md": review_md(notified="2026-09-01"),
            "content/reviews/rr-e.md": review_md(notified="2026-11-20"),
            "content/reviews/lr-a.md": review_md(
                type="learning-review", notified="2025-06-02", completed="2025-06-20"
            ),
        }
    )
    rates = dashboard.on_time_rates(dashboard.review_rows(site))
    got = [(r.year, r.rapid_on_time, r.rapid_known, r.lcspr_on_time, r.lcspr_known) for r in rates]
    assert got == [
        ("2025/26", 2, 3, 1, 1),  # the minimal corpus's child A is a rapid review on time
        ("2026/27", 1, 1, 0, 0),
        (None, 0, 1, 0, 0),
    ]


# --- Impact --------------------------------------------------------------------------------


SCORECARDS = {
    "data/scorecard/2026-27-q1.csv": "indicator,value\nrereferrals_12m,21.0\ncin_rate,340\n",
    "data/scorecard/2026-27-q2.csv": "indicator,value\nrereferrals_12m,19.5\ncin_rate,\n",
    # A quarter after the as-of date is not "latest".
    "data/scorecard/2027-28-q1.csv": "indicator,value\nrereferrals_12m,30.0\n",
}


def impact_rows(publish, actions: list[dict]) -> dict[str, dashboard.ImpactRow]:
    files = {"content/reviews/rv-z.md": review_md(notified="2026-01-05", actions=actions)}
    site = publish({**files, **SCORECARDS})
    rows = [row for row in dashboard.action_rows(site) if row.review.id == "rv-z"]
    return {impact.row.action.id: impact for impact in dashboard.impact_rows(site, rows)}


def test_impact_compares_the_quarter_due_or_completed_with_the_latest(publish):
    rows = impact_rows(
        publish,
        [
            # Completed in Q1 (due in Q4): judged from Q1.
            action(
                "B1", "2027-03-31", "complete", completed="2026-05-01", measure="rereferrals_12m"
            ),
            # Due in Q1, still open.
            action("B2", "2026-06-30", measure="rereferrals_12m"),
            # Due in Q2, the latest quarter itself: no trend yet.
            action("B3", "2026-09-30", measure="rereferrals_12m"),
            # Context indicator blank in the latest quarter: the last value, and no trend.
            action("B4", "2026-06-30", measure="cin_rate"),
            # Due in a quarter with no scorecard: no data then.
            action("B5", "2026-12-31", measure="rereferrals_12m"),
            action("B6", "2026-12-31"),  # no measure: not listed
        ],
    )
    assert sorted(rows) == ["B1", "B2", "B3", "B4", "B5"]
    got = {
        key: (
            r.baseline_period.id,
            r.baseline_value,
            r.latest_period and r.latest_period.id,
            r.latest_value,
            r.trend,
        )
        for key, r in rows.items()
    }
    assert got == {
        "B1": ("2026-27-q1", 21.0, "2026-27-q2", 19.5, "improving"),
        "B2": ("2026-27-q1", 21.0, "2026-27-q2", 19.5, "improving"),
        "B3": ("2026-27-q2", 19.5, "2026-27-q2", 19.5, None),
        "B4": ("2026-27-q1", 340.0, "2026-27-q1", 340.0, None),
        "B5": ("2026-27-q3", None, "2026-27-q2", 19.5, None),
    }


def test_baseline_period():
    assert dashboard.baseline_period(_Action(date(2026, 3, 31), None)) == Period(2025, 4)
    assert dashboard.baseline_period(_Action(date(2026, 3, 31), date(2026, 4, 1))) == Period(
        2026, 1
    )


class _Action:
    def __init__(self, due: date, completed: date | None) -> None:
        self.due, self.completed = due, completed


# --- Only published reviews count ------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [{"status": "draft"}, {"publish_from": "2027-01-01"}, {"visibility": "internal"}],
    ids=["draft", "embargoed", "internal"],
)
def test_left_out_review_and_its_actions_appear_nowhere(publish, meta):
    site = publish(
        {
            "content/reviews/rv-hidden.md": review_md(
                notified="2025-01-06",
                completed="2025-02-01",
                actions=[action("H1", "2025-03-31", measure="rereferrals_12m")],
                **meta,
            ),
            "content/briefings/b-hidden.md": briefing_md("2025-03-01", ["rv-hidden"]),
        }
    )
    actions = dashboard.action_rows(site)
    reviews = dashboard.review_rows(site)
    assert "rv-hidden" not in {row.review.id for row in actions}
    assert "rv-hidden" not in {row.review.id for row in reviews}
    assert all(row[0] != "rv-hidden" for row in dashboard.actions_csv_rows(actions))
    assert all(row[0] != "rv-hidden" for row in dashboard.reviews_csv_rows(site, reviews))


# --- CSV cells ---------------------------------------------------------------------------


def test_csv_cells(publish):
    site = publish(
        {
            "content/reviews/rv-z.md": review_md(
                type="lcspr",
                themes=["early-help", "neglect"],
                notified="2026-08-31",
                actions=[
                    action("B1", "2026-11-25"),
                    action("B2", "2026-03-31", "complete", completed="2026-03-01"),
                ],
            ),
        }
    )
    actions = [r for r in dashboard.action_rows(site) if r.review.id == "rv-z"]
    assert dashboard.actions_csv_rows(actions) == [
        ["rv-z", "B1", "health", "2026-11-25", "in-progress", "", "yes"],
        ["rv-z", "B2", "health", "2026-03-31", "complete", "2026-03-01", "no"],
    ]
    reviews = dashboard.review_rows(site)
    assert dashboard.reviews_csv_rows(site, reviews) == [
        [
            "rr-2026-01-child-a",
            "rapid-review",
            "neglect",
            "2026-01-05",
            "2026-01-20",
            "",
            "yes",
            "0",
        ],
        ["rv-z", "lcspr", "neglect;early-help", "2026-08-31", "", "", "", ""],
    ]
