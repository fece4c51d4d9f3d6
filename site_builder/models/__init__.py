"""Typed, validated models of everything the hub reads.

Each input model forbids unknown keys; the loader turns validation errors into
`Problem`s with file and line. Documents subclass their front matter model and add
what the loader knows: the id (file stem), the source and the body.
"""

from .briefing import Briefing, BriefingMeta
from .common import Source
from .indicator import Indicator, ScorecardRow
from .page import FreePage
from .report import ReportMeta, ReportNarrative
from .review import Action, Review, ReviewMeta
from .search import SearchSettings
from .taxonomy import Agency, Audience, Priority, Taxonomy
from .voice import Voice

__all__ = [
    "Action",
    "Agency",
    "Audience",
    "Briefing",
    "BriefingMeta",
    "FreePage",
    "Indicator",
    "Priority",
    "ReportMeta",
    "ReportNarrative",
    "Review",
    "ReviewMeta",
    "ScorecardRow",
    "SearchSettings",
    "Source",
    "Taxonomy",
    "Voice",
]
