"""Briefing pages: the index, each briefing and the audience lists."""

from __future__ import annotations

import pytest
from fixture_corpus import SCRIPT, generated

from site_builder.pages import briefings
from site_builder.pipeline import Prepared


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Prepared, dict[str, str]]:
    return generated(tmp_path_factory.mktemp("briefings"))


def test_one_page_per_published_briefing_and_audience(corpus) -> None:  # noqa: ANN001
    built, pages = corpus
    paths = {p for p in pages if p.startswith("briefings/")}
    assert paths == {
        "briefings/index.md",
        "briefings/neglect-toxic-trio.md",
        "briefings/citing-draft-review.md",
        "briefings/evil-briefing.md",
        "briefings/audience/health.md",
        "briefings/audience/education.md",
        "briefings/feedback.csv",  # the answer counts: header only, the corpus has none
    }


def test_index_lists_each_briefing_once_newest_first(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    index = pages["briefings/index.md"]
    order = [index.index(f'href="{b}/"') for b in ("evil-briefing", "citing-draft-review")]
    assert order == sorted(order)
    assert index.count('href="neglect-toxic-trio/"') == 1
    assert index.index("## By theme") < index.index("## By audience") < index.index("## By agency")
    assert "- [Neglect](../themes/neglect.md) (2 briefings)" in index
    assert "- [Health practitioners](audience/health.md) (3 briefings)" in index
    assert "- [Police](../agencies/police.md) (1 briefing)" in index


def test_audience_page_includes_briefings_for_everyone(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    education = pages["briefings/audience/education.md"]
    # citing-draft-review has no audience: it is for everyone.
    assert 'href="../../citing-draft-review/"' in education
    assert "evil-briefing" not in education


def test_briefing_page_facts(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["briefings/neglect-toxic-trio.md"]
    assert page.startswith('---\ntitle: "Neglect and the toxic trio"\n')
    assert "<dt>Published</dt>\n<dd>15 January 2026</dd>" in page
    assert "<dt>Reading time</dt>\n<dd>1-minute read</dd>" in page
    assert '<dt>Themes</dt>\n<dd><a href="../../themes/neglect/">Neglect</a></dd>' in page
    assert '<dt>For</dt>\n<dd><a href="../audience/health/">Health practitioners</a>' in page
    assert '<dt>Agencies</dt>\n<dd><a href="../../agencies/police/">Police</a></dd>' in page
    learning = '<dt>Learning from</dt>\n<dd><a href="../../reviews/rr-2026-01-child-a/">Child A'
    assert learning in page
    assert "Due for review" not in page


def test_briefing_for_everyone_links_all_briefings(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    everyone = '<dt>For</dt>\n<dd><a href="../">All practitioners</a></dd>'
    assert everyone in pages["briefings/citing-draft-review.md"]


def test_review_due_notice_after_review_by(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["briefings/citing-draft-review.md"]
    notice = '!!! warning "Due for review"\n\n    This briefing was due for review on 30 June 2026.'
    assert notice in page


def test_review_by_on_the_as_of_date_is_not_yet_due(corpus) -> None:  # noqa: ANN001
    built, _ = corpus
    briefing = built.site.briefings.get("citing-draft-review")
    on_the_day = briefing.model_copy(update={"review_by": built.site.as_of})
    page = briefings.render_briefing(built.site, on_the_day, set())
    assert "Due for review" not in page


def test_source_reviews_only_published_ones(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["briefings/citing-draft-review.md"]
    child_a = '<a href="../../reviews/rr-2026-01-child-a/">Child A</a>'
    learning = f"<dt>Learning from</dt>\n<dd>{child_a}</dd>"
    assert learning in page
    assert "zqdraftreview" not in page
    assert "Read the draft review, also at\nits address, and [Child A]" in page


def test_author_text_is_escaped(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    listing = ("briefings/index.md", "briefings/evil-briefing.md", "briefings/audience/health.md")
    for path in listing:
        assert SCRIPT not in pages[path]
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Evil briefing" in pages[path]
    assert pages["briefings/evil-briefing.md"].startswith(
        '---\ntitle: "&lt;script&gt;alert(1)&lt;/script&gt; Evil briefing"\n'
    )


def test_empty_site_says_so(tmp_path, make_project) -> None:  # noqa: ANN001
    from fixture_corpus import prepared

    root = make_project({"content/briefings/neglect-toxic-trio.md": None})
    site = prepared(root).site
    index = briefings.render_index(site)
    assert "0 briefings, newest first." in index
    assert "No briefings have been published yet." in index
