"""`/find/` "Find learning", and the search field and ways in on the home page.

On "Find learning" a practitioner ticks a theme and their role (and optionally agency,
type, review type, year) and sees the matching briefings and reviews at once: the page's
form is bound by search.js to Pagefind's filters. Without JavaScript the page still
serves, with its static lists of the ways in by theme, audience and agency.
"""

from __future__ import annotations

from .. import routes
from ..site import Site
from . import OutputFile, markup
from .listing import (
    BRIEFINGS,
    agency_path,
    audience_path,
    join_blocks,
    theme_path,
    url_href,
)

FIND = routes.FIND


def generate(site: Site) -> list[OutputFile]:
    """The "Find learning" page."""
    return [OutputFile(FIND, render_find(site))]


def search_form(page: str, mode: str, label: str) -> str:
    """A search form (raw HTML) that search.js binds; without it, it opens Find learning."""
    field = f"hub-search-{mode}"
    return (
        f'<form class="hub-search__form" role="search" aria-label="{markup.html_text(label)}" '
        f'action="{url_href(page, FIND)}" method="get" data-hub-search="{mode}">\n'
        f'<label class="hub-visually-hidden" for="{field}">{markup.html_text(label)}</label>\n'
        f'<input class="hub-search__input" id="{field}" type="search" name="q" '
        'placeholder="Search briefings, reviews and reports" autocomplete="off" '
        'spellcheck="false" enterkeyhint="search">\n'
        '<button class="hub-search__submit" type="submit">Search</button>\n'
        "</form>"
    )


def _chips(page: str, links: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'<li><a href="{url_href(page, target)}">{markup.html_text(name)}</a></li>'
        for name, target in links
    )
    return f'<ul class="hub-chips">\n{items}\n</ul>'


def ways_in(site: Site, page: str, *, agencies: bool = False) -> str:
    """Links to every theme page and every audience list ("for my role"), as raw HTML."""
    taxonomy = site.taxonomy
    parts = [
        '<nav class="hub-ways-in" aria-label="Ways in">',
        "<h2>Learning by theme</h2>",
        _chips(page, [(p.name, theme_path(p.id)) for p in taxonomy.priorities]),
        "<h2>Learning for my role</h2>",
        _chips(page, [(a.name, audience_path(a.id)) for a in taxonomy.audiences]),
    ]
    if agencies:
        parts += [
            "<h2>Learning by agency</h2>",
            _chips(page, [(a.name, agency_path(a.id)) for a in taxonomy.agencies]),
        ]
    parts.append(
        f'<p><a href="{url_href(page, FIND)}">Find learning: tick a theme and your role</a>'
        f' · <a href="{url_href(page, BRIEFINGS)}">All briefings</a></p>'
    )
    parts.append("</nav>")
    return "\n".join(parts)


def render_find(site: Site) -> str:
    """`/find/`: the search with its filters open, then the static ways in."""
    page = FIND
    return join_blocks(
        [
            markup.front_matter(title="Find learning"),
            "# Find learning",
            "Tick a theme and your role to see the briefings and case reviews that match, "
            "newest first, or type a few words. Tick more than one in a group to widen it.",
            search_form(page, "page", "Search briefings, reviews and reports"),
            "## Browse without searching",
            "Every briefing is also listed by theme, by role and by agency.",
            ways_in(site, page, agencies=True),
        ]
    )
