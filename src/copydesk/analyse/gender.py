"""Gender of people, from evidence in the text: the word lists and how evidence is weighed.

Reads: the word lists of ``copydesk/lang/en`` (``gender_words.tsv``, ``first_names.tsv``,
``person_nouns.txt``; each file's header cites its source). Writes: nothing; ``actors`` and
``references`` call it.

Evidence, strongest first (``EVIDENCE_RANK``):

1. ``"title"``: a courtesy title or a gendered role noun that goes with the name ("Mr Okafor",
   "Dame Ada Lind", "spokeswoman Ana Ruiz", "Colm Duffy, the union's chairman"), and
   ``"reflexive"``, a reflexive bound to the name ("Ruiz defended herself"), as strong;
2. ``"pronoun"``: a pronoun with no other possible antecedent, in the sentence in which the
   person is the subject ("Ana Ruiz said her team ...");
3. ``"first_name"``: the first name, from the lexicon (weak: "Kim" leads Korean names and is
   left out of the lexicon for that reason; whatever the lexicon says, the text's own evidence
   wins).

A stronger kind decides over weaker ones. Titles or reflexives that disagree make the gender
contradicted, and a contradicted person takes no gendered pronoun at all; pronoun links that
disagree are set aside (one of them was read wrong), and the first name decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Literal

from copydesk import lang

Gender = Literal["male", "female"]
EvidenceKind = Literal["title", "reflexive", "pronoun", "first_name"]

EVIDENCE_RANK: dict[str, int] = {"title": 0, "reflexive": 0, "pronoun": 1, "first_name": 2}
"""Kinds of gender evidence, strongest (lowest) first."""
CONTRADICTED = "contradicted"
"""What ``settle`` returns when the strongest evidence disagrees with itself."""


@cache
def _gender_words() -> dict[str, tuple[Gender, str]]:
    out: dict[str, tuple[Gender, str]] = {}
    for word, gender, kind in lang.rows("gender_words"):
        out[word] = ("male" if gender == "male" else "female", kind)
    return out


@cache
def _first_names() -> dict[str, Gender]:
    return {name: "male" if gender == "male" else "female" for name, gender, _src in lang.rows("first_names")}


@cache
def person_nouns() -> frozenset[str]:
    """Nouns whose first WordNet sense is a person ("lawyer", "wife", "resident")."""
    return lang.words("person_nouns")


def word_gender(word: str) -> Gender | None:
    """The gender a courtesy title or role noun tells ("Ms." -> female, "spokesman" -> male)."""
    hit = _gender_words().get(word.lower())
    return hit[0] if hit else None


def is_honorific(word: str) -> bool:
    """Whether ``word`` is a gendered courtesy title ("Mr", "Mrs.", "Dame")."""
    hit = _gender_words().get(word.lower())
    return hit is not None and hit[1] == "honorific"


def first_name_gender(name: str) -> Gender | None:
    """The gender the lexicon gives a first name ("Helga" -> female), or None."""
    return _first_names().get(name.lower().replace("’", "'"))


def settle(evidence: Iterable[tuple[str, str]]) -> str | None:
    """The gender that ``(gender, kind)`` evidence supports: "male", "female", ``CONTRADICTED``
    when titles or reflexives disagree, or None when there is none (see the module's notes)."""
    by_rank: dict[int, set[str]] = {}
    for gender, kind in evidence:
        by_rank.setdefault(EVIDENCE_RANK[kind], set()).add(gender)
    for rank in sorted(by_rank):
        genders = by_rank[rank]
        if len(genders) == 1:
            return genders.pop()
        if rank == EVIDENCE_RANK["title"]:
            return CONTRADICTED
    return None
