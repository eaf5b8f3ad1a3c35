"""Copies of the source: a claim found word for word, restated up to light words, or quoted.

A claim that the source has word for word (:func:`verbatim`), or that restates a stretch of a
source sentence with only articles, tense auxiliaries and word endings changed
(:func:`near_verbatim`), is supported by the sentences it lies in; so is a quotation the source
has word for word with only its speaker around it (:func:`quoted_support`). The same matching
finds what a copy gets wrong: a quotation the source does not have word for word
(:func:`misquotes`), and a copy that leaves out the head of a phrase (:func:`dropped_head`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from copydesk import lang
from copydesk.check import polarity
from copydesk.check.context import Rewrite
from copydesk.check.text import (
    HONORIFICS,
    MONTHS,
    STOPWORDS,
    TITLE_WORDS,
    Word,
    is_question,
    name_keys,
    normalise,
    strip_span,
    word_before,
    words,
)
from copydesk.model import Analysis, Finding, Span

MIN_VERBATIM_WORDS = 4
"""A claim found word for word in the source is supported when it has at least this many words."""
MIN_NEAR_VERBATIM_WORDS = 4
"""A claim that differs from a stretch of a source sentence only in :data:`LIGHT_WORDS` and word
endings is supported when it has at least this many words."""
LIGHT_WORDS = lang.words("restatement", "light")
"""Articles, the auxiliaries of tense and "that": a restatement may add, drop or change them."""
MAX_LEFT_OUT = 2
"""Words a near-verbatim restatement may leave out of its source sentence between two of its own
("The council approved the plan" for "The city council approved the harbour plan")."""
KEPT_WORDS = polarity.NEGATION_CUES | polarity.DENIAL_VERBS | lang.words("restatement", "kept")
"""Words a restatement may not leave out: they change what the rest says (negations, hedges,
intentions, reports, ranks, figures, comparisons, connectives, and the prepositions that make
another thing the head: "the mother of the suspect")."""
TIME_PREPOSITIONS = lang.words("restatement", "time_prepositions")
"""Words that open a time adjunct a restatement may leave out whole (with :data:`TIME_WORDS`)."""
TIME_WORDS = frozenset(MONTHS) | lang.words("restatement", "time_words")
"""The words of a time adjunct ("on Monday", "in March 2024", "last week", "early on Friday"),
besides years, and days of the month beside a month."""
NAMING_HEADS = lang.words("restatement", "naming_heads")
"""Nouns that "of" joins to the name of the same thing ("the city of Valmora") or to a whole they
are part of ("a section of a fiberglass boat", "a group of protesters"): leaving them out keeps
the thing the claim speaks of."""
LEADING_KEPT_WORDS = polarity.NEGATION_CUES | lang.words("restatement", "leading_kept")
"""Words just before a stretch of a source sentence that a restatement of the stretch may not
leave out (the other words before and after it may go)."""

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\n": " ", "\t": " ", "\r": " "})


def fold(text: str) -> str:
    folded = text.translate(_FOLD)
    low = folded.lower()
    return low if len(low) == len(folded) else folded


def verbatim(claim: str, source_folded: str, source: Analysis, sentences: list[Span]) -> tuple[Span, ...]:
    """The source sentences holding the claim word for word (empty when it is not verbatim)."""
    source_text = source.document.text
    needle = fold(claim).strip(" .!?;:,\"'")
    if len(needle.split()) < MIN_VERBATIM_WORDS:
        return ()
    at = source_folded.find(needle)
    while at >= 0:
        hit = Span(at, at + len(needle))
        found = tuple(s for s in sentences if s.overlaps(hit))
        if (
            not all(asks(source_text, s) for s in found)
            and _word_before(source, at) not in LEADING_KEPT_WORDS
        ):
            return found
        at = source_folded.find(needle, at + 1)
    return ()


def _word_before(analysis: Analysis, at: int) -> str:
    """The word just before position ``at`` of the text, normalised ("" at the start)."""
    w = word_before(analysis, at)
    return w.norm if w is not None else ""


def asks(text: str, sentence: Span) -> bool:
    """True when a source sentence is a question: it asks, so it supports no statement that
    copies it ("Can the fraternity sue?" does not say the fraternity can sue)."""
    return is_question(sentence.of(text))


def _key(t: Word) -> str:
    """A word as near-verbatim matching compares it: its lemma, but a negation stays whole."""
    w = t.norm
    return w if w.endswith("n't") or w in ("not", "no", "never") else t.lemma


@dataclass(frozen=True)
class Keyed:
    """A source sentence's words with their matching keys (:func:`_key`), computed once per audit."""

    span: Span
    words: list[Word]
    keys: list[str]
    key_set: frozenset[str]
    asks: bool

    @classmethod
    def of(cls, analysis: Analysis, span: Span) -> Keyed:
        found = words(analysis, span.start, span.end)
        keys = [_key(t) for t in found]
        return cls(span, found, keys, frozenset(keys), asks(analysis.document.text, span))


