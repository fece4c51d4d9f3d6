"""Search: what each page gives Pagefind, and the Pagefind run over the rendered site.

Only briefings, reviews, reports and free pages are results. Each carries a hidden
"search facts" block (ignored as text, read for its attributes): the Pagefind filters
`type`, `theme`, `audience`, `agency`, `review type` and `year`, the sort key `date`, the
metadata a result shows (title, type, date, summary) and the synonyms of the words it uses
(from data/search.yaml; Pagefind has no synonyms of its own, but it searches metadata).
The page template marks such a page's content `data-pagefind-body`, so pages without it
(home, lists, themes, agencies, the dashboard) are in no index file.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .fragments import Html
from .indexer import IndexerFailed, index_folder
from .models import Briefing, ReportNarrative, Review
from .periods import Period
from .site import Site

# Pagefind weights (its default for body text is 1): titles above summaries above body.
TITLE_WEIGHT = 10
SUMMARY_WEIGHT = 7
# Free pages and reports rank below the learning itself when both match.
SECONDARY_WEIGHT = 0.5
# The folder of the search bundle, under the site root.
BUNDLE = "pagefind"
# Pagefind's runtime, which its binary writes the same for every site: the output gate passes
# these files only byte for byte (tests/test_search.py checks the hashes against the
# installed binary; pyproject pins Pagefind, so an upgrade is a reviewed change).
RUNTIME_SHA256 = {
    f"{BUNDLE}/pagefind.js": "252d272bd34d483d19a752060f6a065114d15ab12c42d8f905ca565e2768a009",
    f"{BUNDLE}/pagefind-worker.js": (
        "4ca50d25bcab9e1c3afbc00ab5f7761114e83c8fc1b83d38655af1558b650c2a"
    ),
}
# Pagefind's ready-made interfaces, which the hub does not use (it has its own): not published.
_UNUSED_UI = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# The front-matter flag that tells the page template to mark the content searchable.
FLAG = "hub_search"

# The contract's `review type` filter values: short names practitioners know.
REVIEW_TYPE_FILTERS = {
    "rapid-review": "Rapid review",
    "lcspr": "LCSPR",
    "learning-review": "Learning review",
    "multi-agency-audit": "Multi-agency audit",
    "good-practice-review": "Good practice review",
    "sar": "SAR",
    "dhr": "DHR",
}

Synonyms = Sequence[Sequence[str]]


class SearchIndexFailed(Exception):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class SearchFacts:
    """What one result page tells Pagefind: metadata, filters and its sort date."""

    type: str
    title: str = ""
    date: str = ""  # YYYY-MM-DD
    summary: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()

    def html(self) -> str:
        """The hidden block: Pagefind reads its attributes, never its text as content."""
        spans = [_span("data-pagefind-meta", "type", self.type)]
        if self.title:
            spans.append(_span("data-pagefind-meta", "title", self.title))
        if self.date:
            spans.append(_span("data-pagefind-meta", "date", self.date))
            spans.append(_span("data-pagefind-sort", "date", self.date))
        if self.summary:
            spans.append(_span("data-pagefind-meta", "summary", self.summary))
        if self.synonyms:
            spans.append(_span("data-pagefind-meta", "synonyms", ", ".join(self.synonyms)))
        spans.append(_span("data-pagefind-filter", "type", self.type))
        for name, values in self.filters.items():
            spans += [_span("data-pagefind-filter", name, value) for value in values]
        return Html(
            '<div class="hub-search-facts" hidden data-pagefind-ignore>\n'
            + "\n".join(spans)
            + "\n</div>"
        )


def title_attrs() -> str:
    """attr_list attributes for a result page's `#` title."""
    return f'{{: data-pagefind-weight="{TITLE_WEIGHT}" }}'


def summary_attr() -> str:
    """The attribute (for attr_list) that weighs a page's summary paragraph."""
    return f'data-pagefind-weight="{SUMMARY_WEIGHT}"'


def _span(attribute: str, name: str, value: str) -> str:
    return f'<span {attribute}="{html.escape(name)}">{html.escape(value)}</span>'


def briefing_facts(site: Site, briefing: Briefing, text: str) -> SearchFacts:
    """A briefing's facts; no audience means every audience, as on the audience pages."""
    audiences = briefing.audience or [a.id for a in site.taxonomy.audiences]
    return SearchFacts(
        type="Briefing",
        title=briefing.title,
        date=briefing.date.isoformat(),
        summary=briefing.summary,
        filters={
            "theme": _priority_names(site, briefing.themes),
            "audience": [_audience_name(site, a) for a in audiences],
            "agency": [_agency_name(site, a) for a in briefing.agencies],
            "year": [str(briefing.date.year)],
        },
        synonyms=synonyms_for(text, site.project.synonyms),
    )


def review_facts(site: Site, review: Review, text: str) -> SearchFacts:
    """A review's facts: case reviews hold learning for every audience."""
    day = review.feed_date
    return SearchFacts(
        type="Case review",
        title=review.title,
        date=day.isoformat(),
        summary=_review_summary(review),
        filters={
            "theme": _priority_names(site, review.themes),
            "audience": [a.name for a in site.taxonomy.audiences],
            "agency": [_agency_name(site, a) for a in review.agencies],
            "review type": [REVIEW_TYPE_FILTERS[review.type]],
            "year": [str(day.year)],
        },
        synonyms=synonyms_for(text, site.project.synonyms),
    )


