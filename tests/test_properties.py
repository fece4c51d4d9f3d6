"""Property-based tests: whatever an author writes, `check` reports problems and never raises.

In-process (`site_builder.pipeline.check`) on one temporary project per test: each example
overwrites one file of the small valid corpus with random front matter, YAML, text, bytes or
CSV, checks, and puts the file back.
"""

from __future__ import annotations

import csv
import io
import shutil
import string
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_FILES, REPO, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.pipeline import check

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

B = "content/briefings/neglect-toxic-trio.md"
R = "content/reviews/rr-2026-01-child-a.md"
REPORT = "content/reports/2026-27-q1.md"
SC = "data/scorecard/2026-27-q1.csv"
BODY = "\n\n".join(f"## Section {i}\n\nText of section {i}." for i in range(1, 8)) + "\n"

BRIEFING_FIELDS = {
    "title": "Neglect and the toxic trio",
    "date": "2026-01-15",
    "summary": "What practitioners should know.",
    "themes": ["neglect"],
    "audience": ["health"],
    "agencies": ["police"],
    "reviews": ["rr-2026-01-child-a"],
    "format": "seven-minute",
    "status": "published",
    "publish_from": "2026-01-01",
    "review_by": "2027-01-01",
    "visibility": "public",
    "tags": ["neglect"],
}
REVIEW_FIELDS = {
    "title": "Child A",
    "type": "rapid-review",
    "themes": ["neglect"],
    "agencies": ["police"],
    "notified": "2026-01-05",
    "completed": "2026-01-20",
    "learning": ["Curiosity."],
    "actions": [
        {
            "id": "A1",
            "action": "Train.",
            "owner": "health",
            "due": "2026-03-31",
            "status": "complete",
            "completed": "2026-03-20",
            "measure": "rereferrals_12m",
        },
    ],
}
REPORT_FIELDS = {
    "period": "2026-27-q1",
    "meeting_date": "2026-08-01",
    "author": "Chair",
    "focus": "neglect",
    "evidence": ["Audit"],
}

# -- strategies ---------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-01-15",
            "2024-02-30",
            "neglect",
            "negelct",
            "",
            "  ",
            "No",
            "~",
            "943 476 5919",
            "2026-27-q1",
            "complete",
            "draft",
            "internal",
        ]
    ),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


def front_matter(fields: dict) -> st.SearchStrategy[dict]:
    """A valid front matter dict, mutated: fields dropped, values replaced, keys added."""
    names = sorted(fields)
    return st.builds(
        _mutate,
        st.just(fields),
        st.sets(st.sampled_from(names), max_size=len(names)),
        st.dictionaries(st.sampled_from(names), yaml_values, max_size=4),
        st.dictionaries(st.text(max_size=15), yaml_values, max_size=3),
    )


def _mutate(fields: dict, dropped: set, replaced: dict, added: dict) -> dict:
    data = {k: v for k, v in fields.items() if k not in dropped}
    data.update(replaced)
    data.update(added)
    return data


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


csv_cells = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        [
            "rereferrals_12m",
            "cin_rate",
            "21.5",
            "nan",
            "inf",
            "1e400",
            "",
            " ",
            '"',
            "x,y",
            "indicator",
            "value",
            "note",
        ]
    ),
)
csv_rows = st.lists(st.lists(csv_cells, max_size=5), max_size=8)

# -- fixture and helpers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("props") / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_tree(root, {**MINIMAL_FILES, REPORT: dump_fm(REPORT_FIELDS, "Intro.\n")})
    return root


def dump_fm(data: object, body: str = BODY) -> str:
    return f"---\n{dump(data)}---\n\n{body}"


