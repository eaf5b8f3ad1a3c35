"""Attributions (who said what) from a dependency parse and the quotation-mark regions.

Reads: a parsed spaCy ``Doc`` (lemmas, POS tags, dependencies, sentences) and the
``QuoteRegion`` list of ``quotemarks``. Writes: ``RawQuote`` records (character spans; the
speaker's actor is resolved later by ``actors``).

A cue is a verb (or "according to") whose complement is the attributed content, in the frames of
PARC 3.0 (Pareti 2016) and PolNeAR (Newell et al. 2018):

* clause: "X said (that) ...", "“...,” X noted", "..., said X", "X believes ...";
* quotation: "X said, “...”" when the parser attaches the quotation loosely;
* to-infinitive: "X vowed to ...";
* object: "X denied the report"; preposition: "X called for ...";
* "According to X, ...";
* colon: "X said in a statement:" followed by the rest of the sentence or the next paragraph.

The speaker is the subject of the cue verb, climbing through coordination ("criticized ... and
said"), participles ("..., saying ...": the main clause's subject) and relative clauses ("X, who
said ..."); a passive cue takes its "by" agent. A quotation extends over the rest of the quotation
it starts in, across sentences and paragraphs, and over the quotations that follow it in the same
paragraph with no cue of their own ("“A,” she said. “B.”"), and over the rest of a quotation
that its cue interrupts ("“A,” she added, “b.”"). A quotation with no cue in its own
sentence takes the cue of the next sentence when that one has no content ("“...” \\n She said.")
or of the previous one when that ends with a colon.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy

from copydesk import lang
from copydesk.analyse.lexicon import (
    ADVERB_CUES,
    CLAUSE_CUES,
    CORPUS_CUE_FRAMES,
    CORPUS_REJECTED_FRAMES,
    IMPRESSION_CUES,
    INFINITIVE_CUES,
    NOUN_CUES,
    OBJECT_CUES,
    PARENTHETICAL_CUES,
    PREPOSITION_CUES,
    SOURCE_NOUNS,
)
from copydesk.analyse.nlp import DATELINE_RE, DocIndex
from copydesk.analyse.quotemarks import QUOTE_MARKS, QuoteRegion
from copydesk.model import QuoteKind, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
NESTED_PRONOUNS = lang.pronouns(person=3, case="subject")
"""Pronoun speakers that, inside another report, stand for that report's speaker."""
QUOTED_PERSON_PRONOUNS = lang.pronouns(person=1) | lang.pronouns(person=2)
"""Speakers that, inside a quotation, stand for the person quoted."""
STRANDING_DEPS = frozenset({"pobj", "prep"})
"""Dependencies on the path from a reporting verb down to the noun that a misparsed "that"
clause hangs on ("said [in [a filing [with [regulators]]]] that profits fell")."""
CLAUSE_TAIL_DEPS = frozenset({"advcl", "prep", "npadvmod", "advmod", "ccomp", "dep", "oprd"})
"""What the parser may attach to the verb although it belongs to the reported clause."""
SPEAKING_PRONOUNS = (
    lang.pronouns(person=3, case="subject") - lang.pronouns(gender="neuter")
) | lang.pronouns(person=1, case="subject")
MIN_SPOKEN_WORDS = 4
"""A quotation this long that ends in punctuation is taken as speech next to any verb."""
BARE_REPORT_TOKENS = 25
"""At most this many tokens from a cue to the end of its sentence for "... she said on ABC."."""
FALLBACK_SUBJECT_FRAMES = frozenset({"clause", "quote", "colon", "infinitive", "object"})
"""Frames whose cue, when the parse gives it no subject, takes the nearest one before it."""
DOCUMENT_NOUNS = lang.words("attribution", "document_nouns")
"""Nouns of a text someone issues: "issued a statement saying ..." names its author, not it."""
POSTPOSED_SPEAKER_DEPS = frozenset({"dobj", "attr", "npadvmod", "dative", "appos", "oprd"})
"""Labels the parser gives an inverted speaker ("..., said Robin Maynard") that lacks ``nsubj``."""
OBJECT_TAIL_DEPS = frozenset(
    {"oprd", "prep", "dative", "npadvmod", "advmod", "xcomp", "ccomp", "acomp", "attr"}
)
"""What follows an object inside the content: "blamed [the media for ignoring them]"."""
_CONTENT_STRIP = frozenset(" \t\n\u00a0,;:-—–")
_SPEAKER_RIGHT_DEPS = frozenset({"compound", "flat", "nummod", "prep", "cc", "conj", "case", "poss"})
_QUOTE_GLUE = frozenset(" \t\u00a0,.;:—–-")


@dataclass(frozen=True)
class RawQuote:
    """An attribution before actor resolution: spans, plus the speaker's head token index."""

    content: Span
    kind: QuoteKind
    cue: Span | None
    speaker: Span | None
    speaker_head: int | None
    frame: str


@dataclass
class _Candidate:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_head: int | None
    frame: str
    cue_token: int | None
    lemma: str = ""
    open_class: bool = False


def lexicon_allows(lemma: str, frame: str) -> bool:
    """Whether the lexicon lets ``lemma`` report content in ``frame`` ("clause", "quote", "colon",
    "parenthetical", "impression", "infinitive", "object", "preposition:<word>", "noun",
    "adverb", "source", "according", "headline")."""
    if frame in CORPUS_CUE_FRAMES.get(lemma, ()):
        return True
    if frame in CORPUS_REJECTED_FRAMES.get(lemma, ()):
        return False
    return seed_allows(lemma, frame)


