"""Where a build may write: never over the project, its sources, the hub's code or a stranger.

A build replaces its site folder whole, so a `--site-dir` of `.`, `..`, `content` or
`mkdocs.yml` would delete what it names. `checked_site_dir` refuses such a folder before
anything is written, following symlinks, `..` and `~` to where they really lead.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

# Top-level entries of a project that hold what the site is built from.
SOURCE_FOLDERS = ("content", "data", "site_builder", "hooks", "overrides", ".git")
PACKAGE = Path(__file__).resolve().parent  # the hub's own code, wherever it is installed
SITE_MARK = "index.html"  # every built site has one; a folder without it is not a site


class SiteDirError(ValueError):
    """A site folder that a build would harm; the message says why."""


def checked_site_dir(root: Path, site_dir: Path) -> Path:
    """`site_dir` resolved, or `SiteDirError` if building there would harm something."""
    try:
        target = site_dir.expanduser().resolve()
        _refuse_protected(target, root.resolve())
        _refuse_occupied(target)
    except RuntimeError:  # a symlink loop (an OSError from Python 3.13)
        raise SiteDirError("is a symlink loop") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SiteDirError("is a symlink loop") from None
        raise SiteDirError(f"cannot be used ({exc.strerror or exc})") from None
    return target


def _refuse_protected(target: Path, root: Path) -> None:
    for name, folder in (("the project folder", root), ("the hub's code", PACKAGE)):
        if target == folder:
            raise SiteDirError(f"would replace {name}")
        if folder.is_relative_to(target):
            raise SiteDirError(f"would replace a folder that holds {name}")
        if folder is PACKAGE and target.is_relative_to(folder):
            raise SiteDirError(f"is inside {name}")
    if target.is_relative_to(root):
        parts = target.relative_to(root).parts
        if parts[0] in SOURCE_FOLDERS:
            where = f"the project's {parts[0]}/ folder"
            raise SiteDirError(f"is inside {where}" if parts[1:] else f"would replace {where}")


def _refuse_occupied(target: Path) -> None:
    """A file, a path through a file, or a folder of other things is not a site to replace."""
    if target.exists():
        if not target.is_dir():
            raise SiteDirError("is a file, not a folder")
        if not (target / SITE_MARK).is_file() and _has_entries(target):
            raise SiteDirError(
                f"would replace a folder that is not a built site (it has files but no {SITE_MARK})"
            )
        return
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise SiteDirError("is inside a file, not a folder")
            return


def _has_entries(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is not None
