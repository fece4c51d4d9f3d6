"""content/reports/<period>.md: the narrative of one quarterly report."""

from __future__ import annotations

from .common import LOADED, IsoDate, Model, Slug, Source, Status, Text, TextList

# The narrative's `##` sections, by heading, and the key the report composer uses.
NARRATIVE_SECTIONS: dict[str, str] = {
    "Doing well": "doing_well",
    "Further exploration": "further_exploration",
    "Qualitative evidence": "qualitative_evidence",
    "Horizon scanning": "horizon_scanning",
    "Recommendations": "recommendations",
}


class ReportMeta(Model):
    period: Text
    meeting_date: IsoDate
    author: Text
    subgroup_date: IsoDate | None = None
    focus: Slug | None = None
    evidence: TextList = []
    status: Status = "published"


class ReportNarrative(ReportMeta):
    """A loaded narrative: the introduction and the named sections' Markdown."""

    model_config = LOADED

    id: str
    origin: Source
    body: str
    body_line: int
    introduction: str
    sections: dict[str, str]  # key from NARRATIVE_SECTIONS -> Markdown
