"""The audit engine on original fixtures, with hand-built analyses and lexical model stand-ins."""

from __future__ import annotations

import dataclasses
import pathlib

import pytest

from copydesk.check import ClaimSignals, audit, verdict
from copydesk.check.verdict import (
    CONTRADICTION_THRESHOLD,
    EXTRACTIVE_THRESHOLD,
    MIN_NEAR_COPY_WORDS,
    SUPPORT_THRESHOLD,
    support_threshold,
)
from copydesk.config import Settings
from copydesk.errors import CheckError
from copydesk.model import Analysis, Audit, Document, Finding, Span

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "bridge_article.txt").read_text(encoding="utf-8")
SUMMARY = (FIXTURES / "bridge_summary.txt").read_text(encoding="utf-8")
INTERVIEW = (FIXTURES / "bridge_interview.txt").read_text(encoding="utf-8")

SOURCE_ACTORS = {
    "Helena Vasko": ("PERSON", ["Mayor Helena Vasko", "Vasko", "She"]),
    "Tomas Reiner": ("PERSON", ["Tomas Reiner", "Reiner"]),
    "Norberg": ("GPE", ["Norberg"]),
    "Ostrava Street": ("GPE", ["Ostrava Street"]),
}


@pytest.fixture
def source(make_analysis) -> Analysis:
    return make_analysis(
        ARTICLE,
        actors=SOURCE_ACTORS,
        quotes=[
            ("Vasko", "said", "We cannot keep patching a structure"),
            ("Reiner", "said", "The council has not asked a single business owner what this will cost them"),
        ],
        dates=[("March 3", "2025-03-03"), ("Tuesday", "2025-02-18"), ("1987", "1987")],
        titles={"Helena Vasko": ["Mayor"]},
    )


@pytest.fixture
def summary(make_analysis) -> Analysis:
    return make_analysis(
        SUMMARY,
        actors={
            "Helena Vasko": ("PERSON", ["Vasko"]),
            "Tomas Reiner": ("PERSON", ["Reiner"]),
            "Norberg": ("GPE", ["Norberg"]),
        },
        quotes=[
            ("Vasko", "said", "The council has not asked a single business owner what this will cost them")
        ],
        dates=[("March 10", "2025-03-10")],
    )


def _run(source: Analysis, derived: Analysis, retriever, scorer, **kw) -> Audit:
    return audit(source, derived, settings=Settings(**kw), retriever=retriever, scorer=scorer)


def _claim(result: Audit, starts_with: str):
    text = result.derived.text
    hits = [c for c in result.sentences if c.span.of(text).startswith(starts_with)]
    assert len(hits) == 1, [c.span.of(text) for c in result.sentences]
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "finding", "flagged"),
    [
        ("Vasko said the bridge would be closed for 18 weeks.", "number", "18 weeks"),
        ("The bridge will be closed from March 10", "date", "March 10"),
        ("Vasko said the city would raise bus fares", "negation", "raise"),
        ("“The council has not asked a single business owner", "misattribution", "Vasko"),
    ],
)
def test_each_planted_error_is_caught_with_its_type(
    source, summary, fake_retriever, fake_scorer, sentence, finding, flagged
):
    result = _run(source, summary, fake_retriever, fake_scorer)
    claim = _claim(result, sentence)
    assert claim.verdict == "contradicted"
    types = [f.type for f in claim.findings]
    assert types == [finding]
    f = claim.findings[0]
    assert f.span.of(SUMMARY) == flagged
    assert claim.span.start <= f.span.start < f.span.end <= claim.span.end
    assert claim.evidence and all(e.end <= len(ARTICLE) for e in claim.evidence)
    assert claim.score < claim.model_score or claim.model_score == 0


def test_faithful_sentences_of_the_summary_are_supported(source, summary, fake_retriever, fake_scorer):
    result = _run(source, summary, fake_retriever, fake_scorer)
    for start in ("Norberg's council voted", "Reiner voted against the plan"):
        claim = _claim(result, start)
        assert claim.verdict == "supported", claim
        assert not claim.findings
        assert any(
            "Ostrava Street bridge" in e.of(ARTICLE) or "Reiner" in e.of(ARTICLE) for e in claim.evidence
        )
    assert not result.consistent
    assert {f.type for f in result.findings} == {"number", "date", "negation", "misattribution"}


def test_evidence_for_the_misattributed_quote_is_the_real_speakers_sentence(
    source, summary, fake_retriever, fake_scorer
):
    result = _run(source, summary, fake_retriever, fake_scorer)
    claim = _claim(result, "“The council has not asked")
    assert claim.findings[0].evidence is not None
    assert "Reiner said" in claim.findings[0].evidence.of(ARTICLE)


