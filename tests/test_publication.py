"""publication.py: the as-of date and the publication predicate every page uses."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.models import Briefing, ReportNarrative, Review, Source
from site_builder.publication import (
    AsOfError,
    Edition,
    EditionError,
    edition_from_env,
    embargo_lifts,
    internal_from_env,
    parse_as_of,
    resolve_as_of,
)
from site_builder.source import LineMap

AS_OF = date(2026, 11, 26)
ORIGIN = Source("content/x.md", LineMap())


def briefing(**fields) -> Briefing:
    base = dict(
        title="T",
        date=date(2026, 1, 1),
        summary="S",
        themes=["neglect"],
        id="b",
        origin=ORIGIN,
        body="",
        body_line=1,
    )
    return Briefing.model_construct(**{**base, **fields})


def review(**fields) -> Review:
    base = dict(
        title="Child A",
        type="lcspr",
        themes=["neglect"],
        notified=date(2026, 1, 1),
        id="r",
        origin=ORIGIN,
        body="",
        body_line=1,
    )
    return Review.model_construct(**{**base, **fields})


def report(**fields) -> ReportNarrative:
    base = dict(
        period="2026-27-q1",
        meeting_date=date(2026, 8, 1),
        author="Chair",
        id="2026-27-q1",
        origin=ORIGIN,
        body="",
        body_line=1,
        introduction="",
        sections={},
    )
    return ReportNarrative.model_construct(**{**base, **fields})


def test_parse_as_of() -> None:
    assert parse_as_of("2026-11-26") == AS_OF
    for bad in ("2026-02-30", "26/11/2026", "2026-1-5", "20261126", "", "2026-11-26T00:00"):
        with pytest.raises(AsOfError, match="expected a real date YYYY-MM-DD"):
            parse_as_of(bad)


def test_resolve_as_of_prefers_the_option_then_the_environment() -> None:
    env = {"HUB_AS_OF": "2026-01-01"}
    assert resolve_as_of("2026-11-26", env) == AS_OF
    assert resolve_as_of(None, env) == date(2026, 1, 1)
    assert resolve_as_of(None, {}) == date.today()
    with pytest.raises(AsOfError, match="invalid HUB_AS_OF date 'soon'"):
        resolve_as_of(None, {"HUB_AS_OF": "soon"})
    with pytest.raises(AsOfError, match="invalid --as-of date 'soon'"):
        resolve_as_of("soon", env)


@pytest.mark.parametrize(
    ("value", "internal"),
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" yes ", True),
        ("0", False),
        ("", False),
        ("no", False),
    ],
)
def test_internal_from_env(value, internal) -> None:
    assert internal_from_env({"HUB_INTERNAL": value}) is internal
    assert internal_from_env({}) is False


PUBLIC, INTERNAL = Edition(AS_OF), Edition(AS_OF, internal=True)


@pytest.mark.parametrize(
    ("item", "public", "internal"),
    [
        (briefing(), True, True),
        (briefing(status="draft"), False, False),
        (briefing(visibility="internal"), False, True),
        (briefing(publish_from=date(2026, 11, 27)), False, False),
        (briefing(publish_from=AS_OF), True, True),  # embargo ends on its day
        (briefing(date=date(2026, 11, 27)), False, False),  # a future date embargoes too
        (briefing(date=AS_OF), True, True),
        (review(), True, True),
        (review(status="draft"), False, False),
        (review(visibility="internal"), False, True),
        (review(publish_from=date(2027, 1, 1)), False, False),
        (report(), True, True),
        (report(status="draft"), False, False),
    ],
)
def test_edition_includes(item, public, internal) -> None:
    assert PUBLIC.includes(item) is public
    assert INTERNAL.includes(item) is internal


def test_review_due_after_the_review_by_date() -> None:
    assert not PUBLIC.review_due(briefing())
    assert not PUBLIC.review_due(briefing(review_by=AS_OF))
    assert PUBLIC.review_due(briefing(review_by=date(2026, 11, 25)))


PREVIEW = Edition(AS_OF, preview=True)


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (briefing(), None),
        (briefing(status="draft"), "draft"),
        (briefing(status="draft", visibility="internal"), "draft"),  # the first reason
        (briefing(publish_from=date(2026, 11, 27)), "embargoed"),
        (briefing(date=date(2026, 12, 1)), "embargoed"),
        (briefing(visibility="internal"), "internal"),
        (report(status="draft"), "draft"),
    ],
)
def test_withheld_says_why_a_published_edition_leaves_an_item_out(item, reason) -> None:
    assert PUBLIC.withheld(item) == reason
    assert PREVIEW.includes(item) is True


def test_embargo_lifts_on_the_later_of_publish_from_and_the_date() -> None:
    assert embargo_lifts(briefing()) == date(2026, 1, 1)
    assert embargo_lifts(briefing(publish_from=date(2027, 1, 1))) == date(2027, 1, 1)
    assert embargo_lifts(briefing(date=date(2027, 2, 1), publish_from=date(2027, 1, 1))) == (
        date(2027, 2, 1)
    )
    assert embargo_lifts(review()) is None


def test_the_drafts_preview_is_only_for_serve() -> None:
    env = {"HUB_AS_OF": "2026-11-26", "HUB_PREVIEW": "1"}
    assert edition_from_env("serve", env) == Edition(AS_OF, preview=True)
    with pytest.raises(EditionError) as refused:
        edition_from_env("build", env)
    assert str(refused.value) == (
        "HUB_PREVIEW=1 is only for 'hub serve --drafts': a build never includes drafts"
    )
    assert edition_from_env("build", {"HUB_AS_OF": "2026-11-26"}) == Edition(AS_OF)
