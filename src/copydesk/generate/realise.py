"""Realisation of answers: the article's sentences, verbatim or changed only where it is proven.

Every answer sentence is one sentence of the article. It is restated in two ways only, each
recorded as an :class:`~copydesk.model.Edit`:

- ``pronoun``: a pronoun that opens the sentence, or that is the speaker of one of its
  quotations, becomes the name of the actor ``Analysis.references`` resolves it to (the
  analyser checks gender and number and never takes an antecedent from inside a quote); the
  sentence holding the antecedent's name is cited too;
- ``date``: a relative date ("yesterday", "on Monday") becomes the absolute date the analyser
  resolved it to, and only when the article's publication date is known.

Anything else keeps the article's sentence verbatim, punctuation included. Each sentence is
realised as a list of variants, edited first and verbatim last, so that the self-check can
fall back to the article's own words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from copydesk.generate import furniture
from copydesk.generate.lexicon import (
    DATE_DETERMINERS,
    DATE_PREPOSITIONS,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    RELATIVE_DATE_RE,
    SUBJECT_PRONOUNS,
    TOPIC_STOP,
)
from copydesk.generate.names import Namer, capitalise, squash
from copydesk.generate.references import antecedent, reference
from copydesk.generate.units import Unit, quoted_regions, words
from copydesk.model import MONTH_NAMES, Analysis, DateMention, Edit, Span


def absolute_date(value: str | None) -> tuple[str, str] | None:
    """An ISO value as words and the preposition it takes: ``("November 7, 2024", "on")``.

    Ranges and unresolved values give None.
    """
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = (int(x) for x in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{MONTH_NAMES[mo - 1]} {d}, {y}", "on"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = (int(x) for x in m.groups())
        if 1 <= mo <= 12:
            return f"{MONTH_NAMES[mo - 1]} {y}", "in"
    if re.fullmatch(r"\d{4}", value):
        return value, "in"
    return None


def _inside(regions: Iterable[Span], s: Span) -> bool:
    return any(r.overlaps(s) for r in regions)


def date_edit(text: str, date: DateMention) -> str | None:
    """The absolute restatement of a relative date mention, or None to leave it as it is."""
    absolute = absolute_date(date.value)
    if absolute is None:
        return None
    surface = squash(date.span.of(text))
    m = RELATIVE_DATE_RE.match(surface)
    if not m:
        return None
    if text[date.span.end : date.span.end + 2] in ("’s", "'s"):
        return None
    phrase, prep = absolute
    before = words(text[max(0, date.span.start - 20) : date.span.start])
    after = re.match(r"\s*([A-Za-z]+)", text[date.span.end : date.span.end + 30])
    if before and before[-1].lower() in DATE_DETERMINERS:
        return None  # "a Tuesday interview": the date describes a noun, it is no adverb
    if after and after.group(1).islower() and after.group(1) not in TOPIC_STOP:
        return None
    word = m.group("word").lower()
    if word in ("week", "month", "year"):
        if m.group("prep") is None:
            return None
        granularity = {"week": None, "month": r"\d{4}-\d{2}", "year": r"\d{4}"}[word]
        if granularity is None or not re.fullmatch(granularity, date.value or ""):
            return None
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.value or ""):
        return None
    if (m.group("prep") or "").lower() == "on":
        return f"on {phrase}"
    if before and before[-1].lower() in DATE_PREPOSITIONS:
        return phrase
    return f"{prep} {phrase}"


@dataclass(frozen=True)
class Sentence:
    """One realised answer sentence: its text, the article spans it rests on, its edits."""

    text: str
    citations: tuple[Span, ...]
    unit: int
    source: Span
    edits: tuple[Edit, ...] = ()

    @property
    def edited(self) -> bool:
        return bool(self.edits)


class Realiser:
    """Realises the article's sentences as answer sentences."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.namer = Namer(analysis)
        self._sentences = sorted(analysis.sentences)
        self._starts = [s.start for s in self._sentences]

    def sentence_of(self, pos: int) -> Span | None:
        """The analyser's sentence holding ``pos``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self._sentences[i].start <= pos < self._sentences[i].end:
            return self._sentences[i]
        return None

    def _pronoun_edits(self, sentence: Span, unit: Unit) -> list[tuple[Span, str, str]]:
        """``(mention, replacement, actor)`` for the pronouns of a sentence the analyser
        resolved: one that opens the sentence (after "And", "But" ...), and the pronoun
        speakers of the unit's quotations."""
        text = self.text
        targets: list[Span] = []
        m = re.match(r"\W*(?:(?:and|but|so|yet|still|also|then)\W+)?(\w+)", sentence.of(text), re.IGNORECASE)
        if m:
            targets.append(Span(sentence.start + m.start(1), sentence.start + m.end(1)))
        for k in unit.quotes:
            q = self.analysis.quotes[k]
            if q.speaker is not None and sentence.start <= q.speaker.start < sentence.end:
                targets.append(q.speaker)
        out: list[tuple[Span, str, str]] = []
        seen: set[Span] = set()
        for span in targets:
            word = span.of(text)
            low = word.lower()
            if span in seen or low not in PRONOUNS:
                continue
            seen.add(span)
            actor = antecedent(self.analysis, span)
            if actor is None:
                continue
            name = self.namer.short(actor)
            if name is None:
                continue
            at_start = span.start == sentence.start or not re.search(r"\w", text[sentence.start : span.start])
            if low in SUBJECT_PRONOUNS:
                replacement = name
            elif low in POSSESSIVE_PRONOUNS and at_start:
                replacement = self.namer.possessive(name)
            else:
                continue
            if at_start or word[:1].isupper():
                replacement = capitalise(replacement)
            out.append((span, replacement, actor))
        return out

    def _date_edits(self, sentence: Span, unit: Unit) -> list[tuple[Span, str]]:
        """Relative dates outside quotations, resolved against a known publication date."""
        if self.analysis.document.published is None:
            return []
        regions = quoted_regions(self.text, sentence)
        out = []
        for k in unit.dates:
            d = self.analysis.dates[k]
            if not (sentence.start <= d.span.start and d.span.end <= sentence.end) or _inside(
                regions, d.span
            ):
                continue
            edit = date_edit(self.text, d)
            if edit is not None:
                out.append((d.span, edit))
        return out

    def realise(self, unit: Unit) -> list[list[Sentence]]:
        """For each sentence of a unit, its variants: edited first, the article's words last.

        A sentence in the author's own voice has one variant only, attributed to the author
        ("The author writes: “But I would not count on it.”"): it is never the guest's own.
        """
        out: list[list[Sentence]] = []
        voice = [v for v in furniture.author_voice(self.analysis) if v.overlaps(unit.span)]
        for sentence in unit.sentences:
            if any(v.overlaps(sentence) for v in voice):
                label = furniture.author_label(self.analysis)
                words_ = squash(sentence.of(self.text))
                text = f"{label} writes: “{words_}”"
                out.append(
                    [Sentence(text, (sentence,), unit.index, sentence, (Edit("voice", sentence, label),))]
                )
                continue
            verbatim = Sentence(squash(sentence.of(self.text)), (sentence,), unit.index, sentence)
            edits: list[Edit] = []
            citations = {sentence}
            for span, replacement, _ in self._pronoun_edits(sentence, unit):
                edits.append(Edit("pronoun", span, replacement))
                ref = reference(self.analysis, span)
                ante = self.sentence_of(ref.antecedent.start) if ref and ref.antecedent else None
                if ante is not None:
                    citations.add(ante)
            for span, replacement in self._date_edits(sentence, unit):
                edits.append(Edit("date", span, replacement))
            variants: list[Sentence] = []
            if edits:
                variants.append(
                    Sentence(
                        self.apply(sentence, edits),
                        tuple(sorted(citations)),
                        unit.index,
                        sentence,
                        tuple(edits),
                    )
                )
                names_only = [e for e in edits if e.kind == "pronoun"]
                if names_only and len(names_only) < len(edits):
                    cites = tuple(sorted(citations))
                    variants.append(
                        Sentence(
                            self.apply(sentence, names_only), cites, unit.index, sentence, tuple(names_only)
                        )
                    )
            variants.append(verbatim)
            out.append(variants)
        return out

    def apply(self, span: Span, edits: Iterable[Edit]) -> str:
        """The text of ``span`` with non-overlapping edits made."""
        parts = []
        pos = span.start
        for e in sorted(edits, key=lambda e: e.source.start):
            if e.source.start < pos:
                continue
            parts.append(self.text[pos : e.source.start])
            parts.append(e.text)
            pos = e.source.end
        parts.append(self.text[pos : span.end])
        return squash("".join(parts))


def verbatim(analysis: Analysis, span: Span) -> str:
    """The article's sentence as an answer gives it (whitespace collapsed)."""
    return squash(span.of(analysis.document.text))


__all__ = ["Realiser", "Sentence", "absolute_date", "date_edit", "verbatim", "capitalise"]