@pytest.fixture
def interview(make_analysis) -> Analysis:
    return make_analysis(
        INTERVIEW,
        actors={
            "Marek Solvang": ("PERSON", ["Dr. Solvang", "Dr. Marek Solvang"]),
            "Tomas Reiner": ("PERSON", ["Tomas Reiner"]),
        },
    )


def test_transcript_frame_pleasantries_and_fabricated_expert(source, interview, fake_retriever, fake_scorer):
    result = _run(source, interview, fake_retriever, fake_scorer)
    text = INTERVIEW
    fabricated = [f.span.of(text) for f in result.findings if f.type == "fabricated_entity"]
    assert "Dr. Marek Solvang" in fabricated
    assert "Dr. Solvang" in fabricated
    assert not any("Editor" in name or "Gazette" in name for name in fabricated)
    for start in ("Good morning, Dr. Solvang.", "Thank you for joining us.", "Good morning, and thank you"):
        assert _claim(result, start).verdict == "no_claim"
    assert _claim(result, "What does this mean for commuters?").verdict == "no_claim"
    assert _claim(result, "Why?").verdict == "no_claim"
    opinion = _claim(result, "Closing bridges is always")
    assert opinion.verdict == "unsupported"
    assert [f.type for f in opinion.findings] == ["unsupported_content"]
    assert _claim(result, "The bridge will be closed for 14 weeks").verdict == "supported"
    assert not result.consistent


def test_pronoun_is_resolved_before_scoring(source, interview, fake_retriever, fake_scorer):
    result = _run(source, interview, fake_retriever, fake_scorer)
    claim = _claim(result, "He warned that shop owners")
    assert claim.context is not None and claim.context.startswith("Tomas Reiner warned")
    assert claim.verdict == "supported"
    assert any(h.startswith("Tomas Reiner warned") for _, h in fake_scorer.pairs)
    assert claim.speaker == "Dr. Solvang"


def test_role_labels_are_not_flagged(make_analysis, source, fake_retriever, fake_scorer):
    text = (
        "Norberg Gazette Editor: What did the council decide on Tuesday?\n"
        "Desk analyst (automated; answers only from the article): The council voted to close the "
        "Ostrava Street bridge for repairs.\n"
        "Norberg Gazette Editor: Thank you.\n"
    )
    result = _run(source, make_analysis(text), fake_retriever, fake_scorer)
    assert result.findings == ()
    assert result.consistent
    assert [c.speaker for c in result.sentences][0] == "Norberg Gazette Editor"


def test_question_that_embeds_a_claim_has_it_checked(make_analysis, source, fake_retriever, fake_scorer):
    text = (
        "Vasko told reporters the bridge would be closed for 14 weeks, so what happens to the buses?\n"
        "Reiner said the council asked every business owner, didn't he?\n"
        "What happens next?"
    )
    result = _run(
        source,
        make_analysis(text, actors={"Tomas Reiner": ("PERSON", ["Reiner"])}),
        fake_retriever,
        fake_scorer,
    )
    first = _claim(result, "Vasko told reporters the bridge")
    assert first.verdict == "supported"
    assert first.span.of(text) == "Vasko told reporters the bridge would be closed for 14 weeks"
    assert _claim(result, "so what happens to the buses?").verdict == "no_claim"
    assert _claim(result, "Reiner said the council asked").verdict != "supported"
    assert _claim(result, "What happens next?").verdict == "no_claim"


def test_fabricated_person_in_a_summary(make_analysis, source, fake_retriever, fake_scorer):
    text = "Traffic engineer Dr. Ilse Marwick said the bridge would be closed for 14 weeks."
    result = _run(source, make_analysis(text), fake_retriever, fake_scorer)
    (claim,) = result.sentences
    assert claim.verdict == "unsupported"
    assert [(f.type, f.span.of(text)) for f in claim.findings] == [("fabricated_entity", "Dr. Ilse Marwick")]


def test_alias_of_a_source_person_is_not_fabricated(make_analysis, source, fake_retriever, fake_scorer):
    text = "Mayor Vasko said the city would not raise bus fares during the closure."
    derived = make_analysis(text, actors={"Helena Vasko": ("PERSON", ["Mayor Vasko"])})
    result = _run(source, derived, fake_retriever, fake_scorer)
    (claim,) = result.sentences
    assert claim.findings == ()
    assert claim.verdict == "supported"


