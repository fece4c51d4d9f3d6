"""Agency pages: the index and every agency's actions, reviews and briefings."""

from __future__ import annotations

import pytest
from conftest import table_rows
from fixture_corpus import generated

from site_builder.pipeline import Prepared


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Prepared, dict[str, str]]:
    return generated(tmp_path_factory.mktemp("agencies"))


def test_every_agency_has_a_page(corpus) -> None:  # noqa: ANN001
    built, pages = corpus
    for agency in built.site.taxonomy.agencies:
        assert pages[f"agencies/{agency.id}.md"].startswith(f'---\ntitle: "{agency.name}"')


def test_index_counts_open_and_overdue_actions(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    index = pages["agencies/index.md"]
    assert "- [Education](education.md): 1 open action, 1 overdue" in index
    assert "- [Police](police.md): 0 open actions, 0 overdue" in index


def test_agency_page_lists_its_actions_reviews_and_briefings(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["agencies/education.md"]
    # Status and the overdue flag first, then the due date and what.
    assert table_rows(page)[1][:5] == [
        '<a href="../../reviews/rr-2026-01-child-a/">Child A</a>',
        "A2",
        '<span aria-hidden="true">◐</span> In progress',
        '<span class="hub-overdue"><span aria-hidden="true">⚠</span> Overdue by 149 days</span>',
        "30 June 2026",
    ]
    assert "## Reviews involving this agency\n\nNone published." in page
    police = pages["agencies/police.md"]
    assert 'href="../../reviews/rr-2026-01-child-a/">Child A</a> · Rapid review' in police
    assert 'href="../../briefings/neglect-toxic-trio/"' in police
    assert "zq" not in police


def test_actions_overdue_first_then_open_then_complete(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    health = pages["agencies/health.md"]
    rows = table_rows(health)[1:]
    assert [r[1] for r in rows] == ["E1", "A1"]
    assert "Overdue by" in rows[0][3]
