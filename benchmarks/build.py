"""Time `hub check` and `hub build` for the demo and for N generated briefings; measure pages.

Run: python benchmarks/build.py [--count 2000] [--reviews 100] [--keep DIR]

For the demo project (a copy of content/, data/, mkdocs.yml, hooks/, overrides/) and for
the same project plus `--count` seven-minute briefings (about 600 words each) and `--reviews`
reviews with actions, it prints: the wall and CPU time of `hub check` and of `hub build`
(CPU time, of the command and its subprocesses, is the fairer figure on a busy machine),
the number of HTML pages, the median size of a briefing page, the size of the /briefings/
index and the size of the Pagefind bundle (a reader downloads only the chunks a search
needs: see benchmarks/search.py).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-26"
_TEXT = (
    "practitioners should ask who lives in the home and record what they see, hear and are "
    "told; share concerns early with partners, escalate when a plan is not working, and keep "
    "the child's lived experience at the centre of every assessment and review meeting"
)
WORDS = _TEXT.split()
REVIEW_TYPES = ["rapid-review", "lcspr", "learning-review", "multi-agency-audit"]
STATUSES = ["not-started", "in-progress", "complete"]


def copy_demo(target: Path) -> Path:
    """A copy of the repository's demo project."""
    target.mkdir(parents=True)
    for name in ("content", "data", "hooks", "overrides"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _taxonomy(root: Path) -> dict[str, list[str]]:
    data = yaml.safe_load((root / "data/taxonomy.yaml").read_text(encoding="utf-8"))
    return {
        key: [item["id"] for item in data[key]] for key in ("priorities", "agencies", "audiences")
    }


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_reviews(root: Path, count: int, rng: random.Random) -> list[str]:
    """`count` published reviews, each with three actions; returns their ids."""
    vocab = _taxonomy(root)
    ids = []
    for i in range(count):
        review_id = f"bench-review-{i:04d}"
        notified = f"20{22 + i % 4}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        actions = [
            {
                "id": f"A{n}",
                "action": _prose(rng, 20),
                "owner": rng.choice(vocab["agencies"]),
                "due": f"2026-{1 + (i + n) % 12:02d}-15",
                "status": STATUSES[(i + n) % 3],
            }
            for n in range(1, 4)
        ]
        for action in actions:
            if action["status"] == "complete":
                action["completed"] = action["due"]
        meta = {
            "title": f"Benchmark review {i}",
            "type": REVIEW_TYPES[i % len(REVIEW_TYPES)],
            "themes": rng.sample(vocab["priorities"], 2),
            "agencies": rng.sample(vocab["agencies"], 3),
            "notified": notified,
            "learning": [_prose(rng, 25) for _ in range(3)],
            "actions": actions,
        }
        text = "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n## Summary\n\n"
        (root / f"content/reviews/{review_id}.md").write_text(
            text + _prose(rng, 200) + "\n", encoding="utf-8"
        )
        ids.append(review_id)
    return ids


def write_briefings(root: Path, count: int, review_ids: list[str], rng: random.Random) -> None:
    """`count` published seven-minute briefings of about 600 words."""
    vocab = _taxonomy(root)
    for i in range(count):
        meta = {
            "title": f"Benchmark briefing {i}: {' '.join(rng.sample(WORDS, 4))}",
            "date": f"20{20 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "summary": _prose(rng, 30),
            "themes": rng.sample(vocab["priorities"], 2),
            "audience": rng.sample(vocab["audiences"], 3),
            "agencies": rng.sample(vocab["agencies"], 2),
            "tags": ["benchmark"],
            "reviews": rng.sample(review_ids, 1) if review_ids else [],
        }
        sections = "\n\n".join(f"## {n}. Section {n}\n\n{_prose(rng, 85)}" for n in range(1, 8))
        text = "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n" + sections + "\n"
        (root / f"content/briefings/bench-{i:04d}.md").write_text(text, encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(root: Path, *args: str) -> tuple[float, float]:
    """Wall and CPU time of one `hub` command (and its subprocesses); stops if it fails."""
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", *args, "--as-of", AS_OF],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"hub {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, _children_cpu() - cpu


def measure(label: str, root: Path) -> None:
    """Print the figures for one project."""
    check = timed(root, "check")
    site = root / "site"
    build = timed(root, "build", "--site-dir", str(site))
    pages = list(site.rglob("*.html"))
    briefing_pages = [
        p for p in (site / "briefings").glob("*/index.html") if p.parent.name != "audience"
    ]
    median = statistics.median(p.stat().st_size for p in briefing_pages)
    index = (site / "briefings/index.html").stat().st_size
    search = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    print(
        f"{label}: hub check {check[0]:.1f} s (CPU {check[1]:.1f} s), "
        f"hub build {build[0]:.1f} s (CPU {build[1]:.1f} s), {len(pages)} pages, "
        f"briefing page median {median / 1024:.1f} KB, /briefings/ {index / 1024:.1f} KB, "
        f"search bundle {search / 1024 / 1024:.1f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="generated briefings")
    parser.add_argument("--reviews", type=int, default=100, help="generated reviews")
    parser.add_argument("--keep", type=Path, help="build here and keep the projects")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="hub-bench-"))
    try:
        measure("demo", copy_demo(base / "demo"))
        big = copy_demo(base / "large")
        rng = random.Random(20261126)
        review_ids = write_reviews(big, args.reviews, rng)
        write_briefings(big, args.count, review_ids, rng)
        measure(f"demo + {args.count} briefings", big)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
