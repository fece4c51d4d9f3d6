"""Learning into practice on pages: the form link and answers on each briefing, the
dashboard's section, the report's part of 4.2, and `/briefings/feedback.csv`.

All figures come from `site_builder.learning`, which counts published briefings only.
"""

from __future__ import annotations

import csv
import io

from .. import learning, routes, words
from ..charts import bar_figure, chart_block
from ..feedback import form_link
from ..learning import Answers, QuarterAnswers
from ..models import Briefing
from ..periods import Period
from ..site import Site
from . import OutputFile, markup
from .listing import (
    agency_name,
    agency_path,
    briefing_path,
    href,
    html_link,
    join_blocks,
    page_link,
)

FEEDBACK_CSV = routes.FEEDBACK_CSV
LINK_TEXT = "How did you use this briefing?"
ANONYMOUS = (
    "Answers are anonymous and go to the partnership, not to the hub; "
    "only the counts are published here."
)
NO_AGENCY_NAME = "No agency named"
COUNT_HEADERS = ("Answers", "Useful", "Learned something", "Changed practice")
MOST_ANSWERED = 30
"""Briefings listed per quarter on a page (a large hub has thousands; the CSV has them all)."""


def generate(site: Site) -> list[OutputFile]:
    """`/briefings/feedback.csv`."""
    return [OutputFile(FEEDBACK_CSV, feedback_csv(site))]


def feedback_csv(site: Site) -> str:
    """`briefing,period,agency,responses,useful,learned,changed_practice` (see `learning`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(learning.FEEDBACK_CSV_HEADER)
    writer.writerows(learning.feedback_csv_rows(site))
    return buffer.getvalue()


# --- Words -----------------------------------------------------------------------------------


def share_words(count: int, whole: int) -> str:
    """`12 (86%)`; just `0` when there are no answers to share."""
    pct = learning.percent(count, whole)
    return str(count) if pct is None else f"{count} ({pct}%)"


def count_cells(answers: Answers) -> list[str]:
    """Answers, then useful, learned and changed practice with their shares."""
    n = answers.responses
    return [
        str(n),
        share_words(answers.useful, n),
        share_words(answers.learned, n),
        share_words(answers.changed_practice, n),
    ]


def _answers(n: int) -> str:
    return words.plural(n, "answer")


def _briefings(n: int) -> str:
    return words.plural(n, "briefing")


def _agency_label(site: Site, agency_id: str) -> str:
    return agency_name(site, agency_id) if agency_id else NO_AGENCY_NAME


def _agency_cell(site: Site, page: str, agency_id: str) -> str:
    if not agency_id:
        return NO_AGENCY_NAME
    return page_link(page, agency_name(site, agency_id), agency_path(agency_id))


def _briefing_cell(page: str, briefing: Briefing) -> str:
    return page_link(page, briefing.title, briefing_path(briefing.id))


# --- The briefing page -----------------------------------------------------------------------


def briefing_block(site: Site, briefing: Briefing) -> str:
    """The end of a briefing page: its answers to date and the form link ('' when there is
    neither a form nor an answer)."""
    answers, agencies = learning.briefing_answers(site, briefing.id)
    if not site.feedback_url and not answers.responses:
        return ""
    # Raw HTML under a Markdown heading (in the table of contents); the same on every
    # briefing, so not what a search should match.
    ignored = {"data-pagefind-ignore": True}
    parts = [markup.element("p", _answers_sentence(site, answers, agencies))]
    if site.feedback_url:
        url = form_link(site.feedback_url, briefing.id, briefing.title)
        parts.append(markup.element("p", markup.button(LINK_TEXT, url), ["hub-feedback"]))
        parts.append(markup.element("p", ANONYMOUS, ["hub-feedback-note"]))
    block = markup.element("div", "\n" + "\n".join(parts) + "\n", attributes=ignored)
    heading = markup.heading(2, "Learning into practice", attributes=ignored)
    return join_blocks([heading, block]).rstrip("\n")


def _answers_sentence(site: Site, answers: Answers, agencies: list[tuple[str, Answers]]) -> str:
    """The briefing's answers in words (HTML)."""
    n = answers.responses
    if not n:
        return "No practitioner has said yet how they used this briefing."
    said = (
        f"<strong>{_answers(n)} to date</strong>: {share_words(answers.useful, n)} found it "
        f"useful, {share_words(answers.learned, n)} learned something and "
        f"{share_words(answers.changed_practice, n)} changed their practice."
    )
    named = [
        f"{markup.html_text(_agency_label(site, a))} ({counts.responses})"
        for a, counts in agencies
        if counts.responses
    ]
    return f"{said} From: {', '.join(named)}." if named else said


# --- The dashboard ---------------------------------------------------------------------------


def dashboard_section(site: Site, page: str) -> str:
    """`/actions/`'s "Learning into practice": the trend across quarters, each quarter by
    briefing and by agency, and the briefings each agency has not answered."""
    download = f"Download: [every answer count (CSV)]({href(page, FEEDBACK_CSV)})\n"
    parts = [
        "## Learning into practice",
        "What practitioners said they did with each briefing, through the form linked from "
        f'every briefing ("{LINK_TEXT}"): how many answered, and how many found it useful, '
        "learned something and changed their practice. Counts are committed each quarter.",
        download,
    ]
    quarters = learning.by_quarter(site)
    if not quarters:
        parts.append("No answers have been recorded yet.")
    else:
        parts += [
            "### Across quarters",
            _trend(quarters),
            "### Each quarter by briefing and by agency",
            "The latest quarter is open; select an earlier one to see it.",
            *(
                _quarter_details(site, page, q.period, open_=i == 0)
                for i, q in enumerate(reversed(quarters))
            ),
        ]
    parts += ["### Aimed at an agency, no answer from it", _unanswered(site, page)]
    return "\n\n".join(parts) + "\n"


