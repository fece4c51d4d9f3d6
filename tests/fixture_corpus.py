"""A fixture corpus for the page, build and publication-safety tests.

The minimal corpus of `conftest.py` plus items that must stay out of the public build
(draft, embargoed, future-dated and internal briefings, reviews and a draft report),
each carrying a marker string in every text field, a published briefing that cites a
draft review, and `<script>` in titles, summaries, learning and action text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date
from pathlib import Path

from conftest import (
    AS_OF,
    MINIMAL_FILES,
    SEVEN_SECTIONS,
    TAXONOMY,
    copy_engine,
    run_hub,
    write_tree,
)

from site_builder.pipeline import Prepared, prepare
from site_builder.publication import Edition

SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

# Marker -> what carries it. Each marker is also in the item's id, so no URL can leak.
LEFT_OUT_MARKERS = {
    "zqdraftbrief": "draft briefing",
    "zqembargobrief": "embargoed briefing (publish_from)",
    "zqfuturebrief": "future-dated briefing",
    "zqinternalbrief": "internal briefing",
    "zqdraftreview": "draft review",
    "zqembargoreview": "embargoed review",
    "zqinternalreview": "internal review",
    "zqdraftreport": "draft report",
}
INTERNAL_MARKERS = ("zqinternalbrief", "zqinternalreview")


def _briefing(marker: str, extra: str, *, day: str = "2026-02-01", reviews: str = "[]") -> str:
    return f"""\
---
title: Briefing {marker} title
date: {day}
summary: Summary {marker} summary.
themes: [neglect, early-help]
audience: [education]
agencies: [police, education]
reviews: {reviews}
{extra}
---

{marker} body.

{SEVEN_SECTIONS}
"""


def _review(marker: str, extra: str) -> str:
    return f"""\
---
title: Review {marker} title
type: learning-review
themes: [neglect]
agencies: [police]
notified: 2026-02-01
completed: 2026-03-01
learning:
  - Learning {marker} point.
actions:
  - id: B1
    action: Action {marker} text.
    owner: police
    due: 2026-04-01
    status: not-started
    impact: Impact {marker} text.
{extra}
---

## Summary

Body {marker} text.
"""


CITING_BRIEFING = f"""\
---
title: Learning from a review still in draft
date: 2026-03-10
summary: A published briefing whose source review is still a draft.
themes: [neglect]
reviews: [zqdraftreview, rr-2026-01-child-a]
review_by: 2026-06-30
tags: [escalation]
---

Read [the draft review](../reviews/zqdraftreview.md), also at
[its address](/reviews/zqdraftreview/), and [Child A](../reviews/rr-2026-01-child-a.md).

{SEVEN_SECTIONS}
"""

EVIL_BRIEFING = f"""\
---
title: "{SCRIPT} Evil briefing"
date: 2026-04-01
summary: "{SCRIPT} evil summary & more"
themes: [csa-cse]
audience: [health]
agencies: [health]
format: standard
---

An ordinary body.
"""

EVIL_REVIEW = f"""\
---
title: "{SCRIPT} Evil review"
type: multi-agency-audit
themes: [csa-cse]
agencies: [health]
notified: 2026-05-01
completed: 2026-06-01
published: 2026-06-15
learning:
  - "{SCRIPT} evil learning"
actions:
  - id: E1
    action: "{SCRIPT} evil action"
    owner: health
    due: 2026-07-01
    status: in-progress
---

An ordinary summary.
"""

REPORT = """\
---
period: 2026-27-q2
meeting_date: 2026-11-10
author: Business unit
---

The quarter in brief.
"""

CORPUS: dict[str, str] = {
    **MINIMAL_FILES,
    # The minimal taxonomy's privacy_allow entry is not needed here.
    "data/taxonomy.yaml": TAXONOMY.split("privacy_allow:")[0],
    "content/briefings/zqdraftbrief.md": _briefing("zqdraftbrief", "status: draft"),
    "content/briefings/zqembargobrief.md": _briefing("zqembargobrief", "publish_from: 2027-01-01"),
    "content/briefings/zqfuturebrief.md": _briefing("zqfuturebrief", "", day="2026-12-24"),
    "content/briefings/zqinternalbrief.md": _briefing("zqinternalbrief", "visibility: internal"),
    "content/briefings/citing-draft-review.md": CITING_BRIEFING,
    "content/briefings/evil-briefing.md": EVIL_BRIEFING,
    "content/reviews/zqdraftreview.md": _review("zqdraftreview", "status: draft"),
    "content/reviews/zqembargoreview.md": _review("zqembargoreview", "publish_from: 2027-02-01"),
    "content/reviews/zqinternalreview.md": _review("zqinternalreview", "visibility: internal"),
    "content/reviews/evil-review.md": EVIL_REVIEW,
    "content/reports/2026-27-q2.md": REPORT,
    "content/reports/2026-27-q1.md": REPORT.replace("2026-27-q2", "2026-27-q1").replace(
        "meeting_date: 2026-11-10", "meeting_date: 2026-08-10\nstatus: draft"
    )
    + "\nzqdraftreport narrative.\n",
    # A free page that links to a left-out briefing: the link is dropped, its text kept.
    "content/about.md": "# About\n\nSee [a draft](briefings/zqdraftbrief.md) for more.\n",
}


def write_corpus(root: Path) -> Path:
    """The fixture corpus with the repository's engine (mkdocs.yml, hooks, overrides)."""
    root.mkdir(parents=True, exist_ok=True)
    copy_engine(root)
    return write_tree(root, CORPUS)


def prepared(root: Path, *, internal: bool = False) -> Prepared:
    """The published view and generated files of `root` at the pinned as-of date."""
    result, problems = prepare(root, Edition(date.fromisoformat(AS_OF), internal))
    assert result is not None, [p.format() for p in problems.sorted()]
    return result


def built_site(tmp_root: Path, *args: str) -> Path:
    """Write the corpus under `tmp_root` and build it with `hub build` (extra `args`)."""
    root = write_corpus(tmp_root / "project")
    site_dir = tmp_root / "site"
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def site_texts(site_dir: Path) -> dict[str, str]:
    """Every file under `site_dir` as text, by relative path; gzip data (sitemap.xml.gz and
    Pagefind's index chunks, whatever their suffix) decompressed."""
    texts = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            texts[path.relative_to(site_dir).as_posix()] = data.decode("utf-8", "replace")
    return texts


PAGEFIND_SIGNATURE = b"pagefind_dcd"


def pagefind_records(site_dir: Path) -> dict[str, dict]:
    """Pagefind's record of each result page (content, meta, filters), by URL."""
    records = {}
    for path in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(PAGEFIND_SIGNATURE), path
        record = json.loads(data[len(PAGEFIND_SIGNATURE) :])
        records[record["url"]] = record
    return records


def pagefind_text(texts: dict[str, str]) -> str:
    """Every file of the search bundle (from `site_texts`) as one text."""
    return "\n".join(text for path, text in texts.items() if path.startswith("pagefind/"))


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def generated(tmp_root: Path, *, internal: bool = False) -> tuple[Prepared, dict[str, str]]:
    """Write the corpus under `tmp_root` and generate its pages in-process: (prepared, by path)."""
    result = prepared(write_corpus(tmp_root / "project"), internal=internal)
    return result, {o.path: o.content for o in result.outputs if isinstance(o.content, str)}
