"""Case-review pages: `/reviews/` and `/reviews/<id>/`.

A review page gives the type, the dates, the learning points, the author's summary,
the action table and the published briefings that came from the review.
"""

from __future__ import annotations

from .. import search, words
from ..links import drop_links
from ..models import Review
from ..models.review import REVIEW_TYPE_NAMES
from ..site import Site
from . import OutputFile, markup
from .action_table import action_table
from .actions import review_timeliness_facts
from .listing import (
    REVIEWS,
    SEARCH_TITLE,
    agency_links,
    briefing_list,
    facts_box,
    join_blocks,
    left_out_docs,
    page_title,
    preview_notice,
    review_list,
    review_path,
    theme_links,
)


def generate(site: Site) -> list[OutputFile]:
    """The index and one page per published review."""
    left_out = left_out_docs(site)
    return [OutputFile(REVIEWS, render_index(site))] + [
        OutputFile(review_path(r.id), render_review(site, r, left_out)) for r in site.reviews
    ]


def render_index(site: Site) -> str:
    """`/reviews/`: published reviews by type, newest first within each type."""
    page = REVIEWS
    newest = site.reviews.newest_first()
    parts = [
        markup.front_matter(title="Case reviews"),
        "# Case reviews",
        f"{_count(len(newest))}: rapid reviews, local child safeguarding practice reviews, "
        "audits and other reviews, with what we learned and the actions agreed. Names are "
        "pseudonyms.",
    ]
    if not newest:
        parts.append("No reviews have been published yet.")
    for review_type, name in REVIEW_TYPE_NAMES.items():
        of_type = [r for r in newest if r.type == review_type]
        if of_type:
            parts += [f"## {markup.text(name)}", review_list(site, page, of_type, "")]
    return join_blocks(parts)


def _count(n: int) -> str:
    return words.plural(n, "published review")


def render_review(site: Site, review: Review, left_out: set[str]) -> str:
    """`/reviews/<id>/`: facts, learning, summary, actions, briefings from it."""
    page = review_path(review.id)
    pairs = [(review, action) for action in review.actions]
    briefings = site.briefings.citing(review.id)
    parts = [
        markup.front_matter(title=page_title(review.title), **{search.FLAG: 1}),
        markup.heading(1, markup.text(review.title), attributes=SEARCH_TITLE),
        preview_notice(site, review),
        _facts(site, page, review),
    ]
    if review.learning:
        parts += ["## Key learning", "\n".join(f"- {markup.text(p)}" for p in review.learning)]
    body = drop_links(review.body, page, left_out, site.site_url).strip()
    if body:
        parts += ["## About this review", _demote(body)]
    parts += [
        "## Actions",
        action_table(site, pairs, show_review=False, page=page) or "No actions recorded.",
        "## Learning from this review",
        briefing_list(site, page, briefings, "No briefing from this review published yet."),
    ]
    text = "\n".join([review.title, *review.learning, body])
    parts.append(search.review_facts(site, review, text).html())
    return join_blocks(parts)


def _facts(site: Site, page: str, review: Review) -> str:
    facts = [
        ("Type", markup.html_text(review.type_name)),
        ("Notified", markup.long_date(review.notified)),
        ("Completed", markup.long_date(review.completed) or "Not yet completed"),
        ("Published", markup.long_date(review.published) or "Not yet published"),
        ("Themes", theme_links(site, page, review.themes)),
        ("Agencies involved", agency_links(site, page, review.agencies)),
        *review_timeliness_facts(site, review),
    ]
    return facts_box(facts)


def _demote(markdown: str) -> str:
    """The author's headings one level down, under this page's own `##` section."""
    lines = []
    fenced = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith("#") and line.lstrip("#").startswith(" "):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)