def _trend(quarters: list[QuarterAnswers]) -> str:
    table = markup.table(
        ["Quarter", "Briefings answered about", *COUNT_HEADERS],
        [[q.period.label, str(q.briefings), *count_cells(q.answers)] for q in quarters],
    )
    return chart_block(
        _trend_figure(quarters),
        chart_id="chart-learning-into-practice",
        caption="Answers per quarter, and how many said the briefing changed their practice",
        table_markdown=table,
    )


def _trend_figure(quarters: list[QuarterAnswers]):
    labels = [q.period.short_label for q in quarters]
    series = [
        ("Answers", [q.answers.responses for q in quarters], ""),
        ("Useful", [q.answers.useful for q in quarters], "."),
        ("Learned something", [q.answers.learned for q in quarters], "x"),
        ("Changed practice", [q.answers.changed_practice for q in quarters], "/"),
    ]
    return bar_figure(labels, series, barmode="group", height=320, y_title="Answers")


def _quarter_details(site: Site, page: str, period: Period, *, open_: bool) -> str:
    """One quarter in a collapsible block: its briefings, then its agencies."""
    body = quarter_tables(site, page, period, every_agency=True)
    return markup.collapsible("note", period.label, body, open_=open_)


def quarter_tables(site: Site, page: str, period: Period, *, every_agency: bool) -> str:
    """A quarter's answers by briefing and by agency, as two tables."""
    rows = site.feedback.for_period(period)
    if not rows:
        return "No answers were recorded in this quarter."
    ranked = learning.by_briefing(site, rows)
    briefings = markup.table(
        ["Briefing", *COUNT_HEADERS],
        [[_briefing_cell(page, b), *count_cells(a)] for b, a in ranked[:MOST_ANSWERED]],
    )
    if len(ranked) > MOST_ANSWERED:
        more = len(ranked) - MOST_ANSWERED
        csv_link = f"[the download]({href(page, FEEDBACK_CSV)})"
        briefings += (
            f"\n\nThe {MOST_ANSWERED} most answered briefings; {_briefings(more)} more"
            f" with answers this quarter are in {csv_link}."
        )
    agencies = markup.table(
        ["Agency", *COUNT_HEADERS],
        [
            [_agency_cell(site, page, a), *count_cells(c)]
            for a, c in learning.by_agency(site, rows, every_agency=every_agency)
        ],
    )
    return f"**By briefing**\n\n{briefings}\n\n**By agency**\n\n{agencies}"


def _unanswered(site: Site, page: str) -> str:
    lead = (
        "A briefing is aimed at an agency when it lists the agency, or is written for that "
        "agency's practitioners (an audience with the agency's id). Briefings for all "
        "practitioners are aimed at no agency in particular. Oldest briefing first."
    )
    silent = learning.unanswered(site)
    if not silent:
        return lead + "\n\nEvery agency has answered about every briefing aimed at it."
    # Raw HTML: at 2,000 briefings this table holds thousands of links.
    table = markup.html_table(
        ["Agency", "Briefings without an answer", "Which"],
        [
            [
                html_link(page, agency_name(site, agency_id), agency_path(agency_id)),
                str(len(briefings)),
                ", ".join(html_link(page, b.title, briefing_path(b.id)) for b in briefings),
            ]
            for agency_id, briefings in silent
        ],
    )
    return join_blocks([lead, table]).rstrip("\n")


# --- The report (4.2) ------------------------------------------------------------------------


def report_section(site: Site, page: str, period: Period) -> str:
    """The period's learning into practice: briefings published, answers, changed practice."""
    published = learning.published_in(site, period)
    rows = site.feedback.for_period(period)
    listed = "".join(
        f"\n- {_briefing_cell(page, b)} ({markup.long_date(b.date)})" for b in published
    )
    parts = [f"**Briefings published in the period**: {len(published)}.{listed}"]
    if not rows:
        parts.append("**Practitioners' answers in the period**: none were recorded.")
        return "\n\n".join(parts)
    answers = learning.total(rows)
    n = answers.responses
    parts += [
        f"**Practitioners' answers in the period**: {_answers_about(rows)}; "
        f"{share_words(answers.useful, n)} found the briefing useful, "
        f"{share_words(answers.learned, n)} learned something "
        f"and {share_words(answers.changed_practice, n)} changed their practice.",
        quarter_tables(site, page, period, every_agency=False),
    ]
    return "\n\n".join(parts)


def period_fact(site: Site, period: Period) -> str:
    """One line for the report's summary of evidence (section 3)."""
    rows = site.feedback.for_period(period)
    held = _answers_about(rows) if rows else "none recorded"
    return f"- **Practitioners' answers about briefings**: {held} (see 4.2)."


def _answers_about(rows: list) -> str:
    """`12 answers about 3 briefings`."""
    about = len({r.briefing for r in rows})
    return f"{_answers(learning.total(rows).responses)} about {_briefings(about)}"
