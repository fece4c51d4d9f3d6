"""The output gate (site_builder/gate.py): one test per rule on small built files, then
`hub build` end to end with leaks that only the output gate can see (theme templates).

Expected findings are written out by hand: the privacy gate masks all but the first two
letters or digits ("0161 496 0000" is '01** *** ****').
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest
from conftest import AS_OF, REPO, run_hub, write_tree
from fixture_corpus import tree_hashes, write_corpus
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engines.mkdocs import MkDocs
from site_builder.gate import OutputGate, reader_view

SITE_URL = "https://hub.example/"
LEFT_OUT = "content/briefings/zqdraft.md"
PHONE = "possible phone number '01** *** ****'"
TRACE = f"trace of left-out item 'zqdraft' ({LEFT_OUT})"


def scan(
    tmp_path: Path,
    files: dict[str, str | bytes],
    *,
    root: Path | None = None,
    sources: dict[str, str] | None = None,
) -> list[str]:
    """The gate's problems for a site holding `files`, one line each."""
    folder = write_tree(tmp_path / "site", files)
    gate = OutputGate(
        allow=["hub@northbridge.example"],
        left_out=[LEFT_OUT],
        site_url=SITE_URL,
        sources=sources,
        root=root,
        shipped=MkDocs.shipped,
    )
    return [problem.format() for problem in gate.scan(folder, "site", workers=1)]


# Reading pages as a reader does ------------------------------------------------------------


def test_reader_view_joins_inline_markup_and_line_breaks_and_keeps_blocks_apart() -> None:
    view = reader_view('<p>Call 0161\n<b>496</b>&nbsp;0000</p><td>a</td><td>b</td><a href="x">')
    assert view.text == "\nCall 0161 496 0000\n\na\n\nb\n"  # a no-break space is a space
    assert view.tags == '<a href="x">'


def test_phone_number_split_by_markup_entities_and_a_line_break(tmp_path: Path) -> None:
    page = "<p>Call 0161\n<b>496</b>&nbsp;0000 today</p>"
    assert scan(tmp_path, {"index.html": page}) == [f"site/index.html: error: {PHONE} in the text"]


def test_numbers_in_separate_table_cells_are_read_apart(tmp_path: Path) -> None:
    page = "<table><tr><td>0161</td><td>496 0000</td></tr></table>"
    assert scan(tmp_path, {"index.html": page}) == []


def test_entities_are_decoded(tmp_path: Path) -> None:
    page = "<p>NHS &#57;43 476 5919</p>"
    assert scan(tmp_path, {"index.html": page}) == [
        "site/index.html: error: possible NHS number '94* *** ****' in the text"
    ]


def test_attributes_and_urls_are_read(tmp_path: Path) -> None:
    page = '<a href="mailto:jo.bloggs@example.org" title="Call 0161 496 0000">Write</a>'
    assert scan(tmp_path, {"index.html": page}) == [
        "site/index.html: error: possible email address 'jo.******@*******.***' "
        "in an attribute or URL",
        f"site/index.html: error: {PHONE} in an attribute or URL",
    ]


def test_privacy_allow_passes(tmp_path: Path) -> None:
    page = '<p>Write to <a href="mailto:hub@northbridge.example">hub@northbridge.example</a></p>'
    assert scan(tmp_path, {"index.html": page}) == []


def test_svg_geometry_and_links_within_the_page_are_not_read(tmp_path: Path) -> None:
    page = '<svg viewBox="0 0 24 24"><path d="M0161 496 0000"/></svg><a href="#0161-496-0000">'
    assert scan(tmp_path, {"index.html": page}) == []


def _in_order(pages: list[tuple[str, str]]) -> list[str]:
    """The gate's problems in `pages` (site path, HTML), read one after another in that order
    by one gate."""
    gate = OutputGate(site_url=SITE_URL, shipped=MkDocs.shipped)
    return [p.format() for rel, html in pages for p in gate.file_problems(rel, html.encode())]


def test_a_line_every_page_repeats_is_read_on_every_page() -> None:
    """The gate does not scan again a line it found clean on an earlier page; one in which it
    found something is reported on each page, and a finding's place is still its line's."""
    partners = "".join(f"<p>Partner {n}</p>" for n in range(12))
    pages = [(f"{c}/index.html", f"<h1>{c}</h1>{partners}<p>Call 0161 496 0000</p>") for c in "abc"]
    pages.append(("d/index.html", f'<h1>d</h1>{partners}<a title="0161 496 0000">'))
    assert _in_order(pages) == [
        f"a/index.html: error: {PHONE} in the text",
        f"b/index.html: error: {PHONE} in the text",
        f"c/index.html: error: {PHONE} in the text",
        f"d/index.html: error: {PHONE} in an attribute or URL",
    ]


def test_a_line_found_clean_still_counts_after_a_date_of_birth_label() -> None:
    """A date alone is no finding, and is remembered clean; after a label on the line
    before it is a date of birth: a page with a label is read whole."""
    pages = [
        ("a/index.html", "<p>Reviewed</p><p>12/03/2015</p>"),
        ("b/index.html", "<p>Date of birth</p><p>12/03/2015</p>"),
    ]
    assert _in_order(pages) == [
        "b/index.html: error: possible date of birth '12/**/****' in the text"
    ]


def test_a_date_of_birth_label_in_odd_characters_is_read_whole_on_every_page() -> None:
    """A label written in full-width letters or with a soft hyphen reads as a label: no
    line of it is remembered clean, and the second page is reported too."""
    for label in ("\uff24\uff2f\uff22:", "Date of bir&shy;th:"):
        pages = [(f"{c}/index.html", f"<p>{label}</p><p>12/03/2015</p>") for c in "ab"]
        assert _in_order(pages) == [
            f"{c}/index.html: error: possible date of birth '12/**/****' in the text"
            for c in "ab"
        ], label


