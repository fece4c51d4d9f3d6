"""The hub against its engines run stock, side by side on the same Markdown.

Run: python benchmarks/engines.py [--counts 500 2000] [--reviews 100] [--runs 3] [--zensical]

For each count, one project: the demo plus that many seven-minute briefings and `--reviews`
reviews (the generator of benchmarks/build.py). The peers build the very same Markdown files
(content/ as it is, front matter and all) stock: MkDocs + Material with a one-entry nav and its
search plugin, the hub's Markdown extensions; with `--zensical`, Zensical too (its own search
on). Runs alternate (stock, hub, stock, hub, ...) so that a slower minute of the machine hits
both; each is a fresh process, after a sync of the disk, timed on the wall clock with its peak
resident memory. Printed:
median seconds, hub/stock ratio, peak MiB, each pair's ratio and their median, and
t(largest)/t(smallest) for the hub.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import AS_OF, REPO, copy_demo, write_briefings, write_reviews  # noqa: E402

ENV = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
_PEAK = (
    "import resource, subprocess, sys;"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
    "sys.stderr.buffer.write(code.stderr[-2000:]) if code.returncode else None;"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
    "sys.exit(code.returncode)"
)


def project(base: Path, count: int, reviews: int) -> Path:
    root = copy_demo(base / f"hub-{count}")
    rng = random.Random(20261126)
    write_briefings(root, count, write_reviews(root, reviews, rng), rng)
    return root


def stock(root: Path, engine: str) -> Path:
    """A stock project over `root`'s Markdown: the same docs, one nav entry, the same
    extensions, the engine's own search; no hooks, no theme overrides."""
    target = root.parent / f"{engine}-{root.name}"
    shutil.copytree(root / "content", target / "docs")
    hub = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": hub["site_name"],
        "site_url": hub["site_url"],
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False, "language": "en"},
        "nav": [{"Home": "index.md"}],
        "markdown_extensions": hub["markdown_extensions"],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    if engine == "mkdocs":
        config["plugins"] = ["search"]
    else:
        config["theme"]["variant"] = "classic"
    (target / "mkdocs.yml").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return target


def command(kind: str, root: Path) -> list[str]:
    python = sys.executable
    if kind == "stock mkdocs":
        return [python, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    if kind == "stock zensical":
        return [python, "-m", "zensical", "build", "--clean", "-f", str(root / "mkdocs.yml")]
    engine = kind.removeprefix("hub ")
    site = root.parent / f"site-{root.name}-{engine}"
    build = ["build", "--site-dir", str(site), "--as-of", AS_OF, "--engine", engine]
    return [python, "-m", "site_builder", "--root", str(root), *build]


def run(kind: str, root: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of one build in a fresh process. The disk is synced first:
    the last build's writes are not flushed in this one's time."""
    os.sync()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command(kind, root)],
        cwd=root, env=ENV, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{kind} failed on {root}:\n{done.stderr}")
    return elapsed, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--reviews", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zensical", action="store_true", help="Zensical side by side too")
    args = parser.parse_args()
    engines = ["mkdocs", "zensical"] if args.zensical else ["mkdocs"]
    base = Path(tempfile.mkdtemp(prefix="hub-engines-"))
    hub_median: dict[tuple[str, int], float] = {}
    try:
        for count in args.counts:
            root = project(base, count, args.reviews)
            peers = {engine: stock(root, engine) for engine in engines}
            for engine in engines:
                times: dict[str, list[tuple[float, float]]] = {"stock": [], "hub": []}
                for _ in range(args.runs):  # alternating pairs
                    times["stock"].append(run(f"stock {engine}", peers[engine]))
                    times["hub"].append(run(f"hub {engine}", root))
                stock_s = statistics.median(t for t, _ in times["stock"])
                hub_s = statistics.median(t for t, _ in times["hub"])
                hub_median[engine, count] = hub_s
                # each pair's ratio: a slower minute of the machine slows both of a pair
                pairs = [h / s for (s, _), (h, _) in zip(times["stock"], times["hub"], strict=True)]
                print(
                    f"demo + {count} briefings, {engine}: stock {stock_s:.1f} s"
                    f" (peak {max(m for _, m in times['stock']):.0f} MiB), hub {hub_s:.1f} s"
                    f" (peak {max(m for _, m in times['hub']):.0f} MiB):"
                    f" hub/stock {hub_s / stock_s:.2f}x;"
                    f" runs stock {[round(t, 1) for t, _ in times['stock']]},"
                    f" hub {[round(t, 1) for t, _ in times['hub']]};"
                    f" pair ratios {[round(r, 2) for r in pairs]},"
                    f" median {statistics.median(pairs):.2f}x",
                    flush=True,
                )
        low, high = min(args.counts), max(args.counts)
        if low != high:
            for engine in engines:
                ratio = hub_median[engine, high] / hub_median[engine, low]
                print(f"hub {engine}: t({high})/t({low}) = {ratio:.2f}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
