"""MkDocs adapter for `mkdocs build`, `mkdocs serve` and `hub serve`: translation only.

site_builder prepares every file and puts back the raw HTML it held aside
(`site_builder.engine_run`); this hands them to MkDocs. `hub build` needs no hook.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

import site_builder
from engines.mkdocs import MkDocs
from site_builder.engine_run import EngineRun, RunFailed

_run = EngineRun("build")


def on_startup(command: str, dirty: bool) -> None:
    global _run
    _run = EngineRun(command)


@event_priority(100)  # first: a failed check stops the build before MkDocs reads a file
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.extra.update(_run.prepare(Path(config.config_file_path).resolve().parent))
    except RunFailed as exc:
        raise PluginError(str(exc)) from None
    config.watch.append(str(Path(site_builder.__file__).parent))  # reload on code changes
    if _run.prepared is None:  # `serve` with errors: the problem page stands in for the site
        config.nav = None
    return config


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    kept = [file for file in files if _run.keeps(file.src_uri)]
    made = [  # included though exclude_docs names their folders (it is there for the sources)
        File.generated(config, path, content=content, inclusion=InclusionLevel.INCLUDED)
        for path, content in _run.files()
    ]
    return Files(kept + made)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:  # noqa: ANN001
    return _run.fill(output, page.file.dest_uri)


def on_post_build(config: MkDocsConfig) -> None:
    try:
        _run.finish(Path(config.site_dir), MkDocs.shipped)
    except RunFailed as exc:
        raise PluginError(str(exc)) from None
