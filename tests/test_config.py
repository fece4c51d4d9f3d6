"""mkdocs.yml checks: YAML errors, site_url, the hub's hook and nav entries to documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.config import check_config
from site_builder.problems import Problems

GOOD = """\
site_name: Test hub
site_url: https://learning.example/
hooks:
  - hooks/hub.py
nav:
  - Home: index.md
  - Briefings: briefings/index.md
  - reviews/index.md
  - About: about.md
  - GOV.UK: https://www.gov.uk/
markdown_extensions:
  - tables
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
exclude_docs: |
  /briefings/
  /reviews/
  /reports/
"""

HOOK_MISSING = (
    "the hub's hook is missing: add 'hooks: [hooks/hub.py]'"
    " (without it, 'mkdocs build' runs no check and publishes every draft)"
)


EXCLUDE_MISSING = (
    "exclude_docs must leave out {}, one per line under 'exclude_docs: |'"
    " (an engine run without the hub, such as 'zensical build', would publish every draft)"
)


def test_without_exclude_docs_an_engine_run_alone_could_publish_drafts(tmp_path: Path) -> None:
    text = GOOD.replace("exclude_docs: |\n  /briefings/\n  /reviews/\n  /reports/\n", "")
    assert problems_of(tmp_path, text) == [
        f"mkdocs.yml:1: error: {EXCLUDE_MISSING.format('/briefings/, /reviews/ and /reports/')}"
    ]


def test_exclude_docs_must_name_every_document_folder_at_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("  /reviews/\n", "  /review/\n")
    assert problems_of(tmp_path, text) == [
        f"mkdocs.yml:17: error: {EXCLUDE_MISSING.format('/reviews/')}"
    ]


def nav_error(entry: str, path: str) -> str:
    return (
        f"the nav entry '{entry}' points at a document ({path}): remove it"
        " (a document is listed on its section page, and only while it is published)"
    )


def problems_of(tmp_path: Path, text: str | None) -> list[str]:
    if text is not None:
        (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    problems = Problems()
    check_config(tmp_path, problems)
    return [p.format() for p in problems.sorted()]


def test_a_good_config_passes_and_gives_its_settings(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(GOOD, encoding="utf-8")
    problems = Problems()
    settings = check_config(tmp_path, problems)
    assert list(problems) == []
    assert settings.site_url == "https://learning.example/"
    assert settings.markdown_extensions == ("tables", "toc", "pymdownx.emoji")


def test_missing_hook_is_an_error_on_line_1(tmp_path: Path) -> None:
    text = GOOD.replace("hooks:\n  - hooks/hub.py\n", "")
    assert problems_of(tmp_path, text) == [f"mkdocs.yml:1: error: {HOOK_MISSING}"]


def test_other_hooks_only_is_an_error_at_hooks(tmp_path: Path) -> None:
    text = GOOD.replace("  - hooks/hub.py\n", "  - hooks/other.py\n")
    assert problems_of(tmp_path, text) == [f"mkdocs.yml:3: error: {HOOK_MISSING}"]


@pytest.mark.parametrize("hook", ["./hooks/hub.py", "hooks//hub.py", "[hooks/hub.py]"])
def test_the_hook_however_written(tmp_path: Path, hook: str) -> None:
    text = GOOD.replace("hooks:\n  - hooks/hub.py\n", f"hooks: {hook}\n")
    assert problems_of(tmp_path, text) == []


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ("reviews/zqdraft.md", "reviews/zqdraft.md"),
        ("Draft: briefings/zqdraft.md", "briefings/zqdraft.md"),
        ("/reports/2026-27-q1/", "reports/2026-27-q1.md"),
        ("https://learning.example/reviews/zqdraft/", "reviews/zqdraft.md"),
    ],
)
def test_a_nav_entry_to_a_document_is_an_error_at_its_line(
    tmp_path: Path, entry: str, path: str
) -> None:
    text = GOOD.replace("  - About: about.md\n", f"  - About: about.md\n  - {entry}\n")
    value = entry.split(": ", 1)[-1]
    assert problems_of(tmp_path, text) == [f"mkdocs.yml:10: error: {nav_error(value, path)}"]


def test_a_nav_entry_in_a_section_is_found(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  - About: about.md\n", "  - More:\n      - Learning:\n          - reviews/x.md\n"
    )
    assert problems_of(tmp_path, text) == [
        f"mkdocs.yml:11: error: {nav_error('reviews/x.md', 'reviews/x.md')}"
    ]


def test_missing_site_url_is_an_error(tmp_path: Path) -> None:
    text = GOOD.replace("site_url: https://learning.example/\n", "")
    assert problems_of(tmp_path, text) == [
        "mkdocs.yml:1: error: 'site_url' is missing: add the site's address, e.g."
        " 'site_url: https://learning.example.org/' (feeds need absolute URLs)"
    ]


def test_a_site_url_that_is_not_an_address(tmp_path: Path) -> None:
    text = GOOD.replace("https://learning.example/", "learning.example")
    assert problems_of(tmp_path, text) == [
        "mkdocs.yml:2: error: 'site_url' must be the site's full address, starting https://,"
        " got 'learning.example'"
    ]


def test_yaml_error_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("  - Home: index.md\n", "  - Home: index.md: x\n")
    assert problems_of(tmp_path, text) == [
        "mkdocs.yml:6: error: invalid YAML: a value containing ': ' must be in quotes"
    ]


def test_missing_and_empty_files(tmp_path: Path) -> None:
    assert problems_of(tmp_path, None) == [
        "mkdocs.yml: error: file not found: the hub is configured in mkdocs.yml at the top"
        " of the project (copy it from the hub's repository)"
    ]
    assert problems_of(tmp_path, "# nothing\n") == [
        "mkdocs.yml:1: error: the file is empty: it must hold the hub's settings"
    ]
    assert problems_of(tmp_path, "- a\n") == [
        "mkdocs.yml:1: error: mkdocs.yml must hold settings, 'key: value'"
    ]


def test_every_problem_in_one_pass(tmp_path: Path) -> None:
    text = "site_name: x\nnav:\n  - briefings/b.md\n"
    assert problems_of(tmp_path, text) == [
        "mkdocs.yml:1: error: 'site_url' is missing: add the site's address, e.g."
        " 'site_url: https://learning.example.org/' (feeds need absolute URLs)",
        f"mkdocs.yml:1: error: {HOOK_MISSING}",
        f"mkdocs.yml:1: error: {EXCLUDE_MISSING.format('/briefings/, /reviews/ and /reports/')}",
        f"mkdocs.yml:3: error: {nav_error('briefings/b.md', 'briefings/b.md')}",
    ]


def test_the_repository_config_passes() -> None:
    problems = Problems()
    check_config(Path(__file__).resolve().parent.parent, problems)
    assert list(problems) == []


def test_markup_in_site_name_and_nav_titles(tmp_path: Path) -> None:
    text = GOOD.replace("site_name: Test hub", 'site_name: "Hub<script>x</script>"').replace(
        "  - About: about.md", '  - "<img src=x onerror=alert(1)>": about.md'
    )
    assert problems_of(tmp_path, text) == [
        "mkdocs.yml:1: error: site_name: <script> is not allowed in a page:"
        " remove it (raw HTML may only lay out text)",
        "mkdocs.yml:9: error: nav title: the event attribute 'onerror' is not allowed:"
        " remove it (raw HTML may only lay out text)",
    ]
