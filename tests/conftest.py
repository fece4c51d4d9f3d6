"""Shared fixtures: build small project trees from dicts and run the real CLI on them."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The engine the site contract tests build with (`hub build` reads HUB_ENGINE): CI runs them
# with each engine.
ENGINE = os.environ.get("HUB_ENGINE") or "mkdocs"
# How `hub build` names each engine's failure.
ENGINE_FAILED = {"mkdocs": "MkDocs: ", "zensical": "Zensical failed (exit 1): "}
CORPORA = REPO / "tests" / "corpora"  # corpora the suite owns (see tests/corpora/README.md)
AS_OF = "2026-11-26"  # pinned "today" for tests and golden files

TAXONOMY = """\
priorities:
  - {id: neglect, name: Neglect, kind: themed}
  - {id: csa-cse, name: Child Sexual Abuse and Exploitation, kind: themed}
  - {id: early-help, name: Early Help, kind: assurance}
agencies:
  - {id: police, name: Police}
  - {id: health, name: Health}
  - {id: education, name: Education}
audiences:
  - {id: health, name: Health practitioners}
  - {id: education, name: Schools and colleges}
privacy_allow:
  - hub@northbridge.example
"""

INDICATORS = """\
- id: rereferrals_12m
  name: Re-referrals within 12 months
  priority: early-help
  unit: percent
  polarity: lower
  target: 20.0
  tolerance: 2.0
  england: 22.6
  source: Children in need census
- id: cin_rate
  name: Children in need per 10,000
  priority: neglect
  unit: rate_per_10k
  polarity: context
  england: 333.3
"""

SEVEN_SECTIONS = "\n\n".join(f"## Section {i}\n\nText of section {i}." for i in range(1, 8))

BRIEFING = f"""\
---
title: Neglect and the toxic trio
date: 2026-01-15
summary: What practitioners should know about neglect.
themes: [neglect]
audience: [health]
agencies: [police]
reviews: [rr-2026-01-child-a]
---

{SEVEN_SECTIONS}
"""

REVIEW = """\
---
title: Child A
type: rapid-review
themes: [neglect]
agencies: [police, health]
notified: 2026-01-05
completed: 2026-01-20
learning:
  - Professional curiosity about who lives in the home.
actions:
  - id: A1
    action: Refresh the neglect toolkit training.
    owner: health
    due: 2026-03-31
    status: complete
    completed: 2026-03-20
    impact: Audit shows the toolkit used in 8 of 10 cases.
    measure: rereferrals_12m
  - id: A2
    action: Brief all schools on escalation.
    owner: education
    due: 2026-06-30
    status: in-progress
---

## Summary

Child A was known to several agencies.
"""

# The shortest statement that says the four things `hub check` asks of one.
ACCESSIBILITY = """\
# Accessibility statement

This website is partially compliant with WCAG 2.2 AA.

## Non-accessible content

Charts are not accessible by keyboard; each has a table of its figures.

## Feedback

Ask us for a different format, or report a problem, through the partnership's website.

## Enforcement procedure

