"""The checker's view of the analysis' tokens: words with offsets and lemmas, names, lexicons.

The checker never splits a text itself: its words are the analyser's tokens
(``Analysis.tokens``), punctuation left out, compared by their lemmas. A name written as a
string (an actor's canonical name) is compared by :func:`name_keys`. The word lists come from
``copydesk/lang/en/``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from copydesk import lang
from copydesk.model import Analysis, Span


def lexicon(words: str) -> frozenset[str]:
    """A lexicon from a white-space separated word list (a row of a language data table)."""
    return frozenset(words.split())


STOPWORDS: frozenset[str] = lang.words("stop_words", "content")
"""English function words (and the commonest reporting verbs), ignored when comparing content."""

PRONOUNS: frozenset[str] = lang.pronouns(person=3)
"""Third-person pronouns that decontextualisation may resolve to a named actor."""

HONORIFICS: frozenset[str] = lang.honorifics()
"""Honorifics and name suffixes, dropped when names are compared."""

TITLE_WORDS: frozenset[str] = lang.words("people", "titles")
"""Titles and roles that may precede a name ("President-elect Donald Trump")."""

ROLE_WORDS: frozenset[str] = lang.words("people", "interview_roles")
"""Role nouns of an interview's frame ("Time.news Editor", "Desk analyst"): a label made of
these is the derived text's own framing, not a claim about the world."""

MONTHS: dict[str, int] = lang.months()
"""Month names and abbreviations -> month number."""

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
"""The clitic of a possessive ("Putin" + "'s", tagged PART): it belongs to the word before, and
is no word."""


@dataclass(frozen=True)
class Word:
    """A word of a text as the checks compare it: one of the analysis' tokens.

    ``norm`` is the token lower-cased with straight apostrophes (and no final full stop, but in
    an abbreviation of several: "u.s."); ``lemma`` is the analyser's; ``possessive`` says that a
    possessive clitic follows ("Putin's").
    """

    text: str
    start: int
    end: int
    lemma: str
    pos: str = ""
    ent: str = ""
    possessive: bool = False

    @property
    def norm(self) -> str:
        return normalise(self.text)

    @property
    def stop(self) -> bool:
        """A stop word (:data:`STOPWORDS`), or a clitic ("'re", "n't") that is part of one."""
        norm = self.norm
        return norm in STOPWORDS or norm.startswith("'") or norm == "n't"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


_WORDS: dict[int, tuple[Analysis, list[Word], list[int]]] = {}
_WORDS_KEPT = 16
"""Analyses whose words are kept (an audit reads a source and a derived text, many times)."""


def _all_words(analysis: Analysis) -> tuple[list[Word], list[int]]:
    hit = _WORDS.get(id(analysis))
    if hit is not None and hit[0] is analysis:
        return hit[1], hit[2]
    text, toks = analysis.document.text, analysis.tokens
    out: list[Word] = []
    for i in range(len(toks)):
        a, b = toks.starts[i], toks.ends[i]
        surface = text[a:b]
        if surface in _POSSESSIVE and toks.pos[i] == "PART" and out and out[-1].end == a:
            last = out[-1]
            out[-1] = Word(last.text, last.start, last.end, last.lemma, last.pos, last.ent, True)
            continue
        if not any(ch.isalnum() for ch in surface):
            continue
        out.append(Word(surface, a, b, toks.lemmas[i], toks.pos[i], toks.ents[i]))
    if len(_WORDS) >= _WORDS_KEPT:
        _WORDS.pop(next(iter(_WORDS)))
    starts = [w.start for w in out]
    _WORDS[id(analysis)] = (analysis, out, starts)
    return out, starts


