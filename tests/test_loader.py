"""loader.py: files to models, every problem collected in one pass, with file and line."""

from __future__ import annotations

import os

import pytest
from conftest import BRIEFING, INDICATORS, REVIEW, TAXONOMY

from site_builder.loader import load_project
from site_builder.pipeline import check

B = "content/briefings/neglect-toxic-trio.md"
R = "content/reviews/rr-2026-01-child-a.md"
SC = "data/scorecard/2026-27-q1.csv"


def lines(problems) -> list[str]:
    return [p.format() for p in problems.sorted()]


def test_minimal_corpus_loads_with_sources_and_lines(make_project) -> None:
    project, problems = load_project(make_project())
    assert lines(problems) == []
    briefing = project.briefings.get("neglect-toxic-trio")
    assert briefing.origin.path == B
    assert briefing.origin.line_of("themes") == 5
    assert briefing.body_line == 10
    review = project.reviews.get("rr-2026-01-child-a")
    assert review.origin.line_of("actions", 1, "owner") == 21
    indicator = project.indicators.get("cin_rate")
    assert (indicator.origin.path, indicator.origin.line_of("england")) == (
        "data/indicators.yaml",
        15,
    )
    assert project.voices[0].origin.line_of("quote") == 4
    row = next(iter(project.scorecards.by_period.values()))["cin_rate"]
    assert (row.value, row.line) == (340.0, 3)


def test_every_file_is_reported_in_one_pass(make_project) -> None:
    root = make_project(
        {
            B: BRIEFING.replace("date: 2026-01-15", "date: soon"),
            R: REVIEW.replace("type: rapid-review", "type: rapid"),
            SC: "indicator,value\ncin_rate,lots\n",
        }
    )
    _, problems = check(root)
    assert [p.path for p in problems.sorted()] == [B, R, SC]


def test_invalid_review_is_not_reported_again_as_unknown(make_project) -> None:
    _, problems = check(make_project({R: REVIEW.replace("type: rapid-review", "type: rapid")}))
    assert [p.path for p in problems] == [R]


def test_invalid_indicator_is_not_reported_again_as_unknown(make_project) -> None:
    indicators = INDICATORS.replace("unit: percent", "unit: percentage")
    _, problems = check(make_project({"data/indicators.yaml": indicators}))
    assert [p.path for p in problems] == ["data/indicators.yaml"]


def test_unreadable_indicators_file_is_reported_once(make_project) -> None:
    _, problems = check(make_project({"data/indicators.yaml": "- id: [a\n"}))
    assert lines(problems) == [
        "data/indicators.yaml:2: error: invalid YAML: a list in [brackets] is not closed with ']'"
    ]


def test_taxonomy_privacy_allow_applies_to_the_taxonomy_itself(make_project) -> None:
    # conftest's taxonomy lists hub@northbridge.example under privacy_allow
    _, problems = check(make_project())
    assert lines(problems) == []
    taxonomy = TAXONOMY.replace("privacy_allow:\n  - hub@northbridge.example\n", "") + (
        "# contact: hub@northbridge.example\n"
    )
    _, problems = check(make_project({"data/taxonomy.yaml": taxonomy}))
    assert lines(problems) == [
        "data/taxonomy.yaml:12: error: possible email address 'hu*@***********.*******' (remove"
        " it, or add the exact text to privacy_allow in data/taxonomy.yaml if it is public)"
    ]


def test_missing_taxonomy_and_empty_taxonomy(make_project) -> None:
    _, problems = check(make_project({"data/taxonomy.yaml": None}))
    assert lines(problems) == ["data/taxonomy.yaml: error: file not found"]
    _, problems = check(make_project({"data/taxonomy.yaml": "# nothing yet\n"}))
    assert lines(problems) == [
        "data/taxonomy.yaml:1: error: the file is empty: expected 'priorities', 'agencies' and"
        " 'audiences'"
    ]


