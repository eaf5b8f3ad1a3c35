"""The checker end to end, with the real analyser, retriever and support scorer.

The seed acceptance of issue 3 reads ``../shared/data/seed`` and skips when it is absent; the
original bridge fixture runs everywhere.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from copydesk import pipeline
from copydesk.errors import CheckError, InputError
from copydesk.model import Audit

pytestmark = pytest.mark.slow

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
SEED = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "seed"
PUBLISHED = dt.date(2025, 2, 20)


def _claim(result: Audit, starts_with: str):
    text = result.derived.text
    hits = [c for c in result.sentences if c.span.of(text).startswith(starts_with)]
    assert len(hits) == 1, [c.span.of(text) for c in result.sentences]
    return hits[0]


@pytest.fixture(scope="module")
def bridge() -> Audit:
    article = (FIXTURES / "bridge_article.txt").read_text(encoding="utf-8")
    summary = (FIXTURES / "bridge_summary.txt").read_text(encoding="utf-8")
    return pipeline.check(article, summary, published=PUBLISHED)


@pytest.mark.parametrize(
    ("sentence", "finding", "flagged"),
    [
        ("Vasko said the bridge would be closed for 18 weeks.", "number", "18 weeks"),
        ("The bridge will be closed from March 10", "date", "March 10"),
        ("Vasko said the city would raise bus fares", "negation", "raise"),
        ("“The council has not asked a single business owner", "misattribution", "Vasko"),
    ],
)
def test_planted_errors_are_caught_end_to_end(bridge, sentence, finding, flagged):
    claim = _claim(bridge, sentence)
    assert claim.verdict == "contradicted"
    assert finding in [f.type for f in claim.findings]
    assert flagged in [f.span.of(bridge.derived.text) for f in claim.findings if f.type == finding]


@pytest.mark.parametrize("start", ["Norberg's council voted", "Reiner voted against the plan"])
def test_faithful_sentences_are_supported_end_to_end(bridge, start):
    claim = _claim(bridge, start)
    assert claim.verdict == "supported", claim
    assert not bridge.consistent


HARBOUR = pathlib.Path(__file__).resolve().parents[2] / "examples" / "harbour-strike.txt"
HARBOUR_DERIVED = (
    "Its chief executive, Anton Ferris, warned that a strike would divert cargo to rival ports.\n"
    "Ferris warned that a strike would divert cargo to rival ports.\n"
    "Quenell warned that a strike would divert cargo to rival ports.\n"
    "The transport minister said a long dispute would help exporters.\n"
    "Lena Okafor said the government would intervene.\n"
)


@pytest.fixture(scope="module")
def harbour() -> Audit:
    return pipeline.check(HARBOUR.read_text(encoding="utf-8"), HARBOUR_DERIVED)


@pytest.mark.parametrize(
    ("sentence", "finding"),
    [
        ("Quenell warned", "misattribution"),
        pytest.param(
            "The transport minister said",
            "negation",
            marks=pytest.mark.xfail(strict=True, reason="WordNet 3.0 has no antonymy of help and hurt"),
        ),  # hurt -> help, by the right speaker
        ("Lena Okafor said the government", "negation"),  # she did not say whether it would
    ],
)
def test_speakers_and_opposites_end_to_end(harbour, sentence, finding):
    claim = _claim(harbour, sentence)
    assert claim.verdict == "contradicted", claim
    assert [f.type for f in claim.findings] == [finding]


def test_a_misattribution_shows_the_real_speakers_sentence(harbour):
    claim = _claim(harbour, "Quenell warned")
    evidence = [e.of(HARBOUR.read_text(encoding="utf-8")) for e in claim.evidence]
    assert any("Anton Ferris, warned" in e for e in evidence), evidence


def test_speaker_named_in_apposition_is_not_misattributed(harbour):
    for sentence in ("Its chief executive", "Ferris warned"):
        claim = _claim(harbour, sentence)
        assert "misattribution" not in [f.type for f in claim.findings], claim


def test_a_lower_case_summary_is_read_with_the_sources_capitals():
    derived = HARBOUR_DERIVED.lower()
    result = pipeline.check(HARBOUR.read_text(encoding="utf-8"), derived)
    assert result.derived.text == derived
    assert any("lower case" in w for w in result.warnings)
    claim = _claim(result, "quenell warned")
    assert [f.type for f in claim.findings] == ["misattribution"]
    assert claim.findings[0].span.of(derived) == "quenell"
    assert not _claim(result, "ferris warned").findings


def test_identical_texts_are_consistent():
    article = (FIXTURES / "bridge_article.txt").read_text(encoding="utf-8")
    result = pipeline.check(article, article, published=PUBLISHED)
    assert result.consistent
    assert all(c.verdict in ("supported", "no_claim") for c in result.sentences)
    assert sum(c.verdict == "supported" for c in result.sentences) >= 7


def test_bad_inputs_get_clear_errors():
    article = (FIXTURES / "bridge_article.txt").read_text(encoding="utf-8")
    with pytest.raises(InputError):
        pipeline.check(article, "   ")
    with pytest.raises(InputError):
        pipeline.check(article, "\x00\x01\x02binary\xff" * 20)
    with pytest.raises(InputError):
        pipeline.check(
            article,
            "Le conseil municipal a voté mardi la fermeture du pont de la rue Ostrava pour des travaux, "
            "a déclaré la maire. Les bus seront déviés par le quartier du port pendant quatorze semaines.",
        )
    from copydesk.config import Settings

    with pytest.raises(CheckError, match="more than the limit"):
        pipeline.check(article, article, settings=Settings(max_derived_chars=200))


@pytest.fixture(scope="module")
def seed() -> Audit:
    article = (SEED / "article.txt").read_text(encoding="utf-8")
    interview = (SEED / "interview.txt").read_text(encoding="utf-8")
    return pipeline.check(article, interview, published=dt.date(2024, 11, 8))


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="../shared/data/seed is not available")
class TestSeed:
    def test_invented_expert_is_a_fabricated_entity(self, seed):
        text = seed.derived.text
        flagged = {f.span.of(text) for f in seed.findings if f.type == "fabricated_entity"}
        assert "Dr. Elena Braginski" in flagged
        assert "Dr. Braginski" in flagged
        assert not any("Time.news" in name or "Editor" in name for name in flagged)

    def test_greetings_and_thanks_are_no_claim(self, seed):
        text = seed.derived.text
        pleasantries = [
            c for c in seed.sentences if c.span.of(text).startswith(("Good morning", "Thank you"))
        ]
        assert len(pleasantries) >= 5
        assert {c.verdict for c in pleasantries} == {"no_claim"}

    def test_opinion_on_us_support_is_unsupported(self, seed):
        claim = _claim(seed, "The U.S. military and economic support is paramount")
        assert claim.verdict == "unsupported"

    def test_trump_24_hours_line_is_supported_with_its_evidence(self, seed):
        claim = _claim(seed, "Trump’s campaign rhetoric was notably skeptical")
        assert claim.verdict == "supported"
        evidence = " ".join(e.of(seed.source.text) for e in claim.evidence)
        assert "end the war within 24 hours" in evidence

    def test_putin_terms_are_supported(self, seed):
        claim = _claim(seed, "Putin articulated his terms clearly")
        assert claim.verdict == "supported"
        evidence = " ".join(e.of(seed.source.text) for e in claim.evidence)
        assert "June 14" in evidence

    def test_seed_interview_is_not_consistent(self, seed):
        assert not seed.consistent


def test_turn_labels_attribute_only_for_people_of_the_source():
    transcript = (
        "Host: What is at stake?\n"
        "Marta Quenell: Every ship that turns away from Valmora this week may never come back.\n"
        "Host: And the strike?\n"
        "Dr. Sam Holt: Dock workers in Valmora will strike for 48 hours.\n"
    )
    result = pipeline.check(HARBOUR.read_text(encoding="utf-8"), transcript)
    ferris_words = _claim(result, "Every ship")
    assert ferris_words.verdict == "contradicted"
    assert [f.type for f in ferris_words.findings] == ["misattribution"]
    invented = [c for c in result.sentences if c.speaker == "Dr. Sam Holt"]
    assert [f.type for c in invented for f in c.findings] == ["fabricated_entity"]
    assert _claim(result, "Dock workers").verdict == "supported"


@pytest.fixture(scope="module")
def hospital() -> Audit:
    article = (FIXTURES / "hospital_article.txt").read_text(encoding="utf-8")
    summary = (FIXTURES / "hospital_summary.txt").read_text(encoding="utf-8")
    return pipeline.check(article, summary)


@pytest.mark.parametrize(
    ("sentence", "finding", "flagged"),
    [
        ("Finance director Priya Anand", "entity", "Finance director"),
        ("The nurses' union said", "negation", "consulted"),
        ("Colm Duffy called", "unsupported_content", "a decision taken in the open"),
        ("The union will seek talks", "date", "next month"),
        ("The Orrin Medical Association", "fabricated_entity", "Orrin Medical Association"),
        ("The hospital treated", "date", "2021"),
        ("The board will meet", "date", "March 21"),
    ],
)
def test_errors_an_editor_would_catch_in_a_summary(hospital, sentence, finding, flagged):
    claim = _claim(hospital, sentence)
    assert claim.verdict in ("unsupported", "contradicted")
    text = hospital.derived.text
    assert (finding, flagged) in [(f.type, f.span.of(text)) for f in claim.findings]


def test_faithful_sentences_of_the_hospital_summary_have_no_typed_finding(hospital):
    for start in ("Lakeside General Hospital will cut", "She said the cuts would affect offices"):
        claim = _claim(hospital, start)
        assert [f.type for f in claim.findings if f.type != "unsupported_content"] == []