def test_identical_texts_are_all_supported(source, fake_retriever, fake_scorer):
    result = _run(source, source, fake_retriever, fake_scorer)
    verdicts = {c.verdict for c in result.sentences}
    assert verdicts <= {"supported", "no_claim"}
    assert sum(c.verdict == "supported" for c in result.sentences) >= len(source.sentences) - 1
    assert result.consistent and result.findings == ()


def test_empty_derived_text_is_refused(source, fake_retriever, fake_scorer):
    with pytest.raises(CheckError, match="derived text is empty"):
        _run(source, Analysis(Document("  \n ")), fake_retriever, fake_scorer)


def test_empty_source_text_is_refused(summary, fake_retriever, fake_scorer):
    with pytest.raises(CheckError, match="source text is empty"):
        _run(Analysis(Document("")), summary, fake_retriever, fake_scorer)


def test_derived_text_over_the_limit_is_refused(source, make_analysis, fake_retriever, fake_scorer):
    long = make_analysis("The bridge will close. " * 20)
    with pytest.raises(CheckError, match="more than the limit of 100"):
        _run(source, long, fake_retriever, fake_scorer, max_derived_chars=100)
    assert fake_scorer.pairs == []


def test_binary_derived_text_is_refused(source, fake_retriever, fake_scorer):
    with pytest.raises(CheckError, match="binary"):
        _run(source, Analysis(Document("PK\x03\x04\x00\x00garbage\x00")), fake_retriever, fake_scorer)


def test_non_english_derived_text_gets_a_warning_and_no_support(
    make_analysis, source, fake_retriever, fake_scorer
):
    text = (
        "Der Stadtrat von Norberg hat am Dienstag beschlossen, die Brücke in der Ostrava-Straße für "
        "Reparaturen zu schließen. Die Busse werden durch das Hafenviertel umgeleitet, sagte die "
        "Bürgermeisterin."
    )
    result = _run(source, make_analysis(text), fake_retriever, fake_scorer)
    assert any("does not look like English" in w for w in result.warnings)
    assert not result.consistent


def test_audit_is_re_entrant(source, summary, fake_retriever, fake_scorer):
    first = _run(source, summary, fake_retriever, fake_scorer)
    second = _run(source, summary, fake_retriever, fake_scorer)
    assert first == second
    assert Audit.from_dict(first.to_dict()).to_dict() == first.to_dict()


def test_offsets_are_valid_spans(source, summary, interview, fake_retriever, fake_scorer):
    for derived in (summary, interview):
        result = _run(source, derived, fake_retriever, fake_scorer)
        spans = [c.span for c in result.sentences]
        assert spans == sorted(spans)
        for c in result.sentences:
            assert c.span.of(derived.document.text).strip() == c.span.of(derived.document.text)
            assert 0.0 <= c.score <= 1.0


HIGH = (1 + EXTRACTIVE_THRESHOLD) / 2
FAIR = (SUPPORT_THRESHOLD + EXTRACTIVE_THRESHOLD) / 2
MID = (SUPPORT_THRESHOLD + CONTRADICTION_THRESHOLD) / 2
LOW = CONTRADICTION_THRESHOLD / 2
NUMBER = Finding("number", Span(0, 1), "2 where the evidence has 3", relation="contradicts")


@pytest.mark.parametrize(
    ("model", "similarity", "findings", "expected"),
    [
        (HIGH, 1.0, [], "supported"),
        (FAIR, 0.6, [], "supported"),  # a restatement in other words
        (FAIR, 1.0, [], "unsupported"),  # a near copy the model is not sure of
        (MID, 1.0, [], "unsupported"),
        (LOW, 1.0, [], "contradicted"),
        (LOW, 0.1, [], "unsupported"),
        (HIGH, 1.0, [NUMBER], "contradicted"),
        (HIGH, 0.1, [NUMBER], "unsupported"),
        (HIGH, 1.0, [Finding("number", Span(0, 1), "2 appears nowhere in the source")], "unsupported"),
        (HIGH, 1.0, [Finding("fabricated_entity", Span(0, 1), "x")], "unsupported"),
        (HIGH, 1.0, [Finding("negation", Span(0, 1), "x", relation="contradicts")], "contradicted"),
    ],
)
def test_verdict_combination(model, similarity, findings, expected):
    got, score = verdict(ClaimSignals(model, similarity, tuple(findings)))
    assert got == expected
    assert (score >= SUPPORT_THRESHOLD) == (got == "supported")
    assert 0.0 <= score <= model