# Left-out items -----------------------------------------------------------------------------


# Lines a page's units are made of (a unit is cut before a line that starts with a block
# tag): the theme's, clean and on every page; and lines that are clean alone but leave a tag,
# a quote, a comment, a <script> or a <style> open into the next unit, or that need the line
# before them to be a finding (a label, then its date).
THEME_LINES = [
    '<li class="nav"><a href="../x/">Home</a></li>\n',
    "  <li>Partners</li>\n",
    "<p>Reviewed 12/03/2015</p>\n",
    '<div class="md-footer">Northbridge</div>\n',
    "<li><img src=//cdn.example/a.png></li>\n",
    '<p>"</p>\n',
    '" src="https://evil.example/a.png">\n',
    'fetch("https://api.example/x")\n',
    '<div>fetch("https://api.example/y")</div>\n',
    "<p>@import url(https://css.example/a.css);</p>\n",
    "<span>496 0000</span>\n",
    "<b>496 0000</b></p>\n",
    "<p>it's</p> -->\n",
    "<td>12/03/2015</td>\n",
    "   \n",
]
OPENING_LINES = [
    "<p>Date of birth</p>\n",
    "<p>Call 0161\n",
    "<div>0161</div>\n",
    '<img alt="\n',
    "<script>\n",
    "</script>\n",
    "<style>\n",
    "</style>\n",
    "<a title=' id=\"'>\n",
    "<!-- note\n",
    '<p title="x>\n',
    "<td>DOB</td>\n",
    "<script><!--<script>\n",
    "-->\n",
    "<p>x<y</p>\n",
    "<p class=it's>\n",
    '<p><img src="/ok.png" alt=it\'s></p>\n',
    "<textarea>\n",
    "</textarea>\n",
    "<title>\n",
    "</title>\n",
    "<xmp>\n",
    "<noscript>\n",
    "</noscript>\n",
    "<p title='\n",
    '<iframe src="data:text/html,\n',
    "<p>x</p><!--\n",
]
_THEME, _OPENING = st.sampled_from(THEME_LINES), st.sampled_from(OPENING_LINES)
_PAGE = st.lists(st.one_of(_THEME, _THEME, _THEME, _OPENING), min_size=8, max_size=30)


_NAV, _IMAGE = THEME_LINES[0], "<li><img src=//cdn.example/a.png></li>\n"
_SOURCE = '<li>" src="//cdn.example/a.png">\n'  # text alone; after '<img title="x' a source
_DATE = "<p>12/03/2015</p>\n"  # clean alone; after a label, a date of birth


@settings(max_examples=400, deadline=None)
@given(st.lists(_PAGE, min_size=3, max_size=8))
@example([[_NAV] * 5 + ["<textarea>\n", _IMAGE]] * 2 + [[_NAV] * 8 + [_IMAGE]])  # its text there
@example([[_NAV] * 8 + ['<p title="x>\n', _IMAGE]] * 2 + [[_NAV] * 8 + [_IMAGE]])  # an attribute
@example([[_NAV] * 8 + ['<p title="x\n', _IMAGE, '<p>">\n']] * 2 + [[_NAV] * 8 + [_IMAGE, "<p>\n"]])
@example([[_NAV] * 8 + [_SOURCE]] * 2 + [[_NAV] * 8 + ['<img title="x\n', _SOURCE]])
@example([[_NAV] * 8 + [_DATE]] * 2 + [[_NAV] * 8 + ["<p>Date of birth</p>\n", _DATE]])
def test_a_page_read_in_units_is_read_as_a_page_read_whole(pages: list[list[str]]) -> None:
    """One gate reading pages one after another (units found clean on earlier pages not read
    again) finds in each exactly what a gate reading that page alone finds."""

    def gate() -> OutputGate:
        return OutputGate(left_out=[LEFT_OUT], site_url=SITE_URL, shipped=MkDocs.shipped)

    shared = gate()
    for n, lines in enumerate(pages):
        rel, page = f"p{n}/index.html", "".join(lines).encode()
        whole = [problem.format() for problem in gate().file_problems(rel, page)]
        assert [problem.format() for problem in shared.file_problems(rel, page)] == whole


def test_left_out_id_is_found_as_a_whole_token_in_every_form(tmp_path: Path) -> None:
    files = {
        "a/index.html": "<p>Not zqdraft-2, xzqdraft, zqdraft_b or zqdrafts.</p>",
        "b/index.html": '<p><a href="../briefings/zqdraft/">a link</a></p>',
        "c/index.html": '<h2 id="zqdraft">A heading</h2>',
        "d/index.html": "<p>Source: briefings/zqdraft.md</p>",
        "e/index.html": "<p>&#122;qdraft</p>",
        "f.txt": "../zqdraft/",
    }
    assert scan(tmp_path, files) == [
        f"site/b/index.html: error: {TRACE} in an attribute or URL",
        f"site/c/index.html: error: {TRACE} in the markup",
        f"site/d/index.html: error: {TRACE} in the text",
        f"site/e/index.html: error: {TRACE} in the text",
        f"site/f.txt: error: {TRACE} in the file",
    ]


