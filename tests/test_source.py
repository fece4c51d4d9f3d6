"""source.py: text, front matter and YAML that remembers its lines."""

from __future__ import annotations

import pytest

from site_builder.source import LineMap, SourceError, load_yaml, read_text, split_front_matter


def test_lines_of_keys_values_and_list_items() -> None:
    doc = load_yaml(
        "title: A\nthemes:\n  - neglect\n  - missing\nactions:\n  - id: A1\n    due: x\n"
    )
    assert doc.lines.line_of("title") == 1
    assert doc.lines.line_of("themes") == 2
    assert doc.lines.line_of("themes", 1) == 4
    assert doc.lines.line_of("actions", 0, "due") == 7
    assert doc.lines.line_of("actions", 0, "nope") == 6  # nearest parent
    assert doc.lines.line_of("nope") == 1  # the document's first line


def test_first_line_offsets_every_line() -> None:
    doc = load_yaml("a: 1\nb: 2\n", first_line=2)
    assert (doc.lines.line_of("a"), doc.lines.line_of("b")) == (2, 3)


def test_dates_and_yes_no_stay_text_but_true_false_are_booleans() -> None:
    doc = load_yaml("date: 2026-01-15\ntitle: No\nother: yes\nflag: true\nn: 3\nx: ~\n")
    assert doc.data == {
        "date": "2026-01-15",
        "title": "No",
        "other": "yes",
        "flag": True,
        "n": 3,
        "x": None,
    }


def test_duplicate_keys_are_recorded_with_the_first_line() -> None:
    doc = load_yaml("a: 1\nb: 2\na: 3\n")
    assert doc.duplicate_keys == [(3, "a")]
    assert doc.duplicate_first == {(3, "a"): 1}
    assert doc.data["a"] == 3


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: a: b\n", 1, "invalid YAML: a value containing ': ' must be in quotes"),
        ("a:\n\t- b\n", 2, "invalid YAML: a tab character; indent with spaces, not tabs"),
        ("a: [b\n", 2, "invalid YAML: a list in [brackets] is not closed with ']'"),
        (
            "a: 'x\n",
            1,
            "invalid YAML: the quote ' opened on this line is not closed:"
            " end the text with ' on the same line",
        ),
        (
            'title: "Unclosed\ndate: 2026-01-01\nsummary: "x"\nthemes: [neglect]\n',
            1,
            'invalid YAML: the quote " opened on this line is not closed:'
            ' end the text with " on the same line',
        ),
        (
            "title: 'It''s\ndate: 2026-01-01\n",
            1,
            "invalid YAML: the quote ' opened on this line is not closed:"
            " end the text with ' on the same line",
        ),
        (
            'themes:\n  - "neglect\n  - missing\n',
            2,
            'invalid YAML: the quote " opened on this line is not closed:'
            ' end the text with " on the same line',
        ),
        (
            "a: *x\n",
            1,
            "invalid YAML: an alias (*name) with no anchor (&name); quote a value starting '*'",
        ),
        (
            "a: b\n---\nc: d\n",
            2,
            "invalid YAML: a line '---' starts a second YAML document; remove it",
        ),
        ("a: 1\x00\n", 1, "invalid YAML: the control character U+0000 is not allowed; remove it"),
        ("? [a]\n: b\n", 1, "invalid YAML: a key must be plain text, not a list or mapping"),
        (
            "a: !!python/object x\n",
            1,
            "invalid YAML value: could not determine a constructor"
            " for the tag 'tag:yaml.org,2002:python/object'",
        ),
        ("a: &a [*a]\n", 1, "invalid YAML: an alias (*name) refers to itself"),
        ("[", 1, "invalid YAML: a value is missing (after '-', ',' or '[')"),
    ],
)
def test_yaml_errors_name_line_and_cause(text: str, line: int, message: str) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(text)
    assert (info.value.line, info.value.message) == (line, message)


def test_alias_bomb_is_stopped() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(SourceError, match="too large once its aliases"):
        load_yaml(text)


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 100_000 + "]" * 100_000, "".join(" " * i + "-\n" for i in range(2500))],
    ids=["flow", "block"],
)
def test_deep_nesting_is_an_error_not_a_crash(text: str) -> None:
    with pytest.raises(SourceError, match="invalid YAML"):
        load_yaml(text)


def test_moderate_nesting_still_parses() -> None:
    assert load_yaml("a: " + "[" * 200 + "]" * 200).data["a"] is not None


def test_front_matter_split_keeps_lines() -> None:
    doc = split_front_matter("---\ntitle: A\ndate: x\n---\n\n## One\n")
    assert doc.front_matter is not None
    assert doc.front_matter.lines.line_of("date") == 3
    assert (doc.body, doc.body_line) == ("\n## One\n", 5)


def test_no_front_matter_and_unclosed_front_matter() -> None:
    assert split_front_matter("# Title\n").front_matter is None
    with pytest.raises(SourceError) as info:
        split_front_matter("---\ntitle: A\n")
    assert (info.value.line, info.value.message) == (
        1,
        "front matter is not closed: add a line '---' after it",
    )


def test_read_text_normalises_bom_and_line_ends(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text(path) == "one\ntwo\nthree\n"


def test_read_text_names_the_line_of_a_bad_byte(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"one\ntwo\nthr\xff\n")
    with pytest.raises(SourceError) as info:
        read_text(path)
    assert (info.value.line, info.value.message) == (
        3,
        "file is not UTF-8 text (byte 0xff); save it as UTF-8",
    )


def test_line_map_defaults() -> None:
    assert LineMap(5).line_of("anything", 0) == 5


def test_yaml_texts_are_the_strings_that_read_other_than_as_written() -> None:
    from site_builder.source import yaml_texts

    text = (
        'a: "\\x30161"\n'  # escaped
        "b: >\n  folded\n  text\n"  # block scalar
        "c: plain\n  run on\n"  # plain, over two lines
        "d: as written\n"
        "e: [x, 'y']\n"
    )
    assert yaml_texts(text, first_line=2) == [
        (2, 2, "0161"),
        (3, 6, "folded text\n"),
        (6, 7, "plain run on"),
    ]
    assert yaml_texts("a: b\nc: [d]\n") == []
    assert yaml_texts("a: [unclosed\n  b") == []  # not YAML: the text scan alone reads it
    assert yaml_texts("x: " + "[" * 5000 + "]" * 5000 + "\n  y") == []  # nested too deep


def test_csv_texts_are_the_cells_over_lines() -> None:
    from site_builder.source import csv_texts

    text = 'a,b\n1,"one\ntwo"\n2,three\n3,"x\n\ny"\n'
    assert csv_texts(text) == [(2, 3, "one\ntwo"), (5, 7, "x\n\ny")]
    assert csv_texts("a,b\n1,2\n") == []


def test_is_binary_only_for_bytes_that_are_not_text() -> None:
    from site_builder.source import is_binary

    png = b"\x89PNG\r\n\x1a\n\x00\x00"
    assert is_binary(png, ".png")
    assert not is_binary(b"GIF89a but UTF-8 text: 0161 496 0000", ".gif")  # decodes: text
    assert not is_binary(png, ".txt")  # a text suffix: not UTF-8 is an error, not binary
    assert not is_binary(b"caf\xe9", ".dat")  # neither NUL nor a known format
    assert is_binary(b"caf\xe9\x00", ".dat")
