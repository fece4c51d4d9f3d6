"""`hub check` as an author runs it: one bad input per case, through the real CLI.

Each case starts from the small valid corpus of conftest.py, breaks one thing, and asserts the
exit code, every `path:line: severity: message` line exactly, the summary, that no traceback
appears and that personal data found by the privacy gate is never echoed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from conftest import AS_OF, BRIEFING, INDICATORS, MINIMAL_FILES, REVIEW, TAXONOMY, run_hub

B = "content/briefings/neglect-toxic-trio.md"
R = "content/reviews/rr-2026-01-child-a.md"
SC = "data/scorecard/2026-27-q1.csv"
VOICES = "data/voices.yaml"
FIX = "(remove it, or add the exact text to privacy_allow in data/taxonomy.yaml if it is public)"
SEVEN_SECTIONS_TAIL = "".join(f"\n\n## Section {i}\n\nText of section {i}." for i in range(4, 8))
REPORT = "---\nperiod: 2026-27-q1\nmeeting_date: 2026-08-01\nauthor: Chair\n---\n\nIntroduction.\n"


def briefing(old: str, new: str) -> str:
    """The valid briefing with one piece of text replaced."""
    assert old in BRIEFING
    return BRIEFING.replace(old, new, 1)


def review(old: str, new: str) -> str:
    assert old in REVIEW
    return REVIEW.replace(old, new, 1)


def voices(old: str, new: str) -> str:
    text = MINIMAL_FILES[VOICES]
    assert old in text
    return text.replace(old, new, 1)


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | None]
    lines: list[str]  # every problem line, in output order
    exit: int = 1
    args: tuple[str, ...] = ()
    secrets: tuple[str, ...] = ()  # text that must never appear in the output
    env: dict[str, str] = field(default_factory=dict)


CASES = [
    # -- files that cannot be read as text, front matter or YAML ----------------------------
    Case(
        "yaml-syntax-colon",
        {B: briefing("title: Neglect and the toxic trio", "title: Neglect: the toxic trio")},
        [f"{B}:2: error: invalid YAML: a value containing ': ' must be in quotes"],
    ),
    Case(
        "yaml-tab-indentation",
        {B: briefing("audience: [health]", "audience:\n\t- health")},
        [f"{B}:7: error: invalid YAML: a tab character; indent with spaces, not tabs"],
    ),
    Case(
        "yaml-unclosed-bracket",
        {B: briefing("themes: [neglect]", "themes: [neglect")},
        [f"{B}:6: error: invalid YAML: a list in [brackets] is not closed with ']'"],
    ),
    Case(
        "yaml-unclosed-quote-in-the-title",
        {B: briefing("title: Neglect and the toxic trio", 'title: "Neglect and the toxic trio')},
        [
            f'{B}:2: error: invalid YAML: the quote " opened on this line is not closed:'
            ' end the text with " on the same line'
        ],
    ),
    Case(
        "five-mistakes-in-one-briefing-all-reported-in-one-run",
        {
            B: "---\ntitle: A new briefing\ndate: 2026-13-01\n"
            "summary: Call 0161 496 0000 for advice.\nthemes: [negelct]\n"
            "audience: [health-visitors]\n---\n\n## One\n\ntext\n\n## Two\n\ntext\n"
        },
        [
            f"{B}:3: error: 'date': '2026-13-01' is not a real date",
            f"{B}:4: error: possible phone number '01** *** ****' {FIX}",
            f"{B}:5: error: unknown theme 'negelct' (did you mean 'neglect'?)",
            f"{B}:6: error: unknown audience 'health-visitors' (did you mean 'health'?)",
            f"{B}:9: error: a seven-minute briefing has exactly 7 '##' sections, this one has 2"
            " (or set 'format: standard')",
        ],
        secrets=("0161 496 0000",),
    ),
    Case(
        "a-review-with-a-bad-date-still-gets-its-theme-checked",
        {R: review("notified: 2026-01-05", "notified: 5 January").replace(
            "themes: [neglect]", "themes: [neglect, nope]")},
        [
            f"{R}:4: error: unknown theme 'nope'; valid ids are 'neglect', 'csa-cse',"
            " 'early-help' (see data/taxonomy.yaml)",
            f"{R}:6: error: 'notified': expected a date YYYY-MM-DD, got '5 January'",
        ],
    ),
    Case(
        "non-utf8-bytes",
        {B: BRIEFING.encode().replace(b"Text of section 3", b"Caf\xe9 of section 3")},
        [f"{B}:21: error: file is not UTF-8 text (byte 0xe9); save it as UTF-8"],
    ),
    Case(
        "missing-front-matter",
        {B: "# Neglect\n\nNo front matter here.\n"},
        [
            f"{B}:1: error: missing front matter: start the file with a line '---', then the"
            " fields, then '---'"
        ],
    ),
    Case(
        "unclosed-front-matter",
        {B: BRIEFING.replace("---\n\n## Section 1", "\n## Section 1")},
        [f"{B}:1: error: front matter is not closed: add a line '---' after it"],
    ),
    Case(
        "empty-front-matter",
        {B: "---\n---\n\n" + BRIEFING.split("---\n", 2)[2]},
        [
            f"{B}:1: error: missing required field 'title'",
            f"{B}:1: error: missing required field 'date'",
            f"{B}:1: error: missing required field 'summary'",
            f"{B}:1: error: missing required field 'themes'",
        ],
    ),
    Case(
        "front-matter-is-text",
        {B: "---\njust a sentence\n---\n\nBody.\n"},
        [f"{B}:2: error: the front matter must be 'key: value' fields, got 'just a sentence'"],
    ),
    # -- wrong types and values --------------------------------------------------------------
    Case(
        "themes-as-mapping",
        {B: briefing("themes: [neglect]", "themes: {neglect: yes}")},
        [f"{B}:5: error: 'themes' must be a list, got a mapping (key: value fields)"],
    ),
    Case(
        "title-as-list",
        {B: briefing("title: Neglect and the toxic trio", "title: [Neglect, toxic trio]")},
        [f"{B}:2: error: 'title' must be text, got a list"],
    ),
    Case(
        "title-without-value",
        {B: briefing("title: Neglect and the toxic trio", "title:")},
        [f"{B}:2: error: 'title' has no value: write one"],
    ),
    Case(
        "target-as-text",
        {"data/indicators.yaml": INDICATORS.replace("target: 20.0", "target: twenty")},
        [
            "data/indicators.yaml:6: error: indicator 'rereferrals_12m': 'target' must be a"
            " number, got 'twenty'"
        ],
    ),
    Case(
        "impossible-date",
        {B: briefing("date: 2026-01-15", "date: 2024-02-30")},
        [f"{B}:3: error: 'date': '2024-02-30' is not a real date"],
    ),
    Case(
        "non-date-text",
        {B: briefing("date: 2026-01-15", "date: next week")},
        [f"{B}:3: error: 'date': expected a date YYYY-MM-DD, got 'next week'"],
    ),
    Case(
        "format-misspelt",
        {B: briefing("themes: [neglect]", "themes: [neglect]\nformat: seven")},
        [
            f"{B}:6: error: 'format' must be one of 'seven-minute' or 'standard', got 'seven'"
            " (did you mean 'seven-minute'?)"
        ],
    ),
    Case(
        "theme-not-an-id",
        {B: briefing("themes: [neglect]", "themes: [Neglect]")},
        [
            f"{B}:5: error: 'themes[0]' must be an id of lowercase letters, digits and hyphens,"
            " got 'Neglect'"
        ],
    ),
    # -- fields ------------------------------------------------------------------------------
    Case(
        "missing-required-field",
        {B: briefing("summary: What practitioners should know about neglect.\n", "")},
        [f"{B}:1: error: missing required field 'summary'"],
    ),
    Case(
        "unknown-field-did-you-mean",
        {B: briefing("audience: [health]", "audience: [health]\nreview_date: 2027-01-01")},
        [f"{B}:7: error: unknown field 'review_date' (did you mean 'review_by'?)"],
    ),
    Case(
        "duplicate-yaml-key",
        {B: briefing("audience: [health]", "audience: [health]\ntitle: Again")},
        [f"{B}:7: error: duplicate field 'title' (first at line 2): give each field once"],
    ),
    Case(
        "summary-over-300",
        {B: briefing("What practitioners should know about neglect.", "x" * 301)},
        [f"{B}:4: error: 'summary' is 301 characters; at most 300 are allowed"],
    ),
    # -- unknown ids -------------------------------------------------------------------------
    Case(
        "unknown-theme",
        {B: briefing("themes: [neglect]", "themes:\n  - neglect\n  - negelct")},
        [f"{B}:7: error: unknown theme 'negelct' (did you mean 'neglect'?)"],
    ),
    Case(
        "unknown-audience",
        {B: briefing("audience: [health]", "audience: [helth]")},
        [f"{B}:6: error: unknown audience 'helth' (did you mean 'health'?)"],
    ),
    Case(
        "unknown-agency",
        {B: briefing("agencies: [police]", "agencies: [polise]")},
        [f"{B}:7: error: unknown agency 'polise' (did you mean 'police'?)"],
    ),
    Case(
        "unknown-review",
        {B: briefing("reviews: [rr-2026-01-child-a]", "reviews: [rr-2026-01-child-b]")},
        [f"{B}:8: error: unknown review 'rr-2026-01-child-b' (did you mean 'rr-2026-01-child-a'?)"],
    ),
    Case(
        "unknown-owner",
        {R: review("owner: education", "owner: educaton")},
        [
            f"{R}:21: error: action 'A2': unknown owner agency 'educaton'"
            " (did you mean 'education'?)"
        ],
    ),
    Case(
        "unknown-measure",
        {R: review("measure: rereferrals_12m", "measure: rereferals_12m")},
        [
            f"{R}:18: error: action 'A1': unknown indicator 'rereferals_12m'"
            " (did you mean 'rereferrals_12m'?)"
        ],
    ),
    # -- review actions ------------------------------------------------------------------------
    Case(
        "duplicate-action-id",
        {R: review("id: A2", "id: A1")},
        [
            f"{R}:19: error: duplicate action id 'A1' in this review (first at line 11):"
            " give each action its own id"
        ],
    ),
    Case(
        "completed-on-open-action",
        {R: review("status: in-progress", "status: in-progress\n    completed: 2026-05-01")},
        [
            f"{R}:24: error: action 'A2': 'completed' is only for complete actions, and this"
            " one's status is 'in-progress': remove 'completed' or set 'status: complete'"
        ],
    ),
    Case(
        "complete-without-date",
        {R: review("    completed: 2026-03-20\n", "")},
        [f"{R}:15: error: action 'A1': a complete action needs its 'completed' date (YYYY-MM-DD)"],
    ),
    # -- seven-minute briefings ----------------------------------------------------------------
    Case(
        "seven-minute-with-six-sections",
        {B: briefing("## Section 7", "Section 7")},
        [
            f"{B}:11: error: a seven-minute briefing has exactly 7 '##' sections, this one has 6"
            " (or set 'format: standard')"
        ],
    ),
    Case(
        "seven-minute-with-eight-sections",
        {B: BRIEFING + "\n## Section 8\n\nMore.\n"},
        [
            f"{B}:39: error: a seven-minute briefing has exactly 7 '##' sections, this one has 8"
            " (or set 'format: standard')"
        ],
    ),
    Case(
        "seven-minute-over-1400-words-strict",
        {B: BRIEFING + "word " * 1400},
        [
            f"{B}:10: warning: a seven-minute briefing reads in seven minutes, at most 1,400"
            " words; this one has 1,449 (shorten it, or set 'format: standard')"
        ],
        args=("--strict",),
    ),
    Case(
        "seven-minute-over-1400-words-lenient",
        {B: BRIEFING + "word " * 1400},
        [
            f"{B}:10: warning: a seven-minute briefing reads in seven minutes, at most 1,400"
            " words; this one has 1,449 (shorten it, or set 'format: standard')"
        ],
        exit=0,
    ),
    # -- report narratives ---------------------------------------------------------------------
    Case(
        "report-period-not-stem",
        {
            "content/reports/2026-27-q1.md": REPORT.replace(
                "period: 2026-27-q1", "period: 2026-27-q2"
            )
        },
        [
            "content/reports/2026-27-q1.md:2: error: 'period' is '2026-27-q2' but the file is"
            " named '2026-27-q1.md'; they must match"
        ],
    ),
    Case(
        "report-bad-period-id",
        {"content/reports/2026-q1.md": REPORT.replace("period: 2026-27-q1", "period: 2026-q1")},
        [
            "content/reports/2026-q1.md:2: error: 'period': expected a period like 2018-19-q3,"
            " got '2026-q1'"
        ],
    ),
    Case(
        "report-unknown-section",
        {"content/reports/2026-27-q1.md": REPORT + "\n## Doing Well\n\nText.\n"},
        [
            "content/reports/2026-27-q1.md:9: error: unknown section '## Doing Well' (did you"
            " mean 'Doing well'?); the sections are 'Doing well', 'Further exploration',"
            " 'Qualitative evidence', 'Horizon scanning', 'Recommendations'"
        ],
    ),
    Case(
        "report-repeated-section",
        {
            "content/reports/2026-27-q1.md": REPORT
            + "\n## Recommendations\n\nOne.\n\n## Recommendations\n\nTwo.\n"
        },
        [
            "content/reports/2026-27-q1.md:13: error: section '## Recommendations' appears twice"
            " (first at line 9): merge them into one"
        ],
    ),
    Case(
        "report-poor-performance",
        {"content/reports/2026-27-q1.md": REPORT + "\n## Doing well\n\nNo poor performance.\n"},
        [
            "content/reports/2026-27-q1.md:11: warning: reports say 'areas for further"
            " exploration', not 'poor performance'"
        ],
        args=("--strict",),
    ),
    # -- scorecards ------------------------------------------------------------------------------
    Case(
        "scorecard-unknown-indicator",
        {SC: "indicator,value,note\nrereferals_12m,21.0,\n"},
        [f"{SC}:2: error: unknown indicator 'rereferals_12m' (did you mean 'rereferrals_12m'?)"],
    ),
    Case(
        "scorecard-duplicate-row",
        {SC: "indicator,value,note\nrereferrals_12m,21.0,\ncin_rate,340,\nrereferrals_12m,22,\n"},
        [
            f"{SC}:4: error: duplicate row for indicator 'rereferrals_12m' (first at line 2):"
            " give one row per indicator"
        ],
    ),
    Case(
        "scorecard-non-numeric-value",
        {SC: "indicator,value,note\nrereferrals_12m,21%,\n"},
        [
            f"{SC}:2: error: the value for 'rereferrals_12m' must be a number, got '21%' (write"
            " the number alone, e.g. 21.5, or leave it blank for no data)"
        ],
    ),
    Case(
        "scorecard-name-not-period",
        {"data/scorecard/Q1 2026.csv": "indicator,value,note\n"},
        [
            "data/scorecard/Q1 2026.csv: error: file name must be a period id like"
            " 2018-19-q3.csv, got 'Q1 2026.csv'"
        ],
    ),
    Case(
        "scorecard-bad-header",
        {SC: "indicator,val,note\nrereferrals_12m,21.0,\n"},
        [
            f"{SC}:1: error: the header must be 'indicator,value' or 'indicator,value,note',"
            " got 'indicator,val,note'"
        ],
    ),
    Case(
        "scorecard-unclosed-quote",
        {SC: 'indicator,value,note\nrereferrals_12m,21.0,"rising\ncin_rate,340,\n'},
        [
            f'{SC}:2: error: invalid CSV: a quote (") is not closed, so the rest of the file is'
            " one cell"
        ],
    ),
    # -- indicators, voices, taxonomy -----------------------------------------------------
    Case(
        "indicator-bad-unit",
        {"data/indicators.yaml": INDICATORS.replace("unit: percent", "unit: percentage")},
        [
            "data/indicators.yaml:4: error: indicator 'rereferrals_12m': 'unit' must be one of"
            " 'percent', 'rate_per_10k', 'count' or 'days', got 'percentage'"
            " (did you mean 'percent'?)"
        ],
    ),
    Case(
        "indicator-duplicate-id",
        {
            "data/indicators.yaml": INDICATORS
            + "- id: cin_rate\n  name: Again\n  priority: neglect\n  unit: count\n"
            "  polarity: context\n"
        },
        ["data/indicators.yaml:16: error: duplicate indicator id 'cin_rate' (first at line 10)"],
    ),
    Case(
        "voice-bad-kind",
        {VOICES: voices("voice: child", "voice: parent")},
        [
            f"{VOICES}:2: error: voice 1: 'voice' must be one of 'child', 'family' or"
            " 'professional', got 'parent'"
        ],
    ),
    Case(
        "voice-unknown-theme",
        {VOICES: voices("themes: [neglect]", "themes: [negelct]")},
        [f"{VOICES}:3: error: unknown theme 'negelct' (did you mean 'neglect'?)"],
    ),
    Case(
        "taxonomy-missing-priorities",
        {"data/taxonomy.yaml": TAXONOMY.replace("priorities:", "priorites:")},
        [
            "data/taxonomy.yaml:1: error: missing required field 'priorities'",
            "data/taxonomy.yaml:1: error: unknown field 'priorites' (did you mean 'priorities'?)",
        ],
    ),
    Case(
        "taxonomy-bad-priority-kind",
        {"data/taxonomy.yaml": TAXONOMY.replace("kind: assurance", "kind: assured")},
        [
            "data/taxonomy.yaml:4: error: 'priorities[2].kind' must be one of 'themed' or"
            " 'assurance', got 'assured' (did you mean 'assurance'?)"
        ],
    ),
    # -- file names ------------------------------------------------------------------------------
    Case(
        "file-name-not-a-slug",
        {B: None, "content/briefings/Neglect Toxic Trio.md": BRIEFING},
        [
            "content/briefings/Neglect Toxic Trio.md: error: file name must be lowercase letters,"
            " digits and hyphens (e.g. 'neglect-toxic-trio.md'): it is the page's address"
        ],
    ),
    # -- privacy gate: in every place a text can be, masked ----------------------------------
    Case(
        "privacy-nhs-number-in-briefing-body",
        {B: BRIEFING + "\nChild A (NHS 943 476 5919) was seen.\n"},
        [f"{B}:39: error: possible NHS number '94* *** ****' {FIX}"],
        secrets=("943 476 5919", "9434765919"),
    ),
    Case(
        "privacy-ni-number-in-voice-quote",
        {VOICES: voices("I wish someone had asked me sooner.", "My number is AB 12 34 56 C.")},
        [f"{VOICES}:4: error: possible National Insurance number 'AB ** ** ** *' {FIX}"],
        secrets=("AB 12 34 56 C",),
    ),
    Case(
        "privacy-postcode-in-scorecard-note",
        {SC: "indicator,value,note\nrereferrals_12m,21.0,cluster around M6 5PQ\ncin_rate,340,\n"},
        [f"{SC}:2: error: possible postcode 'M6 ***' {FIX}"],
        secrets=("M6 5PQ",),
    ),
    Case(
        "privacy-email-in-free-page",
        {"content/about.md": "# About\n\nWrite to jo.bloggs@gmail.com for help.\n"},
        [f"content/about.md:3: error: possible email address 'jo.******@*****.***' {FIX}"],
        secrets=("jo.bloggs@gmail.com", "bloggs"),
    ),
    Case(
        "privacy-phone-in-draft",
        {
            B: briefing("themes: [neglect]", "themes: [neglect]\nstatus: draft")
            + "\nCall 07700 900123.\n"
        },
        [f"{B}:40: error: possible phone number '07*** ******' {FIX}"],
        secrets=("07700 900123", "900123"),
    ),
    Case(
        "privacy-date-of-birth-in-front-matter",
        {
            B: briefing(
                "What practitioners should", "Child A (born 1 May 2015) what practitioners should"
            )
        },
        [f"{B}:4: error: possible date of birth '1 M** ****' {FIX}"],
        secrets=("1 May 2015", "May 2015"),
    ),
    Case(
        "privacy-email-in-a-field-value-is-not-echoed",
        {B: briefing("themes: [neglect]", "themes: [neglect, jo@gmail.com]")},
        [
            f"{B}:5: error: possible email address 'jo@*****.***' {FIX}",
            f"{B}:5: error: 'themes[1]' must be an id of lowercase letters, digits and hyphens,"
            " got [withheld: looks like an email address]",
        ],
        secrets=("jo@gmail.com",),
    ),
    Case(
        "privacy-nhs-number-in-scorecard-indicator",
        {SC: "indicator,value,note\n943 476 5919,,\n"},
        [
            f"{SC}:2: error: possible NHS number '94* *** ****' {FIX}",
            f"{SC}:2: error: unknown indicator [withheld: looks like an NHS number];"
            " valid ids are 'cin_rate', 'rereferrals_12m' (see data/indicators.yaml)",
        ],
        secrets=("943 476 5919",),
    ),
]


def _summary(lines: list[str]) -> str:
    errors = sum(": error: " in line for line in lines)
    warnings = sum(": warning: " in line for line in lines)
    if not errors and not warnings:
        return "hub check: no problems found"

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    return f"hub check: {plural(errors, 'error')}, {plural(warnings, 'warning')}"


def test_cases_are_distinct_and_many() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(make_project, case: Case) -> None:
    root = make_project(case.files)
    result = run_hub(root, "check", "--as-of", AS_OF, *case.args, env=case.env or None)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.stdout.splitlines() == [*case.lines, _summary(case.lines)]
    assert result.returncode == case.exit, output
    for secret in case.secrets:
        assert secret not in output


def test_valid_corpus_passes_strict(make_project) -> None:
    result = run_hub(make_project(), "check", "--strict", "--as-of", AS_OF)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "hub check: no problems found\n",
        "",
    )


def test_problems_sorted_by_file_then_line_with_summary(make_project) -> None:
    root = make_project(
        {
            SC: "indicator,value,note\nnope,1,\n",
            B: briefing("themes: [neglect]", "themes: [negelct]")
            + "\n## Section 8\n\n"
            + "word " * 1400,
            R: review("owner: education", "owner: educaton"),
            "content/about.md": "Mail jo.bloggs@gmail.com\n",
        }
    )
    result = run_hub(root, "check", "--as-of", AS_OF)
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "content/about.md:1",
        f"{B}:5",
        f"{B}:10",
        f"{B}:39",
        f"{R}:21",
        f"{SC}:2",
    ]
    assert lines[-1] == "hub check: 5 errors, 1 warning"
    assert result.returncode == 1


# -- usage errors: exit 2 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("check", "--bogus"), None, "hub: error: unrecognized arguments: --bogus"),
        (
            ("check", "--as-of", "2026-02-30"),
            None,
            "hub: error: invalid --as-of date '2026-02-30': expected a real date YYYY-MM-DD,"
            " e.g. 2026-11-26",
        ),
        (
            ("check", "--as-of", "26/11/2026"),
            None,
            "hub: error: invalid --as-of date '26/11/2026': expected a real date YYYY-MM-DD,"
            " e.g. 2026-11-26",
        ),
        (
            ("check",),
            {"HUB_AS_OF": "tomorrow"},
            "hub: error: invalid HUB_AS_OF date 'tomorrow': expected a real date YYYY-MM-DD,"
            " e.g. 2026-11-26",
        ),
    ],
    ids=["unknown-option", "impossible-as-of", "non-iso-as-of", "invalid-HUB_AS_OF"],
)
def test_usage_errors_exit_2(make_project, args, env, message) -> None:
    result = run_hub(make_project(), *args, env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == message
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_hub_as_of_from_environment_is_used(make_project) -> None:
    result = run_hub(make_project(), "check", "--strict", env={"HUB_AS_OF": AS_OF})
    assert (result.returncode, result.stdout) == (0, "hub check: no problems found\n")


# -- near misses pass ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        {B: BRIEFING + "\nReference 943 476 5918 is not an NHS number (wrong check digit).\n"},
        {SC: "indicator,value,note\nrereferrals_12m,21.0,most referrals came from near the M6\n"},
        {B: BRIEFING + "\nThe review met on 12/03/2015 and reported on 1 May 2015.\n"},
        {
            B: briefing("themes: [neglect]", "themes: [neglect]\nformat: standard").replace(
                SEVEN_SECTIONS_TAIL, ""
            )
        },
        {"content/about.md": "Write to hub@northbridge.example (allowed in privacy_allow).\n"},
    ],
    ids=[
        "nhs-wrong-check-digit",
        "outward-code-alone",
        "date-not-of-birth",
        "standard-3-sections",
        "privacy-allow-address",
    ],
)
def test_near_misses_pass(make_project, files) -> None:
    result = run_hub(make_project(files), "check", "--strict", "--as-of", AS_OF)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "hub check: no problems found\n",
        "",
    )
