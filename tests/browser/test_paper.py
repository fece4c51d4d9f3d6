"""The board paper and the phone: the latest report printed as it opens holds every chart,
its pages are never left half empty, and no page type scrolls sideways at 320 or 375 px.

Charts on paper are the drawings made at build time (site_builder/drawing.py), so a report
printed before anything has scrolled or plotly has loaded still has them all.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.browser.conftest import guard_requests, third_party
from tests.browser.test_report import REPORT

MIN_CHART_HEIGHT = 150  # px: a chart a board member can read, not a sliver
A4_LANDSCAPE_DPI = 30  # pages rendered small: enough to see where the ink ends

FIGURES = """() => Array.from(document.querySelectorAll('figure.hub-figure')).map(figure => {
  const paper = figure.querySelector('svg.hub-chart-paper');
  const chart = figure.querySelector('.hub-chart');
  const box = paper ? paper.getBoundingClientRect() : {height: 0, width: 0};
  return {
    id: figure.id,
    caption: figure.querySelector('figcaption').textContent,
    figure: JSON.parse(chart.getAttribute('data-figure')),
    paperHeight: box.height,
    paperWidth: box.width,
    paperShown: !!paper && getComputedStyle(paper).display !== 'none',
    lines: paper ? paper.querySelectorAll('polyline, rect').length : 0,
    chartShown: getComputedStyle(chart).display !== 'none',
  };
})"""


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def printed(page, server_url):  # noqa: ANN001
    """The latest report freshly loaded, never scrolled, under print media: (figures, PDF)."""
    page.goto(server_url + REPORT, wait_until="load")
    page.emulate_media(media="print")
    figures = page.evaluate(FIGURES)
    pdf = page.pdf(format="A4")
    return figures, pdf


def test_every_chart_is_drawn_on_paper_as_the_report_opens(printed):
    figures, _ = printed
    assert len(figures) == 18
    for figure in figures:
        assert figure["paperShown"] and not figure["chartShown"], figure["id"]
        assert figure["paperHeight"] >= MIN_CHART_HEIGHT, (figure["id"], figure["paperHeight"])
        assert figure["lines"] >= 1, figure["id"]


def test_the_printed_pdf_holds_every_chart(printed, record_property):
    pypdf = pytest.importorskip("pypdf")
    figures, pdf = printed
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    # Every chart's caption, and every chart's own axis title (drawn inside the chart).
    for figure in figures:
        assert flat(figure["caption"]) in text, figure["caption"]
    titles = Counter(f["figure"]["layout"]["yaxis"]["title"]["text"] for f in figures)
    for title, count in titles.items():
        assert text.count(title) >= count, (title, text.count(title), count)
    # The legend: a "Value" per chart, a "Target" per chart with a target line.
    targets = sum(any(t.get("name") == "Target" for t in f["figure"]["data"]) for f in figures)
    assert text.count("Target") >= targets
    record_property("pdf_pages", len(reader.pages))
    print(f"\nlatest report: {len(reader.pages)} A4 pages")


def ink_depths(pdf: bytes, folder: Path) -> list[float]:
    """For each PDF page, how far down the page its lowest ink reaches (0 to 1)."""
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(A4_LANDSCAPE_DPI), str(source), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    depths = []
    for path in sorted(folder.glob("page-*.pgm")):
        magic, size, _, pixels = path.read_bytes().split(b"\n", 3)
        assert magic == b"P5"
        width, height = map(int, size.split())
        rows = [pixels[y * width : (y + 1) * width] for y in range(height)]
        inked = [y for y, row in enumerate(rows) if min(row) < 200]
        depths.append((max(inked) + 1) / height if inked else 0.0)
    return depths


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None and not os.environ.get("CI"),
    reason="pdftoppm not found (apt-get install poppler-utils); skipped outside CI",
)
def test_no_printed_page_is_more_than_half_empty_but_the_last(printed, tmp_path):
    _, pdf = printed
    depths = ink_depths(pdf, tmp_path)
    assert len(depths) > 1
    half_empty = [(i + 1, round(d, 2)) for i, d in enumerate(depths[:-1]) if d < 0.5]
    assert not half_empty, f"pages (number, depth of ink) more than half empty: {half_empty}"


# --- no sideways scrolling on a phone (WCAG 1.4.10) ------------------------------------------

PAGE_TYPES = {
    "home": "",
    "report list": "reports/",
    "report": REPORT,
    "theme": "themes/neglect/",
    "agency": "agencies/police/",
    "actions": "actions/",
}
FIRST_LINK = """(prefix) => {
  const link = Array.from(document.querySelectorAll('.md-content a[href]'))
    .map(a => a.href).find(href => href.includes(prefix) && !href.endsWith(prefix));
  return link || null;
}"""
WIDEST = """() => Array.from(document.querySelectorAll('.md-main *'))
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(el => !el.closest('.md-typeset__scrollwrap, .md-sidebar'))
  .slice(0, 5)
  .map(el => el.tagName.toLowerCase() + '.' + el.className)"""


def document_pages(page, server_url: str) -> dict[str, str]:  # noqa: ANN001
    """Every page type, a briefing and a review found from their lists."""
    pages = dict(PAGE_TYPES)
    for kind, listing in (("briefing", "briefings/"), ("review", "reviews/")):
        page.goto(server_url + listing, wait_until="domcontentloaded")
        link = page.evaluate(FIRST_LINK, f"/{listing}")
        assert link, listing
        pages[kind] = link.removeprefix(server_url)
    return pages


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_type_scrolls_sideways_on_a_phone(browser, server_url, width):  # noqa: ANN001
    context = browser.new_context(base_url=server_url, viewport={"width": width, "height": 740})
    requests = guard_requests(context)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        too_wide = {}
        for kind, path in document_pages(page, server_url).items():
            page.goto(server_url + path, wait_until="load")
            if page.locator(".hub-chart").count():
                # Charts included: every chart drawn by plotly at this width.
                page.wait_for_function("() => window.hubCharts !== undefined")
                page.evaluate("() => window.hubCharts.drawAll()")
                page.wait_for_function(
                    "() => Array.from(document.querySelectorAll('.hub-chart'))"
                    ".every(el => el.classList.contains('js-plotly-plot'))"
                )
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                too_wide[kind] = (scroll, page.evaluate(WIDEST))
        assert not too_wide, json.dumps(too_wide, indent=1)
    finally:
        context.close()
    assert not third_party(requests)
