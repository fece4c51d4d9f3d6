"""Case-review pages: the index and each review."""

from __future__ import annotations

import pytest
from fixture_corpus import SCRIPT, generated

from site_builder.pipeline import Prepared


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Prepared, dict[str, str]]:
    return generated(tmp_path_factory.mktemp("reviews"))


def test_one_page_per_published_review(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    assert {p for p in pages if p.startswith("reviews/") and p.endswith(".md")} == {
        "reviews/index.md",
        "reviews/rr-2026-01-child-a.md",
        "reviews/evil-review.md",
    }


def test_index_groups_by_type(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    index = pages["reviews/index.md"]
    assert "2 published reviews" in index
    assert index.index("## Rapid review") < index.index("## Multi-agency audit")
    assert (
        '<li><a href="rr-2026-01-child-a/">Child A</a> · Rapid review · completed 20 January 2026'
        in index
    )


def test_review_page_sections(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["reviews/rr-2026-01-child-a.md"]
    assert page.startswith(
        '---\ntitle: "Child A"\nhub_search: 1\n---\n\n# Child A {: data-pagefind-weight="10" }\n'
    )
    for fact in (
        "<dt>Type</dt>\n<dd>Rapid review</dd>",
        "<dt>Notified</dt>\n<dd>5 January 2026</dd>",
        "<dt>Completed</dt>\n<dd>20 January 2026</dd>",
        "<dt>Published</dt>\n<dd>Not yet published</dd>",
        '<dt>Themes</dt>\n<dd><a href="../../themes/neglect/">Neglect</a></dd>',
        '<dt>Agencies involved</dt>\n<dd><a href="../../agencies/police/">Police</a>, '
        '<a href="../../agencies/health/">Health</a></dd>',
    ):
        assert fact in page
    sections = ["## Key learning", "## About this review", "## Actions", "## Learning from this"]
    assert [page.index(s) for s in sections] == sorted(page.index(s) for s in sections)
    assert "- Professional curiosity about who lives in the home." in page
    assert "### Summary\n\nChild A was known to several agencies." in page
    assert "Overdue by 149 days" in page


def test_learning_from_this_review_lists_published_briefings_only(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    section = pages["reviews/rr-2026-01-child-a.md"].split("## Learning from this review")[1]
    assert 'href="../../briefings/neglect-toxic-trio/"' in section
    assert 'href="../../briefings/citing-draft-review/"' in section
    assert "zq" not in section


def test_review_text_is_escaped(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    for path in ("reviews/index.md", "reviews/evil-review.md"):
        assert SCRIPT not in pages[path]
    page = pages["reviews/evil-review.md"]
    assert "- &lt;script&gt;alert(1)&lt;/script&gt; evil learning" in page
