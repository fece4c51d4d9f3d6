"""Smoke tests of the repository's own content/ and data/ (the demo, or a partnership's own).

Nothing here knows an id, a figure or a count of the demo: a partnership replaces content/ and
data/ with its own and these tests still hold. `hub check --strict` is clean, `hub build`
succeeds, and every URL of the contract (SPEC.md "Pages and URLs") exists for the items the
files hold, worked out from the files themselves. Every other test asserts on corpora the suite
owns (tests/corpora/, tests/conftest.py, tests/fixture_*.py).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import AS_OF, REPO, copy_engine, run_hub

AS_OF_DATE = date.fromisoformat(AS_OF)
SECTIONS = [
    "", "briefings/", "reviews/", "themes/", "agencies/", "actions/", "reports/", "accessibility/"
]
DOWNLOADS = [
    "feeds/rss.xml",
    "feeds/learning.json",
    "actions/actions.csv",
    "reviews/reviews.csv",
    "briefings/feedback.csv",
]


def front_matter(path: Path) -> dict:
    """The YAML between a Markdown file's opening `---` lines."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:]) or {}


def _on_or_before_as_of(value: object) -> bool:
    return value is None or date.fromisoformat(str(value)) <= AS_OF_DATE


def public(folder: str, *, dated: bool = False) -> list[str]:
    """Ids (file stems) of content/<folder>/ items a public build at AS_OF publishes:
    status published, visibility public, `publish_from` (and a briefing's `date`) not after
    AS_OF."""
    ids = []
    for path in sorted((REPO / "content" / folder).glob("*.md")):
        if path.name == "index.md":
            continue
        meta = front_matter(path)
        if (
            meta.get("status", "published") == "published"
            and meta.get("visibility", "public") == "public"
            and _on_or_before_as_of(meta.get("publish_from"))
            and (not dated or _on_or_before_as_of(meta.get("date")))
        ):
            ids.append(path.stem)
    return ids


def contract_urls() -> list[str]:
    """Every page URL the contract promises for what content/ and data/ hold."""
    taxonomy = yaml.safe_load((REPO / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    urls = list(SECTIONS)
    urls += [f"briefings/{id_}/" for id_ in public("briefings", dated=True)]
    urls += [f"reviews/{id_}/" for id_ in public("reviews")]
    urls += [f"reports/{period}/" for period in public("reports")]
    urls += [f"themes/{p['id']}/" for p in taxonomy["priorities"]]
    urls += [f"agencies/{a['id']}/" for a in taxonomy["agencies"]]
    return urls


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (engine, content and data) so nothing is written into it."""
    root = tmp_path_factory.mktemp("demo") / "project"
    root.mkdir()
    copy_engine(root)
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_the_content_checks_clean_in_strict_mode(demo: Path) -> None:
    result = run_hub(demo, "check", "--strict", "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["hub check: no problems found"]


def test_the_content_builds_and_every_contract_url_exists(demo: Path) -> None:
    site_dir = demo.parent / "site"
    result = run_hub(demo, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"hub: built {site_dir} (as of {AS_OF}, public edition)" in result.stdout
    missing = [u for u in contract_urls() if not (site_dir / u / "index.html").is_file()]
    assert missing == []
    assert [d for d in DOWNLOADS if not (site_dir / d).is_file()] == []
    reports = public("reports")
    assert [p for p in reports if not (site_dir / "reports" / p / "scorecard.csv").is_file()] == []
