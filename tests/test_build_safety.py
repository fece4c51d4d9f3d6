"""A build cannot harm the project: refused site folders, readable modes, stale staging, stops.

Every case runs the real `hub` as a subprocess in its own temporary folder (no fixed path or
port), so the module runs in parallel with the others. A refused `--site-dir` must leave every
file and folder under the test's folder exactly as it was: contents, modes and times.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AS_OF, REPO, child_pids, run_hub
from fixture_corpus import tree_hashes, write_corpus

BUILD_INTERRUPTED = "hub: build interrupted; the previous site is unchanged"


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`, itself included: kind, mode, modification time and content."""
    entries: dict[str, tuple] = {}
    for here, dirs, files in os.walk(folder):
        for name in ["", *dirs, *files]:
            path = Path(here, name)
            info = path.lstat()
            if path.is_symlink():
                what = ("link", os.readlink(path))
            elif path.is_dir():
                what = ("dir", info.st_mtime_ns)
            else:
                what = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns)
            entries[path.relative_to(folder).as_posix()] = (info.st_mode, *what)
    return entries


def _env(**extra: str) -> dict[str, str]:
    """The environment `run_hub` gives the CLI, for runs that need `Popen`."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("HUB_AS_OF", None)
    return env


def _popen(
    root: Path, *args: str, umask: int | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """`hub` started in `root`; Ctrl+C at its default (a test runner may have it ignored)."""

    def child_setup() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if umask is not None:
            os.umask(umask)

    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", *args],
        cwd=root,
        env=env or _env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=child_setup,
    )


def _staging(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site."))


def _wait_for(condition: Callable[[], object], what: str, timeout: float = 120) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.005)
    raise AssertionError(f"timed out waiting for {what}")


def _catches(pid: int, signum: int) -> bool:
    """Whether process `pid` has a handler for `signum` (Linux /proc): Python alone has none
    for SIGTERM, so once it has one, `hub` handles stop signals."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(status.split("SigCgt:", 1)[1].split()[0], 16)
    return bool(caught >> (signum - 1) & 1)


def _gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


# Refused site folders -------------------------------------------------------------------

HOLDS = "would replace a folder that holds the project folder"
PROJECT = "would replace the project folder"
NOT_A_SITE = "would replace a folder that is not a built site (it has files but no index.html)"

# (--site-dir, as given in the project folder; the reason after `--site-dir X: `).
# `{top}` is the test's folder: the project is {top}/above/project.
BAD_SITE_DIRS = [
    (".", PROJECT),
    ("./", PROJECT),
    ("..", HOLDS),
    ("../..", HOLDS),
    ("./content/../", PROJECT),
    ("{top}/above/project", PROJECT),
    ("{top}/above/project/", PROJECT),
    ("{top}/above", HOLDS),
    ("{top}", HOLDS),
    ("/", HOLDS),
    ("~", HOLDS),  # HOME is {top}/above
    ("~/project", PROJECT),
    ("{top}/link-to-project", PROJECT),
    ("{top}/link-to-project/content", "would replace the project's content/ folder"),
    ("content", "would replace the project's content/ folder"),
    ("content/", "would replace the project's content/ folder"),
    ("data", "would replace the project's data/ folder"),
    ("hooks", "would replace the project's hooks/ folder"),
    ("overrides", "would replace the project's overrides/ folder"),
    ("site_builder", "would replace the project's site_builder/ folder"),  # even if absent
    (".git", "would replace the project's .git/ folder"),
    ("content/briefings", "is inside the project's content/ folder"),
    ("content/briefings/neglect-toxic-trio.md", "is inside the project's content/ folder"),
    ("data/new-site", "is inside the project's data/ folder"),
    ("pages-link", "would replace the project's content/ folder"),  # a symlink to content/
    ("mkdocs.yml", "is a file, not a folder"),
    ("mkdocs.yml/site", "is inside a file, not a folder"),
    ("{top}/notes.txt", "is a file, not a folder"),
    ("{top}/papers", NOT_A_SITE),
    ("{top}/lib/site_builder", "would replace the hub's code"),
    ("{top}/lib", "would replace a folder that holds the hub's code"),
    ("{top}/lib/site_builder/pages", "is inside the hub's code"),
    ("{top}/loop", "is a symlink loop"),
    ("", "is empty: name a folder, e.g. site"),
]


