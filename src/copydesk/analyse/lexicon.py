"""Word lists of the analyser, as named constants read from the language data
(``copydesk/lang/en/cues.tsv``, ``people.txt``, ``honorifics.tsv``, ``pronouns.tsv``,
``place_aliases.tsv``).

Sources:

* Reporting verbs: the verb list of Krestel, Bergler and Witte (2008), "Minding the Source:
  Automatic Tagging of Reported Speech in Newspaper Articles" (LREC), and the attribution
  relations of PARC 3.0 (Pareti 2016, "PARC 3.0: A Corpus of Attribution Relations", LREC),
  which count statements, beliefs, intentions and evaluations as attributions.
* Belief, intention and evaluation cues: the attribution guidelines of PolNeAR (Newell,
  Margolin and Ruths 2018, "An Attribution Relations Corpus for Political News", LREC), which
  annotate "X believes / wants / accused Y of / called for" like speech.
* Corpus evidence: ``CORPUS_CUE_FRAMES`` and ``CORPUS_REJECTED_FRAMES`` adjust the lists with
  counts from a seeded half of the PolNeAR train articles (``benchmarks/attribution.py
  --cue-stats`` prints them); the other half confirms they generalise.
"""

from __future__ import annotations

from copydesk import lang


def _cues(frame: str, origin: str = "literature") -> frozenset[str]:
    return frozenset(lemma for lemma, f, o in lang.rows("cues") if f == frame and o == origin)


def _frames(origin: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for lemma, frame, o in lang.rows("cues"):
        if o == origin:
            out.setdefault(lemma, set()).add(frame)
    return {lemma: frozenset(frames) for lemma, frames in out.items()}


CLAUSE_CUES: frozenset[str] = _cues("clause")
"""Lemmas that report a clause: "X said (that) ...", "“...,” X noted", "X believes ..."."""

PARENTHETICAL_CUES: frozenset[str] = _cues("parenthetical")
"""Speech lemmas that can interrupt the clause they report: "The plan, an aide said, is to ..."."""

INFINITIVE_CUES: frozenset[str] = _cues("infinitive")
"""Lemmas that report an intention or a request with a to-infinitive: "X vowed to ..."."""

OBJECT_CUES: frozenset[str] = _cues("object")
"""Lemmas whose direct object is the attributed content: "X denied the report"."""

PREPOSITION_CUES: frozenset[tuple[str, str]] = frozenset(
    (lemma, frame.split(":", 1)[1])
    for lemma, frame, origin in lang.rows("cues")
    if origin == "literature" and frame.startswith("preposition:")
)
"""(lemma, preposition) pairs whose prepositional object is the content: "X called for ..."."""

IMPRESSION_CUES: frozenset[str] = _cues("impression")
"""Lemmas of an unattributed impression: "the race appears closer" (PolNeAR: no source)."""

ADVERB_CUES: frozenset[str] = _cues("adverb")
"""Adverbs that mark a clause as reported, with no source: "he was reportedly targeted"."""

NOUN_CUES: frozenset[str] = _cues("noun")
"""Report nouns with a source ("Trump's plan to deport ...", "a claim by X that ...")."""

SOURCE_NOUNS: frozenset[str] = _cues("source")
"""Documents that report a clause through "in": "Clinton led Sanders in a new poll"."""

CORPUS_CUE_FRAMES: dict[str, frozenset[str]] = _frames("corpus")
"""(lemma -> frames) found on the development half of PolNeAR train where at least half of the
uses (and at least 3) were attributions with the right source; added to the lists above."""

CORPUS_REJECTED_FRAMES: dict[str, frozenset[str]] = _frames("rejected")
"""(lemma -> frames) of the lists above that the development half of PolNeAR train contradicts
(at least 5 uses, under 15% of them attributions with the right source); left out."""

HONORIFICS: frozenset[str] = lang.honorifics("courtesy")
"""Courtesy titles, never part of a canonical name."""

SPEAKER_TITLES: frozenset[str] = lang.words("people", "titles") | lang.honorifics("courtesy", "title")
"""Words that name a role: stripped from person names and kept as the actor's titles, with the
modifiers before them ("chief executive", "regional secretary", "finance director"). Role words
that are also common first names ("Dean") are left out, since they are stripped from names."""

GROUP_NOUNS: frozenset[str] = lang.words("people", "group_nouns")
"""Nouns that describe an organisation or a place, never one person: "the council said" is not
the mayor named before it."""

PERSONAL_PRONOUNS: dict[str, str] = {
    **{p: "first" for p in lang.pronouns(person=1, number="singular", case="subject")},
    **{p: "plural" for p in lang.pronouns(person=3, number="plural") - lang.pronouns(case="reflexive")},
    **{p: "plural" for p in lang.pronouns(person=1, number="plural", case="subject")},
    **{
        p: gender
        for gender in ("male", "female", "neuter")
        for p in lang.pronouns(person=3, gender=gender) - lang.pronouns(case="reflexive")
    },
}
"""Pronouns a speaker can be referred to by, with the kind of antecedent they take."""

GPE_ALIASES: dict[str, str] = lang.mapping("place_aliases")
"""Common alternative names of countries, mapped to one canonical name."""