def words(analysis: Analysis, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``analysis`` that lie in ``[start, end)`` (its tokens, punctuation left out).

    Raises:
        ValueError: The text has words but the analysis no tokens (it was not made by the
            analyser).
    """
    text = analysis.document.text
    if not analysis.tokens and any(ch.isalnum() for ch in text):
        raise ValueError("the analysis has no tokens: analyse the text with copydesk.analyse first")
    end = len(text) if end is None else end
    found, starts = _all_words(analysis)
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(found) and found[i].start < end:
        if found[i].end <= end:
            out.append(found[i])
        i += 1
    return out


def word_before(analysis: Analysis, at: int) -> Word | None:
    """The last word of the text that ends by position ``at`` (None at the start)."""
    found, starts = _all_words(analysis)
    i = bisect.bisect_right(starts, at) - 1
    while i >= 0 and found[i].end > at:
        i -= 1
    return found[i] if i >= 0 else None


def compounds(text: str, found: list[Word]) -> list[Word]:
    """The words with each hyphenated compound ("pre-pandemic", "short-term", which the analyser
    reads as parts) joined into one word, as written; its lemma is its lower-cased text."""
    out: list[Word] = []
    for w in found:
        last = out[-1] if out else None
        if last is not None and text[last.end : w.start] == "-":
            whole = text[last.start : w.end]
            out[-1] = Word(whole, last.start, w.end, whole.lower(), w.pos, w.ent, w.possessive)
        else:
            out.append(w)
    return out


@lru_cache(maxsize=1 << 16)
def normalise(word: str) -> str:
    """Lower case, straight apostrophes, no trailing dot (except in abbreviations like "u.s.")."""
    w = word.lower().replace("’", "'")
    if w.endswith(".") and w.count(".") == 1:
        w = w[:-1]
    return w


def content_lemmas(found: Iterable[Word]) -> set[str]:
    """Lemmas of the words that are not function words or bare numbers."""
    return {w.lemma for w in found if not w.stop and not w.norm.isdigit() and len(w.norm) > 1}


def coverage(claim: set[str], evidence: set[str]) -> float:
    """Share of the claim's content lemmas that the evidence also has (0 when the claim has none)."""
    if not claim:
        return 0.0
    return len(claim & evidence) / len(claim)


_NAME_EDGES = "\"'“”‘’()[]{},;:!?"


def name_keys(name: str) -> list[str]:
    """The comparable words of a name: case-folded, without honorifics, titles or possessives.

    A name is a string the analysis gives (an actor's canonical name, an alias) or a span's
    text; its words are what white space separates.

    >>> name_keys("Russian President Vladimir Putin's")
    ['russian', 'vladimir', 'putin']
    """
    keys = []
    for piece in name.split():
        w = normalise(piece.strip(_NAME_EDGES))
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip(_NAME_EDGES)
        w = w.replace(".", "") if w.count(".") > 1 else w
        if not w or w in HONORIFICS or w.rstrip(".") in HONORIFICS or w in TITLE_WORDS or w in STOPWORDS:
            continue
        keys.append(w)
    return keys


def surname(name: str) -> str | None:
    """The last comparable word of a person's name ("Dr. Elena Braginski" -> "braginski")."""
    keys = name_keys(name)
    return keys[-1] if keys else None


_ENDS_SENTENCE = frozenset(".!?:;\n")
_OPENS_QUOTE = frozenset("\"“‘'([")
_ABBREVIATIONS = lang.words("names", "abbreviations")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` starts a sentence, a line or a quotation (its capital says
    nothing about the word)."""
    before = text[max(0, at - 40) : at].rstrip(" \t")
    if before[-1:] in _OPENS_QUOTE:
        # An opening mark follows a space or another opening mark; an apostrophe does not.
        return len(before) == 1 or before[-2].isspace() or before[-2] in _OPENS_QUOTE
    if before.endswith("."):
        last = before.split()[-1].lower()
        return not (last.count(".") > 1 or last.rstrip(".") in _ABBREVIATIONS or last in HONORIFICS)
    return not before or before[-1] in _ENDS_SENTENCE


def recased(derived: Analysis, source: Analysis) -> str:
    """A derived text written all in lower case, with the capitals its source gives the same words.

    A word takes the form it has most often in the source away from sentence starts ("putin"
    -> "Putin", "u.s." -> "U.S."), and a sentence's first word its capital. The result has the
    same length, so offsets into it are offsets into the derived text. Any other text is
    returned as it is.
    """
    text, source_text = derived.document.text, source.document.text
    if any(ch.isupper() for ch in text) or not any(ch.isupper() for ch in source_text):
        return text
    forms: dict[str, Counter[str]] = {}
    for w in words(source):
        if not _opens_sentence(source_text, w.start):
            forms.setdefault(w.text.lower(), Counter())[w.text] += 1
    out = list(text)
    for w in words(derived):
        written, end = w.text, w.end
        if text[end : end + 1] == "." and f"{written}." in forms:
            written, end = f"{written}.", end + 1  # "u.s." the analyser read as "u.s" and "."
        seen = forms.get(written)
        form = seen.most_common(1)[0][0] if seen else written
        if len(form) != len(written):
            form = written
        if (_opens_sentence(text, w.start) or written == "i") and len(form[0].upper()) == 1:
            form = form[0].upper() + form[1:]  # not "ß", whose capital is two letters
        out[w.start : end] = form
    return "".join(out)


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_question(sentence: str) -> bool:
    """Whether a sentence asks: it ends in "?", before any closing quotes or brackets."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrinks ``[start, end)`` so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
