"""build_interview: the whole embedded path with a stand-in checker, and the self-check."""

from __future__ import annotations

import re

import pytest
from conftest import FERRY, find, lexical_verify, with_references

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


def _questions(iv: Interview) -> list[str]:
    return [t.text for t in iv.turns if t.role == "editor"]


def test_the_interview_has_the_seed_layout_and_an_honest_guest(ferry: Analysis) -> None:
    iv = _build(ferry)
    assert iv.title == f"Interview between Harbour Post Editor and {DEFAULT_GUEST}"
    assert iv.guest == DEFAULT_GUEST
    roles = [t.role for t in iv.turns]
    assert roles == ["editor", "guest"] * (len(roles) // 2)
    assert all(t.speaker == "Harbour Post Editor" for t in iv.turns if t.role == "editor")
    assert all(t.speaker == "Desk analyst" for t in iv.turns if t.role == "guest")


def test_every_answer_sentence_is_an_article_sentence_or_a_marked_edit_of_one(ferry: Analysis) -> None:
    iv = _build(ferry)
    sentences = {" ".join(s.of(FERRY).split()) for s in ferry.sentences}
    for turn in iv.turns:
        if turn.role != "guest":
            continue
        for s in turn.sentences:
            text = s.span.of(turn.text)
            assert s.citations
            assert all(0 <= c.start < c.end <= len(FERRY) for c in s.citations)
            if s.edits:
                assert text not in sentences
                for e in s.edits:
                    assert e.text in text and e.source.of(FERRY) not in text.replace(e.text, "")
            else:
                assert text in sentences


def test_answers_are_two_to_four_sentences_and_keep_quotes_whole(ferry: Analysis) -> None:
    iv = _build(ferry)
    lengths = [len(t.sentences) for t in iv.turns if t.role == "guest"]
    assert sorted(lengths)[len(lengths) // 2] >= 2
    assert max(lengths) <= 4
    answers = " ".join(t.text for t in iv.turns if t.role == "guest")
    quote = (
        "“Nobody on this council wants higher fares. "
        "We are asking the operator to hold prices for two years,”"
    )
    assert quote in answers, "the two-sentence quotation stays together"
    for turn in iv.turns:
        if turn.role == "guest":
            assert turn.text.count("“") == turn.text.count("”"), turn.text


def test_the_lead_comes_first(ferry: Analysis) -> None:
    iv = _build(ferry)
    assert iv.turns[1].text.startswith("The Port Alder council will vote")
    assert iv.turns[0].text.startswith("Let's start with the main news: ")


def test_questions_name_only_speakers_and_subjects_of_their_answer(ferry: Analysis) -> None:
    iv = _build(ferry)
    names = {"Marsh": "marsh", "Petrak": "petrak", "Kovac": "kovac", "Islanders' Association": "assoc"}
    for q, a in zip(iv.turns[0::2], iv.turns[1::2], strict=True):
        for name in names:
            if name in q.text:
                assert name in a.text or any(
                    name.split()[-1] in c.of(FERRY) for s in a.sentences for c in s.citations
                )


def test_no_name_appears_that_the_article_lacks(ferry: Analysis) -> None:
    iv = _build(ferry)
    body = "\n".join(t.text for t in iv.turns)
    allowed = {"Let's", "What", "How", "Why", "On", "In", "December", "November"}
    for word in re.findall(r"\b[A-Z][\w’'-]*", body):
        assert word in FERRY or word in allowed, word


def test_the_audit_is_of_the_rendered_text(ferry: Analysis) -> None:
    verify = lexical_verify(ferry)
    iv = _build(ferry, verify=verify)
    assert iv.audit is not None
    text, _ = transcript(iv)
    assert iv.audit.derived.text == text == verify.calls[-1]
    assert render_interview(iv, "text").startswith(text + "\n")


@pytest.mark.parametrize("turns", [1, 3, 6])
def test_turns_is_the_most_question_answer_pairs(ferry: Analysis, turns: int) -> None:
    iv = _build(ferry, turns=turns)
    assert 1 <= len(iv.turns) // 2 <= turns


def test_no_question_is_asked_twice(ferry: Analysis) -> None:
    questions = _questions(_build(ferry))
    assert len(set(questions)) == len(questions)


def test_focus_comes_first_after_the_lead(ferry: Analysis) -> None:
    iv = _build(ferry, turns=4, focus="petition signatures")
    assert "signatures" in iv.turns[3].text


def test_guest_is_a_label_only(ferry: Analysis) -> None:
    iv = _build(ferry, guest="Guest: our ferry correspondent")
    assert iv.guest == "Guest - our ferry correspondent"
    assert all(t.speaker == "Guest - our ferry correspondent" for t in iv.turns if t.role == "guest")


def test_an_edit_that_is_not_supported_falls_back_to_the_articles_words(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject=lambda claim: "November 7, 2024" in claim)
    iv = _build(ferry, verify=verify)
    answers = _answers(iv)
    assert "Kovac said yesterday that the association has collected 4,000 signatures." in answers
    assert not any("November 7, 2024" in a for a in answers)
    assert any("replaced 1" in w for w in iv.warnings)
    assert iv.audit is not None and iv.audit.derived.text == verify.calls[-1]


def test_a_passage_never_supported_is_dropped_whole_with_what_leans_on_it(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject=lambda claim: "We are asking the operator" in claim)
    iv = _build(ferry, verify=verify)
    answers = " ".join(_answers(iv))
    assert "Nobody on this council" not in answers, "the quotation is dropped whole, not cut"
    assert "she added" not in answers, "the sentence that leans on it goes too"
    verdicts = sentence_verdicts(iv)
    assert verdicts and set(verdicts.values()) == {"supported"}
    assert any("dropped" in w for w in iv.warnings)


def test_questions_are_asked_again_from_the_answer_the_self_check_left(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject=lambda claim: "Petrak" in claim)
    iv = _build(ferry, verify=verify)
    for q, a in zip(iv.turns[0::2], iv.turns[1::2], strict=True):
        if "Petrak" in q.text:
            assert "Petrak" in a.text
    assert not any("Petrak" in a for a in _answers(iv))


def test_a_checker_that_fails_leaves_the_interview_unverified_with_a_warning(ferry: Analysis) -> None:
    def broken(text: str) -> Audit:
        raise CheckError("the checker model is missing")

    iv = _build(ferry, verify=broken)
    assert iv.audit is None
    assert any("could not run" in w and "checker model is missing" in w for w in iv.warnings)
    assert iv.turns
    assert "not run" in render_interview(iv, "md")


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
    assert _build(ferry).to_dict() == _build(ferry).to_dict()


def test_the_interview_round_trips_through_json(ferry: Analysis) -> None:
    iv = _build(ferry)
    assert Interview.from_dict(iv.to_dict()) == iv


def _one_speaker(lines: list[str], title: str, name: str, actor_id: str) -> tuple[Analysis, list[Span]]:
    """An analysis of one-sentence lines, each "<title> <name> said <content>."."""
    text = "\n".join(lines) + "\n"
    sentences, mentions, quotes = [], [], []
    pos = 0
    for line in lines:
        sentences.append(Span(pos, pos + len(line)))
        at = Span(pos + len(title) + 1, pos + len(title) + 1 + len(name))
        mentions.append(at)
        cue = Span(at.end + 1, at.end + 5)
        quotes.append(Quote(Span(cue.end + 1, pos + len(line) - 1), "indirect", at, cue, actor_id, name))
        pos += len(line) + 1
    actor = Actor(actor_id, name, "PERSON", titles=(title,), mentions=tuple(mentions))
    return Analysis(Document(text=text), tuple(sentences), (actor,), tuple(quotes)), sentences


def test_one_speaker_in_many_paragraphs_is_never_asked_the_same_thing_twice() -> None:
    lines = [
        f"Inspector Ada Quell said the harbour wall number {n} needs repairs before the storm season."
        for n in range(1, 9)
    ]
    analysis, _ = _one_speaker(lines, "Inspector", "Ada Quell", "quell")
    iv = _build(analysis, turns=8, verify=lexical_verify(analysis))
    questions = _questions(iv)
    bags = [
        {w.lower() for w in re.findall(r"\w+", q)} - {"what", "did", "does", "the", "about", "is", "in"}
        for q in questions
    ]
    for i in range(len(bags)):
        for j in range(i):
            assert len(bags[i] & bags[j]) / len(bags[i] | bags[j]) < 0.8, (questions[i], questions[j])


def test_a_question_whose_wording_is_not_supported_is_asked_another_way(ferry: Analysis) -> None:
    verify = lexical_verify(ferry, reject_question=lambda q: "November 8" in q)
    iv = _build(ferry, verify=verify)
    questions = _questions(iv)
    assert not any("November 8" in q for q in questions)
    assert questions[0].startswith("Let's start with the main news: what did the city transport office say")
    assert any("asked 1 question" in w for w in iv.warnings)
    assert len(set(questions)) == len(questions)


def test_at_most_one_question_has_no_content(ferry: Analysis) -> None:
    iv = _build(ferry)
    generic = {"What is the background?", "What else does the article report?", "What remains open?"}
    assert sum(q in generic for q in _questions(iv)) <= 1


def test_labels_start_with_a_capital_as_transcript_readers_expect(ferry: Analysis) -> None:
    iv = _build(ferry, outlet="copydesk", guest="night desk", turns=1)
    assert iv.title == "Interview between Copydesk Editor and Night desk"
    assert [t.speaker for t in iv.turns] == ["Copydesk Editor", "Night desk"]
    assert iv.outlet == "copydesk"


def test_the_reader_is_told_what_was_left_out() -> None:
    lines = [
        f"Councillor Ada Quell said the agenda item {n} would be decided next year." for n in range(1, 41)
    ]
    analysis, sentences = _one_speaker(lines, "Councillor", "Ada Quell", "quell")
    iv = _build(analysis, turns=20, verify=lexical_verify(analysis))
    used = {c for t in iv.turns for s in t.sentences for c in s.citations}
    assert len(used) <= 0.6 * len(sentences)
    assert len(iv.left_out) == len(sentences) - len(used)
    assert any("uses 24 of the article's 40 sentences" in n and "Ada Quell" in n for n in iv.notes)
    assert iv.notes[0] in render_interview(iv, "text")


def test_a_pronoun_is_named_only_as_the_analyser_resolved_it(ferry: Analysis) -> None:
    """The analyser's actor mentions link the "she" of "she told the Alder Gazette" to Kovac;
    without ``Analysis.references`` the answer keeps "she"; with them it names her, marks the
    edit, and cites the sentence that names her."""
    plain = _build(ferry)
    assert (
        "“If the late boat goes, the night nurses cannot get home,” she told the Alder Gazette."
        in _answers(plain)
    )
    she = find(FERRY, "she", after="get home,”")
    resolved = with_references(ferry, [(she, "kovac")])
    iv = _build(resolved)
    edited = [s for t in iv.turns for s in t.sentences if s.edits]
    texts = _answers(iv)
    assert "“If the late boat goes, the night nurses cannot get home,” Kovac told the Alder Gazette." in texts
    edit = next(e for s in edited for e in s.edits if e.kind == "pronoun")
    assert edit.source == she and edit.text == "Kovac"
    sentence = next(s for s in edited if any(e.source == she for e in s.edits))
    assert any("Kovac said" in c.of(FERRY) for c in sentence.citations)


def test_a_named_pronoun_the_checker_rejects_falls_back_only_after_its_antecedent(ferry: Analysis) -> None:
    she = find(FERRY, "she", after="work,”")
    resolved = with_references(ferry, [(she, "marsh")])
    iv = _build(resolved, verify=lexical_verify(resolved, reject=lambda c: "Marsh added" in c))
    for turn in iv.turns:
        if "she added" in turn.text:
            before = turn.text[: turn.text.index("she added")]
            assert "Marsh said." in before, "'she added' stays right after the sentence naming her"