_SEED_FRAME_CUES: dict[str, frozenset[str]] = {
    "clause": CLAUSE_CUES,
    "quote": CLAUSE_CUES,
    "colon": CLAUSE_CUES,
    "parenthetical": PARENTHETICAL_CUES,
    "infinitive": INFINITIVE_CUES,
    "object": OBJECT_CUES,
    "impression": IMPRESSION_CUES,
    "noun": NOUN_CUES,
    "adverb": ADVERB_CUES,
    "source": SOURCE_NOUNS,
}
"""The literature's cue list for each frame ("preposition:<word>" frames use PREPOSITION_CUES)."""


def seed_allows(lemma: str, frame: str) -> bool:
    """The literature lists alone (before corpus evidence)."""
    if frame.startswith("preposition:"):
        return (lemma, frame[12:]) in PREPOSITION_CUES
    if frame in _SEED_FRAME_CUES:
        return lemma in _SEED_FRAME_CUES[frame]
    return frame in ("according", "headline")


class _Regions:
    """Quotation regions with fast lookup by character offset."""

    def __init__(self, regions: Sequence[QuoteRegion]) -> None:
        self.regions = list(regions)
        self.starts = [r.span.start for r in self.regions]

    def overlapping(self, start: int, end: int) -> list[int]:
        out = []
        k = max(0, bisect.bisect_right(self.starts, start) - 1)
        while k < len(self.regions) and self.regions[k].span.start < end:
            r = self.regions[k].span
            if r.end > start:
                out.append(k)
            k += 1
        return out