def near_verbatim(claim: list[Word], sentences: list[Keyed]) -> tuple[Span, ...]:
    """The source sentence that the claim restates up to light words and word endings.

    The claim must be a stretch of the sentence (words before and after it may go) in which
    every added, dropped or changed word is one of :data:`LIGHT_WORDS`: "rescue teams have
    pulled 46 people" restates "By Friday, rescue teams had pulled 46 people". The stretch runs
    from the claim's first to its last word that is not light, wherever the sentence has them
    ("the debate lasted six hours" in "... after a debate that lasted six hours"). Within it,
    the claim may also leave out up to :data:`MAX_LEFT_OUT` words in a row that are neither
    :data:`KEPT_WORDS`, figures nor possessives ("the city council" as "the council"). Empty
    otherwise.
    """
    for s, _, before, gaps in _stretches(claim, sentences):
        if not gaps and before not in LEADING_KEPT_WORDS:
            return (s.span,)
    return ()


def _stretches(
    claim: list[Word], sentences: list[Keyed]
) -> Iterator[tuple[Keyed, int, str, list[tuple[int, int, int]]]]:
    """The stretches of source sentences that the claim copies up to light words and word
    endings (see :func:`near_verbatim`): the sentence, the stretch's first word, the word before
    it that is not light, and the runs of words the claim leaves out that a restatement may not
    (``(first, end, claim index)``, word indices into the sentence)."""
    if len(claim) < MIN_NEAR_VERBATIM_WORDS:
        return
    heavy = [i for i, t in enumerate(claim) if t.norm not in LIGHT_WORDS]
    if not heavy:
        return
    core = claim[heavy[0] : heavy[-1] + 1]
    keys = [_key(t) for t in core]
    wanted = {k for k, t in zip(keys, core, strict=True) if t.norm not in LIGHT_WORDS}
    for s in sentences:
        if s.asks or not wanted <= s.key_set:
            continue
        starts = [j for j, k in enumerate(s.keys) if k == keys[0]]
        ends = [j for j, k in enumerate(s.keys) if k == keys[-1]]
        for a in starts:
            before = next((t.norm for t in reversed(s.words[:a]) if t.norm not in LIGHT_WORDS), "")
            for b in (j for j in ends if j >= a):
                gaps: list[tuple[int, int, int]] = []
                for tag, i1, i2, j1, j2 in SequenceMatcher(
                    None, keys, s.keys[a : b + 1], autojunk=False
                ).get_opcodes():
                    if tag == "equal" or all(
                        t.norm in LIGHT_WORDS for t in core[i1:i2] + s.words[a + j1 : a + j2]
                    ):
                        continue
                    if tag != "insert":
                        break
                    if not _may_leave_out(s.words, a + j1, a + j2):
                        gaps.append((a + j1, a + j2, heavy[0] + i1))
                else:
                    yield s, a, before, gaps


