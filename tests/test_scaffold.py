"""`hub new`: each scaffold is a draft that passes `hub check --strict` as it is."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import AS_OF, run_hub

from site_builder.loader import load_project
from site_builder.scaffold import ScaffoldError, new_briefing, new_review, slugify

TODAY = {"HUB_AS_OF": AS_OF}


def _new(root, *args):
    return run_hub(root, "new", *args, env=TODAY)


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (
            ("briefing", 'Child K: what "we" learned'),
            "content/briefings/child-k-what-we-learned.md",
        ),
        (("review", "Child Z", "--type", "rapid-review"), "content/reviews/rr-2026-11-child-z.md"),
        (("review", "Family Y", "--type", "lcspr"), "content/reviews/lcspr-2026-11-family-y.md"),
        (("report", "2026-27-q3"), "content/reports/2026-27-q3.md"),
    ],
    ids=["briefing", "rapid-review", "lcspr", "report"],
)
def test_scaffold_prints_its_path_and_passes_check(make_project, args, path) -> None:
    root = make_project()
    result = _new(root, *args)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{path}\n", "")
    text = (root / path).read_text(encoding="utf-8")
    assert "\nstatus: draft\n" in text
    check = run_hub(root, "check", "--strict", "--as-of", AS_OF)
    assert (check.returncode, check.stdout) == (0, "hub check: no problems found\n")


def test_all_three_scaffolds_together_pass_check(make_project) -> None:
    root = make_project()
    assert _new(root, "briefing", "Neglect: a new briefing").returncode == 0
    assert _new(root, "review", "Child Q", "--type", "multi-agency-audit").returncode == 0
    assert _new(root, "report", "2026-27-q2").returncode == 0
    check = run_hub(root, "check", "--strict", "--as-of", AS_OF)
    assert (check.returncode, check.stdout) == (0, "hub check: no problems found\n")


def test_path_is_printed_relative_to_the_working_folder(make_project) -> None:
    root = make_project()
    result = run_hub(root / "content", "new", "briefing", "From a subfolder", env=TODAY)
    assert result.stdout == "briefings/from-a-subfolder.md\n"
    assert (root / "content/briefings/from-a-subfolder.md").is_file()


@pytest.mark.parametrize(
    ("setup", "args", "code", "message"),
    [
        (
            None,  # the corpus has content/briefings/neglect-toxic-trio.md
            ("briefing", "Neglect toxic trio"),
            1,
            "hub: error: content/briefings/neglect-toxic-trio.md already exists: edit it, or"
            " choose another title",
        ),
        (
            ("report", "2026-27-q3"),
            ("report", "2026-27-q3"),
            1,
            "hub: error: content/reports/2026-27-q3.md already exists: edit it instead",
        ),
        (
            None,
            ("report", "2026-q3"),
            1,
            "hub: error: expected a period like 2018-19-q3, got '2026-q3'",
        ),
        (
            None,
            ("briefing", "   "),
            1,
            'hub: error: the title is empty: give one in quotes, e.g. "Child K: neglect"',
        ),
        (
            None,
            ("review", "Child X", "--type", "serious-case-review"),
            2,
            "hub new review: error: argument --type: invalid choice: 'serious-case-review' (choose"
            " from 'rapid-review', 'lcspr', 'learning-review', 'multi-agency-audit',"
            " 'good-practice-review', 'sar', 'dhr')",
        ),
        (
            None,
            ("review", "Child X"),
            2,
            "hub new review: error: the following arguments are required: --type",
        ),
    ],
    ids=["briefing-exists", "report-exists", "bad-period", "empty-title", "bad-type", "no-type"],
)
def test_scaffold_errors(make_project, setup, args, code, message) -> None:
    root = make_project()
    if setup:
        assert _new(root, *setup).returncode == 0
    before = sorted(p.relative_to(root) for p in (root / "content").rglob("*"))
    result = _new(root, *args)
    assert result.returncode == code
    assert result.stderr.splitlines()[-1] == message
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.relative_to(root) for p in (root / "content").rglob("*")) == before


def test_existing_file_is_never_overwritten(make_project) -> None:
    root = make_project()
    path = root / "content/briefings/neglect-toxic-trio.md"
    original = path.read_bytes()
    assert _new(root, "briefing", "Neglect toxic trio").returncode == 1
    assert path.read_bytes() == original


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Child K: neglect", "child-k-neglect"),
        ("Café & co — Über", "cafe-co-uber"),
        ("???", "untitled"),
        ("x" * 100, "x" * 60),
    ],
)
def test_slugify(title, slug) -> None:
    assert slugify(title) == slug


def test_scaffold_functions_reject_bad_titles(make_project) -> None:
    project, _ = load_project(make_project())
    with pytest.raises(ScaffoldError, match="one line"):
        new_briefing(project, "two\nlines", date(2026, 11, 26))
    with pytest.raises(ScaffoldError, match="unknown review type 'scr'"):
        new_review(project, "Child X", "scr", date(2026, 11, 26))


def test_briefing_scaffold_lists_the_valid_ids_in_comments(make_project) -> None:
    root = make_project()
    _new(root, "briefing", "Listing ids")
    text = (root / "content/briefings/listing-ids.md").read_text(encoding="utf-8")
    # The fixture taxonomy of conftest.py: three priorities, three agencies, two audiences.
    assert "# themes: one or more of neglect, csa-cse, early-help (data/taxonomy.yaml)\n" in text
    assert "# audience: empty for all, or any of health, education (data/taxonomy.yaml)\n" in text
    assert "# agencies: any of police, health, education (data/taxonomy.yaml)\n" in text


def test_published_scaffold_warns_at_each_placeholder(make_project) -> None:
    root = make_project()
    _new(root, "briefing", "Left as scaffolded")
    _new(root, "review", "Child Q", "--type", "rapid-review")
    review = "content/reviews/rr-2026-11-child-q.md"
    for path in ("content/briefings/left-as-scaffolded.md", review):
        file = root / path
        file.write_text(
            file.read_text(encoding="utf-8").replace("status: draft", "status: published"),
            encoding="utf-8",
        )
    check = run_hub(root, "check", "--as-of", AS_OF)
    brief = "content/briefings/left-as-scaffolded.md"
    fix = "is still here: replace it before publishing"
    # The briefing: 17 lines of front matter (with 4 comments); its sections begin at line 19.
    # The review: 22 lines of front matter (with 12 comments), its placeholder at 26.
    expected = [
        f"{brief}:4: warning: the scaffold's placeholder"
        f" 'One or two sentences: what a practitioner will learn.' {fix}",
        *(
            f"{brief}:{line}: warning: the scaffold's placeholder 'Write this section.' {fix}"
            for line in (19, 23, 27, 31, 35, 39, 43)
        ),
        f"{review}:26: warning: the scaffold's placeholder"
        f" 'A short, pseudonymised summary of the case and the review...' {fix}",
        "hub check: 0 errors, 9 warnings",
    ]
    assert (check.returncode, check.stdout.splitlines()) == (0, expected)
    assert run_hub(root, "check", "--strict", "--as-of", AS_OF).returncode == 1


def test_a_draft_may_keep_its_placeholders(make_project) -> None:
    root = make_project()
    _new(root, "briefing", "Still a draft")
    check = run_hub(root, "check", "--strict", "--as-of", AS_OF)
    assert (check.returncode, check.stdout) == (0, "hub check: no problems found\n")
