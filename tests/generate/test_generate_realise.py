"""Realisation: answer sentences (quotes, pronoun -> name, relative -> absolute dates) and questions."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import FERRY, find

from copydesk.generate.plan import PlanItem, Segment, Unit, build_plan, build_units
from copydesk.generate.realise import Namer, Realiser, _date_edit, absolute_date, quoted_regions
from copydesk.model import Actor, Analysis, DateMention, Document, Quote, Span


def _unit(analysis: Analysis, starts: str):
    units, _ = build_units(analysis)
    return next(u for u in units if u.span.of(FERRY).startswith(starts))


def test_a_direct_quote_is_restated_verbatim_with_its_speaker_named(ferry: Analysis) -> None:
    variants = Realiser(ferry).realise_unit(_unit(ferry, "“Nobody"))
    assert variants[0].text == (
        "“Nobody on this council wants higher fares. "
        "We are asking the operator to hold prices for two years,” Marsh said."
    )
    assert variants[-1].text == _unit(ferry, "“Nobody").span.of(FERRY)  # the article's own words last


def test_a_pronoun_speaker_becomes_the_name(ferry: Analysis) -> None:
    variants = Realiser(ferry).realise_unit(_unit(ferry, "“The ferry"))
    assert variants[0].text == "“The ferry is how the islands get to school and to work,” Marsh added."
    # the name comes from an earlier sentence, which is cited too
    cited = " ".join(c.of(FERRY) for c in variants[0].citations)
    assert "she added" in cited and "Marsh said" in cited


def test_a_pronoun_speaker_keeps_the_rest_of_the_frame(ferry: Analysis) -> None:
    variants = Realiser(ferry).realise_unit(_unit(ferry, "“If the late"))
    texts = [v.text for v in variants]
    assert "“If the late boat goes, the night nurses cannot get home,” Kovac told the Alder Gazette." in texts


@pytest.mark.parametrize(
    ("starts", "expected"),
    [
        ("Kovac said", "Kovac said on November 7, 2024 that the association has collected 4,000 signatures."),
        (
            "The Port Alder",
            "The Port Alder council will vote on a new ferry contract in December 2024, "
            "the city transport office said on November 8, 2024.",
        ),
    ],
)
def test_relative_dates_become_absolute(ferry: Analysis, starts: str, expected: str) -> None:
    variants = Realiser(ferry).realise_unit(_unit(ferry, starts))
    assert variants[0].text == expected
    assert len(variants) == 2  # edited, then verbatim


def test_absolute_dates_stay_as_written(ferry: Analysis) -> None:
    variants = Realiser(ferry).realise_unit(_unit(ferry, "On March 3"))
    assert [v.text for v in variants] == [_unit(ferry, "On March 3").span.of(FERRY)]


def test_every_variant_cites_the_units_sentences(ferry: Analysis) -> None:
    realiser = Realiser(ferry)
    for unit in build_units(ferry)[0]:
        for v in realiser.realise_unit(unit):
            assert set(unit.sentences) <= set(v.citations)
            assert v.unit == unit.index


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-07", ("November 7, 2024", "on")),
        ("2022-02", ("February 2022", "in")),
        ("2021", ("2021", "in")),
        ("2024-10-01/2024-10-31", None),
        (None, None),
        ("2024-13-01", None),
    ],
)
def test_absolute_date(value: str | None, expected: tuple[str, str] | None) -> None:
    assert absolute_date(value) == expected


@pytest.mark.parametrize(
    ("text", "surface", "value", "expected"),
    [
        ("She spoke yesterday in Rome.", "yesterday", "2024-11-07", "on November 7, 2024"),
        ("Prices rose since yesterday.", "yesterday", "2024-11-07", "November 7, 2024"),
        ("He left on Tuesday for talks.", "on Tuesday", "2024-11-05", "on November 5, 2024"),
        ("He left on Tuesday for talks.", "Tuesday", "2024-11-05", "November 5, 2024"),
        ("It was denied last month by aides.", "last month", "2024-10", "in October 2024"),
        ("It was denied last week by aides.", "last week", "2024-10-28/2024-11-03", None),
        ("The talks of yesterday’s summit ended.", "yesterday", "2024-11-07", None),
        ("The vote was on June 14 in the hall.", "June 14", "2024-06-14", None),
        ("He spoke yesterday to us.", "yesterday", None, None),
    ],
)
def test_date_edit(text: str, surface: str, value: str | None, expected: str | None) -> None:
    assert _date_edit(text, DateMention(find(text, surface), value)) == expected


def test_quoted_regions_pair_curly_marks_and_run_open_quotes_to_the_end() -> None:
    text = "“One,” he said, “and two.” Then “three"
    regions = quoted_regions(text, Span(0, len(text)))
    assert [r.of(text) for r in regions] == ["“One,”", "“and two.”", "“three"]


def test_words_inside_quotes_are_never_edited() -> None:
    text = "“He will go today,” he said."
    doc = Document(text=text)
    actor = Actor(
        "a", "Ana Roe", "PERSON", mentions=(Span(0, 0 + 0) if False else find(text, "he", after="”"),)
    )
    analysis = Analysis(
        doc,
        sentences=(Span(0, len(text)),),
        actors=(actor,),
        quotes=(
            Quote(
                find(text, "He will go today"), "direct", find(text, "he", after="”"), find(text, "said"), "a"
            ),
        ),
        dates=(DateMention(find(text, "today"), "2024-11-08"),),
    )
    units, _ = build_units(analysis)
    texts = [v.text for v in Realiser(analysis).realise_unit(units[0])]
    assert all("“He will go today" in t for t in texts)


def test_namer_uses_the_articles_words(ferry: Analysis) -> None:
    namer = Namer(ferry)
    assert namer.full("marsh") == "Transport director Lena Marsh"
    assert namer.short("marsh") == "Marsh"
    assert namer.full("kovac") == "the chair Nadia Kovac"
    assert namer.name("office") == "the city transport office"
    assert namer.name("assoc") == "the Islanders' Association"
    assert namer.short("alder") == "Port Alder"


def test_a_title_the_article_does_not_contain_is_not_used(ferry: Analysis) -> None:
    actors = tuple(
        Actor(a.id, a.name, a.type, a.aliases, ("Chief Admiral",), a.mentions) if a.id == "marsh" else a
        for a in ferry.actors
    )
    analysis = Analysis(ferry.document, ferry.sentences, actors, ferry.quotes, ferry.dates)
    assert Namer(analysis).full("marsh") == "Lena Marsh"


def _questions(analysis: Analysis, turns: int) -> list[str]:
    realiser = Realiser(analysis)
    plan = build_plan(analysis, turns=turns)
    return [realiser.ask(item, opening=n == 0) for n, item in enumerate(plan.items)]


@pytest.mark.parametrize("turns", [2, 4, 9])
def test_questions_are_distinct_and_well_formed(ferry: Analysis, turns: int) -> None:
    questions = _questions(ferry, turns)
    assert len(set(questions)) == len(questions)
    for q in questions:
        assert q[0].isupper() and q.endswith("?") and q.count("?") == 1
        assert "  " not in q and "@" not in q and "None" not in q
        assert not re.search(r"\b(\w+) \1\b", q), q


def test_questions_name_people_with_title_first_and_short_name_after(ferry: Analysis) -> None:
    questions = _questions(ferry, 9)
    assert (
        questions[0]
        == "Let's start with the main news: what did the city transport office say on November 8, 2024?"
    )
    assert "What did Transport director Lena Marsh say?" in questions
    assert "What did Marsh add?" in questions
    assert "How did the Islanders' Association respond?" in questions
    assert "What did Petrak tell reporters?" in questions


def test_question_words_come_from_the_article(ferry: Analysis) -> None:
    allowed = set(re.findall(r"[A-Z][\w’'-]*", FERRY)) | {"What", "How", "Let's", "November", "December"}
    for q in _questions(ferry, 9):
        for name in re.findall(r"[A-Z][\w’'-]*", q):
            assert name in allowed, (name, q)


def test_fallbacks_keep_the_speaker_named_as_long_as_possible(ferry: Analysis) -> None:
    texts = [v.text for v in Realiser(ferry).realise_unit(_unit(ferry, "“The ferry"))]
    assert texts == [
        "“The ferry is how the islands get to school and to work,” Marsh added.",
        "“The ferry is how the islands get to school and to work,” she added.",
    ]


def test_fallbacks_drop_the_date_edit_before_the_name() -> None:
    text = "Ana Roe runs the ferry company in the north. “We will sail,” she said yesterday."
    she = find(text, "she")
    analysis = Analysis(
        Document(text=text),
        sentences=(Span(0, 44), Span(45, len(text))),
        actors=(Actor("roe", "Ana Roe", "PERSON", mentions=(find(text, "Ana Roe"), she)),),
        quotes=(Quote(find(text, "We will sail"), "direct", she, find(text, "said"), "roe"),),
        dates=(DateMention(find(text, "yesterday"), "2024-11-07"),),
    )
    units, _ = build_units(analysis)
    texts = [v.text for v in Realiser(analysis).realise_unit(units[1])]
    assert texts == [
        "“We will sail,” Ana Roe said on November 7, 2024.",
        "“We will sail,” Ana Roe said yesterday.",
        "“We will sail,” she said yesterday.",
    ]


def test_a_pronoun_after_a_leading_conjunction_becomes_the_name() -> None:
    text = "Ana Roe spoke at the quay on Monday. And she added that her own boat “has a new engine.”"
    she = find(text, "she")
    analysis = Analysis(
        Document(text=text),
        sentences=(Span(0, 36), Span(37, len(text))),
        actors=(Actor("roe", "Ana Roe", "PERSON", mentions=(find(text, "Ana Roe"), she)),),
        quotes=(Quote(find(text, "has a new engine."), "mixed", she, find(text, "added"), "roe"),),
    )
    units, _ = build_units(analysis)
    texts = [v.text for v in Realiser(analysis).realise_unit(units[1])]
    assert texts[0] == "And Ana Roe added that her own boat “has a new engine.”"


def test_a_pronoun_linked_to_someone_not_named_nearby_is_left_alone(ferry: Analysis) -> None:
    # A coreference slip: "she told the Alder Gazette" linked to Petrak, last named two paragraphs up.
    quotes = tuple(
        dataclasses.replace(q, actor="petrak", name="Ivo Petrak")
        if q.cue and q.cue.of(FERRY) == "told" and q.speaker and q.speaker.of(FERRY) == "she"
        else q
        for q in ferry.quotes
    )
    analysis = dataclasses.replace(ferry, quotes=quotes)
    unit = _unit(analysis, "“If the late")
    texts = [v.text for v in Realiser(analysis).realise_unit(unit)]
    assert texts == ["“If the late boat goes, the night nurses cannot get home,” she told the Alder Gazette."]
    assert unit.actor != "petrak"


def test_a_background_question_names_only_an_actor_its_answer_names() -> None:
    text = "Ana Roe runs the ferry company in the north. The old boats go for scrap next year."
    analysis = Analysis(
        Document(text=text),
        sentences=(Span(0, 44), Span(45, len(text))),
        actors=(Actor("roe", "Ana Roe", "PERSON", mentions=(find(text, "Ana Roe"),)),),
    )
    units, _ = build_units(analysis)

    def ask(unit: Unit) -> str:
        item = PlanItem((Segment("background", (unit,), "roe", 0.5),))
        return Realiser(analysis).ask(item, opening=False) or ""

    assert ask(units[0]) == "What does the article report about Ana Roe?"
    # a continuation keeps its segment's actor without naming it
    assert "Roe" not in ask(units[1])
