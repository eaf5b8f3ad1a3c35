"""Planning: passages chosen by relevance within a budget, grouped into answers, the seed's moves."""

from __future__ import annotations

import re

import pytest
from conftest import FERRY

from copydesk.generate.plan import MAX_ANSWER_SENTENCES, budget_for, build_plan, sentence_spans
from copydesk.model import Actor, Analysis, Document, Quote, Span


def article(lines: list[str], people: dict[str, str]) -> Analysis:
    """An analysis of one-sentence lines: ``people`` maps a surname to its actor id, and every
    "<Surname> said <content>." is that person's statement."""
    text = "\n".join(lines) + "\n"
    sentences, quotes = [], []
    mentions: dict[str, list[Span]] = {a: [] for a in people.values()}
    pos = 0
    for line in lines:
        sentences.append(Span(pos, pos + len(line)))
        for name, actor in people.items():
            for m in re.finditer(rf"\b{name}\b", line):
                mentions[actor].append(Span(pos + m.start(), pos + m.end()))
            m = re.search(rf"\b{name} said (.+)\.$", line)
            if m:
                speaker = Span(pos + m.start(), pos + m.start() + len(name))
                cue = Span(speaker.end + 1, speaker.end + 5)
                quotes.append(
                    Quote(Span(pos + m.start(1), pos + m.end(1)), "indirect", speaker, cue, actor, name)
                )
        pos += len(line) + 1
    actors = tuple(Actor(a, n, "PERSON", mentions=tuple(mentions[a])) for n, a in people.items())
    return Analysis(
        Document(text=text), tuple(sentences), actors, tuple(sorted(quotes, key=lambda q: q.content))
    )


def test_the_budget_is_a_share_of_a_long_article_and_all_of_a_short_one() -> None:
    assert budget_for(100, 9, share=0.6, minimum=24) == 36  # capped by 9 answers of 4
    assert budget_for(100, 20, share=0.6, minimum=24) == 60
    assert budget_for(15, 9, share=0.6, minimum=24) == 15
    assert budget_for(30, 9, share=0.6, minimum=24) == 24


def test_a_long_article_is_not_republished() -> None:
    lines = [f"The harbour report lists repair number {n} for the old quay." for n in range(1, 61)]
    plan = build_plan(article(lines, {}), turns=30)
    used = sentence_spans(plan.items)
    assert len(used) <= 0.6 * 60
    assert len(plan.reserve) + len({u.index for it in plan.items for u in it.units}) == 60


def test_statements_are_chosen_over_earlier_background() -> None:
    lines = [
        "The council met on Monday to discuss the ferry.",
        *[f"The old ferry number {n} was built in the harbour yard." for n in range(1, 30)],
        "Marsh said the new ferry would run on electricity.",
        "Kovac said the islanders would fight the plan.",
    ]
    plan = build_plan(article(lines, {"Marsh": "marsh", "Kovac": "kovac"}), turns=3, share=0.3, minimum=6)
    chosen = {u.index for it in plan.items for u in it.units}
    assert 0 in chosen, "the lead"
    assert {30, 31} <= chosen, "both statements, though they come last"


@pytest.mark.parametrize("turns", [1, 2, 3, 5, 9])
def test_plan_honours_turns(ferry: Analysis, turns: int) -> None:
    plan = build_plan(ferry, turns=turns)
    assert 1 <= len(plan.items) <= turns
    assert plan.items[0].kind == "lead"


def test_answers_hold_two_to_four_sentences_when_they_can(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=9)
    sizes = [it.size for it in plan.items]
    assert max(sizes) <= MAX_ANSWER_SENTENCES
    assert sorted(sizes)[len(sizes) // 2] >= 2


def test_a_passage_is_never_planned_without_the_one_it_leans_on(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=2)
    for it in plan.items:
        indices = [u.index for u in it.units]
        for u in it.units:
            if u.needs_previous:
                before = u.index - 1
                assert (
                    before in indices
                    or (it.opener is not None and it.opener.index == before)
                    or any(other.units[-1].index == before for other in plan.items)
                )


def test_a_reaction_to_a_passage_of_another_actor_follows_it() -> None:
    lines = [
        "The ministry announced new ferry fares on Monday.",
        "Kovac said the fares were a good start for the islands.",
        "Marsh said the islands would pay more than the city.",
        "Petrak rejected them, saying they would empty the islands.",
        "The ferry has run since 1962.",
    ]
    analysis = article(lines, {"Kovac": "kovac", "Marsh": "marsh", "Petrak": "petrak"})
    analysis = Analysis(
        analysis.document,
        analysis.sentences,
        analysis.actors,
        (
            *analysis.quotes,
            Quote(
                Span(
                    analysis.document.text.index("they would empty"),
                    analysis.document.text.index(" the islands.\nThe"),
                ),
                "indirect",
                analysis.actors[2].mentions[0],
                None,
                "petrak",
                "Petrak",
            ),
        ),
    )
    plan = build_plan(analysis, turns=9)
    reaction = next(
        it
        for it in plan.items
        if any("Petrak rejected" in u.span.of(analysis.document.text) for u in it.units)
    )
    k = plan.items.index(reaction)
    assert reaction.kind == "reaction"
    before = plan.items[k - 1]
    assert reaction.opener is not None or before.units[-1].index == reaction.units[0].index - 1


def test_what_remains_open_closes_the_interview() -> None:
    lines = [
        "The council approved the new ferry contract on Tuesday.",
        "Marsh said the first boat would sail in June.",
        "Kovac said the islanders welcomed the vote.",
        "The operator declined to comment.",
        "The ferry has run since 1962 and carries 400 people a day.",
    ]
    plan = build_plan(article(lines, {"Marsh": "marsh", "Kovac": "kovac"}), turns=9, minimum=24)
    assert any(u.open for u in plan.items[-1].units)


def test_focus_items_come_right_after_the_lead(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=4, focus="petition signatures")
    assert plan.items[0].kind == "lead"
    assert plan.items[1].focus > 0


def test_a_focus_that_matches_nothing_is_reported(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=4, focus="volcanoes")
    assert any("matches nothing" in w for w in plan.warnings)


def test_an_article_without_sentences_gives_an_empty_plan() -> None:
    plan = build_plan(Analysis(Document(text="Hi.")), turns=3)
    assert plan.items == () and plan.warnings


def test_turns_must_be_positive(ferry: Analysis) -> None:
    with pytest.raises(ValueError):
        build_plan(ferry, turns=0)


def test_plan_is_deterministic(ferry: Analysis) -> None:
    assert build_plan(ferry, turns=5) == build_plan(ferry, turns=5)


def test_every_planned_sentence_is_the_articles(ferry: Analysis) -> None:
    plan = build_plan(ferry, turns=9)
    for s in sentence_spans(plan.items):
        assert s.of(FERRY).strip()
