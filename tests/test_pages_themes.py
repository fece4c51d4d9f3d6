"""Theme pages: the index and the triangulation page of every priority."""

from __future__ import annotations

import pytest
from conftest import table_rows
from fixture_corpus import generated

from site_builder.pipeline import Prepared


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Prepared, dict[str, str]]:
    return generated(tmp_path_factory.mktemp("themes"))


def test_every_priority_has_a_page(corpus) -> None:  # noqa: ANN001
    built, pages = corpus
    for priority in built.site.taxonomy.priorities:
        assert pages[f"themes/{priority.id}.md"].startswith(f'---\ntitle: "{priority.name}"')


def test_index_lists_priorities_by_kind(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    index = pages["themes/index.md"]
    themed, assurance = index.split("## Assurance priorities")
    assert "[Neglect](neglect.md): 2 briefings, 1 review" in themed
    assert "[Early Help](early-help.md)" in assurance


def test_theme_page_triangulates(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["themes/neglect.md"]
    order = ["## Learning briefings", "## Case reviews", "## Open actions", "## Voices"]
    assert [page.index(h) for h in order] == sorted(page.index(h) for h in order)
    assert 'href="../../briefings/neglect-toxic-trio/"' in page
    assert 'href="../../reviews/rr-2026-01-child-a/"' in page
    actions = page.split("## Open actions")[1].split("## Voices")[0]
    rows = table_rows(actions)[1:]
    child_a = '<a href="../../reviews/rr-2026-01-child-a/">Child A</a>'
    assert [child_a, "A2"] in [r[:2] for r in rows]
    assert "A1" not in [r[1] for r in rows]  # complete
    assert "zq" not in page
    assert (
        "> I wish someone had asked me sooner.\n>\n> — Young person, 14 "
        "(voice of a child or young person, Q1 2026/27)"
    ) in page


def test_open_actions_overdue_first(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    actions = pages["themes/neglect.md"].split("## Open actions")[1]
    overdue = ["Overdue by" in " ".join(row) for row in table_rows(actions)[1:]]
    assert overdue == sorted(overdue, reverse=True)


def test_empty_theme_says_so(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["themes/early-help.md"]
    assert "No published reviews." in page
    assert "No open actions from published reviews." in page
    assert "No voices recorded for this theme yet." in page
