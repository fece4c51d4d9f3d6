"""Golden tests: the generated Markdown of each page type for the fixture corpus.

The as-of date is pinned (`AS_OF`). After an intended change, regenerate with
`UPDATE_GOLDEN=1 pytest tests/test_pages_golden.py` and review the diff (refused when `CI` is
set).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_golden
from fixture_corpus import generated

GOLDEN = Path(__file__).parent / "golden" / "pages"
PAGES = [
    "index.md",
    "briefings/index.md",
    "briefings/neglect-toxic-trio.md",
    "briefings/citing-draft-review.md",
    "briefings/evil-briefing.md",
    "briefings/audience/health.md",
    "reviews/index.md",
    "reviews/rr-2026-01-child-a.md",
    "reviews/evil-review.md",
    "themes/index.md",
    "themes/neglect.md",
    "themes/csa-cse.md",
    "agencies/index.md",
    "agencies/health.md",
    "agencies/police.md",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return generated(tmp_path_factory.mktemp("golden"))[1]


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(pages: dict[str, str], path: str) -> None:
    assert_golden(pages[path], GOLDEN / path)


def test_updating_golden_files_is_refused_in_ci(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    monkeypatch.setenv("CI", "true")
    golden = tmp_path / "page.md"
    golden.write_text("reviewed\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="UPDATE_GOLDEN=1 is refused when CI is set"):
        assert_golden("changed\n", golden)
    assert golden.read_text(encoding="utf-8") == "reviewed\n"


def test_updating_golden_files_locally_rewrites_them(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    monkeypatch.delenv("CI", raising=False)
    golden = tmp_path / "new" / "page.md"
    assert_golden("changed\n", golden)
    assert golden.read_text(encoding="utf-8") == "changed\n"
    monkeypatch.delenv("UPDATE_GOLDEN")
    with pytest.raises(AssertionError):
        assert_golden("changed again\n", golden)
