"""site_builder.pages.assurance: theme pages, report 4.2, /assurance/ and the sub-group pages
and assurance.csv for the hand-worked corpus of `assurance_corpus.py`; and a left-out item
named as evidence is linked nowhere and named in no built file."""

from __future__ import annotations

from datetime import date

import pytest
from assurance_corpus import DRAFT_ID, FILES
from conftest import AS_OF, copy_engine, run_hub, write_tree
from fixture_corpus import site_texts

from site_builder.pipeline import prepare
from site_builder.publication import Edition

ASSURED = '<span class="hub-judgement hub-judgement--assured"><span aria-hidden="true">✓</span>&nbsp;Assured</span>'  # noqa: E501
PARTLY = '<span class="hub-judgement hub-judgement--partly-assured"><span aria-hidden="true">◐</span>&nbsp;Partly assured</span>'  # noqa: E501
NOT_ASSURED = '<span class="hub-judgement hub-judgement--not-assured"><span aria-hidden="true">✗</span>&nbsp;Not assured</span>'  # noqa: E501
NOT_TESTED = '<span class="hub-judgement hub-judgement--not-tested"><span aria-hidden="true">○</span>&nbsp;Not tested</span>'  # noqa: E501


def change(symbol: str, word: str) -> str:
    return f'<span class="hub-change"><span aria-hidden="true">{symbol}</span> {word}</span>'


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("assurance") / "project"
    root.mkdir()
    copy_engine(root)
    return write_tree(root, FILES)


@pytest.fixture(scope="module")
def pages(project_root) -> dict[str, str]:  # noqa: ANN001
    prepared, problems = prepare(project_root, Edition(date.fromisoformat(AS_OF)))
    assert prepared is not None, [p.format() for p in problems.sorted()]
    return {o.path: o.content for o in prepared.outputs}


def section(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end)]


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| **")]


def test_theme_page_shows_latest_judgement_change_note_and_evidence(pages) -> None:  # noqa: ANN001
    block = section(pages["themes/neglect.md"], "## Are we assured?", "## Open actions")
    assert (
        "in Q2 2026/27 (July to September 2026): 1 assured, 1 partly assured and 1 not tested."
    ) in block
    assert table_rows(block) == [
        "| **How do we know the Graded Care Profile 2 is used?**"
        "<br>Note: Audit: 9 of 10, &lt;b&gt;up&lt;/b&gt;"
        "<br>Evidence: [Children in need per 10,000](#chart-cin_rate),"
        " [Child A](../reviews/rr-2026-01-child-a.md),"
        " [Neglect and the toxic trio](../briefings/neglect-toxic-trio.md)"
        "<br>Asked by: [Neglect Sub-group](../assurance/neglect-sg.md#question-n-gcp2)"
        f" | {ASSURED}<br>{change('↑', 'Better')}<br>was partly assured |",
        "| **How do we know plans do not drift?**"
        "<br>Asked by: [Neglect Sub-group](../assurance/neglect-sg.md#question-n-drift)"
        f" | {PARTLY}<br>{change('↓', 'Worse')}<br>was assured |",
        "| **How do we know children are heard?**<br>Note: Deferred to Q3"
        "<br>Asked by: [Neglect Sub-group](../assurance/neglect-sg.md#question-n-voice)"
        f" | {NOT_TESTED}<br>{change('○', 'Not tested this quarter')}<br>was partly assured |",
    ]
    # The generic question is on no theme page; a theme without questions has no section.
    assert "supervision" not in pages["themes/neglect.md"]
    assert "Are we assured?" not in pages["themes/csa-cse.md"]


def test_theme_page_links_indicator_of_another_theme_to_its_chart(pages) -> None:  # noqa: ANN001
    block = section(pages["themes/early-help.md"], "## Are we assured?", "## Open actions")
    assert "[Re-referrals within 12 months](#chart-rereferrals_12m)" in block
    assert f"{NOT_ASSURED}<br>{change('↓', 'Worse')}<br>was assured" in block


def test_report_lists_attention_first_by_subgroup_and_names_the_untested(pages) -> None:  # noqa: ANN001
    report = pages["reports/2026-27-q2.md"]
    block = section(report, "#### Assurance: are we assured?", "### 4.3")
    # Inside 4.2, after the reviews of the period.
    assert report.index("### 4.2") < report.index("#### Assurance") < report.index("### 4.3")
    assert (
        "of 5 questions, 1 assured, 2 partly assured, 1 not assured and 1 not tested."
        " 2 questions need the board's attention (judged not assured, or worse than"
        " Q1 2026/27). [Download the judgements for Q2 2026/27 (CSV)](2026-27-q2/assurance.csv)."
    ) in block
    neglect, early = block.split("##### Neglect Sub-group")[1].split("##### Early Help Sub-group")
    assert (
        "1 question needing attention, listed first. See [Neglect Sub-group: the last six"
        " quarters](../assurance/neglect-sg.md)."
    ) in neglect
    assert [row.split("**")[1] for row in table_rows(neglect)] == [
        "How do we know plans do not drift?",
        "How do we know the Graded Care Profile 2 is used?",
        "How do we know supervision challenges drift?",
    ]
    assert f"{PARTLY}<br>{change('+', 'Newly tested')} |" in neglect
    assert (
        "Not tested this quarter: 1 question.\n\n"
        "- How do we know children are heard? (last judged partly assured, Q1 2026/27)"
        " Note: Deferred to Q3"
    ) in neglect
    assert [row.split("**")[1] for row in table_rows(early)] == ["How do we know step-down works?"]
    assert "Not tested this quarter" not in early


