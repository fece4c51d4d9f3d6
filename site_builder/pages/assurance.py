"""Are we assured? `/assurance/`, a page per sub-group, and the pieces theme pages and the
report show: each question's judgement in words and a symbol (colour only reinforces it),
its change since the quarter before, the note and the evidence as links.

Evidence that names a left-out briefing or review is dropped, never linked or named. A
sub-group page shows each question's judgements over the last six quarters, so drift shows.
"""

from __future__ import annotations

import html

from .. import assurance, routes, words
from ..assurance import QuestionStatus
from ..models import Assurance, AssuranceQuestion, Subgroup
from ..periods import Period
from ..scorecard import HISTORY_QUARTERS, quarters_ending
from ..site import Site
from . import OutputFile, markup
from .listing import (
    briefing_path,
    href,
    join_blocks,
    page_link,
    page_title,
    priority_name,
    review_path,
    theme_path,
)

ASSURANCE = routes.ASSURANCE
TITLE = "Are we assured?"

JUDGEMENT_LABELS = {
    "assured": ("✓", "Assured"),
    "partly-assured": ("◐", "Partly assured"),
    "not-assured": ("✗", "Not assured"),
    "not-tested": ("○", "Not tested"),
}
CHANGE_LABELS = {
    "better": ("↑", "Better"),
    "worse": ("↓", "Worse"),
    "same": ("→", "Same"),
    "newly-tested": ("+", "Newly tested"),
    "no-longer-tested": ("○", "Not tested this quarter"),
    "not-tested": ("○", "Not tested either quarter"),
}


subgroup_path = routes.subgroup


def question_anchor(question_id: str) -> str:
    """The id of a question's heading on its sub-group page."""
    return f"question-{question_id}"


csv_path = routes.assurance_csv  # a report's assurance download


def generate(site: Site) -> list[OutputFile]:
    """`/assurance/`, one page per sub-group, and each published report's assurance.csv
    (when there are questions; rows in assurance.yaml order)."""
    files = [OutputFile(ASSURANCE, render_index(site))]
    files += [
        OutputFile(subgroup_path(s.id), render_subgroup(site, s)) for s in site.taxonomy.subgroups
    ]
    data = site.project.assurance
    if data.questions:
        for report in site.reports:
            period = Period.parse(report.period)
            rows = assurance.to_csv(assurance.statuses(data, period))
            files.append(OutputFile(csv_path(report.period), rows))
    return files


# --- words ------------------------------------------------------------------------------------


def judgement_label(judgement: str, *, together: bool = True) -> str:
    """The judgement as symbol and word (inline HTML, the colour a reinforcement only);
    `together`: never a line break between the two."""
    symbol, word = JUDGEMENT_LABELS[judgement]
    space = "&nbsp;" if together else " "
    return (
        f'<span class="hub-judgement hub-judgement--{judgement}">'
        f'<span aria-hidden="true">{symbol}</span>{space}{word}</span>'
    )


def judgement_text(judgement: str) -> str:
    """The judgement as plain words, lower case, for sentences."""
    return JUDGEMENT_LABELS[judgement][1].lower()


def change_label(item: QuestionStatus) -> str:
    """The change since the quarter before, in words with an arrow, and what it was."""
    symbol, word = CHANGE_LABELS[item.change]
    label = f'<span class="hub-change"><span aria-hidden="true">{symbol}</span> {word}</span>'
    if item.change in ("better", "worse", "same", "no-longer-tested"):
        label += f"<br>was {judgement_text(item.previous_judgement)}"
    if item.last_judged is not None and item.change == "not-tested":
        period, judgement = item.last_judged
        label += f"<br>last judged {judgement_text(judgement)}, {period.short_label}"
    return label


_n = words.plural


def _count_words(items: list[QuestionStatus]) -> str:
    """`3 assured, 1 partly assured and 2 not tested` (judgements no question has are left
    out)."""
    found = assurance.counts(items)
    parts = [f"{n} {judgement_text(j)}" for j, n in found.items() if n]
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def subgroup_name(site: Site, subgroup_id: str) -> str:
    subgroup = site.taxonomy.subgroup(subgroup_id)
    return subgroup.name if subgroup else subgroup_id


# --- evidence ---------------------------------------------------------------------------------


def evidence_links(site: Site, page: str, question: AssuranceQuestion) -> list[str]:
    """Links to the question's evidence that this edition publishes, in the order given.

    An indicator links to its chart: on this page when `page` shows it (its theme page, or
    a report, which charts every indicator), else on its theme page.
    """
    links = []
    scored = bool(site.project.scorecards.periods())
    for item in question.evidence:
        indicator = site.project.indicators.get(item)
        briefing = site.briefings.get(item)
        review = site.reviews.get(item)
        if indicator is not None:
            anchor = f"#chart-{indicator.id}" if scored else ""
            own = theme_path(indicator.priority)
            if page == own or page.startswith("reports/"):
                target = anchor or href(page, own)
            else:
                target = href(page, own) + anchor
            links.append(markup.link(indicator.name, target))
        elif review is not None:
            links.append(page_link(page, review.title, review_path(review.id)))
        elif briefing is not None:
            links.append(page_link(page, briefing.title, briefing_path(briefing.id)))
    return links