def test_a_short_claim_or_a_restated_date_is_no_near_copy():
    assert verdict(ClaimSignals(FAIR, 1.0, words=2))[0] == "supported"  # "On Monday."
    assert verdict(ClaimSignals(FAIR, 1.0, words=MIN_NEAR_COPY_WORDS))[0] == "unsupported"
    # "on May 26, 2016" for "on Thursday", found equal by the date check
    assert verdict(ClaimSignals(FAIR, 1.0, words=MIN_NEAR_COPY_WORDS, restated=True))[0] == "supported"


def test_a_verbatim_claim_is_supported_unless_its_words_are_given_to_another_speaker():
    wrong = Finding("misattribution", Span(0, 1), "x", rule="misattribution", relation="contradicts")
    assert verdict(ClaimSignals(1.0, 1.0, verbatim=True)) == ("supported", 1.0)
    assert verdict(ClaimSignals(1.0, 1.0, (wrong,), verbatim=True)) == ("contradicted", 0.0)


def test_verbatim_quote_with_the_right_speaker_is_supported(make_analysis, source, fake_retriever):
    class Refusing:
        def score(self, pairs):
            raise AssertionError("a verbatim quote needs no model")

    text = (
        "Mayor Helena Vasko said on Tuesday: “We cannot keep patching a structure that is older than most "
        "of the people who cross it.”"
    )
    derived = make_analysis(text, actors={"Helena Vasko": ("PERSON", ["Mayor Helena Vasko"])})
    result = _run(source, derived, fake_retriever, Refusing())
    (claim,) = result.sentences
    assert claim.verdict == "supported"
    assert claim.model_score is None
    assert [e.of(ARTICLE)[:20] for e in claim.evidence] == ["“We cannot keep patc"]


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("Rescue teams have pulled 46 people from the rubble.", True),  # tense auxiliary
        ("Rescue teams pulled 46 people from the rubble.", True),  # auxiliary dropped
        ("Rescue teams had pulled 64 people from the rubble.", False),  # number changed
        ("The council said it would reopen the bridge until engineers had inspected it.", False),
        ("Rescue teams had pulled 46 people from the river.", False),  # a content word changed
        ("Teams have pulled 46 people.", True),
        ("The rescue teams had pulled 46 people.", True),  # "By Friday, rescue teams": "The" is light
        ("Teams had pulled.", False),  # too short to count
    ],
)
def test_near_verbatim_claim_is_supported_without_the_model(
    make_analysis, fake_retriever, fake_scorer, text, near
):
    source = make_analysis(
        "Flooding cut off three villages in the valley on Thursday. By Friday, rescue teams had pulled "
        "46 people from the rubble, officials said. The council said it would not reopen the bridge "
        "until engineers had inspected it."
    )
    (claim,) = _run(source, make_analysis(text), fake_retriever, fake_scorer).sentences
    assert (claim.model_score is None) == near
    if near:
        assert claim.verdict == "supported"
        assert claim.evidence[0].of(source.document.text).startswith("By Friday")


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("The council approved the plan on Monday.", True),  # "city" and "harbour" left out
        ("The council approved the harbour plan.", True),
        ("Police arrested the suspect.", False),  # "the mother of": another person
        ("The mayor opened the bridge.", False),  # "former"
        ("The council approved 40 million euros.", True),
        ("The council approved euros.", False),  # a figure left out
        ("Workers cut the old bridge.", False),  # "cut off": a particle
        ("Ferries ran on Sunday as usual.", False),  # "No ferries"
        ("The board backed the budget after a long debate.", True),  # "on Monday, March 3"
        ("Sales rose by 9 percent.", False),  # "in 12 stores" is no time
    ],
)
def test_a_restatement_may_leave_out_modifiers(make_analysis, fake_retriever, fake_scorer, text, near):
    source = make_analysis(
        "The city council approved the harbour plan on Monday. Police arrested the mother of the "
        "suspect. The former mayor opened the bridge. The council approved 40 million euros for it. "
        "Workers cut off the old bridge. No ferries ran on Sunday as usual. The board backed the budget "
        "on Monday, March 3 after a long debate. Sales rose in 12 stores by 9 percent."
    )
    (claim,) = _run(source, make_analysis(text), fake_retriever, fake_scorer).sentences
    assert (claim.model_score is None) == near


def test_verbatim_quote_with_another_speaker_is_misattributed(
    make_analysis, source, fake_retriever, fake_scorer
):
    text = (
        "Reiner said: “We cannot keep patching a structure that is older than most of the people "
        "who cross it.”"
    )
    derived = make_analysis(
        text,
        actors={"Tomas Reiner": ("PERSON", ["Reiner"])},
        quotes=[("Reiner", "said", "We cannot keep patching a structure")],
    )
    result = _run(source, derived, fake_retriever, fake_scorer)
    (claim,) = result.sentences
    assert claim.verdict == "contradicted"
    assert [f.type for f in claim.findings] == ["misattribution"]


