"""The Markdown dialect of the generated pages is written in one module only,
`site_builder/pages/markup.py`: no other module of the hub spells an extension's syntax."""

from __future__ import annotations

import re

from site_builder.pages import markup
from tests.conftest import REPO

# Attribute lists, md_in_html blocks, admonitions and collapsible blocks, Material's buttons
# and grids, definition lists.
DIALECT = re.compile(
    r"""markdown=["\\]*1|markdown>|\{: |\{ *#[\w-]+ *\}|!!! |\?\?\?\+? |md-button|grid cards"""
    r"""|\\n:   """
)


def test_only_markup_py_writes_markdown_extension_syntax():
    found = []
    for path in sorted((REPO / "site_builder").rglob("*.py")):
        if path.name == "markup.py" and path.parent.name == "pages":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DIALECT.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    # search.py's title_attrs() is no longer used by the pages (listing.SEARCH_TITLE is).
    assert [f for f in found if not f.startswith("site_builder/search.py")] == []


def test_the_pattern_finds_what_markup_py_writes():
    samples = [
        markup.attr_list(["x"]),
        markup.heading(1, "T", attributes={"data-x": "1"}),
        markup.admonition("note", "T", "text"),
        markup.collapsible("note", "T", "text"),
        markup.markdown_block("text", ["x"]),
        markup.button("Go", "https://example.org/"),
    ]
    assert all(DIALECT.search(sample) for sample in samples), samples
    source = (REPO / "site_builder/pages/markup.py").read_text(encoding="utf-8")
    assert DIALECT.search(source)


def test_raw_html_builders_escape_attribute_values_and_keep_content():
    assert markup.element("p", "<b>ok</b>", ["a", "b"], {"title": '"x"', "hidden": True}) == (
        '<p class="a b" title="&quot;x&quot;" hidden><b>ok</b></p>'
    )
    assert markup.facts_list([("A & B", "<a href='x'>1</a>"), ("Empty", "")]) == (
        "<dl>\n<dt>A &amp; B</dt>\n<dd><a href='x'>1</a></dd>\n</dl>"
    )
    assert markup.html_table(["H"], [["c"]]) == (
        "<table>\n<thead>\n<tr>\n<th>H</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n</tr>\n"
        "</tbody>\n</table>"
    )


def test_raw_html_text_stays_on_one_line_so_no_blank_line_ends_its_block():
    # A blank line inside raw HTML would end the block and make the rest Markdown.
    summary = "First.\n\n[click](javascript:alert(1)) <b>x</b>"
    assert markup.html_text(summary) == (
        "First.  [click](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt;"
    )
    box = markup.element("p", markup.html_text(summary), ["hub-lead"])
    assert "\n" not in box
