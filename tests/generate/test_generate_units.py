"""Units: whole quotations, what a passage leans on, and what it can be asked about."""

from __future__ import annotations

import pytest
from conftest import FERRY, find, with_references

from copydesk.generate.units import build_units, focus_terms, quotation_regions, speaker_of
from copydesk.model import Actor, Analysis, Document, Quote, Span


def _units(analysis: Analysis):
    units, warnings = build_units(analysis)
    return units, warnings


def _plain(text: str, actors=(), quotes=()) -> Analysis:
    """An analysis with one sentence per line (the way the tests write their articles)."""
    sentences = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            sentences.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return Analysis(Document(text=text), tuple(sentences), tuple(actors), tuple(quotes))


def test_units_skip_the_credit_line_and_say_so(ferry: Analysis) -> None:
    units, warnings = _units(ferry)
    assert not any("Alder Wire" in u.span.of(FERRY) for u in units)
    assert any("source credit" in w for w in warnings)


def test_a_two_sentence_quotation_is_one_unit(ferry: Analysis) -> None:
    units, _ = _units(ferry)
    quote = next(u for u in units if "Nobody on this council" in u.span.of(FERRY))
    assert quote.size == 2
    assert quote.span.of(FERRY).endswith("Marsh said.")


def test_a_quotation_carried_over_a_paragraph_break_is_one_unit() -> None:
    text = (
        "The union met on Friday.\n"
        "“This is not about money,” Ada Quell said. “It is about people who cannot pay their rent.\n"
        "“We are ready to talk tomorrow.”\n"
        "The authority did not reply.\n"
    )
    units, _ = _units(_plain(text))
    quote = next(u for u in units if "not about money" in u.span.of(text))
    assert quote.span.of(text).endswith("ready to talk tomorrow.”")
    assert [r.of(text)[:6] for r in quotation_regions(text)] == ["“This ", "“It is"]
    assert quotation_regions(text)[1].of(text).endswith("tomorrow.”")


@pytest.mark.parametrize(
    ("second", "leans"),
    [
        ("That would seem unlikely, the minister said.", True),
        ("The remainder will go to the schools.", True),
        ("Such plans have failed before.", True),
        ("The opposition rejected them on Monday.", True),
        ("But they did not say when.", True),
        ("It is unclear whether the council will agree.", False),
        ("The council meets again in June.", False),
    ],
)
def test_a_passage_that_leans_on_the_one_before_says_so(second: str, leans: bool) -> None:
    text = f"The council proposed to sell the old ferry for 2 million euros.\n{second}\n"
    units, _ = _units(_plain(text))
    assert units[1].needs_previous is leans


def test_a_pronoun_speaker_leans_on_its_antecedent_unless_the_analyser_resolved_it(ferry: Analysis) -> None:
    units, _ = _units(ferry)
    she_added = next(u for u in units if "she added" in u.span.of(FERRY))
    assert she_added.needs_previous
    she = find(FERRY, "she", after="work,”")
    units, _ = _units(with_references(ferry, [(she, "marsh")]))
    she_added = next(u for u in units if "she added" in u.span.of(FERRY))
    assert not she_added.needs_previous


def test_a_pronoun_speaker_is_trusted_only_through_the_analysers_references(ferry: Analysis) -> None:
    quote = next(q for q in ferry.quotes if q.cue is not None and q.cue.of(FERRY) == "added")
    assert quote.actor == "marsh"
    assert speaker_of(ferry, quote) is None
    assert speaker_of(with_references(ferry, [(quote.speaker, "marsh")]), quote) == "marsh"
    assert speaker_of(with_references(ferry, [(quote.speaker, "kovac")]), quote) is None


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "kind", "trusted"),
    [
        ("Valmora said the port would close.", "Valmora", "said", "GPE", False),
        ("Ukraine rejected the terms at once.", "Ukraine", "rejected", "GPE", True),
        ("Valmora said the port would close.", "Valmora", "said", "OTHER", False),
        ("Valmora said the port would close.", "Valmora", "said", "ORG", True),
        ("LONDON said the port would close.", "LONDON", "said", "ORG", False),
    ],
)
def test_only_people_and_organisations_speak(
    text: str, speaker: str, cue: str, kind: str, trusted: bool
) -> None:
    """A place speaks only as a government reacting ("Ukraine rejected"); a dateline never."""
    at, c = find(text, speaker), find(text, cue)
    actor = Actor("x", speaker, kind, mentions=(at,))  # type: ignore[arg-type]
    q = Quote(Span(c.end + 1, len(text) - 1), "indirect", at, c, "x", speaker)
    assert (speaker_of(_plain(text + "\n", [actor], [q]), q) == "x") is trusted


def test_a_description_without_the_name_is_not_repeated_as_a_name() -> None:
    """The analyser may link "the spokesman" to a name it read nearby (even inside the quote);
    a question names a speaker only where the article names them as one."""
    text = "“The minister has made his views on Tomas Brek clear,” the spokesman said.\n"
    brek = Actor("brek", "Tomas Brek", "PERSON", mentions=(find(text, "Tomas Brek"),))
    q = Quote(
        find(text, "“The minister has made his views on Tomas Brek clear,”"),
        "direct",
        find(text, "the spokesman"),
        find(text, "said"),
        "brek",
        "Tomas Brek",
    )
    assert speaker_of(_plain(text, [brek], [q]), q) is None


def test_a_statement_inside_another_speakers_words_is_not_theirs() -> None:
    text = "The ministry said Ada Quell intends to resign.\n"
    ministry = Actor("m", "ministry", "ORG", mentions=(Span(4, 12),))
    quell = Actor("q", "Ada Quell", "PERSON", mentions=(Span(18, 27),))
    outer = Quote(Span(18, 45), "indirect", Span(0, 12), Span(13, 17), "m", "ministry")
    inner = Quote(Span(36, 45), "indirect", Span(18, 27), Span(28, 35), "q", "Ada Quell")
    units, _ = _units(_plain(text, [ministry, quell], [outer, inner]))
    assert units[0].speakers == ("m",)


@pytest.mark.parametrize(
    ("sentence", "flag"),
    [
        ("The county government declined to comment.", "open"),
        ("She did not say whether the government would intervene.", "open"),
        ("The committee raised $2.1 million in October.", "amount"),
        ("Local teachers collected 3,000 signatures.", "amount"),
    ],
)
def test_markers(sentence: str, flag: str) -> None:
    units, _ = _units(_plain(sentence + "\n"))
    assert getattr(units[0], flag)


def test_reasons_and_what_comes_next_are_read_from_attributed_statements(ferry: Analysis) -> None:
    units, _ = _units(ferry)
    rejected = next(u for u in units if "rejected the conditions" in u.span.of(FERRY))
    assert rejected.reason and rejected.reaction
    lead = units[0]
    assert lead.outlook, "the council will vote: an attributed statement about what comes next"


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (
            "Ferry fares frozen\n\n"
            "The council froze ferry fares on Monday after a long debate.\nMore follows here today.\n",
            True,
        ),
        ("The council froze ferry fares on Monday after a long debate.\nMore follows here today.\n", False),
    ],
)
def test_a_short_first_line_before_a_blank_line_is_the_headline(text: str, headline: bool) -> None:
    units, warnings = _units(_plain(text))
    assert units[0].span.of(text).startswith("The council froze")
    assert any("headline" in w for w in warnings) is headline


def test_focus_terms_drop_function_words() -> None:
    assert focus_terms("What about the petition signatures?") == ("petition", "signatures")
    assert focus_terms(None) == ()
