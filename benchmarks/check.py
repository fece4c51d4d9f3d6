"""Time `hub check` on the demo project plus 2,000 generated seven-minute briefings.

Run: python benchmarks/check.py [--count 2000] [--runs 3] [--keep DIR]

It copies the demo project (content/, data/, mkdocs.yml, hooks/, overrides/) into a temporary
folder, writes `--count` realistic briefings of about 600 words each (seven `##` sections,
varied themes, audiences, agencies and cited reviews, with dates and figures in the prose so
the privacy gate has digits to look at), checks that `hub check` finds no problems, then
prints the wall time of the CLI (`python -m site_builder check`) as a subprocess: every run
and the best of `--runs`. Goal: 3 s or less on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-26"
GOAL_SECONDS = 3.0

SECTIONS = (
    "Background",
    "Why it matters",
    "What the review found",
    "What it means for practice",
    "Questions to ask yourself",
    "What you should do",
    "Further reading",
)
SENTENCES = (
    "Practitioners should stay professionally curious about who lives in the household.",
    "The rapid review found that information was held by several agencies but not shared.",
    "Between 2024 and 2026 the partnership saw 37 referrals where neglect was the main concern.",
    "Use the Graded Care Profile 2 when you are worried that a child's needs are not being met.",
    "Escalate your concerns through the partnership's resolving disagreements protocol.",
    "Think about the lived experience of the child: what is a day in their life like?",
    "Strategy discussions should include police, health and children's social care.",
    "Record the voice of the child, in their own words, and what you did as a result.",
    "A return home interview should be offered within 72 hours of a child being found.",
    "Ask fathers and male carers about their role, and include them in assessments.",
    "Where a child was not brought to 3 appointments, treat it as a safeguarding concern.",
    "The multi-agency audit in Q2 2025/26 looked at 12 cases and found good practice in 8.",
    "Supervision is the place to reflect on drift, delay and the impact on the child.",
    "Early help assessments completed within 45 working days rose to 81.5 per cent.",
    "Children missing education are at greater risk of exploitation and harm.",
    "Domestic abuse affects children who see, hear or live with its effects.",
)


def _taxonomy_ids(root: Path) -> dict[str, list[str]]:
    data = yaml.safe_load((root / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    return {
        key: [item["id"] for item in data[key]] for key in ("priorities", "agencies", "audiences")
    }


def _briefing(rng: random.Random, index: int, ids: dict[str, list[str]], reviews: list[str]) -> str:
    sections = []
    for number, heading in enumerate(SECTIONS, 1):
        paragraphs = [" ".join(rng.choices(SENTENCES, k=rng.randint(2, 4))) for _ in range(2)]
        sections.append(f"## {number}. {heading}\n\n" + "\n\n".join(paragraphs))
    themes = rng.sample(ids["priorities"], rng.randint(1, 3))
    audience = rng.sample(ids["audiences"], rng.randint(1, 4))
    agencies = rng.sample(ids["agencies"], rng.randint(1, 3))
    cited = rng.sample(reviews, rng.randint(0, 2)) if reviews else []
    day = 1 + index % 28
    month = 1 + (index // 28) % 12
    return (
        "---\n"
        f'title: "Learning briefing {index}: {rng.choice(SECTIONS).lower()}"\n'
        f"date: 2025-{month:02d}-{day:02d}\n"
        f'summary: "What practitioners should know from learning briefing {index}."\n'
        f"themes: [{', '.join(themes)}]\n"
        f"audience: [{', '.join(audience)}]\n"
        f"agencies: [{', '.join(agencies)}]\n"
        f"tags: [generated, benchmark]\n"
        f"reviews: [{', '.join(cited)}]\n"
        "format: seven-minute\n"
        "---\n\n" + "\n\n".join(sections) + "\n"
    )


def make_project(target: Path, count: int, seed: int = 2026) -> int:
    """Copy the demo project to `target` and add `count` briefings; return their mean words."""
    for name in ("content", "data", "hooks", "overrides"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    ids = _taxonomy_ids(target)
    reviews = sorted(p.stem for p in (target / "content" / "reviews").glob("*.md"))
    rng = random.Random(seed)
    folder = target / "content" / "briefings"
    words = 0
    for index in range(count):
        text = _briefing(rng, index, ids, reviews)
        words += len(text.split("---\n", 2)[2].split())
        (folder / f"generated-briefing-{index:04d}.md").write_text(text, encoding="utf-8")
    return words // max(count, 1)


def time_check(root: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU (user + system) seconds of one `hub check` subprocess, and its result."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("HUB_AS_OF", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "check", "--as-of", AS_OF],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "project"
        root.mkdir(parents=True, exist_ok=True)
        mean_words = make_project(root, args.count)
        total = len(list((root / "content" / "briefings").glob("*.md")))
        print(f"project: {total} briefings ({args.count} generated, ~{mean_words} words each)")
        times, cpus = [], []
        for run in range(1, args.runs + 1):
            wall, cpu, result = time_check(root)
            times.append(wall)
            cpus.append(cpu)
            print(f"run {run}: {wall:.2f} s wall, {cpu:.2f} s CPU (exit {result.returncode})")
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
                return 1
        best = min(times)
        verdict = "meets" if best <= GOAL_SECONDS else "misses"
        print(
            f"hub check, best of {args.runs}: {best:.2f} s wall, {min(cpus):.2f} s CPU"
            f" ({verdict} the {GOAL_SECONDS:.0f} s goal; load average now"
            f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
