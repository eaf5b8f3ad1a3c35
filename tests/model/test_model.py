from __future__ import annotations

import datetime as dt
import json

import pytest

from copydesk.model import (
    SCHEMA_VERSION,
    Actor,
    Analysis,
    AnswerSentence,
    Audit,
    ClaimResult,
    DateMention,
    Document,
    Finding,
    Furniture,
    Interview,
    Quote,
    Reference,
    Span,
    Token,
    Tokens,
    Turn,
)

TEXT = "The mayor said the bridge would reopen on Friday. “It is safe,” she added."


@pytest.mark.parametrize("start,end", [(-1, 2), (5, 4), (1.0, 2)])
def test_span_rejects_bad_bounds(start, end):
    with pytest.raises(ValueError):
        Span(start, end)


def test_span_slices_and_overlaps():
    s = Span(4, 9)
    assert s.of(TEXT) == "mayor"
    assert len(s) == 5
    assert s.overlaps(Span(8, 12)) and not s.overlaps(Span(9, 12))


def test_annotations_past_the_text_are_rejected():
    doc = Document(TEXT)
    with pytest.raises(ValueError):
        Analysis(doc, sentences=(Span(0, len(TEXT) + 1),))
    with pytest.raises(ValueError):
        Document("short", credit_span=Span(0, 10))


def sample_analysis() -> Analysis:
    doc = Document(TEXT, id="d1", title="Bridge", published=dt.date(2024, 3, 15), source_credit="Wire")
    mayor = Actor(
        "a1",
        "The mayor",
        "PERSON",
        aliases=("mayor",),
        titles=("mayor",),
        mentions=(Span(0, 9),),
        gender="female",
    )
    quote = Quote(
        Span(15, 49), "indirect", speaker=Span(0, 9), cue=Span(10, 14), actor="a1", name="The mayor"
    )
    return Analysis(
        doc,
        sentences=(Span(0, 50), Span(51, len(TEXT))),
        actors=(mayor,),
        quotes=(quote,),
        dates=(DateMention(Span(42, 48), "2024-03-15"),),
        warnings=("example warning",),
        references=(
            Reference(Span(64, 67), "a1", Span(0, 9), "female", "singular", False, "quote_speaker"),
            Reference(Span(51, 53), None, None, "neuter", "singular", True, "quoted"),
        ),
    )


def test_analysis_round_trips_through_json():
    a = sample_analysis()
    d = json.loads(json.dumps(a.to_dict()))
    assert d["schema_version"] == SCHEMA_VERSION
    assert d["quotes"][0]["speaker"] == {
        "start": 0,
        "end": 9,
        "text": "The mayor",
        "actor": "a1",
        "name": "The mayor",
    }
    assert d["references"][0]["text"] == "she" and d["references"][0]["antecedent"]["text"] == "The mayor"
    assert Analysis.from_dict(d) == a


def test_an_analysis_of_the_older_shape_still_reads():
    """JSON written before actors had a gender and analyses had references."""
    d = json.loads(json.dumps(sample_analysis().to_dict()))
    del d["references"]
    for actor in d["actors"]:
        del actor["gender"]
    a = Analysis.from_dict(d)
    assert a.references == () and a.actors[0].gender is None


def test_a_reference_has_an_actor_and_an_antecedent_or_neither():
    with pytest.raises(ValueError):
        Reference(Span(64, 67), "a1", None)
    with pytest.raises(ValueError):
        Analysis(Document(TEXT), references=(Reference(Span(64, len(TEXT) + 3)),))


def test_audit_and_interview_round_trip():
    a = sample_analysis()
    derived = Document("The mayor said the bridge reopens Friday.")
    claim = ClaimResult(
        Span(0, 41),
        "supported",
        0.93,
        evidence=(Span(0, 50),),
        findings=(
            Finding(
                "date", Span(34, 40), "Friday vs Friday", Span(42, 48), rule="date", relation="contradicts"
            ),
        ),
        model_score=0.91,
    )
    audit = Audit(a.document, derived, sentences=(claim,))
    assert Audit.from_dict(json.loads(json.dumps(audit.to_dict()))) == audit
    finding = audit.to_dict()["sentences"][0]["findings"][0]
    assert (finding["rule"], finding["relation"]) == ("date", "contradicts")
    assert audit.consistent and audit.score == pytest.approx(0.93)
    turn = Turn("Guest", "guest", "The bridge reopens.", (AnswerSentence(Span(0, 19), (Span(0, 50),)),))
    iv = Interview(a.document, "Interview", "Desk", "Guest", "Generated.", turns=(turn,), audit=audit)
    assert Interview.from_dict(json.loads(json.dumps(iv.to_dict()))) == iv