def test_swapped_place_is_an_entity_finding(make_analysis, source, fake_retriever, fake_scorer):
    text = "The city council of Lindholm voted on Tuesday to close the Ostrava Street bridge for repairs."
    derived = make_analysis(
        text, actors={"Lindholm": ("GPE", ["Lindholm"]), "Ostrava Street": ("GPE", ["Ostrava Street"])}
    )
    result = _run(source, derived, fake_retriever, fake_scorer)
    (claim,) = result.sentences
    assert claim.verdict == "contradicted"
    assert [(f.type, f.span.of(text)) for f in claim.findings] == [("entity", "Lindholm")]
    assert "Norberg" in claim.findings[0].detail


class WiderIsBetterScorer:
    """Rates a premise higher the more sentences it joins: the best set is the widest."""

    def score(self, pairs):
        return [min(0.95, 0.3 * (p.count(". ") + 1)) for p, _ in pairs]


def test_a_denial_verb_with_an_opposite_is_reported_as_that_word(make_analysis, fake_retriever, fake_scorer):
    source = make_analysis("The Norberg council accepted a 12 million euro budget on Tuesday.")
    text = "The Norberg council rejected a 12 million euro budget on Tuesday."
    claim = _claim(_run(source, make_analysis(text), fake_retriever, fake_scorer), "The Norberg")
    assert claim.verdict == "contradicted"
    (flip,) = claim.findings
    assert (flip.type, flip.span.of(text)) == ("negation", "rejected")
    assert "'accepted'" in flip.detail


def test_a_flip_hidden_by_extra_evidence_sentences_is_still_a_negation(make_analysis, fake_retriever):
    # The widest set has "authority" and "talk" twice, which hides the flip from a word-by-word
    # comparison; the fewest sentences that hold the claim show it.
    source = make_analysis(
        "Every ship that turns away may never come back, the chief executive said. "
        "He added that the authority remained ready to return to talks at any time. "
        "The union is ready to talk if the authority brings a real offer."
    )
    text = "The authority said it would never return to talks."
    result = _run(source, make_analysis(text), fake_retriever, WiderIsBetterScorer())
    claim = _claim(result, "The authority")
    assert claim.verdict == "contradicted"
    assert [f.type for f in claim.findings] == ["negation"]
    assert claim.findings[0].span.of(text) == "return"
    assert "He added" in [e.of(source.document.text)[:8] for e in claim.evidence]
    assert len(claim.evidence) < 3


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Reiner called it “a structure older than most people”.", "a structure older than most people"),
        ("Vasko spoke of “a structure that is older than most of the people who cross it”.", None),
        ("Vasko spoke of “a structure … older than most of the people”.", None),  # words left out
        ("Vasko spoke of “a structure that [the bridge] is older than most of the people”.", None),
        ("Vasko called the repairs “overdue”.", None),  # a short scare quote is not a quotation
        # tokenised text: quote marks with spaces on both sides
        ('the mayor said " we cannot keep patching a structure " on tuesday.', None),
        (
            'the mayor said " we must keep patching a structure " on tuesday.',
            "we must keep patching a structure",
        ),
        # one mark that closes the words before it, rather than opening a quote
        ('We cannot keep patching a structure that is older than most, "the mayor said on Tuesday.', None),
        ('We must keep patching the structure, "the mayor said on Tuesday.', "the mayor said on Tuesday."),
    ],
)
def test_a_quotation_must_be_in_the_source_word_for_word(
    make_analysis, source, fake_retriever, text, flagged
):
    result = _run(source, make_analysis(text), fake_retriever, WiderIsBetterScorer())
    found = [f.span.of(text) for f in result.findings if f.detail.startswith("these quoted words")]
    assert found == ([flagged] if flagged else [])
    if flagged:
        assert result.sentences[0].verdict != "supported"


