"""The quarterly "How are we doing?" report: `/reports/`, `/reports/<period>/` and its
`scorecard.csv`.

Each published narrative gives one report, composed in the template's order (sections 1 to 6)
with the scorecard, charts, the period's case reviews and voices generated from data and the
narrative's sections placed where they belong. The page and the CSV are made from one
computed `Scorecard`, so they always agree.
"""

from __future__ import annotations

import re

from .. import dashboard, routes, search, words
from ..links import drop_links
from ..models import ReportNarrative, Voice
from ..outline import headings
from ..periods import Period
from ..scorecard import Scorecard, ScorecardLine, compute, history, quarters_ending
from ..site import Site
from . import OutputFile, markup
from .assurance import report_assurance_markdown
from .evidence import report_levels
from .feedback import period_fact, report_section
from .indicators import format_value, indicator_chart, rag_text, target_label, trend_text
from .listing import (
    SEARCH_TITLE,
    join_blocks,
    left_out_docs,
    page_link,
    page_title,
    preview_notice,
    priority_name,
    report_path,
    review_list,
    theme_path,
    url_href,
)
from .scorecard_table import (
    glance_rows,
    glance_summary,
    glance_table,
    indicator_anchor,
    reason_words,
    scorecard_table,
)

REPORTS = routes.REPORTS
TITLE = "How are we doing?"
PURPOSE = (
    "To give the partnership board assurance on the partnership's strategic priorities, "
    "and to highlight where the board's attention is needed."
)
SECTIONS = (
    "1 Introduction",
    "2 Our strategic priorities",
    "3 Summary of evidence available in the period",
    "4 Review of performance",
    "5 Other information and emerging issues for next period",
    "6 Recommendations for the partnership",
)
"""The template's numbered main sections, in order."""

SUBSECTIONS = (
    "4.1 Data",
    "4.2 Qualitative evidence, including audit, research and evaluation",
    "4.3 Voices (children, families, professionals)",
)
KINDS = {"themed": "Themed priorities", "assurance": "Assurance priorities"}
VOICE_GROUPS = {
    "child": "Children and young people",
    "family": "Families",
    "professional": "Professionals",
}


scorecard_path = routes.scorecard_csv  # a report's scorecard download


def generate(site: Site) -> list[OutputFile]:
    """The reports index, and for each published narrative its page and scorecard.csv."""
    files = [OutputFile(REPORTS, render_index(site))]
    for report in site.reports.newest_first():
        scorecard = compute(site.project, Period.parse(report.period))
        files.append(OutputFile(report_path(report.period), render_report(site, report, scorecard)))
        files.append(OutputFile(scorecard_path(report.period), scorecard.to_csv()))
    return files


def render_index(site: Site) -> str:
    """`/reports/`: the published reports, newest first, by period."""
    items = [_index_item(site, report) for report in site.reports.newest_first()]
    return join_blocks(
        [
            markup.front_matter(title="Reports"),
            f"# {TITLE} Quarterly reports",
            "Every quarter the Safeguarding Effectiveness Sub-group reports to the partnership "
            "board on how well the partnership is doing against its strategic priorities, using "
            "the scorecard, case reviews and audits, and the voices of children, families and "
            "professionals.",
            "\n".join(items) if items else "No reports have been published yet.",
        ]
    )


def _index_item(site: Site, report: ReportNarrative) -> str:
    period = Period.parse(report.period)
    link = page_link(REPORTS, period.label, report_path(report.period))
    item = f"- {link} · board meeting {markup.long_date(report.meeting_date)}"
    if report.focus:
        item += f" · focus: {markup.text(priority_name(site, report.focus))}"
    return item


# Prints as it is: each chart has a drawing made at build time for paper (see charts.py).
PRINT_BUTTON = markup.element(
    "p",
    markup.button("Print this report or save it as PDF", classes=["hub-print"]),
    ["hub-print-action"],
)