def report_facts(site: Site, report: ReportNarrative, title: str) -> SearchFacts:
    """A quarterly report's facts; its date is the board meeting's."""
    text = "\n".join([title, report.introduction, *report.sections.values()])
    period = Period.parse(report.period)
    day = report.meeting_date
    focus = [report.focus] if report.focus else []
    return SearchFacts(
        type="Report",
        title=title,
        date=day.isoformat(),
        summary=f"The quarterly report to the partnership board for {period.label}.",
        filters={"theme": _priority_names(site, focus), "year": [str(day.year)]},
        synonyms=synonyms_for(text, site.project.synonyms),
    )


def free_page_facts(text: str, synonyms: Synonyms) -> SearchFacts:
    """An author's free page: a result of type Page, summarised by Pagefind's excerpt."""
    return SearchFacts(type="Page", synonyms=synonyms_for(text, synonyms))


def _review_summary(review: Review) -> str:
    """The review's type and its first learning point, cut at 300 characters."""
    summary = review.type_name
    if review.learning:
        summary += f". Key learning: {review.learning[0]}"
    return summary if len(summary) <= 300 else summary[:299].rstrip() + "…"


def _priority_names(site: Site, ids: Iterable[str]) -> list[str]:
    return [site.taxonomy.priority(i).name for i in site.taxonomy.in_priority_order(list(ids))]


def _audience_name(site: Site, audience_id: str) -> str:
    audience = site.taxonomy.audience(audience_id)
    return audience.name if audience else audience_id


def _agency_name(site: Site, agency_id: str) -> str:
    agency = site.taxonomy.agency(agency_id)
    return agency.name if agency else agency_id


_NOT_WORD = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=4096)  # each synonym's words, asked for on every page
def _term_words(term: str) -> str:
    return _words(term)


@functools.lru_cache(maxsize=4096)
def _term_parts(term: str) -> tuple[str, ...]:
    return tuple(_term_words(term).split())


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, padded, for whole-phrase matching."""
    return f" {_NOT_WORD.sub(' ', text.lower()).strip()} "


def synonyms_for(text: str, groups: Synonyms) -> tuple[str, ...]:
    """The terms of each group that `text` uses a member of, less those it uses itself.

    Matching is by whole words, ignoring case and punctuation: "DNA" is not found in
    "DNAR", and "was not brought" is found across a line break.
    """
    words = _words(text)
    vocabulary = set(words.split())
    found: list[str] = []
    for group in groups:
        # A term is in the text only if each of its words is: most are not, at a set's cost.
        used = [
            vocabulary.issuperset(_term_parts(term)) and _term_words(term) in words
            for term in group
        ]
        if any(used):
            found += [term for term, present in zip(group, used, strict=True) if not present]
    return tuple(dict.fromkeys(found))


def index_site(site_dir: Path, pages: Path | None = None) -> int:
    """Write the Pagefind bundle into `site_dir/pagefind/`; returns the HTML pages read.

    `pages`: a folder that holds what Pagefind is to read of each page, at the page's path
    (see `pagefind_view`); by default the pages of `site_dir` as they are. The binary comes
    from the `pagefind[extended]` wheel: nothing is fetched at build time.
    """
    try:
        count = index_folder(site_dir if pages is None else pages, index_config(site_dir))
    except (OSError, IndexerFailed) as exc:
        raise SearchIndexFailed(f"the search index could not be built: {exc}") from None
    remove_unused(site_dir)
    return count


# The page template's marks of a result's content (overrides/main.html): the element that
# holds it, and the comment right after that element's end.
_BODY_MARK = "<div data-pagefind-body"
_BODY_END = "<!-- hub-search-body-end -->"


def pagefind_view(page: str) -> str:
    """What Pagefind reads of a rendered result page: its `<title>` and the element marked
    `data-pagefind-body`, without the theme's header, navigation and footer (more than half
    of a page's bytes, and of Pagefind's time, to index nothing: it indexes only that
    element). The element ends at the template's last end mark, which follows everything an
    author wrote, so no text or tag of theirs can cut it short. A page without both marks is
    given whole."""
    start, end = page.find(_BODY_MARK), page.rfind(_BODY_END)
    if start < 0 or end < start:
        return page
    opened, closed = page.find("<title>"), page.find("</title>")
    title = page[opened : closed + len("</title>")] if 0 <= opened < closed < start else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{title}</head>'
        f"<body>{page[start:end]}</body></html>"
    )


def index_config(site_dir: Path) -> dict[str, object]:
    """Pagefind's settings for the bundle of the site in `site_dir`."""
    return {
        "output_path": str(site_dir / BUNDLE),
        # Heading anchors ("¶") are not words.
        "exclude_selectors": [".headerlink"],
        "force_language": "en",
    }


def remove_unused(site_dir: Path) -> None:
    """Delete the parts of the bundle the hub's own search dialog does not use."""
    for name in _UNUSED_UI:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
