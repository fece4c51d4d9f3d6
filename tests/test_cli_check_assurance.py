"""`hub check` on data/assurance.yaml, data/assurance/<period>.csv and the taxonomy's
sub-groups: one bad input per case, through the real CLI, every line asserted exactly."""

from __future__ import annotations

import pytest
from assurance_corpus import FILES, Q2, QUESTIONS, SUBGROUPS, A
from conftest import AS_OF, TAXONOMY, run_hub
from test_cli_check import FIX, Case, _summary

T = "data/taxonomy.yaml"
JUDGEMENTS = "'assured', 'partly-assured', 'not-assured' or 'not-tested'"


def edit(path: str, old: str, new: str) -> str:
    """The corpus file `path` with one piece of text replaced."""
    text = FILES[path]
    assert old in text, (path, old)
    return text.replace(old, new, 1)


CASES = [
    # -- data/assurance/<period>.csv -------------------------------------------------------------
    Case(
        "unknown-question",
        {Q2: edit(Q2, "n-gcp2,assured", "n-gcp,assured")},
        [f"{Q2}:2: error: unknown question 'n-gcp' (did you mean 'n-gcp2'?)"],
    ),
    Case(
        "unknown-judgement",
        {Q2: edit(Q2, "n-gcp2,assured", "n-gcp2,asured")},
        [
            f"{Q2}:2: error: the judgement for 'n-gcp2' must be {JUDGEMENTS}, got 'asured'"
            " (did you mean 'assured'?)"
        ],
    ),
    Case(
        "capitalised-judgement",
        {Q2: edit(Q2, "n-drift,partly-assured", "n-drift,Partly-assured")},
        [
            f"{Q2}:3: error: the judgement for 'n-drift' must be {JUDGEMENTS},"
            " got 'Partly-assured' (did you mean 'partly-assured'?)"
        ],
    ),
    Case(
        "blank-judgement",
        {Q2: edit(Q2, "n-drift,partly-assured,", "n-drift,,")},
        [f"{Q2}:3: error: the judgement for 'n-drift' must be {JUDGEMENTS}, got nothing"],
    ),
    Case(
        "duplicate-row",
        {Q2: FILES[Q2] + "n-gcp2,not-assured,\n"},
        [
            f"{Q2}:7: error: duplicate row for question 'n-gcp2' (first at line 2):"
            " give one row per question"
        ],
    ),
    Case(
        "file-name-not-a-period",
        {"data/assurance/Q1 2026.csv": "question,judgement,note\n"},
        [
            "data/assurance/Q1 2026.csv: error: file name must be a period id like"
            " 2018-19-q3.csv, got 'Q1 2026.csv'"
        ],
    ),
    Case(
        "not-a-csv-file",
        {"data/assurance/2026-27-q3.txt": "question,judgement,note\n"},
        [
            "data/assurance/2026-27-q3.txt: error: a judgements file must be a .csv file named"
            " by its period, e.g. 2018-19-q3.csv"
        ],
    ),
    Case(
        "bad-header",
        {Q2: edit(Q2, "question,judgement,note", "question,value,note")},
        [f"{Q2}:1: error: the header must be 'question,judgement,note', got 'question,value,note'"],
    ),
    Case(
        "empty-file",
        {Q2: ""},
        [f"{Q2}:1: error: the file is empty: expected the header 'question,judgement,note'"],
    ),
    Case(
        "too-many-columns",
        {Q2: edit(Q2, "n-drift,partly-assured,", "n-drift,partly-assured,late, again")},
        [
            f"{Q2}:3: error: expected 3 columns, got 4"
            ' (put a note containing commas in "double quotes")'
        ],
    ),
    Case(
        "no-question-id",
        {Q2: edit(Q2, "n-drift,partly-assured,", ",partly-assured,")},
        [f"{Q2}:3: error: the row has no question id in its first column"],
    ),
    Case(
        "privacy-postcode-in-note",
        {Q2: edit(Q2, "n-drift,partly-assured,", "n-drift,partly-assured,cluster near M6 5PQ")},
        [f"{Q2}:3: error: possible postcode 'M6 ***' {FIX}"],
        secrets=("M6 5PQ",),
    ),
    # -- data/assurance.yaml ---------------------------------------------------------------------
    Case(
        "unknown-subgroup",
        {A: edit(A, "subgroup: neglect-sg", "subgroup: neglect-s")},
        [
            f"{A}:2: error: question 'n-gcp2': unknown sub-group 'neglect-s'"
            " (did you mean 'neglect-sg'?)"
        ],
    ),
    Case(
        "taxonomy-lists-no-subgroups",
        {T: TAXONOMY},
        [
            f"{A}:{line}: error: question '{qid}': unknown sub-group '{sid}':"
            " data/taxonomy.yaml lists no subgroups (add 'subgroups: [{id, name}]')"
            for line, qid, sid in [
                (2, "n-gcp2", "neglect-sg"),
                (7, "n-drift", "neglect-sg"),
                (11, "n-super", "neglect-sg"),
                (14, "n-voice", "neglect-sg"),
                (18, "e-step", "early-sg"),
            ]
        ],
    ),
    Case(
        "unknown-priority",
        {A: edit(A, "priority: neglect", "priority: neglet")},
        [f"{A}:3: error: question 'n-gcp2': unknown priority 'neglet' (did you mean 'neglect'?)"],
    ),
    Case(
        "unknown-evidence",
        {A: edit(A, "rr-2026-01-child-a", "rr-2026-01-child-b")},
        [
            f"{A}:5: error: question 'n-gcp2': unknown evidence 'rr-2026-01-child-b': expected"
            " an indicator, review or briefing id (did you mean 'rr-2026-01-child-a'?)"
        ],
    ),
    Case(
        "duplicate-question-id",
        {A: QUESTIONS + "- id: e-step\n  subgroup: early-sg\n  question: Asked twice?\n"},
        [f"{A}:22: error: duplicate question id 'e-step' (first at line 17)"],
    ),
    Case(
        # The invalid question's rows in three CSVs are not reported again as unknown.
        "missing-question-text",
        {A: edit(A, "  question: How do we know the Graded Care Profile 2 is used?\n", "")},
        [f"{A}:1: error: question 'n-gcp2': missing required field 'question'"],
    ),
    Case(
        "unknown-field",
        {A: edit(A, "  evidence: [rereferrals_12m]", "  evidenc: [rereferrals_12m]")},
        [f"{A}:21: error: question 'e-step': unknown field 'evidenc' (did you mean 'evidence'?)"],
    ),
    Case(
        "not-a-list",
        {A: "id: n-gcp2\nsubgroup: neglect-sg\n"},
        [
            f"{A}:1: error: expected a list of questions (each starting '- '),"
            " got a mapping (key: value fields)"
        ],
    ),
    Case(
        "privacy-email-in-question",
        {A: edit(A, "children are heard?", "children are heard? Ask jo.bloggs@gmail.com")},
        [
            f"{A}:16: error: possible email address 'jo.******@*****.***' {FIX}",
        ],
        secrets=("jo.bloggs@gmail.com",),
    ),
    # -- data/taxonomy.yaml ----------------------------------------------------------------------
    Case(
        "duplicate-subgroup-id",
        {T: TAXONOMY + SUBGROUPS + "  - {id: early-sg, name: Early Help again}\n"},
        [f"{T}:17: error: duplicate id 'early-sg' in subgroups"],
    ),
    Case(
        "subgroup-without-name",
        {T: TAXONOMY + SUBGROUPS.replace(", name: Early Help Sub-group", "")},
        [f"{T}:16: error: missing required field 'subgroups[1].name'"],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(make_project, case: Case) -> None:  # noqa: ANN001
    result = run_hub(make_project({**FILES, **case.files}), "check", "--as-of", AS_OF)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.stdout.splitlines() == [*case.lines, _summary(case.lines)]
    assert result.returncode == case.exit, output
    for secret in case.secrets:
        assert secret not in output


def test_valid_corpus_passes_strict(make_project) -> None:  # noqa: ANN001
    result = run_hub(make_project(FILES), "check", "--strict", "--as-of", AS_OF)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "hub check: no problems found\n",
        "",
    )


def test_every_problem_in_one_pass(make_project) -> None:  # noqa: ANN001
    files = {
        A: edit(A, "priority: neglect", "priority: neglet"),
        Q2: edit(Q2, "n-gcp2,assured", "n-gcp2,asured"),
        "data/assurance/2026-27-q1.csv": FILES["data/assurance/2026-27-q1.csv"] + "zz,assured,\n",
    }
    result = run_hub(make_project({**FILES, **files}), "check", "--as-of", AS_OF)
    assert [line.split(": error")[0] for line in result.stdout.splitlines()[:-1]] == [
        f"{A}:3",
        "data/assurance/2026-27-q1.csv:6",
        f"{Q2}:2",
    ]