def test_list_files_name_items_by_id_or_number(make_project) -> None:
    _, problems = check(
        make_project(
            {
                "data/indicators.yaml": INDICATORS + "- just text\n",
                "data/voices.yaml": "- period: 2026-27-q1\n  voice: child\n  themes: [neglect]\n",
            }
        )
    )
    assert lines(problems) == [
        "data/indicators.yaml:16: error: indicator 3 must be 'key: value' fields, got 'just text'",
        "data/voices.yaml:1: error: voice 1: missing required field 'quote'",
        "data/voices.yaml:1: error: voice 1: missing required field 'attribution'",
    ]


def test_scorecard_rows_and_blank_values(make_project) -> None:
    project, problems = load_project(
        make_project(
            {
                SC: "indicator,value,note\n"
                'rereferrals_12m,,"no data, system change"\n\ncin_rate, 340 ,\n'
            }
        )
    )
    assert lines(problems) == []
    rows = next(iter(project.scorecards.by_period.values()))
    assert rows["rereferrals_12m"].value is None
    assert rows["rereferrals_12m"].note == "no data, system change"
    assert (rows["cin_rate"].value, rows["cin_rate"].line) == (340.0, 4)


def test_scorecard_multi_line_note_reports_the_record_start(make_project) -> None:
    _, problems = check(
        make_project({SC: 'indicator,value,note\nrereferrals_12m,1,"a\nlong note"\nnope,2,\n'})
    )
    assert lines(problems) == [
        f"{SC}:4: error: unknown indicator 'nope';"
        " valid ids are 'cin_rate', 'rereferrals_12m' (see data/indicators.yaml)"
    ]


def test_scorecard_other_files(make_project) -> None:
    _, problems = check(
        make_project(
            {
                "data/scorecard/notes.txt": "x",
                "data/scorecard/.hidden.csv": "x",
                "data/scorecard/2026-27-q2.csv": "",
                "data/scorecard/2026-27-q3.csv": "indicator,value,note\ncin_rate,1,a,b\n,5,\n",
                "data/scorecard/2026-27-q4.csv": "indicator,value\ncin_rate,inf\n",
            }
        )
    )
    assert lines(problems) == [
        "data/scorecard/2026-27-q2.csv:1: error: the file is empty: expected the header"
        " 'indicator,value,note'",
        "data/scorecard/2026-27-q3.csv:2: error: expected 3 columns, got 4 (put a note"
        ' containing commas in "double quotes")',
        "data/scorecard/2026-27-q3.csv:3: error: the row has no indicator id in its first column",
        "data/scorecard/2026-27-q4.csv:2: error: the value for 'cin_rate' must be a number, got"
        " 'inf' (write the number alone, e.g. 21.5, or leave it blank for no data)",
        "data/scorecard/notes.txt: error: a scorecard must be a .csv file named by its period,"
        " e.g. 2018-19-q3.csv",
    ]


def test_document_folders_hold_only_markdown(make_project) -> None:
    _, problems = check(
        make_project(
            {
                "content/briefings/old/x.md": BRIEFING,
                "content/briefings/notes.txt": "Call 07700 900123",
                "content/briefings/.drafts/y.md": "ignored",
                "content/briefings/.DS_Store": "ignored",
            }
        )
    )
    fix = (
        "(remove it, or add the exact text to privacy_allow in data/taxonomy.yaml if it is public)"
    )
    assert lines(problems) == [
        "content/briefings/notes.txt: error: content/briefings/ holds only .md files, one per"
        " document, with no subfolders",
        f"content/briefings/notes.txt:1: error: possible phone number '07*** ******' {fix}",
        "content/briefings/old/x.md: error: content/briefings/ holds only .md files, one per"
        " document, with no subfolders",
    ]


def test_free_pages_are_scanned_but_not_validated(make_project) -> None:
    project, problems = load_project(
        make_project(
            {
                "content/about.md": "---\nanything: [goes\n---\nText\n",
                "content/help/contact.md": "Ring 07700 900123\n",
                "content/.hidden/secret.md": "Ring 07700 900123\n",
                "content/img/logo.png": b"\x89PNG\r\n\x1a\n\x00\xff",
            }
        )
    )
    pages = ["about.md", "accessibility.md", "help/contact.md", "index.md"]
    assert [p.src_uri for p in project.pages] == pages
    assert [(p.path, p.line) for p in problems] == [("content/help/contact.md", 1)]


