"""What can be kept of front matter that failed validation, so its other checks still run.

An author who gets one field wrong should still hear about every other mistake in the file
(an unknown theme, a missing section) in the same `hub check`, not one round at a time.
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError


def salvage(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """The fields of `data` that pass `model`'s own validation of that field; every other
    field of `model` at its default, or empty (a list, else None) where it has none."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data:
            try:
                values[name] = _adapter(model, name).validate_python(data[name])
                continue
            except ValidationError:
                pass
        values[name] = info.get_default(call_default_factory=True) if not info.is_required() else (
            [] if typing.get_origin(_unwrapped(info.annotation)) is list else None
        )
    return values


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])


def _unwrapped(annotation: Any) -> Any:
    """`list[str]` from `Annotated[list[str], ...]`."""
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation
