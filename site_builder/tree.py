"""The project's source files: every file under content/ and data/, walked safely.

MkDocs publishes every file under its docs folder and follows symlinks; the hub reads the same
files the same way, so what is published is what was checked. A symlink that leaves the
project, a symlink loop (it would make any walker go round for ever), a broken symlink and
anything that is not a regular file (a named pipe blocks its reader for ever) are problems:
they are reported, and never followed or opened. Hidden files and folders (".git", ".DS_Store")
are not published and are skipped.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

LINKS_OUT = (
    "links outside the project; symlinks that leave the project are not published:"
    " copy the file into the project instead"
)
BROKEN_LINK = "broken symlink: its target does not exist; remove it or point it at a file"
NOT_A_FILE = "not a regular file (a pipe, socket or device): remove it"
# Symlinked folders are walked wherever they appear, as the site engine walks them; symlinks
# that lead into each other many times over could multiply the walk: it stops here.
MAX_FOLDERS = 10_000
TOO_MANY_FOLDERS = (
    f"more than {MAX_FOLDERS:,} folders, counting each folder a symlink leads to:"
    " remove symlinks between folders"
)


@dataclass(frozen=True)
class SourceFile:
    """A regular file found under a top folder.

    Attributes:
        path: the file's path under the project root, as found (symlinks not resolved).
        rel: the project-relative path, "/"-separated (e.g. "content/briefings/x.md").
    """

    path: Path
    rel: str

    @property
    def parts(self) -> tuple[str, ...]:
        """The path's parts below its top folder: ("briefings", "x.md")."""
        return tuple(self.rel.split("/")[1:])


@dataclass
class Tree:
    """What a walk found: the files in path order, and (rel, message) for each problem."""

    files: list[SourceFile] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def walk(root: Path, top: str) -> Tree:
    """Every regular file under `root / top`, following symlinks that stay in the project.

    A folder reached through two symlinks is walked twice, as the site engine walks it (it is
    published twice); a symlink to a folder that holds it is a loop, reported and not followed.
    """
    tree = Tree()
    root_real = Path(os.path.realpath(root))
    base = root / top
    if not os.path.lexists(base):
        return tree
    base_real = _inside(root_real, base, top, tree)
    if base_real is None:
        return tree
    if not base_real.is_dir():
        return tree
    stack: list[tuple[Path, str, frozenset[Path]]] = [(base, top, frozenset({base_real}))]
    visits = 0
    while stack:
        folder, folder_rel, ancestors = stack.pop()
        visits += 1
        if visits > MAX_FOLDERS:
            tree.problems.append((top, TOO_MANY_FOLDERS))
            break
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            tree.problems.append((folder_rel, f"cannot read the folder: {exc.strerror}"))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            rel = f"{folder_rel}/{entry.name}"
            real = _inside(root_real, path, rel, tree) if entry.is_symlink() else path
            if real is None:
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                tree.problems.append((rel, f"cannot read the file: {exc.strerror}"))
                continue
            if stat.S_ISDIR(mode):
                real = Path(os.path.realpath(path))
                if real in ancestors or any(real in folder.parents for folder in ancestors):
                    tree.problems.append((rel, _loop_message(root_real, real)))
                else:
                    folders.append((path, rel, ancestors | {real}))
            elif stat.S_ISREG(mode):
                tree.files.append(SourceFile(path, rel))
            else:
                tree.problems.append((rel, NOT_A_FILE))
        stack.extend(reversed(folders))
    tree.files.sort(key=lambda f: f.rel)
    return tree


def _inside(root_real: Path, path: Path, rel: str, tree: Tree) -> Path | None:
    """The real path of `path` if it exists and stays in the project, else None (a problem)."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        tree.problems.append((rel, BROKEN_LINK))
        return None
    except (OSError, RuntimeError):  # "too many levels of symbolic links"
        tree.problems.append((rel, "symlink loop: the symlink leads back to itself; remove it"))
        return None
    if real != root_real and root_real not in real.parents:
        tree.problems.append((rel, LINKS_OUT))
        return None
    return real


def _loop_message(root_real: Path, real: Path) -> str:
    target = f"'{real.relative_to(root_real).as_posix()}'" if real != root_real else "the project"
    return f"symlink loop: the symlink leads back to {target}, a folder that holds it; remove it"
