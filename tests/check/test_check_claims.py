"""Layout and claim splitting: transcripts, labels, titles, pleasantries, questions."""

from __future__ import annotations

import pytest
from check_helpers import analysed, tokens_of

from copydesk.check.claims import claims, classify, layout, parse_label
from copydesk.model import Analysis, Document

TRANSCRIPT = (
    "Interview between Valmora Daily Editor and Maritime Economist Dr. Pia Lorentzen\n"
    "Valmora Daily Editor: Good morning. Thank you for joining us.\n"
    "Dr. Pia Lorentzen: Thank you for having me. The port handled 3.2 million containers last year.\n"
    "Valmora Daily Editor: Exactly. What comes next?\n"
    "Dr. Lorentzen: Talks may resume.\n"
    "That is my view.\n"
)


def test_transcript_layout_title_and_turns():
    lay = layout(analysed(TRANSCRIPT))
    assert lay.is_transcript
    assert lay.title is not None and lay.title.of(TRANSCRIPT).startswith("Interview between")
    labels = [t.label.span.of(TRANSCRIPT) for t in lay.turns]
    assert labels == ["Valmora Daily Editor", "Dr. Pia Lorentzen", "Valmora Daily Editor", "Dr. Lorentzen"]
    names = [[n.of(TRANSCRIPT) for n in t.label.names] for t in lay.turns]
    assert names == [[], ["Dr. Pia Lorentzen"], [], ["Dr. Lorentzen"]]
    title_names = [n.of(TRANSCRIPT) for label in lay.title_labels for n in label.names]
    assert title_names == ["Dr. Pia Lorentzen"]
    assert {"valmora", "daily", "editor"} <= lay.frame_words()
    # A continuation line belongs to the turn before it.
    assert lay.turns[-1].content.of(TRANSCRIPT) == "Talks may resume.\nThat is my view."


@pytest.mark.parametrize(
    ("label", "names"),
    [
        ("Time.news Editor", []),
        ("Geopolitical Expert Dr. Elena Braginski", ["Dr. Elena Braginski"]),
        ("Desk analyst (automated; answers only from the article)", []),
        ("Jana Holm, Harbour Gazette reporter", ["Jana Holm"]),
        ("Host", []),
        ("Q", []),
        ("Karl Brenner", ["Karl Brenner"]),
    ],
)
def test_parse_label(label, names):
    parsed = parse_label(analysed(label), 0, len(label))
    assert [n.of(label) for n in parsed.names] == names


@pytest.mark.parametrize(
    "text",
    [
        "## Interview with Dr. Pia Lorentzen\n\n**Editor:** What comes next?\n\n"
        "**Dr. Pia Lorentzen:** Talks may resume.\n",
        "**Interview with Dr. Pia Lorentzen**\n**Editor**: What comes next?\n"
        "**Dr. Pia Lorentzen**: Talks may resume.\n",
        "Interview with Dr. Pia Lorentzen\n- *Editor:* What comes next?\n"
        "- *Dr. Pia Lorentzen:* Talks may resume.\n",
    ],
)
def test_markdown_transcript_labels(text):
    lay = layout(analysed(text))
    assert [t.label.span.of(text) for t in lay.turns] == ["Editor", "Dr. Pia Lorentzen"]
    assert [t.content.of(text) for t in lay.turns] == ["What comes next?", "Talks may resume."]
    assert [n.of(text) for label in lay.title_labels for n in label.names] == ["Dr. Pia Lorentzen"]


@pytest.mark.parametrize(
    ("text", "turns"),
    [
        ("Guest: The port handled 3.2 million containers last year.", 1),
        ("Maritime Expert: The port handled 3.2 million containers last year.", 1),
        ("Warning: the port handled 3.2 million containers last year.", 0),
        ("Lorentzen: The port handled 3.2 million containers last year.", 0),
        ("Guest: The port handled 3.2 million containers.\nThe union said talks would resume.", 0),
    ],
)
def test_a_single_turn_is_a_transcript_when_its_label_is_a_role(text, turns):
    """One ``Label: text`` line is a turn when the label names a role; a name alone may be any
    ``Word: text`` line, and one turn among prose lines is no transcript."""
    assert len(layout(analysed(text)).turns) == turns


