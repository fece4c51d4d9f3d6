"""Adversarial privacy cases: personal data hidden from a naive scanner, through `hub check`.

Each case is one or two files added to the minimal corpus; all cases share one project and one
`hub check` run (a subprocess, as an author runs it). Each test asserts that the lines naming
its files are exactly the expected ones (masked) and that the raw value appears nowhere in the
output. Examples are fictional (Ofcom drama numbers, NHS test-style numbers, example domains).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import pytest

from site_builder.privacy import PrivacyGate
from tests.conftest import AS_OF, BRIEFING, MINIMAL_FILES, copy_engine, run_hub, write_tree

FIX = "(remove it, or add the exact text to privacy_allow in data/taxonomy.yaml if it is public)"
NHS, NI, POSTCODE, EMAIL, PHONE, DOB = (
    "NHS number",
    "National Insurance number",
    "postcode",
    "email address",
    "phone number",
    "date of birth",
)


def error(path: str, line: int | None, kind: str, masked: str, where: str = "") -> str:
    place = path if line is None else f"{path}:{line}"
    return f"{place}: error: possible {kind} '{masked}'{where} {FIX}"


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    lines: list[str]
    secrets: tuple[str, ...]
    paths: tuple[str, ...] = ()  # paths whose lines are this case's (default: its files)

    def own(self, line: str) -> bool:
        return any(line.startswith((f"{path}:", f"{path}/")) for path in self.paths or self.files)


A = "content/adv"
B = "content/briefings"
PHONE_RAW = ("0161 496 0000", "01614960000", "496 0000")
NHS_RAW = ("943 476 5919", "9434765919", "476 5919")
FULL_WIDTH_NHS = "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19"  # 943 476 5919
VOICE = "- period: 2026-27-q1\n  voice: child\n  themes: [neglect]\n"

CASES = [
    # -- Markdown emphasis, code and tables --------------------------------------------------
    Case(
        "emphasis-date-of-birth",
        {f"{A}/emphasis.md": "# Child\n\n**Date of birth:** 3 March 2010\n"},
        [error(f"{A}/emphasis.md", 3, DOB, "3 M**** ****")],
        ("3 March 2010", "March 2010"),
    ),
    Case(
        "underscore-dob",
        {f"{A}/underscore.md": "# Child\n\n_DOB_: 03/03/2010\n"},
        [error(f"{A}/underscore.md", 3, DOB, "03/**/****")],
        ("03/03/2010", "03/2010"),
    ),
    Case(
        "code-span-phone",
        {f"{A}/code.md": "# Contact\n\nRing `0161 496 0000` after school.\n"},
        [error(f"{A}/code.md", 3, PHONE, "01** *** ****")],
        PHONE_RAW,
    ),
    Case(
        "table-dob-column",
        {f"{A}/table.md": "# Children\n\n| Name | DOB |\n|---|---|\n| Child A | 03/03/2010 |\n"},
        [error(f"{A}/table.md", 5, DOB, "03/**/****")],
        ("03/03/2010",),
    ),
    Case(
        "table-dotted-heading-in-bold",
        {
            f"{A}/table-dotted.md": (
                "# Children\n\n| Name | **D.O.B.** | Seen |\n| :-- | :-: | --: |\n"
                "| Child A | 4 May 2011 | yes |\n| Child B | 12/06/2012 | no |\n"
            )
        },
        [
            error(f"{A}/table-dotted.md", 5, DOB, "4 M** ****"),
            error(f"{A}/table-dotted.md", 6, DOB, "12/**/****"),
        ],
        ("4 May 2011", "12/06/2012"),
    ),
    Case(
        "table-date-of-birth-heading",
        {
            f"{A}/table-long.md": (
                "Date of birth | Name\n--- | ---\n2011-05-04 | Child C\n\nAfter the table.\n"
            )
        },
        [error(f"{A}/table-long.md", 3, DOB, "20**-**-**")],
        ("2011-05-04",),
    ),
    Case(
        "key-value-table-row",
        {f"{A}/table-row.md": "| Field | Value |\n|---|---|\n| DOB | 3 March 2010 |\n"},
        [error(f"{A}/table-row.md", 3, DOB, "3 M**** ****")],
        ("3 March 2010",),
    ),
    # -- line wraps ------------------------------------------------------------------------------
    Case(
        "nhs-number-across-a-wrap",
        {f"{A}/wrap.md": "# Child\n\nHer NHS number is 943 476\n5919, recorded at birth.\n"},
        [error(f"{A}/wrap.md", 3, NHS, "94* *** ****")],
        NHS_RAW,
    ),
    Case(
        "phone-across-a-wrap-in-a-blockquote",
        {f"{A}/quote.md": "# Voice\n\n> You can ring my mum on 0161 496\n> 0000 any time.\n"},
        [error(f"{A}/quote.md", 3, PHONE, "01** *** ****")],
        PHONE_RAW,
    ),
    Case(
        "postcode-across-a-wrap-in-a-list",
        {f"{A}/list.md": "# Home\n\n- The family moved to SW1A\n  1AA last spring.\n"},
        [error(f"{A}/list.md", 3, POSTCODE, "SW** ***")],
        ("SW1A 1AA", "1AA"),
    ),
    Case(
        "ni-number-across-a-wrap",
        {f"{A}/ni.md": "Her National Insurance number, AB 12 34\n56 C, was on the form.\n"},
        [error(f"{A}/ni.md", 1, NI, "AB ** ** ** *")],
        ("AB 12 34 56 C", "34 56 C"),
    ),
    Case(
        "date-of-birth-across-a-wrap",
        {f"{A}/born.md": "Child D was born on 3\nMarch 2010 at home.\n"},
        [error(f"{A}/born.md", 1, DOB, "3 M**** ****")],
        ("3 March 2010", "March 2010"),
    ),
    # -- characters and entities -------------------------------------------------------------
    Case(
        "decimal-entity",
        {f"{A}/entity.md": "Ring &#48;161 496 0000.\n"},
        [error(f"{A}/entity.md", 1, PHONE, "01** *** ****")],
        ("161 496 0000",),
    ),
    Case(
        "hex-entities-and-nbsp",
        {f"{A}/hex.html": "<p>NHS &#x39;43&nbsp;476&#x20;5919</p>\n"},
        [error(f"{A}/hex.html", 1, NHS, "94* *** ****")],
        ("476&#x20;5919", "43&nbsp;476"),
    ),
    Case(
        "zero-width-spaces",
        {f"{A}/zero-width.md": "Ring 07700\u200b900\u200c123 or 0161\u2060496\ufeff0000.\n"},
        [
            error(f"{A}/zero-width.md", 1, PHONE, "07*********"),
            error(f"{A}/zero-width.md", 1, PHONE, "01*********"),
        ],
        ("900\u200c123", "496\ufeff0000"),
    ),
    Case(
        "soft-hyphens",
        {f"{A}/soft-hyphen.md": "NHS 943\u00ad476\u00ad5919\n"},
        [error(f"{A}/soft-hyphen.md", 1, NHS, "94********")],
        ("476\u00ad5919",),
    ),
    Case(
        "full-width-digits",
        {f"{A}/full-width.md": f"NHS {FULL_WIDTH_NHS}\n"},
        [error(f"{A}/full-width.md", 1, NHS, "94* *** ****")],
        (FULL_WIDTH_NHS, *NHS_RAW),
    ),
    Case(
        "backslash-escapes",
        {f"{A}/escape.md": "Ring 0161\\-496\\-0000.\n"},
        [error(f"{A}/escape.md", 1, PHONE, "01**-***-****")],
        ("496\\-0000", "496-0000"),
    ),
    Case(
        "html-tags-around-the-label",
        {f"{A}/tags.md": "<b>DOB</b>: <span>3 March 2010</span>\n"},
        [error(f"{A}/tags.md", 1, DOB, "3 M**** ****")],
        ("3 March 2010",),
    ),
    Case(
        "phone-in-an-attribute",
        {f"{A}/attribute.md": '<a href="tel:+447700900123">Ring us</a>\n'},
        [error(f"{A}/attribute.md", 1, PHONE, "+44**********")],
        ("7700900123",),
    ),
    Case(
        "percent-encoded-link",
        {f"{A}/percent.md": "[Ring us](tel:%30161%20496%200000)\n"},
        [error(f"{A}/percent.md", 1, PHONE, "01** *** ****")],
        ("%30161%20496%200000",),
    ),
    Case(
        "arabic-indic-digits",
        {f"{A}/arabic.md": "NHS \u0669\u0664\u0663 \u0664\u0667\u0666 \u0665\u0669\u0661\u0669\n"},
        [error(f"{A}/arabic.md", 1, NHS, "94* *** ****")],
        NHS_RAW,
    ),
    # -- YAML: labels, escapes, folded and split values ---------------------------------------
    Case(
        "date_of_birth-key",
        {f"{A}/key.md": "---\ntitle: Child E\ndate_of_birth: 2010-03-03\n---\n# Child E\n"},
        [error(f"{A}/key.md", 3, DOB, "20**-**-**")],
        ("2010-03-03",),
    ),
    Case(
        "date-of-birth-key-quoted",
        {f"{A}/key-quoted.md": "---\ndate-of-birth: '03/03/2010'\n---\n# Child F\n"},
        [error(f"{A}/key-quoted.md", 2, DOB, "03/**/****")],
        ("03/03/2010",),
    ),
    Case(
        "folded-summary",
        {
            f"{A}/folded.md": (
                "---\ntitle: Child G\nsummary: >\n  Ring her carer on 0161 496\n  0000.\n---\n"
                "# Child G\n"
            )
        },
        [error(f"{A}/folded.md", 4, PHONE, "01** *** ****")],
        PHONE_RAW,
    ),
    Case(
        "hex-escape-in-double-quotes",
        {f"{A}/x-escape.md": '---\ntitle: "Ring \\x30161 496 0000"\n---\n# Child H\n'},
        [error(f"{A}/x-escape.md", 2, PHONE, "01** *** ****")],
        PHONE_RAW,
    ),
    Case(
        "unicode-escape-in-double-quotes",
        {f"{A}/u-escape.md": '---\ntitle: "NHS \\u0039\\u00343 476 5919"\n---\n# Child I\n'},
        [error(f"{A}/u-escape.md", 2, NHS, "94* *** ****")],
        NHS_RAW,
    ),
    Case(
        "value-split-over-lines",
        {
            f"{A}/split.md": (
                "---\ntitle: Child J\nsummary: \"Her NHS number\n  is 943 476 59\\\n  19\"\n---\n"
            )
        },
        [error(f"{A}/split.md", 3, NHS, "94* *** ****")],
        NHS_RAW,
    ),
    Case(
        "json-escape",
        {f"{A}/contact.json": '{"phone": "\\u0030161 496 0000"}\n'},
        [error(f"{A}/contact.json", 1, PHONE, "01** *** ****")],
        PHONE_RAW,
    ),
    # -- names ---------------------------------------------------------------------------------
    Case(
        "briefing-file-name",
        {f"{B}/child-9434765919.md": BRIEFING},
        [error(f"{B}/child-94********.md", None, NHS, "94********", " in the file name")],
        ("9434765919",),
        (f"{B}/child-94********.md", f"{B}/child-9434765919.md"),
    ),
    Case(
        "folder-name",
        {"content/07700900123/notes.md": "# Notes\n", "content/07700900123/more.md": "# More\n"},
        [error("content/07*********", None, PHONE, "07*********", " in a folder name")],
        ("07700900123", "900123"),
        ("content/07*********", "content/07700900123"),
    ),
    Case(
        "data-file-name",
        {"data/m6-5ab-visits.yaml": "- visit\n"},
        [error("data/m6-***-visits.yaml", None, POSTCODE, "m6-***", " in the file name")],
        ("m6-5ab",),
        ("data/m6-***-visits.yaml", "data/m6-5ab-visits.yaml"),
    ),
    # -- every suffix --------------------------------------------------------------------------
    Case(
        "mdown-suffix",
        {f"{A}/page.mdown": "Ring 0161 496 0000.\n"},
        [
            f"{A}/page.mdown: error: a page must end in .md: rename it to page.md",
            error(f"{A}/page.mdown", 1, PHONE, "01** *** ****"),
        ],
        PHONE_RAW,
    ),
    Case(
        "mkd-suffix",
        {f"{A}/page.mkd": "\n\nDOB: 12/03/2015\n"},
        [
            f"{A}/page.mkd: error: a page must end in .md: rename it to page.md",
            error(f"{A}/page.mkd", 3, DOB, "12/**/****"),
        ],
        ("12/03/2015",),
    ),
    Case(
        "svg-text",
        {
            f"{A}/map.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg">\n'
                "  <text x='1' y='2'>Home: M6 5AB</text>\n</svg>\n"
            )
        },
        [error(f"{A}/map.svg", 2, POSTCODE, "M6 ***")],
        ("M6 5AB",),
    ),
    Case(
        "xml-file",
        {f"{A}/feed.xml": "<?xml version='1.0'?>\n<item>jo.bloggs@gmail.com</item>\n"},
        [error(f"{A}/feed.xml", 2, EMAIL, "jo.******@*****.***")],
        ("jo.bloggs@gmail.com", "bloggs"),
    ),
    Case(
        "ics-calendar",
        {
            f"{A}/meeting.ics": (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:Call mum on 07700 900123\n"
                "END:VEVENT\nEND:VCALENDAR\n"
            )
        },
        [error(f"{A}/meeting.ics", 3, PHONE, "07*** ******")],
        ("07700 900123", "900123"),
    ),
    Case(
        "txt-file",
        {f"{A}/notes.txt": "Case notes\n\nNHS 401 023 2137\n"},
        [error(f"{A}/notes.txt", 3, NHS, "40* *** ****")],
        ("401 023 2137",),
    ),
    Case(
        "no-suffix",
        {f"{A}/README": "Contact jo.bloggs@gmail.com\n"},
        [error(f"{A}/README", 1, EMAIL, "jo.******@*****.***")],
        ("jo.bloggs@gmail.com",),
    ),
    Case(
        "document-folder-other-suffix",
        {"content/reviews/child-k.txt": "\nBorn 3 June 2014.\n"},
        [
            "content/reviews/child-k.txt: error: content/reviews/ holds only .md files, one per"
            " document, with no subfolders",
            error("content/reviews/child-k.txt", 2, DOB, "3 J*** ****"),
        ],
        ("3 June 2014",),
    ),
    # -- data files and mkdocs.yml -------------------------------------------------------------
    Case(
        "voice-quotes-folded-and-escaped",
        {
            "data/voices.yaml": MINIMAL_FILES["data/voices.yaml"]
            + VOICE
            + "  quote: >\n    My social worker said ring 07700\n    900123 if I was scared.\n"
            + "  attribution: Child, 12\n"
            + VOICE
            + '  quote: "I live at M6 \\x35AB"\n  attribution: Child, 12\n'
        },
        [
            error("data/voices.yaml", 10, PHONE, "07*** ******"),
            error("data/voices.yaml", 16, POSTCODE, "M6 ***"),
        ],
        ("07700 900123", "900123", "M6 5AB"),
    ),
    Case(
        "scorecard-note",
        {
            "data/scorecard/2026-27-q1.csv": (
                "indicator,value,note\nrereferrals_12m,21.0,\"family at \uff2d\uff16 5\u200bAB\"\n"
                "cin_rate,340,\n"
            )
        },
        [error("data/scorecard/2026-27-q1.csv", 2, POSTCODE, "M6 ***")],
        ("5\u200bAB",),
    ),
    Case(
        "csv-cell-over-lines",
        {f"{A}/figures.csv": 'area,note\nNorth,"visited NHS 943 476\n\n5919 twice"\n'},
        [error(f"{A}/figures.csv", 2, NHS, "94* *** ****")],
        NHS_RAW,
    ),
    Case(
        "mkdocs-site-name",
        {"mkdocs.yml": None},  # written by the fixture: site_name holds an NHS number
        [error("mkdocs.yml", 1, NHS, "94* *** ****")],
        NHS_RAW,
    ),
]



@pytest.fixture(scope="module")
def output(tmp_path_factory) -> subprocess.CompletedProcess:
    root = tmp_path_factory.mktemp("adversarial") / "project"
    root.mkdir()
    copy_engine(root)
    files: dict[str, str | bytes] = dict(MINIMAL_FILES)
    for case in CASES:
        files.update({path: text for path, text in case.files.items() if text is not None})
    write_tree(root, files)
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n", 1)[1]
    (root / "mkdocs.yml").write_text(f"site_name: Child A 943 476 5919 hub\n{mkdocs}")
    return run_hub(root, "check", "--as-of", AS_OF)


def test_cases_are_distinct_and_many() -> None:
    assert len({case.id for case in CASES}) == len(CASES) >= 35


def test_exit_code_and_no_traceback(output) -> None:
    assert output.returncode == 1
    assert "Traceback" not in output.stdout + output.stderr
    assert output.stderr == ""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(output, case: Case) -> None:
    lines = output.stdout.splitlines()
    assert [line for line in lines if case.own(line)] == case.lines
    everything = output.stdout + output.stderr
    for secret in case.secrets:
        assert secret not in everything


def test_every_line_is_a_case(output) -> None:
    expected = [line for case in CASES for line in case.lines]
    lines = output.stdout.splitlines()
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == f"hub check: {len(expected)} errors, 0 warnings"


# -- ordinary safeguarding text stays clean ----------------------------------------------------

ORDINARY = [  # each must give no finding
    "a Section 47 enquiry was opened",
    "support under Section 17",
    "Working Together 2023 says",
    "near the M6 J19",
    "at M62 junction 19",
    "ISBN 978-0-19-852663-6",
    "ISBN 0-19-852663-6",
    "rapid review RR-2024-017",
    "LCSPR 2023/04 was published",
    "the meeting started at 14:30",
    "we met at 9.15am",
    "a grant of £1,250.00",
    "a boy aged 15",
    "a 3-year-old",
    "she was born in 2015",
    "0.5 FTE",
    "on 12 March 2024 the strategy meeting was held",
    "Children Act 1989 s.47",
    "CP-IS flags",
    "ring ext. 4455",
    "Q3 2018/19",
    "period 2018-19-q3",
    "10,000 children",
    "1 in 5 children",
    "PO Box 123",
    "Room 101",
    "from 01/04/2024 to 30/06/2024",
    "Form CAF1",
    "call NHS 111",
    "call 999 in an emergency",
    "pp. 112-118",
    "Year 10 pupils",
    "rated 4.5 out of 5",
    "1,234 contacts (45%)",
    "call 999 or 101",
    "A&E attendances &amp; admissions",
    "the M60 ring road",
    "*Section 47* and **Working Together 2023**",
    "run `hub check` before 17:00",
    "Ofsted 2023/24 and DfE 2024",
    "doi:10.1136/bmj.n1234",
    "the child protection conference on 3 May 2024",
    "born prematurely at 32 weeks",
    "date of birth: not recorded",
    "Between 2019 and\n2024 there were\n37 referrals",
    "1. first point, 2019\n2. second point",
    "| Meeting | Date |\n|---|---|\n| Strategy | 03/03/2024 |",
    "| Name | DOB |\n|---|---|\n| Child A | not known |",
    "In 2023\n> 45 cases",
    "Level 3 safeguarding training",
]


def test_ordinary_phrases_are_many() -> None:
    assert len(set(ORDINARY)) == len(ORDINARY) >= 30


@pytest.mark.parametrize("phrase", ORDINARY)
def test_ordinary_phrase_gives_no_finding(phrase: str) -> None:
    assert PrivacyGate().scan(phrase) == []


def test_ordinary_text_passes_hub_check(make_project) -> None:
    text = "\n\n".join(ORDINARY) + "\n"
    root = make_project(
        {
            "content/ordinary.md": f"# Ordinary text\n\n{text}",
            "content/ordinary.txt": text,
            "content/briefings/neglect-toxic-trio.md": f"{BRIEFING}\n{text}",
        }
    )
    result = run_hub(root, "check", "--strict", "--as-of", AS_OF)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "hub check: no problems found\n",
        "",
    )
