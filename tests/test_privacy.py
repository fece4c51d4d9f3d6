"""Tests for site_builder.privacy: the gate that keeps personal data out of the hub.

Examples are fictional: Ofcom drama numbers (07700 900xxx, 0161 496 0xxx, 020 7946 0xxx),
NHS test-style numbers, example.org addresses and HMRC-shaped NI numbers.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.privacy import KINDS, Finding, PrivacyGate

NHS, NI, POSTCODE, EMAIL, PHONE, DOB = KINDS


def scan(text: str, allow: tuple[str, ...] = (), first_line: int = 1) -> list[tuple]:
    """(line, kind, masked) for each finding: easy to compare exactly."""
    gate = PrivacyGate(allow)
    return [(f.line, f.kind, f.masked) for f in gate.scan(text, first_line=first_line)]


def nhs_check_digit(nine: str) -> int | None:
    """Independent mod-11 check digit (None when the remainder makes it 10: never issued)."""
    check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
    return {11: 0, 10: None}.get(check, check)


# --- each kind is found, masked and placed ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        # NHS numbers: grouped 3-3-4 with spaces or hyphens, or unbroken
        ("NHS no. 943 476 5919 on file", NHS, "94* *** ****"),
        ("NHS no. 943-476-5919 on file", NHS, "94*-***-****"),
        ("NHS no. 9434765919 on file", NHS, "94********"),
        ("(401 023 2137)", NHS, "40* *** ****"),
        ("NHS no.9434765919", NHS, "94********"),
        ("943 476 5919,21.0,", NHS, "94* *** ****"),  # a CSV row
        ("cin_rate,9434765919,note", NHS, "94********"),
        # National Insurance numbers
        ("NI AB 12 34 56 C recorded", NI, "AB ** ** ** *"),
        ("NI JG103759A recorded", NI, "JG*******"),
        ("NI jg103759a recorded", NI, "jg*******"),
        ("NI CE 123456 D recorded", NI, "CE ****** *"),
        # full postcodes, every outward shape, space optional
        ("lives at M6 5AB now", POSTCODE, "M6 ***"),
        ("lives at SW1A 1AA now", POSTCODE, "SW** ***"),
        ("lives at EC1A 1BB now", POSTCODE, "EC** ***"),
        ("lives at B33 8TH now", POSTCODE, "B3* ***"),
        ("lives at CR2 6XH now", POSTCODE, "CR* ***"),
        ("lives at DN55 1PT now", POSTCODE, "DN** ***"),
        ("lives at W1A 0AX now", POSTCODE, "W1* ***"),
        ("lives at GIR 0AA now", POSTCODE, "GI* ***"),
        ("lives at M65AB now", POSTCODE, "M6***"),
        ("lives at m6 5ab now", POSTCODE, "m6 ***"),
        ("lives at M6 5AB.", POSTCODE, "M6 ***"),
        # email addresses
        ("write to jo.bloggs@example.org today", EMAIL, "jo.******@*******.***"),
        ("<a.n.other+sgp@mail.example.co.uk>", EMAIL, "a.n.*****+***@****.*******.**.**"),
        ("ends a sentence: jo@example.org.", EMAIL, "jo@*******.***"),
        ("[mail](mailto:jo@example.org)", EMAIL, "jo@*******.***"),
        # phone numbers
        ("call 0161 496 0000 today", PHONE, "01** *** ****"),
        ("call (0161) 496 0000 today", PHONE, "(01**) *** ****"),
        ("call 07700 900123 today", PHONE, "07*** ******"),
        ("call +44 7700 900123 today", PHONE, "+44 **** ******"),
        ("call +44 (0)161 496 0000 today", PHONE, "+44 (*)*** *** ****"),
        ("call 0044 7700 900123 today", PHONE, "00** **** ******"),
        ("call 020 7946 0018 today", PHONE, "02* **** ****"),
        ("call 0800 123 4567 today", PHONE, "08** *** ****"),
        ("call 07700-900-123 today", PHONE, "07***-***-***"),
        ("call 07700900123 today", PHONE, "07*********"),
        ("call 01632 96012 today", PHONE, "01*** *****"),  # 10 digits with the 0
        ("Tel:07700 900123", PHONE, "07*** ******"),
        ("Tel.07700 900123", PHONE, "07*** ******"),
        ("ref-07700900123", PHONE, "07*********"),
        ("21.0,07700 900123,", PHONE, "07*** ******"),  # a CSV row
        ("call 0161\u00a0496\u00a00000", PHONE, "01** *** ****"),  # no-break spaces
        ("call 0161\u2013496\u20130000", PHONE, "01**-***-****"),  # en dashes
        # dates of birth
        ("DOB: 12/03/2015", DOB, "12/**/****"),
        ("D.O.B. 12-03-2015", DOB, "12-**-****"),
        ("dob 12.03.15", DOB, "12.**.**"),
        ("Date of birth: 2015-03-12", DOB, "20**-**-**"),
        ("She was born on 12 March 2015.", DOB, "12 ***** ****"),
        ("born 12th March 2015", DOB, "12** ***** ****"),
        ("born March 12, 2015", DOB, "Ma*** **, ****"),
        ("born on the 1st of May 2016", DOB, "1s* ** *** ****"),
        ("Child B (born 3 Jun 2014) moved", DOB, "3 J** ****"),
        ("date of birth is 3 June 2014", DOB, "3 J*** ****"),
        ("born at home on 3 June 2014", DOB, "3 J*** ****"),
        ("born on 12 March", DOB, "12 *****"),  # day and month, no year: still a birthday
    ],
)
def test_each_kind_is_found_and_masked(text: str, kind: str, masked: str) -> None:
    assert scan(text) == [(1, kind, masked)]


def test_date_of_birth_on_the_next_line_is_reported_on_the_date_line() -> None:
    assert scan("Name: Child D\nDate of birth:\n  3 June 2014\n") == [(3, DOB, "3 J*** ****")]


def test_nhs_check_digit_is_checked() -> None:
    assert nhs_check_digit("943476591") == 9
    assert scan("943 476 5918") == []  # wrong check digit
    assert scan("943 476 5910") == []
    assert scan("123 456 7890") == []  # check digit would be 10: never issued
    assert nhs_check_digit("123456789") is None


def test_nhs_numbers_must_not_be_part_of_a_longer_digit_run() -> None:
    assert scan("ref 19434765919") == []
    assert scan("ref 94347659190") == []
    assert scan("value 0.9434765919") == []


def test_repeated_digit_placeholders_are_not_nhs_numbers() -> None:
    assert scan("NHS number: 000 000 0000 / 111 111 1111") == []


@pytest.mark.parametrize(
    "text",
    [
        "QQ 12 34 56 C",  # Q never a first letter (HMRC's own example)
        "DA 12 34 56 C",
        "AD 12 34 56 C",  # D never a second letter
        "AO 12 34 56 C",  # O never a second letter
        "GB 12 34 56 A",  # prefixes never issued
        "BG 12 34 56 A",
        "NK 12 34 56 A",
        "TN 12 34 56 A",
        "ZZ 12 34 56 A",
        "AB 12 34 56 E",  # suffix only A-D
        "AB 12 34 56",  # no suffix
        "Ab123456c",  # mixed case: not an identifier
        "on 12 34 56 a",  # lower case words with spaces
        "on 14 2015 a",  # digits not in pairs
        "XAB123456C",
    ],
)
def test_national_insurance_near_misses_pass(text: str) -> None:
    assert scan(text) == []


# --- near misses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # outward codes alone, roads and ordinals
        "M6",
        "in the M6 area",
        "SW1A",
        "the M6 2nd exit",
        "the m6 2nd exit",
        "see the A34 3rd junction",
        "Q3 2ND",  # Q never starts a postcode
        "SM65ABX",
        # dates that are not dates of birth
        "On 12 March 2015 the school made a referral.",
        "The child was born in 2015.",
        "born in March 2015",
        "She was born prematurely.",
        "newborn 12/03/2015",
        "reborn on 12 March 2015",
        "reviewed 12/03/2015 and 2015-03-12",
        # ordinary prose with numbers
        "In 2018-19 there were 1,234 contacts (45%) at a cost of £1,000,000.",
        "The meeting starts at 10:30 and ends at 12:00.",
        "Years 2018-2019, period 2018-19-q3, date 2024-01-05.",
        "0.5 FTE, 0.25 FTE and 10.5 hours",
        "Q3 2018/19 (October to December 2018)",
        "Year 7 pupils aged 11 to 12",
        "reference 1234 567 890",
        "case 4567891234",  # ten digits, not a valid NHS number, no leading 0
        "call 0161 496",  # too short
        "1.07700900123",
        "£07700 900123",
        "01 03 2015 10 children",  # a date written with spaces
        "£0 000 000 000",
        "00 1234 567 890",
        "07700900123456",  # too long
        # emails that are not addresses
        "@northbridge on social media",
        "jo@localhost",
        "a @ b . org",
        "",
        "\n\n\n",
    ],
)
def test_near_misses_pass(text: str) -> None:
    assert scan(text) == []


# --- overlaps ---------------------------------------------------------------------------------


def test_nhs_valid_number_laid_out_like_a_phone_number_is_an_nhs_number() -> None:
    assert nhs_check_digit("016149600") == 8
    assert scan("call 016 149 6008") == [(1, NHS, "01* *** ****")]


def test_international_prefix_makes_a_phone_number_of_an_nhs_shape() -> None:
    assert scan("+44 943 476 5919") == [(1, PHONE, "+44 *** *** ****")]


def test_email_wins_over_the_digits_and_postcode_inside_it() -> None:
    assert scan("07700900123@example.org") == [(1, EMAIL, "07*********@*******.***")]
    assert scan("m65ab@example.org") == [(1, EMAIL, "m6***@*******.***")]


def test_one_finding_per_match() -> None:
    assert scan("DOB 12/03/2015, NHS 943 476 5919") == [
        (1, DOB, "12/**/****"),
        (1, NHS, "94* *** ****"),
    ]


def test_two_phone_numbers_side_by_side_are_two_findings() -> None:
    assert scan("0161 496 0000 0161 496 0001") == [
        (1, PHONE, "01** *** ****"),
        (1, PHONE, "01** *** ****"),
    ]


# --- allow list -------------------------------------------------------------------------------


def test_allow_list_is_exact_and_case_insensitive() -> None:
    allow = ("safeguarding@northbridge.example", "0161 496 0999", "sw1a 1aa")
    text = (
        "Contact Safeguarding@Northbridge.EXAMPLE or 0161 496 0999 at SW1A 1AA.\n"
        "Not jo@northbridge.example, 0161 496 0998 or SW1A 2AA.\n"
    )
    assert scan(text, allow) == [
        (2, EMAIL, "jo@***********.*******"),
        (2, PHONE, "01** *** ****"),
        (2, POSTCODE, "SW** ***"),
    ]


def test_allowed_text_claims_what_is_inside_it() -> None:
    assert scan("07700900123@example.org", ("07700900123@EXAMPLE.org",)) == []


def test_allow_list_matches_the_date_or_the_whole_date_of_birth_phrase() -> None:
    assert scan("born 1 May 1998", ("1 may 1998",)) == []
    assert scan("born 1 May 1998", ("Born 1 May 1998",)) == []
    assert scan("born 1 May 1998", ("1 May",)) == [(1, DOB, "1 M** ****")]


# --- lines and messages -----------------------------------------------------------------------


def test_lines_are_offset_by_first_line_and_ordered_by_line_then_column() -> None:
    text = "intro\nM6 5AB and jo@example.org\n\nDOB 12/03/2015\n"
    expected = [
        (11, POSTCODE, "M6 ***"),
        (11, EMAIL, "jo@*******.***"),
        (13, DOB, "12/**/****"),
    ]
    assert scan(text, first_line=10) == expected
    assert [line - 9 for line, *_ in expected] == [f[0] for f in scan(text)]


def test_message_names_the_kind_and_shows_only_the_mask() -> None:
    finding = PrivacyGate().scan("NHS 943 476 5919")[0]
    assert finding == Finding(1, NHS, "94* *** ****")
    assert finding.message() == (
        "possible NHS number '94* *** ****' (remove it, or add the exact text to "
        "privacy_allow in data/taxonomy.yaml if it is public)"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "943 476 5919",
        "AB 12 34 56 C",
        "SW1A 1AA",
        "jo.bloggs@example.org",
        "07700 900123",
        "+44 7700 900123",
    ],
)
def test_message_never_contains_the_raw_match(raw: str) -> None:
    [finding] = PrivacyGate().scan(f"see {raw} here")
    assert raw not in finding.message()
    assert raw.replace(" ", "") not in finding.message().replace(" ", "")


def test_finding_is_frozen() -> None:
    finding = Finding(1, NHS, "94* *** ****")
    with pytest.raises(AttributeError):
        finding.line = 2  # type: ignore[misc]


# --- properties -------------------------------------------------------------------------------


def _raw_candidates(finding: Finding, line_text: str) -> list[str]:
    """Substrings of the finding's line with the mask's shape: one of them is the raw match."""
    shape = "".join("[A-Za-z0-9]" if c == "*" else re.escape(c) for c in finding.masked)
    return [m.group(1) for m in re.finditer(f"(?=({shape}))", line_text)]


_ALPHABET = "0123456789 0 0  -/.,:@+()£%\n\tABCDEFGHMNSTWXYZabdegjmnorstx"
_PIECES = st.sampled_from(
    [
        "943 476 5919",
        "0161 496 0000",
        "+44 7700 900123",
        "(020) 7946 0018",
        "AB 12 34 56 C",
        "jg103759a",
        "M6 5AB",
        "SW1A1AA",
        "jo.bloggs@example.org",
        "DOB: ",
        "born on ",
        "date of birth ",
        "12 March 2015",
        "12/03/2015",
        "2024-01-05",
        "£1,000,000",
        "10:30",
        "\n",
    ]
)
_TEXTS = st.lists(st.one_of(st.text(_ALPHABET, max_size=12), _PIECES), max_size=30).map(
    "".join
) | st.text(max_size=200)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, first_line=st.integers(min_value=1, max_value=500))
def test_scan_never_raises_and_never_shows_a_whole_match(text: str, first_line: int) -> None:
    findings = PrivacyGate().scan(text, first_line=first_line)
    lines = text.split("\n")
    positions = [f.line for f in findings]
    assert positions == sorted(positions)
    for finding in findings:
        assert finding.kind in KINDS
        assert first_line <= finding.line < first_line + len(lines)
        # A match starts on its line and may run on across wraps; spaces read as one.
        rest = re.sub(r"\s+", " ", " ".join(lines[finding.line - first_line :]))
        raws = _raw_candidates(finding, rest)
        assert raws, f"no text shaped like {finding.masked!r} from its line on"
        assert all(raw != finding.masked for raw in raws)
        assert sum(c.isalnum() for c in finding.masked) <= 2
        assert all(raw not in finding.message() for raw in raws)


@st.composite
def _valid_nhs_numbers(draw: st.DrawFn) -> str:
    nine = draw(st.text("0123456789", min_size=9, max_size=9))
    check = nhs_check_digit(nine)
    digits = nine + str(check)
    if check is None or len(set(digits)) == 1:
        return draw(_valid_nhs_numbers())
    sep = draw(st.sampled_from(["", " ", "-"]))
    return f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"


@settings(max_examples=200, deadline=None)
@given(number=_valid_nhs_numbers(), before=st.sampled_from(["", "NHS ", "(", "no. "]))
def test_every_valid_nhs_number_is_found(number: str, before: str) -> None:
    assert scan(f"{before}{number} seen") == [(1, NHS, number[:2] + re.sub(r"\d", "*", number[2:]))]


@settings(max_examples=200, deadline=None)
@given(nine=st.text("0123456789", min_size=9, max_size=9), last=st.integers(0, 9))
def test_wrong_check_digits_are_never_nhs_numbers(nine: str, last: int) -> None:
    if nhs_check_digit(nine) == last:
        return
    assert all(kind != NHS for _, kind, _ in scan(f"{nine[:3]} {nine[3:6]} {nine[6:]}{last}"))


# --- speed ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "born" + " " * 100_000,
        "born " * 20_000,
        "0 " * 50_000,
        "(0" * 50_000,
        "1" * 100_000,
        "a." * 50_000,
        "a@" * 50_000,
        "a@" + "b." * 50_000 + "1",
        "AB1 " * 25_000,
        "DOB " + "a " * 50_000,
    ],
    ids=[
        "spaces-after-born",
        "many-borns",
        "zeros",
        "brackets",
        "digit-run",
        "dots",
        "ats",
        "long-domain",
        "ni-like",
        "dob-then-words",
    ],
)
def test_pathological_input_is_scanned_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    PrivacyGate().scan(text)
    assert time.perf_counter() - start < 5  # 100,000 characters: quadratic work takes minutes


# --- reading as a reader sees it --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Date of birth:** 3 March 2010", [(1, DOB, "3 M**** ****")]),
        ("_DOB_: 03/03/2010", [(1, DOB, "03/**/****")]),
        ("date_of_birth: 2010-03-03", [(1, DOB, "20**-**-**")]),
        ('dob: "2010-03-03"', [(1, DOB, "20**-**-**")]),
        ("Birth date: 3 May 2011", [(1, DOB, "3 M** ****")]),
        ("ring `0161 496 0000`", [(1, PHONE, "01** *** ****")]),
        ("ring &#48;161 496 0000", [(1, PHONE, "01** *** ****")]),
        ("ring &#x30;161&nbsp;496 0000", [(1, PHONE, "01** *** ****")]),
        ("ring 0161\\-496\\-0000", [(1, PHONE, "01**-***-****")]),
        ("ring \uff10\uff11\uff16\uff11 496 0000", [(1, PHONE, "01** *** ****")]),
        ("NHS 943\u200b476\u00ad5919", [(1, NHS, "94********")]),
        ("ring 0161  496\t0000", [(1, PHONE, "01** *** ****")]),
        ("<b>DOB</b>: 3 March 2010", [(1, DOB, "3 M**** ****")]),
        ('<a href="mailto:jo@example.org">us</a>', [(1, EMAIL, "jo@*******.***")]),
        ("intro\nNHS 943 476\n5919", [(2, NHS, "94* *** ****")]),
        ("> ring 0161 496\n> 0000", [(1, PHONE, "01** *** ****")]),
        ("- at SW1A\n  1AA", [(1, POSTCODE, "SW** ***")]),
        (
            "a\nb\nNHS 943\n476\n5919\nlast 07700 900123",
            [(3, NHS, "94* *** ****"), (6, PHONE, "07*** ******")],
        ),
        (
            "| Name | DOB |\n|---|---|\n| A | 3/3/10 |\n| B | 4 May 2011 |",
            [(3, DOB, "3/3/**"), (4, DOB, "4 M** ****")],
        ),
        ("| DOB | 3 March 2010 |", [(1, DOB, "3 M**** ****")]),
    ],
)
def test_markup_escapes_and_wraps_do_not_hide_a_match(text: str, expected: list) -> None:
    assert scan(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1. first 943 476\n2. 5919",  # list items are separate
        "## Figures 943 476\n5919 cases",  # a heading ends its line
        "| 943 476 |\n| 5919 |",  # table rows
        "```\n943 476\n5919\n```",  # code lines
        "5*3 and date_of_birth_field",  # not emphasis
        "| Name | Date |\n|---|---|\n| A | 3/3/10 |",  # a date column that is not DOB
    ],
)
def test_breaks_between_blocks_are_not_wraps(text: str) -> None:
    assert scan(text) == []


def test_csv_lines_are_records_not_wraps() -> None:
    text = "x,943 476\n5919,y\n"
    assert [f.kind for f in PrivacyGate().scan(text)] == [NHS]
    assert PrivacyGate().scan(text, wraps=False) == []


def test_redact_masks_a_name_in_place() -> None:
    gate = PrivacyGate()
    assert gate.redact("child-9434765919.md") == (
        "child-94********.md",
        [Finding(1, NHS, "94********")],
    )
    assert gate.redact("m6-5ab-visits.yaml", spaces="-_") == (
        "m6-***-visits.yaml",
        [Finding(1, POSTCODE, "m6-***")],
    )
    assert gate.redact("rr-2026-01-child-a.md", spaces="-_") == ("rr-2026-01-child-a.md", [])


def test_allow_list_is_read_as_a_reader_reads_it() -> None:
    assert scan("ring 0161&nbsp;496 0999", ("0161\u00a0496 0999",)) == []
