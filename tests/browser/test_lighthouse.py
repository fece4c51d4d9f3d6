"""Lighthouse (npm devDependency) on the home page, a briefing and the latest report.

Run with Lighthouse's default **mobile** settings (a phone's screen, throttled network and
CPU: practitioners read on phones) against the corpus site served on 127.0.0.1 (text gzipped,
as a static host serves it), with Debian's
Chromium (`CHROME_PATH=/usr/bin/chromium`). Accessibility must be 1.0 and performance at
least 0.9. Performance is a timing score: on a busy machine one run
can be unlucky, so a page below the bar is measured once more and the better run counts
(Lighthouse's own advice is to look at more than one run). The scores are printed at the end
of the test session.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.test_accessibility import latest_report_period
from tests.conftest import REPO

pytestmark = pytest.mark.browser

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
PAGES = {
    "home": "",
    "briefing": "briefings/think-family/",
    "report": f"reports/{latest_report_period()}/",
}
MIN_PERFORMANCE = 0.9
RUNS = 2  # at most; the second only when the first is below the performance bar


@pytest.fixture(scope="session")
def lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        message = f"{LIGHTHOUSE} missing: run `npm ci` at the repository root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return LIGHTHOUSE


def run_lighthouse(lighthouse: Path, url: str, output: Path) -> dict[str, float]:
    """Category scores (0..1) of one Lighthouse run on `url`."""
    command = [
        str(lighthouse),
        url,
        "--quiet",
        "--form-factor=mobile",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=accessibility,performance",
        "--output=json",
        # The test server gzips text as GitHub Pages does (conftest.py); reading plotly.js's
        # body back for this audit can time Lighthouse out.
        "--skip-audits=uses-text-compression",
        f"--output-path={output}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert output.exists(), f"lighthouse failed (exit {result.returncode}):\n{result.stderr}"
    report = json.loads(output.read_text(encoding="utf-8"))
    assert not report.get("runtimeError"), report["runtimeError"]
    return {name: category["score"] for name, category in report["categories"].items()}


def failing_audits(path: Path) -> list[str]:
    """The audits that cost points, for the failure message."""
    audits = json.loads(path.read_text(encoding="utf-8"))["audits"]
    return [
        f"{key}: {audit.get('displayValue') or audit['score']}"
        for key, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]


@pytest.mark.parametrize("kind", list(PAGES))
def test_lighthouse_scores(lighthouse, server_url, tmp_path, record_property, kind: str):
    url = server_url + PAGES[kind]
    runs = []
    for attempt in range(RUNS):
        output = tmp_path / f"{kind}-{attempt}.json"
        runs.append((run_lighthouse(lighthouse, url, output), output))
        if runs[-1][0]["performance"] >= MIN_PERFORMANCE:
            break
    scores, output = max(runs, key=lambda run: run[0]["performance"])
    record_property(
        "lighthouse",
        f"{kind} /{PAGES[kind]}: "
        + ", ".join(f"{name} {score:.2f}" for name, score in sorted(scores.items()))
        + f" (mobile, best of {len(runs)})",
    )
    assert scores["accessibility"] == 1.0, failing_audits(output)
    assert scores["performance"] >= MIN_PERFORMANCE, (
        f"performance {scores['performance']:.2f} < {MIN_PERFORMANCE}: {failing_audits(output)}"
    )