def test_an_id_that_published_things_share_is_traced_by_its_path(tmp_path: Path) -> None:
    folder = write_tree(
        tmp_path / "site",
        {
            "a/index.html": "<p>Neglect, 2026-27-q1</p><a href='../themes/neglect/'>theme</a>",
            "b/index.html": '<a href="../briefings/neglect/">x</a><a href="/reports/2026-27-q1/">',
        },
    )
    left_out = ["content/briefings/neglect.md", "content/reports/2026-27-q1.md"]
    gate = OutputGate(left_out=left_out, shared_ids=["neglect"])
    assert [problem.format() for problem in gate.scan(folder, "site", workers=1)] == [
        "site/b/index.html: error: trace of left-out item 'briefings/neglect' "
        "(content/briefings/neglect.md) in an attribute or URL",
        "site/b/index.html: error: trace of left-out item 'reports/2026-27-q1' "
        "(content/reports/2026-27-q1.md) in an attribute or URL",
    ]


# Resources from other hosts -------------------------------------------------------------------

LOADING_PAGE = """\
<head>
<link rel="canonical" href="https://other.example/">
<link rel="stylesheet" href="https://fonts.example/css">
<link rel="icon" href="/favicon.png">
<script src="https://cdn.example/x.js"></script>
<script src="https://hub.example/own.js"></script>
<style>@import "https://styles.example/a.css"; body {background: url(//bg.example/b.png)}</style>
</head>
<body>
<a href="https://elsewhere.example/" ping="https://track.example/p">a link is fine</a>
<img/src=https://img.example/y.png>
<img src="a.png" srcset="a.png 1x, //retina.example/b.png 2x" alt="">
<iframe src="/\\evil.example/e"></iframe>
<div style="background: url('https://tile.example/t.png')">x</div>
<video poster="https://poster.example/p.jpg"></video>
<object data="https://obj.example/o.swf"></object>
<base href="https://base.example/">
<img src="data:image/png;base64,AAAA" alt="">
<script>fetch("https://api.example/v1")</script>
</body>
"""


def test_every_way_of_loading_from_another_host_is_found(tmp_path: Path) -> None:
    loads = "site/index.html: error: loads from another host:"
    assert scan(tmp_path, {"index.html": LOADING_PAGE}) == [
        f"{loads} <link href> from fonts.example",
        f"{loads} <script src> from cdn.example",
        f"{loads} <img src> from img.example",
        f"{loads} <img srcset> from retina.example",
        f"{loads} <iframe src> from evil.example",
        f"{loads} <video poster> from poster.example",
        f"{loads} <object data> from obj.example",
        f"{loads} <base href> from base.example",
        f"{loads} a ping attribute from track.example",
        f"{loads} a CSS url() from tile.example",
        f"{loads} a CSS @import from styles.example",
        f"{loads} a CSS url() from bg.example",
        f"{loads} a script URL to api.example",
    ]


def test_loads_in_less_common_forms_are_found(tmp_path: Path) -> None:
    page = (
        '<link rel="alternate stylesheet" href="https://alt.example/a.css">\n'
        '<link rel="alternate" type="application/rss+xml" href="https://feeds.example/rss">\n'
        '<iframe srcdoc="&lt;img src=https://inner.example/i.png&gt;"></iframe>\n'
        '<svg><script href="https://svgjs.example/s.js"></script></svg>\n'
        "<div style=\"background: image-set('https://set.example/a.png' 1x)\">x</div>\n"
        '<script type="module" data-kind="json">import "https://mod.example/m.js";</script>\n'
        "<P STYLE = 'background:url(https://upper.example/u.png)'>x</P>\n"
        '<A HREF="/" PING\n= "https://ping.example/p">x</A>\n'
        '<p class="a"style="background:url(https://joined.example/j.png)">x</p>\n'
        '<p/style="background:url(https://slash.example/s.png)">x</p>\n'
        "<a href='/'ping='https://ping2.example/p'>x</a>\n"
    )
    loads = "site/index.html: error: loads from another host:"
    assert scan(tmp_path, {"index.html": page}) == [
        f"{loads} <link href> from alt.example",
        f"{loads} <img src> from inner.example",
        f"{loads} <script href> from svgjs.example",
        f"{loads} a ping attribute from ping.example",
        f"{loads} a ping attribute from ping2.example",
        f"{loads} a CSS URL to set.example",
        f"{loads} a CSS url() from upper.example",
        f"{loads} a CSS url() from joined.example",
        f"{loads} a CSS url() from slash.example",
        f"{loads} a script URL to mod.example",
    ]


def test_loads_in_tags_with_encoded_quotes_and_slashes_are_found(tmp_path: Path) -> None:
    """Browsers split a tag into attributes first, then decode each value: a "&quot;" in one
    value, or a quote inside another value, does not hide the tag's other attributes."""
    page = (
        '<img src="https://alt.example/a.png" alt="&quot;">\n'
        '<img src="https://bare.example/a.png" title=&quot;>\n'
        '<img title=&quot; src="https://after.example/a.png">\n'
        '<script src="https://apos.example/a.js" data-x=&#39;></script>\n'
        '<img src="https:&#47;&#47;slashes.example/a.png">\n'
        '<p style="background:url(&quot;https://quoted.example/b.png&quot;)">x</p>\n'
        "<a title=' id=\"'><img src=\"https://inid.example/a.png\"></a>\n"
        "<svg><path title=' d=\"'/><image href=\"https://ind.example/a.png\"/></svg>\n"
        "<a title=' style=\"'>x</a><p style=\"background:url(https://instyle.example/a.png)\">\n"
        "<a title=' ping=\"' href='/' ping='https://inping.example/p'>x</a>\n"
    )
    loads = "site/index.html: error: loads from another host:"
    assert scan(tmp_path, {"index.html": page}) == [
        f"{loads} <img src> from alt.example",
        f"{loads} <img src> from bare.example",
        f"{loads} <img src> from after.example",
        f"{loads} <script src> from apos.example",
        f"{loads} <img src> from slashes.example",
        f"{loads} <img src> from inid.example",
        f"{loads} <image href> from ind.example",
        f"{loads} a ping attribute from inping.example",
        f"{loads} a CSS url() from quoted.example",
        f"{loads} a CSS url() from instyle.example",
    ]


