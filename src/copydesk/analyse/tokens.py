"""The token layer: every token of a text, once, with its lemma, part of speech, entity and
stop-word flag.

Reads: a parsed spaCy ``Doc``. Writes: ``Tokens`` (columns of offsets and strings, see
``copydesk.model``), the one tokenisation every later stage reads: the checker compares words by
these lemmas and never splits a text itself. Whitespace tokens are left out; a token's span is
``[token.idx, token.idx + len(token.text))``, so it never cuts a character sequence spaCy kept
whole. The stop flag marks the language's stop words (``copydesk/lang/en/stop_words.txt``,
section ``content``), compared in lower case with straight apostrophes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk import lang
from copydesk.model import Tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

STOP_WORDS = lang.words("stop_words", "content")


def token_table(doc: Doc) -> Tokens:
    """The tokens of a parsed document, whitespace left out."""
    from spacy.attrs import ENT_TYPE, IDX, LEMMA, LENGTH, POS

    if len(doc) == 0:
        return Tokens()
    strings = doc.vocab.strings
    text = doc.text
    starts: list[int] = []
    ends: list[int] = []
    lemmas: list[str] = []
    pos: list[str] = []
    ents: list[str] = []
    stops: list[bool] = []
    names: dict[int, str] = {}

    def name(i: int) -> str:
        if i not in names:
            names[i] = strings[i] if i else ""
        return names[i]

    for idx, length, lemma, tag, ent in doc.to_array([IDX, LENGTH, LEMMA, POS, ENT_TYPE]).tolist():
        word = text[idx : idx + length]
        if not word.strip():
            continue
        starts.append(idx)
        ends.append(idx + length)
        lemmas.append(name(lemma).lower() or word.lower())
        pos.append(name(tag))
        ents.append(name(ent))
        stops.append(word.lower().replace("’", "'") in STOP_WORDS)
    return Tokens(tuple(starts), tuple(ends), tuple(lemmas), tuple(pos), tuple(ents), tuple(stops))