def test_assurance_csv_cell_by_cell(pages) -> None:  # noqa: ANN001
    assert pages["reports/2026-27-q2/assurance.csv"] == (
        "question,subgroup,priority,judgement,previous_judgement,note\n"
        'n-gcp2,neglect-sg,neglect,assured,partly-assured,"Audit: 9 of 10, <b>up</b>"\n'
        "n-drift,neglect-sg,neglect,partly-assured,assured,\n"
        "n-super,neglect-sg,,partly-assured,not-tested,\n"
        "n-voice,neglect-sg,neglect,not-tested,partly-assured,Deferred to Q3\n"
        "e-step,early-sg,early-help,not-assured,assured,\n"
    )


def test_subgroup_page_shows_six_quarters_per_question(pages) -> None:  # noqa: ANN001
    page = pages["assurance/neglect-sg.md"]
    quarters = ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27", "Q2 2026/27"]
    head = "".join(f'<th scope="col">{q}</th>' for q in quarters)
    assert f'<thead><tr><th scope="col">Question</th>{head}</tr></thead>' in page
    rows = {
        "How do we know the Graded Care Profile 2 is used?": [
            NOT_TESTED, NOT_TESTED, NOT_TESTED, NOT_ASSURED, PARTLY, ASSURED,
        ],
        "How do we know plans do not drift?": [
            NOT_TESTED, NOT_TESTED, NOT_TESTED, ASSURED, ASSURED, PARTLY,
        ],
        "How do we know supervision challenges drift?": [
            NOT_TESTED, NOT_TESTED, NOT_TESTED, PARTLY, NOT_TESTED, PARTLY,
        ],
        "How do we know children are heard?": [
            NOT_TESTED, NOT_TESTED, NOT_TESTED, PARTLY, PARTLY, NOT_TESTED,
        ],
    }
    for question, cells in rows.items():
        # Here symbol and word may go on two lines: a plain space between them.
        tds = "".join(f"<td>{cell.replace('&nbsp;', ' ')}</td>" for cell in cells)
        assert f'<tr><th scope="row">{question}</th>{tds}</tr>' in page
    assert (
        "Evidence: [Children in need per 10,000](../themes/neglect.md#chart-cin_rate),"
        " [Child A](../reviews/rr-2026-01-child-a.md),"
        " [Neglect and the toxic trio](../briefings/neglect-toxic-trio.md)\n"
    ) in page
    assert (
        "### How do we know children are heard? {#question-n-voice}\n\n"
        "Theme: [Neglect](../themes/neglect.md)  \n"
        f"Q2 2026/27: {NOT_TESTED} (last judged partly assured, Q1 2026/27)  \n"
        "Note: Deferred to Q3"
    ) in page


def test_index_lists_subgroups_with_latest_counts(pages) -> None:  # noqa: ANN001
    assert pages["assurance/index.md"].endswith(
        "- [Neglect Sub-group](neglect-sg.md): 4 questions; Q2 2026/27: 1 assured,"
        " 2 partly assured and 1 not tested\n"
        "- [Early Help Sub-group](early-sg.md): 1 question; Q2 2026/27: 1 not assured\n"
    )


def test_without_questions_nothing_is_added(make_project) -> None:  # noqa: ANN001
    report = FILES["content/reports/2026-27-q2.md"].replace("2026-27-q2", "2026-27-q1")
    root = make_project({"content/reports/2026-27-q1.md": report})
    prepared, _ = prepare(root, Edition(date.fromisoformat(AS_OF)))
    assert prepared is not None
    out = {o.path: o.content for o in prepared.outputs}
    assert "are we assured" not in out["reports/2026-27-q1.md"].lower()
    assert "reports/2026-27-q1/assurance.csv" not in out
    assert out["assurance/index.md"].endswith("No sub-groups are listed yet.\n")


def test_left_out_evidence_is_in_no_built_file(project_root, tmp_path) -> None:  # noqa: ANN001
    site = tmp_path / "site"
    result = run_hub(project_root, "build", "--site-dir", str(site), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    texts = site_texts(site)
    for path in (
        "themes/neglect/index.html",
        "reports/2026-27-q2/index.html",
        "reports/2026-27-q2/assurance.csv",
        "assurance/neglect-sg/index.html",
        "search/search_index.json",
        "sitemap.xml.gz",
    ):
        assert path in texts
    assert [path for path, text in texts.items() if DRAFT_ID in text] == []
    # The published evidence is linked as served.
    assert 'href="../../reviews/rr-2026-01-child-a/"' in texts["assurance/neglect-sg/index.html"]


def test_internal_preview_of_draft_still_left_out(project_root, tmp_path) -> None:  # noqa: ANN001
    """A draft is left out of the internal edition too."""
    site = tmp_path / "site"
    result = run_hub(project_root, "build", "--site-dir", str(site), "--as-of", AS_OF, "--internal")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [p for p, text in site_texts(site).items() if DRAFT_ID in text] == []