# Pages as browsers read them, where a reading by quotes alone goes wrong (each case found by
# an attack review and checked in Chromium): a tag as the HTML tokenizer reads it, every way
# a page makes the browser load from another host, CSS and script as browsers decode them.
BROWSER_READS = {
    "apostrophe-in-comment": (
        "<!-- it's a note --><p style=\"background:url(https://sty1.example/a.png)\">don't</p>",
        ["a CSS url() from sty1.example"],
    ),
    "apostrophe-in-unquoted-value": (
        "<p title=it's style=\"background:url(//sty3.example/a.png)\">don't</p>",
        ["a CSS url() from sty3.example"],
    ),
    "ping-after-apostrophe": (
        "<!-- it's --><a href=/ ping=\"https://ping1.example/p\">don't</a>",
        ["a ping attribute from ping1.example"],
    ),
    "equals-in-unquoted-value": (
        '<script alt=x=src src="https://eq2.example/a.js"></script>',
        ["<script src> from eq2.example"],
    ),
    "less-than-in-unquoted-value": (
        '<img alt=a<src src="https://lt.example/a.png">',
        ["<img src> from lt.example"],
    ),
    "quote-in-unquoted-value-hides-no-tag": (
        "<img src=\"/ok.png\" alt=it's><script src=\"https://sw1.example/a.js\"></script><p>don't</p>",
        ["<script src> from sw1.example"],
    ),
    "quote-in-unquoted-value-ends-no-tag": (
        "<img src=\"https://nq1.example/a.png\" alt=it's>",
        ["<img src> from nq1.example"],
    ),
    "rel-inside-a-value": (
        "<link title=x=rel=canonical rel=stylesheet href=//lk8.example/a.css>",
        ["<link href> from lk8.example"],
    ),
    "type-inside-a-value": (
        '<script title=x=type=json>fetch("https://jt1.example/a")</script>',
        ["a script URL to jt1.example"],
    ),
    "scheme-without-slashes": (
        '<img src="http:ns1.example/a.png"><base href="http:base1.example/">',
        ["<img src> from ns1.example", "<base href> from base1.example"],
    ),
    "carriage-return-and-control-characters": (
        '<img src="/\r/cr1.example/a.png"><img src="\x01//cc1.example/a.png">',
        ["<img src> from cr1.example", "<img src> from cc1.example"],
    ),
    "svg-filter-image": (
        '<svg><filter><feImage href="//fe1.example/a.png"/></filter></svg>',
        ["<feimage href> from fe1.example"],
    ),
    "mixed-case-style-and-script": (
        '<Style>body{background:url(//mc1.example/a.png)}</Style>'
        '<sCript>fetch("https://mc2.example/a")</sCript>',
        ["a CSS url() from mc1.example", "a script URL to mc2.example"],
    ),
    "image-source-set-of-a-preload": (
        '<link rel=preload as=image imagesrcset="https://iss1.example/a.png 1x" href=/a.png>',
        ["<link imagesrcset> from iss1.example"],
    ),
    "background-attribute": (
        '<body background="https://bg1.example/a.png"><table background=//bg2.example/t.png>',
        ["<body background> from bg1.example", "<table background> from bg2.example"],
    ),
    "refresh": (
        '<meta http-equiv=refresh content="0;url=https://mr1.example/">',
        ["<meta refresh> from mr1.example"],
    ),
    "svg-animation-of-a-link": (
        '<svg><image href=/ok.png><set attributeName=href to="https://set1.example/a.png"/>'
        "</image></svg>",
        ["<set to> from set1.example"],
    ),
    "css-escapes-and-comments": (
        '<p style="background:\\75 rl(//esc1.example/a.png)">x</p>'
        '<p style="background:u\\rl(//esc4.example/a.png)">x</p>'
        "<style>body{background:url(\\2f\\2f esc2.example/a.png)}</style>",
        [
            "a CSS url() from esc1.example",
            "a CSS url() from esc4.example",
            "a CSS url() from esc2.example",
        ],
    ),
    "quoted-url-in-an-unquoted-style": (
        "<p style=background:url('https://uq1.example/a.png')>x</p>",
        ["a CSS url() from uq1.example"],
    ),
    "image-set-without-slashes": (
        "<div style=\"background: image-set('http:is2.example/a.png' 1x)\">x</div>",
        ["a CSS URL to is2.example"],
    ),
    "entities-in-svg-style-and-script": (
        "<svg><style>body{background:url(&#47;&#47;svgst.example/a.png)}</style></svg>"
        '<svg><script>fetch("&#47;&#47;svs.example/a")</script></svg>',
        ["a CSS url() from svgst.example", "a script URL to svs.example"],
    ),
    "script-escaped-by-a-comment": (
        '<script><!--<script></script>\nfetch("https://de1.example/a")\n--></script>',
        ["a script URL to de1.example"],
    ),
    # found by a second attack review
    "event-handler": (
        "<img src=/nope.png onerror=\"new Image().src='https://oe1.example/a'\">",
        ["a script URL to oe1.example"],
    ),
    "quote-pairs-across-tags": (
        "<p title=\"<img alt='\">x</p><img src=\"//cp1.example/a.png\"><p title=\"'\">",
        ["<img src> from cp1.example"],
    ),
    "quote-pairs-across-comments": (
        "<!-- <img alt=' --><img src=\"//cp2.example/a.png\"><!-- ' -->",
        ["<img src> from cp2.example"],
    ),
    "style-after-a-quote-in-a-comment": (
        "<!-- <b title=' --><p style=\"background:url(https://cp4.example/a.png)\">z</p>"
        "<!-- ' -->",
        ["a CSS url() from cp4.example"],
    ),
    "raw-text-of-a-textarea": (
        "<textarea><img alt='</textarea><img src=\"//rt1.example/a.png\">'>",
        ["<img src> from rt1.example"],
    ),
    "raw-text-of-a-title": (
        "<title><img alt='</title><script src=\"//rt2.example/a.js\"></script>'>",
        ["<script src> from rt2.example"],
    ),
    "script-after-a-script-tag-in-a-comment": (
        '<!-- <script type="application/json"> --><script>fetch("https://sj1.example/a")'
        "</script>",
        ["a script URL to sj1.example"],
    ),
    "style-after-a-style-tag-in-a-title": (
        "<title><style title='</title><style>body{background:url(//st1.example/a.png)}</style>"
        "'></title>",
        ["a CSS url() from st1.example"],
    ),
    "svg-presentation-attributes": (
        '<svg width=10 height=10><rect width=10 height=10 fill="url(https://sv1.example/f.svg#g)"/>'
        '<rect width=10 height=10 mask="url(https://sv2.example/m.svg#m)"/></svg>',
        ["a CSS url() from sv1.example", "a CSS url() from sv2.example"],
    ),
    "refresh-without-a-separator": (
        '<meta http-equiv=refresh content="0 https://mr2.example/">',
        ["<meta refresh> from mr2.example"],
    ),
    "data-url-of-a-frame": (
        '<iframe src="data:text/html,<img src=https://dt1.example/a.png>"></iframe>',
        ["<img src> from dt1.example"],
    ),
    "data-url-of-a-frame-in-base64": (
        '<iframe src="data:text/html;base64,PGltZyBzcmM9aHR0cHM6Ly9kdDYuZXhhbXBsZS9hLnBuZz4=">'
        "</iframe>",
        ["<img src> from dt6.example"],
    ),
    "data-url-of-a-stylesheet": (
        '<link rel=stylesheet href="data:text/css,@import url(https://dt2.example/a.css);">'
        "<body>x",
        ["a CSS url() from dt2.example"],
    ),
    "data-url-of-a-script": (
        "<script src=\"data:text/javascript,fetch('//dt3.example/a')\"></script>",
        ["a script URL to dt3.example"],
    ),
    "javascript-url-of-a-frame": (
        "<iframe src=\"javascript:'<img src=//js1.example/a.png>'\"></iframe>",
        ["<img src> from js1.example"],
    ),
    # found by a third attack review: in <svg> and <math> these elements hold tags
    "tags-in-an-svg-style": (
        "<p>x</p><svg><style><img src=//fc1.example/a></style></svg>",
        ["<img src> from fc1.example"],
    ),
    "tags-in-an-svg-title": (
        '<svg><title><img src="https://fc2.example/b"></title></svg>',
        ["<img src> from fc2.example"],
    ),
    "tags-in-a-math-iframe": (
        '<math><iframe><img src="https://fc3.example/d"></iframe></math>',
        ["<img src> from fc3.example"],
    ),
    "tags-in-an-svg-script": (
        "<svg><script><img src=//fc4.example/e></script></svg>",
        ["<img src> from fc4.example"],
    ),
}