def render_report(site: Site, report: ReportNarrative, scorecard: Scorecard) -> str:
    """`/reports/<period>/`: the template's sections 1 to 6, in order."""
    period = scorecard.period
    page = report_path(report.period)
    narrative = _Narrative(site, report, page)
    return join_blocks(
        [
            markup.front_matter(
                title=page_title(f"{TITLE} {period.short_label}"),
                **{search.FLAG: search.SECONDARY_WEIGHT},
            ),
            markup.heading(1, f"{TITLE} {markup.text(period.label)}", attributes=SEARCH_TITLE),
            preview_notice(site, report),
            _header_table(report, period),
            _glance(site, scorecard, page),
            PRINT_BUTTON,
            f"## {SECTIONS[0]}",
            narrative.introduction() or "No introduction was given.",
            f"## {SECTIONS[1]}",
            _priorities(site, report, page),
            f"## {SECTIONS[2]}",
            _evidence(site, report, scorecard, page),
            f"## {SECTIONS[3]}",
            f"### {SUBSECTIONS[0]}",
            _data(site, narrative, scorecard, page),
            f"### {SUBSECTIONS[1]}",
            narrative.section("qualitative_evidence", 3),
            "#### Case reviews and audits completed in the period",
            review_list(
                site,
                page,
                site.reviews.completed_in(period),
                "No case reviews or audits were completed in this period.",
            ),
            "#### Learning into practice",
            report_section(site, page, period),
            "#### Completed actions by evidence level",
            report_levels(site, period),
            report_assurance_markdown(site, period, page),
            f"### {SUBSECTIONS[2]}",
            _voices(site.project.voices_for(period=period)),
            f"## {SECTIONS[4]}",
            narrative.section("horizon_scanning", 2) or "None reported.",
            f"## {SECTIONS[5]}",
            narrative.section("recommendations", 2) or "None made.",
            search.report_facts(site, report, f"{TITLE} {period.label}").html(),
        ]
    )


# --- header and sections 2 and 3 ---------------------------------------------------------------


def _header_table(report: ReportNarrative, period: Period) -> str:
    """The template's header: a table of row headers and values (raw HTML, escaped here)."""
    rows = [
        ("Meeting date", markup.long_date(report.meeting_date)),
        ("Author", report.author),
        ("Purpose", PURPOSE),
        ("Period covered", period.label),
    ]
    if report.subgroup_date is not None:
        rows.append(("Sub-group date", markup.long_date(report.subgroup_date)))
    cells = "\n".join(
        f'<tr><th scope="row">{markup.html_text(head)}</th><td>{markup.html_text(value)}</td></tr>'
        for head, value in rows
    )
    return (
        '<table class="hub-report-header">\n<caption>About this report</caption>\n'
        f"<tbody>\n{cells}\n</tbody>\n</table>"
    )


def _glance(site: Site, scorecard: Scorecard, page: str) -> str:
    """The quarter at a glance: per priority, RAG counts, further exploration and overdue
    actions, each linking to its detail."""
    rows = dashboard.action_rows(site)
    overdue = {p: counts.overdue for p, counts in dashboard.by_priority(site, rows)}
    priorities = [(p.id, p.name) for p in site.taxonomy.priorities]
    links = {pid: url_href(page, theme_path(pid)) + "#open-actions" for pid, _ in priorities}
    glance = glance_rows(priorities, scorecard, overdue, links)
    total_overdue = dashboard.count_statuses(rows).overdue
    caption = f"The quarter at a glance: {scorecard.period.short_label}"
    note = ""
    if sum(row.overdue for row in glance) > total_overdue:
        note = (
            '<p class="hub-notes">An overdue action counts under every theme of its review, '
            f"so the column adds up to more than {total_overdue}.</p>\n\n"
        )
    summary = glance_summary(glance, total_overdue, words.long_date(site.as_of))
    content = f"{summary}\n\n{glance_table(glance, caption)}\n\n{note}".rstrip("\n")
    return markup.markdown_block(content, ["hub-glance-block"])


