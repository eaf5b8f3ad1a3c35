"""build_interview: the whole embedded path with a stand-in checker, and the self-check."""

from __future__ import annotations

import re

import pytest
from conftest import FERRY, lexical_verify

from copydesk.config import Settings
from copydesk.errors import CheckError, GenerationError
from copydesk.generate import DEFAULT_GUEST, build_interview
from copydesk.model import Actor, Analysis, Audit, Document, Interview, Quote, Span
from copydesk.report.interview import render_interview, sentence_verdicts, transcript


def _build(analysis: Analysis, **kw) -> Interview:
    options = dict(outlet="Harbour Post", guest=None, turns=9, focus=None, llm=None, settings=Settings())
    options.update(kw)
    if "verify" not in options:
        options["verify"] = lexical_verify(analysis)
    return build_interview(analysis, **options)


def _answers(iv: Interview) -> list[str]:
    return [t.span.of(turn.text) for turn in iv.turns if turn.role == "guest" for t in turn.sentences]


def test_the_interview_has_the_seed_layout_and_an_honest_guest(ferry: Analysis) -> None:
    iv = _build(ferry)
    assert iv.title == f"Interview between Harbour Post Editor and {DEFAULT_GUEST}"
    assert iv.guest == DEFAULT_GUEST
    roles = [t.role for t in iv.turns]
    assert roles == ["editor", "guest"] * 9
    assert {t.speaker for t in iv.turns} == {"Harbour Post Editor", "Desk analyst"}
    assert "generated automatically" in iv.disclosure and iv.disclosure.endswith("Source: Alder Wire")


def test_every_answer_sentence_is_cited_and_the_citations_hold(ferry: Analysis) -> None:
    iv = _build(ferry)
    for turn in iv.turns:
        if turn.role != "guest":
            continue
        covered = 0
        for s in turn.sentences:
            assert s.citations, s.span.of(turn.text)
            for c in s.citations:
                c.check_within(FERRY)
            assert s.span.start >= covered
            covered = s.span.end
        assert " ".join(s.span.of(turn.text) for s in turn.sentences) == turn.text


def test_the_default_interview_covers_every_attribution_and_the_lead(ferry: Analysis) -> None:
    iv = _build(ferry)
    cited = [c for t in iv.turns for s in t.sentences for c in s.citations]
    for q in ferry.quotes:
        assert any(c.overlaps(q.content) for c in cited), q.content.of(FERRY)
    assert any(c.overlaps(ferry.sentences[0]) for c in cited)


def test_quotes_in_answers_are_verbatim_with_the_right_speaker(ferry: Analysis) -> None:
    iv = _build(ferry)
    flat = " ".join(FERRY.split())
    speakers = {"Nobody on this council": "Marsh", "The ferry is how": "Marsh", "If the late boat": "Kovac"}
    found = 0
    for answer in _answers(iv):
        for inner in re.findall(r"“([^”]+)”", answer):
            assert inner.rstrip(".,") in flat
            for start, name in speakers.items():
                if inner.startswith(start):
                    found += 1
                    assert name in answer
                    others = {"Marsh", "Kovac", "Petrak"} - {name}
                    assert not any(o in answer.replace(inner, "") for o in others)
    assert found == 3


def test_no_name_appears_that_the_article_lacks(ferry: Analysis) -> None:
    iv = _build(ferry)
    body = "\n".join(t.text for t in iv.turns)
    article_words = set(re.findall(r"[\w’'-]+", FERRY))
    allowed = {"What", "How", "Let's", "November", "December", "On"}
    for word in re.findall(r"\b[A-Z][\w’'-]*", body):
        assert word in article_words or word in allowed, word


def test_the_audit_is_of_the_rendered_text(ferry: Analysis) -> None:
    verify = lexical_verify(ferry)
    iv = _build(ferry, verify=verify)
    assert iv.audit is not None
    text = render_interview(iv, "text")
    assert text.startswith(iv.audit.derived.text)
    assert text == iv.audit.derived.text + "\n" + iv.disclosure + "\n"
    assert transcript(iv)[0] == verify.calls[-1]
    assert len(verify.calls) == 1  # all supported at once: one audit


@pytest.mark.parametrize("turns", [1, 3, 6])
def test_turns_sets_the_number_of_question_answer_pairs(ferry: Analysis, turns: int) -> None:
    iv = _build(ferry, turns=turns)
    assert len(iv.turns) == 2 * turns


def test_no_question_is_asked_twice(ferry: Analysis) -> None:
    for turns in (2, 5, 9, 12):
        questions = [t.text.lower() for t in _build(ferry, turns=turns).turns if t.role == "editor"]
        assert len(set(questions)) == len(questions)


def test_focus_comes_first_after_the_lead(ferry: Analysis) -> None:
    iv = _build(ferry, turns=4, focus="Bluewater contract expiry")
    assert "Bluewater" in iv.turns[3].text


def test_guest_is_a_label_only(ferry: Analysis) -> None:
    iv = _build(ferry, guest="Night\nDesk: Reader")
    assert iv.guest == "Night Desk - Reader"
    assert iv.title.endswith("and Night Desk - Reader")
    assert all("\n" not in t.speaker for t in iv.turns)