def test_a_noscript_is_read_as_a_browser_without_scripts_reads_it_however_deep(
    tmp_path: Path,
) -> None:
    page = "<noscript>" * 2000 + '<img src="https://ns.example/a.png">'
    assert scan(tmp_path, {"index.html": page}) == [
        "site/index.html: error: loads from another host: <img src> from ns.example"
    ]


def test_a_selector_by_a_link_s_address_is_no_load(tmp_path: Path) -> None:
    """CSS that marks links to other sites names their address, and loads nothing; a load
    beside it is still found."""
    page = (
        '<style>a[href^="https://github.com"]::after{content:"external"}</style>'
        "<style>a[href$='.pdf' i]{background:image-set(\"https://set.example/a.png\" 1x)}</style>"
    )
    assert scan(tmp_path, {"index.html": page}) == [
        "site/index.html: error: loads from another host: a CSS URL to set.example"
    ]


@pytest.mark.parametrize("case", list(BROWSER_READS))
def test_loads_are_read_as_the_browser_reads_the_page(tmp_path: Path, case: str) -> None:
    page, loads = BROWSER_READS[case]
    expected = [f"site/index.html: error: loads from another host: {load}" for load in loads]
    assert scan(tmp_path, {"index.html": page}) == expected


@pytest.mark.parametrize(
    "page, place",
    [
        ('<iframe srcdoc="Call &amp;#48;161 496 0000"></iframe>', "in an attribute or URL"),
        (
            "<!-- it's --><abbr title=' id=\"0161 496 0000\"'>x</abbr><p>don't</p>",
            "in an attribute or URL",
        ),
        ("<b class=it's>Don' id=\"Call 0161 496 0000\" ok</b>", "in the text"),
        ('<xmp><a id="Call 0161 496 0000"></a></xmp>', "in the text"),
        ('<textarea><a id="</textarea><p>Call 0161 496 0000</p><b "></b>', "in the text"),
        (
            '<!-- id=" --><abbr title=0161&#32;496&#32;0000>x</abbr><!-- " -->',
            "in an attribute or URL",
        ),
        ("<p>Call 0161 496 <label>0000</label></p>", "in the text"),
        (
            '<iframe src="data:text/html,Call%200161%20496%200000"></iframe>',
            "in an attribute or URL",
        ),
        ("<p>Call 0161 49\x006 0000</p>", "in the text"),
        ('<style>p::after{content:"Call \\30 161 496 0000"}</style><p>x</p>', "in the text"),
    ],
    ids=[
        "frame-page-decoded-twice",
        "tooltip-after-an-apostrophe",
        "text-after-an-apostrophe",
        "example-text",
        "textarea-ended-inside-a-value",
        "quote-in-a-comment",
        "inline-label",
        "data-url-of-a-frame",
        "nul-inside-a-number",
        "css-escapes-in-shown-text",
    ],
)
def test_personal_data_is_read_as_the_browser_shows_it(
    tmp_path: Path, page: str, place: str
) -> None:
    assert scan(tmp_path, {"index.html": page}) == [f"site/index.html: error: {PHONE} {place}"]