class JoinedIsBetterScorer:
    """A middling score for one sentence alone, a high one for sentences joined."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs):
        self.pairs.extend(pairs)
        return [FAIR if p.count(". ") == 0 else HIGH for p, _ in pairs]


def test_a_near_copy_under_its_threshold_gets_the_other_evidence_sets(make_analysis, source, fake_retriever):
    # FAIR clears SUPPORT_THRESHOLD but not the near copy's EXTRACTIVE_THRESHOLD: the joined
    # sentences are scored too, and support it.
    text = (
        "Vasko told reporters the bridge will be closed for 14 weeks from March 3, with buses rerouted "
        "through the harbour district."
    )
    scorer = JoinedIsBetterScorer()
    result = _run(source, make_analysis(text), fake_retriever, scorer)
    (claim,) = result.sentences
    assert claim.verdict == "supported", claim
    assert claim.model_score == HIGH
    assert len(scorer.pairs) > 1


class UnsureScorer:
    """A middling score for every premise: above SUPPORT_THRESHOLD, under EXTRACTIVE_THRESHOLD."""

    def score(self, pairs):
        return [FAIR for _ in pairs]


def test_a_near_copy_held_to_its_threshold_says_why(make_analysis, source, fake_retriever):
    text = "Vasko said the bridge will be closed for 14 weeks from March 3."
    (claim,) = _run(source, make_analysis(text), fake_retriever, UnsureScorer()).sentences
    assert claim.verdict == "unsupported"
    (finding,) = claim.findings
    assert finding.type == "unsupported_content"
    assert "near copy" in finding.detail


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Buses will be rerouted through the harbour district.", "unsupported"),
        ("Editor: And the buses?\nGuest: Buses will be rerouted through the harbour district.", "supported"),
    ],
)
def test_a_turn_that_extracts_a_piece_of_its_evidence_is_no_near_copy(fake_retriever, text, verdict):
    """In a transcript, a claim with under half of its evidence's content words extracts a piece
    of the sentence and needs only the support threshold; in a summary it is a near copy."""
    from copydesk.analyse import analyse

    derived = analyse(Document(text))
    claim = _run(analyse(Document(ARTICLE)), derived, fake_retriever, UnsureScorer()).sentences[-1]
    assert claim.verdict == verdict


def test_a_turn_that_copies_most_of_its_evidence_is_a_near_copy():
    assert support_threshold(1.0, 6, 10) == EXTRACTIVE_THRESHOLD  # six of ten words: a copy
    assert support_threshold(1.0, 4, 10) == SUPPORT_THRESHOLD  # four of ten: an extract
    assert support_threshold(1.0, 4) == EXTRACTIVE_THRESHOLD  # a summary's claim


class QuestionEchoScorer:
    """Full support from a premise that ends in a question, none from any other."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs):
        self.pairs.extend(pairs)
        return [1.0 if p.endswith("?") else 0.0 for p, _ in pairs]


def test_a_source_question_supports_no_statement_that_copies_it(make_analysis, fake_retriever):
    # Word for word, the claim is in the source, but the source only asks it: it is neither a
    # verbatim match nor a premise on its own (only with another sentence, as a question and
    # its answer).
    question = "Can the council close the harbour bridge for a whole year?"
    source = make_analysis(f"{question} Engineers inspected the bridge on Monday. The mayor declined.")
    derived = make_analysis("The council close the harbour bridge for a whole year.")
    scorer = QuestionEchoScorer()
    (claim,) = _run(source, derived, fake_retriever, scorer).sentences
    assert claim.model_score is not None
    assert claim.verdict != "supported"
    assert scorer.pairs and all(p != question for p, _ in scorer.pairs)


def test_the_inputs_warnings_are_the_audits_too(source, summary, fake_retriever, fake_scorer):
    decoded = dataclasses.replace(source, warnings=("decoded as cp1252 (the input is not UTF-8)",))
    result = _run(decoded, summary, fake_retriever, fake_scorer)
    assert "the source text: decoded as cp1252 (the input is not UTF-8)" in result.warnings


class LaysOutScorer:
    """Full support from the sentence laying out the terms, none from any other premise."""

    def score(self, pairs):
        return [1.0 if p.startswith("The minister laid out") else 0.0 for p, _ in pairs]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [("The union accepted the terms.", "contradicted"), ("The union got the terms.", "supported")],
)
def test_an_opposite_word_in_another_retrieved_sentence_contradicts(
    make_analysis, fake_retriever, claim, verdict
):
    # The scorer's evidence lays out the terms; the sentence beside it has the union reject
    # them. The claim's "accepted" is in neither, its opposite is in the second.
    source = make_analysis(
        "The minister laid out the terms for ending the strike on Friday. The union rejected the terms, "
        "calling them a surrender. Talks are not planned."
    )
    (result,) = _run(source, make_analysis(claim), fake_retriever, LaysOutScorer()).sentences
    assert result.verdict == verdict
    if verdict == "contradicted":
        (flip,) = [f for f in result.findings if f.type == "negation"]
        assert flip.evidence is not None and flip.evidence.of(source.document.text).startswith(
            "The union rejected"
        )
        assert flip.evidence in result.evidence


