"""Privacy gate: find personal data in text before anything is published.

The gate is pure: it takes text and returns `Finding`s; the loader turns them into problems
naming the file and line. Six kinds are found (`KINDS`):

- **NHS number**: ten digits, unbroken or grouped 3-3-4 with spaces or hyphens, with a valid
  mod-11 check digit, not part of a longer digit run. A number made of one repeated digit
  ("000 000 0000") is a placeholder and passes.
- **National Insurance number**: an issued prefix (HMRC rules), six digits (optionally in
  spaced pairs) and a suffix A-D. Letters are all upper case, or all lower case with no spaces
  ("jg103759a"), so words in prose ("on 12 34 56 a") never match.
- **postcode**: a full UK postcode, outward and inward code (BS 7666 letter rules, space
  optional, "GIR 0AA" too). An outward code alone ("M6", "SW1A") passes. Letters are all upper
  or all lower case; in lower case an ordinal inward code ("the m6 2nd exit") passes.
- **email address**: local@domain.tld.
- **phone number**: "+44" (or "0044"), or "0", then a UK number of 10 digits after the 0 (some
  have 9), grouped with spaces, hyphens or brackets. The first group holds the area code, so
  space-separated dates ("01 03 2015") and lone zeros ("0.5") never start one.
- **date of birth**: a date (with a day) after "DOB", "D.O.B.", "date of birth" (also
  "date_of_birth" and "date-of-birth", as YAML keys), "birth date" or "born",
  optionally with ":" or "-", and "on", "is", "was" or "the" between. "born at home on
  12 March 2015" is found too (up to three words before "on"); "born in 2015" is not (no day).
  The date may be on the next line; the finding names the date's line.

Reading as a reader does (`reader_view`): before the kinds are looked for, the text is read as a
browser shows it, so markup cannot hide a match. Characters are normalised (NFKC: full-width
digits are digits, and so are any script's), zero-width characters and soft hyphens dropped,
HTML entities ("&#48;"), percent-encoded digits ("%30") and backslash escapes decoded, Markdown
emphasis and code marks ("**DOB:**", "`0161 496 0000`") and HTML tags removed (their attribute
values kept as text), runs of spaces read as one, and a line wrapped inside a paragraph (a
blockquote's "> " and a list item's indent aside) read as a space where a digit meets the wrap,
so a number split over two lines is found, at the line where it starts. In a Markdown table, a
date in a column headed "DOB", "D.O.B." or "Date of birth" is a date of birth. YAML keys count
as labels ("date_of_birth:").

Overlaps: each stretch of text gives at most one finding. Candidates of all kinds are taken
in order of position; where two overlap, the one that starts first wins, then the longer, then
the more specific kind in `KINDS` order. So a check-valid NHS number with a leading 0 laid
out 3-3-4 like a phone number ("016 149 6008") is an **NHS number** (the check digit is the
stronger evidence); "+44 161 496 0000" is a **phone number** (it starts at "+44"); an email
address whose local part looks like a phone number or postcode is an **email address**.

`privacy_allow`: a match whose text equals an allowed string, ignoring case, is not reported
(for a date of birth, either the date or the whole phrase from the keyword). An allowed match
still claims its text, so nothing inside it is reported as another kind.

Masking keeps the first two letters or digits of a match and replaces every other letter or
digit with "*", keeping separators so the shape stays visible: "943 476 5919" becomes
"94* *** ****". No-break and thin spaces count as spaces, typographic dashes as hyphens.

Speed: patterns are precompiled, start only where a look-behind allows, and are of bounded
length or a single greedy run, so a scan is linear in the size of the text. Kinds that need a
digit search only the lines that hold one; emails need an "@" and dates of birth a keyword.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = (
    "NHS number",
    "National Insurance number",
    "postcode",
    "email address",
    "phone number",
    "date of birth",
)
_NHS, _NI, _POSTCODE, _EMAIL, _PHONE, _DOB = KINDS
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}

_VISIBLE = 2  # leading letters/digits left unmasked

# Text pasted from word processors carries no-break spaces and typographic dashes inside
# numbers ("0161\u00a0496\u00a00000"); they are read as plain spaces and hyphens.
_PLAIN_SEPARATORS = {space: " " for space in "\u00a0\u2007\u2009\u202f"} | {
    dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2212"
}


@dataclass(frozen=True)
class Finding:
    """One piece of possible personal data.

    Attributes:
        line: 1-based line number of the start of the match (offset by `first_line`).
        kind: one of `KINDS`.
        masked: the match with all but its first two letters/digits replaced by "*".
    """

    line: int
    kind: str
    masked: str

    def message(self, where: str = "") -> str:
        """The problem text for an author: what was found (`where`, e.g. " in the file name")
        and what to do."""
        return (
            f"possible {self.kind} '{self.masked}'{where} (remove it, or add the exact text to "
            "privacy_allow in data/taxonomy.yaml if it is public)"
        )


class _Match(NamedTuple):
    """A candidate before overlaps and the allow list are resolved."""

    start: int
    end: int
    kind: str
    raw: str
    phrase: str = ""  # date of birth: the text from the keyword, also checked against allow


# --- patterns ---------------------------------------------------------------------------------

_FLAGS = re.ASCII | re.VERBOSE

_NHS_RE = re.compile(
    r"""
    (?<![0-9])(?<![0-9]\.)               # not the tail of a digit run or a decimal
    [0-9]{3} [ -]? [0-9]{3} [ -]? [0-9]{4}
    (?![0-9]|\.[0-9])                    # not followed by more digits or decimals
    """,
    _FLAGS,
)

_NI_RE = re.compile(
    r"""
    (?<![A-Za-z0-9])
    (?!BG|GB|KN|NK|NT|TN|ZZ)             # prefixes never issued
    [A-CEGHJ-PR-TW-Z] [A-CEGHJ-NPR-TW-Z] # first not D F I Q U V; second not D F I O Q U V
    [ ]? (?: [0-9]{6} | [0-9]{2} [ ] [0-9]{2} [ ] [0-9]{2} ) [ ]?
    [A-D]
    (?![A-Za-z0-9])
    """,
    _FLAGS | re.IGNORECASE,
)

_POSTCODE_RE = re.compile(
    r"""
    (?<![A-Za-z0-9])
    (?:
        GIR [ ]? 0AA
      | (?:
            [A-PR-UWYZ] [0-9] [0-9]?                  # A9, A99
          | [A-PR-UWYZ] [A-HK-Y] [0-9] [0-9]?         # AA9, AA99
          | [A-PR-UWYZ] [0-9] [A-HJKPSTUW]            # A9A
          | [A-PR-UWYZ] [A-HK-Y] [0-9] [ABEHMNPRVWXY] # AA9A
        )
        [ ]? [0-9] [ABD-HJLNP-UW-Z]{2}                # inward code
    )
    (?![A-Za-z0-9])
    """,
    _FLAGS | re.IGNORECASE,
)

_EMAIL_RE = re.compile(
    r"""
    (?<![A-Za-z0-9._%+-])                # start only at the start of a token
    [A-Za-z0-9._%+-]+ @ (?:[A-Za-z0-9-]+\.)+ [A-Za-z]{2,}
    (?![A-Za-z0-9-])
    """,
    _FLAGS,
)

_PHONE_RE = re.compile(
    r"""
    (?<![A-Za-z0-9_+£$€/])               # not glued to a word, an amount or a path
    (?<![0-9]\.)                         # nor the tail of a decimal
    (?:
        (?P<intl> (?:\+|00) [ ]? 44 [ -]? (?:\(0\)[ -]?)? )
      | \( (?=0)
      | (?=0)
    )
    (?P<body> [0-9]+ (?: (?:\)[ -]?|[ -]) [0-9]+ ){0,4} )
    (?![A-Za-z0-9_%])
    """,
    _FLAGS,
)
_DIGIT_GROUP_RE = re.compile(r"[0-9]+")
_DIGIT_RE = re.compile(r"[0-9]")

_MONTH = r"""
    (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
      |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?) \.? (?![A-Za-z])