def test_an_edit_that_is_not_supported_falls_back_to_the_articles_words(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject=lambda claim: "November 7, 2024" in claim)
    iv = _build(ferry, verify=verify)
    answers = _answers(iv)
    assert "Kovac said yesterday that the association has collected 4,000 signatures." in answers
    assert not any("November 7, 2024" in a for a in answers)
    assert any("replaced 1" in w for w in iv.warnings)
    assert len(verify.calls) == 2
    assert iv.audit is not None and iv.audit.derived.text == verify.calls[-1]


def test_a_sentence_never_supported_is_dropped(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject=lambda claim: "electric boats" in claim)
    iv = _build(ferry, verify=verify)
    assert not any("electric boats" in a for a in _answers(iv))
    assert any("dropped 1 answer sentence" in w for w in iv.warnings)
    verdicts = sentence_verdicts(iv)
    assert verdicts and set(verdicts.values()) == {"supported"}


def test_an_answer_left_empty_is_replaced_from_the_reserve(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject=lambda claim: "Petrak" in claim or "petition" in claim)
    iv = _build(ferry, turns=3, verify=verify)
    assert len(iv.turns) == 6
    assert not any("Petrak" in a or "petition" in a for a in _answers(iv))


def test_a_checker_that_fails_leaves_the_interview_unverified_with_a_warning(ferry: Analysis) -> None:
    def broken(text: str) -> Audit:
        raise CheckError("the checker model is missing")

    iv = _build(ferry, verify=broken)
    assert iv.audit is None
    assert any("could not run" in w and "checker model is missing" in w for w in iv.warnings)
    assert len(iv.turns) == 18


def test_when_nothing_is_supported_generation_fails_clearly(ferry: Analysis) -> None:
    with pytest.raises(GenerationError, match="no answer sentence"):
        _build(ferry, verify=lexical_verify(ferry, reject=lambda claim: True))


@pytest.mark.parametrize(
    ("kw", "message"),
    [({"turns": 0}, "must be positive"), ({"outlet": "  "}, "outlet")],
)
def test_bad_options_raise_generation_error(ferry: Analysis, kw: dict, message: str) -> None:
    with pytest.raises(GenerationError, match=message):
        _build(ferry, **kw)


def test_an_empty_article_raises_generation_error() -> None:
    analysis = Analysis(Document(text="Hi.", id="tiny"), sentences=(Span(0, 3),))
    with pytest.raises(GenerationError, match="no sentence") as e:
        _build(analysis)
    assert "id=tiny" in str(e.value)


def test_generation_is_deterministic(ferry: Analysis) -> None:
    a, b = _build(ferry).to_dict(), _build(ferry).to_dict()
    assert a == b


def test_the_interview_round_trips_through_json(ferry: Analysis) -> None:
    iv = _build(ferry)
    assert Interview.from_dict(iv.to_dict()) == iv


def test_one_speaker_in_many_paragraphs_is_never_asked_the_same_thing_twice() -> None:
    lines = [
        f"Inspector Ada Quell said the harbour wall number {n} needs repairs before the storm season."
        for n in range(1, 9)
    ]
    text = "\n".join(lines) + "\n"
    sentences, mentions, quotes = [], [], []
    pos = 0
    for line in lines:
        sentences.append(Span(pos, pos + len(line)))
        name = Span(pos + len("Inspector "), pos + len("Inspector Ada Quell"))
        mentions.append(name)
        cue = Span(name.end + 1, name.end + 5)
        quotes.append(
            Quote(Span(cue.end + 1, pos + len(line) - 1), "indirect", name, cue, "quell", "Ada Quell")
        )
        pos += len(line) + 1
    actor = Actor("quell", "Ada Quell", "PERSON", titles=("Inspector",), mentions=tuple(mentions))
    analysis = Analysis(Document(text=text), tuple(sentences), (actor,), tuple(quotes))
    iv = _build(analysis, turns=8, verify=lexical_verify(analysis))
    questions = [t.text for t in iv.turns if t.role == "editor"]
    bags = [
        {w.lower() for w in re.findall(r"\w+", q)} - {"what", "did", "does", "the", "about", "is", "in"}
        for q in questions
    ]
    for i in range(len(bags)):
        for j in range(i):
            assert len(bags[i] & bags[j]) / len(bags[i] | bags[j]) < 0.8, (questions[i], questions[j])
    cited = {c for t in iv.turns for s in t.sentences for c in s.citations}
    assert cited == set(sentences), "every statement is still answered"


def test_a_question_whose_wording_is_not_supported_is_asked_plainly(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject_question=lambda q: "November 8" in q or "Marsh add" in q)
    iv = _build(ferry, verify=verify)
    questions = [t.text for t in iv.turns if t.role == "editor"]
    assert questions[0] == "Let's start with the main news: what happened?"
    assert "What did Marsh add?" not in questions
    assert "What else does the article report?" in questions
    assert any("replaced 2 question" in w for w in iv.warnings)
    assert len(set(questions)) == len(questions)


def test_labels_start_with_a_capital_as_transcript_readers_expect(ferry: Analysis) -> None:
    iv = _build(ferry, outlet="copydesk", guest="night desk", turns=1)
    assert iv.title == "Interview between Copydesk Editor and Night desk"
    assert [t.speaker for t in iv.turns] == ["Copydesk Editor", "Night desk"]
    assert iv.outlet == "copydesk"
