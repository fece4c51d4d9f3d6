"""The hub's pipeline: load → check → publish → generate. Adapters call these two."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import check_project
from .config import check_config
from .loader import load_project
from .pages import OutputFile, generate
from .problems import Problems
from .project import Project
from .publication import Edition
from .site import Site


def check(root: Path) -> tuple[Project, Problems]:
    """Load every file under `root` and run every check; problems collected, none raised."""
    project, problems = load_project(root)
    settings = check_config(root, problems)
    check_project(project, problems, settings.markdown_extensions)
    return project, problems


@dataclass(frozen=True)
class Prepared:
    """What an adapter needs for one build: the published view and its generated files."""

    site: Site
    outputs: list[OutputFile]


def prepare(
    root: Path, edition: Edition, site_url: str = "", feedback_url: str = ""
) -> tuple[Prepared | None, Problems]:
    """Check, then (only when there are no errors) publish and generate.

    `site_url` and `feedback_url` (`extra.hub_feedback_url`) come from the engine's config.
    """
    project, problems = check(root)
    if problems.errors:
        return None, problems
    site = Site.publish(project, edition, site_url, feedback_url)
    return Prepared(site, generate(site)), problems
