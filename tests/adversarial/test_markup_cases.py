"""Adversarial safe-markup cases, through `hub check` and `hub build` as an author runs them.

Each unsafe case is one free page (no front matter: its lines are the file's lines) or one
document body, all in one project checked once; each test asserts the exact lines naming its
file. The safe cases (code shown as text, links to other sites, local images) share a second
project that must check clean and build, and whose pages must hold no live markup; it also
has a free page whose front-matter title is markup, which must stay text everywhere.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import AS_OF, MINIMAL_FILES, REVIEW, copy_engine, run_hub, write_tree
from tests.fixture_corpus import site_texts

LAYOUT = "remove it (raw HTML may only lay out text)"
JS = "a 'javascript:' link is not allowed in a page: link to a page or a file instead"


def tag(name: str) -> str:
    return f"<{name}> is not allowed in a page: {LAYOUT}"


def event(name: str) -> str:
    return f"the event attribute '{name}' is not allowed: {LAYOUT}"


def image(url: str) -> str:
    return (
        f"the image loads from another site ({url}):"
        " save the image under content/ and link to it there"
    )


def remote(url: str) -> str:
    return (
        f"the page loads a file from another site ({url}):"
        " save the file under content/ and link to it there"
    )


A = "content/adv"
# case id -> (file, text, [(line, message)])
CASES: dict[str, tuple[str, str, list[tuple[int, str]]]] = {
    "script": (f"{A}/script.md", "# S\n\n<script>alert(1)</script>\n", [(3, tag("script"))]),
    "script-upper": (f"{A}/script-upper.md", "<SCRIPT>alert(1)</SCRIPT>\n", [(1, tag("script"))]),
    "iframe": (
        f"{A}/iframe.md",
        "Text.\n\n<iframe src=\"https://video.example/embed/1\"></iframe>\n",
        [(3, tag("iframe"))],
    ),
    "object": (f"{A}/object.md", "<object data=\"x.swf\"></object>\n", [(1, tag("object"))]),
    "embed": (f"{A}/embed.md", "a\n<embed src=\"x.swf\">\n", [(2, tag("embed"))]),
    "style": (f"{A}/style.md", "<style>body{display:none}</style>\n", [(1, tag("style"))]),
    "link-tag": (f"{A}/link-tag.md", "<link rel=stylesheet href=x.css>\n", [(1, tag("link"))]),
    "onmouseover": (
        f"{A}/onmouseover.md",
        "Hover <span onmouseover=\"alert(1)\">here</span>.\n",
        [(1, event("onmouseover"))],
    ),
    "onerror-wrapped": (
        f"{A}/onerror-wrapped.md",
        "<img\n  src=\"a.png\"\n  ONERROR=alert(1)>\n",
        [(3, event("onerror"))],
    ),
    "onload-slash": (f"{A}/onload-slash.md", "<svg/onload=alert(1)>\n", [(1, event("onload"))]),
    "javascript-md": (f"{A}/javascript-md.md", "[Click](javascript:alert(1))\n", [(1, JS)]),
    "javascript-entity": (
        f"{A}/javascript-entity.md",
        "<a href=\"&#106;avascript:alert(1)\">x</a>\n",
        [(1, JS)],
    ),
    "javascript-spaced": (
        f"{A}/javascript-spaced.md",
        "<a href=\"  JaVa&#9;Script:alert(1)\">x</a>\n",
        [(1, JS)],
    ),
    "javascript-reference": (
        f"{A}/javascript-reference.md",
        "[Click][go]\n\n[go]: javascript:alert(1)\n",
        [(3, JS)],
    ),
    "vbscript": (
        f"{A}/vbscript.md",
        "<a href=\"vbscript:msgbox(1)\">x</a>\n",
        [(1, "a 'vbscript:' link is not allowed in a page: link to a page or a file instead")],
    ),
    "data-html": (
        f"{A}/data-html.md",
        "[x](data:text/html;base64,PHNjcmlwdD4=)\n",
        [(1, "a 'data:text/html' link is not allowed in a page: link to a page or a file instead")],
    ),
    "img-tracker": (
        f"{A}/img-tracker.md",
        "Pixel: <img src=https://tracker.example/x.png>\n",
        [(1, image("https://tracker.example/x.png"))],
    ),
    "md-image": (
        f"{A}/md-image.md",
        "# Chart\n\n![Chart](https://cdn.example/y.png)\n",
        [(3, image("https://cdn.example/y.png"))],
    ),
    "md-image-reference": (
        f"{A}/md-image-reference.md",
        "![Chart][c]\n\n[c]: https://cdn.example/z.png\n",
        [(1, image("https://cdn.example/z.png"))],
    ),
    "srcset": (
        f"{A}/srcset.md",
        "<img src=\"a.png\" srcset=\"a.png 1x, https://cdn.example/b.png 2x\">\n",
        [(1, image("https://cdn.example/b.png"))],
    ),
    "protocol-relative": (
        f"{A}/protocol-relative.md",
        "<img src=\"//cdn.example/c.png\">\n",
        [(1, image("//cdn.example/c.png"))],
    ),
    "video-poster": (
        f"{A}/video-poster.md",
        "<video src=\"clip.mp4\" poster=\"https://cdn.example/p.jpg\"></video>\n",
        [(1, remote("https://cdn.example/p.jpg"))],
    ),
    "audio-source": (
        f"{A}/audio-source.md",
        "<audio controls>\n<source src=\"https://cdn.example/a.mp3\">\n</audio>\n",
        [(2, remote("https://cdn.example/a.mp3"))],
    ),
    "svg-image": (
        f"{A}/svg-image.md",
        "<svg><image href=\"https://cdn.example/i.png\" /></svg>\n",
        [(1, remote("https://cdn.example/i.png"))],
    ),
    "css-url": (
        f"{A}/css-url.md",
        "<div style=\"background: url('https://cdn.example/bg.png')\">x</div>\n",
        [(1, remote("https://cdn.example/bg.png"))],
    ),
    "css-import-escaped": (
        f"{A}/css-import-escaped.md",
        "<p style=\"background:\\75 rl(//cdn.example/e.png)\">x</p>\n",
        [(1, remote("//cdn.example/e.png"))],
    ),
    "attr-list-event": (
        f"{A}/attr-list-event.md",
        "![Local](local.png){: onerror=\"alert(1)\" }\n",
        [(1, event("onerror"))],
    ),
    "list-indented-script": (
        f"{A}/list-indented-script.md",
        "- an item\n\n    <script>alert(1)</script>\n",
        [(3, tag("script"))],
    ),
    "admonition-body": (
        f"{A}/admonition-body.md",
        "!!! note\n\n    <iframe src=\"x.html\"></iframe>\n",
        [(3, tag("iframe"))],
    ),
    # Files published as they are: an HTML page, an SVG drawing (its own <style> is fine).
    "html-file": (f"{A}/page.html", "<p>Hi</p>\n<script>alert(1)</script>\n", [(2, tag("script"))]),
    "svg-file": (
        f"{A}/drawing.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">\n<style>.a{}</style>\n</svg>\n',
        [(1, event("onload"))],
    ),
    # Drafts are checked too: they will be published one day. Body starts at line 11.
    "draft-briefing-body": (
        "content/briefings/markup-draft.md",
        "---\ntitle: A draft\ndate: 2026-02-01\nsummary: Draft.\nthemes: [neglect]\n"
        "audience: [health]\nagencies: [police]\nformat: standard\nstatus: draft\n---\n"
        "Intro.\n\n<script>alert(1)</script>\n",
        [(13, tag("script"))],
    ),
    "review-body": (
        "content/reviews/lr-markup.md",
        REVIEW + "\n![Map](https://maps.example/m.png)\n",
        [(len(REVIEW.split("\n")) + 1, image("https://maps.example/m.png"))],
    ),
    "report-narrative": (
        "content/reports/2026-27-q1.md",
        "---\nperiod: 2026-27-q1\nmeeting_date: 2026-09-09\nauthor: Chair\n---\n\n"
        "In brief.\n\n<embed src=\"https://x.example/e.swf\">\n",
        [(9, tag("embed"))],
    ),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess:
    root = tmp_path_factory.mktemp("markup") / "project"
    root.mkdir()
    copy_engine(root)
    write_tree(root, {**MINIMAL_FILES, **{path: text for path, text, _ in CASES.values()}})
    return run_hub(root, "check", "--as-of", AS_OF)


@pytest.mark.parametrize("case", CASES)
def test_unsafe_markup_is_an_error(checked: subprocess.CompletedProcess, case: str) -> None:
    path, _, expected = CASES[case]
    lines = [line for line in checked.stdout.splitlines() if line.startswith(f"{path}:")]
    assert lines == [f"{path}:{line}: error: {message}" for line, message in expected]
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr


def test_the_build_refuses_unsafe_markup(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    copy_engine(root)
    path, text, expected = CASES["md-image"]
    write_tree(root, {**MINIMAL_FILES, path: text})
    result = run_hub(root, "build", "--site-dir", str(tmp_path / "site"), "--as-of", AS_OF)
    assert result.returncode == 1
    assert f"{path}:{expected[0][0]}: error: {expected[0][1]}" in result.stdout
    assert not (tmp_path / "site").exists()


# -- safe cases: the same text shown as code, links to other sites, local files -------------

EVIL_TITLE = "<img src=x onerror=alert(7)>"
SAFE = {
    "content/safe/fenced.md": "# Fenced\n\n```html\n<script>alert(1)</script>\n```\n",
    "content/safe/tilde.md": "# Tilde\n\n~~~\n<iframe src=https://x.example/></iframe>\n~~~\n",
    "content/safe/inline.md": "# Inline\n\nWrite `<img src=https://x.example/a.png>` never.\n",
    "content/safe/indented.md": "# Indented\n\nCode:\n\n    <script>alert(1)</script>\n",
    "content/safe/comment.md": "# Comment\n\n<!-- <script>alert(1)</script> -->\nText.\n",
    "content/safe/links.md": (
        "# Links\n\n[GOV.UK](https://www.gov.uk/) <a href=\"https://example.org/\">site</a>"
        " <https://www.legislation.gov.uk/>\n\n![Local](../img/chart.png)\n"
    ),
    "content/safe/layout.md": (
        "# Layout\n\n<div class=\"grid\" markdown>\n\n**Bold** <span class=\"x\">A < B</span>\n\n"
        "</div>\n"
    ),
    "content/free-title.md": (
        f'---\ntitle: "{EVIL_TITLE}"\ndescription: "<b onmouseover=alert(8)>d</b>"\n---\n\n'
        "Plain text.\n"
    ),
}
LIVE = re.compile(r"<(?:script|iframe)[\s>]|<img src=x|<b onmouseover|src=\"https://x\.example")


@pytest.fixture(scope="module")
def safe_build(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    base = tmp_path_factory.mktemp("safe")
    root = base / "project"
    root.mkdir()
    copy_engine(root)
    write_tree(root, {**MINIMAL_FILES, **SAFE})
    site_dir = base / "site"
    return run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF), site_dir


def test_safe_markup_checks_clean_and_builds(safe_build) -> None:  # noqa: ANN001
    result, _ = safe_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


@pytest.mark.parametrize("page", [p for p in SAFE if p.startswith("content/safe/")])
def test_code_is_shown_as_text(safe_build, page: str) -> None:  # noqa: ANN001
    _, site_dir = safe_build
    url = page.removeprefix("content/").removesuffix(".md")
    html = (site_dir / url / "index.html").read_text(encoding="utf-8")
    main = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert not LIVE.search(re.sub(r"<!--.*?-->", "", main, flags=re.S))


def test_a_free_page_title_is_text_everywhere(safe_build) -> None:  # noqa: ANN001
    _, site_dir = safe_build
    texts = site_texts(site_dir)
    live = [path for path, text in texts.items() if EVIL_TITLE in text or "<b onmouseover" in text]
    assert live == []
    page = texts["free-title/index.html"]
    assert "<title>&lt;img src=x onerror=alert(7)&gt; - " in page
    assert "<h1>&lt;img src=x onerror=alert(7)&gt;</h1>" in page