@contextmanager
def replaced(root: Path, rel: str, content: str | bytes) -> Iterator[None]:
    """`rel` holds `content` for the duration; then its original content (or nothing)."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    try:
        yield
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def checked(root: Path, rel: str, content: str | bytes):
    """Problems of the project with `rel` replaced; asserts every line points into its file."""
    with replaced(root, rel, content):
        _, problems = check(root)
        for problem in problems:
            assert problem.path and problem.message
            assert problem.severity in ("error", "warning")
            path = root / problem.path
            if problem.line is not None:
                assert path.is_file(), problem
                text = path.read_bytes().decode("utf-8", "replace")
                # Lines as an editor counts them: a lone carriage return ends a line too.
                line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
                assert 1 <= problem.line <= line_count, (problem, line_count)
    return list(problems)


# -- properties ---------------------------------------------------------------------------------


@SETTINGS
@given(data=front_matter(BRIEFING_FIELDS))
def test_random_briefing_front_matter(project: Path, data: dict) -> None:
    problems = checked(project, B, dump_fm(data))
    if set(data) - set(BRIEFING_FIELDS) or set(BRIEFING_FIELDS) - set(data) & {
        "title",
        "date",
        "summary",
        "themes",
    }:
        assert any(p.path == B for p in problems)


@SETTINGS
@given(data=front_matter(REVIEW_FIELDS))
def test_random_review_front_matter(project: Path, data: dict) -> None:
    problems = checked(project, R, dump_fm(data, "Summary.\n"))
    if set(data) - set(REVIEW_FIELDS):
        assert any(p.path == R for p in problems)


@SETTINGS
@given(data=front_matter(REPORT_FIELDS), body=st.text(max_size=200))
def test_random_report(project: Path, data: dict, body: str) -> None:
    problems = checked(project, REPORT, dump_fm(data, body))
    if set(data) - set(REPORT_FIELDS):
        assert any(p.path == REPORT for p in problems)


@SETTINGS
@given(data=yaml_values)
def test_random_yaml_as_front_matter(project: Path, data: object) -> None:
    problems = checked(project, B, dump_fm(data))
    assert any(p.path == B for p in problems)  # never a valid briefing


@SETTINGS
@given(text=st.text(max_size=400))
def test_random_text_as_front_matter(project: Path, text: str) -> None:
    problems = checked(project, B, f"---\n{text}\n---\n\n{BODY}")
    assert any(p.path == B for p in problems)


@SETTINGS
@given(
    text=st.text(
        alphabet=st.sampled_from(
            list(":-[]{}#&*!|>'\"%@`,? \t\n" + string.ascii_letters[:6] + "0129")
        ),
        max_size=120,
    )
)
def test_yaml_punctuation_soup(project: Path, text: str) -> None:
    problems = checked(project, B, f"---\n{text}\n---\n\n{BODY}")
    assert any(p.path == B for p in problems)


@SETTINGS
@given(text=st.text(max_size=400))
def test_random_text_as_briefing(project: Path, text: str) -> None:
    problems = checked(project, B, text)
    if "title" not in text:
        assert any(p.path == B for p in problems)


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_random_bytes_as_briefing(project: Path, raw: bytes) -> None:
    problems = checked(project, B, raw)
    if b"title" not in raw:
        assert any(p.path == B for p in problems)


@SETTINGS
@given(
    rel=st.sampled_from(["data/taxonomy.yaml", "data/indicators.yaml", "data/voices.yaml"]),
    data=yaml_values,
)
def test_random_yaml_data_files(project: Path, rel: str, data: object) -> None:
    problems = checked(project, rel, dump(data))
    if rel == "data/taxonomy.yaml":
        assert any(p.path == rel for p in problems)


@SETTINGS
@given(
    rel=st.sampled_from(["data/taxonomy.yaml", "data/indicators.yaml", "data/voices.yaml"]),
    raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
)
def test_random_bytes_data_files(project: Path, rel: str, raw: bytes) -> None:
    checked(project, rel, raw)


@SETTINGS
@given(
    items=st.lists(
        front_matter(
            {
                "id": "x_1",
                "name": "X",
                "priority": "neglect",
                "unit": "count",
                "polarity": "higher",
                "target": 1.0,
                "tolerance": 0.5,
            }
        ),
        max_size=4,
    )
)
def test_random_indicator_lists(project: Path, items: list) -> None:
    checked(project, "data/indicators.yaml", dump(items))


@SETTINGS
@given(
    header=st.sampled_from([["indicator", "value", "note"], ["indicator", "value"], []]),
    rows=csv_rows,
)
def test_random_scorecard_csv(project: Path, header: list, rows: list) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    problems = checked(project, SC, out.getvalue())
    # Without a header the first row is read as one: a problem unless it happens to be valid.
    first = [cell.strip() for cell in rows[0]] if rows else []
    if not header and first not in (["indicator", "value", "note"], ["indicator", "value"]):
        assert any(p.path == SC for p in problems)


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_text_as_scorecard(project: Path, text: str) -> None:
    checked(project, SC, text)


@SETTINGS
@given(
    name=st.text(alphabet=string.ascii_letters + string.digits + "-_ .", min_size=1, max_size=20)
)
def test_random_scorecard_file_names(project: Path, name: str) -> None:
    if name.startswith(".") or "/" in name:
        return
    checked(project, f"data/scorecard/{name}.csv", "indicator,value\n")


def test_deep_nesting_and_alias_bombs_are_problems(project: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    cases = {
        "deep flow": "title: " + "[" * 50_000 + "]" * 50_000,
        "deep block": "".join(" " * i + "- \n" for i in range(3000)),
        "alias cycle": "title: &a [*a]",
        "alias bomb": bomb,
    }
    for name, fm in cases.items():
        problems = checked(project, B, f"---\n{fm}\n---\n\n{BODY}")
        assert any(p.path == B and "invalid YAML" in p.message for p in problems) or any(
            p.path == B for p in problems
        ), name
