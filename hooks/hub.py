"""MkDocs adapter: hands the hub's checks and generated files to MkDocs.

All logic lives in `site_builder`; each handler here only translates between
MkDocs events and `site_builder.pipeline`. A Zensical (or any other) adapter does the
same with its own events.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import site_builder
from site_builder.build import CHECKED_ENV
from site_builder.feedback import FORM_URL_KEY
from site_builder.gate import OutputGate
from site_builder.links import drop_links
from site_builder.loader import CONTENT_DIR, DOCUMENT_FOLDERS
from site_builder.pages.markup import escaped
from site_builder.pages.problems import problem_page
from site_builder.pipeline import Prepared, prepare
from site_builder.publication import EditionError, edition_from_env
from site_builder.search import (
    FLAG,
    SECONDARY_WEIGHT,
    SearchIndexFailed,
    free_page_facts,
    index_site,
)

_prepared: Prepared | None = None
_left_out_uris: set[str] = set()  # docs-relative paths of left-out documents
_command = "build"
_problem_page: str | None = None  # `serve` with errors: this page stands in for the site


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a preview: only `serve` shows drafts or a problem page."""
    global _command
    _command = command


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check everything before MkDocs reads a file; runs first so a failure stops the build."""
    global _prepared, _left_out_uris, _problem_page
    root = Path(config.config_file_path).resolve().parent
    try:
        edition = edition_from_env(_command)
    except EditionError as exc:
        raise PluginError(str(exc)) from None
    form_url = config.extra.get(FORM_URL_KEY) or ""  # checked with mkdocs.yml by prepare()
    prepared, problems = prepare(root, edition, config.site_url or "", form_url)
    if problems.errors or os.environ.get(CHECKED_ENV) != "1":
        for problem in problems.sorted():
            print(problem.format(), file=sys.stderr)
    _problem_page = None
    if prepared is None and _command == "serve":
        _problem_page = problem_page(problems)
        config.nav = None
        return config
    if prepared is None:
        raise PluginError(problems.summary())
    _prepared = prepared
    _left_out_uris = {p.removeprefix(f"{CONTENT_DIR}/") for p in prepared.site.left_out}
    config.watch.append(str(Path(site_builder.__file__).parent))  # live reload on code changes
    config.extra["hub"] = {
        "as_of": edition.as_of.isoformat(),
        "edition": "internal" if edition.internal else "public",
        "preview": edition.preview,
    }
    return config


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Replace the document sources with the generated pages; left-out items vanish here."""
    if _problem_page is not None:
        return Files([])
    assert _prepared is not None
    for file in list(files):
        if file.src_uri.split("/", 1)[0] in DOCUMENT_FOLDERS:
            files.remove(file)
    for output in _prepared.outputs:
        existing = files.get_file_from_path(output.path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, output.path, content=output.content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Free pages: front matter is text, and links to left-out items are dropped (generated
    pages do both themselves). Free pages are search results too, with their search facts."""
    if page.file.generated_by:
        return markdown
    assert _prepared is not None
    page.meta = escaped(page.meta)
    markdown = drop_links(markdown, page.file.src_uri, _left_out_uris, config.site_url or "")
    page.meta[FLAG] = SECONDARY_WEIGHT
    facts = free_page_facts(markdown, _prepared.site.project.synonyms)
    return f"{markdown.rstrip()}\n\n{facts.html()}\n"


def on_page_context(context, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001
    """Point "edit this page" at the author's source file (internal edition only)."""
    assert _prepared is not None
    page.edit_url = _prepared.site.edit_url(page.file.src_uri, config.extra.get("hub_edit_base"))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """With errors in `serve`, every address answers with the problem page (served as 404).
    Plain `mkdocs build` and `mkdocs serve` (and `hub serve`) get the search index here;
    `hub build` makes it itself, after the engine whatever the engine. A plain `mkdocs build`
    then runs the output gate over what was written and fails on a finding (`hub build` runs
    the gate itself, before its swap, so its old site is kept)."""
    if _problem_page is not None:
        Path(config.site_dir, "404.html").write_text(_problem_page, encoding="utf-8")
        return
    if os.environ.get(CHECKED_ENV) == "1":
        return
    try:
        index_site(Path(config.site_dir))
    except SearchIndexFailed as exc:
        raise PluginError(str(exc)) from None
    if _command == "build" and _prepared is not None:
        root = Path(config.config_file_path).resolve().parent
        gate = OutputGate.for_site(_prepared.site, root)
        problems = gate.scan(Path(config.site_dir), config.site_dir)
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        if problems:
            raise PluginError(f"the output gate found {len(problems)} problem(s) in the built site")
