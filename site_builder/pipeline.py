"""The hub's pipeline: load → check → publish → generate → stage.

What an engine needs for one build comes from here, complete: `Prepared.files` is every page
and file of the docs folder (generated pages, free pages with their front matter made text,
links to left-out items dropped and their search facts added), `Prepared.stage()` writes them
as a docs folder with a config derived from mkdocs.yml (no hooks), and `Prepared.context` is
what the templates read. An engine adapter translates this for its engine and does nothing else.
"""

from __future__ import annotations

import functools
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import routes
from .checks import check_project
from .config import EngineSettings, check_config
from .fragments import Fragments, held_by
from .links import drop_links
from .loader import load_project
from .pages import OutputFile, generate
from .pages.listing import left_out_docs
from .pages.markup import escaped, front_matter
from .problems import Problems
from .project import Project
from .publication import Edition
from .search import FLAG, SECONDARY_WEIGHT, free_page_facts
from .site import Site
from .source import SourceError, split_front_matter

CONTEXT_KEY = "hub"  # the templates read the context as `config.extra.hub`
EDIT_URL_KEY = "hub_edit_url"  # front matter of a page the internal edition can edit
DOCS = "docs"  # in a staged build folder: the docs folder, the site and the config
SITE = "site"
CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class Checked:
    """Everything loaded and checked once: the project, mkdocs.yml's settings, the problems."""

    project: Project
    settings: EngineSettings
    problems: Problems

    def __iter__(self):  # noqa: ANN204
        """`project, problems = check(root)`, where the settings are not needed."""
        return iter((self.project, self.problems))


def check(root: Path) -> Checked:
    """Load every file under `root` and run every check; problems collected, none raised."""
    project, problems = load_project(root)
    settings = check_config(root, problems)
    check_project(project, problems, settings.markdown_extensions)
    return Checked(project, settings, problems)


@dataclass(frozen=True)
class Prepared:
    """One edition of the site, ready for any engine."""

    site: Site
    outputs: tuple[OutputFile, ...]  # docs paths: every page and generated file
    assets: tuple[str, ...] = ()  # project-relative files under content/ copied as they are
    context: dict[str, object] = field(default_factory=dict)
    held: Fragments | None = None  # raw HTML blocks the page sink puts back

    @functools.cached_property  # asked once per engine file by `replaces`
    def docs_paths(self) -> frozenset[str]:
        """The docs paths the hub writes: an engine's own file there gives way."""
        return frozenset(f.path for f in self.outputs)

    def replaces(self, docs_path: str) -> bool:
        """Whether the engine's file at `docs_path` is not published as it is: a document's
        source (the hub generates its page) or a page the hub writes."""
        return routes.is_document_source(docs_path) or docs_path in self.docs_paths

    def docs(self, root: Path) -> dict[str, str | bytes | Path]:
        """Every file of the docs folder, by docs path: its text or bytes, or the source of a
        file under `root`'s content/ copied as it is."""
        files: dict[str, str | bytes | Path] = {o.path: o.content for o in self.outputs}
        for asset in self.assets:
            files[routes.docs_path(asset) or asset] = root / asset
        return files

    def stage(
        self, folder: Path, root: Path, overrides: dict | None = None, *, docs: bool = True
    ) -> Path:
        """Write the docs folder (`folder/docs`; empty without `docs`, for an engine that
        takes `docs()` from memory) and a config without hooks that inherits `root`'s
        mkdocs.yml (`folder/mkdocs.yml`, which it returns); the site goes to `folder/site`.
        `overrides` are an engine's own settings, merged into the config."""
        folder_docs = folder / DOCS
        folder_docs.mkdir(parents=True, exist_ok=True)
        made: set[Path] = set()
        for path, content in (self.docs(root) if docs else {}).items():
            target = folder_docs / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            elif isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        config = folder / CONFIG
        config.write_text(self._derived_config(root, overrides or {}), encoding="utf-8")
        return config

    def _derived_config(self, root: Path, overrides: dict) -> str:
        # JSON is YAML; INHERIT keeps mkdocs.yml's own tags (!ENV, !!python/name) for its engine.
        settings = {
            "INHERIT": str(root / CONFIG),
            "docs_dir": DOCS,
            "site_dir": SITE,
            "hooks": [],
            "exclude_docs": "",
            "watch": [],
            "theme": {"custom_dir": str(root / "overrides")},
            "extra": {CONTEXT_KEY: self.context},
        }
        for key, value in overrides.items():
            if isinstance(value, dict) and isinstance(settings.get(key), dict):
                settings[key] = {**settings[key], **value}  # type: ignore[dict-item]
            else:
                settings[key] = value
        return json.dumps(settings, indent=2) + "\n"


