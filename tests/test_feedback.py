"""Learning into practice and impact evidence: loading, figures, pages and feedback.csv.

Figures come from `fixture_feedback` and were worked out by hand there (as of 2026-11-26).
Errors go through the real `hub check`; the left-out check and the CSV through `hub build`.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, run_hub, run_hub_in_process, table_rows
from fixture_corpus import LEFT_OUT_MARKERS, site_texts
from fixture_feedback import (
    EXPECTED_CSV,
    FORM,
    ODD_TITLE_ENCODED,
    write_feedback_corpus,
)

from site_builder import evidence, learning
from site_builder.feedback import form_link, form_url_problem
from site_builder.learning import Answers
from site_builder.periods import Period
from site_builder.pipeline import Prepared, prepare
from site_builder.publication import Edition

Q4, Q1, Q2 = Period(2025, 4), Period(2026, 1), Period(2026, 2)


def _prepare(root: Path, form: str = FORM, internal: bool = False) -> Prepared:
    result, problems = prepare(root, Edition(date.fromisoformat(AS_OF), internal), "", form)
    assert result is not None, [p.format() for p in problems.sorted()]
    return result


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return _prepare(write_feedback_corpus(tmp_path_factory.mktemp("feedback") / "project"))


@pytest.fixture(scope="module")
def pages(prepared: Prepared) -> dict[str, str]:
    return {o.path: o.content for o in prepared.outputs if isinstance(o.content, str)}


# --- Figures ---------------------------------------------------------------------------------


def test_per_briefing_totals_to_date(prepared: Prepared) -> None:
    site = prepared.site
    assert learning.briefing_answers(site, "neglect-toxic-trio") == (
        Answers(22, 18, 14, 8),
        [("police", Answers(4, 4, 2, 1)), ("health", Answers(16, 13, 11, 7)),
         ("", Answers(2, 1, 1, 0))],
    )
    assert learning.briefing_answers(site, "citing-draft-review") == (
        Answers(5, 5, 4, 2),
        [("education", Answers(5, 5, 4, 2))],
    )
    assert learning.briefing_answers(site, "evil-briefing") == (
        Answers(4, 4, 2, 1),
        [("health", Answers(3, 3, 2, 1)), ("", Answers(1, 1, 0, 0))],
    )
    assert learning.briefing_answers(site, "cafe-quotes")[0] == Answers(4, 3, 2, 1)
    # A left-out briefing's rows are not in the published view at all.
    assert learning.briefing_answers(site, "zqdraftbrief") == (Answers(), [])


def test_quarters_and_agency_shares(prepared: Prepared) -> None:
    site = prepared.site
    assert [(q.period, q.briefings, q.answers) for q in learning.by_quarter(site)] == [
        (Q4, 2, Answers(21, 18, 13, 6)),
        (Q1, 2, Answers(9, 8, 7, 5)),
        (Q2, 2, Answers(5, 4, 2, 1)),
    ]
    assert learning.by_agency(site, site.feedback.for_period(Q4)) == [
        ("police", Answers(4, 4, 2, 1)),
        ("health", Answers(10, 8, 6, 3)),
        ("education", Answers(5, 5, 4, 2)),
        ("", Answers(2, 1, 1, 0)),
    ]
    assert learning.by_agency(site, site.feedback.for_period(Q1)) == [
        ("police", Answers()),
        ("health", Answers(9, 8, 7, 5)),
        ("education", Answers()),
    ]


@pytest.mark.parametrize(
    ("count", "whole", "expected"),
    [(18, 22, 82), (8, 22, 36), (7, 8, 88), (1, 8, 13), (5, 9, 56), (0, 4, 0), (0, 0, None)],
)
def test_percent_rounds_halves_up(count: int, whole: int, expected: int | None) -> None:
    assert learning.percent(count, whole) == expected


def test_no_answer_from_the_agencies_a_briefing_is_aimed_at(prepared: Prepared) -> None:
    silent = learning.unanswered(prepared.site)
    # cafe-quotes lists police and is written for education (a row of 0 answers is none);
    # neglect-toxic-trio (police; audience health) and evil-briefing (health) were answered;
    # citing-draft-review is for all practitioners and lists no agency.
    assert [(a, [b.id for b in briefings]) for a, briefings in silent] == [
        ("police", ["cafe-quotes"]),
        ("education", ["cafe-quotes"]),
    ]


def test_completed_actions_by_evidence_level(prepared: Prepared) -> None:
    site = prepared.site
    assert evidence.by_level(evidence.completed(site)) == [
        ("reaction", 1),
        ("learning", 0),
        ("behaviour", 2),
        ("results", 1),
        ("unrated", 1),  # Child A's A1: impact, no level
        ("none", 1),  # E4
    ]
    assert evidence.by_level(evidence.completed_in(site, Q2)) == [
        ("reaction", 0), ("learning", 0), ("behaviour", 0), ("results", 1), ("unrated", 0),
        ("none", 1),
    ]


def test_reaudits_overdue_and_due_at_the_as_of_date(prepared: Prepared) -> None:
    found = evidence.reaudits(prepared.site)
    assert [a.id for _, a in found.overdue] == ["E1", "E6"]  # 1 August, 25 November 2026
    assert [a.id for _, a in found.due] == ["E2"]  # 26 November 2026: the as-of date itself


# --- Pages -----------------------------------------------------------------------------------


def test_briefing_page_shows_answers_and_the_form(pages: dict[str, str]) -> None:
    page = pages["briefings/neglect-toxic-trio.md"]
    assert (
        "<p><strong>22 answers to date</strong>: 18 (82%) found it useful, 14 (64%) learned "
        "something and 8 (36%) changed their practice. From: Police (4), Health (16), "
        "No agency named (2).</p>"
    ) in page
    assert (
        'href="https://forms.example/feedback?briefing=neglect-toxic-trio&amp;title='
        'Neglect%20and%20the%20toxic%20trio&amp;from=hub">How did you use this briefing?</a>'
    ) in page
    assert "Answers are anonymous and go to the partnership" in page
    odd = pages["briefings/cafe-quotes.md"]
    assert "From: Health (4)." in odd  # the education row of 0 answers names no one
    assert f"title={ODD_TITLE_ENCODED}&amp;from=hub" in odd


def test_form_link_encodes_id_and_title() -> None:
    assert form_link(FORM, "a-b", "Café \"quotes\" & l'enfant: ça va?") == (
        f"https://forms.example/feedback?briefing=a-b&title={ODD_TITLE_ENCODED}&from=hub"
    )
    assert form_link("https://f.example/{title}/{title}", "x", "a/b{id}") == (
        "https://f.example/a%2Fb%7Bid%7D/a%2Fb%7Bid%7D"
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, None),
        ("", None),
        ("https://forms.example/?b={id}", None),
        (
            "javascript:alert(1)",
            "extra.hub_feedback_url must start with https:// (the partnership's own form),"
            " got 'javascript:alert(1)'",
        ),
        (["x"], "extra.hub_feedback_url must be a web address (text), got list"),
    ],
)
def test_form_url_problem(value: object, problem: str | None) -> None:
    assert form_url_problem(value) == problem


def test_no_form_link_when_unset(tmp_path: Path, make_project) -> None:
    pages = {
        o.path: o.content for o in _prepare(write_feedback_corpus(tmp_path / "p", None), "").outputs
    }
    page = pages["briefings/neglect-toxic-trio.md"]
    assert "<strong>22 answers to date</strong>" in page
    assert "How did you use this briefing?" not in page
    assert "anonymous" not in page
    # With neither a form nor an answer the section is left out.
    bare = {o.path: o.content for o in _prepare(make_project(), "").outputs}
    assert "Learning into practice" not in bare["briefings/neglect-toxic-trio.md"]


def test_dashboard_learning_into_practice(pages: dict[str, str]) -> None:
    page = pages["actions/index.md"]
    section = page[page.index("## Learning into practice") : page.index("## Impact")]
    assert "| Q4 2025/26 (January to March 2026) | 2 | 21 | 18 (86%) | 13 (62%) | 6 (29%) |" in (
        section
    )
    assert "| Q2 2026/27 (July to September 2026) | 2 | 5 | 4 (80%) | 2 (40%) | 1 (20%) |" in (
        section
    )
    q4 = section[section.index('??? note "Q4 2025/26') :]
    for row in (
        "| [Police](../agencies/police.md) | 4 | 4 (100%) | 2 (50%) | 1 (25%) |",
        "| [Health](../agencies/health.md) | 10 | 8 (80%) | 6 (60%) | 3 (30%) |",
        "| [Education](../agencies/education.md) | 5 | 5 (100%) | 4 (80%) | 2 (40%) |",
        "| No agency named | 2 | 1 (50%) | 1 (50%) | 0 (0%) |",
        "| [Neglect and the toxic trio](../briefings/neglect-toxic-trio.md) | 16 | 13 (81%) |"
        " 9 (56%) | 4 (25%) |",
    ):
        assert row in q4
    q1 = section[section.index('??? note "Q1 2026/27') : section.index('??? note "Q4 2025/26')]
    assert "| [Health](../agencies/health.md) | 9 | 8 (89%) | 7 (78%) | 5 (56%) |" in q1
    assert "| [Police](../agencies/police.md) | 0 | 0 | 0 | 0 |" in q1
    assert section.index('???+ note "Q2 2026/27') < section.index('??? note "Q1 2026/27')
    title = "Café &quot;quotes&quot; &amp; l&#x27;enfant: ça va?"
    odd = f'<a href="../briefings/cafe-quotes/">{title}</a>'
    unanswered = table_rows(section[section.index("no answer from it") :])
    assert ['<a href="../agencies/police/">Police</a>', "1", odd] in unanswered
    assert ['<a href="../agencies/education/">Education</a>', "1", odd] in unanswered


def test_dashboard_impact_evidence(pages: dict[str, str]) -> None:
    page = pages["actions/index.md"]
    assert (
        "| E3: Add a safety plan to every referral. | 30 June 2026 |"
        " 14 of 16 referrals held a safety plan. | Behaviour (level 3 of 4) |  |"
    ) in page
    assert "| E4: Publish the pathway. | 1 July 2026 | Impact not yet evidenced |  |  |" in page
    levels = page[page.index("### Completed actions by evidence level") :]
    for row in (
        "| Reaction: practitioners said it helped | 1 |",
        "| Learning: practitioners know or can do something new | 0 |",
        "| Behaviour: practice changed | 2 |",
        "| Results: outcomes for children changed | 1 |",
        "| Impact described, level not given | 1 |",
        "| Impact not yet evidenced | 1 |",
    ):
        assert row in levels
    overdue = page[page.index("#### Re-audits overdue") : page.index("#### Re-audits due")]
    assert "| Reaction (level 1 of 4) | 1 August 2026 | 117 days |" in overdue
    assert "| Results (level 4 of 4) | 25 November 2026 | 1 day |" in overdue
    assert overdue.index("E1:") < overdue.index("E6:")
    due = page[page.index("#### Re-audits due") :]
    assert "| Behaviour (level 3 of 4) | 26 November 2026 | 0 days |" in due


def test_theme_page_chain_from_action_to_indicator(pages: dict[str, str]) -> None:
    page = pages["themes/csa-cse.md"]
    assert (
        "| [Evidence review](../reviews/rv-evidence.md) | E1: Train the front door on the "
        "toolkit. | Complete | Reaction (level 1 of 4) | Re-referrals within 12 months |"
        " 23.0% (Q4 2025/26) | 21.0% (Q1 2026/27) | "
        # Lower is better: the value fell (▼), which is improving.
        '<span class="hub-trend hub-trend--improving"><span class="hub-arrow" role="img" '
        'aria-label="down">▼</span> Improving</span> |'
    ) in page


def test_report_learning_into_practice_and_levels(pages: dict[str, str]) -> None:
    page = pages["reports/2026-27-q2.md"]
    section = page[page.index("#### Learning into practice") : page.index("### 4.3")]
    assert "**Briefings published in the period**: 1.\n- [Café" in section
    assert "(3 August 2026)" in section
    assert (
        "**Practitioners' answers in the period**: 5 answers about 2 briefings; 4 (80%) found"
        " the briefing useful, 2 (40%) learned something and 1 (20%) changed their practice."
    ) in section
    for row in (
        "| Reaction: practitioners said it helped | 0 | 1 |",
        "| Learning: practitioners know or can do something new | 0 | 0 |",
        "| Behaviour: practice changed | 0 | 2 |",
        "| Results: outcomes for children changed | 1 | 1 |",
        "| Impact described, level not given | 0 | 1 |",
        "| Impact not yet evidenced | 1 | 1 |",
    ):
        assert row in section
    assert "- **Practitioners' answers about briefings**: 5 answers about 2 briefings" in page


def test_internal_edition_counts_internal_briefings(tmp_path: Path) -> None:
    site = _prepare(write_feedback_corpus(tmp_path / "p"), internal=True).site
    assert learning.briefing_answers(site, "zqinternalbrief")[0] == Answers(9, 9, 9, 9)
    assert learning.briefing_answers(site, "zqdraftbrief")[0] == Answers()


# --- hub build: the CSV, and left-out briefings nowhere --------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("feedback-build")
    root = write_feedback_corpus(tmp / "project")
    result = run_hub(root, "build", "--site-dir", str(tmp / "site"), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_texts(tmp / "site")


def test_feedback_csv_cell_by_cell(built: dict[str, str]) -> None:
    text = built["briefings/feedback.csv"]
    assert list(csv.reader(io.StringIO(text))) == EXPECTED_CSV
    assert text.startswith("briefing,period,agency,responses,useful,learned,changed_practice\n")


def test_left_out_briefings_rows_appear_nowhere(built: dict[str, str]) -> None:
    for marker in LEFT_OUT_MARKERS:
        leaks = [path for path, text in built.items() if marker in text]
        assert not leaks, f"{marker} in {leaks}"
    # Their counts are not in any total either: 7, 9, 8 and 5 answers would show here.
    dashboard = built["actions/index.html"]
    assert "<td>Q4 2025/26 (January to March 2026)</td>\n<td>2</td>\n<td>21</td>" in dashboard
    report = built["reports/2026-27-q2/index.html"]
    assert "5 answers about 2 briefings" in report


def test_built_briefing_page_links_to_the_form(built: dict[str, str]) -> None:
    page = built["briefings/cafe-quotes/index.html"]
    assert (
        'href="https://forms.example/feedback?briefing=cafe-quotes&amp;title='
        f'{ODD_TITLE_ENCODED}&amp;from=hub"'
    ) in page


# --- hub check: every error, exact, in one pass -------------------------------------------

BAD_FEEDBACK = {
    "data/feedback/notes.txt": "counts\n",
    "data/feedback/2026-q1.csv": "briefing,agency,responses,useful,learned,changed_practice\n",
    "data/feedback/2025-26-q1.csv": "briefing,agency,responses\nneglect-toxic-trio,health,1\n",
    "data/feedback/2025-26-q2.csv": "",
    "data/feedback/2025-26-q3.csv": (
        "briefing,agency,responses,useful,learned,changed_practice\n"
        "neglect-toxic-trioo,health,3,2,1,0\n"  # 2
        "neglect-toxic-trio,polise,3,2,1,0\n"  # 3
        "neglect-toxic-trio,education,10,12,1,0\n"  # 4
        "neglect-toxic-trio,police,ten,3,2,1\n"  # 5
        "neglect-toxic-trio,,4,1,1,-1\n"  # 6
        "neglect-toxic-trio,health,5,5,4,2\n"  # 7
        "neglect-toxic-trio,health,1,1,1,1\n"  # 8
        "draft-one,,2,2,2,2\n"  # 9: a draft briefing's id is known
        "draft-one,,1,1,1,1\n"  # 10
        "a,b\n"  # 11
        ",health,1,1,1,1\n"  # 12
        "draft-one,health,5,5,2.5,1\n"  # 13
        "\n"  # 14: blank lines are skipped
        "nope,nobody,x,9,9,9\n"  # 15: every mistake of a row is named
    ),
    "data/feedback/2025-26-q4.csv": (
        "briefing,agency,responses,useful,learned,changed_practice\n"
        "neglect-toxic-trio,health,1,1,1,1\n"
        'neglect-toxic-trio,"police,1,1,1,1\n'
    ),
    "content/briefings/draft-one.md": (
        "---\ntitle: Draft\ndate: 2026-01-01\nsummary: S.\nthemes: [neglect]\nstatus: draft\n"
        "format: standard\n---\n\nBody.\n"
    ),
}

EVIDENCE_ERRORS = """\
---
title: Child B
type: rapid-review
themes: [neglect]
notified: 2026-01-05
completed: 2026-01-20
actions:
  - id: B1
    action: No impact yet.
    owner: health
    due: 2026-03-31
    status: complete
    completed: 2026-03-20
    evidence: behaviour
  - id: B2
    action: A misspelt level.
    owner: health
    due: 2026-03-31
    status: complete
    completed: 2026-03-20
    impact: Something.
    evidence: behavior
  - id: B3
    action: Re-audit too early.
    owner: health
    due: 2026-03-31
    status: complete
    completed: 2026-03-20
    impact: Something.
    reaudit: 2026-03-01