def test_prose_is_not_a_transcript():
    text = "Note: the port reopened on Monday.\nThe union said talks would resume.\nSource: Valmora Wire"
    assert not layout(analysed(text)).is_transcript


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Good morning, Dr. Lorentzen.", "pleasantry"),
        ("Thank you for joining us today.", "pleasantry"),
        ("Thanks for having me.", "pleasantry"),
        ("It's a pleasure to be here.", "pleasantry"),
        ("Your insights are invaluable as we watch these events unfold.", "pleasantry"),
        ("Exactly.", "filler"),
        ("Indeed.", "filler"),
        ("That's right.", "filler"),
        ("You're absolutely right.", "filler"),
        ("That is a fair point.", "filler"),
        ("It's difficult to predict with certainty.", "filler"),
        ("It is too early to say.", "filler"),
        ("What does this imply for any potential negotiations?", "question"),
        ("Lastly, as both sides navigate this landscape, do you foresee any shifts?", "question"),
        ("Tell us more about the strike.", "request to the other speaker"),
        ("This interview was generated automatically from the article.", "a note about the text itself"),
        ("Source: the article as supplied (it carries no source credit)", "a credit or caption"),
        ("Photo: Dock workers at the gate.", "a credit or caption"),
        ("—", "no words"),
    ],
)
def test_sentences_without_claims(sentence, reason):
    check, got = classify(analysed(sentence), 0, len(sentence))
    assert check is None
    assert got == reason


@pytest.mark.parametrize(
    ("sentence", "checked"),
    [
        ("Thanks to new cranes, the port handled more containers.", None),
        ("That's true of most ports on the coast.", None),
        ("It is too early to say whether the port will reopen in May.", None),
        (
            "With the union's statement that the strike will last 48 hours, how will shippers cope?",
            "the union's statement that the strike will last 48 hours",
        ),
        (
            "The minister claimed the talks would resume in a week — is that realistic?",
            "The minister claimed the talks would resume in a week",
        ),
    ],
)
def test_claims_are_checked(sentence, checked):
    check, reason = classify(analysed(sentence), 0, len(sentence))
    assert reason is None
    assert check is not None
    assert check.of(sentence) == (checked or sentence)


def test_claims_of_a_transcript_carry_speaker_and_skip_labels():
    found = claims(analysed(TRANSCRIPT))
    texts = [(c.span.of(TRANSCRIPT), c.check is not None, c.speaker) for c in found]
    assert ("Good morning.", False, "Valmora Daily Editor") in texts
    assert ("The port handled 3.2 million containers last year.", True, "Dr. Pia Lorentzen") in texts
    assert ("Talks may resume.", True, "Dr. Lorentzen") in texts
    assert not any("Interview between" in t for t, _, _ in texts)
    assert not any(t.startswith("Dr. Pia Lorentzen:") for t, _, _ in texts)


def test_analysis_sentences_are_clipped_to_turns():
    text = "Editor: Hello there. What now?\nGuest: The port is closed.\n"
    doc = Document(text)
    from copydesk.model import Span

    # An analyser sentence that swallows a label and runs across the line break.
    analysis = Analysis(doc, (Span(0, 20), Span(21, len(text) - 1)), tokens=tokens_of(text))
    found = [c.span.of(text) for c in claims(analysis)]
    assert found == ["Hello there.", "What now?", "The port is closed."]


def test_a_closing_quote_mark_split_off_its_sentence_stays_with_it():
    from copydesk.model import Span

    text = 'Anand said: "We protected every role. The cuts fall on offices."'
    end = text.index("offices.") + len("offices.")
    sentences = (Span(0, 37), Span(38, end), Span(end, len(text)))
    analysis = Analysis(Document(text), sentences, tokens=tokens_of(text))
    assert [c.span.of(text) for c in claims(analysis)] == [
        'Anand said: "We protected every role.',
        'The cuts fall on offices."',
    ]