def test_text_that_looks_like_an_id_or_geometry_inside_another_value_is_read(
    tmp_path: Path,
) -> None:
    """Ids and SVG geometry are left out of the read only where they are attributes: inside
    a title they are what the reader sees."""
    page = (
        "<a title=' id=\"0161 496 0000\"'>x</a>"
        "<a title=' href=\"#0161 496 0001\"'>y</a>"
        "<svg><path title=' d=\"0161 496 0002\"'/></svg>"
    )
    assert scan(tmp_path, {"index.html": page}) == [
        f"site/index.html: error: {PHONE} in an attribute or URL"
    ]


def test_css_and_js_files_are_checked_for_other_hosts(tmp_path: Path) -> None:
    files = {
        "assets/x.css": (
            "@import url(https://fonts.example/a.css);\n.a {background: url(../img/a.png)}\n"
            '.b {background: url("//cdn.example/b.png")}\n'
        ),
        "assets/x.js": (
            'var a = "https://api.example/x"; // see http://docs.example\n'
            "var b = '//cdn2.example/y.js'; var c = x // y.z\n"
            'var d = "https://hub.example/own";\n'
        ),
    }
    assert scan(tmp_path, files) == [
        "site/assets/x.css: error: loads from another host: a CSS url() from fonts.example",
        "site/assets/x.css: error: loads from another host: a CSS url() from cdn.example",
        "site/assets/x.js: error: loads from another host: a script URL to api.example",
        "site/assets/x.js: error: loads from another host: a script URL to docs.example",
        "site/assets/x.js: error: loads from another host: a script URL to cdn2.example",
    ]


# Feeds, search index, compressed and other files ---------------------------------------------


def test_feed_escaped_html_is_read_as_html(tmp_path: Path) -> None:
    rss = (
        '<?xml version="1.0"?><rss><channel><item><link>https://hub.example/a/</link>'
        "<description>&lt;p&gt;Call 0161 &lt;b&gt;496&lt;/b&gt; 0000&lt;/p&gt;"
        '&lt;img src="https://t.example/p.png"&gt;</description></item></channel></rss>'
    )
    assert scan(tmp_path, {"feeds/rss.xml": rss}) == [
        "site/feeds/rss.xml: error: loads from another host: <img src> from t.example",
        f"site/feeds/rss.xml: error: {PHONE} in the text",
    ]


def test_json_strings_are_decoded(tmp_path: Path) -> None:
    feed = '{"items": [{"content_text": "Call \\u0030161 496 0000"}]}'
    assert scan(tmp_path, {"feeds/learning.json": feed}) == [
        f"site/feeds/learning.json: error: {PHONE} in the text"
    ]


def test_search_index_entries_name_their_page_source(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "project", {"content/about.md": "# About\n\nDOB: 3 March 2010\n"})
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "", "title": "Home", "text": "<p>Hello</p>"},
            {"location": "about/", "title": "About", "text": "<p>DOB: 3 March 2010</p>"},
        ],
    }
    files = {"search/search_index.json": json.dumps(index)}
    assert scan(tmp_path, files, root=root, sources={"about.md": "content/about.md"}) == [
        "site/search/search_index.json: error: possible date of birth '3 M**** ****' in the "
        "text of the entry for 'about/' (source: content/about.md)"
    ]


def test_compressed_files_are_decompressed(tmp_path: Path) -> None:
    sitemap = b"<urlset><url><loc>https://hub.example/briefings/zqdraft/</loc></url></urlset>"
    fragment = b"pagefind_dcd" + json.dumps({"content": "NHS 943 476 5919"}).encode()
    files = {
        "sitemap.xml.gz": gzip.compress(sitemap),
        "pagefind/fragment/en_1.pf_fragment": gzip.compress(fragment),
        "pagefind/index/en_1.pf_index": gzip.compress(b"pagefind_dcd\x00\x81 0161 496 0000 \xff"),
        "twice.txt.gz": gzip.compress(gzip.compress(b"Call 0161 496 0000")),
    }
    assert scan(tmp_path, files) == [
        "site/pagefind/fragment/en_1.pf_fragment: error: possible NHS number '94* *** ****' "
        "in the text",
        f"site/pagefind/index/en_1.pf_index: error: {PHONE} in the file",
        f"site/sitemap.xml.gz: error: {TRACE} in the text",
        f"site/twice.txt.gz: error: {PHONE} in the file",
    ]


def test_a_file_that_cannot_be_decompressed_is_a_problem(tmp_path: Path) -> None:
    (problem,) = scan(tmp_path, {"broken.js.gz": b"\x1f\x8b\x08\x00garbage"})
    assert problem.startswith("site/broken.js.gz: error: cannot be decompressed to check it (")


