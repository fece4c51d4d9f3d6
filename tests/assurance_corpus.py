"""A small assurance corpus: two sub-groups, five questions, three quarters of judgements.

Hand-worked, for Q2 2026/27 against Q1 2026/27:

question  sub-group   priority    Q4 2025/26  Q1 2026/27  Q2 2026/27  change in Q2
n-gcp2    neglect-sg  neglect     not         partly      assured     better
n-drift   neglect-sg  neglect     assured     assured     partly      worse: needs attention
n-super   neglect-sg  (generic)   partly      (no row)    partly      newly tested
n-voice   neglect-sg  neglect     partly      partly      not-tested  no longer tested
e-step    early-sg    early-help  (no row)    assured     not         worse: needs attention

(not: not-assured, partly: partly-assured; a quarter without a row is not tested.)

n-gcp2's evidence names an indicator, a review, a briefing and a draft briefing (left out).
"""

from __future__ import annotations

from conftest import BRIEFING, MINIMAL_FILES, TAXONOMY

A = "data/assurance.yaml"
Q4 = "data/assurance/2025-26-q4.csv"
Q1 = "data/assurance/2026-27-q1.csv"
Q2 = "data/assurance/2026-27-q2.csv"
DRAFT_ID = "zqdraftassure"

SUBGROUPS = """\
subgroups:
  - {id: neglect-sg, name: Neglect Sub-group}
  - {id: early-sg, name: Early Help Sub-group}
"""

QUESTIONS = f"""\
- id: n-gcp2
  subgroup: neglect-sg
  priority: neglect
  question: How do we know the Graded Care Profile 2 is used?
  evidence: [cin_rate, rr-2026-01-child-a, neglect-toxic-trio, {DRAFT_ID}]
- id: n-drift
  subgroup: neglect-sg
  priority: neglect
  question: How do we know plans do not drift?
- id: n-super
  subgroup: neglect-sg
  question: How do we know supervision challenges drift?
- id: n-voice
  subgroup: neglect-sg
  priority: neglect
  question: How do we know children are heard?
- id: e-step
  subgroup: early-sg
  priority: early-help
  question: How do we know step-down works?
  evidence: [rereferrals_12m]
"""

REPORT = """\
---
period: 2026-27-q2
meeting_date: 2026-11-10
author: Business unit
---

The quarter in brief.
"""

FILES: dict[str, str] = {
    **MINIMAL_FILES,
    "data/taxonomy.yaml": TAXONOMY + SUBGROUPS,
    A: QUESTIONS,
    Q4: (
        "question,judgement,note\n"
        "n-gcp2,not-assured,\n"
        "n-drift,assured,\n"
        "n-super,partly-assured,\n"
        "n-voice,partly-assured,\n"
    ),
    Q1: (
        "question,judgement,note\n"
        "n-gcp2,partly-assured,Audit: 6 of 10\n"
        "n-drift,assured,\n"
        "n-voice,partly-assured,\n"
        "e-step,assured,\n"
    ),
    Q2: (
        "question,judgement,note\n"
        'n-gcp2,assured,"Audit: 9 of 10, <b>up</b>"\n'
        "n-drift,partly-assured,\n"
        "n-super,partly-assured,\n"
        "n-voice,not-tested,Deferred to Q3\n"
        "e-step,not-assured,\n"
    ),
    "content/reports/2026-27-q2.md": REPORT,
    f"content/briefings/{DRAFT_ID}.md": BRIEFING.replace(
        "title: Neglect and the toxic trio", "title: A draft on the GCP2\nstatus: draft"
    ),
}