def test_a_source_of_questions_only_supports_nothing(make_analysis, fake_retriever, fake_scorer):
    source = make_analysis("Will the council close the harbour bridge on Monday?")
    derived = make_analysis("The council will close the harbour bridge on Monday.")
    (claim,) = _run(source, derived, fake_retriever, fake_scorer).sentences
    assert claim.verdict == "unsupported"
    assert "only questions" in claim.findings[-1].detail


def test_a_question_is_scored_with_its_answer(make_analysis, fake_retriever):
    source = make_analysis(
        "Anna: Will you bring the harbour maps to the meeting tomorrow? Ben: Yes. "
        "Anna: The harbour maps are old. Anna: The meeting starts at nine. Ben: The maps are heavy."
    )
    scorer = QuestionEchoScorer()
    _run(source, make_analysis("Ben will bring the harbour maps to the meeting."), fake_retriever, scorer)
    premises = [p for p, _ in scorer.pairs]
    assert any(p.endswith("tomorrow? Ben: Yes.") for p in premises), premises
    assert not any(p.endswith("?") for p in premises)


@pytest.mark.parametrize("dash", ["--", "\u2013", "\u2014", "-"])
def test_a_quotation_matches_whatever_its_dashes(make_analysis, fake_retriever, dash):
    source = make_analysis("“It is our duty -- and our promise -- to keep the old bridge open,” Vasko said.")
    text = f"Vasko said it was “our duty {dash} and our promise {dash} to keep the old bridge open”."
    result = _run(source, make_analysis(text), fake_retriever, WiderIsBetterScorer())
    assert not [f for f in result.findings if f.detail.startswith("these quoted words")]


def test_a_pronoun_speaker_is_named_as_the_resolver_reads_it(make_analysis, fake_retriever, fake_scorer):
    # The derived text's analyser linked "She" to the guest; the source names Okafor in between.
    source = make_analysis(
        "Minister Lena Okafor urged both sides to talk, saying a long dispute would hurt exporters.",
        actors={"Lena Okafor": ("PERSON", ["Lena Okafor"])},
        quotes=[("Minister Lena Okafor", "saying", "a long dispute would hurt exporters")],
    )
    text = "Karl Jensen joined us. Okafor urged talks. She warned that a long dispute would hurt exporters."
    derived = make_analysis(
        text,
        actors={"Karl Jensen": ("PERSON", ["Karl Jensen", "She"])},
        quotes=[("She", "warned", "a long dispute would hurt exporters")],
    )
    claim = _claim(_run(source, derived, fake_retriever, fake_scorer), "She warned")
    assert claim.context == "Lena Okafor warned that a long dispute would hurt exporters."
    assert not [f for f in claim.findings if f.type == "misattribution"]