@pytest.fixture
def guarded_project(tmp_path: Path) -> tuple[Path, Path]:
    """A project at tmp/above/project with the symlinks, files and copied code the cases name."""
    top = tmp_path.resolve()
    root = write_corpus(top / "above" / "project")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "pages-link").symlink_to("content")
    (top / "link-to-project").symlink_to(root)
    (top / "loop").symlink_to(top / "loop")
    (top / "notes.txt").write_text("minutes\n")
    (top / "papers").mkdir()
    (top / "papers" / "agenda.md").write_text("# Agenda\n")
    # The hub's code installed elsewhere: run from a copy, so no case can reach the repository.
    no_cache = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "site_builder", top / "lib" / "site_builder", ignore=no_cache)
    return top, root


@pytest.mark.parametrize(
    ("given", "reason"), BAD_SITE_DIRS, ids=[given or "empty" for given, _ in BAD_SITE_DIRS]
)
def test_a_harmful_site_dir_is_a_usage_error_and_nothing_is_touched(
    guarded_project: tuple[Path, Path], given: str, reason: str
) -> None:
    top, root = guarded_project
    given, reason = given.format(top=top), reason.format(top=top)
    before = _snapshot(top)
    env = {
        "PYTHONPATH": str(top / "lib"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(top / "above"),
    }
    result = run_hub(root, "build", "--site-dir", given, "--as-of", AS_OF, env=env)
    shown = given or "''"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"hub: error: --site-dir {shown}: {reason}\n"
    assert _snapshot(top) == before


def test_the_check_is_not_run_for_a_refused_site_dir(tmp_path: Path) -> None:
    """A project with errors still gets only the usage error: the folder is checked first."""
    root = write_corpus(tmp_path / "project")
    path = root / "content/briefings/neglect-toxic-trio.md"
    path.write_text(path.read_text().replace("themes: [neglect]", "themes: [negelct]"))
    result = run_hub(root, "build", "--site-dir", "content", "--as-of", AS_OF)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "hub: error: --site-dir content: would replace the project's content/ folder\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project with a built site beside it: tmp/project and tmp/site."""
    top = tmp_path_factory.mktemp("built")
    root = write_corpus(top / "project")
    result = run_hub(root, "build", "--site-dir", str(top / "site"), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return top


@pytest.fixture
def previous(built: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A copy of the built project: (project, site, the site's hashes)."""
    top = tmp_path / "copy"
    shutil.copytree(built, top, symlinks=True)
    return top / "project", top / "site", tree_hashes(top / "site")


@pytest.mark.parametrize("site_name", ["site", "public"])
def test_rebuilding_an_existing_site_or_a_new_folder_is_allowed(
    previous: tuple[Path, Path, dict[str, str]], site_name: str
) -> None:
    root, site_dir, _ = previous
    site_dir = site_dir.parent / site_name
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert (site_dir / "index.html").is_file()


# Readable by others ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("umask", "folder_mode", "file_mode"),
    [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)],
    ids=["umask-022", "umask-027"],
)
def test_the_site_has_the_modes_the_umask_gives(
    tmp_path: Path, umask: int, folder_mode: int, file_mode: int
) -> None:
    root = write_corpus(tmp_path / "project")
    site_dir = tmp_path / "site"
    hub = _popen(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF, umask=umask)
    _, stderr = hub.communicate(timeout=600)
    assert hub.returncode == 0, stderr
    wrong = []
    for here, dirs, files in os.walk(site_dir):
        for name, expected in [("", folder_mode)] + [(d, folder_mode) for d in dirs] + [
            (f, file_mode) for f in files
        ]:
            mode = Path(here, name).stat().st_mode & 0o7777
            if mode != expected:
                wrong.append((Path(here, name).relative_to(site_dir).as_posix(), oct(mode)))
    assert wrong == []
    assert len(list(site_dir.rglob("*.html"))) > 10


# Stale staging --------------------------------------------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_staging_left_by_a_killed_build_is_removed_by_the_next(
    previous: tuple[Path, Path, dict[str, str]],
) -> None:
    root, site_dir, _ = previous
    top = site_dir.parent
    hub = _popen(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    engine = _wait_for(lambda: child_pids(hub.pid), "the engine")[0]
    hub.kill()  # kill -9: no clean-up runs
    hub.communicate(timeout=60)
    _wait_for(lambda: _gone(engine), "the orphaned engine to finish")
    left = _staging(top)
    assert len(left) == 1 and left[0].startswith(f".site.build-{hub.pid}-"), left

    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert _staging(top) == []


def test_only_staging_of_finished_builds_is_removed(
    previous: tuple[Path, Path, dict[str, str]],
) -> None:
    root, site_dir, _ = previous
    top = site_dir.parent
    dead, alive = _dead_pid(), os.getpid()  # this test's process is running
    for name in (f".site.build-{dead}-abcdefgh", f".site.old-{dead}"):
        (top / name / "briefings").mkdir(parents=True)
        (top / name / "briefings" / "index.html").write_text("old")
    kept = [
        f".site.build-{alive}-livebld1",  # a build still running
        f".site.old-{alive}",
        ".site.build-legacy12",  # no process id: not ours to judge
        f".public.build-{dead}-abcdefgh",  # another site's
        f".site.build-{dead}-abcdefgh.keep",  # not a staging name
    ]
    for name in kept:
        (top / name).mkdir()
        (top / name / "index.html").write_text("keep")
    precious = top / "precious"
    precious.mkdir()
    (precious / "minutes.md").write_text("keep")
    (top / f".site.build-{dead}-linklink").symlink_to(precious)  # a symlink is never followed
    kept.append(f".site.build-{dead}-linklink")

    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in top.iterdir() if p.name.startswith(".")) == sorted(kept)
    assert (precious / "minutes.md").read_text() == "keep"
    for name in kept[:-1]:
        assert (top / name / "index.html").read_text() == "keep"


# Stop signals ---------------------------------------------------------------------------


@pytest.mark.parametrize("moment", ["staging", "engine"])
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_a_stopped_build_ends_cleanly_and_keeps_the_previous_site(
    previous: tuple[Path, Path, dict[str, str]], signum: int, code: int, moment: str
) -> None:
    root, site_dir, before = previous
    top = site_dir.parent
    hub = _popen(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    _wait_for(lambda: _staging(top), "the staging folder")
    engines = []
    if moment == "engine":
        engines = _wait_for(lambda: child_pids(hub.pid), "the engine")
    hub.send_signal(signum)
    stdout, stderr = hub.communicate(timeout=120)
    assert hub.returncode == code, stdout + stderr
    assert stderr.splitlines() == [BUILD_INTERRUPTED]
    assert _staging(top) == []
    assert tree_hashes(site_dir) == before
    for engine in engines:
        _wait_for(lambda engine=engine: _gone(engine), "the engine to stop", timeout=10)


@pytest.mark.parametrize("delay", [0, 0.1, 0.3])
def test_ctrl_c_during_check_is_one_line(tmp_path: Path, delay: float) -> None:
    """From the moment `hub` has its handlers (its first import), while it imports and checks."""
    root = write_corpus(tmp_path / "project")
    hub = _popen(root, "check", "--as-of", AS_OF)
    _wait_for(lambda: _catches(hub.pid, signal.SIGTERM), "the handlers", timeout=30)
    time.sleep(delay)
    hub.send_signal(signal.SIGINT)
    stdout, stderr = hub.communicate(timeout=60)
    assert "Traceback" not in stderr
    if hub.returncode == 130:
        assert stderr == "hub: interrupted\n"
    else:  # it had already finished, or was leaving (Python's own handler is back)
        assert hub.returncode in (0, -signal.SIGINT), (hub.returncode, stdout)
        assert (stdout, stderr) == ("hub check: no problems found\n", "")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stopping_serve_is_quiet_and_leaves_nothing(tmp_path: Path, signum: int) -> None:
    root = write_corpus(tmp_path / "project")
    temporary = tmp_path / "tmp"  # where MkDocs puts the site it serves
    temporary.mkdir()
    env = _env(TMPDIR=str(temporary))
    hub = _popen(root, "serve", "--dev-addr", "127.0.0.1:0", env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(hub.stderr), daemon=True)
    reader.start()
    try:
        _wait_for(lambda: any("Serving on" in line for line in lines), "the server")
        engines = child_pids(hub.pid)
        hub.send_signal(signum)
        hub.wait(timeout=60)
    finally:
        if hub.poll() is None:
            hub.kill()
    reader.join(timeout=10)
    assert hub.returncode == 0
    assert not [line for line in lines if "Traceback" in line]
    for engine in engines:
        _wait_for(lambda engine=engine: _gone(engine), "the engine to stop", timeout=10)
    # the engine was stopped as with Ctrl+C, so that it deleted the site it served
    assert [path.name for path in temporary.iterdir()] == []
