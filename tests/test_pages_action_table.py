"""The action table: status words, the overdue flag and review links."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import table_rows
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
    assert table.startswith('<div class="hub-actions">\n<table>\n')
    rows = table_rows(table[: table.index("</div>")])
    # Status and the overdue flag come first, so they are seen without scrolling.
    assert rows[0] == ["Action", "Status", "Overdue", "Due", "What", "Owner", "Completed", "Impact"]
    assert rows[1] == [
        "A1",
        '<span aria-hidden="true">✓</span> Complete',
        "",
        "31 March 2026",
        "Refresh the neglect toolkit training.",
        "Health",
        "20 March 2026",
        "Audit shows the toolkit used in 8 of 10 cases.",
    ]
    assert rows[2] == [
        "A2",
        '<span aria-hidden="true">◐</span> In progress',
        '<span class="hub-overdue"><span aria-hidden="true">⚠</span> Overdue by 149 days</span>',
        "30 June 2026",
        "Brief all schools on escalation.",
        "Education",
        "",
        "",
    ]


def test_cards_start_with_status_and_overdue_flag(site: Site) -> None:
    table = action_table(site, _pairs(site, "rr-2026-01-child-a"), show_review=False)
    cards = table[table.index('<ul class="hub-action-cards">') :].splitlines()[1:-1]
    assert len(cards) == 2
    assert cards[1].startswith(
        '<li class="hub-action-card"><p class="hub-action-card__status">'
        '<span aria-hidden="true">◐</span> In progress · <span class="hub-overdue">'
        '<span aria-hidden="true">⚠</span> Overdue by 149 days</span></p>'
        '<p class="hub-action-card__what"><strong>A2</strong> Brief all schools on escalation.</p>'
    )
    assert "<dt>Owner</dt><dd>Education</dd><dt>Due</dt><dd>30 June 2026</dd>" in cards[1]
    assert "Overdue" not in cards[0]


def test_review_column_links_the_review(site: Site) -> None:
    table = action_table(
        site, _pairs(site, "rr-2026-01-child-a"), show_review=True, page="themes/neglect.md"
    )
    assert table.startswith('<div class="hub-actions hub-actions--with-review">')
    rows = table_rows(table)
    assert rows[0][:2] == ["Review", "Action"]
    assert rows[1][:2] == ['<a href="../../reviews/rr-2026-01-child-a/">Child A</a>', "A1"]


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