def _question_cell(site: Site, page: str, item: QuestionStatus, *, subgroup: bool) -> str:
    """The question, its note and evidence (and its sub-group), for a table cell."""
    question = item.question
    lines = [f"**{markup.cell(question.question)}**"]
    if item.note:
        lines.append(f"Note: {markup.cell(item.note)}")
    links = evidence_links(site, page, question)
    if links:
        lines.append("Evidence: " + ", ".join(links))
    if subgroup:
        name = subgroup_name(site, question.subgroup)
        target = f"{href(page, subgroup_path(question.subgroup))}#{question_anchor(question.id)}"
        lines.append(f"Asked by: {markup.link(name, target)}")
    return "<br>".join(lines)


def _status_table(
    site: Site, page: str, items: list[QuestionStatus], period: Period, *, subgroup: bool
) -> str:
    """Two columns, so a phone shows both: the question (with note and evidence), and the
    judgement with its change since the quarter before."""
    headers = [
        "Question",
        f"{period.short_label}: judgement, and change since {period.previous().short_label}",
    ]
    rows = [
        [
            _question_cell(site, page, item, subgroup=subgroup),
            f"{judgement_label(item.judgement)}<br>{change_label(item)}",
        ]
        for item in items
    ]
    table = markup.table(headers, rows)
    return markup.markdown_block(table, ["hub-assurance"])


# --- theme pages ------------------------------------------------------------------------------


def theme_assurance_markdown(site: Site, priority_id: str) -> str:
    """``## Are we assured?`` for a theme page: its questions with the latest quarter's
    judgement, the change since the quarter before, the note and the evidence; '' when the
    priority has no questions."""
    data = site.project.assurance
    questions = data.for_priority(priority_id)
    if not questions:
        return ""
    page = theme_path(priority_id)
    latest = assurance.latest_period(data)
    heading = f"## {TITLE}"
    if latest is None:
        items = "\n".join(f"- {markup.text(q.question)}" for q in questions)
        return f"{heading}\n\nNo quarter has been judged yet. The questions:\n\n{items}"
    items = assurance.statuses(data, latest, questions)
    intro = (
        f"The sub-groups' judgements on this priority's assurance questions in "
        f"{markup.text(latest.label)}: {_count_words(items)}. "
        f"{page_link(page, 'All sub-groups and their questions', ASSURANCE)}."
    )
    return "\n\n".join([heading, intro, _status_table(site, page, items, latest, subgroup=True)])


# --- the report (4.2) -------------------------------------------------------------------------


def report_assurance_markdown(site: Site, period: Period, page: str) -> str:
    """The report's assurance in 4.2: the quarter's judgements by sub-group, those not
    assured or worse than the quarter before first, the untested counted and named; ''
    without questions."""
    data = site.project.assurance
    if not data.questions:
        return ""
    everything = assurance.statuses(data, period)
    attention = sum(item.needs_attention for item in everything)
    csv_link = page_link(
        page, f"Download the judgements for {period.short_label} (CSV)", csv_path(period.id)
    )
    parts = [
        "#### Assurance: are we assured?",
        f"The sub-groups answered their assurance questions for {markup.text(period.short_label)}"
        f": of {_n(len(everything), 'question')}, {_count_words(everything)}. "
        f"{_n(attention, 'question')} {'needs' if attention == 1 else 'need'} the board's "
        f"attention (judged not assured, or worse than {period.previous().short_label}). "
        f"{csv_link}.",
    ]
    for subgroup in site.taxonomy.subgroups:
        items = [item for item in everything if item.question.subgroup == subgroup.id]
        if items:
            parts.append(_report_subgroup(site, page, subgroup, items, period))
    return "\n\n".join(parts)


def _report_subgroup(
    site: Site, page: str, subgroup: Subgroup, items: list[QuestionStatus], period: Period
) -> str:
    ordered = assurance.report_order(items)
    untested = [item for item in items if not item.tested]
    history = page_link(page, f"{subgroup.name}: the last six quarters", subgroup_path(subgroup.id))
    parts = [f"##### {markup.text(subgroup.name)}"]
    if ordered:
        attention = sum(item.needs_attention for item in ordered)
        lead = (
            f"{_n(attention, 'question')} needing attention, listed first. "
            if attention
            else "No question needs attention. "
        )
        parts.append(lead + f"See {history}.")
        parts.append(_status_table(site, page, ordered, period, subgroup=False))
    else:
        parts.append(f"No question was tested this quarter. See {history}.")
    if untested:
        names = "\n".join(_untested_item(item) for item in untested)
        parts.append(f"Not tested this quarter: {_n(len(untested), 'question')}.\n\n{names}")
    return "\n\n".join(parts)


def _untested_item(item: QuestionStatus) -> str:
    words = markup.text(item.question.question)
    if item.last_judged is not None:
        period, judgement = item.last_judged
        words += f" (last judged {judgement_text(judgement)}, {period.short_label})"
    return f"- {words}" + (f" Note: {markup.text(item.note)}" if item.note else "")


