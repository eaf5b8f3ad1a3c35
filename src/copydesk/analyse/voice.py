"""The author's voice: sentences in the first person outside quotations, and the genre it tells.

Reads: the text, the sentence spans, the quotation regions of ``quotemarks`` and the page
furniture of the document. Writes: the author-voice sentences (``Analysis.author_voice``) and,
when ingest found no genre label, the genre with its evidence.

A columnist writes "I" and "we" in running text; a reporter almost never does, and the people a
report quotes say "I" inside quotation marks. The share of the sentences outside quotations
(and outside furniture) that hold a first-person pronoun outside quotation marks separates the
two; the threshold and the fewest sentences it needs are data (``data/genre.json``), fitted by
``benchmarks/genre.py`` from a measurement, not typed here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from copydesk import lang
from copydesk.analyse.quotemarks import QuoteRegion
from copydesk.model import Genre, Span

GENRE_FILE = Path(__file__).resolve().parent.parent / "data" / "genre.json"
FIRST_PERSON = re.compile(
    r"(?<![\w’'])(?:I|me|my|mine|myself|[Ww]e|us|[Oo]ur|ours|ourselves|My|Me)(?![\w’'-])"
)
"""First-person pronouns ("US" in capitals is the country, so only "us" counts)."""
NOT_PRONOUN_BEFORE = lang.words("names", "numeral_i_contexts")
"""Words after which a capital "I" is a numeral ("World War I", "Phase I", "Elizabeth I")."""
TURN_LABEL = re.compile(
    r"(?:^|(?<=[.!?”\"’]\s))[ \t]*(?:Q|A|[A-Z][A-Za-z.'’\-]*(?:[ \t][A-Z][A-Za-z.'’\-]*){0,3})"
    r":[ \t]+(?=[\"“A-Z])",
    re.M,
)
"""The label of a transcript turn ("Q: ...", "A: ...", "FALLIN: ...", "Ana Ruiz: ...") at the
start of a line or a sentence: what follows, to the next label or the end of the paragraph, is
the speaker's, not the author's."""


@dataclass(frozen=True)
class GenreRule:
    """The fitted rule: an article with at least ``min_sentences`` sentences outside quotations
    is an opinion piece when at least ``threshold`` of them are in the author's voice."""

    threshold: float
    min_sentences: int


@cache
def genre_rule() -> GenreRule:
    """The rule stored in ``data/genre.json``."""
    d = json.loads(GENRE_FILE.read_text(encoding="utf-8"))
    return GenreRule(float(d["threshold"]), int(d["min_sentences"]))


def _first_person(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> bool:
    for m in FIRST_PERSON.finditer(text, start, end):
        at = m.start()
        if any(a <= at < b for a, b in quoted):
            continue
        word = m.group()
        if word == "I":
            before = text[max(start, at - 20) : at].split()
            if before and before[-1].lower().strip(",;:") in NOT_PRONOUN_BEFORE:
                continue
        elif word[0].isupper():
            after = text[m.end() : min(end, m.end() + 30)].split()
            if after and after[0][:1].isupper():
                continue  # a name or a title: "Our Principles PAC", "My Family Divided"
        return True
    return False


def read_voice(
    text: str,
    sentences: Sequence[Span],
    regions: Sequence[QuoteRegion],
    furniture: Sequence[Span] = (),
) -> tuple[list[Span], int]:
    """The author-voice sentences, and how many sentences are outside quotations.

    A sentence counts when it is not (mostly) furniture, not in a transcript turn (``_turns``)
    and not wholly inside quotation marks; it is in the author's voice when a first-person
    pronoun stands in it outside quotation marks.
    """
    quoted = sorted((p.start, p.end) for r in regions for p in r.parts)
    turns = _turns(text)
    voice: list[Span] = []
    counted = 0
    for s in sentences:
        if any(2 * (min(f.end, s.end) - max(f.start, s.start)) >= len(s) for f in furniture):
            continue
        if any(a <= s.start < b for a, b in turns):
            continue
        letters = [i for i in range(s.start, s.end) if text[i].isalnum()]
        if letters and all(any(a <= i < b for a, b in quoted) for i in (letters[0], letters[-1])):
            continue
        counted += 1
        if _first_person(text, s.start, s.end, quoted):
            voice.append(s)
    return voice, counted


def _turns(text: str) -> list[tuple[int, int]]:
    """The spans of transcript turns: from a turn label to the next one or the end of its line."""
    labels = [m.start() for m in TURN_LABEL.finditer(text)]
    out = []
    for k, start in enumerate(labels):
        line_end = text.find("\n", start)
        end = len(text) if line_end < 0 else line_end
        if k + 1 < len(labels):
            end = min(end, labels[k + 1])
        out.append((start, end))
    return out


def genre_from_voice(voice: int, counted: int, rule: GenreRule | None = None) -> tuple[Genre | None, str]:
    """The genre the author's voice tells, with its evidence in words (None when there are too
    few sentences to tell)."""
    rule = rule or genre_rule()
    if counted < rule.min_sentences:
        return None, (
            f"first person in {voice} of {counted} sentences outside quotations: too few sentences "
            f"to tell (at least {rule.min_sentences})"
        )
    share = voice / counted
    genre: Genre = "opinion" if share >= rule.threshold else "news"
    return genre, (
        f"first person in {voice} of {counted} sentences outside quotations "
        f"({share:.2f}; opinion from {rule.threshold:.2f})"
    )
