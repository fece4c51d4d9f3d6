"""Generation of every file: a large site's made in forked workers, the same as in one process."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, corpus_project

from site_builder import engine, pages
from site_builder.build import build_site
from site_builder.pipeline import check, publish
from site_builder.publication import Edition


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Generation in workers whatever the size of the site and the machine."""

    def use() -> None:
        monkeypatch.setattr(pages, "PARALLEL_FROM", 0)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)

    return use


def test_workers_generate_the_same_files_in_the_same_order(tmp_path: Path, in_workers) -> None:  # noqa: ANN001
    checked = check(corpus_project("rich", tmp_path / "project"))
    edition = Edition(as_of=date.fromisoformat(AS_OF))
    alone = publish(checked, edition, raw_links_from_source=True)
    in_workers()
    apart = publish(checked, edition, raw_links_from_source=True)
    assert len(apart.outputs) > 30
    assert [(f.path, f.content) for f in apart.outputs] == [
        (f.path, f.content) for f in alone.outputs
    ]


def test_blocks_held_in_workers_are_put_back(tmp_path: Path, in_workers) -> None:  # noqa: ANN001
    checked = check(corpus_project("rich", tmp_path / "project"))
    edition = Edition(as_of=date.fromisoformat(AS_OF))
    mkdocs = engine.engine("mkdocs")
    build_site(publish(checked, edition, held=True), tmp_path / "alone", mkdocs)
    in_workers()
    build_site(publish(checked, edition, held=True), tmp_path / "apart", mkdocs)
    written = {
        path.relative_to(tmp_path / "apart").as_posix(): path.read_bytes()
        for path in (tmp_path / "apart").rglob("*.html")
    }
    expected = {
        path.relative_to(tmp_path / "alone").as_posix(): path.read_bytes()
        for path in (tmp_path / "alone").rglob("*.html")
    }
    assert len(written) > 30 and written == expected
