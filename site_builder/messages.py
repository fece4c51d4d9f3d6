"""Author-facing wording for validation errors.

Pydantic's messages are written for developers; this one table turns each kind of
error into what a communications officer can act on (RenderCV does the same).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from .privacy import PrivacyGate

_GATE = PrivacyGate()  # no allow list: an echoed value is withheld if it looks personal
_MAX_SHOWN = 60  # characters of an arrived value quoted in a message


_MAX_LISTED = 10  # valid ids named when no id is close to the one written


def did_you_mean(word: str, choices: Iterable[str], listed_in: str = "") -> str:
    """` (did you mean 'x'?)` when a choice is close to `word`; else, when `listed_in` names
    the file that defines the choices, the valid ones (up to ten); else ''."""
    choices = list(choices) if isinstance(choices, list | tuple) else sorted(choices)
    word = str(word)
    # 'health-visitors' means 'health'; 'neg' means 'neglect'.
    prefixed = [c for c in choices if word and (c.startswith(word) or _extends(word, c))]
    close = prefixed or difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if not listed_in or not choices:
        return ""
    shown = ", ".join(f"'{c}'" for c in choices[:_MAX_LISTED])
    more = len(choices) - _MAX_LISTED
    if more > 0:
        return f"; valid ids are {shown} and {more} more; see {listed_in}"
    return f"; valid ids are {shown} (see {listed_in})"


def _extends(word: str, choice: str) -> bool:
    """`word` is `choice` with a suffix joined by a hyphen or underscore ('health-visitors')."""
    return len(choice) >= 3 and word[len(choice) : len(choice) + 1] in ("-", "_") and (
        word.startswith(choice)
    )


def field_name(loc: tuple[Any, ...]) -> str:
    """`actions[2].due` from `('actions', 2, 'due')`."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else str(part)
    return name


def quote(text: str) -> str:
    """`text` in quotes for a message: shortened, control characters escaped, and withheld
    when it looks like personal data (a message must never repeat what the gate found)."""
    text = str(text)
    findings = _GATE.scan(text)
    if findings:
        return f"[withheld: looks like {_article(findings[0].kind)}]"
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 3].rstrip() + "..."
    shown = repr(text)
    return shown if shown.startswith("'") else f"'{shown[1:-1]}'"


def describe(value: Any) -> str:
    """How an arrived value is named in a message: "'x'", "a list", "nothing", "5"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return quote(value) if value.strip() else "an empty text"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "a mapping (key: value fields)"
    if isinstance(value, date):
        return value.isoformat()
    return quote(repr(value)).strip("'")


def _article(kind: str) -> str:
    """'an NHS number', 'an email address', 'a postcode'."""
    return f"an {kind}" if kind[0] in "aeiouAEIOU" or kind.startswith("NHS") else f"a {kind}"


def error_messages(
    exc: ValidationError, model: type[BaseModel]
) -> list[tuple[tuple[Any, ...], str]]:
    """`(loc, message)` for each error, in the author's words."""
    return [(_error_loc(err), _message(err, model)) for err in exc.errors()]


# Errors about the relation of two fields are reported at the line of the field to change.
_KEY_OF_ERROR = {
    "completed_required": "status",
    "completed_forbidden": "completed",
    "evidence_without_impact": "evidence",
    "reaudit_before_completed": "reaudit",
}


def _error_loc(err: dict[str, Any]) -> tuple[Any, ...]:
    loc = _strip_loc(err["loc"], err["type"])
    key = _KEY_OF_ERROR.get(err["type"])
    return (*loc, key) if key else loc


# Pydantic adds schema tags (e.g. 'function-after[_check(), str]') to some locations.
_SCHEMA_TAG = re.compile(r"^[a-z][a-z-]*\[.*\]$", re.DOTALL)


def _strip_loc(loc: tuple[Any, ...], kind: str = "") -> tuple[Any, ...]:
    # The last part of an unknown field's location is the author's key, whatever it holds.
    head, last = (loc[:-1], loc[-1:]) if kind == "extra_forbidden" else (loc, ())
    return (*(p for p in head if not (isinstance(p, str) and _SCHEMA_TAG.match(p))), *last)


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind = err["type"]
    loc = _strip_loc(err["loc"], kind)
    name = field_name(loc)
    label = quote(name)
    got = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing required field {label}"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        return f"unknown field {label}{did_you_mean(str(loc[-1]), known)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        return (
            f"{label} must be one of {expected}, got {describe(got)}"
            f"{did_you_mean(str(got), options) if isinstance(got, str) else ''}"
        )
    if kind == "string_too_long":
        return f"{label} is {len(got)} characters; at most {ctx['max_length']} are allowed"
    if kind == "string_too_short":
        return f"{label} is empty: write some text"
    if kind == "too_short":
        return f"{label} is an empty list: give at least one"
    if kind == "string_pattern_mismatch":
        return (
            f"{label} must be an id of lowercase letters, digits and hyphens, got {describe(got)}"
        )
    if got is None and kind in ("string_type", "list_type", "float_type"):
        return f"{label} has no value: write one"
    if kind in ("string_type", "string_sub_type"):
        return f"{label} must be text, got {describe(got)}"
    if kind == "list_type":
        return f"{label} must be a list, got {describe(got)}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{label} must be a number, got {describe(got)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{label} must be 'key: value' fields, got {describe(got)}"
    if kind == "greater_than_equal":
        return f"{label} must be at least {ctx.get('ge')}, got {describe(got)}"
    if kind in _KEY_OF_ERROR:
        action = got.get("id") if isinstance(got, dict) else None
        who = f"action {quote(action)}" if isinstance(action, str) else f"{label}"
        return f"{who}: {err['msg']}"
    text = str(err["msg"])
    return f"{label}: {text}" if name else text


def _known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model at `loc`, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