def test_audit_is_inconsistent_when_a_claim_is_unsupported():
    derived = Document("A claim. Another claim.")
    audit = Audit(
        Document(TEXT),
        derived,
        sentences=(ClaimResult(Span(0, 8), "supported", 0.9), ClaimResult(Span(9, 23), "unsupported", 0.2)),
    )
    assert not audit.consistent
    assert audit.score == pytest.approx(0.2)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: ClaimResult(Span(0, 1), "maybe", 0.5),  # type: ignore[arg-type]
        lambda: ClaimResult(Span(0, 1), "supported", 1.5),
        lambda: Finding("typo", Span(0, 1), "x"),  # type: ignore[arg-type]
        lambda: Finding("date", Span(0, 1), "x", relation="maybe"),  # type: ignore[arg-type]
    ],
)
def test_records_reject_unknown_values(bad):
    with pytest.raises(ValueError):
        bad()


def test_a_finding_written_before_rules_and_relations_reads_as_absent():
    old = {"type": "number", "start": 0, "end": 2, "detail": "12 appears nowhere", "evidence": None}
    f = Finding.from_dict(old)
    assert (f.rule, f.relation, f.contradicts) == ("", "absent", False)


def test_furniture_is_marked_by_spans_and_asked_about() -> None:
    text = "By Ada Lind\nThe council voted on Tuesday.\nPhoto: The pier at dawn."
    doc = Document(
        text,
        byline="Ada Lind",
        source_credit="Coastal Wire",
        furniture=(Furniture(Span(0, 11), "byline"), Furniture(Span(42, len(text)), "caption")),
        genre="news",
        genre_evidence=("first person in 0 of 9 sentences outside quotations",),
    )
    assert doc.is_furniture(Span(0, 11)) and doc.is_furniture(Span(3, 11))
    assert not doc.is_furniture(Span(12, 41))
    assert doc.furniture_at(Span(42, 50)) == doc.furniture[1]
    assert doc.source_line == "Source: Coastal Wire, by Ada Lind"
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc


@pytest.mark.parametrize(
    "build",
    [
        lambda: Furniture(Span(0, 2), "advert"),  # type: ignore[arg-type]
        lambda: Document("short", furniture=(Furniture(Span(0, 10), "caption"),)),
        lambda: Document("short", genre="satire"),  # type: ignore[arg-type]
    ],
)
def test_bad_furniture_and_genre_are_rejected(build) -> None:
    with pytest.raises(ValueError):
        build()


def test_a_document_of_the_older_shape_still_reads() -> None:
    d = Document("Some text.").to_dict()
    for key in ("furniture", "genre", "genre_evidence"):
        del d[key]
    doc = Document.from_dict(d)
    assert doc.furniture == () and doc.genre is None and doc.genre_evidence == ()


def test_a_documents_language_round_trips_and_must_be_a_code():
    doc = Document("Text.", language="en")
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))).language == "en"
    with pytest.raises(ValueError, match="language code"):
        Document("Text.", language="English language")


def test_tokens_are_columns_with_offsets_and_round_trip_only_when_asked():
    text = "Lee said no."
    toks = Tokens((0, 4, 9, 11), (3, 8, 11, 12), ("lee", "say", "no", "."), ("PROPN", "VERB", "DET", "PUNCT"),
                  ("PERSON", "", "", ""), (False, True, True, False))  # fmt: skip
    a = Analysis(Document(text), (Span(0, 12),), tokens=toks)
    assert toks[1] == Token(4, 8, "say", "VERB", "", True) and toks[1].of(text) == "said"
    assert list(toks.within(4, 11)) == [1, 2]
    assert [t.of(text) for t in a.words()] == ["Lee", "said", "no"]
    assert "tokens" not in a.to_dict()
    back = Analysis.from_dict(json.loads(json.dumps(a.to_dict(tokens=True))))
    assert back == a and back.tokens == toks
    assert Analysis.from_dict(a.to_dict()).tokens == Tokens()  # left out of the default JSON
    with pytest.raises(ValueError):
        Tokens((0, 2), (3, 5), ("a", "b"), ("X", "X"), ("", ""), (False, False))  # overlapping
    with pytest.raises(ValueError):
        Analysis(Document("Lee"), tokens=toks)  # past the end of the text
