"""Search: data/search.yaml, the synonyms a page gets, and the facts each result carries."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import AS_OF, run_hub
from fixture_corpus import generated
from hypothesis import given
from hypothesis import strategies as st

from site_builder.loader import load_project
from site_builder.search import SearchFacts, synonyms_for

GROUPS = (
    ("was not brought", "did not attend", "DNA"),
    ("child sexual exploitation", "CSE"),
)


def _problems(make_project, text: str) -> list[str]:  # noqa: ANN001
    _, problems = load_project(make_project({"data/search.yaml": text}))
    return [p.format() for p in problems.sorted()]


def test_synonym_groups_load(make_project) -> None:  # noqa: ANN001
    root = make_project({"data/search.yaml": "synonyms:\n  - [was not brought, DNA]\n"})
    project, problems = load_project(root)
    assert problems.sorted() == []
    assert project.synonyms == (("was not brought", "DNA"),)


def test_search_file_is_optional(make_project) -> None:  # noqa: ANN001
    project, problems = load_project(make_project())
    assert problems.sorted() == []
    assert project.synonyms == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "synonyms:\n  - [DNA]\n  - [was not brought, DNA]\n  - [did not attend, dna]\n",
            [
                "data/search.yaml:2: error: synonyms group 1: give two or more words or phrases",
                "data/search.yaml:4: error: synonyms group 3: 'dna' is already in group 2: "
                "merge the two groups",
            ],
        ),
        ("synonyms: DNA\n", ["data/search.yaml:1: error: 'synonyms' must be a list, got 'DNA'"]),
        (
            "synonym:\n  - [a, b]\n",
            ["data/search.yaml:1: error: unknown field 'synonym' (did you mean 'synonyms'?)"],
        ),
        (
            "synonyms:\n  - [a, '']\n",
            ["data/search.yaml:2: error: 'synonyms[0][1]' is empty: write some text"],
        ),
    ],
)
def test_bad_search_file_names_file_and_line(make_project, text: str, expected) -> None:  # noqa: ANN001
    assert _problems(make_project, text) == expected


def test_check_reports_every_synonym_problem_in_one_pass(make_project) -> None:  # noqa: ANN001
    root = make_project({"data/search.yaml": "synonyms:\n  - [DNA]\n  - [CSE]\n"})
    result = run_hub(root, "check", "--as-of", AS_OF)
    assert result.returncode == 1
    assert "data/search.yaml:2: error: synonyms group 1: give two or more" in result.stdout
    assert "data/search.yaml:3: error: synonyms group 2: give two or more" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Infants who were not brought to clinic.", ()),
        ("The baby was not\nbrought to clinic.", ("did not attend", "DNA")),
        ("Two DNAs and a DNA letter.", ("was not brought", "did not attend")),
        ("DNAR orders are different.", ()),  # whole words only
        ("Was Not Brought, and did not attend.", ("DNA",)),
        ("CSE and DNA", ("was not brought", "did not attend", "child sexual exploitation")),
    ],
)
def test_synonyms_for_a_text(text: str, expected: tuple[str, ...]) -> None:
    assert synonyms_for(text, GROUPS) == expected


def _synonyms_by_substring(text: str, groups) -> tuple[str, ...]:  # noqa: ANN001
    """The reading synonyms_for must keep: a term is used if its padded words are in the
    text's (its first form, before a word set ruled most terms out)."""

    def padded(value: str) -> str:
        return " " + re.sub(r"[^\w]+", " ", value.lower()).strip() + " "

    found: list[str] = []
    for group in groups:
        used = [padded(term) in padded(text) for term in group]
        if any(used):
            found += [term for term, present in zip(group, used, strict=True) if not present]
    return tuple(dict.fromkeys(found))


_PHRASE = st.lists(st.sampled_from(["dna", "was", "not", "brought", "Was", "-", "x", "ß", "İ"]))


_WORD = st.sampled_from(["DNA", "dna", "was", "not", "brought", "did", "attend", "ß", "İ", "x"])


@given(
    parts=st.lists(st.tuples(_WORD, st.sampled_from(["", " ", ", ", "-", "\n", "."]))),
    groups=st.lists(st.lists(_PHRASE.map(" ".join), min_size=1, max_size=3), max_size=3),
)
def test_synonyms_are_the_terms_a_substring_search_finds(parts, groups) -> None:  # noqa: ANN001
    text = "".join(word + separator for word, separator in parts)
    assert synonyms_for(text, groups) == _synonyms_by_substring(text, groups)


def test_facts_block_is_hidden_ignored_and_escaped() -> None:
    facts = SearchFacts(
        type="Briefing",
        title="<b>A</b> & B",
        date="2026-01-15",
        summary="S",
        filters={"theme": ["Missing from Home, Care and Education"]},
        synonyms=("DNA", "did not attend"),
    )
    assert facts.html().splitlines() == [
        '<div class="hub-search-facts" hidden data-pagefind-ignore>',
        '<span data-pagefind-meta="type">Briefing</span>',
        '<span data-pagefind-meta="title">&lt;b&gt;A&lt;/b&gt; &amp; B</span>',
        '<span data-pagefind-meta="date">2026-01-15</span>',
        '<span data-pagefind-sort="date">2026-01-15</span>',
        '<span data-pagefind-meta="summary">S</span>',
        '<span data-pagefind-meta="synonyms">DNA, did not attend</span>',
        '<span data-pagefind-filter="type">Briefing</span>',
        '<span data-pagefind-filter="theme">Missing from Home, Care and Education</span>',
        "</div>",
    ]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return generated(tmp_path_factory.mktemp("search"))[1]