---

Text.
"""

F3 = "data/feedback/2025-26-q3.csv"
EXPECTED_ERRORS = [
    "data/feedback/notes.txt: error: a feedback file must be a .csv file named by its period,"
    " e.g. 2018-19-q3.csv",
    "data/feedback/2026-q1.csv: error: file name must be a period id like 2018-19-q3.csv,"
    " got '2026-q1.csv'",
    "data/feedback/2025-26-q1.csv:1: error: the header must be"
    " 'briefing,agency,responses,useful,learned,changed_practice', got 'briefing,agency,responses'",
    "data/feedback/2025-26-q2.csv:1: error: the file is empty: expected the header"
    " 'briefing,agency,responses,useful,learned,changed_practice'",
    f"{F3}:2: error: unknown briefing 'neglect-toxic-trioo' (did you mean 'neglect-toxic-trio'?)",
    f"{F3}:3: error: unknown agency 'polise' (did you mean 'police'?)"
    " (leave the cell blank for answers that named no agency)",
    f"{F3}:4: error: 'useful' is 12, more than the 10 'responses':"
    " it counts how many of the answers said so",
    f"{F3}:5: error: 'responses' must be a whole number (0 or more), got 'ten'",
    f"{F3}:6: error: 'changed_practice' must be a whole number from 0 to 4, got '-1'",
    f"{F3}:8: error: duplicate row for briefing 'neglect-toxic-trio' and agency 'health'"
    " (first at line 7): give one row per briefing and agency",
    f"{F3}:10: error: duplicate row for briefing 'draft-one' and no agency (first at line 9):"
    " give one row per briefing and agency",
    f"{F3}:11: error: expected 6 columns"
    " (briefing,agency,responses,useful,learned,changed_practice), got 2",
    f"{F3}:12: error: the row has no briefing id in its first column",
    f"{F3}:13: error: 'learned' must be a whole number from 0 to 5, got '2.5'",
    f"{F3}:15: error: unknown briefing 'nope'",
    f"{F3}:15: error: unknown agency 'nobody' (leave the cell blank for answers that named no"
    " agency)",
    f"{F3}:15: error: 'responses' must be a whole number (0 or more), got 'x'",
    "data/feedback/2025-26-q4.csv:3: error: invalid CSV: a quote (\") is not closed,"
    " so the rest of the file is one cell",
    "content/reviews/rr-2026-01-child-b.md:14: error: action 'B1': 'evidence' says"
    " how far the 'impact' evidence reaches, and this action has no 'impact': say how we know"
    " it made a difference, or remove 'evidence'",
    "content/reviews/rr-2026-01-child-b.md:22: error: 'actions[1].evidence' must be one of"
    " 'reaction', 'learning', 'behaviour' or 'results', got 'behavior' (did you mean"
    " 'behaviour'?)",
    "content/reviews/rr-2026-01-child-b.md:30: error: action 'B3': 'reaudit' (2026-03-01) is"
    " before 'completed' (2026-03-20): a re-audit checks that a change has held, so it comes"
    " after the action is complete",
]


def test_every_feedback_error_in_one_pass(make_project) -> None:
    root = make_project({**BAD_FEEDBACK, "content/reviews/rr-2026-01-child-b.md": EVIDENCE_ERRORS})
    result = run_hub_in_process(root, "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for expected in EXPECTED_ERRORS:
        assert expected in lines, "\n".join(lines)
    assert lines[-1] == f"hub check: {len(EXPECTED_ERRORS)} errors, 0 warnings", "\n".join(lines)


def test_feedback_files_pass_the_privacy_gate(make_project) -> None:
    root = make_project(
        {"data/feedback/2026-27-q1.csv": (
            "briefing,agency,responses,useful,learned,changed_practice\n"
            "neglect-toxic-trio,health,1,1,1,1\n"
            "neglect-toxic-trio,jo.bloggs@example.org,1,1,1,1\n"
        )}
    )
    result = run_hub_in_process(root, "check")
    assert result.returncode == 1
    found = [line for line in result.stdout.splitlines() if "email address" in line]
    assert found and found[0].startswith("data/feedback/2026-27-q1.csv:3: error: possible email")
    assert "jo.bloggs@example.org" not in result.stdout


def test_check_and_build_refuse_a_form_address_that_is_not_a_web_address(
    tmp_path: Path,
) -> None:
    root = write_feedback_corpus(tmp_path / "project", form="javascript:alert(1)")
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  hub_feedback_url: javascript:alert(1)") + 1
    expected = (
        f"mkdocs.yml:{line}: error: extra.hub_feedback_url must start with https://"
        " (the partnership's own form), got 'javascript:alert(1)'"
    )
    check = run_hub(root, "check", "--as-of", AS_OF)
    assert (check.returncode, check.stdout.splitlines()) == (
        1, [expected, "hub check: 1 error, 0 warnings"]
    )
    result = run_hub(root, "build", "--site-dir", str(tmp_path / "site"), "--as-of", AS_OF)
    assert result.returncode == 1
    assert expected in result.stdout.splitlines()
    assert not (tmp_path / "site").exists()


def test_report_without_answers_says_so(make_project) -> None:
    report = "---\nperiod: 2026-27-q1\nmeeting_date: 2026-08-10\nauthor: Unit\n---\n\nHi.\n"
    root = make_project({"content/reports/2026-27-q1.md": report})
    page = {o.path: o.content for o in _prepare(root, "").outputs}["reports/2026-27-q1.md"]
    assert "**Briefings published in the period**: 0." in page
    assert "**Practitioners' answers in the period**: none were recorded." in page
    assert "- **Practitioners' answers about briefings**: none recorded (see 4.2)." in page
    # Child A's A1 was completed on 20 March 2026 (Q4 2025/26): none in Q1, one by its end.
    assert "| Impact described, level not given | 0 | 1 |" in page