def test_binary_files_are_skipped(tmp_path: Path) -> None:
    files = {
        "img/a.png": b"\x89PNG\r\n\x1a\n Call 0161 496 0000",
        "fonts/a.woff2": b"wOF2 Call 0161 496 0000",
        "data.bin": b"\x00\x01 Call 0161 496 0000",
    }
    assert scan(tmp_path, files) == []


def test_csv_is_read(tmp_path: Path) -> None:
    files = {"actions/actions.csv": "id,contact\nA1,0161 496 0000\n"}
    assert scan(tmp_path, files) == [f"site/actions/actions.csv: error: {PHONE} in the file"]


def test_files_the_theme_ships_unchanged_are_not_scanned(tmp_path: Path) -> None:
    theme = Path(material.__file__).parent / "templates"
    bundle = next((theme / "assets/javascripts").glob("bundle.*.min.js"))
    rel = bundle.relative_to(theme).as_posix()
    assert "https://" in bundle.read_text(encoding="utf-8")
    assert scan(tmp_path / "a", {rel: bundle.read_bytes()}) == []
    changed = bundle.read_bytes() + b'\nfetch("https://cdn.example/x")\n'
    assert f"site/{rel}: error: loads from another host: a script URL to cdn.example" in scan(
        tmp_path / "b", {rel: changed}
    )


@pytest.mark.parametrize("rel", ["assets/javascripts/plotly-basic.min.js", "pagefind/pagefind.js"])
def test_vendored_scripts_pass_only_byte_for_byte(tmp_path: Path, rel: str) -> None:
    from site_builder.search import index_site

    if rel.startswith("pagefind/"):  # written by the installed Pagefind binary, as in a build
        built = write_tree(
            tmp_path / "pf", {"index.html": "<html><body data-pagefind-body>x</body></html>"}
        )
        index_site(built)
        original = (built / rel).read_bytes()
    else:
        original = (REPO / "overrides" / rel).read_bytes()
    assert b"https://" in original  # URLs that are not loads, which the gate would flag
    assert scan(tmp_path / "a", {rel: original}) == []
    changed = original + b'\nfetch("https://cdn.example/x")\n'
    assert f"site/{rel}: error: loads from another host: a script URL to cdn.example" in scan(
        tmp_path / "b", {rel: changed}
    )


# Naming the source ----------------------------------------------------------------------------


def test_findings_name_the_source_that_holds_them(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "project",
        {
            "content/about.md": "# About\n\nThe zqdraft notes.\n",
            "content/notes.txt": "Call 0161 496 0000\n",
            "overrides/main.html": (
                '{% block footer %}Call 0161 496 0000<script src="https://cdn.example/x.js">'
                "</script>{% endblock %}\n"
            ),
        },
    )
    footer = '<footer>Call 0161 496 0000<script src="https://cdn.example/x.js"></script></footer>'
    files = {
        "about/index.html": f"<article><p>The zqdraft notes.</p></article>{footer}",
        "themes/x/index.html": "<p>Ring 07700 900123</p>",
        "notes.txt": "Call 0161 496 0000\n",
    }
    sources = {"about.md": "content/about.md"}
    assert scan(tmp_path, files, root=root, sources=sources) == [
        "site/about/index.html: error: loads from another host: <script src> from cdn.example "
        "(source: overrides/main.html)",
        f"site/about/index.html: error: {PHONE} in the text (source: overrides/main.html)",
        f"site/about/index.html: error: {TRACE} in the text (source: content/about.md)",
        f"site/notes.txt: error: {PHONE} in the file (source: content/notes.txt)",
        "site/themes/x/index.html: error: possible phone number '07*** ******' in the text "
        "(source: the theme or a generated page)",
    ]


# hub build, end to end --------------------------------------------------------------------------


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """The fixture corpus built once: (project, site, hashes of the site)."""
    root = write_corpus(tmp_path / "project")
    site_dir = tmp_path / "site"
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, site_dir, tree_hashes(site_dir)


def _plant(root: Path, template: str, markup: str) -> None:
    """Add `markup` to every page through a theme override the source gate never reads."""
    path = root / "overrides" / template
    if template == "main.html":
        block = "{% block footer %}{{ super() }}" + markup + "{% endblock %}\n"
        path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8") + markup + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("template", "markup", "expected"),
    [
        (
            "main.html",
            "<p>Call the duty desk on 0161 496 0000.</p>",
            f"{PHONE} in the text (source: overrides/main.html)",
        ),
        (
            "main.html",
            '<script src="https://cdn.example/x.js"></script>',
            "loads from another host: <script src> from cdn.example (source: overrides/main.html)",
        ),
        (
            "partials/progress.html",
            '<span data-ref="zqdraftbrief"></span>',
            "trace of left-out item 'zqdraftbrief' (content/briefings/zqdraftbrief.md) in an "
            "attribute or URL (source: overrides/partials/progress.html)",
        ),
    ],
    ids=["phone-number", "cdn-script", "left-out-id"],
)
def test_the_output_gate_alone_stops_a_leak_in_a_theme_template(
    built: tuple[Path, Path, dict[str, str]], template: str, markup: str, expected: str
) -> None:
    root, site_dir, before = built
    _plant(root, template, markup)
    checked = run_hub(root, "check", "--as-of", AS_OF)
    assert checked.returncode == 0, checked.stdout  # the source gate cannot see it
    result = run_hub(root, "build", "--site-dir", str(site_dir), "--as-of", AS_OF)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{site_dir}/index.html: error: {expected}" in lines
    assert f"{site_dir}/briefings/index.html: error: {expected}" in lines
    assert lines[-1].startswith("hub: error: the output gate blocked the build: ")
    assert lines[-1].endswith(" problems in the built site; the previous site is unchanged")
    assert "Traceback" not in result.stderr
    assert tree_hashes(site_dir) == before
    assert [p.name for p in site_dir.parent.iterdir() if p.name.startswith(".site.")] == []