def _priorities(site: Site, report: ReportNarrative, page: str) -> str:
    """The taxonomy's priorities by kind, the report's focus marked."""
    parts = []
    for kind, heading in KINDS.items():
        items = []
        for priority in (p for p in site.taxonomy.priorities if p.kind == kind):
            link = page_link(page, priority.name, theme_path(priority.id))
            focus = priority.id == report.focus
            items.append(f"- **{link}** (focus of this report)" if focus else f"- {link}")
        if items:
            parts.append(f"**{heading}**\n\n" + "\n".join(items))
    return "\n\n".join(parts)


def _evidence(site: Site, report: ReportNarrative, scorecard: Scorecard, page: str) -> str:
    """What the sub-group considered, and what the hub holds for the period."""
    period = scorecard.period
    considered = "\n".join(f"- {markup.text(item)}" for item in report.evidence)
    held = [p for p in site.project.scorecards.periods() if p <= period]
    shown = [p for p in quarters_ending(period) if p in held]
    reviews = site.reviews.completed_in(period)
    voices = site.project.voices_for(period=period)
    csv_link = page_link(page, "scorecard.csv", scorecard_path(report.period))
    facts = [
        f"- **Scorecard**: {len(scorecard.with_data())} of {len(scorecard.lines)} indicators "
        f"have data for {markup.text(period.short_label)} ({csv_link}); the charts show "
        f"{_quarter_span(shown)}.",
        f"- **Case reviews and audits completed in the period**: {len(reviews)} (see 4.2).",
        f"- **Voices**: {_voice_counts(voices)} (see 4.3).",
        period_fact(site, period),
    ]
    parts = []
    if considered:
        parts.append("The sub-group considered:\n\n" + considered)
    parts.append("The hub holds for this period:\n\n" + "\n".join(facts))
    return "\n\n".join(parts)


def _quarter_span(periods: list[Period]) -> str:
    if not periods:
        return "no earlier quarters"
    if len(periods) == 1:
        return f"{markup.text(periods[0].short_label)} only"
    return f"{markup.text(periods[0].short_label)} to {markup.text(periods[-1].short_label)}"


def _voice_counts(voices: list[Voice]) -> str:
    if not voices:
        return "none recorded"
    counts = [
        f"{sum(v.voice == kind for v in voices)} from {group.lower()}"
        for kind, group in VOICE_GROUPS.items()
        if any(v.voice == kind for v in voices)
    ]
    return f"{len(voices)} ({', '.join(counts)})"


# --- section 4.1: data -------------------------------------------------------------------------


def _data(site: Site, narrative: _Narrative, scorecard: Scorecard, page: str) -> str:
    """Doing well and further exploration (generated beside the narrative), the scorecard by
    priority and the charts of the last six quarters."""
    return join_blocks(
        [
            "#### What we are doing well",
            _beside(
                _classified(
                    site,
                    scorecard.doing_well(),
                    "No indicator is both on target and not getting worse this quarter.",
                ),
                narrative.section("doing_well", 4),
            ),
            "#### Areas for further exploration",
            _beside(
                _classified(
                    site,
                    scorecard.further_exploration(),
                    "No indicator is off target or getting worse quarter after quarter.",
                ),
                narrative.section("further_exploration", 4),
            ),
            "#### Scorecard",
            _scorecard(site, scorecard, page),
            "#### Trends over the last six quarters",
            _charts(site, scorecard),
        ]
    )


def _beside(generated: str, narrative: str) -> str:
    """The generated list and the narrative side by side on screen (one after the other in
    print and on narrow screens)."""
    narrative = narrative or "The sub-group added nothing here."
    data = markup.markdown_block(f"**From the scorecard**\n\n{generated}", ["hub-beside__data"])
    assessment = markup.markdown_block(
        f"**The sub-group's assessment**\n\n{narrative}", ["hub-beside__narrative"]
    )
    return markup.markdown_block(f"{data}\n\n{assessment}", ["hub-beside"])


def _classified(site: Site, lines: list[ScorecardLine], none: str) -> str:
    """Each indicator with its value, rating, trend and, in plain words, why it is listed."""
    items = []
    for line in lines:
        facts = [format_value(line.value, line.unit)]
        if line.target is not None:
            facts[0] += f" against a target of {target_label(line)}"
        facts.append(rag_text(line))
        if line.trend is not None:
            facts.append(trend_text(line))
        name = markup.link(line.name, f"#{indicator_anchor(line.indicator)}")
        items.append(
            f"- **{name}** ({markup.text(priority_name(site, line.priority))}): "
            f"{markup.text(', '.join(facts))}: {markup.text(reason_words(line.reason))}."
        )
    return "\n".join(items) if items else none


