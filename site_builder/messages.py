"""Author-facing wording for validation errors.

Pydantic's messages are written for developers; this one table turns each kind of
error into what a communications officer can act on (RenderCV does the same).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a choice is close to `word`, else ''."""
    choices = list(choices)
    word = str(word)
    prefixed = [c for c in choices if word and c.startswith(word)]
    close = prefixed or difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def field_name(loc: tuple[Any, ...]) -> str:
    """`actions[2].due` from `('actions', 2, 'due')`."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else str(part)
    return name


def describe(value: Any) -> str:
    """How an arrived value is named in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def error_messages(
    exc: ValidationError, model: type[BaseModel]
) -> list[tuple[tuple[Any, ...], str]]:
    """`(loc, message)` for each error, in the author's words."""
    return [(_strip_loc(err["loc"]), _message(err, model)) for err in exc.errors()]


def _strip_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Pydantic adds validator names (e.g. 'function-after[...]') to some locations.
    return tuple(p for p in loc if not (isinstance(p, str) and "[" in p))


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind = err["type"]
    loc = _strip_loc(err["loc"])
    name = field_name(loc)
    got = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        return f"unknown field '{name}'{did_you_mean(str(loc[-1]), known)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        return (
            f"'{name}' must be one of {expected}, got {describe(got)}"
            f"{did_you_mean(str(got), options) if isinstance(got, str) else ''}"
        )
    if kind == "string_too_long":
        return f"'{name}' is {len(got)} characters; at most {ctx['max_length']} are allowed"
    if kind == "string_too_short":
        return f"'{name}' is empty"
    if kind == "too_short":
        return f"'{name}' needs at least {ctx.get('min_length', 1)} item"
    if kind == "string_pattern_mismatch":
        return (
            f"'{name}' must be an id of lowercase letters, digits and hyphens, got {describe(got)}"
        )
    if kind in ("string_type", "string_sub_type"):
        return f"'{name}' must be text, got {describe(got)}"
    if kind == "list_type":
        return f"'{name}' must be a list, got {describe(got)}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"'{name}' must be a number, got {describe(got)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{name}' must be a mapping of fields, got {describe(got)}"
    if kind == "greater_than_equal":
        return f"'{name}' must be at least {ctx.get('ge')}, got {describe(got)}"
    if kind in ("iso_date", "completed_required", "completed_forbidden"):
        text = str(err["msg"])
        return f"'{name}': {text}" if name else text
    text = str(err["msg"])
    return f"'{name}': {text}" if name else text


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
