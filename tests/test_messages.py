"""messages.py: author-facing wording of validation errors."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from site_builder.messages import describe, did_you_mean, error_messages, field_name, quote
from site_builder.models import BriefingMeta, ReviewMeta


def test_did_you_mean() -> None:
    assert did_you_mean("negelct", ["neglect", "missing"]) == " (did you mean 'neglect'?)"
    assert did_you_mean("early", ["neglect", "early-help"]) == " (did you mean 'early-help'?)"
    assert did_you_mean("zzz", ["neglect"]) == ""
    assert did_you_mean("", ["neglect"]) == ""
    assert did_you_mean("rr_1", {"rr_2", "rr_1x"}) == " (did you mean 'rr_1x'?)"  # sets: sorted


def test_did_you_mean_a_longer_id_built_on_a_valid_one() -> None:
    assert did_you_mean("health-visitors", ["police", "health"]) == " (did you mean 'health'?)"
    assert did_you_mean("police_cid", ["police"]) == " (did you mean 'police'?)"
    assert did_you_mean("gp-surgery", ["gp"], "data/taxonomy.yaml") == (
        "; valid ids are 'gp' (see data/taxonomy.yaml)"  # too short a stem to guess from
    )


def test_did_you_mean_lists_the_valid_ids_when_none_is_close() -> None:
    assert did_you_mean("zzz", ["neglect", "missing"], "data/taxonomy.yaml") == (
        "; valid ids are 'neglect', 'missing' (see data/taxonomy.yaml)"
    )
    twelve = [f"id{n:02}" for n in range(12)]
    assert did_you_mean("zzz", twelve, "data/taxonomy.yaml") == (
        "; valid ids are 'id00', 'id01', 'id02', 'id03', 'id04', 'id05', 'id06', 'id07',"
        " 'id08', 'id09' and 2 more; see data/taxonomy.yaml"
    )
    assert did_you_mean("zzz", [], "data/taxonomy.yaml") == ""


def test_field_name() -> None:
    assert field_name(("actions", 2, "due")) == "actions[2].due"
    assert field_name(("title",)) == "title"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "nothing"),
        (True, "true"),
        ("text", "'text'"),
        ("", "an empty text"),
        ([], "an empty list"),
        ([1], "a list"),
        ({"a": 1}, "a mapping (key: value fields)"),
        (5, "5"),
        (2.5, "2.5"),
        (date(2026, 1, 2), "2026-01-02"),
        ("it's", "'it's'"),
        ("tab\there", "'tab\\there'"),
    ],
)
def test_describe(value, shown) -> None:
    assert describe(value) == shown


def test_quote_shortens_long_text() -> None:
    assert quote("x" * 100) == "'" + "x" * 57 + "...'"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("943 476 5919", "an NHS number"),
        ("jo@example.org", "an email address"),
        ("M6 5PQ", "a postcode"),
        ("07700 900123", "a phone number"),
    ],
)
def test_quote_withholds_personal_data(text, kind) -> None:
    assert quote(text) == f"[withheld: looks like {kind}]"
    assert quote(f"Child at {text}") == f"[withheld: looks like {kind}]"


def _messages(model, data) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return error_messages(info.value, model)


BRIEFING = {"title": "T", "date": "2026-01-01", "summary": "S", "themes": ["neglect"]}


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"title": None}, ("title",), "'title' has no value: write one"),
        ({"title": "  "}, ("title",), "'title' is empty: write some text"),
        ({"themes": []}, ("themes",), "'themes' is an empty list: give at least one"),
        (
            {"themes": {"a": 1}},
            ("themes",),
            "'themes' must be a list, got a mapping (key: value fields)",
        ),
        ({"date": "2026-13-01"}, ("date",), "'date': '2026-13-01' is not a real date"),
        ({"date": "01/02/2026"}, ("date",), "'date': expected a date YYYY-MM-DD, got '01/02/2026'"),
        ({"date": [1]}, ("date",), "'date': expected a date YYYY-MM-DD, got a list"),
        (
            {"summary": "s" * 301},
            ("summary",),
            "'summary' is 301 characters; at most 300 are allowed",
        ),
        (
            {"visibility": "publc"},
            ("visibility",),
            "'visibility' must be one of 'public' or"
            " 'internal', got 'publc' (did you mean 'public'?)",
        ),
        ({"tilte": "x"}, ("tilte",), "unknown field 'tilte' (did you mean 'title'?)"),
        ({"[": 1}, ("[",), "unknown field '['"),
        (
            {"agencies": ["Police"]},
            ("agencies", 0),
            "'agencies[0]' must be an id of lowercase letters, digits and hyphens, got 'Police'",
        ),
    ],
)
def test_briefing_messages(change, loc, message) -> None:
    assert _messages(BriefingMeta, {**BRIEFING, **change}) == [(loc, message)]


REVIEW = {"title": "Child A", "type": "lcspr", "themes": ["neglect"], "notified": "2026-01-01"}
ACTION = {"id": "A1", "action": "Do it.", "owner": "police", "due": "2026-03-01"}


def test_action_status_messages_point_at_the_field_to_change() -> None:
    done = {**ACTION, "status": "complete"}
    assert _messages(ReviewMeta, {**REVIEW, "actions": [done]}) == [
        (
            ("actions", 0, "status"),
            "action 'A1': a complete action needs its 'completed' date (YYYY-MM-DD)",
        ),
    ]
    open_ = {**ACTION, "status": "not-started", "completed": "2026-02-01"}
    assert _messages(ReviewMeta, {**REVIEW, "actions": [open_]}) == [
        (
            ("actions", 0, "completed"),
            "action 'A1': 'completed' is only for complete actions, and this one's status is"
            " 'not-started': remove 'completed' or set 'status: complete'",
        ),
    ]


def test_nested_unknown_field_suggests_from_the_nested_model() -> None:
    action = {**ACTION, "status": "in-progress", "measur": "x"}
    assert _messages(ReviewMeta, {**REVIEW, "actions": [action]}) == [
        (("actions", 0, "measur"), "unknown field 'actions[0].measur' (did you mean 'measure'?)"),
    ]