def test_a_site_inside_the_project_is_named_relative_to_it(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    _plant(root, "main.html", "<p>Call the duty desk on 0161 496 0000.</p>")
    result = run_hub(root, "build", "--as-of", AS_OF)
    assert result.returncode == 1
    assert (
        f"site/index.html: error: {PHONE} in the text (source: overrides/main.html)"
        in result.stderr.splitlines()
    )
    assert not (root / "site").exists()
    shutil.rmtree(root)


def test_plain_mkdocs_build_runs_the_output_gate(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "project")
    _plant(root, "main.html", "<p>Call the duty desk on 0161 496 0000.</p>")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HUB_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HUB_CHECKED", None)
    site_dir = tmp_path / "plain"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(
        [*command, "-d", str(site_dir)], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        f"{site_dir}/index.html: error: {PHONE} in the text (source: overrides/main.html)"
        in result.stderr.splitlines()
    )
    assert "the output gate found" in result.stderr
    assert "Traceback" not in result.stderr


def test_cbor_strings_are_read_apart() -> None:
    from site_builder.gate import cbor_strings

    # {"a": ["0161", h'34'], "n": 500} written by hand: map(2), text(1) "a", array(2),
    # text(4) "0161", bytes(1) 0x34, text(1) "n", uint16 500.
    data = bytes([0xA2, 0x61]) + b"a" + bytes([0x82, 0x64]) + b"0161" + bytes([0x41, 0x34])
    data += bytes([0x61]) + b"n" + bytes([0x19, 0x01, 0xF4])
    assert cbor_strings(data) == ["a", "0161", "4", "n"]
    assert cbor_strings(bytes([0x64]) + b"ab") is None  # a string longer than what is left
    assert cbor_strings(bytes([0x1C])) is None  # a reserved length
    assert cbor_strings(bytes([0x00, 0x00])) is None  # two items where a chunk is one
    assert cbor_strings(b"\x81 0161 496 0000") is None  # text that starts like CBOR heads
    # An indefinite-length array of two texts, closed by its break.
    assert cbor_strings(bytes([0x9F, 0x61]) + b"x" + bytes([0x61]) + b"y\xff") == ["x", "y"]
    # [_ [_ "p"], 7, {_ "k": 1}] with every break in place; then with breaks out of place.
    nested = bytes([0x9F, 0x9F, 0x61]) + b"p" + bytes([0xFF, 0x07, 0xBF, 0x61]) + b"k"
    nested += bytes([0x01, 0xFF, 0xFF])
    assert cbor_strings(nested) == ["p", "k"]
    assert cbor_strings(nested[:-1]) is None  # the outer array never closed
    assert cbor_strings(bytes([0xFF])) is None  # a break with nothing open
    assert cbor_strings(bytes([0x82, 0x01, 0xFF])) is None  # a break in a counted array
    # [-25, 210, 70000, -300, "w"]: integers of one, two and four bytes passed over, then a text
    ints = bytes([0x85, 0x38, 0x18, 0x18, 0xD2, 0x1A, 0x00, 0x01, 0x11, 0x70, 0x39, 0x01, 0x2B])
    assert cbor_strings(ints + bytes([0x61]) + b"w") == ["w"]
    assert cbor_strings(bytes([0x81, 0x19, 0x01])) is None  # an integer's bytes cut short
    assert cbor_strings(bytes([0x81, 0x3B]) + bytes(7)) is None  # a negative one's, too
    assert cbor_strings(bytes([0x83, 0x01, 0x18, 0x2A, 0x19, 0x01, 0xF4])) == []  # only numbers


def test_words_of_a_pagefind_chunk_never_run_together(tmp_path: Path) -> None:
    # Two index words whose bytes, read as one text, would look like a postcode (AE1 5AB).
    words = b"".join(bytes([0x60 + len(w)]) + w for w in (b"ae1", b"5ab"))
    chunk = gzip.compress(b"pagefind_dcd" + bytes([0x82]) + words)
    assert scan(tmp_path, {"pagefind/index/en_1.pf_index": chunk}) == []
    phone = gzip.compress(b"pagefind_dcd" + bytes([0x81, 0x6D]) + b"0161 496 0000")
    assert scan(tmp_path / "b", {"pagefind/index/en_2.pf_index": phone}) == [
        f"site/pagefind/index/en_2.pf_index: error: {PHONE} in the text"
    ]


def test_pagefind_names_for_its_pages_are_not_read_as_text(tmp_path: Path) -> None:
    # "en_ae3a1fb" is a page's name in Pagefind's index; read as text it is a postcode.
    name = b"en_ae3a1fb"
    meta = gzip.compress(b"pagefind_dcd" + bytes([0x81, 0x60 + len(name)]) + name)
    entry = json.dumps({"languages": {"en": {"hash": "en_ae3a1fb"}}})
    assert (
        scan(
            tmp_path,
            {"pagefind/pagefind.en_1.pf_meta": meta, "pagefind/pagefind-entry.json": entry},
        )
        == []
    )
    assert scan(tmp_path / "b", {"page.json": json.dumps({"x": "ae3a 1fb"})}) == [
        "site/page.json: error: possible postcode 'ae** ***' in the text"
    ]
