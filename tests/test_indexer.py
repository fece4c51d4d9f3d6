"""Pagefind's command line run on a folder of pages (site_builder.indexer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write_tree

from site_builder.indexer import IndexerFailed, index_folder
from site_builder.search import index_config

PAGE = (
    '<html lang="en"><head><title>{0}</title></head>'
    "<body><main data-pagefind-body><h1>{0}</h1><p>{1}</p></main></body></html>"
)


def _languages(site: Path) -> dict:
    return json.loads((site / "pagefind/pagefind-entry.json").read_text("utf-8"))["languages"]


def test_the_pages_are_indexed_at_their_paths(tmp_path: Path) -> None:
    pages = write_tree(
        tmp_path / "pages",
        {
            "a/index.html": PAGE.format("Neglect", "cumulative harm"),
            "b.html": PAGE.format("B", "c"),
        },
    )
    assert index_folder(pages, index_config(tmp_path / "site")) == 2
    assert _languages(tmp_path / "site")["en"]["page_count"] == 2


def test_settings_in_the_folder_or_the_environment_do_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = write_tree(
        tmp_path / "pages",
        {
            "a/index.html": PAGE.format("Neglect", "cumulative harm"),
            "pagefind.yml": "glob: none/*.html\n",  # an author's file: no page would be read
        },
    )
    monkeypatch.chdir(pages)
    assert index_folder(pages, index_config(tmp_path / "site")) == 1
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_GLOB", "none/*.html")
    assert index_folder(pages, index_config(tmp_path / "site")) == 1


def test_a_failing_pagefind_is_a_clear_failure(tmp_path: Path) -> None:
    pages = write_tree(tmp_path / "pages", {"a/index.html": PAGE.format("A", "b")})
    settings = {**index_config(tmp_path / "site"), "bundle_format": "zip"}  # no such option
    with pytest.raises(IndexerFailed) as failed:
        index_folder(pages, settings)
    assert str(failed.value).startswith("Pagefind failed (exit 2): error: unexpected argument")
    assert not (tmp_path / "site").exists()


def test_a_folder_without_pages_is_a_clear_failure(tmp_path: Path) -> None:
    pages = write_tree(tmp_path / "pages", {"a/index.html": "<p>no html element</p>"})
    with pytest.raises(IndexerFailed) as failed:
        index_folder(pages, index_config(tmp_path / "site"))
    assert str(failed.value) == (
        "Pagefind failed (exit 1): Error: Pagefind was not able to build an index."
    )