# --- /assurance/ and the sub-group pages ------------------------------------------------------


def render_index(site: Site) -> str:
    """`/assurance/`: each sub-group with its questions' latest judgements."""
    data = site.project.assurance
    latest = assurance.latest_period(data)
    parts = [
        markup.front_matter(title=TITLE),
        f"# {TITLE}",
        "Each sub-group of the partnership answers the assurance questions of its standards "
        "and outcomes framework every quarter: some generic, some about its theme. Its "
        "judgement (assured, partly assured, not assured or not tested) rests on the evidence "
        "named with each question.",
    ]
    items = []
    for subgroup in site.taxonomy.subgroups:
        questions = data.for_subgroup(subgroup.id)
        link = page_link(ASSURANCE, subgroup.name, subgroup_path(subgroup.id))
        if not questions:
            items.append(f"- {link}: no questions yet")
        elif latest is None:
            items.append(f"- {link}: {_n(len(questions), 'question')}, none judged yet")
        else:
            statuses = assurance.statuses(data, latest, questions)
            items.append(
                f"- {link}: {_n(len(questions), 'question')}; "
                f"{markup.text(latest.short_label)}: {_count_words(statuses)}"
            )
    parts.append("\n".join(items) if items else "No sub-groups are listed yet.")
    return join_blocks(parts)


def render_subgroup(site: Site, subgroup: Subgroup) -> str:
    """`/assurance/<subgroup-id>/`: each question's judgements over the last six quarters,
    then each question in detail."""
    data = site.project.assurance
    page = subgroup_path(subgroup.id)
    questions = data.for_subgroup(subgroup.id)
    latest = assurance.latest_period(data)
    parts = [
        markup.front_matter(title=page_title(f"{subgroup.name}: {TITLE.lower()}")),
        f"# {markup.text(subgroup.name)}: {TITLE.lower()}",
        f"{page_link(page, 'All sub-groups', ASSURANCE)}.",
    ]
    if not questions:
        parts.append("This sub-group has no assurance questions yet.")
        return join_blocks(parts)
    if latest is None:
        parts.append("No quarter has been judged yet.")
    else:
        quarters = quarters_ending(latest, HISTORY_QUARTERS)
        parts += [
            f"The sub-group's judgement on each question, {markup.text(quarters[0].short_label)} "
            f"to {markup.text(quarters[-1].short_label)}. " + _key(),
            _drift_table(data, questions, quarters),
        ]
    parts.append("## The questions")
    parts.append("\n\n".join(_question_detail(site, page, q, latest) for q in questions))
    return join_blocks(parts)


def _key() -> str:
    return "Key: " + ", ".join(
        f"{symbol}\u00a0{word.lower()}" for symbol, word in JUDGEMENT_LABELS.values()
    ) + "."


def _drift_table(
    data: Assurance, questions: list[AssuranceQuestion], quarters: list[Period]
) -> str:
    """Rows questions, columns quarters (raw HTML: on a phone each question spans the width
    above its six cells)."""
    head = "".join(
        f'<th scope="col">{html.escape(p.short_label)}</th>' for p in quarters
    )
    rows = []
    for question in questions:
        cells = "".join(
            f"<td>{judgement_label(data.judgement(p, question.id), together=False)}</td>"
            for p in quarters
        )
        rows.append(f'<tr><th scope="row">{html.escape(question.question)}</th>{cells}</tr>')
    return (
        '<div class="hub-drift">\n<table class="hub-drift__table">\n'
        "<caption>Judgements by quarter, oldest first</caption>\n"
        f'<thead><tr><th scope="col">Question</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )


def _detail_change(item: QuestionStatus) -> str:
    """`better`, `newly tested`...; for an untested question, when it was last judged."""
    if item.tested:
        return CHANGE_LABELS[item.change][1].lower()
    if item.last_judged is None:
        return "not judged in any quarter yet"
    period, judgement = item.last_judged
    return f"last judged {judgement_text(judgement)}, {period.short_label}"


def _heading_text(value: str) -> str:
    """`markup.text` for a heading, an apostrophe left as it is: the table of contents would
    show its entity (`&#x27;`) as text."""
    return markup.text(value).replace("&\\#x27;", "'")


def _question_detail(
    site: Site, page: str, question: AssuranceQuestion, latest: Period | None
) -> str:
    facts = []
    if question.priority:
        name = priority_name(site, question.priority)
        facts.append(f"Theme: {page_link(page, name, theme_path(question.priority))}")
    else:
        facts.append("A generic question")
    if latest is not None:
        item = assurance.status(site.project.assurance, question, latest)
        facts.append(
            f"{markup.text(latest.short_label)}: {judgement_label(item.judgement)} "
            f"({_detail_change(item)})"
        )
        if item.note:
            facts.append(f"Note: {markup.text(item.note)}")
    links = evidence_links(site, page, question)
    if links:
        facts.append("Evidence: " + ", ".join(links))
    # An explicit anchor: a slug of the question's words could spell a left-out item's id.
    heading = f"### {_heading_text(question.question)} {{#{question_anchor(question.id)}}}"
    return f"{heading}\n\n" + "  \n".join(facts)
