"""A fixture corpus for learning into practice and impact evidence, with hand-worked figures.

The publication-safety corpus (`fixture_corpus.CORPUS`: published briefings
`neglect-toxic-trio`, `citing-draft-review` and `evil-briefing`, and left-out ones whose ids
carry a marker) plus a briefing whose title has spaces, `&`, quotes and non-ASCII letters, three
quarters of feedback (with rows about left-out briefings), a review whose actions cover every
evidence level and re-audit case, and a form URL in mkdocs.yml.

Every expected value below was worked out by hand from these files (as of `AS_OF`,
2026-11-26); none is computed by the code under test.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SEVEN_SECTIONS, copy_engine, write_tree
from fixture_corpus import CORPUS

FORM = "https://forms.example/feedback?briefing={id}&title={title}&from=hub"
ODD_TITLE = "Café \"quotes\" & l'enfant: ça va?"
ODD_TITLE_ENCODED = "Caf%C3%A9%20%22quotes%22%20%26%20l%27enfant%3A%20%C3%A7a%20va%3F"
_ODD_TITLE_YAML = ODD_TITLE.replace('"', '\\"')

ODD_BRIEFING = f"""\
---
title: "{_ODD_TITLE_YAML}"
date: 2026-08-03
summary: A briefing whose title needs encoding in a URL.
themes: [csa-cse]
audience: [education]
agencies: [police]
---

{SEVEN_SECTIONS}
"""

EVIDENCE_REVIEW = """\
---
title: Evidence review
type: learning-review
themes: [csa-cse]
agencies: [health]
notified: 2026-01-05
completed: 2026-01-20
actions:
  - id: E1
    action: Train the front door on the toolkit.
    owner: health
    due: 2026-03-01
    status: complete
    completed: 2026-02-10
    impact: Practitioners rated the sessions highly.
    measure: rereferrals_12m
    evidence: reaction
    reaudit: 2026-08-01
  - id: E2
    action: Record the household in every assessment.
    owner: police
    due: 2026-06-01
    status: complete
    completed: 2026-05-05
    impact: An audit found the household recorded in 9 of 10 cases.
    evidence: behaviour
    reaudit: 2026-11-26
  - id: E3
    action: Add a safety plan to every referral.
    owner: education
    due: 2026-07-01
    status: complete
    completed: 2026-06-30
    impact: 14 of 16 referrals held a safety plan.
    evidence: behaviour
  - id: E4
    action: Publish the pathway.
    owner: health
    due: 2026-07-01
    status: complete
    completed: 2026-07-01
  - id: E5
    action: Review the pathway after a year.
    owner: health
    due: 2027-01-01
    status: in-progress
  - id: E6
    action: Reduce repeat plans.
    owner: health
    due: 2026-09-30
    status: complete
    completed: 2026-09-01
    impact: Repeat plans fell from 26% to 19%.
    evidence: results
    reaudit: 2026-11-25
---

## Summary

A review with actions at every evidence level.
"""

HEADER = "briefing,agency,responses,useful,learned,changed_practice\n"
FEEDBACK = {
    "data/feedback/2025-26-q4.csv": HEADER
    + "neglect-toxic-trio,health,10,8,6,3\n"
    + "neglect-toxic-trio,police,4,4,2,1\n"
    + "neglect-toxic-trio,,2,1,1,0\n"
    + "citing-draft-review,education,5,5,4,2\n"
    + "zqdraftbrief,police,7,7,7,7\n",
    "data/feedback/2026-27-q1.csv": HEADER
    + "neglect-toxic-trio,health,6,5,5,4\n"
    + "evil-briefing,health,3,3,2,1\n"
    + "zqinternalbrief,education,9,9,9,9\n"
    + "zqembargobrief,police,8,8,8,8\n",
    "data/feedback/2026-27-q2.csv": HEADER
    + "cafe-quotes,health,4,3,2,1\n"
    + "cafe-quotes,education,0,0,0,0\n"
    + "evil-briefing,,1,1,0,0\n"
    + "zqfuturebrief,health,5,5,5,5\n",
}

FILES: dict[str, str] = {
    **CORPUS,
    **FEEDBACK,
    # A quarter before the corpus's one, so E1's indicator has a trend since completion.
    "data/scorecard/2025-26-q4.csv": "indicator,value,note\nrereferrals_12m,23.0,\n",
    "content/briefings/cafe-quotes.md": ODD_BRIEFING,
    "content/reviews/rv-evidence.md": EVIDENCE_REVIEW,
}

# /briefings/feedback.csv, by hand: oldest quarter first; then briefing id, then agency id,
# the row naming no agency last; rows about left-out briefings nowhere.
EXPECTED_CSV = [
    ["briefing", "period", "agency", "responses", "useful", "learned", "changed_practice"],
    ["citing-draft-review", "2025-26-q4", "education", "5", "5", "4", "2"],
    ["neglect-toxic-trio", "2025-26-q4", "health", "10", "8", "6", "3"],
    ["neglect-toxic-trio", "2025-26-q4", "police", "4", "4", "2", "1"],
    ["neglect-toxic-trio", "2025-26-q4", "", "2", "1", "1", "0"],
    ["evil-briefing", "2026-27-q1", "health", "3", "3", "2", "1"],
    ["neglect-toxic-trio", "2026-27-q1", "health", "6", "5", "5", "4"],
    ["cafe-quotes", "2026-27-q2", "education", "0", "0", "0", "0"],
    ["cafe-quotes", "2026-27-q2", "health", "4", "3", "2", "1"],
    ["evil-briefing", "2026-27-q2", "", "1", "1", "0", "0"],
]


def write_feedback_corpus(root: Path, form: str | None = FORM) -> Path:
    """The corpus with the repository's engine; `extra.hub_feedback_url` set to `form`
    (removed when None)."""
    root.mkdir(parents=True, exist_ok=True)
    copy_engine(root)
    config = root / "mkdocs.yml"
    text = re.sub(r"^  hub_feedback_url: .*\n", "", config.read_text(), flags=re.M)
    if form is not None:
        text = text.replace("extra:\n", f"extra:\n  hub_feedback_url: {form}\n", 1)
    config.write_text(text, encoding="utf-8")
    return write_tree(root, FILES)
