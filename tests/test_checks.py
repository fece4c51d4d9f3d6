"""checks.py: rules across files (ids, seven-minute structure, report wording)."""

from __future__ import annotations

import pytest
from conftest import BRIEFING, REVIEW

from site_builder.pipeline import check

B = "content/briefings/neglect-toxic-trio.md"
R = "content/reviews/rr-2026-01-child-a.md"
NARRATIVE = "content/reports/2026-27-q1.md"
REPORT = "---\nperiod: 2026-27-q1\nmeeting_date: 2026-08-01\nauthor: Chair\n---\n\nIntro.\n"


def lines(root) -> list[str]:
    _, problems = check(root)
    return [p.format() for p in problems.sorted()]


def body_with_words(count: int) -> str:
    """A valid briefing whose body has exactly `count` words (7 headings of 3 words each)."""
    head = BRIEFING.split("---\n", 2)
    sections = [f"## Section {i}\n\n" for i in range(1, 8)]
    filler = count - 7 * 3
    sections[0] += "word " * filler
    return f"---\n{head[1]}---\n\n" + "\n\n".join(sections)


@pytest.mark.parametrize(("words", "warned"), [(1400, False), (1401, True)])
def test_seven_minute_word_limit(make_project, words, warned) -> None:
    found = lines(make_project({B: body_with_words(words)}))
    assert bool(found) is warned
    if warned:
        assert found == [
            f"{B}:10: warning: a seven-minute briefing reads in seven minutes, at most 1,400"
            " words; this one has 1,401 (shorten it, or set 'format: standard')"
        ]


def test_standard_format_has_no_section_or_word_rule(make_project) -> None:
    text = BRIEFING.replace("themes: [neglect]", "themes: [neglect]\nformat: standard")
    assert lines(make_project({B: text.split("## Section 2")[0] + "word " * 2000})) == []


def test_section_count_points_at_format_when_written(make_project) -> None:
    text = BRIEFING.replace("themes: [neglect]", "themes: [neglect]\nformat: seven-minute")
    assert lines(make_project({B: text.replace("## Section 7", "Section 7")})) == [
        f"{B}:6: error: a seven-minute briefing has exactly 7 '##' sections, this one has 6"
        " (or set 'format: standard')"
    ]


def test_headings_in_code_fences_do_not_count(make_project) -> None:
    text = BRIEFING + "\n```\n## Not a section\n```\n"
    assert lines(make_project({B: text})) == []


def test_single_id_written_without_a_list(make_project) -> None:
    text = BRIEFING.replace("themes: [neglect]", "themes: negelct")
    assert lines(make_project({B: text})) == [
        f"{B}:5: error: unknown theme 'negelct' (did you mean 'neglect'?)"
    ]


def test_review_dates_in_order(make_project) -> None:
    text = REVIEW.replace("completed: 2026-01-20", "completed: 2026-01-01")
    assert lines(make_project({R: text})) == [
        f"{R}:7: error: 'completed' (2026-01-01) is before 'notified' (2026-01-05)"
    ]


def test_report_focus_must_be_a_priority(make_project) -> None:
    text = REPORT.replace("author: Chair", "author: Chair\nfocus: neglectt")
    assert lines(make_project({NARRATIVE: text})) == [
        f"{NARRATIVE}:5: error: unknown priority 'neglectt' (did you mean 'neglect'?)"
    ]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("We saw Poor Performance in one team.", "poor performance"),
        ("There are areas for improvement.", "areas for improvement"),
    ],
)
def test_discouraged_terms_warn(make_project, text, term) -> None:
    assert lines(make_project({NARRATIVE: REPORT + f"\n{text}\n"})) == [
        f"{NARRATIVE}:9: warning: reports say 'areas for further exploration', not '{term}'"
    ]


def test_discouraged_terms_need_whole_words(make_project) -> None:
    text = REPORT + "\nNo poor performances here; areas for further exploration only.\n"
    assert lines(make_project({NARRATIVE: text})) == []


def test_reference_checks_skip_when_taxonomy_is_broken(make_project) -> None:
    found = lines(make_project({"data/taxonomy.yaml": "priorities: [\n"}))
    assert found == [
        "data/taxonomy.yaml:2: error: invalid YAML: a value is missing (after '-', ',' or '[')"
    ]
