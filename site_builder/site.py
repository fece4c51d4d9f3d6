"""The published view of a project: what one edition of the hub shows."""

from __future__ import annotations

from dataclasses import dataclass

from .models.feedback import Feedback
from .project import Briefings, Project, Reports, Reviews
from .publication import Edition


@dataclass(frozen=True)
class Site:
    """The items one edition publishes. Everything left out is named in `left_out`, so
    adapters can drop its source file and pages can drop links to it."""

    project: Project
    edition: Edition
    briefings: Briefings
    reviews: Reviews
    reports: Reports
    left_out: frozenset[str]  # project-relative source paths of left-out documents
    site_url: str = ""
    feedback: Feedback = Feedback()  # rows about published briefings only
    feedback_url: str = ""  # extra.hub_feedback_url: the form, with {id} and {title}

    @classmethod
    def publish(
        cls, project: Project, edition: Edition, site_url: str = "", feedback_url: str = ""
    ) -> Site:
        """Keep only the items `edition` includes (and the feedback about those briefings)."""
        briefings = project.briefings.filter(edition.includes)
        reviews = project.reviews.filter(edition.includes)
        reports = project.reports.filter(edition.includes)
        kept = {d.origin.path for d in (*briefings, *reviews, *reports)}
        every = {d.origin.path for d in (*project.briefings, *project.reviews, *project.reports)}
        return cls(
            project=project,
            edition=edition,
            briefings=briefings,
            reviews=reviews,
            reports=reports,
            left_out=frozenset(every - kept),
            site_url=site_url,
            feedback=project.feedback.about(briefings.ids()),
            feedback_url=feedback_url,
        )

    def source_of(self, src_uri: str) -> str | None:
        """The project-relative source file behind a docs-relative page, if it has one."""
        folder, _, name = src_uri.partition("/")
        stem = name.removesuffix(".md")
        collections = {
            "briefings": self.briefings,
            "reviews": self.reviews,
            "reports": self.reports,
        }
        if folder in collections:
            document = collections[folder].get(stem) if "/" not in stem else None
            return document.origin.path if document is not None else None
        page = next((p for p in self.project.pages if p.src_uri == src_uri), None)
        return page.path if page is not None else None

    @property
    def taxonomy(self):
        return self.project.taxonomy

    @property
    def as_of(self):
        return self.edition.as_of