def dropped_head(claim: list[Word], sentences: list[Keyed], text: str) -> Finding | None:
    """An ``entity`` finding for a claim that copies a source sentence but for the head of a
    phrase: "Police arrested the suspect" for "Police arrested the mother of the suspect",
    "Satyam was fined" for "Raju, the chairman of Satyam, was fined"."""
    for s, a, before, gaps in _stretches(claim, sentences):
        if not gaps and before == "of":
            of = max(j for j in range(a) if s.words[j].norm == "of")
            head = next((j for j in range(of - 1, -1, -1) if s.words[j].norm not in LIGHT_WORDS), None)
            if head is None or not s.words[head].norm.isalpha():
                continue
            lost, at = (head, of + 1), next(i for i, t in enumerate(claim) if t.norm not in LIGHT_WORDS)
        elif len(gaps) == 1 and before not in LEADING_KEPT_WORDS:
            (i, j, at) = gaps[0]
            kept = [t for t in s.words[i:j] if t.norm not in LIGHT_WORDS]
            if not kept or kept[-1].norm != "of" or len(kept) > MAX_LEFT_OUT + 1:
                continue
            lost = (i, j)
        else:
            continue
        words = s.words[lost[0] : lost[1]]
        if any(t.norm in NAMING_HEADS for t in words):
            continue  # "the port city of Valmora" is Valmora
        said = text[words[0].start : words[-1].end]
        tok = next(t for t in claim[at:] if t.norm not in LIGHT_WORDS)
        detail = f"the claim leaves out {said!r}: the source says this of another"
        return Finding("entity", Span(tok.start, tok.end), detail, s.span, relation="contradicts")
    return None


def _may_leave_out(words: list[Word], i: int, j: int) -> bool:
    """Whether a restatement may leave out ``words[i:j]`` (see :func:`near_verbatim`): a few
    words that change nothing the rest says, or when it happened ("on Monday", "last year")."""
    left_out = [t for t in words[i:j] if t.norm not in LIGHT_WORDS]
    if left_out and left_out[0].norm in TIME_PREPOSITIONS and len(left_out) > 1:
        dated = any(t.norm in MONTHS for t in left_out)
        if all(t.norm in TIME_WORDS or _is_year(t.norm) or (dated and _is_day(t.norm)) for t in left_out[1:]):
            return True
    return (
        len(left_out) <= MAX_LEFT_OUT
        and not any(t.norm in KEPT_WORDS or not t.norm.isalpha() for t in left_out)
        and not (i > 0 and words[i - 1].possessive)
    )


def _is_year(w: str) -> bool:
    return re.fullmatch(r"(19|20)\d\d", w) is not None


def _is_day(w: str) -> bool:
    return w.isdigit() and 1 <= int(w) <= 31


ATTRIBUTION_WORDS = (
    lang.words("restatement", "attribution_words")
    | {w.lower() for w in lang.weekday_names()}
    | {w.lower() for w in lang.month_names()}
)
"""Words a sentence may have around a verbatim quote and still be nothing but its attribution."""


def _quote_segments(folded: str) -> list[tuple[int, int]]:
    """The quoted stretches of a (folded) sentence; a quote left open runs to the sentence's end
    and a closing mark with no opening one closes a quote begun in an earlier sentence. A mark
    with spaces on both sides (tokenised text: 'had to cope with " unprecedented pressure "')
    opens a quote when none is open."""
    segments: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(folded):
        if ch != '"':
            continue
        prev = folded[i - 1] if i > 0 else " "
        nxt = folded[i + 1] if i + 1 < len(folded) else " "
        opening = (prev.isspace() or prev in "([{:—–-,") and (not nxt.isspace() or prev.isspace())
        if open_at is None and opening:
            open_at = i + 1
        elif open_at is not None:
            segments.append((open_at, i))
            open_at = None
        else:
            segments.append((0, i))
    if open_at is not None:
        segments.append((open_at, len(folded)))
    return segments


