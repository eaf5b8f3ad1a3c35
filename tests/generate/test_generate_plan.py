"""Planning: units, segments, importance, --turns and --focus."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import FERRY, ferry_analysis, find

from copydesk.generate.plan import MAX_UNITS_PER_ANSWER, build_plan, build_segments, build_units, focus_terms
from copydesk.model import Actor, Analysis, Document, Quote, Span


def test_units_skip_the_credit_line_and_say_so(ferry: Analysis) -> None:
    units, warnings = build_units(ferry)
    texts = [u.span.of(FERRY) for u in units]
    assert not any("Alder Wire" in t for t in texts)
    assert any("source credit" in w for w in warnings)


def test_a_direct_quote_over_two_sentences_is_one_unit(ferry: Analysis) -> None:
    units, _ = build_units(ferry)
    quote = next(u for u in units if u.span.of(FERRY).startswith("“Nobody"))
    assert len(quote.sentences) == 2
    assert quote.span.of(FERRY).endswith("Marsh said.")
    assert quote.actor == "marsh"


def test_unit_main_actor_is_the_speaker_then_the_first_actor_named(ferry: Analysis) -> None:
    units, _ = build_units(ferry)
    by_start = {u.span.of(FERRY)[:12]: u for u in units}
    assert by_start["The Port Ald"].actor == "office"  # the attribution's speaker, not Port Alder
    assert by_start["On March 3, "].actor == "petrak"
    assert by_start["The council "].actor is None


def test_segments_have_the_lead_first_and_find_the_reaction(ferry: Analysis) -> None:
    units, _ = build_units(ferry)
    segments = build_segments(ferry, units)
    assert segments[0].kind == "lead"
    reaction = next(s for s in segments if s.units[0].span.of(FERRY).startswith("The Islanders'"))
    assert reaction.kind == "reaction"
    marsh = [s for s in segments if s.actor == "marsh"]
    assert marsh and all(s.kind == "statement" for s in marsh)
    assert max(s.importance for s in segments[1:]) < segments[0].importance


@pytest.mark.parametrize("turns", [1, 2, 3, 5, 9])
def test_plan_honours_turns(ferry: Analysis, turns: int) -> None:
    plan = build_plan(ferry, turns=turns)
    assert len(plan.items) == turns
    assert plan.items[0].kind == "lead"
    for item in plan.items:
        assert 1 <= len(item.units) <= MAX_UNITS_PER_ANSWER
    used = [u.index for it in plan.items for u in it.units]
    assert len(used) == len(set(used)), "a unit is answered twice"


def test_a_short_plan_merges_related_neighbours_before_dropping(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=5)
    merged = [it for it in plan.items if len(it.segments) > 1]
    assert merged, "related neighbours should share a question"
    covered = {u.index for it in plan.items for u in it.units}
    reserved = {u.index for it in plan.reserve for u in it.units}
    all_units = {u.index for u in plan.units}
    assert covered | reserved <= all_units
    assert not covered & reserved


def test_more_turns_than_the_article_supports_gives_a_warning(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=40)
    assert len(plan.items) < 40
    assert any("supports" in w for w in plan.warnings)


def test_focus_items_come_right_after_the_lead(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=6, focus="petition signatures")
    assert plan.items[0].kind == "lead"
    assert plan.items[1].focus
    assert "signatures" in " ".join(u.span.of(FERRY) for u in plan.items[1].units)


def test_focus_selects_what_a_short_plan_would_otherwise_drop(ferry: Analysis) -> None:
    plain = build_plan(ferry, turns=2)
    focused = build_plan(ferry, turns=2, focus="Bluewater contract expiry")
    text = lambda p: " ".join(u.span.of(FERRY) for it in p.items for u in it.units)  # noqa: E731
    assert "Bluewater" not in text(plain)
    assert "Bluewater" in text(focused)


def test_a_focus_that_matches_nothing_is_reported(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=4, focus="volcano")
    assert any("matches nothing" in w for w in plan.warnings)
    assert len(plan.items) == 4


def test_focus_terms_drop_function_words() -> None:
    assert focus_terms("What about the ferry fares?") == ("ferry", "fares")
    assert focus_terms(None) == ()


def test_an_article_without_sentences_gives_an_empty_plan() -> None:
    plan = build_plan(Analysis(Document(text="")), turns=3)
    assert plan.items == ()
    assert any("no sentence" in w for w in plan.warnings)


def test_turns_must_be_positive(ferry: Analysis) -> None:
    with pytest.raises(ValueError):
        build_plan(ferry, turns=0)


def test_an_article_without_actors_or_quotes_still_plans() -> None:
    text = (
        "Rain fell across the valley for three days.\nThe river rose above its banks on the second night.\n"
    )
    sentences = (Span(0, 43), Span(44, 95))
    plan = build_plan(Analysis(Document(text=text), sentences=sentences), turns=3)
    assert len(plan.items) == 2  # one unit each; nothing more to ask
    assert plan.items[0].kind == "lead"
    assert plan.items[1].kind == "background"


def test_plan_is_deterministic() -> None:
    a, b = build_plan(ferry_analysis(), turns=4), build_plan(ferry_analysis(), turns=4)
    assert [dataclasses.astuple(i.units[0]) for i in a.items] == [
        dataclasses.astuple(i.units[0]) for i in b.items
    ]


def test_a_speaker_far_from_its_quote_does_not_glue_sentences_together() -> None:
    text = "“We will rebuild,” the memo said. Crews came at dawn. Roads were cleared by noon. Rui Sten came."
    sentences = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text))
    sentences = tuple(Span(s.start + (text[s.start] == " "), s.end) for s in sentences)
    quote = Quote(find(text, "We will rebuild"), "direct", find(text, "Rui Sten"), find(text, "said"), "sten")
    actor = Actor("sten", "Rui Sten", "PERSON", mentions=(find(text, "Rui Sten"),))
    units, _ = build_units(Analysis(Document(text=text), sentences, (actor,), (quote,)))
    assert len(units) == 4


def test_a_quote_whose_speaker_follows_in_the_next_sentence_is_one_unit() -> None:
    text = "“The bridge stays shut until spring. Nobody crosses it.” That was the engineer Ola Brandt."
    sentences = (Span(0, 36), Span(37, 56), Span(57, len(text)))
    quote = Quote(
        find(text, "The bridge stays shut until spring. Nobody crosses it"),
        "direct",
        find(text, "Ola Brandt"),
        None,
        "brandt",
    )
    actor = Actor("brandt", "Ola Brandt", "PERSON", mentions=(find(text, "Ola Brandt"),))
    units, _ = build_units(Analysis(Document(text=text), sentences, (actor,), (quote,)))
    assert len(units) == 1 and units[0].span == Span(0, len(text))


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (
            "Ferry vote set for December.\n\nThe council will vote on the contract next month, aides said.\n",
            True,
        ),
        (
            "Ferry vote set for December.\nThe council will vote on the contract next month, aides said.\n",
            False,
        ),
        (
            "The council will vote on a new ferry contract next month after a long and bitter dispute "
            "over fares, aides said.\n\nThe vote was delayed twice.\n",
            False,
        ),
    ],
)
def test_a_short_first_line_before_a_blank_line_is_the_headline(text: str, headline: bool) -> None:
    sentences = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    units, warnings = build_units(Analysis(Document(text=text), sentences))
    assert (units[0].span == sentences[0]) is not headline
    assert any("headline" in w for w in warnings) is headline


def test_an_adjective_actor_is_never_what_a_passage_is_about() -> None:
    text = "Danish officials said the bridge will reopen in May after repairs."
    danish = Actor("dk", "Danish", "NORP", mentions=(find(text, "Danish"),))
    quote = Quote(
        find(text, "the bridge will reopen in May after repairs"),
        "indirect",
        find(text, "Danish officials"),
        find(text, "said"),
        "dk",
    )
    units, _ = build_units(Analysis(Document(text=text), (Span(0, len(text)),), (danish,), (quote,)))
    assert units[0].actor is None
