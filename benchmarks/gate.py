"""Time the output gate's share of `hub build`, on the demo and on the demo plus N briefings.

Run: python benchmarks/gate.py [--count 2000] [--reviews 100] [--runs 2] [--keep DIR]

Each project (made as benchmarks/build.py makes it) is built with `hub build`, which runs the
output gate before the swap; then the gate alone reads the built site, in this process, as
`hub build` runs it (the same `OutputGate`, the same worker processes). For each project it
prints the best of `--runs` for: the build's wall and CPU time, the gate's wall and CPU time
(its worker processes included) and the gate's share of the build's wall and CPU time.
Goal: a share of at most 10 % of the wall time. On a busy machine wall times are inflated;
the CPU share is the steadier figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_builder.config import site_url  # noqa: E402
from site_builder.gate import OutputGate  # noqa: E402
from site_builder.pipeline import check  # noqa: E402
from site_builder.publication import Edition  # noqa: E402
from site_builder.site import Site  # noqa: E402

GOAL_SHARE = 0.10


def _build_module():
    """benchmarks/build.py, for its project writers and its timed `hub` runs."""
    path = Path(__file__).with_name("build.py")
    spec = importlib.util.spec_from_file_location("hub_build_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cpu() -> float:
    """CPU time of this process and of its finished children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def time_gate(root: Path, site_dir: Path, as_of: str) -> tuple[float, float, int]:
    """Wall and CPU time of the gate on `site_dir`, and how many problems it found."""
    project, _ = check(root)
    site = Site.publish(project, Edition(date.fromisoformat(as_of)), site_url(root))
    gate = OutputGate.for_site(site, root)
    cpu = _cpu()
    start = time.perf_counter()
    problems = gate.scan(site_dir)
    return time.perf_counter() - start, _cpu() - cpu, len(problems)


def measure(label: str, root: Path, runs: int, bench) -> None:  # noqa: ANN001
    """Print the figures for one project."""
    site_dir = root / "site"
    builds = [bench.timed(root, "build", "--site-dir", str(site_dir)) for _ in range(runs)]
    gates = [time_gate(root, site_dir, bench.AS_OF) for _ in range(runs)]
    build_wall, build_cpu = min(builds)
    gate_wall, gate_cpu, problems = min(gates)
    size = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    share = gate_wall / build_wall
    verdict = "within" if share <= GOAL_SHARE else "over"
    print(
        f"{label}: site {size / 2**20:.0f} MB; hub build {build_wall:.1f} s (CPU {build_cpu:.1f}"
        f" s); output gate {gate_wall:.2f} s (CPU {gate_cpu:.2f} s), {problems} problems; "
        f"gate share {share:.1%} of hub build's wall time ({verdict} the {GOAL_SHARE:.0%} goal),"
        f" {gate_cpu / build_cpu:.1%} of its CPU time",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="generated briefings")
    parser.add_argument("--reviews", type=int, default=100, help="generated reviews")
    parser.add_argument("--runs", type=int, default=2, help="best of this many runs")
    parser.add_argument("--keep", type=Path, help="build here and keep the projects")
    args = parser.parse_args()
    bench = _build_module()
    base = args.keep or Path(tempfile.mkdtemp(prefix="hub-gate-bench-"))
    try:
        measure("demo", bench.copy_demo(base / "demo"), args.runs, bench)
        big = bench.copy_demo(base / "large")
        rng = random.Random(20261126)
        review_ids = bench.write_reviews(big, args.reviews, rng)
        bench.write_briefings(big, args.count, review_ids, rng)
        measure(f"demo + {args.count} briefings", big, args.runs, bench)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
