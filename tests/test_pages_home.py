"""The home page: the author's text plus the latest learning."""

from __future__ import annotations

import pytest
from fixture_corpus import generated

from site_builder.pages import home
from site_builder.pipeline import Prepared


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Prepared, dict[str, str]]:
    return generated(tmp_path_factory.mktemp("home"))


def test_home_keeps_author_text_and_adds_latest_learning(corpus) -> None:  # noqa: ANN001
    _, pages = corpus
    page = pages["index.md"]
    assert page.startswith('---\ntitle: "Home"\n---\n\n# Test hub\n\nA test project.\n\n')
    assert "## Latest learning" in page
    report = "Latest quarterly report: [How are we doing? Q2 2026/27 (July to September 2026)]"
    assert report in page
    assert "](reports/2026-27-q2.md)" in page
    assert "zq" not in page


def test_home_shows_the_five_newest(corpus) -> None:  # noqa: ANN001
    built, _ = corpus
    site = built.site
    many = [
        b.model_copy(update={"id": f"b{i}", "date": b.date.replace(day=i + 1)})
        for i, b in enumerate([site.briefings[0]] * 7)
    ]
    richer = type(site)(**{**site.__dict__, "briefings": type(site.briefings)(many)})
    page = home.render_home(richer)
    assert [f'href="briefings/b{i}/"' in page for i in range(7)] == [False, False] + [True] * 5


def test_author_front_matter_kept_and_title_added() -> None:
    text = "---\nhide: [toc]\n---\n\n# Hello\n"
    assert home._with_title(text).startswith('---\ntitle: "Home"\nhide: ["toc"]\n---\n')
    titled = "---\ntitle: Welcome\n---\n\n# Hello\n"
    assert home._with_title(titled) == '---\ntitle: "Welcome"\n---\n\n\n# Hello\n'


def test_author_front_matter_is_text() -> None:
    text = '---\ntitle: "<img src=x onerror=alert(7)>"\ndescription: [a & b]\n---\n\n# Hi\n'
    assert home._with_title(text).startswith(
        '---\ntitle: "&lt;img src=x onerror=alert(7)&gt;"\ndescription: ["a &amp; b"]\n---\n'
    )