def test_invalid_document_is_left_out_and_others_load(make_project) -> None:
    project, problems = load_project(
        make_project(
            {
                "content/briefings/second.md": BRIEFING.replace(
                    "title: Neglect", "title: [Neglect"
                ),
            }
        )
    )
    assert [b.id for b in project.briefings] == ["neglect-toxic-trio"]
    assert project.rejected_ids["briefings"] == {"second"}
    assert len(problems) == 1


@pytest.mark.parametrize("suffix", [".mdown", ".markdown", ".mkd", ".mkdn", ".MD"])
def test_a_free_page_must_end_in_md(make_project, suffix: str) -> None:
    _, problems = check(make_project({f"content/about{suffix}": "# About\n"}))
    assert lines(problems) == [
        f"content/about{suffix}: error: a page must end in .md: rename it to about.md"
    ]



def test_a_free_page_named_readme_is_refused(make_project) -> None:
    # MkDocs and Zensical publish README.md as its folder's page: beside index.md both
    # would be written to help/index.html, and at the top it would replace the home page.
    project, problems = check(
        make_project({"content/help/README.md": "# Help\n", "content/README.md": "# Us\n"})
    )
    assert lines(problems) == [
        "content/README.md: error: an engine publishes README.md as its folder's page, in"
        " place of index.md: name it content/index.md if it is that page, else give it"
        " another name",
        "content/help/README.md: error: an engine publishes README.md as its folder's page,"
        " in place of index.md: name it content/help/index.md if it is that page, else give"
        " it another name",
    ]
    assert "help/README.md" not in [p.src_uri for p in project.pages]


def test_free_pages_at_one_address_are_refused(make_project) -> None:
    # A free page where the hub writes one would replace it (themes/neglect/) or be dropped
    # (themes/neglect.md, actions/index.md); content/index.md is the home page's introduction.
    _, problems = check(
        make_project(
            {
                "content/guide.md": "# Guide\n",
                "content/guide/index.md": "# Guide again\n",
                "content/actions.md": "# Our actions\n",
                "content/actions/index.md": "# Actions\n",
                "content/themes/neglect/index.md": "# Neglect\n",
                "content/agencies/police.md": "# Police\n",
                "content/agencies/probation.md": "# Probation\n",  # no such agency
            }
        )
    )
    hub = "error: the hub writes the page at its address"
    assert lines(problems) == [
        f"content/actions.md: {hub} (/actions/): give it another name",
        "content/actions/index.md: error: content/actions.md is published at the same"
        " address (/actions/): give it another name",
        f"content/agencies/police.md: {hub} (/agencies/police/): give it another name",
        "content/guide/index.md: error: content/guide.md is published at the same address"
        " (/guide/): give it another name",
        f"content/themes/neglect/index.md: {hub} (/themes/neglect/): give it another name",
    ]

def test_a_large_project_is_scanned_in_workers_with_the_same_problems(
    make_project, monkeypatch  # noqa: ANN001
) -> None:
    from site_builder import loader

    files = {
        f"content/pages/note-{n}.md": f"# Note {n}\n\nCall 07700 900{n:03d} or write to SW1A 1AA.\n"
        for n in range(7)
    }
    files["data/contacts.yaml"] = "lead: 'NHS no. 943 476 5919'\n"
    files["content/briefings/untitled.md"] = "# No front matter\n"  # a problem of the load
    root = make_project(files)
    _, serial = load_project(root)
    monkeypatch.setattr(loader, "SCAN_PARALLEL_FROM", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    _, parallel = load_project(root)
    fix = (
        "(remove it, or add the exact text to privacy_allow in data/taxonomy.yaml if it is public)"
    )
    expected = [
        *(
            f"content/pages/note-{n}.md:3: error: possible {kind} {fix}"
            for n in range(7)
            for kind in ("phone number '07*** ******'", "postcode 'SW** ***'")
        ),
        f"data/contacts.yaml:1: error: possible NHS number '94* *** ****' {fix}",
        # the scan's problems come first, as in one pass, though the load ran alongside it
        "content/briefings/untitled.md:1: error: missing front matter: start the file with"
        " a line '---', then the fields, then '---'",
    ]
    assert [p.format() for p in serial] == expected
    assert [p.format() for p in parallel] == [p.format() for p in serial]
