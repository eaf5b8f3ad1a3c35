"""Who speaks and when: invented speakers and outlets in transcripts, a pronoun speaker given to
the wrong person, and relative dates no publication date resolves. Original texts, analysed by
the real analyser; the lexical stand-ins of ``conftest`` score the evidence."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from copydesk import pipeline
from copydesk.check import audit
from copydesk.config import Settings
from copydesk.model import Audit, Document

pytestmark = pytest.mark.slow

SOURCE = (
    "Valmora council approved the harbour plan on Monday after a long debate. "
    "Mayor Ana Ruiz said the work would start in May and cost 4 million euros. "
    "Union leader Tom Berg said shops along the quay would lose trade during the works."
)


def _audit(source: str, derived: str, retriever, scorer, published: dt.date | None = None) -> Audit:
    src = pipeline.analyse(Document(source), published=published)
    der = pipeline.analyse(Document(derived), published=published)
    return audit(src, der, settings=Settings(), retriever=retriever, scorer=scorer)


def _claim(result: Audit, starts_with: str):
    text = result.derived.text
    (hit,) = [c for c in result.sentences if c.span.of(text).startswith(starts_with)]
    return hit


def _rules(claim) -> set[str]:
    return {f.rule for f in claim.findings}


TRANSCRIPT = (
    "Valmora Daily Editor: What did the council decide?\n"
    "Harbour Expert: The council approved the harbour plan on Monday. "
    "When I advised the delegation, I warned them about the costs. "
    "I have covered this beat for twenty years. I think the work will start in May.\n"
    "Valmora Daily Editor: Is there more?\n"
    "Harbour Expert: Valmora Daily has learned that the mayor will resign next year.\n"
    "Ana Ruiz: I said the work would start in May.\n"
)


def test_a_first_person_claim_by_a_speaker_the_source_never_mentions(fake_retriever, fake_scorer):
    result = _audit(SOURCE, TRANSCRIPT, fake_retriever, fake_scorer)
    for start in ("When I advised the delegation", "I have covered this beat"):
        claim = _claim(result, start)
        assert claim.verdict != "supported"
        (found,) = [f for f in claim.findings if f.rule == "first_person"]
        assert found.type == "fabricated_entity" and found.span.of(result.derived.text) == "I"
    # the facts the same speaker restates, a view ("I think"), and a person of the source
    # speaking as themselves are not invented persons
    assert _claim(result, "The council approved").verdict == "supported"
    assert "first_person" not in _rules(_claim(result, "I think the work"))
    assert "first_person" not in _rules(_claim(result, "I said the work"))


def test_a_fact_credited_to_an_outlet_the_source_never_mentions(fake_retriever, fake_scorer):
    result = _audit(SOURCE, TRANSCRIPT, fake_retriever, fake_scorer)
    claim = _claim(result, "Valmora Daily has learned")
    (found,) = [f for f in claim.findings if f.type == "fabricated_entity"]
    assert found.rule == "credited_outlet" and found.span.of(result.derived.text) == "Valmora Daily"
    assert claim.verdict != "supported"


def test_an_outlet_the_source_names_may_be_credited(fake_retriever, fake_scorer):
    source = SOURCE + " Reuters reported the vote."
    result = _audit(source, "Reuters has learned that the council approved the harbour plan.", *[
        fake_retriever, fake_scorer
    ])  # fmt: skip
    assert not any(f.type == "fabricated_entity" for f in result.findings)


@pytest.mark.parametrize(
    ("source", "derived", "why"),
    [
        # the pronoun is a woman's, and Berg a man (the analyser could not tell who "she" is)
        (
            'Ana Ruiz and Maria Lopez met union leader Tom Berg on Monday. "We cannot wait," she '
            'said. "The harbour plan will cost jobs."',
            "Tom Berg said the harbour plan will cost jobs.",
            "misattribution",
        ),
        # Lopez is named only inside the quotation: she is not who "she" is
        (
            'Ana Ruiz spoke after the vote. "Maria Lopez warned us months ago," she said. '
            '"The harbour plan will cost jobs."',
            "Maria Lopez said the harbour plan will cost jobs.",
            "misattribution",
        ),
        # the pronoun may be Ruiz: no speaker was changed
        (
            'Ana Ruiz spoke after the vote. "Maria Lopez warned us months ago," she said. '
            '"The harbour plan will cost jobs."',
            "Ana Ruiz said the harbour plan will cost jobs.",
            None,
        ),
    ],
)
def test_a_pronoun_speaker_given_to_someone_it_cannot_be(fake_retriever, fake_scorer, source, derived, why):
    result = _audit(source, derived, fake_retriever, fake_scorer)
    (claim,) = result.sentences
    types = {f.type for f in claim.findings}
    if why is None:
        assert "misattribution" not in types
    else:
        assert why in types and claim.verdict == "contradicted"


DATED = "The union struck in March 2022, and the council met in May 2023 to settle the dispute."


def test_a_relative_date_no_publication_date_resolves_is_no_contradiction(fake_retriever, fake_scorer):
    result = _audit(DATED, "The union struck last March.", fake_retriever, fake_scorer)
    (claim,) = result.sentences
    assert not any(f.type == "date" and f.contradicts for f in claim.findings)
    assert claim.verdict != "contradicted"


def test_with_a_publication_date_the_relative_date_is_judged(fake_retriever, fake_scorer):
    published = dt.date(2023, 6, 1)  # "last March" is March 2023
    result = _audit(DATED, "The union struck last March.", fake_retriever, fake_scorer, published)
    (claim,) = result.sentences
    assert any(f.type == "date" and f.contradicts for f in claim.findings)


def test_pairs_rows_take_a_publication_date(tmp_path):
    rows = [
        {"id": "a", "source": DATED, "derived": "The union struck last March."},
        {"id": "b", "source": DATED, "derived": "The union struck last March.", "published": "2023-06-01"},
        {"id": "c", "source": DATED, "derived": "The union struck.", "published": "June 2023"},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = {r["id"]: r for r in pipeline.check_pairs(str(path))}
    dated = [f for s in out["b"]["sentences"] for f in s["findings"] if f["type"] == "date"]
    assert dated and all(f["relation"] == "contradicts" for f in dated)
    assert out["b"]["source"]["published"] == "2023-06-01"
    assert not any(
        f["type"] == "date" and f["relation"] == "contradicts"
        for s in out["a"]["sentences"]
        for f in s["findings"]
    )
    assert "published" in out["c"]["error"]