def prepare(
    root: Path,
    edition: Edition,
    site_url: str | None = None,
    feedback_url: str | None = None,
    *,
    held: bool = False,
) -> tuple[Prepared | None, Problems]:
    """Check, then (only when there are no errors) publish and generate (see `publish`)."""
    checked = check(root)
    if checked.problems.errors:
        return None, checked.problems
    return publish(checked, edition, site_url, feedback_url, held=held), checked.problems


def publish(
    checked: Checked,
    edition: Edition,
    site_url: str | None = None,
    feedback_url: str | None = None,
    *,
    raw_links_from_source: bool = False,
    held: bool = False,
) -> Prepared:
    """The edition of a checked project (which must have no errors), every file generated.
    `site_url` and `feedback_url` (the form) are mkdocs.yml's unless given;
    `raw_links_from_source`: how the engine reads raw HTML links (`routes.relative_url`);
    `held`: raw HTML blocks are held aside for the page sink (`site_builder.fragments`)."""
    settings = checked.settings
    site_url = settings.site_url if site_url is None else site_url
    feedback_url = settings.feedback_url if feedback_url is None else feedback_url
    site = Site.publish(checked.project, edition, site_url, feedback_url)
    held_aside = Fragments() if held else None
    with routes.links_for(raw_links_from_source), held_by(held_aside):
        generated = generate(site)
    written = {f.path for f in generated}
    left_out = left_out_docs(site)
    free = [_free_page(site, p.src_uri, p.text, left_out) for p in site.project.pages]
    files = [*generated, *(f for f in free if f.path not in written)]
    if edition.internal and settings.edit_base:
        files = [_with_edit_url(site, f, settings.edit_base) for f in files]
    return Prepared(site, tuple(files), checked.project.assets, context(edition), held_aside)


def context(edition: Edition) -> dict[str, object]:
    """What the templates read as `config.extra.hub`: the as-of date, the edition, whether
    this is the drafts preview."""
    return {
        "as_of": edition.as_of.isoformat(),
        "edition": "internal" if edition.internal else "public",
        "preview": edition.preview,
    }


def _free_page(site: Site, docs_path: str, text: str, left_out: set[str]) -> OutputFile:
    """An author's free page as the engine gets it: its front matter text (themes insert titles
    into HTML as they are), links to left-out items dropped, a search result of its own."""
    try:
        document = split_front_matter(text)
        meta, body = (document.front_matter.data if document.front_matter else {}), document.body
    except SourceError:  # engines read such front matter as text: so does the hub
        meta, body = {}, text
    if not isinstance(meta, dict):
        meta, body = {}, text
    body = drop_links(body, docs_path, left_out, site.site_url)
    facts = free_page_facts(body, site.project.synonyms)
    meta = {**escaped(meta), FLAG: SECONDARY_WEIGHT}
    return OutputFile(docs_path, f"{front_matter(**meta)}{body.rstrip()}\n\n{facts.html()}\n")


def _with_edit_url(site: Site, output: OutputFile, base: str) -> OutputFile:
    """A page whose source an author can edit gets `hub_edit_url` in its front matter."""
    source = site.source_of(output.path)
    if source is None or not isinstance(output.content, str):
        return output
    url = json.dumps(f"{base.rstrip('/')}/{source}")
    content = output.content
    if content.startswith("---\n"):
        return OutputFile(output.path, f"---\n{EDIT_URL_KEY}: {url}\n{content[4:]}")
    return OutputFile(output.path, f"---\n{EDIT_URL_KEY}: {url}\n---\n\n{content}")
