"""Small text utilities of the checker: tokens with offsets, crude stems, names and lexicons.

Everything here works on plain strings and character offsets; nothing loads a model. The
checker compares a derived text with its source through these tokens, so they favour recall
(loose stems, case-folded names) and leave the fine judgement to the typed checks and the
learned scorer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from copydesk import lang


def lexicon(words: str) -> frozenset[str]:
    """A lexicon constant from a white-space separated word list."""
    return frozenset(words.split())


TOKEN_RE = re.compile(r"\w+(?:[’'.\-]\w+)*\.?", re.UNICODE)
"""A word with inner apostrophes, dots or hyphens ("U.S.", "president-elect", "doesn't")."""

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


@dataclass(frozen=True)
class Token:
    """A word of a text with its ``[start, end)`` offsets; ``norm`` is lower-cased, straight quotes."""

    text: str
    start: int
    end: int

    @property
    def norm(self) -> str:
        return normalise(self.text)

    @property
    def stem(self) -> str:
        return stem(self.norm)


@lru_cache(maxsize=1 << 16)
def normalise(word: str) -> str:
    """Lower case, straight apostrophes, no trailing dot (except in abbreviations like "u.s.")."""
    w = word.lower().replace("’", "'")
    if w.endswith(".") and w.count(".") == 1:
        w = w[:-1]
    return w


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` with offsets into ``text``.

    A trailing dot is kept only when the word holds another dot ("U.S.") or is a known
    honorific ("Dr."), so "Moscow." at the end of a sentence is the word "Moscow".
    """
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in TOKEN_RE.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        if word.endswith(".") and word.count(".") == 1 and word.lower() not in HONORIFICS:
            e -= 1
            word = word[:-1]
        if word:
            out.append(Token(word, s, e))
    return out


_SUFFIXES = lang.entries("morphology", "stemmed_suffixes")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix-stripping stem: "talks", "talked" and "talking" all give "talk"."""
    w = normalise(word)
    if w.endswith("n't"):
        w = w[:-3]
    elif w.endswith("'s"):
        w = w[:-2]
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if suf in ("ied", "ies"):
                w += "y"
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def content_stems(words: Iterable[Token]) -> set[str]:
    """Stems of the words that are not function words or bare numbers."""
    return {t.stem for t in words if t.norm not in STOPWORDS and not t.norm.isdigit() and len(t.norm) > 1}


def coverage(claim: set[str], evidence: set[str]) -> float:
    """Share of the claim's content stems that the evidence also has (0 when the claim has none)."""
    if not claim:
        return 0.0
    return len(claim & evidence) / len(claim)


def name_keys(name: str) -> list[str]:
    """The comparable words of a name: case-folded, without honorifics, titles or possessives.

    >>> name_keys("Russian President Vladimir Putin's")
    ['russian', 'vladimir', 'putin']
    """
    keys = []
    for t in tokens(name):
        w = t.norm
        if w.endswith("'s"):
            w = w[:-2]
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


def recased(text: str, source: str) -> str:
    """A text written all in lower case, with the capitals its source gives the same words.

    A word takes the form it has most often in the source away from sentence starts ("putin"
    -> "Putin", "u.s." -> "U.S."), and a sentence's first word its capital. The result has the
    same length, so offsets into it are offsets into ``text``. Any other text is returned as it is.
    """
    if any(ch.isupper() for ch in text) or not any(ch.isupper() for ch in source):
        return text
    forms: dict[str, Counter[str]] = {}
    for t in tokens(source):
        if not _opens_sentence(source, t.start):
            forms.setdefault(t.text.lower(), Counter())[t.text] += 1
    out = list(text)
    for t in tokens(text):
        seen = forms.get(t.text)
        form = seen.most_common(1)[0][0] if seen else t.text
        if len(form) != len(t.text):
            form = t.text
        if (_opens_sentence(text, t.start) or t.text == "i") and len(form[0].upper()) == 1:
            form = form[0].upper() + form[1:]  # not "ß", whose capital is two letters
        out[t.start : t.end] = form
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


_ABBREVIATIONS = lang.words("names", "abbreviations")
_SENT_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """A rule-based sentence splitter for text that has no sentence annotation.

    Used only as a fallback when the analysis carries no sentences for a stretch of the
    derived text. Splits at ``.!?`` followed by white space, except after common
    abbreviations and single capital initials; every line break also ends a sentence.
    """
    end = len(text) if end is None else end
    for line in re.finditer(r"[^\n]+", text[:end]):
        ls, le = max(line.start(), start), line.end()
        if le <= start:
            continue
        pos = ls
        for m in _SENT_END_RE.finditer(text, ls, le):
            before = text[pos : m.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if m.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
                continue
            s, e = strip_span(text, pos, m.end())
            if s < e:
                yield s, e
            pos = m.end()
        s, e = strip_span(text, pos, le)
        if s < e:
            yield s, e