"""
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01]) (?:st|nd|rd|th)? (?![A-Za-z0-9])"
_DATE = rf"""
    [0-9]{{1,2}} (?P<sep>[/.-]) [0-9]{{1,2}} (?P=sep) (?:[0-9]{{4}}|[0-9]{{2}})
  | [0-9]{{4}} (?P<isep>[/.-]) [0-9]{{1,2}} (?P=isep) [0-9]{{1,2}}
  | {_DAY} (?:[ \t]+ of)? [ \t]+ {_MONTH} (?: ,? [ \t]+ [0-9]{{4}} )?
  | {_MONTH} [ \t]+ {_DAY} (?: ,? [ \t]+ [0-9]{{4}} )?
"""
# The labels of a date of birth, in prose, as a YAML key ("date_of_birth:") or a table heading.
_DOB_LABEL = r"(?: dob | d\.o\.b\.? | date [\s_-]+ of [\s_-]+ birth | birth [\s_-]* date | born )"
_DOB_RE = re.compile(
    rf"""
    (?<![A-Za-z])
    {_DOB_LABEL} (?![A-Za-z])
    \s* (?: [:=(|-] \s* )? ["']?
    (?: (?: [A-Za-z]+ [ \t,]+ ){{0,3}}? (?:on|is|was) \s+ )?
    (?: the \s+ )?
    (?P<date> {_DATE} )
    (?![0-9])
    """,
    _FLAGS | re.IGNORECASE,
)
_DATE_RE = re.compile(rf"(?<![0-9]) (?: {_DATE} ) (?![0-9])", _FLAGS | re.IGNORECASE)
_DOB_HEADING_RE = re.compile(rf"[ \t]* {_DOB_LABEL} [ \t.:]* $", _FLAGS | re.IGNORECASE)

_DOB_KEYWORDS = ("dob", "d.o.b", "birth", "born")  # cheap test before the full pattern
_ORDINAL_INWARD = re.compile(r"[0-9](?:st|nd|rd|th)$")

# Hints: what every match of a pattern must contain, as patterns that start with a character
# class, so the regex engine skips to candidates at C speed (a full pattern, starting with a
# look-behind, is tried at every position). A line without its hint is not searched: about three
# times faster on prose full of years and figures, with the same findings.
_NHS_HINT = re.compile(r"[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}", re.ASCII)
_NI_HINT = re.compile(r"[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]", re.ASCII)
_POSTCODE_HINT = re.compile(r"[0-9][A-Za-z]{2}", re.ASCII)  # the inward code
_PHONE_HINT = re.compile(r"[0-9(][0-9 ()-]{9}", re.ASCII)  # 10+ digits, with separators


# --- finders: one per kind, each yields candidates in order of position ----------------------
#
# NHS, NI, postcode and phone matches hold a digit and never span lines, so they search only
# the lines that hold a digit (`spans`). Lines of plain prose are skipped at C speed.


def _find_nhs_numbers(text: str, spans: list[tuple[int, int]]) -> Iterator[_Match]:
    for m in _search(_NHS_RE, text, spans, _NHS_HINT):
        digits = [int(c) for c in m.group() if c.isdigit()]
        if len(set(digits)) > 1 and _has_valid_nhs_check_digit(digits):
            yield _Match(m.start(), m.end(), _NHS, m.group())


def _find_ni_numbers(text: str, spans: list[tuple[int, int]]) -> Iterator[_Match]:
    for m in _search(_NI_RE, text, spans, _NI_HINT):
        raw = m.group()
        if raw.isupper() or (raw.islower() and " " not in raw):
            yield _Match(m.start(), m.end(), _NI, raw)


def _find_postcodes(text: str, spans: list[tuple[int, int]]) -> Iterator[_Match]:
    for m in _search(_POSTCODE_RE, text, spans, _POSTCODE_HINT):
        raw = m.group()
        if not _is_single_case(raw):
            continue
        if raw.islower() and _ORDINAL_INWARD.search(raw):
            continue
        yield _Match(m.start(), m.end(), _POSTCODE, raw)


def _find_emails(text: str, spans: list[tuple[int, int]]) -> Iterator[_Match]:
    if "@" not in text:
        return
    for m in _EMAIL_RE.finditer(text):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip("."))  # "...jo@x.org" after an ellipsis
        if raw[lead] == "@":
            continue
        yield _Match(m.start() + lead, m.end(), _EMAIL, raw[lead:])


def _find_phone_numbers(text: str, spans: list[tuple[int, int]]) -> Iterator[_Match]:
    for span_start, span_end in spans:
        if not _PHONE_HINT.search(text, span_start, span_end):
            continue
        pos = span_start
        while m := _PHONE_RE.search(text, pos, span_end):
            end = _resolve_phone_end(m)
            if end is None:
                pos = m.end()
                continue
            yield _Match(m.start(), end, _PHONE, text[m.start() : end])
            pos = end  # "0161 496 0000 0161 496 0001": the second number starts after the first


def _find_dates_of_birth(text: str, spans: list[tuple[int, int]]) -> Iterator[_Match]:
    lowered = text.lower()
    if not any(keyword in lowered for keyword in _DOB_KEYWORDS):
        return
    for m in _DOB_RE.finditer(text):
        yield _Match(m.start("date"), m.end("date"), _DOB, m.group("date"), m.group())


_FINDERS = (
    _find_nhs_numbers,
    _find_ni_numbers,
    _find_postcodes,
    _find_emails,
    _find_phone_numbers,
    _find_dates_of_birth,
)


def _search(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]], hint: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    for start, end in spans:
        if hint.search(text, start, end):
            yield from pattern.finditer(text, start, end)


def _lines_with_digits(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each line that holds a digit, end excluding the newline."""
    spans = []
    pos = 0
    while digit := _DIGIT_RE.search(text, pos):
        start = text.rfind("\n", 0, digit.start()) + 1
        end = text.find("\n", digit.end())
        if end == -1:
            end = len(text)
        spans.append((start, end))
        pos = end
    return spans


# --- checks -----------------------------------------------------------------------------------


def _has_valid_nhs_check_digit(digits: list[int]) -> bool:
    """Mod-11: weights 10..2 on the first nine digits; 11 means 0, 10 means invalid."""
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


def _is_single_case(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return all(c.isupper() for c in letters) or all(c.islower() for c in letters)


def _resolve_phone_end(m: re.Match[str]) -> int | None:
    """End offset of the longest leading run of digit groups that makes a UK number.

    The national form (with its 0) must have 10 or 11 digits and a second digit other than 0;
    the first group (the area code) needs at least 3 digits with its 0 (2 after "+44").
    A bracketed area code must be closed. None if no run qualifies.
    """
    body = m.group("body")
    intl = m.group("intl") is not None
    groups = list(_DIGIT_GROUP_RE.finditer(body))
    first = groups[0].group()
    if intl and first[0] != "0":
        national, shortest_first = "0", 2
    else:
        national, shortest_first = "", 3
    if len(first) < shortest_first:
        return None
    best = None
    for group in groups:
        national += group.group()
        if len(national) > 11:
            break
        if len(national) >= 10:
            best = group.end()
    if best is None or national[1] == "0":
        return None
    if m.group().startswith("(") and ")" not in body[:best]:
        return None
    return m.start("body") + best


def _mask(raw: str) -> str:
    """Keep the first two letters/digits and the separators; star every other letter/digit."""
    shown = 0
    out = []
    for char in raw:
        if char.isalnum():
            out.append(char if shown < _VISIBLE else "*")
            shown += 1
        else:
            out.append(char)
    return "".join(out)


# --- the text as a reader sees it -------------------------------------------------------------

# Characters a reader never sees: soft hyphen, zero-width space and joiners, direction marks,
# word joiner and invisible operators, byte order mark, Mongolian vowel separator.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_LINE_SEPARATORS = frozenset("\x85\u2028\u2029")  # read as spaces: only "\n" counts lines
# Inline HTML elements: a reader sees their text run on ("0161<b>496</b>"); others break it.
_INLINE_TAGS = frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i")
    + ("ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time")
    + ("tt", "u", "var", "wbr")
)


class _Folding(dict):
    """A `str.translate` table filled on first use: how a reader sees each non-ASCII character."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if char in _INVISIBLE:
            seen = None
        elif char in _LINE_SEPARATORS:
            seen = " "
        else:
            folded = unicodedata.normalize("NFKC", char)
            seen = "".join(_PLAIN_SEPARATORS.get(c, c) for c in folded).replace("\n", " ")
            digit = unicodedata.decimal(seen, None) if len(seen) == 1 else None
            if digit is not None:
                seen = str(digit)  # any script's digits: Arabic-Indic "٠١٦١" is 0161
        self[code] = seen
        return seen


_FOLDING = _Folding()

# Where markup may start; each is then read by the patterns below (one search for all).
_MARKUP_START = re.compile(r"[&\\*_~`<%]|[^\x00-\x7f]+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_ENTITY_RE = re.compile(
    r"&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6})(?:;|(?![0-9A-Za-z]))|&[A-Za-z][A-Za-z0-9]{1,31};"
)
# Percent-encoded digits and separators, as in a link ("tel:%30161%20496%200000").
_PERCENT_RE = re.compile(r"%(?:3[0-9]|2[0BbDd]|40)")
_ESCAPE_RE = re.compile(r"\\[!-/:-@\[-`{-~]")
_DELIMITER_RE = re.compile(r"([*_~])\1*+|`++")
_TAG_RE = re.compile(
    r"""</?([A-Za-z][A-Za-z0-9-]*+)
    ((?:[ \t]++[^\s<>"'=/]++(?:[ \t]*+=[ \t]*+(?:"[^"<>\n]*+"|'[^'<>\n]*+'|[^\s"'=<>`]++))?)*+)
    [ \t]*+/?>""",
    re.VERBOSE,
)
_ATTRIBUTE_VALUE_RE = re.compile(r"""=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_SPACES_RE = re.compile(r"[ \t]{2,}|\t")
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
_LIST_ITEM_RE = re.compile(r"([0-9]{1,9})[.)][ \t]")
_LIST_START_RE = re.compile(r"[ >]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]")
_FENCE_RE = re.compile(r"^[ >]*(?:```|~~~)", re.MULTILINE)
_TABLE_RULE_RE = re.compile(
    r"^[ >]*\|?[ ]?:?-+:?[ ]?(?:\|[ ]?:?-+:?[ ]?)*\|?[ ]?$", re.MULTILINE
)


@dataclass
class ReaderView:
    """Text as a reader sees it, with the way back to the source's lines.

    Attributes:
        text: the normalised text; it keeps every line break except the wraps it joins.
        joins: offsets in `text` where a joined source line starts, in order.
    """

    text: str
    joins: list[int] = field(default_factory=list)

    def line_of(self, offset: int, first_line: int = 1) -> int:
        """The source line of `offset` in `text`."""
        return (
            first_line + self.text.count("\n", 0, offset) + bisect.bisect_right(self.joins, offset)
        )


def reader_view(text: str, wraps: bool = True) -> ReaderView:
    """`text` read as a reader sees it (see the module docstring); line breaks are kept, but
    with `wraps` a break inside a paragraph that a digit touches is read as a space."""
    text = _read_markup(text)
    if "  " in text or "\t" in text:
        text = _SPACES_RE.sub(" ", text)
    if not wraps or "\n" not in text:
        return ReaderView(text)
    return _join_wraps(text)


def _read_markup(text: str) -> str:
    """Entities, escapes, emphasis, code marks, tags and odd characters read; "\n" kept."""
    pieces = []
    pos = 0
    while m := _MARKUP_START.search(text, pos):
        start = m.start()
        char = text[start]
        seen, end = _read_one(text, start, char, m)
        if end == start:  # not markup after all: keep the character
            end = start + 1
            seen = char
        pieces.append(text[pos:start])
        pieces.append(seen)
        pos = end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _read_one(text: str, start: int, char: str, m: re.Match[str]) -> tuple[str, int]:
    """What a reader sees of the markup at `start`, and where it ends (`start`: no markup)."""
    if char == "&":
        entity = _ENTITY_RE.match(text, start)
        if entity is None:
            return "", start
        seen = html.unescape(entity.group())
        return seen.translate(_FOLDING).replace("\n", " "), entity.end()
    if char == "%":
        code = _PERCENT_RE.match(text, start)
        return (chr(int(code.group()[1:], 16)), code.end()) if code else ("", start)
    if char == "\\":
        escape = _ESCAPE_RE.match(text, start)
        return (escape.group()[1], escape.end()) if escape else ("", start)
    if char == "<":
        tag = _TAG_RE.match(text, start)
        if tag is None:
            return "", start
        values = [next(v for v in value.groups() if v is not None)
                  for value in _ATTRIBUTE_VALUE_RE.finditer(tag.group(2))]
        shown = " ".join(values).translate(_FOLDING).replace("\n", " ")
        if tag.group(1).lower() in _INLINE_TAGS:
            return (f" {shown} " if shown else ""), tag.end()
        return f" {shown} ", tag.end()
    if char in "*_~`":
        run = _DELIMITER_RE.match(text, start)
        end = run.end()
        if end - start >= 3 and char in "`~":
            return text[start:end], end  # a code fence: its lines stay lines
        if char == "`":
            return "", end
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        # Emphasis opens before a non-space and closes after one, never inside a word
        # ("date_of_birth", "5*3" and a "* " list marker stay as they are).
        opens = not _WORD_CHAR.match(before) and not after.isspace()
        closes = not before.isspace() and not _WORD_CHAR.match(after)
        return ("", end) if opens or closes else (text[start:end], end)
    return m.group().translate(_FOLDING), m.end()  # a run of non-ASCII characters


def _join_wraps(text: str) -> ReaderView:
    """Read the line breaks inside paragraphs that a digit touches as spaces."""
    fences = _fenced_ranges(text) if "```" in text or "~~~" in text else []
    pieces = []
    joins = []
    length = 0
    pos = 0
    for start, end in _digit_breaks(text):
        if not _is_wrap(text, start, end, fences):
            continue
        pieces.append(text[pos:start])
        length += start - pos
        pieces.append(" ")
        length += 1
        joins.append(length)
        pos = end
    if not joins:
        return ReaderView(text)
    pieces.append(text[pos:])
    return ReaderView("".join(pieces), joins)


def _digit_breaks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line break that a digit touches, with the space before it and the
    next line's "> " and indent. A loop over "\n": far faster here than a pattern."""
    size = len(text)
    newline = text.find("\n")
    while newline != -1:
        start = newline - 1 if newline and text[newline - 1] == " " else newline
        end = newline + 1
        while end < size and text[end] in " >":
            end += 1
        before = text[start - 1] if start else "\n"
        after = text[end] if end < size else "\n"
        if ("0" <= before <= "9" and not after.isspace()) or (
            "0" <= after <= "9" and not before.isspace()
        ):
            yield start, end
        newline = text.find("\n", newline + 1)


def _is_wrap(text: str, start: int, end: int, fences: list[tuple[int, int]]) -> bool:
    """Whether the break text[start:end] runs one paragraph on (not a new list item, table row,
    heading or code line)."""
    line_start = text.rfind("\n", 0, start) + 1
    next_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : next_end if next_end != -1 else len(text)]
    if "|" in before or "|" in after:
        return False
    # A numbered item starts a list only at "1." or after another item ("2019. Then" runs on).
    item = _LIST_ITEM_RE.match(after)
    if item and (item.group(1) == "1" or _LIST_START_RE.match(before)):
        return False
    if before.lstrip(" >").startswith("#"):
        return False
    return not any(fence_start <= start < fence_end for fence_start, fence_end in fences)


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the insides of ``` and ~~~ code fences."""
    marks = [m.start() for m in _FENCE_RE.finditer(text)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _find_table_dates_of_birth(text: str) -> Iterator[_Match]:
    """Dates in a Markdown table's column headed "DOB", "D.O.B." or "Date of birth"."""
    if "|" not in text or "-" not in text:
        return
    for rule in _TABLE_RULE_RE.finditer(text):
        if "|" not in rule.group() or rule.start() == 0:
            continue
        heading_end = rule.start() - 1
        heading_start = text.rfind("\n", 0, heading_end) + 1
        columns = [
            index
            for index, (start, end) in enumerate(_cells(text, heading_start, heading_end))
            if _DOB_HEADING_RE.match(text, start, end)
        ]
        if not columns:
            continue
        row_start = rule.end() + 1
        while row_start < len(text):
            row_end = text.find("\n", row_start)
            row_end = len(text) if row_end == -1 else row_end
            if "|" not in text[row_start:row_end]:
                break
            cells = _cells(text, row_start, row_end)
            for index in columns:
                if index < len(cells):
                    for date in _DATE_RE.finditer(text, *cells[index]):
                        yield _Match(date.start(), date.end(), _DOB, date.group(), date.group())
            row_start = row_end + 1


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the table row text[start:end]."""
    while start < end and text[start] in " >":
        start += 1
    if start < end and text[start] == "|":
        start += 1
    stripped_end = len(text[start:end].rstrip()) + start
    if stripped_end > start and text[stripped_end - 1] == "|":
        end = stripped_end - 1
    cells = []
    while True:
        bar = text.find("|", start, end)
        if bar == -1:
            cells.append((start, end))
            return cells
        cells.append((start, bar))
        start = bar + 1


# --- the gate ---------------------------------------------------------------------------------


class PrivacyGate:
    """Scans text for personal data; strings in `allow` (any case) pass.

    >>> PrivacyGate().scan("NHS no. 943 476 5919")[0].masked
    '94* *** ****'
    """

    def __init__(self, allow: Iterable[str] = ()) -> None:
        self._allow = frozenset(
            reader_view(str(item), wraps=False).text.strip().casefold() for item in allow
        )

    def scan(self, text: str, first_line: int = 1, wraps: bool = True) -> list[Finding]:
        """Findings in `text` as a reader sees it, in order of line then column.

        `first_line` is the file line number of the text's first line (for front matter or a
        body that starts part-way down a file). `wraps=False` reads every line break as one
        (a CSV file, whose records are lines).
        """
        view = reader_view(text, wraps)
        return [
            Finding(view.line_of(match.start, first_line), match.kind, _mask(match.raw))
            for match in self._matches(view.text)
        ]

    def scan_read(self, text: str, *, folded: bool = False) -> list[Finding]:
        """Findings in `text` that the caller has already read as a reader sees it (the output
        gate's page text: tags, entities and whitespace done); odd characters are still
        folded, unless `folded` says they are (`folded`). Lines are the text's own: 1 is
        its first."""
        if not folded:
            text = self.folded(text)
        return [
            Finding(text.count("\n", 0, match.start) + 1, match.kind, _mask(match.raw))
            for match in self._matches(text)
        ]

    @staticmethod
    def folded(text: str) -> str:
        """`text` with its odd characters folded as a reader sees them (what `scan_read` and
        `within_lines` read): each run of them translated, for `str.translate` is per char."""
        if text.isascii():
            return text
        return _NON_ASCII_RE.sub(lambda m: m.group().translate(_FOLDING), text)

    @classmethod
    def within_lines(cls, text: str, *, folded: bool = False) -> bool:
        """Whether every finding in `text` lies within one of its lines, so that each line
        can be scanned apart: only a date of birth is read across lines (its label, then
        the date, or a table's column), and every label holds one of `_DOB_KEYWORDS` once
        its odd characters are folded as `scan_read` folds them ("ＤＯＢ", "bir\u00adth");
        `folded`: they are already (`folded`)."""
        lowered = (text if folded else cls.folded(text)).lower()
        return not any(keyword in lowered for keyword in _DOB_KEYWORDS)

    def redact(self, text: str, spaces: str = "") -> tuple[str, list[Finding]]:
        """`text` (one line, e.g. a file name) with every finding masked in place, and the
        findings; `text` itself when nothing is found. Characters in `spaces` read as spaces
        (in a file name "-" and "_" separate words)."""
        view = reader_view(text.translate({ord(c): " " for c in spaces}), wraps=False)
        matches = list(self._matches(view.text))
        if not matches:
            return text, []
        # Masks keep the source's characters where reading changed none of them.
        shown = text if len(view.text) == len(text) else view.text
        masks = [_mask(shown[match.start : match.end]) for match in matches]
        for match, masked in reversed(list(zip(matches, masks, strict=True))):
            shown = shown[: match.start] + masked + shown[match.end :]
        findings = [Finding(1, m.kind, masked) for m, masked in zip(matches, masks, strict=True)]
        return shown, findings

    def _matches(self, text: str) -> Iterator[_Match]:
        """The matches to report: overlaps resolved, allowed text left out, in text order."""
        spans = _lines_with_digits(text)
        candidates = [match for find in _FINDERS for match in find(text, spans)]
        candidates.extend(_find_table_dates_of_birth(text))
        candidates.sort(key=lambda c: (c.start, c.start - c.end, _PRIORITY[c.kind]))
        claimed_to = 0
        for match in candidates:
            if match.start < claimed_to:
                continue  # overlaps a match already taken
            claimed_to = match.end
            if not self._is_allowed(match):
                yield match

    def _is_allowed(self, match: _Match) -> bool:
        texts = (match.raw, match.phrase) if match.phrase else (match.raw,)
        return any(text.strip().casefold() in self._allow for text in texts)
