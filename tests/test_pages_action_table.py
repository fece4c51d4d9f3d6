"""The action table: status words, the overdue flag and review links."""

from __future__ import annotations

from datetime import date

import pytest
from fixture_corpus import prepared

from site_builder.pages.action_table import action_table, overdue_flag
from site_builder.site import Site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from fixture_corpus import write_corpus

    return prepared(write_corpus(tmp_path_factory.mktemp("actions") / "project")).site


def _pairs(site: Site, review_id: str):  # noqa: ANN202
    review = site.reviews.get(review_id)
    return [(review, a) for a in review.actions]


def test_table_columns_and_rows(site: Site) -> None:
    table = action_table(site, _pairs(site, "rr-2026-01-child-a"), show_review=False)
    lines = table.splitlines()[2:-2]
    assert table.startswith('<div class="hub-actions" markdown>\n\n|')
    assert table.endswith("|\n\n</div>")
    assert lines[0] == "| Action | What | Owner | Due | Status | Completed | Overdue | Impact |"
    assert lines[2] == (
        "| A1 | Refresh the neglect toolkit training. | Health | 31 March 2026 | "
        '<span aria-hidden="true">✓</span> Complete | 20 March 2026 |  | '
        "Audit shows the toolkit used in 8 of 10 cases. |"
    )
    assert lines[3] == (
        "| A2 | Brief all schools on escalation. | Education | 30 June 2026 | "
        '<span aria-hidden="true">◐</span> In progress |  | '
        '<span class="hub-overdue"><span aria-hidden="true">⚠</span> '
        "Overdue by 149 days</span> |  |"
    )


def test_review_column_links_the_review(site: Site) -> None:
    table = action_table(
        site, _pairs(site, "rr-2026-01-child-a"), show_review=True, page="themes/neglect.md"
    )
    assert table.startswith('<div class="hub-actions hub-actions--with-review" markdown>')
    assert "\n| Review | Action |" in table
    assert "| [Child A](../reviews/rr-2026-01-child-a.md) | A1 |" in table


def test_no_actions_no_table(site: Site) -> None:
    assert action_table(site, [], show_review=True) == ""


@pytest.mark.parametrize(
    ("as_of", "flag"),
    [
        (date(2026, 6, 30), ""),  # due today: not overdue
        (date(2026, 7, 1), "Overdue by 1 day<"),
        (date(2026, 7, 3), "Overdue by 3 days<"),
    ],
)
def test_overdue_flag_counts_days_after_due(site: Site, as_of: date, flag: str) -> None:
    review = site.reviews.get("rr-2026-01-child-a")
    dated = Site.publish(site.project, type(site.edition)(as_of))
    text = overdue_flag(dated, review.actions[1])
    assert (flag in text) if flag else text == ""


def test_complete_action_is_never_overdue(site: Site) -> None:
    review = site.reviews.get("rr-2026-01-child-a")
    assert overdue_flag(site, review.actions[0]) == ""


def test_action_text_is_escaped(site: Site) -> None:
    table = action_table(site, _pairs(site, "evil-review"), show_review=True)
    assert "<script>" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt; evil action" in table