def _scorecard(site: Site, scorecard: Scorecard, page: str) -> str:
    """One table per priority, its notes kept with it; the CSV download first."""
    csv_link = page_link(
        page,
        f"Download the scorecard for {scorecard.period.short_label} (CSV)",
        scorecard_path(scorecard.period.id),
    )
    parts = [
        f"{csv_link}. RAG is shown for indicators with a target and a good direction. The "
        "trend compares each value with the previous quarter: the arrow shows which way the "
        "value moved (▲ up, ▼ down, ▶ level), the word whether that is good.",
    ]
    for priority in site.taxonomy.priorities:
        lines = scorecard.for_priority(priority.id)
        if not lines:
            continue
        notes = [
            f"<li>{markup.html_text(line.name)}: {markup.html_text(line.note)}</li>"
            for line in lines
            if line.note
        ]
        block = [f"##### {markup.text(priority.name)}", scorecard_table(priority.id, lines)]
        if notes:
            block.append('<p class="hub-notes-title">Notes</p>\n<ul class="hub-notes">\n'
                         + "\n".join(notes) + "\n</ul>")
        parts.append(markup.markdown_block("\n\n".join(block), ["hub-scorecard-block"]))
    return "\n\n".join(parts)


def _charts(site: Site, scorecard: Scorecard) -> str:
    """Each priority's indicators over the last six quarters, with their targets."""
    values = history(site.project, scorecard.period)
    parts = []
    for priority in site.taxonomy.priorities:
        lines = scorecard.for_priority(priority.id)
        if not lines:
            continue
        charts = [
            indicator_chart(line, values, chart_id=f"chart-{line.indicator}") for line in lines
        ]
        parts.append(f"##### {markup.text(priority.name)} over time")
        parts.append(markup.markdown_block("\n".join(charts), ["hub-chart-grid"]))
    return "\n\n".join(parts)


# --- section 4.3: voices -----------------------------------------------------------------------


def _voices(voices: list[Voice]) -> str:
    """The period's voices, grouped: children and young people, families, professionals."""
    if not voices:
        return "No voices were recorded for this period."
    parts = []
    for kind, group in VOICE_GROUPS.items():
        quotes = [v for v in voices if v.voice == kind]
        if quotes:
            parts.append(f"#### {group}")
            parts.extend(
                f"> {markup.text(v.quote)}\n>\n> — {markup.text(v.attribution)}" for v in quotes
            )
    return "\n\n".join(parts)


# --- the narrative -----------------------------------------------------------------------------


class _Narrative:
    """A narrative's Markdown, links to left-out items dropped, headings nested in place."""

    def __init__(self, site: Site, report: ReportNarrative, page: str) -> None:
        self._report = report
        self._page = page
        self._left_out = left_out_docs(site)
        self._site_url = site.site_url

    def introduction(self) -> str:
        return self._clean(self._report.introduction, 2)

    def section(self, key: str, parent_level: int) -> str:
        """The narrative's `## ` section `key`, its `###` headings moved under `parent_level`."""
        return self._clean(self._report.sections.get(key, ""), parent_level)

    def _clean(self, markdown: str, parent_level: int) -> str:
        dropped = drop_links(markdown, self._page, self._left_out, self._site_url)
        return _nest(dropped, parent_level)


def _nest(markdown: str, parent_level: int) -> str:
    """Shift headings so the narrative's `###` sits one level below `parent_level` (max 6)."""
    shift = parent_level + 1 - 3
    if not markdown:
        return markdown
    lines = markdown.split("\n")
    for heading in headings(markdown):
        level = min(6, max(parent_level + 1, heading.level + shift))
        lines[heading.index] = re.sub(r"^#{1,6}", "#" * level, lines[heading.index], count=1)
    return "\n".join(lines)