def _tok_extent(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Characters from the start of token ``first`` to the end of token ``last`` (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drops separators at both ends of a content span (keeps quotation marks)."""
    while start < end and text[start] in _CONTENT_STRIP:
        start += 1
    while end > start and text[end - 1] in _CONTENT_STRIP:
        end -= 1
    if end > start and text[end - 1] == "." and not any(m in text[start:end] for m in QUOTE_MARKS):
        end -= 1
    return start, end


def _subtree_span(doc: Doc, token: Token, *, exclude: Token | None = None) -> tuple[int, int]:
    first, last = token.left_edge.i, token.right_edge.i
    if exclude is not None:
        ex_first, ex_last = exclude.left_edge.i, exclude.right_edge.i
        if ex_first <= first <= ex_last:
            first = ex_last + 1
        if ex_first <= last <= ex_last:
            last = ex_first - 1
    if last < first:
        return doc[token.i].idx, doc[token.i].idx
    return _tok_extent(doc, first, last)


def _named_appos(doc: Doc, head: Token, at: int) -> bool:
    """Whether a name in apposition to a description (a common noun) starts at token ``at``."""
    return head.pos_ == "NOUN" and any(
        c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == at for c in head.rights
    )


def speaker_span(doc: Doc, head: Token) -> tuple[int, int]:
    """The noun phrase of a speaker: its head with everything on its left and its name parts,
    prepositions and coordinations on the right; appositions and relative clauses stay out,
    except a name that follows a description ("Its chief executive, Anton Ferris")."""
    first = head.left_edge.i
    last = head.i
    for child in head.rights:
        if (
            child.dep_ == "punct"
            and child.text == ","
            and child.i == last + 1
            and _named_appos(doc, head, child.i + 1)
        ):
            continue  # the comma before "Anton Ferris"
        if child.dep_ in _SPEAKER_RIGHT_DEPS or (
            # "the American journalist Bob Woodward", "Its chief executive, Anton Ferris": a
            # name right after its description
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and (
                child.left_edge.i == last + 1 or (child.left_edge.i == last + 2 and doc[last + 1].text == ",")
            )
        ):
            last = max(last, child.right_edge.i)
        else:
            break
    while last > first and doc[last].is_punct:
        last -= 1
    return _tok_extent(doc, first, last)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


PASSIVE_SUBJECT_CUES = frozenset({"expect", "quote"})
"""Passive cues whose grammatical subject is still the source: "X is expected to ..."."""


def subject_of(verb: Token) -> Token | None:
    """The token that says what ``verb`` reports, climbing through coordination, participles,
    control verbs, prepositional gerunds and relative clauses; None when there is no such token.

    A relative clause returns its relative pronoun ("who"); ``antecedent`` maps it to its noun.
    """
    seen = 0
    while seen < 8:
        seen += 1
        if _is_passive(verb) and verb.lemma_ not in PASSIVE_SUBJECT_CUES:
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
            return None
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS or (c.dep_ == "nsubjpass" and verb.lemma_ in PASSIVE_SUBJECT_CUES):
                if c.dep_ == "csubj":
                    return None
                return c
        head = verb.head
        if head.i == verb.i:
            return None
        dep = verb.dep_
        if dep == "relcl":
            return head if head.pos_ in ("NOUN", "PROPN", "PRON") else None
        if dep == "acl":
            if head.lemma_.lower() not in DOCUMENT_NOUNS and head.pos_ in ("NOUN", "PROPN"):
                return head  # "Syrian hackers backing Assad", "a news organization seeking ..."
            # "issued a statement saying ...": the subject of the verb the noun depends on
            if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "AUX", "ADP"):
                verb = head.head if head.head.pos_ != "ADP" else head.head.head
                continue
            return None
        if dep == "pcomp" and head.pos_ in ("ADP", "SCONJ"):
            verb = head.head
            continue
        if dep == "advcl" and verb.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in verb.children):
            return None  # a reduced passive: "When asked about a call, Peskov noted ..." (he was asked)
        if dep in ("conj", "xcomp", "advcl", "ccomp", "acomp", "prep"):
            if dep in ("xcomp", "advcl", "acomp", "prep") and _expletive_subject(head):
                return None  # "it would be too early to talk about ..."
            if dep == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.pos_ == "VERB":
                # "X said the candidate was not contradicting himself, noting that ...": the
                # participle goes with the reporter, not with the reported clause
                verb = head.head
                continue
            if dep == "xcomp":
                # object control: "led some allies to worry", "asked him to say"
                obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return obj
            verb = head
            continue
        return None
    return None


def _expletive_subject(verb: Token) -> bool:
    return verb.lemma_ == "be" and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children
    )


def antecedent(token: Token) -> Token:
    """A relative pronoun's noun ("the senator, who said ..." -> "senator"); else the token."""
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _letters(text: str, start: int, end: int) -> int:
    return sum(ch.isalnum() for ch in text[start:end])


def _quote_kind(
    text: str, start: int, end: int, regions: _Regions, skip: Sequence[tuple[int, int] | None] = ()
) -> QuoteKind:
    """Direct when the quotation marks hold (nearly) all of the content's letters, leaving out
    those of a cue and speaker that interrupt it ("“A,” she added, “b.”" is direct), mixed when
    they hold some, indirect when none."""
    if not regions.overlapping(start, end):
        return "indirect"
    letters_total = _letters(text, start, end) - sum(
        _letters(text, max(start, s[0]), min(end, s[1])) for s in skip if s is not None
    )
    if letters_total == 0:
        return "direct"
    letters_in = 0
    for k in regions.overlapping(start, end):
        r = regions.regions[k].span
        letters_in += _letters(text, max(start, r.start), min(end, r.end))
    return "direct" if letters_in >= 0.9 * letters_total else "mixed"


def _snap_to_regions(start: int, end: int, regions: _Regions, cue: tuple[int, int] | None) -> tuple[int, int]:
    """Grows a content span over the quotations it starts, ends or mostly lies in, unless the cue
    itself is inside that quotation (an attribution within someone's quoted words)."""
    for k in regions.overlapping(start, end):
        r = regions.regions[k].span
        if cue is not None and r.start <= cue[0] < r.end:
            continue
        covered = min(end, r.end) - max(start, r.start)
        if r.start <= start < r.end or r.start < end <= r.end or covered * 2 >= len(r):
            start, end = min(start, r.start), max(end, r.end)
    return start, end


class _Extractor:
    def __init__(
        self,
        doc: Doc,
        regions: Sequence[QuoteRegion],
        *,
        exclude: Span | Sequence[Span] | None = None,
        allows: Callable[[str, str], bool] = lexicon_allows,
        index: DocIndex | None = None,
    ) -> None:
        self.doc = doc
        self.allows = allows
        self.index = index if index is not None else DocIndex(doc)
        self.text = self.index.text
        self.regions = _Regions(regions)
        self.exclude: tuple[Span, ...] = _spans(exclude)
        self.token_starts = self.index.starts

    def _in_region(self, char: int) -> bool:
        return bool(self.regions.overlapping(char, char + 1))

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.token_starts, char) - 1)

    def candidates(self) -> list[_Candidate]:
        """One candidate per cue: the first frame of the cue that the lexicon allows; failing
        that, a verb next to a quoted sentence (``_spoken_quotation``)."""
        out: list[_Candidate] = []
        taken: set[int] = set()
        for i in self._cue_tokens():
            fallback: _Candidate | None = None
            chosen: _Candidate | None = None
            for cand in self.frames(self.doc[i]):
                if self.allows(cand.lemma, cand.frame):
                    chosen = cand
                    break
                if fallback is None and self._spoken_quotation(cand):
                    fallback = cand
            if chosen is None and fallback is not None:
                chosen = fallback
                chosen.open_class = True
            if chosen is not None:
                out.append(chosen)
                if chosen.cue_token is not None:
                    taken.add(chosen.cue_token)
        # a source noun in a prepositional phrase ("in a new poll") only where its clause's verb
        # reports nothing itself
        return [c for c in out if not (c.frame == "source" and c.cue_token in taken)]

    def _cue_tokens(self) -> Iterator[int]:
        """Tokens worth reading as cues: with the lexicon's own test, those whose lemma it knows
        and verbs in sentences with a quotation; with another test, every token."""
        doc = self.doc
        if self.allows is not lexicon_allows:
            yield from range(len(doc))
            return
        from spacy.attrs import LEMMA, LOWER, POS

        quoted: set[int] = set()
        for r in self.regions.regions:
            first = self.index.token_at(r.span.start)
            last = self.index.token_at(max(r.span.start, r.span.end - 1))
            quoted.update(range(self.index.sent_of[first] - 1, self.index.sent_of[last] + 2))
        strings = doc.vocab.strings
        arr = doc.to_array([POS, LEMMA, LOWER])
        known = numpy.fromiter(_CUE_HASHES, dtype=arr.dtype, count=len(_CUE_HASHES))
        wanted = numpy.isin(arr[:, 1], known) | numpy.isin(arr[:, 2], known)
        if quoted:
            verbs = (arr[:, 0] == strings["VERB"]) | (arr[:, 0] == strings["AUX"])
            in_quoted = numpy.isin(self.index.sent_array, numpy.fromiter(quoted, dtype=numpy.int64))
            wanted |= verbs & in_quoted
        yield from wanted.nonzero()[0].tolist()

    def _spoken_quotation(self, cand: _Candidate) -> bool:
        """Any verb with a subject introduces a quoted sentence next to it ("Hillary shot back,
        “I suppose ...”"): a quotation of several words that ends in sentence punctuation."""
        if cand.frame not in ("quote", "colon") or cand.speaker_head is None:
            return False
        head = self.doc[cand.speaker_head]
        if head.ent_type_ not in ("PERSON", "ORG", "NORP") and head.lower_ not in SPEAKING_PRONOUNS:
            return False
        start, end = cand.content
        quoted = self.text[start:end]
        if quoted[:1] not in QUOTE_MARKS and not quoted.startswith("''"):
            return False
        body = quoted.strip("“”\"' ")
        return len(body.split()) >= MIN_SPOKEN_WORDS and body[-1:] in ",.?!…"

    def frames(self, token: Token) -> Iterator[_Candidate]:
        """Every reading of ``token`` as a cue, most specific first, whatever the lexicon says."""
        lower = token.lower_
        if lower == "according":
            yield from self._according(token)
        elif token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            yield from self._verb_frames(token)
        elif token.pos_ == "NOUN":
            yield from self._noun_frames(token)
        elif token.pos_ == "ADV" and token.dep_ == "advmod" and lower.endswith("ly"):
            yield from self._adverb_frames(token)
        elif token.text == ":" and token.i < self.index.sent(token.i)[0] + 8:
            yield from self._headline_colon(token)
        elif lower == "in" and token.dep_ == "prep":
            yield from self._source_phrase(token)

    def _make(
        self,
        token: Token,
        lemma: str,
        frame: str,
        content: tuple[int, int],
        cue: tuple[int, int],
        speaker_token: Token | None = None,
        *,
        no_speaker: bool = False,
        cue_token: int | None = None,
    ) -> _Candidate:
        doc = self.doc
        speaker: tuple[int, int] | None = None
        head: int | None = None
        if not no_speaker:
            subj = subject_of(token) if token.pos_ in ("VERB", "AUX") else None
            if subj is not None and not self._misparsed_into_quote(subj, token):
                speaker, head = speaker_span(doc, subj), subj.i
            if speaker is None and speaker_token is None and frame in ("clause", "quote"):
                before = self._quote_before(token)
                speaker_token = before[1] if before else None
            if speaker_token is not None and (head is None or content[0] <= doc[head].idx < content[1]):
                speaker, head = speaker_span(doc, speaker_token), speaker_token.i
            if speaker is None and (content[1] <= token.idx or subj is not None):
                # "..., said Robin Maynard." parsed without a subject, or with a word of the
                # quotation as its subject
                for c in token.rights:
                    if c.dep_ in POSTPOSED_SPEAKER_DEPS | SUBJECT_DEPS and c.pos_ in (
                        "PROPN",
                        "NOUN",
                        "PRON",
                    ):
                        speaker, head = speaker_span(doc, c), c.i
                        break
        if speaker is None and not no_speaker and content[1] <= token.idx and token.pos_ == "VERB":
            # "“...,” tweeted Rubio spokesman Alex Conant": the noun phrase right after the verb
            for t in doc[token.i + 1 : min(len(doc), token.i + 4)]:
                if t.pos_ in ("PROPN", "NOUN"):
                    while (
                        token.i < t.head.i < token.i + 8
                        and t.head.i != t.i
                        and t.head.pos_ in ("PROPN", "NOUN")
                    ):
                        t = t.head
                    speaker, head = speaker_span(doc, t), t.i
                    break
                if t.is_punct:
                    break
        if speaker is None and not no_speaker and frame in FALLBACK_SUBJECT_FRAMES and not _is_passive(token):
            # the parser lost the subject ("X - who said ... - said at a rally that ..."): the
            # nearest subject before the verb in its sentence
            first = self.index.sent(token.i)[0]
            for t in reversed(doc[first : token.i]):
                if t.dep_ == "nsubj" and t.pos_ in ("PROPN", "NOUN", "PRON") and not self._in_region(t.idx):
                    speaker, head = speaker_span(doc, t), t.i
                    break
        return _Candidate(
            content, cue, speaker, head, frame, token.i if cue_token is None else cue_token, lemma
        )

    def _misparsed_into_quote(self, subj: Token, verb: Token) -> bool:
        """A subject inside a quotation while its verb is outside ("“... Michigan, Ohio,'' Mr.
        Trump said"): the parser took a word of the quotation for the speaker."""
        ks = self.regions.overlapping(subj.idx, subj.idx + 1)
        if not ks:
            return False
        r = self.regions.regions[ks[0]].span
        return not r.start <= verb.idx < r.end

    def _verb_frames(self, verb: Token) -> Iterator[_Candidate]:
        doc = self.doc
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        cue = _tok_extent(doc, verb.i, verb.i)
        for c in children:
            if c.dep_ == "prt" and c.i == verb.i + 1:
                cue = (cue[0], c.idx + len(c.text))
        # a clause after the verb first ("..., she said it “humanizes” her")
        for c in sorted(children, key=lambda c: (c.i < verb.i, c.i)):
            if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ", "PRON"):
                if c.i < verb.i and verb.dep_ == "ROOT" and c.dep_ == "parataxis":
                    continue
                yield self._make(verb, lemma, "clause", self._clause_span(verb, c), cue)
                break
        else:
            stranded = self._stranded_clause(verb)
            if stranded is not None:
                yield self._make(verb, lemma, "clause", stranded, cue)
        found = self._adjacent_quote(verb)
        if found is not None:
            yield self._make(verb, lemma, "quote", found[0], cue, found[1])
        colon = self._after_colon(verb)
        if colon is not None:
            yield self._make(verb, lemma, "colon", colon, cue)
        paren = self._parenthetical(verb)
        if paren is not None:
            yield self._make(verb, lemma, "parenthetical", paren, cue)
        impression = self._impression(verb)
        if impression is not None:
            yield self._make(verb, lemma, "impression", impression, cue, no_speaker=True)
        for c in children:
            if c.dep_ == "xcomp" and c.i > verb.i:
                yield self._make(verb, lemma, "infinitive", _subtree_span(doc, c), cue)
                break
        for c in children:
            if c.dep_ == "dobj" and c.i > verb.i:
                last = c
                for o in children:
                    if o.i > c.i and o.dep_ in OBJECT_TAIL_DEPS:
                        last = o
                content = doc[c.left_edge.i].idx, doc[last.right_edge.i].idx + len(doc[last.right_edge.i])
                yield self._make(verb, lemma, "object", content, cue)
                break
        for c in children:
            if c.dep_ == "prep" and c.i > verb.i:
                objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                if objs:
                    pcue = (cue[0], c.idx + len(c.text))
                    yield self._make(
                        verb, lemma, "preposition:" + c.lower_, _subtree_span(doc, objs[0]), pcue
                    )

    def _stranded_clause(self, verb: Token) -> tuple[int, int] | None:
        """A "that" clause the parser hung as a relative clause on a noun of a phrase after the
        verb: "said later in the day that he was back home" read as "the day that he was". The
        "that" is no argument of that clause and it has a subject of its own, so it is the
        verb's report."""
        if verb.lemma_.lower() not in CLAUSE_CUES:
            return None
        for t in verb.subtree:
            if t.i <= verb.i or t.dep_ != "relcl" or t.head.dep_ != "pobj":
                continue
            node = t.head
            while node.i != verb.i and node.dep_ in STRANDING_DEPS:
                node = node.head
            that = next((c for c in t.lefts if c.lower_ == "that" and c.dep_ in ("mark", "advmod")), None)
            subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in t.children)
            if node.i == verb.i and that is not None and subject:
                return _tok_extent(self.doc, that.i, t.right_edge.i)
        return None

    def _impression(self, verb: Token) -> tuple[int, int] | None:
        """ "The race appears closer", "Sanders seemed to reap ...": the clause, with no source."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        comp = next((c for c in verb.rights if c.dep_ in ("xcomp", "acomp", "oprd", "ccomp", "attr")), None)
        if subj is None or comp is None or subj.i > verb.i:
            return None
        return _tok_extent(self.doc, subj.left_edge.i, comp.right_edge.i)

    def _noun_frames(self, noun: Token) -> Iterator[_Candidate]:
        """ "Trump's plan to deport ...", "a claim by X that ...": a report noun with a source."""
        doc = self.doc
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            for c in noun.rights:
                if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                    source = next((p for p in c.children if p.dep_ == "pobj"), None)
                    break
        if source is None or source.pos_ not in ("PROPN", "NOUN", "PRON"):
            return
        lemma = noun.lemma_.lower()
        for c in noun.rights:
            content: tuple[int, int] | None = None
            if c.dep_ in ("acl", "ccomp", "relcl") and (c.dep_ != "relcl" or _has_mark(c)):
                content = _subtree_span(doc, c)
            elif c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "about", "against", "that"):
                objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                if objs:
                    content = _subtree_span(doc, objs[0])
            if content is not None:
                cand = self._make(
                    noun, lemma, "noun", content, _tok_extent(doc, noun.i, noun.i), no_speaker=True
                )
                cand.speaker, cand.speaker_head = speaker_span(doc, source), source.i
                yield cand
                return

    def _adverb_frames(self, adverb: Token) -> Iterator[_Candidate]:
        """ "He was reportedly targeted ...": the clause of the verb, with no source."""
        verb = adverb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return
        first, last = verb.left_edge.i, verb.right_edge.i
        for c in verb.children:
            if c.dep_ in ("cc", "conj", "punct") and c.i > verb.i:
                last = min(last, c.left_edge.i - 1)
        if last < first:
            return
        content = _tok_extent(self.doc, first, last)
        cue = _tok_extent(self.doc, adverb.i, adverb.i)
        yield self._make(adverb, adverb.lower_, "adverb", content, cue, no_speaker=True)

    def _source_phrase(self, prep: Token) -> Iterator[_Candidate]:
        """ "Clinton led Sanders in a new poll": the clause, attributed to the document or poll."""
        doc = self.doc
        head = prep.head
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.pos_ != "NOUN" or head.pos_ not in ("VERB", "AUX"):
            return
        content = _subtree_span(doc, head, exclude=prep)
        cand = self._make(
            prep,
            obj.lemma_.lower(),
            "source",
            content,
            _tok_extent(doc, prep.i, prep.i),
            no_speaker=True,
            cue_token=head.i,
        )
        cand.speaker, cand.speaker_head = speaker_span(doc, obj), obj.i
        yield cand

    def _headline_colon(self, colon: Token) -> Iterator[_Candidate]:
        """ "Clinton: “Our goal is ...”" / "McCain: Republican anger ...": a name and its words."""
        doc = self.doc
        sent_start, sent_end = self.index.sent(colon.i)
        before = doc[sent_start : colon.i]
        names = [t for t in before if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
        if not names or names[-1].i != colon.i - 1:
            return
        rest = colon.i + 1
        while rest < sent_end and doc[rest].is_space:
            rest += 1
        if rest >= sent_end - 1:
            return
        head = names[-1]
        while (
            head.head.i < colon.i
            and head.head.i >= sent_start
            and head.head.i != head.i
            and head.head.pos_ == "PROPN"
        ):
            head = head.head
        content = _tok_extent(doc, rest, sent_end - 1)
        cand = self._make(
            colon, ":", "headline", content, _tok_extent(doc, colon.i, colon.i), no_speaker=True
        )
        cand.speaker, cand.speaker_head = speaker_span(doc, head), head.i
        yield cand

    def _clause_span(self, verb: Token, clause: Token) -> tuple[int, int]:
        """The reported clause, run on over what the parser hung on the verb after it (PolNeAR
        content runs to the end of the report: "said that it would “have been cool” had she ...")."""
        doc = self.doc
        last = clause.right_edge.i
        if clause.i > verb.i:
            for c in verb.rights:
                if c.i <= clause.i:
                    continue
                if c.dep_ in ("conj", "cc", "punct") or (c.dep_ == "advcl" and c.tag_ == "VBG"):
                    break
                if c.dep_ in CLAUSE_TAIL_DEPS:
                    last = max(last, c.right_edge.i)
        return _tok_extent(doc, clause.left_edge.i, last)

    def _adjacent_quote(self, verb: Token) -> tuple[tuple[int, int], Token | None] | None:
        """A quotation that closes right before the verb and its subject ("“...,” Ramos, 58, told
        AFP") or opens right after the verb and its modifiers ("told reporters, “...”").

        Returns the quotation and, for a quotation before the verb, the head of the noun phrase
        between them (the speaker when the parse went astray), or None.
        """
        before = self._quote_before(verb)
        after = self._quote_after(verb)
        if before is None or after is None:
            return before or after
        # both: the quotation across no line break, then the longer one ("Remarking upon his
        # “genuine empathy,” Starr said, “Leave aside ...”")
        (bs, be), _ = before
        (as_, ae), _ = after
        if "\n" in self.text[be : verb.idx]:
            return after
        return before if len(self.text[bs:be].split()) >= len(self.text[as_:ae].split()) else after

    def _quote_before(self, verb: Token) -> tuple[tuple[int, int], Token | None] | None:
        text = self.text
        doc = self.doc
        regions = self.regions.regions
        k = bisect.bisect_right(self.regions.starts, verb.idx) - 1
        while k >= 0 and regions[k].span.end > verb.idx:
            k -= 1
        if k < 0:
            return None
        r = regions[k].span
        gap = text[r.end : verb.idx]
        if gap.count("\n") > 2 or any(ch in gap for ch in ".!?;:"):
            return None
        last = self.token_at(r.end - 1)
        between = [t for t in doc[last + 1 : verb.i] if not t.is_space and not t.is_punct]
        if len(between) > 12 or any(t.pos_ in ("VERB", "AUX") for t in between):
            return None
        if between and between[-1].pos_ == "CCONJ":
            # a conjunction joins the verb to the clause that holds the quotation ("would “keep
            # fares flat” and add two crossings"), where "“...,” she added" reports it; one
            # inside the speaker ("Roe and Lund said") leaves it
            return None
        first = self.token_at(r.start)
        if first > 0 and doc[first - 1].pos_ in ("NOUN", "PROPN") and not doc[first - 1].is_punct:
            return None  # a title after its noun: "wrote in his book “War” citing ..."
        inner = text[r.start : r.end].rstrip("”\"' \u00a0")
        if inner[-1:] in ".!?…" and not self._bare_report(verb):
            # a quoted sentence of its own before a new clause ("... “B.” He pledged to ...")
            return None
        heads = [t for t in between if t.pos_ in ("PROPN", "NOUN", "PRON") and not (last < t.head.i < verb.i)]
        return (r.start, r.end), (heads[0] if heads else None)

    def _bare_report(self, verb: Token) -> bool:
        """Whether the verb reports nothing but what precedes it ("... he said Wednesday.")."""
        complements = ("ccomp", "xcomp") if verb.lemma_ in CLAUSE_CUES else ("ccomp", "dobj", "xcomp")
        if any(c.dep_ in complements and c.i > verb.i for c in verb.children):
            return False
        return self.index.sent(verb.i)[1] - verb.i <= BARE_REPORT_TOKENS

    def _quote_after(self, verb: Token) -> tuple[tuple[int, int], Token | None] | None:
        text = self.text
        doc = self.doc
        regions = self.regions.regions
        end_of_verb = verb.idx + len(verb.text)
        k = bisect.bisect_left(self.regions.starts, end_of_verb)
        if k < len(regions):
            r = regions[k].span
            first = self.token_at(r.start)
            between = doc[verb.i + 1 : first]
            if between and between[-1].pos_ in ("NOUN", "PROPN"):
                return None  # a title after its noun: "wrote in his book “War”"
            if (
                "\n" not in text[end_of_verb : r.start]
                and len(between) <= 8
                and all(
                    (t.is_punct or verb.is_ancestor(t)) and t.pos_ not in ("VERB", "AUX") for t in between
                )
                and not any(t.is_punct and t.text not in ",:—–-" for t in between)
            ):
                return (r.start, r.end), None
        return None

    def _parenthetical(self, verb: Token) -> tuple[int, int] | None:
        """ "The plan, an aide said, is to ...": the clause the cue interrupts or follows."""
        doc = self.doc
        head = verb.head
        if head.i == verb.i or verb.dep_ not in ("parataxis", "advcl", "ccomp", "conj", "dep"):
            return None
        if head.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
            return None
        if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None
        before = doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        after = doc[verb.right_edge.i + 1] if verb.right_edge.i + 1 < len(doc) else None
        if not (
            (before is not None and before.text == ",") or (after is not None and after.text in (",", "."))
        ):
            return None
        return _subtree_span(doc, head, exclude=verb)

    def _after_colon(self, verb: Token) -> tuple[int, int] | None:
        """ "X said in a statement: ..." -> the rest of the sentence, or the next paragraph."""
        doc = self.doc
        sent_start, sent_end = self.index.sent(verb.i)
        sent_end_char = self.index.starts[sent_end] if sent_end < len(doc) else len(self.text)
        if self.text.find(":", self.index.starts[verb.i], sent_end_char) < 0:
            return None
        colon = None
        for t in doc[verb.i + 1 : sent_end]:
            if t.text == ":":
                colon = t
                break
            if t.dep_ == "ccomp" and t.head.i == verb.i:
                return None
        if colon is None:
            return None
        rest = colon.i + 1
        while rest < sent_end and doc[rest].is_space:
            rest += 1
        if rest < sent_end:
            return _tok_extent(doc, rest, sent_end - 1)
        # the sentence ends with the colon: the content is the next paragraph
        nxt = sent_end
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc):
            return None
        start = doc[nxt].idx
        for k in self.regions.overlapping(start, start + 1):
            r = self.regions.regions[k].span
            if r.start == start:
                return r.start, r.end
        line_end = self.text.find("\n", start)
        return start, line_end if line_end >= 0 else len(self.text)

    def _according(self, token: Token) -> Iterator[_Candidate]:
        doc = self.doc
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
        if to is None:
            return
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        head = token.head
        if head.i == token.i:
            return
        content = _subtree_span(doc, head, exclude=token)
        cue = (token.idx, to.idx + len(to.text))
        cand = self._make(token, "according", "according", content, cue, no_speaker=True)
        if source is not None:
            cand.speaker, cand.speaker_head = speaker_span(doc, source), source.i
        yield cand

    def finish(self, cands: list[_Candidate]) -> list[RawQuote]:
        text = self.text
        out: list[RawQuote] = []
        datelines = [(m.start(), m.end()) for m in DATELINE_RE.finditer(text)]
        for c in cands:
            start, end = c.content
            # a dateline ("NORBERG (Wire) - ") opens the sentence, not what is reported
            start = next((b for a, b in datelines if a <= start < b < end), start)
            start, end = _strip(text, start, end)
            if end <= start:
                continue
            start, end = _snap_to_regions(start, end, self.regions, c.cue)
            c.content = (start, end)
        cands = self._merge_following_quotes(cands)
        self._quoted_first_person(cands)
        self._nested_pronouns(cands)
        seen: list[tuple[int, int]] = []
        # a cue from the lexicon wins over a verb that merely stands next to a quotation
        for c in sorted(cands, key=lambda c: c.open_class):
            start, end = c.content
            if end <= start or not any(ch.isalnum() for ch in text[start:end]):
                continue
            if c.cue is not None and self._in_region(c.cue[0]):
                # a report inside someone's quoted words ("“I think ...,” she said") is part of
                # that quotation, not an attribution of its own
                continue
            if any(
                Span(start, end).overlaps(x) or (c.cue and Span(*c.cue).overlaps(x)) for x in self.exclude
            ):
                continue
            if any(_f1(start, end, s, e) >= 0.9 for s, e in seen):
                continue
            seen.append((start, end))
            out.append(
                RawQuote(
                    content=Span(start, end),
                    kind=_quote_kind(text, start, end, self.regions, skip=(c.cue, c.speaker)),
                    cue=Span(*c.cue) if c.cue else None,
                    speaker=Span(*c.speaker) if c.speaker else None,
                    speaker_head=c.speaker_head,
                    frame=c.frame,
                )
            )
        out.sort(key=lambda q: (q.content.start, q.content.end))
        return out

    def _quoted_first_person(self, cands: list[_Candidate]) -> None:
        """ "“I think ...,” X said": a first- or second-person speaker inside a quotation is the
        speaker of the quotation (as PolNeAR annotates it)."""
        text = self.text
        for c in cands:
            if c.cue is None or c.speaker is None:
                continue
            if text[c.speaker[0] : c.speaker[1]].lower() not in QUOTED_PERSON_PRONOUNS:
                continue
            ks = self.regions.overlapping(c.cue[0], c.cue[0] + 1)
            if not ks:
                continue
            r = self.regions.regions[ks[0]].span
            for outer in cands:
                if outer is c or outer.cue is None or r.start <= outer.cue[0] < r.end:
                    continue
                if outer.content[0] <= r.start and r.end <= outer.content[1] and outer.speaker is not None:
                    c.speaker, c.speaker_head = outer.speaker, outer.speaker_head
                    break

    def _nested_pronouns(self, cands: list[_Candidate]) -> None:
        """ "Scott said he supports the bill": a pronoun speaker of a report inside another report's
        content is that report's speaker (PolNeAR names the outer speaker there)."""
        text = self.text
        for c in sorted(cands, key=lambda c: c.content[0]):
            pronoun = text[c.speaker[0] : c.speaker[1]].lower() if c.speaker is not None else ""
            if pronoun not in NESTED_PRONOUNS or c.speaker is None:
                continue
            outer = [
                o
                for o in cands
                if o is not c
                and o.speaker is not None
                and o.content[0] <= c.speaker[0] < o.content[1]
                and self._fits(pronoun, o.speaker_head)
            ]
            if outer:
                o = min(outer, key=lambda o: o.content[1] - o.content[0])
                c.speaker, c.speaker_head = o.speaker, o.speaker_head

    def _fits(self, pronoun: str, head: int | None) -> bool:
        """Whether a pronoun can stand for the speaker headed by token ``head`` (he/she for a
        person or a noun that is no organisation or place, it for anything but a person)."""
        if head is None:
            return False
        t = self.doc[head]
        person = t.ent_type_ == "PERSON" or t.lower_ in ("he", "she", "who")
        if pronoun in ("he", "she"):
            return person or (t.pos_ == "NOUN" and t.ent_type_ not in ("ORG", "GPE", "NORP"))
        if pronoun == "it":
            return not person and t.lower_ not in ("they", "we", "i", "you")
        return True

    def _standalone(self, r: Span, gap: str) -> bool:
        """Whether quotation ``r`` is a paragraph of its own that follows straight on from ``gap``."""
        if gap.strip():
            return False
        line_end = self.text.find("\n", r.end)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[r.end : line_end].strip()

    def _interrupted(self, c: _Candidate, first: int, second: int) -> bool:
        """Whether quotations ``first`` and ``second`` are one quotation that the cue of ``c``
        interrupts: the cue lies between them, and the gap ends with a comma ("“A,” X said, “b.”")."""
        if c.cue is None:
            return False
        a, b = self.regions.regions[first].span, self.regions.regions[second].span
        gap = self.text[a.end : b.start]
        return a.end <= c.cue[0] < b.start and "\n" not in gap and gap.rstrip().endswith(",")

    def _merge_following_quotes(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Extends a quotation's content over the unclaimed quotations after it in its paragraph."""
        text = self.text
        claimed = set()
        for c in cands:
            for k in self.regions.overlapping(*c.content):
                r = self.regions.regions[k].span
                if c.cue is None or not r.start <= c.cue[0] < r.end:
                    claimed.add(k)
        cue_starts = sorted(c.cue[0] for c in cands if c.cue and not self._in_region(c.cue[0]))
        for c in sorted(cands, key=lambda c: c.content[0]):
            start, end = c.content
            ks = self.regions.overlapping(start, end)
            first = ks[0] if ks and self.regions.regions[ks[0]].span.start == start else -1
            if first > 0 and first - 1 not in claimed and self._interrupted(c, first - 1, first):
                # the quotation's first part, before the cue that interrupts it ("“A,” X said, “b.”")
                start = self.regions.regions[first - 1].span.start
                claimed.add(first - 1)
            if not ks or self.regions.regions[ks[-1]].span.end != end:
                c.content = (start, end)
                continue
            k = ks[-1] + 1
            while k < len(self.regions.regions) and k not in claimed:
                r = self.regions.regions[k].span
                gap = text[end : r.start]
                if "\n" in gap and not self._standalone(r, gap):
                    break
                nxt_cue = bisect.bisect_left(cue_starts, end)
                if (
                    nxt_cue < len(cue_starts)
                    and cue_starts[nxt_cue] < r.start
                    and not (c.cue and c.cue[0] >= end and cue_starts[nxt_cue] == c.cue[0])
                ):
                    break
                # only whole-sentence quotations join (the gap ends a sentence), or the rest of a
                # quotation that its own cue interrupts ("“A,” she added, “b.”")
                if not (_ends_sentence(gap) or self._interrupted(c, k - 1, k)):
                    break
                end = r.end
                claimed.add(k)
                k += 1
            c.content = (start, end)
        return cands


def _has_mark(token: Token) -> bool:
    return any(c.dep_ == "mark" for c in token.children)


def _ends_sentence(gap: str) -> bool:
    stripped = gap.strip()
    return not stripped or stripped[-1] in ".!?" or stripped in (",", ";")


def _f1(s1: int, e1: int, s2: int, e2: int) -> float:
    ov = max(0, min(e1, e2) - max(s1, s2))
    return 2 * ov / (e1 - s1 + e2 - s2) if e1 - s1 + e2 - s2 else 0.0


_CUE_HASHES: set[int] = set()


def _cue_hashes(doc: Doc) -> set[int]:
    """String hashes of every word the lexicon can take as a cue (lemmas and cue words)."""
    if not _CUE_HASHES:
        words = set(CLAUSE_CUES | PARENTHETICAL_CUES | INFINITIVE_CUES | OBJECT_CUES | IMPRESSION_CUES)
        words |= NOUN_CUES | ADVERB_CUES | SOURCE_NOUNS | set(CORPUS_CUE_FRAMES)
        words |= {lemma for lemma, _ in PREPOSITION_CUES} | {"according", ":", "in"}
        _CUE_HASHES.update(doc.vocab.strings.add(w) for w in words)
    return _CUE_HASHES


def _spans(exclude: Span | Sequence[Span] | None) -> tuple[Span, ...]:
    if exclude is None:
        return ()
    return (exclude,) if isinstance(exclude, Span) else tuple(exclude)


def find_quotes(
    doc: Doc,
    regions: Sequence[QuoteRegion],
    *,
    exclude: Span | Sequence[Span] | None = None,
    allows: Callable[[str, str], bool] = lexicon_allows,
    index: DocIndex | None = None,
) -> list[RawQuote]:
    """Finds the attributions of a parsed document.

    Args:
        doc: The parsed document.
        regions: Its quotation regions (``quotemarks.find_quote_regions``).
        exclude: Spans (the source credit, page furniture) that no attribution may touch.
    """
    _cue_hashes(doc)
    ex = _Extractor(doc, regions, exclude=exclude, allows=allows, index=index)
    cands = ex.candidates()
    found = ex.finish([c for c in cands if not c.open_class])
    # then quotations that no cue of the lexicon reached, next to any verb
    spans = [q.content for q in found]
    extra = ex.finish([c for c in cands if c.open_class])
    found.extend(q for q in extra if not any(q.content.overlaps(s) for s in spans))
    found.sort(key=lambda q: (q.content.start, q.content.end))
    return found
