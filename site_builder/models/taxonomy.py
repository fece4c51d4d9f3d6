"""data/taxonomy.yaml: the controlled vocabularies."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Model, Slug, Text


class Priority(Model):
    id: Slug
    name: Text
    kind: Literal["themed", "assurance"]


class Agency(Model):
    id: Slug
    name: Text


class Audience(Model):
    id: Slug
    name: Text


class Subgroup(Model):
    """A sub-group of the partnership, which answers its own assurance questions."""

    id: Slug
    name: Text


class Taxonomy(Model):
    priorities: list[Priority] = Field(min_length=1)
    agencies: list[Agency] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    subgroups: list[Subgroup] = []
    privacy_allow: list[Text] = []

    def priority(self, pid: str) -> Priority | None:
        return next((p for p in self.priorities if p.id == pid), None)

    def agency(self, aid: str) -> Agency | None:
        return next((a for a in self.agencies if a.id == aid), None)

    def audience(self, aid: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == aid), None)

    def subgroup(self, sid: str) -> Subgroup | None:
        return next((s for s in self.subgroups if s.id == sid), None)

    def subgroup_ids(self) -> list[str]:
        return [s.id for s in self.subgroups]

    def priority_ids(self) -> list[str]:
        return [p.id for p in self.priorities]

    def agency_ids(self) -> list[str]:
        return [a.id for a in self.agencies]

    def audience_ids(self) -> list[str]:
        return [a.id for a in self.audiences]

    def in_priority_order(self, ids: list[str]) -> list[str]:
        """`ids` sorted as the taxonomy lists the priorities (unknown ids last)."""
        order = {pid: i for i, pid in enumerate(self.priority_ids())}
        return sorted(ids, key=lambda i: order.get(i, len(order)))