def test_briefing_for_everyone_has_every_audience(pages: dict[str, str]) -> None:
    page = pages["briefings/citing-draft-review.md"]
    facts = page[page.index('<div class="hub-search-facts"') :]
    assert '<span data-pagefind-filter="audience">Health practitioners</span>' in facts
    assert '<span data-pagefind-filter="audience">Schools and colleges</span>' in facts
    assert '<span data-pagefind-filter="theme">Neglect</span>' in facts
    assert '<span data-pagefind-filter="year">2026</span>' in facts
    assert "agency" not in facts


def test_review_facts_give_type_review_type_and_date(pages: dict[str, str]) -> None:
    page = pages["reviews/rr-2026-01-child-a.md"]
    facts = page[page.index('<div class="hub-search-facts"') :]
    # Child A: rapid review, completed 20 January 2026, never published: dated by completion.
    for span in (
        '<span data-pagefind-meta="type">Case review</span>',
        '<span data-pagefind-sort="date">2026-01-20</span>',
        '<span data-pagefind-filter="review type">Rapid review</span>',
        '<span data-pagefind-filter="agency">Police</span>',
        '<span data-pagefind-filter="agency">Health</span>',
        '<span data-pagefind-meta="summary">Rapid review. Key learning: Professional curiosity '
        "about who lives in the home.</span>",
    ):
        assert span in facts


def test_list_pages_are_not_results(pages: dict[str, str]) -> None:
    for path in ("index.md", "briefings/index.md", "themes/neglect.md", "agencies/health.md"):
        assert "hub_search" not in pages[path] and "hub-search-facts" not in pages[path], path


def test_pagefind_writes_its_runtime_as_the_gate_knows_it_and_no_unused_interface(
    tmp_path: Path,
) -> None:

    from site_builder.search import RUNTIME_SHA256, index_site

    site = tmp_path / "site"
    site.mkdir()
    page = '<html lang="en"><body data-pagefind-body><p>x</p></body></html>'
    (site / "index.html").write_text(page, "utf-8")
    index_site(site)
    for rel, sha in RUNTIME_SHA256.items():
        # A new Pagefind writes new bytes: update RUNTIME_SHA256 after reviewing them.
        assert hashlib.sha256((site / rel).read_bytes()).hexdigest() == sha, rel
    names = {p.name for p in (site / "pagefind").iterdir()}
    assert not {n for n in names if "-ui." in n or n == "pagefind-highlight.js"}


END = "<!-- hub-search-body-end -->"
PAGE = (
    '<!doctype html>\n<html lang="en"><head><title>A briefing - Hub</title>'
    '<link rel="stylesheet" href="x.css"></head><body><header><nav>Home Briefings</nav></header>'
    '<main><div data-pagefind-body data-pagefind-weight="0.5">\n<article><h1>A briefing</h1>'
    '<div class="hub-facts"><div>Themes</div></div><p>Text</p></article>\n</div>' + END + "\n"
    '<div class="md-footer">Footer</div></main></body></html>'
)


def test_pagefind_reads_the_title_and_the_marked_content_only() -> None:
    from site_builder.search import pagefind_view

    assert pagefind_view(PAGE) == (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>A briefing - Hub</title>'
        '</head><body><div data-pagefind-body data-pagefind-weight="0.5">\n<article>'
        '<h1>A briefing</h1><div class="hub-facts"><div>Themes</div></div><p>Text</p>'
        "</article>\n</div></body></html>"
    )


def test_no_author_text_cuts_the_marked_content_short() -> None:
    from site_builder.search import pagefind_view

    body = (
        "<p>aardvark</p><!-- close the </div> later --><p>zebrafinch</p>"
        f'<span title="</div>">quokkaroo</span><p>{END}</p></div>'
        '<div class="hub-search-facts" hidden data-pagefind-ignore>'
        '<span data-pagefind-filter="theme" content="Neglect"></span></div>'
    )
    page = f"<html><head><title>T</title></head><body><div data-pagefind-body>{body}</div>{END}"
    view = pagefind_view(page + "<footer>Footer</footer></body></html>")
    assert view == (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>T</title></head><body>'
        f"<div data-pagefind-body>{body}</div></body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>A list page: no result</p></body></html>",
        "<html><body><div data-pagefind-body><p>no end mark</p></div></body></html>",
        f"<html><body>{END}<div data-pagefind-body><p>the mark before</p></div></body></html>",
    ],
)
def test_a_page_without_both_marks_is_read_whole(page: str) -> None:
    from site_builder.search import pagefind_view

    assert pagefind_view(page) == page


def test_the_marked_content_gives_the_index_the_whole_page_gives(
    rich_build: tuple[Path, Path], tmp_path: Path
) -> None:
    import gzip

    from site_builder.search import BUNDLE, index_site, pagefind_view

    _, site = rich_build
    pages = [
        (path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
        if BUNDLE not in path.parts
    ]
    bundles = []
    for name, view in (("views", pagefind_view), ("whole", lambda page: page)):
        for rel, page in pages:  # each at its path, as the page worker writes them
            (tmp_path / name / "pages" / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / "pages" / rel).write_text(view(page), encoding="utf-8")
        index_site(tmp_path / name / "site", tmp_path / name / "pages")
        bundles.append(tmp_path / name / "site" / BUNDLE)
    assert sum(pagefind_view(page) != page for _, page in pages) >= 10
    for kind in ("fragment", "index"):  # what each page says; every word and where it is
        views, whole = (
            sorted(gzip.decompress(f.read_bytes()) for f in (bundle / kind).iterdir())
            for bundle in bundles
        )
        assert views and views == whole, kind