class ReadsFiguresByTheirWordsScorer:
    """Support only when the hypothesis writes the premise's figures as the premise does."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs):
        self.pairs.extend(pairs)
        return [1.0 if "48 hours" in h and "48 hours" in p else 0.0 for p, h in pairs]


@pytest.mark.parametrize(
    ("figure", "supported"), [("two days", True), ("48 hours", True), ("three days", False)]
)
def test_a_figure_is_scored_in_the_evidences_words(make_analysis, fake_retriever, figure, supported):
    source = make_analysis("Dock workers in Valmora will strike for 48 hours from Monday, the union said.")
    scorer = ReadsFiguresByTheirWordsScorer()
    derived = make_analysis(f"Dock workers in Valmora will strike for {figure} from Monday.")
    (claim,) = _run(source, derived, fake_retriever, scorer).sentences
    assert (claim.verdict == "supported") == supported
    assert all(figure == "48 hours" or figure not in h for _, h in scorer.pairs) == supported


@pytest.mark.parametrize(
    ("second_half", "flagged"),
    [
        ("its net sales increased in the third quarter", "increased"),
        ("it kept its unprofitable stores in Valmora open", "unprofitable"),
    ],
)
def test_an_opposite_in_a_sentence_the_retriever_left_out(make_analysis, fake_scorer, second_half, flagged):
    """A compound claim retrieves the sentences about its first half; the one that says its
    second half the other way round is searched too, for an opposite word or a word with a
    negative prefix ("unprofitable" where the source has "profitable")."""

    class FirstThree:
        def top_k(self, claims, sentences, *, k=3, **terms):
            return [[(i, 1.0) for i in range(min(3, len(sentences)))] for _ in claims]

    source = make_analysis(
        "Reliance expects earnings of 1.30 to 1.40 dollars per share in the fourth quarter. "
        "The outlook for the fourth quarter reflects steady demand. "
        "Earnings per share in the fourth quarter will also reflect lower costs. "
        "Net sales in the third quarter decreased 22 percent from a year earlier. "
        "It kept its profitable stores in Valmora open."
    )
    derived = make_analysis(
        f"Reliance expects fourth quarter earnings of 1.30 to 1.40 dollars per share, and {second_half}."
    )
    (claim,) = _run(source, derived, FirstThree(), fake_scorer).sentences
    found = [f.span.of(derived.document.text) for f in claim.findings if f.type == "negation"]
    assert found == [flagged]
    assert any(e.of(source.document.text).startswith(("Net sales", "It kept")) for e in claim.evidence)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Police arrested the suspect on Friday in the harbour.", "suspect"),  # "the mother of"
        ("Satyam Computers was also fined 804,000 dollars.", "Satyam"),  # "the chairman of"
        ("Dock workers in Valmora will strike for 48 hours.", None),  # "the port city of" is Valmora
        ("A fiberglass boat was spotted off the coast this week.", None),  # "a section of": a part
    ],
)
def test_a_copy_that_leaves_out_the_head_of_a_phrase(
    make_analysis, fake_retriever, fake_scorer, text, flagged
):
    source = make_analysis(
        "Police arrested the mother of the suspect on Friday in the harbour. Ramalinga Raju, the former "
        "chairman of Satyam Computers, was also fined 804,000 dollars. Dock workers in the port city of "
        "Valmora will strike for 48 hours. A section of a fiberglass boat was spotted off the coast "
        "this week."
    )
    derived = make_analysis(text)
    (claim,) = _run(source, derived, fake_retriever, fake_scorer).sentences
    found = [f.span.of(text) for f in claim.findings if f.type == "entity"]
    assert found == ([flagged] if flagged else [])
    if flagged:
        assert claim.verdict != "supported"


@pytest.mark.parametrize(("alone", "shown"), [(0.85, 1), (0.6, 2)])
def test_evidence_is_one_sentence_when_one_supports_the_claim_alone(make_analysis, alone, shown):
    """The scorer rates the two sentences joined highest (0.9). When the second one alone
    supports the claim nearly as well, that one sentence is the evidence shown; when it passes
    but scores far lower, the support is the pair's, and both are shown."""

    class Both:
        def top_k(self, claims, sentences, *, k=3, **terms):
            return [[(0, 1.0), (1, 0.9)] for _ in claims]

    class SecondAlone:
        def score(self, pairs):
            return [0.9 if ". " in p else alone if p.startswith("Buses") else 0.1 for p, _ in pairs]

    source = make_analysis("The bridge closes in March. Buses will run through the harbour district instead.")
    derived = make_analysis("While the bridge is shut, buses will go through the harbour quarter.")
    (claim,) = _run(source, derived, Both(), SecondAlone()).sentences
    assert claim.verdict == "supported"
    assert claim.model_score == 0.9
    assert [e.of(source.document.text) for e in claim.evidence] == [
        "The bridge closes in March.",
        "Buses will run through the harbour district instead.",
    ][2 - shown :]


FERRY = (
    "The council approved the ferry contract on Tuesday. "
    "The yard will deliver the first ferry in late 2027, the operator said. "
    "Two older ferries will be sold."
)


def test_an_opposite_word_inside_a_changed_date_is_the_date_finding_only(
    make_analysis, fake_retriever, fake_scorer
):
    source = make_analysis(FERRY, dates=[("late 2027", "2027")])
    text = "The yard will deliver the first ferry in early 2026, the operator said."
    result = _run(source, make_analysis(text, dates=[("early 2026", "2026")]), fake_retriever, fake_scorer)
    (claim,) = result.sentences
    assert [(f.type, f.span.of(text)) for f in claim.findings] == [("date", "early 2026")]
    assert claim.verdict == "contradicted"


class JoinPreferringScorer:
    """The lexical scorer's figure for two joined sentences, a tenth of it for one: a join
    scores best."""

    def __init__(self, lexical) -> None:
        self.lexical = lexical

    def score(self, pairs):
        return [
            s * (1.0 if p.count(". ") else 0.1)
            for s, (p, _) in zip(self.lexical.score(pairs), pairs, strict=True)
        ]


def test_a_contradiction_shows_the_sentence_most_like_the_claim(make_analysis, fake_retriever, fake_scorer):
    text = "Three older ferries will be sold."
    source = make_analysis(FERRY, dates=[("late 2027", "2027")])
    result = _run(source, make_analysis(text), fake_retriever, JoinPreferringScorer(fake_scorer))
    (claim,) = result.sentences
    assert [f.type for f in claim.findings] == ["number"]
    assert [e.of(FERRY) for e in claim.evidence] == ["Two older ferries will be sold."]
