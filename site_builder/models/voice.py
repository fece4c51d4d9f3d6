"""data/voices.yaml: voices of children, families and professionals."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import LOADED, IdList, Model, Source, Text


class VoiceMeta(Model):
    period: Text
    voice: Literal["child", "family", "professional"]
    themes: IdList = Field(min_length=1)
    quote: Text
    attribution: Text


class Voice(VoiceMeta):
    model_config = LOADED
    origin: Source