def quoted_support(
    derived: Analysis,
    claim: Rewrite,
    source_folded: str,
    sentences: list[Span],
    premises: list[str],
    source: Analysis,
) -> tuple[Span, ...]:
    """The source sentences of a verbatim quote, when the claim is that quote and its attribution.

    A claim such as 'Peskov said: "The president has never said ..."' is supported when every
    quoted stretch (at least :data:`MIN_VERBATIM_WORDS` words) is in the source word for word,
    the words outside the quotes are only a speaker's name, titles and reporting words, and that
    speaker is named in the quote's source sentence (or the one before it, after pronouns are
    resolved) or is the speaker the analysis gives the source quote. Empty otherwise.
    """
    folded = fold(claim.text(derived.document.text))
    segments = _quote_segments(folded)
    if not segments:
        return ()
    hits: list[Span] = []
    for a, b in segments:
        needle = folded[a:b].strip(" .!?;:,'\"")
        if len(needle.split()) < MIN_VERBATIM_WORDS:
            return ()
        at = source_folded.find(needle)
        if at < 0:
            return ()
        hits.append(Span(at, at + len(needle)))

    def quoted(at: int) -> bool:
        return any(a <= claim.offset(at) < b for a, b in segments)

    outside = [
        w.text
        for w in words(derived, claim.span.start, claim.span.end)
        if not quoted(w.start) and not (claim.replaced is not None and claim.replaced.overlaps(w.span))
    ]
    if claim.replaced is not None and not quoted(claim.replaced.start):
        outside += claim.name.split()
    speaker: list[str] = []
    for said in outside:
        w = normalise(said)
        if w in STOPWORDS or w in ATTRIBUTION_WORDS or w in TITLE_WORDS or w.rstrip(".") in HONORIFICS:
            continue
        if not said[0].isupper():
            return ()  # the sentence says more than who said the quote
        speaker.append(said)
    keys = name_keys(" ".join(speaker))
    evidence = [i for i, s in enumerate(sentences) if any(s.overlaps(h) for h in hits)]
    if not evidence:
        return ()
    if keys:
        near = " ".join(fold(premises[j]) for i in evidence for j in (i - 1, i) if j >= 0)
        said_by = " ".join(
            (q.name or "").lower() for q in source.quotes if any(q.content.overlaps(h) for h in hits)
        )
        if not all(re.search(rf"\b{re.escape(k)}\b", near) or k in said_by for k in keys):
            return ()
    return tuple(sentences[i] for i in evidence)


MIN_QUOTED_WORDS = 3
"""A quoted passage of at least this many words must be in the source word for word."""
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015]|-{2,}")
"""A dash in any of its forms, "--" for an em dash included."""
_GAP = re.compile(r"\.\.\.|…|\[[^\]]*\]")
"""An ellipsis or a bracketed insertion: a quoted passage may leave words out or add its own there."""


def plain(folded: str) -> str:
    """Folded text with dashes unified and runs of whitespace made one space, for quote lookup."""
    return re.sub(r"\s+", " ", _DASHES.sub("-", folded))


def _closes_a_quote(folded: str, a: int, b: int, source_plain: str) -> bool:
    """Whether a sentence's one quote mark, read as opening a quote to its end, rather closes the
    words before it, which the source has word for word ('… was very well done, "one woman says.')."""
    if folded.count('"') != 1 or b != len(folded):
        return False
    before = plain(folded[: a - 1]).strip(" .!?;:,'")
    return len(before.split()) >= MIN_QUOTED_WORDS and before in source_plain


def misquotes(text: str, claim: Span, source_plain: str) -> tuple[Finding, ...]:
    """``unsupported_content`` findings for quoted passages of the claim that the source does not
    have word for word (each part between ellipses or bracketed insertions is looked up alone)."""
    folded = fold(claim.of(text))
    out = []
    for a, b in _quote_segments(folded):
        parts = [plain(x).strip(" .!?;:,'\"") for x in _GAP.split(folded[a:b])]
        parts = [x for x in parts if x]
        if sum(len(x.split()) for x in parts) < MIN_QUOTED_WORDS or all(x in source_plain for x in parts):
            continue
        if _closes_a_quote(folded, a, b, source_plain):
            continue
        a, b = strip_span(folded, a, b)
        span = Span(claim.start + a, claim.start + b)
        out.append(
            Finding(
                "unsupported_content",
                span,
                "these quoted words are not in the source word for word",
            )
        )
    return tuple(out)
