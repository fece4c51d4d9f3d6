"""Typed, validated models of everything the hub reads.

Each input model forbids unknown keys; the loader turns validation errors into
`Problem`s with file and line. Documents subclass their front matter model and add
what the loader knows: the id (file stem), the source and the body.
"""

from .assurance import Assurance, AssuranceQuestion, JudgementRow
from .briefing import Briefing, BriefingMeta
from .common import Source
from .indicator import Indicator, ScorecardRow
from .page import FreePage
from .report import ReportMeta, ReportNarrative
from .review import Action, Review, ReviewMeta
from .taxonomy import Agency, Audience, Priority, Subgroup, Taxonomy
from .voice import Voice

__all__ = [
    "Action",
    "Agency",
    "Assurance",
    "AssuranceQuestion",
    "Audience",
    "Briefing",
    "BriefingMeta",
    "FreePage",
    "Indicator",
    "JudgementRow",
    "Priority",
    "ReportMeta",
    "ReportNarrative",
    "Review",
    "ReviewMeta",
    "ScorecardRow",
    "Source",
    "Subgroup",
    "Taxonomy",
    "Voice",
]
