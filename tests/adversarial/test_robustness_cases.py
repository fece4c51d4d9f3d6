"""Inputs that used to crash or hang the hub, through `hub build` and `hub check`.

Each case was a traceback or a hang on main before the fix (symlinks leaving the project,
symlink loops, a pipe, a document named index.md, dates that overflow a deadline, lists nested
hundreds deep, a folder where a file is expected, an unreadable file). Now each is one clear
`path[:line]: error: message`, the build stops before the engine runs, and nothing from outside
the project is read or shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.loader import load_project
from tests.conftest import AS_OF, BRIEFING, REPO, REVIEW

B = "content/briefings/neglect-toxic-trio.md"
R = "content/reviews/rr-2026-01-child-a.md"
SECRET = "07700 900123"  # in files outside the project: never read, never shown
LOOP = "symlink loop: the symlink leads back to {}, a folder that holds it; remove it"
LINKS_OUT = (
    "links outside the project; symlinks that leave the project are not published:"
    " copy the file into the project instead"
)


def outside(root: Path) -> Path:
    """A folder next to the project holding a file with personal data."""
    folder = root.parent / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.md").write_text(f"# Secret\n\nRing {SECRET}.\n", encoding="utf-8")
    return folder


def link(root: Path, rel: str, target: str | Path) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, root / rel)


@dataclass
class Case:
    id: str
    lines: list[str]
    files: dict[str, str | bytes | None]
    setup: Callable[[Path], None] | None = None


def deep_list(depth: int) -> str:
    return "".join("    " * level + "- item\n" for level in range(depth))


CASES = [
    Case(
        "symlink-to-a-file-outside",
        [f"content/secret.md: error: {LINKS_OUT}"],
        {},
        lambda root: link(root, "content/secret.md", outside(root) / "secret.md"),
    ),
    Case(
        "symlink-to-a-folder-outside",
        [f"content/shared: error: {LINKS_OUT}"],
        {},
        lambda root: link(root, "content/shared", outside(root)),
    ),
    Case(
        "data-file-symlink-outside",
        [f"data/voices.yaml: error: {LINKS_OUT}"],
        {"data/voices.yaml": None},
        lambda root: link(root, "data/voices.yaml", outside(root) / "secret.md"),
    ),
    Case(
        "symlink-loop-to-the-project",
        [f"content/loop: error: {LOOP.format('the project')}"],
        {},
        lambda root: link(root, "content/loop", ".."),
    ),
    Case(
        "symlink-loop-to-a-parent-folder",
        [f"content/briefings/up: error: {LOOP.format(repr('content'))}"],
        {},
        lambda root: link(root, "content/briefings/up", ".."),
    ),
    Case(
        "symlink-loop-between-two-folders",
        [
            f"content/a/to-b/to-a: error: {LOOP.format(repr('content/a'))}",
            f"content/b/to-a/to-b: error: {LOOP.format(repr('content/b'))}",
        ],
        {"content/a/page.md": "# A\n", "content/b/page.md": "# B\n"},
        lambda root: (link(root, "content/a/to-b", "../b"), link(root, "content/b/to-a", "../a")),
    ),
    Case(
        "symlink-to-itself",
        ["content/self: error: symlink loop: the symlink leads back to itself; remove it"],
        {},
        lambda root: link(root, "content/self", "self"),
    ),
    Case(
        "broken-symlink",
        [
            "content/gone.md: error: broken symlink: its target does not exist;"
            " remove it or point it at a file"
        ],
        {},
        lambda root: link(root, "content/gone.md", "nowhere.md"),
    ),
    Case(
        "named-pipe",
        ["content/pipe.md: error: not a regular file (a pipe, socket or device): remove it"],
        {},
        lambda root: os.mkfifo(root / "content/pipe.md"),
    ),
    Case(
        "briefings-index-md",
        [
            "content/briefings/index.md: error: the hub writes the list page"
            " content/briefings/index.md itself: give the document another name"
        ],
        {"content/briefings/index.md": BRIEFING},
    ),
    Case(
        "reviews-index-md",
        [
            "content/reviews/index.md: error: the hub writes the list page"
            " content/reviews/index.md itself: give the document another name"
        ],
        {"content/reviews/index.md": REVIEW},
    ),
    Case(
        "notified-9999-12-31",
        [
            f"{R}:6: error: 'notified': '9999-12-31' is out of range:"
            " expected a year from 1900 to 2999"
        ],
        {R: REVIEW.replace("notified: 2026-01-05", "notified: 9999-12-31")},
    ),
    Case(
        "lcspr-notified-9999-12-31-not-completed",
        [
            f"{R}:6: error: 'notified': '9999-12-31' is out of range:"
            " expected a year from 1900 to 2999"
        ],
        {
            R: REVIEW.replace("type: rapid-review", "type: lcspr")
            .replace("notified: 2026-01-05", "notified: 9999-12-31")
            .replace("completed: 2026-01-20\n", "")
        },
    ),
    Case(
        "briefing-date-year-0001",
        [f"{B}:3: error: 'date': '0001-01-01' is out of range: expected a year from 1900 to 2999"],
        {B: BRIEFING.replace("date: 2026-01-15", "date: 0001-01-01")},
    ),
    Case(
        "markdown-list-nested-400-deep",
        [
            "content/deep.md:54: error: a line indented 204 spaces (a list nested more than"
            " 50 levels deep): the site cannot show it; flatten it"
        ],
        {"content/deep.md": "# Deep\n\n" + deep_list(400)},
    ),
    Case(
        "briefing-body-list-nested-400-deep",
        [
            f"{B}:90: error: a line indented 204 spaces (a list nested more than"
            " 50 levels deep): the site cannot show it; flatten it"
        ],
        {B: BRIEFING + "\n" + deep_list(400)},
    ),
    Case(
        "yaml-list-nested-400-deep",
        [f"{B}:5: error: 'themes[0]' must be text, got a list"],
        {B: BRIEFING.replace("themes: [neglect]", "themes: " + "[" * 400 + "]" * 400)},
    ),
    Case(
        "yaml-list-nested-5000-deep",
        [f"{B}:2: error: invalid YAML: nested too deeply"],
        {B: BRIEFING.replace("themes: [neglect]", "themes: " + "[" * 5000 + "]" * 5000)},
    ),
    Case(
        "data-file-is-a-folder",
        ["data/voices.yaml: error: expected a YAML file, found a folder"],
        {"data/voices.yaml": None},
        lambda root: (root / "data/voices.yaml").mkdir(),
    ),
    Case(
        "text-file-not-utf8",
        ["content/notes.dat:2: error: file is not UTF-8 text (byte 0xe9); save it as UTF-8"],
        {"content/notes.dat": b"Notes\ncaf\xe9\n"},
    ),
]


def hub(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`hub` as a subprocess, with a timeout: a hang fails the test instead of the suite."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HUB_AS_OF", None)
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cases_are_distinct() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_build_stops_with_a_message(make_project, case: Case) -> None:
    root = make_project(case.files)
    if case.setup is not None:
        case.setup(root)
    result = hub(root, "build", "--as-of", AS_OF)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    errors = f"{len(case.lines)} error" + ("s" if len(case.lines) > 1 else "")
    assert result.stdout.splitlines() == [*case.lines, f"hub check: {errors}, 0 warnings"]
    assert result.returncode == 1
    assert SECRET not in output
    assert not (root / "site").exists()


def test_an_unreadable_file_is_an_error(make_project, monkeypatch) -> None:
    # Tests run as root, whom chmod 000 does not stop: the read itself is made to fail.
    root = make_project({"content/img/logo.png": b"\x89PNG\r\n\x1a\n\x00"})
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "logo.png":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    _, problems = load_project(root)
    assert [p.format() for p in problems] == [
        "content/img/logo.png: error: cannot read the file: Permission denied"
    ]


def test_images_are_not_read_as_text(make_project) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + SECRET.encode() + b"\xff\x00"
    result = hub(make_project({"content/img/logo.png": png}), "check", "--as-of", AS_OF)
    assert (result.returncode, result.stdout) == (0, "hub check: no problems found\n")


def test_symlinks_inside_the_project_are_read(make_project) -> None:
    root = make_project({"data/notes/contact.md": f"Ring {SECRET}.\n"})
    link(root, "content/notes", "../data/notes")
    result = hub(root, "check", "--as-of", AS_OF)
    fix = "(remove it, or add the exact text to privacy_allow in data/taxonomy.yaml if it is"
    fix += " public)"
    assert result.stdout.splitlines() == [
        f"content/notes/contact.md:1: error: possible phone number '07*** ******' {fix}",
        f"data/notes/contact.md:1: error: possible phone number '07*** ******' {fix}",
        "hub check: 2 errors, 0 warnings",
    ]
