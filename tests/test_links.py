"""Dropping links to left-out items: every link form, the text kept, the address gone."""

from __future__ import annotations

import pytest

from site_builder.links import drop_links, resolve

LEFT_OUT = {"reviews/draft.md", "briefings/zq.md", "reports/2026-27-q1.md"}
SITE = "https://learning.example/hub/"


def dropped(markdown: str, page: str = "about.md", site_url: str = SITE) -> str:
    return drop_links(markdown, page, LEFT_OUT, site_url)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[x](../reviews/draft.md) [ok](../reviews/pub.md)", "x [ok](../reviews/pub.md)"),
        ("[y](/reviews/draft/)", "y"),
        ('[t](../reviews/draft.md "Title")', "t"),
        ("[t](<../reviews/draft.md>)", "t"),
        ("[two\nlines](../reviews/draft.md)", "two\nlines"),
        ("[a [nested] label](../reviews/draft.md)", "a [nested] label"),
        ("[x][r]\n\n[r]: ../reviews/draft.md", "x\n\n"),
        ("[x][]\n\n[X]: /reviews/draft/ 'T'", "x\n\n"),
        ("[Draft Review]\n\n[draft  review]: <../reviews/draft.md>", "Draft Review\n\n"),
        ("[k][r]\n\n[r]: ../reviews/pub.md", "[k][r]\n\n[r]: ../reviews/pub.md"),
        ("<https://learning.example/hub/reviews/draft/> and <https://b.example/>",
         " and <https://b.example/>"),
        ('<a href="../reviews/draft/">text</a>', "<a>text</a>"),
        ('<a class="k" href=\'/reviews/draft/index.html#s\'>t</a>', '<a class="k">t</a>'),
        ("[a](https://learning.example/hub/reviews/draft)", "a"),
        ("[a](https://LEARNING.example/hub/reviews/draft/?q=1#part)", "a"),
        ("[a](//learning.example/hub/reviews/draft/)", "a"),
        ("[other](https://b.example/hub/reviews/draft/)", "[other](https://b.example/hub/reviews/draft/)"),
        ("![](../briefings/zq.md) after", " after"),
        ("![photo](/reviews/draft/photo.png)", ""),
        ('<img src="/reviews/draft/x.png" alt="a"> after', " after"),
        ("See https://learning.example/hub/reviews/draft/. Next.", "See . Next."),
        ("[enc](../reviews/%64raft.md) [ent](../reviews/&#100;raft/)", "enc ent"),
        ("[csv](/reports/2026-27-q1/scorecard.csv)", "csv"),
        ("[![img](a.png)](../reviews/draft.md)", "![img](a.png)"),
        ("[case](../REVIEWS/Draft/)", "case"),
        ("[above root](../../../reviews/draft/)", "above root"),
    ],
)
def test_links_to_left_out_items_are_dropped(markdown: str, expected: str) -> None:
    assert dropped(markdown) == expected


def test_urls_relative_to_a_document_page() -> None:
    assert dropped("[a](draft.md) [b](../draft/) [c](../pub/)", "reviews/pub.md") == (
        "a b [c](../pub/)"
    )


def test_without_site_url_every_host_is_taken_for_the_site() -> None:
    assert dropped("[a](https://any.example/reviews/draft/)", site_url="") == "a"


def test_nothing_left_out_leaves_the_text_alone() -> None:
    text = "[x](../reviews/draft.md) <https://learning.example/hub/reviews/draft/>"
    assert drop_links(text, "about.md", set(), SITE) == text


def test_pathological_brackets_finish() -> None:
    text = "[" * 5000 + "a](" * 2000 + "<a href=" * 2000
    assert dropped(text) == text


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("../reviews/x.md", "briefings/b.md", "reviews/x.md"),
        ("../x/", "reviews/b.md", "reviews/x.md"),
        ("/", "about.md", "index.md"),
        ("reviews/", "about.md", "about/reviews.md"),
        ("reviews/x/index.html", "index.md", "reviews/x.md"),
        ("mailto:hub@example.org", "index.md", None),
        ("#top", "index.md", None),
    ],
)
def test_resolve(target: str, page: str, expected: str | None) -> None:
    assert resolve(target, page) == expected
