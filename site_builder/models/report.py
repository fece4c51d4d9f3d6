"""content/reports/<period>.md: the narrative of one quarterly report."""

from __future__ import annotations

from .common import LOADED, Document, IsoDate, Model, Slug, Status, Text, TextList

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


class ReportNarrative(ReportMeta, Document):
    """A loaded narrative: the introduction and the named sections' Markdown."""

    model_config = LOADED

    introduction: str
    sections: dict[str, str]  # key from NARRATIVE_SECTIONS -> Markdown