Contact the [Equality Advisory and Support Service](https://www.equalityadvisoryservice.com/).
"""

MINIMAL_FILES: dict[str, str] = {
    "data/taxonomy.yaml": TAXONOMY,
    "data/indicators.yaml": INDICATORS,
    "data/scorecard/2026-27-q1.csv": "indicator,value,note\nrereferrals_12m,21.0,\ncin_rate,340,\n",
    "data/voices.yaml": (
        "- period: 2026-27-q1\n  voice: child\n  themes: [neglect]\n"
        "  quote: I wish someone had asked me sooner.\n  attribution: Young person, 14\n"
    ),
    "content/index.md": "# Test hub\n\nA test project.\n",
    "content/accessibility.md": ACCESSIBILITY,
    "content/briefings/neglect-toxic-trio.md": BRIEFING,
    "content/reviews/rr-2026-01-child-a.md": REVIEW,
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path → text or bytes) under `root`; text is dedented."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(
                textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8"
            )
    return root


def copy_engine(root: Path) -> None:
    """The repository's mkdocs.yml, hooks and theme overrides, so a fixture project builds."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(
        REPO / "hooks",
        root / "hooks",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copytree(REPO / "overrides", root / "overrides", dirs_exist_ok=True)


def assert_golden(text: str, golden: Path) -> None:
    """`text` equals the golden file; with `UPDATE_GOLDEN=1`, (re)write the golden file first.

    Updating is refused when `CI` is set: CI compares with the reviewed goldens, never
    regenerates them.
    """
    if os.environ.get("UPDATE_GOLDEN") == "1":
        if os.environ.get("CI"):
            pytest.fail(
                "UPDATE_GOLDEN=1 is refused when CI is set: regenerate golden files locally "
                "and commit the reviewed diff",
                pytrace=False,
            )
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 to regenerate"


def corpus_project(name: str, root: Path) -> Path:
    """`tests/corpora/<name>` (its content/ and data/) with the repository's engine, at `root`."""
    root.mkdir(parents=True, exist_ok=True)
    copy_engine(root)
    for folder in ("content", "data"):
        shutil.copytree(CORPORA / name / folder, root / folder)
    return root


@pytest.fixture(scope="session")
def rich_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`tests/corpora/rich` built once per session (per xdist worker) by the real `hub build`
    at the pinned as-of date: (project root, site dir). Read it; never write to it."""
    root = corpus_project("rich", tmp_path_factory.mktemp("rich") / "project")
    site_dir = root.parent / "site"
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, f"hub build failed:\n{result.stdout}\n{result.stderr}"
    return root, site_dir


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`fixture_corpus.CORPUS` built once per session (per xdist worker) by the real
    `hub build`, public edition, at the pinned as-of date: (project root, site dir).
    Read it; never write to it."""
    from fixture_corpus import built_site

    tmp_root = tmp_path_factory.mktemp("corpus")
    return tmp_root / "project", built_site(tmp_root)


@pytest.fixture
def make_project(tmp_path: Path):
    """Factory: a project from MINIMAL_FILES updated with `files` (None deletes a file)."""

    def make(files: dict[str, str | bytes | None] | None = None, *, minimal: bool = True) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        copy_engine(root)
        tree: dict[str, str | bytes | None] = dict(MINIMAL_FILES) if minimal else {}
        tree.update(files or {})
        write_tree(root, {k: v for k, v in tree.items() if v is not None})
        return root

    return make


def child_pids(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def run_hub(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the real `hub` CLI (`python -m site_builder`) in `root`, capturing its output."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("HUB_AS_OF", None) if env is None or "HUB_AS_OF" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=root,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def run_hub_in_process(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`run_hub` without a subprocess: the same entry point (`site_builder.cli.main`) called in
    this process with `root` as working folder and the same environment rules (HUB_AS_OF and
    HUB_INTERNAL only when `env` gives them). Far quicker for `hub check` and `hub new`; keep
    `run_hub` for builds and a few smoke tests of the real command."""
    from site_builder.cli import main
    from site_builder.interrupts import STOP_SIGNALS

    stdout, stderr = io.StringIO(), io.StringIO()
    handlers = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HUB_AS_OF", "HUB_INTERNAL"):
            patch.delenv(name, raising=False)
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        patch.chdir(root)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
            finally:  # `main` turns stop signals into exceptions: not for the test process
                for signum, handler in handlers.items():
                    if handler is not None:  # None: not set from Python, left alone
                        signal.signal(signum, handler)
    return subprocess.CompletedProcess(["hub", *args], code, stdout.getvalue(), stderr.getvalue())


def table_rows(page: str) -> list[list[str]]:
    """The rows (header row first) of the raw HTML tables in generated `page`, each row its
    cells' HTML, as `site_builder.pages.markup.html_table` writes them."""
    rows = []
    for row in re.findall(r"<tr>\n(.*?)</tr>\n", page, re.S):
        rows.append(re.findall(r"<t[hd]>(.*?)</t[hd]>\n", row, re.S))
    return rows
