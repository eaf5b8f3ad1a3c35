"""Questions built from what their answer contains, and the strict speaker check on them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import FERRY, find, with_references

from copydesk.generate.ask import Asker
from copydesk.generate.names import Namer
from copydesk.generate.speakers import actor_names, framed_as_speaker, question_problems
from copydesk.generate.units import Unit, build_units
from copydesk.generate.verbs import base_form, past_form_base
from copydesk.model import Actor, Analysis, DateMention, Document, Quote, Span


def _lines(text: str) -> tuple[Span, ...]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return tuple(out)


def _ask(analysis: Analysis, needle: str, kind: str = "position", **kw) -> str | None:
    units, _ = build_units(analysis)
    chosen = [u for u in units if needle in u.span.of(analysis.document.text)]
    asker = Asker(analysis, Namer(analysis))
    q = asker.ask(kind, chosen, opening=False, **kw)
    return q.text if q else None


def _units(analysis: Analysis, needle: str) -> list[Unit]:
    units, _ = build_units(analysis)
    return [u for u in units if needle in u.span.of(analysis.document.text)]


def test_speaker_and_cue_with_the_recipient(ferry: Analysis) -> None:
    assert _ask(ferry, "Petrak told reporters") == "What did Mayor Ivo Petrak tell reporters?"


def test_speaker_cue_and_topic_of_the_statement(ferry: Analysis) -> None:
    assert _ask(ferry, "Kovac said yesterday") == (
        "What did the chair Nadia Kovac say about the association on November 7, 2024?"
    )


def test_a_reason_the_answer_states_makes_a_why_question(ferry: Analysis) -> None:
    q = _ask(ferry, "rejected the conditions", kind="reaction", follows=True)
    assert q == "Why did the Islanders' Association reject the conditions?"


def test_without_a_reason_a_reaction_is_a_how_question() -> None:
    text = (
        "Mayor Ivo Petrak set out new ferry fares.\n"
        "The Islanders' Association rejected the new fares on Monday.\n"
    )
    assoc = Actor("assoc", "Islanders' Association", "ORG", mentions=(find(text, "Islanders' Association"),))
    petrak = Actor("petrak", "Ivo Petrak", "PERSON", titles=("Mayor",), mentions=(find(text, "Ivo Petrak"),))
    quote = Quote(
        find(text, "the new fares", after="rejected"),
        "indirect",
        find(text, "The Islanders' Association"),
        find(text, "rejected"),
        "assoc",
        "Islanders' Association",
    )
    analysis = Analysis(Document(text=text), _lines(text), (petrak, assoc), (quote,))
    assert (
        _ask(analysis, "rejected", kind="reaction", follows=True)
        == "How did the Islanders' Association respond?"
    )


def test_how_much_did_the_committee_raise() -> None:
    text = "The Harbour Committee raised 2.1 million euros in October, its treasurer said.\n"
    committee = Actor("c", "Harbour Committee", "ORG", mentions=(find(text, "Harbour Committee"),))
    october = DateMention(find(text, "October"), "2024-10")
    analysis = Analysis(
        Document(text=text, published=dt.date(2024, 11, 8)), _lines(text), (committee,), dates=(october,)
    )
    assert _ask(analysis, "raised") == "How much did the Harbour Committee raise in October?"


def test_terms_when_the_analyser_resolves_the_possessive_to_the_speaker() -> None:
    text = "Mayor Ivo Petrak on June 14 laid out his terms for the new contract: two electric boats.\n"
    petrak = Actor("petrak", "Ivo Petrak", "PERSON", titles=("Mayor",), mentions=(find(text, "Ivo Petrak"),))
    quote = Quote(
        find(text, "two electric boats"),
        "indirect",
        find(text, "Mayor Ivo Petrak"),
        find(text, "laid out"),
        "petrak",
        "Ivo Petrak",
    )
    june = DateMention(find(text, "June 14"), "2024-06-14")
    analysis = Analysis(Document(text=text), _lines(text), (petrak,), (quote,), (june,))
    assert _ask(analysis, "laid out") == "What did Mayor Ivo Petrak lay out on June 14?"
    resolved = with_references(analysis, [(find(text, "his"), "petrak")])
    assert (
        _ask(resolved, "laid out") == "What are Mayor Ivo Petrak’s terms for the new contract?"
        or _ask(resolved, "laid out") == "What are Mayor Ivo Petrak's terms for the new contract?"
    )


def test_a_second_speaker_in_the_answer_is_asked_about_too(ferry: Analysis) -> None:
    units, _ = build_units(ferry)
    chosen = [u for u in units if "Kovac said" in u.span.of(FERRY) or "Petrak told" in u.span.of(FERRY)]
    q = Asker(ferry, Namer(ferry)).ask("position", chosen, opening=False)
    assert q is not None and ", and what did Mayor Ivo Petrak say?" in q.text


def test_the_lead_question_opens_the_interview(ferry: Analysis) -> None:
    units, _ = build_units(ferry)
    q = Asker(ferry, Namer(ferry)).ask("lead", [units[0]], opening=True)
    assert q is not None
    assert q.text.startswith("Let's start with the main news: what did the city transport office say")


def test_at_most_one_question_has_no_content() -> None:
    text = "It rained on the island.\nThe sea was rough.\nThe wind blew all night.\n"
    analysis = Analysis(Document(text=text), _lines(text))
    units, _ = build_units(analysis)
    asker = Asker(analysis, Namer(analysis))
    questions = [asker.ask("context", [u], opening=False) for u in units]
    free = [q for q in questions if q is not None and q.content_free]
    assert len(free) <= 1
    assert [q.text for q in questions if q is not None and not q.content_free] == [
        "What do we know about the sea?",
        "What do we know about the wind?",
    ]


def test_a_question_is_never_asked_twice(ferry: Analysis) -> None:
    asker = Asker(ferry, Namer(ferry))
    units = _units(ferry, "Petrak told")
    first = asker.ask("position", units, opening=False)
    second = asker.ask("position", units, opening=False)
    assert first is not None and (second is None or second.text != first.text)


def test_questions_use_only_the_articles_words(ferry: Analysis) -> None:
    units, _ = build_units(ferry)
    asker = Asker(ferry, Namer(ferry))
    for u in units:
        q = asker.ask("position", [u], opening=False)
        if q is None:
            continue
        for word in re.findall(r"\b[A-Z][\w’'-]*", q.text):
            assert word in FERRY or word in {"What", "How", "Why", "November", "December"}, (word, q.text)


# ----------------------------------------------------------------------- speaker check


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("What did Marsh say about the ferry?", "is asked about as a speaker but says nothing"),
        ("What did Lena Marsh Tells reporters?", "is not a name the article gives"),
        ("What do we know about Bluewater Lines?", "is not in the answer"),
        ("What did Mayor Ivo Petrak tell reporters?", None),
        ("What do we know about Petrak?", None),
    ],
)
def test_the_speaker_check_on_questions(ferry: Analysis, question: str, problem: str | None) -> None:
    units = _units(ferry, "Petrak told")
    answer = units[0].span.of(FERRY)
    problems = question_problems(ferry, question, units, answer, actor_names(ferry))
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("question", "name", "framed"),
    [
        ("What did Marsh say?", "Marsh", True),
        ("How did Marsh respond?", "Marsh", True),
        ("What are Marsh's terms?", "Marsh", True),
        ("What happened, according to Marsh?", "Marsh", True),
        ("What do we know about Marsh?", "Marsh", False),
        ("How much did Marsh raise?", "Marsh", False),
    ],
)
def test_framed_as_speaker(question: str, name: str, framed: bool) -> None:
    at = Span(question.index(name), question.index(name) + len(name))
    assert framed_as_speaker(question, at) is framed


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("raised", "raise"),
        ("laid", "lay"),
        ("planned", "plan"),
        ("hoped", "hope"),
        ("visited", "visit"),
        ("denies", "deny"),
        ("told", "tell"),
        ("collected", "collect"),
        ("news", None),
    ],
)
def test_verb_base_forms(word: str, base: str | None) -> None:
    assert base_form(word) == base


def test_a_base_or_present_form_is_not_read_as_a_past_form() -> None:
    assert past_form_base("raise") is None and past_form_base("cut") is None
    assert past_form_base("rejected") == "reject"
