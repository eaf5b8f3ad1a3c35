"""Sentences, spans and errors of ``analyse``."""

from __future__ import annotations

import datetime as dt

import pytest

from copydesk.analyse import analyse
from copydesk.errors import AnalysisError, CopydeskError
from copydesk.model import Document

pytestmark = pytest.mark.slow


def test_lines_are_sentence_boundaries() -> None:
    text = "Harbour Strike Enters Third Week\n\nDockworkers walked out on Monday. Talks resumed on Friday."
    a = analyse(Document(text))
    assert [s.of(text) for s in a.sentences] == [
        "Harbour Strike Enters Third Week",
        "Dockworkers walked out on Monday.",
        "Talks resumed on Friday.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ('"Stop!" he shouted at the crowd. They ran.', ['"Stop!" he shouted at the crowd.', "They ran."]),
        ('The band\'s "Go Now!" tops the chart.', ['The band\'s "Go Now!" tops the chart.']),
        ('"Stop!" He ran.', ['"Stop!"', "He ran."]),
    ],
)
def test_a_lower_case_word_after_an_exclaimed_quotation_goes_on_with_the_sentence(text, sentences) -> None:
    assert [s.of(text) for s in analyse(Document(text)).sentences] == sentences


def test_a_name_is_not_split_into_two_sentences() -> None:
    text = (
        "Published: 14 March 2025\nHalvorsen Shipping said on Tuesday it would cut 1,200 jobs, about 8% "
        "of its workforce, as freight rates keep falling. The union was not consulted."
    )
    assert [s.of(text) for s in analyse(Document(text)).sentences] == [
        "Published: 14 March 2025",
        "Halvorsen Shipping said on Tuesday it would cut 1,200 jobs, about 8% of its workforce, as freight "
        "rates keep falling.",
        "The union was not consulted.",
    ]


def test_a_closing_quotation_mark_ends_its_sentence() -> None:
    text = (
        '"This is the most important investment in a generation," said board chair Miriam Okafor. '
        '"Without it, shipping lines will simply go elsewhere."\n\nThe lone vote came from Daniel Reyes.'
    )
    assert [s.of(text) for s in analyse(Document(text)).sentences] == [
        '"This is the most important investment in a generation," said board chair Miriam Okafor.',
        '"Without it, shipping lines will simply go elsewhere."',
        "The lone vote came from Daniel Reyes.",
    ]


@pytest.mark.parametrize(
    "dateline",
    ["NORBERG (Harbour Wire) - ", "NORBERG, Sweden -- ", "NEW NORBERG, March 3 (Wire) — ", "NORBERG – "],
)
def test_a_dateline_starts_the_first_sentence(dateline) -> None:
    text = f"Ferry budget approved\n\n{dateline}The council approved the budget on Monday. Work starts soon."
    assert [s.of(text) for s in analyse(Document(text)).sentences] == [
        "Ferry budget approved",
        f"{dateline}The council approved the budget on Monday.",
        "Work starts soon.",
    ]


def test_every_span_is_inside_the_text_and_the_text_is_unchanged() -> None:
    text = "  “We will reopen the mill,” owner Dara Quell said on Friday.\n\nWorkers cheered. "
    doc = Document(text)
    a = analyse(doc)
    assert a.document.text == text
    spans = list(a.sentences) + [m for x in a.actors for m in x.mentions]
    spans += [s for q in a.quotes for s in (q.content, q.cue, q.speaker) if s is not None]
    spans += [d.span for d in a.dates]
    assert spans and all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(s.of(text) == s.of(text).strip() for s in a.sentences)


def test_published_overrides_the_documents_date() -> None:
    text = "The mill closed yesterday, owner Dara Quell said."
    own = analyse(Document(text, published=dt.date(2024, 3, 5)))
    override = analyse(Document(text, published=dt.date(2024, 3, 5)), published=dt.date(2023, 1, 10))
    assert [d.value for d in own.dates] == ["2024-03-04"]
    assert [d.value for d in override.dates] == ["2023-01-09"]


def test_empty_and_blank_texts_give_empty_analyses() -> None:
    for text in ("", "   \n\n  "):
        a = analyse(Document(text))
        assert a.sentences == () and a.quotes == () and a.actors == ()


def test_text_too_long_for_the_model_is_an_analysis_error() -> None:
    with pytest.raises(AnalysisError, match="longer than the limit") as e:
        analyse(Document("word " * 200_001, id="huge"))
    assert isinstance(e.value, CopydeskError)
    assert e.value.doc_id == "huge"
    assert "\n" not in str(e.value)


def test_the_documents_warnings_stay_with_its_analysis() -> None:
    text = 'The caf\u00e9 owner said "the street will close.'
    a = analyse(Document(text, warnings=("decoded as cp1252 (the input is not UTF-8)",)))
    assert a.warnings[0] == "decoded as cp1252 (the input is not UTF-8)"
    assert any("unbalanced quote mark" in w for w in a.warnings[1:])
    assert a.to_dict()["warnings"] == list(a.warnings)


def test_the_analysis_has_one_token_layer() -> None:
    text = "Mayor Ann Lee said the bridges won't reopen.\n\nShe left on Monday."
    a = analyse(Document(text))
    toks = a.tokens
    assert len(toks) > 10 and all(toks[i].of(text).strip() for i in range(len(toks)))  # no whitespace
    by_text = {t.of(text): t for t in toks}
    assert by_text["said"].lemma == "say" and by_text["said"].stop
    assert by_text["bridges"].lemma == "bridge" and by_text["bridges"].pos == "NOUN"
    assert by_text["Lee"].ent == "PERSON" and not by_text["Lee"].stop
    assert by_text["n't"].lemma == "not"
    assert [t.of(text) for t in a.words(0, 12)] == ["Mayor", "Ann"]
