"""Where every item lives: its docs path, its URL on the site and its source file.

One place for the decision, used by the page generators, the feeds, link checking, the output
gate and the engine adapters. A docs path is relative to the staged docs folder
(`briefings/x.md`); the engines serve it as a directory URL (`briefings/x/`), written to
`briefings/x/index.html`. An item's source is project-relative (`content/briefings/x.md`).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

CONTENT = "content"
# Folders of content/ whose files are data for generated pages, not pages themselves.
DOCUMENTS = ("briefings", "reviews", "reports")

# Pages, by what they show.
HOME = "index.md"
BRIEFINGS = "briefings/index.md"
REVIEWS = "reviews/index.md"
THEMES = "themes/index.md"
AGENCIES = "agencies/index.md"
ACTIONS = "actions/index.md"
REPORTS = "reports/index.md"
ASSURANCE = "assurance/index.md"
FIND = "find/index.md"
LIST_PAGES = (HOME, BRIEFINGS, REVIEWS, THEMES, AGENCIES, ACTIONS, REPORTS, ASSURANCE, FIND)

# Downloads and feeds.
ACTIONS_CSV = "actions/actions.csv"
REVIEWS_CSV = "reviews/reviews.csv"
FEEDBACK_CSV = "briefings/feedback.csv"
RSS = "feeds/rss.xml"
JSON_FEED = "feeds/learning.json"
# Material's instant navigation reads `<folder of each rel=alternate link>/sitemap.xml`.
FEEDS_SITEMAP = "feeds/sitemap.xml"


def briefing(briefing_id: str) -> str:
    return f"briefings/{briefing_id}.md"


def audience(audience_id: str) -> str:
    return f"briefings/audience/{audience_id}.md"


def review(review_id: str) -> str:
    return f"reviews/{review_id}.md"


def theme(priority_id: str) -> str:
    return f"themes/{priority_id}.md"


def agency(agency_id: str) -> str:
    return f"agencies/{agency_id}.md"


def report(period: str) -> str:
    return f"reports/{period}.md"


def scorecard_csv(period: str) -> str:
    return f"reports/{period}/scorecard.csv"


def assurance_csv(period: str) -> str:
    return f"reports/{period}/assurance.csv"


def subgroup(subgroup_id: str) -> str:
    return f"assurance/{subgroup_id}.md"


def document_source(folder: str, item_id: str) -> str:
    """The project-relative source of a briefing, review or report: `content/<folder>/<id>.md`."""
    return f"{CONTENT}/{folder}/{item_id}.md"


def docs_path(source: str) -> str | None:
    """The docs path of a file under content/ (`content/about.md` -> `about.md`), else None."""
    folder, _, rest = source.partition("/")
    return rest if folder == CONTENT and rest else None


def is_document_source(docs: str) -> bool:
    """Whether docs path `docs` is under a document folder: a source the hub replaces by its
    generated pages, never published as it is."""
    return docs.split("/", 1)[0] in DOCUMENTS


def url(docs: str) -> str:
    """The directory URL of a page, without the leading slash: `themes/x.md` -> `themes/x/`,
    `themes/index.md` -> `themes/`, `index.md` -> ``; other files keep their path."""
    if not docs.endswith(".md"):
        return docs
    stem = docs.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def output(docs: str) -> str:
    """The file an engine writes for docs path `docs`: `themes/x.md` -> `themes/x/index.html`."""
    return url(docs) + "index.html" if docs.endswith(".md") else docs


def page_candidates(output_path: str) -> list[str]:
    """The docs paths that render to `output_path` (`x/index.html`: `x.md` or `x/index.md`)."""
    if output_path == "index.html":
        return [HOME]
    if output_path.endswith("/index.html"):
        stem = output_path.removesuffix("/index.html")
        return [f"{stem}.md", f"{stem}/index.md"]
    if output_path.endswith(".html"):
        return [output_path.removesuffix(".html") + ".md"]
    return []


def absolute(site_url: str, docs: str) -> str:
    """The absolute URL of `docs` under `site_url` (relative when there is no `site_url`)."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return base + url(docs)


def _relative_path(target: str, base: str) -> str:
    """`posixpath.relpath(target, base)` for the hub's own paths (relative, `/`-separated,
    no `..`), without its calls to `os.getcwd()`: tens of thousands per build."""
    to = [part for part in target.split("/") if part and part != "."]
    start = [part for part in base.split("/") if part and part != "."]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def relative(page: str, target: str) -> str:
    """The relative `.md` link from page `page` to docs path `target` (engines check these)."""
    return _relative_path(target, posixpath.dirname(page))


# How the engine reads a relative URL in raw HTML: MkDocs leaves it to the browser (relative
# to the page as served, `themes/x/`); Zensical rewrites it as relative to the page's source
# (`themes/`), as it does Markdown links. Set for a generation by `links_for()`.
_FROM_SOURCE: ContextVar[bool] = ContextVar("raw_links_from_source", default=False)


def links_from_source() -> bool:
    """How `relative_url` writes links now (see `links_for`)."""
    return _FROM_SOURCE.get()


@contextmanager
def links_for(from_source: bool) -> Iterator[None]:
    """Within the block, `relative_url` writes links for an engine that reads raw HTML links
    relative to the source (`from_source`) or to the page as served."""
    token = _FROM_SOURCE.set(from_source)
    try:
        yield
    finally:
        _FROM_SOURCE.reset(token)


def relative_url(page: str, target: str) -> str:
    """The relative URL from page `page` to `target` for raw HTML, as the engine reads it."""
    return _relative_url(page, target, _FROM_SOURCE.get())


@functools.cache
def _relative_url(page: str, target: str, from_source: bool) -> str:
    base = posixpath.dirname(page) if from_source else url(page)
    relative_path = _relative_path(url(target), base)
    if not target.endswith(".md"):
        return relative_path
    return "./" if relative_path == "." else f"{relative_path}/"
