"""Base forms of English verbs, for questions ("raised" -> "How much did X raise?").

The lexicon is WordNet 3.0's (``copydesk/lang/en/verbs.txt`` and ``verb_forms.tsv``, written
by ``training/build_verb_lexicon.py``): irregular forms are looked up, regular ones detached
with WordNet's own morphy rules (Miller et al. 1990, "Introduction to WordNet", the
``verb.exc`` exceptions and the suffix rules of ``morph.c``), and a candidate counts only when
it is a WordNet verb. The data loads lazily, once (``copydesk.lang``).
"""

from __future__ import annotations

from functools import cache, lru_cache

from copydesk import lang

_VOWELS = frozenset("aeiou")


@cache
def _load() -> tuple[frozenset[str], dict[str, str]]:
    lemmas = lang.words("verbs")
    forms: dict[str, str] = {}
    for row in lang.rows("verb_forms"):
        forms.setdefault(row[0], row[1])  # "found": the past of "find" first, not "to found"
    return lemmas, forms


def is_verb(word: str) -> bool:
    """Whether ``word`` (lower case) is a WordNet verb lemma."""
    return word in _load()[0]


def _cvc(stem: str) -> bool:
    """A stem ending consonant-vowel-consonant with one vowel before it ("hop", "rat"): its
    regular past would double the consonant ("hopped"), so "hoped" is not "hop" + "ed"."""
    return (
        len(stem) >= 3
        and stem[-1] not in _VOWELS | {"w", "x", "y"}
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
        and sum(c in _VOWELS for c in stem) == 1
    )


@lru_cache(maxsize=4096)
def base_form(word: str) -> str | None:
    """The base form of a past, past-participle or third-person form, or of a base form itself;
    None when the word is no verb form WordNet knows.

    >>> base_form("raised"), base_form("laid"), base_form("denies"), base_form("planned")
    ('raise', 'lay', 'deny', 'plan')
    """
    w = word.lower()
    lemmas, forms = _load()
    if w in forms:
        return forms[w]
    candidates: list[str] = []
    if w.endswith("ied"):
        candidates.append(w[:-3] + "y")
    elif w.endswith("ed"):
        stem = w[:-2]
        if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
            candidates.append(stem[:-1])  # planned -> plan
        if not _cvc(stem):
            candidates.append(stem)  # visited -> visit
        candidates.append(w[:-1])  # raised -> raise
    elif w.endswith("ies"):
        candidates.append(w[:-3] + "y")
    elif w.endswith("es"):
        candidates += [w[:-2], w[:-1]]  # pushes -> push, raises -> raise
    elif w.endswith("s") and not w.endswith("ss"):
        candidates.append(w[:-1])
    for c in candidates:
        if c in lemmas:
            return c
    return w if w in lemmas else None


def past_form_base(word: str) -> str | None:
    """The base form of a word that can only be read as a past form ("raised", "said"), else
    None: a base form or a present form returns None, so that a noun is not taken for a verb."""
    w = word.lower()
    if not (w.endswith("ed") or w in _load()[1]):
        return None
    base = base_form(w)
    return base if base is not None and base != w else None
