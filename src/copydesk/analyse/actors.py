"""Actors: entity mentions clustered into people, organisations and places; speakers resolved.

Reads: a parsed spaCy ``Doc`` (named entities, dependencies, sentences) and the ``RawQuote``
records of ``quotes``. Writes: ``Actor`` records and, for each quote, the id and canonical name
of its speaker's actor (the speaker's span, when it is a pronoun or a description, joins the
actor's mentions).

Clustering rules:

* Mentions are spaCy's PERSON, ORG, GPE and NORP entities, trimmed of a leading "the", a
  trailing possessive ("Putin’s", straight or curly apostrophe) and, for people, of role words
  the model swallowed ("President Vladimir Putin" -> "Vladimir Putin", title "President").
* A person's shorter name joins the longer name it is part of ("Putin" -> "Vladimir Putin");
  when several fit, the one mentioned most recently. A one-word ORG or GPE mention that is a
  person's surname ("Trump" tagged ORG) is that person; a one-word mention that begins an
  organisation's longer name and no person's ("Bluewater" of "Bluewater Lines", tagged PERSON
  or ORG) is that organisation. Other types cluster by their name, with common alternative
  names of countries merged (``GPE_ALIASES``).
* A full name in a speaker phrase that the model did not tag (two or more capitalised proper
  nouns heading the phrase or in apposition to its head) is a mention too, so that the speaker
  resolves to it and to no one else: a person when a role word goes with it ("The regional
  governor, Ana Ruiz, declared"), an untyped actor ("OTHER") when it is a bare two-word name
  ("Adel Nefzi said"), no actor when it reads as an organisation ("The Islamic State said").
  A name tagged ORG or GPE in apposition to a role is a person. A speaker phrase whose head has
  a named apposition ("The campaign group, Seal Coast Trust") is that name, not a description.
* Titles come from pre-modifiers ("Russian presidential spokesman Dmitry Peskov", "Chief
  executive Priya Anand") and from appositions after or before the name ("Dmitry Peskov, the
  Kremlin spokesman", "Its regional secretary, Colm Duffy"), without determiners and pronoun
  possessives. A modifier phrase or an appositive before the name is a title only when it holds
  a role word (``SPEAKER_TITLES``).
* A description speaker ("the spokesman", "the US president") is the one person whose titles
  name that role with compatible modifiers; failing that, the most recently mentioned person
  (within two sentences) with no conflicting title.
* A pronoun speaker ("he emphasized") is the speaker of a report that holds it ("Trump noted
  that he believes ..."), else, for a report that is no direct quote, a person named as subject
  since the last quote in its sentence or the one before ("Erik Sand voted against it. He said
  ..."), else the previous quote's speaker when the quote continues it (within
  two paragraphs; for a direct quote, the previous direct quote's speaker), else the most
  salient compatible actor before it (people for he/she,
  organisations and places for it/they), skipping actors whose known gender conflicts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from copydesk.analyse.gender import first_name_gender, settle, word_gender
from copydesk.analyse.lexicon import GPE_ALIASES, GROUP_NOUNS, HONORIFICS, PERSONAL_PRONOUNS, SPEAKER_TITLES
from copydesk.analyse.nlp import DocIndex
from copydesk.analyse.quotemarks import QuoteRegion
from copydesk.analyse.quotes import RawQuote, antecedent
from copydesk.analyse.references import SPEAKER_KINDS, Kind, Resolution, Resolver
from copydesk.model import Actor, ActorType, Gender, Reference, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

ENTITY_TYPES: dict[str, ActorType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP"}
"""spaCy entity labels kept as actors, and the actor type each becomes."""

DESCRIPTION_WINDOW = 2
"""How many sentences back a description ("the president") looks for its person."""

_POSSESSIVE = re.compile(r"[’']s?$")
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_MISTYPED = frozenset({"PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT", "LAW"})
"""Entity labels the small model sometimes gives a person's name ("Ines Valcourt" PRODUCT):
their tokens can still form an untagged name (``_name_token``)."""


@dataclass
class _Cluster:
    type: ActorType
    name: str
    key: tuple[str, ...]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    described: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)
    """Gender evidence ``(gender, kind)``, see ``gender``."""
    gender: str | None = None
    last_seen: int = -1
    first_seen: int = 0


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\u00a0]+", text.lower().strip()) if w)


def _label(ent: SpacySpan) -> ActorType:
    """The actor type of an entity, correcting one slip of the small model: a name right after a
    role word ("water board chair Petra Lindqvist", "Mr. Okafor") or in apposition to one ("The
    council's chairwoman, Wenna Treloar") tagged ORG or GPE is a person."""
    label = ENTITY_TYPES[ent.label_]
    if label in ("ORG", "GPE") and len(ent) <= 3 and all(t.is_title for t in ent):
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in SPEAKER_TITLES and before.head.i >= ent.start:
            return "PERSON"
        if _appositive_roles(ent.doc, ent.start, ent.end):
            return "PERSON"
    return label


def _clean_mention(ent: SpacySpan, label: ActorType) -> tuple[int, int, list[str]] | None:
    """Token range of an entity without "the", a possessive or (for people) role words."""
    doc = ent.doc
    start, end = ent.start, ent.end
    titles: list[str] = []
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].is_punct or _POSSESSIVE.fullmatch(doc[end - 1].text)):
        end -= 1
    if label == "PERSON":
        first = start
        while end - start > 1 and doc[start].lower_ in SPEAKER_TITLES:
            start += 1
        if start > first:
            titles.append(doc[first:start].text)
    if end <= start:
        return None
    return start, end, titles


def _name_text(doc: Doc, start: int, end: int) -> str:
    text = doc[start:end].text
    return (
        _POSSESSIVE.sub("", text)
        if _POSSESSIVE.search(text) and doc[end - 1].text.endswith(("’s", "'s"))
        else text
    )


class _Actors:
    def __init__(self, doc: Doc, *, exclude: Sequence[Span] = (), index: DocIndex | None = None) -> None:
        self.doc = doc
        self.index = index if index is not None else DocIndex(doc)
        self.text = self.index.text
        self.exclude = tuple(exclude)
        self.clusters: list[_Cluster] = []
        self.token_cluster: dict[int, int] = {}
        self.sent_of = self.index.sent_of
        self.refs: Resolver  # set by ``resolver``

    def _excluded(self, span: Span) -> bool:
        return any(span.overlaps(x) for x in self.exclude)

    # ------------------------------------------------------------------ clustering

    def build(self, quotes: Sequence[RawQuote] = ()) -> None:
        doc = self.doc
        ents: list[tuple[ActorType, int, int, list[str]]] = []
        for ent in doc.ents:
            if ent.label_ not in ENTITY_TYPES:
                continue
            if self._excluded(Span(ent.start_char, ent.end_char)):
                continue
            label = _label(ent)
            cleaned = _clean_mention(ent, label)
            if cleaned is None:
                continue
            ents.append((label, *cleaned))
        ents += self._untagged_speakers(quotes)
        ents = self._org_short_forms(ents)
        # people with the longest names first, so that "Putin" finds "Vladimir Putin"
        persons = [e for e in ents if e[0] == "PERSON"]
        for _, start, end, titles in sorted(persons, key=lambda e: -(e[2] - e[1])):
            self._add_person(start, end, titles)
        for label, start, end, _titles in ents:
            if label != "PERSON":
                self._add_other(label, start, end)
        for _, start, end, _t in ents:
            for i in range(start, end):
                if i in self.token_cluster:
                    self._titles_for(self.token_cluster[i], start, end)
                    break
        self._untagged_surnames()

    def _org_short_forms(
        self, ents: list[tuple[ActorType, int, int, list[str]]]
    ) -> list[tuple[ActorType, int, int, list[str]]]:
        """The mentions with a one-word name tagged PERSON retyped ORG where that word begins an
        organisation's longer name and no person's ("Bluewater" of "Bluewater Lines")."""
        words = [_words(_name_text(self.doc, s, e)) for _, s, e, _ in ents]
        longer = [(t, w) for (t, *_), w in zip(ents, words, strict=True) if len(w) > 1]
        orgs = {w[0] for t, w in longer if t == "ORG"}
        people = {x for t, w in longer if t == "PERSON" for x in w}
        firms = {(x,) for x in orgs - people}
        return [
            ("ORG", s, e, titles) if t == "PERSON" and w in firms else (t, s, e, titles)
            for (t, s, e, titles), w in zip(ents, words, strict=True)
        ]

    def _untagged_speakers(self, quotes: Sequence[RawQuote]) -> list[tuple[ActorType, int, int, list[str]]]:
        """Full names in speaker phrases that the model did not tag (``_speaker_name``), as
        mentions of the type ``_name_type`` gives them. Returns ``(type, start, end, titles)``
        token ranges, as ``build`` takes entities."""
        doc = self.doc
        out: list[tuple[ActorType, int, int, list[str]]] = []
        for q in quotes:
            found = _speaker_name(doc, q)
            if found is None or any(start == found[1] for _, start, _, _ in out):
                continue
            first, start, end = found
            last = doc[end - 1]
            chars = Span(doc[start].idx, last.idx + len(last))
            if self._excluded(chars):
                continue
            label = _name_type(doc, first, start, end)
            if label is not None:
                out.append((label, start, end, [doc[first:start].text] if start > first else []))
        return out

    def _untagged_surnames(self) -> None:
        """A person's surname the model did not tag ("Whitcombe left early") is a mention too:
        a proper noun, or a capitalised word the tagger took for a common noun or verb
        ("Sanders captured the primary") when a verb follows it."""
        from spacy.attrs import LOWER, POS

        doc = self.doc
        surnames: dict[int, list[int]] = {}
        for k, c in enumerate(self.clusters):
            if c.type == "PERSON" and len(c.key) > 1:
                surnames.setdefault(doc.vocab.strings.add(c.key[-1]), []).append(k)
        if not surnames:
            return
        arr = doc.to_array([LOWER, POS])
        strings = doc.vocab.strings
        propn = strings["PROPN"]
        mistagged = {strings["NOUN"], strings["VERB"]}
        for i, (lower, pos) in enumerate(arr.tolist()):
            if lower not in surnames or i in self.token_cluster:
                continue
            if pos != propn and not (
                pos in mistagged
                and doc[i].is_title
                and i + 1 < len(doc)
                and doc[i + 1].pos_ in ("VERB", "AUX")
            ):
                continue
            t = doc[i]
            if self._excluded(Span(t.idx, t.idx + 1)):
                continue
            if t.ent_type_ or (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN"):
                continue
            if i > 0 and _name_token(doc[i - 1]) and doc[i - 1].lower_ not in SPEAKER_TITLES:
                continue  # the surname of someone else ("Ivanka Trump" is not "Donald Trump")
            k = max(surnames[lower], key=lambda k: self._recency(k, i))
            self._mention(k, i, i + 1)

    def _add_person(self, start: int, end: int, titles: list[str]) -> None:
        doc = self.doc
        words = tuple(w for w in _words(_name_text(doc, start, end)) if w not in HONORIFICS)
        if not words:
            return
        fits = [k for k, c in enumerate(self.clusters) if c.type == "PERSON" and _part_of(words, c.key)]
        if fits:
            k = max(fits, key=lambda k: self._recency(k, start))
        else:
            self.clusters.append(_Cluster("PERSON", _name_text(doc, start, end), words))
            k = len(self.clusters) - 1
        c = self.clusters[k]
        c.titles.extend(t for t in titles if t not in c.titles)
        self._mention(k, start, end)

    def _recency(self, k: int, start: int) -> tuple[int, int]:
        """Sort key: the cluster mentioned last before ``start`` (else the earliest after it)."""
        char = self.index.starts[start]
        before = [s for s, _ in self.clusters[k].mentions if s < char]
        return (1, max(before)) if before else (0, -min((s for s, _ in self.clusters[k].mentions), default=0))

    def _add_other(self, label: ActorType, start: int, end: int) -> None:
        doc = self.doc
        name = _name_text(doc, start, end)
        words = _words(name)
        if len(words) == 1:
            surname = [k for k, c in enumerate(self.clusters) if c.type == "PERSON" and words[0] in c.key]
            if surname:
                self._mention(max(surname, key=lambda k: self._recency(k, start)), start, end)
                return
        if label == "GPE":
            alias = GPE_ALIASES.get(" ".join(words))
            if alias:
                words = _words(alias)
        for k, c in enumerate(self.clusters):
            if c.type == label and (c.key == words or (label == "ORG" and _short_org(words, c.key))):
                if len(name) > len(c.name) and not (label == "GPE" and GPE_ALIASES.get(name.lower())):
                    c.name, c.key = name, words
                self._mention(k, start, end)
                return
        canonical = GPE_ALIASES.get(" ".join(_words(name)), name) if label == "GPE" else name
        self.clusters.append(_Cluster(label, canonical, words))
        self._mention(len(self.clusters) - 1, start, end)

    def _mention(self, k: int, start: int, end: int) -> None:
        doc = self.doc
        c = self.clusters[k]
        span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        text = self.text[span[0] : span[1]]
        if text.endswith(("’s", "'s")):
            span = (span[0], span[1] - 2)
            text = text[:-2]
        if span not in c.mentions:
            c.mentions.append(span)
            c.texts.append(text)
        for i in range(start, end):
            self.token_cluster[i] = k

    def _titles_for(self, k: int, start: int, end: int) -> None:
        """Pre-modifiers and appositions of a mention, as titles of its cluster."""
        doc = self.doc
        c = self.clusters[k]
        if c.type != "PERSON":
            return
        head = doc[end - 1]
        mods = []
        for t in reversed(doc[head.left_edge.i : start]):
            if t.dep_ in _TITLE_DEPS or (t.ent_type_ in ("NORP", "GPE") and t.dep_ != "poss"):
                mods.append(t)
            else:
                break
        mods.reverse()
        if mods and any(t.pos_ in ("NOUN", "PROPN") and t.lower_ in SPEAKER_TITLES for t in mods):
            title = doc[mods[0].i : mods[-1].i + 1].text
            if title not in c.titles:
                c.titles.append(title)
        nouns = [child for child in head.children if child.dep_ == "appos" and child.i > head.i]
        # "Its regional secretary, Colm Duffy"
        nouns += [t for t in _appositive_roles(doc, start, end) if t.i < start]
        for noun in nouns:
            if noun.pos_ == "NOUN":
                title = _role_phrase(noun)
                if title and title not in c.titles:
                    c.titles.append(title)

    # ------------------------------------------------------------------ gender

    def resolver(
        self, regions: Sequence[QuoteRegion], quotes: Sequence[RawQuote], exclude: Sequence[Span]
    ) -> Resolver:
        """The pronoun resolver over these clusters, their genders settled (``gender``)."""
        res = Resolver(
            self.doc,
            self.index,
            token_cluster=self.token_cluster,
            types=[c.type for c in self.clusters],
            genders=[None] * len(self.clusters),
            mentions=[c.mentions for c in self.clusters],
            regions=regions,
            contents=[q.content for q in quotes],
            exclude=exclude,
            ambiguous=self._shared_surnames(),
        )
        doc = self.doc
        for i, k in self.token_cluster.items():
            c = self.clusters[k]
            if c.type == "PERSON" and i > 0 and self.token_cluster.get(i - 1) != k:
                g = word_gender(doc[i - 1].lower_)  # "Mr Okafor", "spokeswoman Ana Ruiz"
                if g is not None:
                    c.evidence.append((g, "title"))
        for c in self.clusters:
            if c.type != "PERSON":
                continue
            for title in c.titles:  # "Ms.", "Chancellery spokesman", "the union's chairwoman"
                c.evidence += [(g, "title") for g in map(word_gender, _words(title)) if g is not None]
            first = first_name_gender(c.key[0]) if len(c.key) > 1 else None
            if first is not None:
                c.evidence.append((first, "first_name"))
        for k, linked, kind in res.link_evidence():
            self.clusters[k].evidence.append((linked, kind))
        for c in self.clusters:
            c.gender = settle(c.evidence) if c.type == "PERSON" else None
        res.genders = [c.gender for c in self.clusters]
        self.refs = res
        return res

    def _shared_surnames(self) -> dict[int, list[int]]:
        """Tokens of one-word mentions that are the surname of more than one person ("Clinton"
        when Hillary and Bill Clinton are both named), with those people."""
        owners: dict[str, list[int]] = {}
        for k, c in enumerate(self.clusters):
            if c.type == "PERSON" and len(c.key) > 1:
                owners.setdefault(c.key[-1], []).append(k)
        tc = self.token_cluster
        return {
            i: owners[self.doc[i].lower_]
            for i, k in tc.items()
            if tc.get(i - 1) != k and tc.get(i + 1) != k and len(owners.get(self.doc[i].lower_, ())) > 1
        }

    # ------------------------------------------------------------------ speakers

    def resolve(self, quotes: Sequence[RawQuote]) -> list[int | None]:
        """The cluster of each quote's speaker (None when it cannot be resolved)."""
        doc = self.doc
        out: list[int | None] = []
        previous: tuple[int | None, int, int] | None = None  # (cluster, paragraph, end) of the last quote
        previous_direct: tuple[int | None, int, int] | None = None  # the same, of the last direct quote
        for q in quotes:
            k: int | None = None
            if q.speaker is not None and q.speaker_head is not None:
                head = antecedent(doc[q.speaker_head])
                k = self._cluster_at(q.speaker, head)
                if k is None:
                    lower = doc[q.speaker_head].lower_
                    if lower in PERSONAL_PRONOUNS and head.i == q.speaker_head:
                        k = self._enclosing(q, quotes, out, doc[q.speaker_head])
                        if k is None:
                            # a direct quote continues the last direct quote; any other, the last one
                            before = previous_direct if q.kind == "direct" and previous_direct else previous
                            k = self._pronoun(doc[q.speaker_head], before, q)
                        if lower in SPEAKER_KINDS:
                            # the reference of the pronoun is the speaker; a speaker with no name
                            # outside quotations before it is none
                            k = self.refs.pin(q.speaker_head, k).cluster
                    elif head.pos_ == "NOUN" and _speaker_name(doc, q) is None:
                        # a description that names someone the model missed is not another person
                        k = self._description(head)
                    elif head.pos_ == "PRON" and head.i != q.speaker_head:
                        k = None
                if (
                    k is not None
                    and head.i not in self.token_cluster
                    and not any(
                        s < q.speaker.end and q.speaker.start < e for s, e in self.clusters[k].mentions
                    )
                ):
                    # a pronoun or a description that names no one itself: a new mention
                    c = self.clusters[k]
                    c.mentions.append((q.speaker.start, q.speaker.end))
                    c.described.append(q.speaker.of(self.text))
            if k is not None:
                self.clusters[k].last_seen = max(self.clusters[k].last_seen, q.content.start)
            out.append(k)
            previous = (k, self._paragraph(q.content.start), q.content.end)
            if q.kind == "direct":
                previous_direct = previous
        return out

    def _enclosing(
        self, q: RawQuote, quotes: Sequence[RawQuote], resolved: list[int | None], pronoun: Token
    ) -> int | None:
        """The speaker of an earlier quote whose content holds this one's speaker ("Trump noted
        that he believes ..."), when the pronoun fits that speaker."""
        assert q.speaker is not None
        kind = SPEAKER_KINDS.get(pronoun.lower_)
        if kind is None:
            return None
        for other, k in zip(quotes, resolved, strict=False):
            if k is None or other is q or not other.content.start <= q.speaker.start < other.content.end:
                continue
            if self.refs.agrees(k, kind):
                return k
        return None

    def _cluster_at(self, speaker: Span, head: Token) -> int | None:
        """The actor a speaker phrase names: its head's, or a person named inside it ("the
        American journalist Bob Woodward"); a description's modifiers ("the US president") are
        not the speaker, nor is a name that modifies a common noun ("Biden aides", "a Biden
        aide": the aides speak)."""
        if head.i in self.token_cluster:
            return self.token_cluster[head.i]
        span = self.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if span is None:
            return None
        people = [
            self.token_cluster[t.i]
            for t in span
            if t.i in self.token_cluster
            and self.clusters[self.token_cluster[t.i]].type == "PERSON"
            and t.dep_ != "poss"
            and not (t.dep_ == "compound" and t.head.i == head.i and head.pos_ == "NOUN")
            and not any(a.dep_ == "poss" for a in t.ancestors if a.i in range(span.start, span.end))
        ]
        if people:
            return people[-1]
        named = [
            self.token_cluster[t.i] for t in head.children if t.dep_ == "appos" and t.i in self.token_cluster
        ]
        if named:
            return named[0]  # "The campaign group, Seal Coast Trust": the name, not a description
        if head.pos_ in ("NOUN", "PRON"):
            return None
        found = [self.token_cluster[t.i] for t in span if t.i in self.token_cluster]
        if not found:
            return None
        order = ("PERSON", "ORG", "GPE", "NORP", "OTHER")
        return min(found, key=lambda k: order.index(self.clusters[k].type))

    def _paragraph(self, char: int) -> int:
        return self.text.count("\n", 0, char)

    def _mentioned_before(self, char: int, types: tuple[str, ...], window: int | None = None) -> list[int]:
        """Clusters of the given types, the most recently mentioned before ``char`` first."""
        doc = self.doc
        limit_sent = None
        if window is not None:
            tok = doc.char_span(char, char + 1, alignment_mode="expand")
            if tok is not None and len(tok):
                limit_sent = self.sent_of[tok[0].i] - window
        best: list[tuple[int, int]] = []
        for k, c in enumerate(self.clusters):
            if c.type not in types:
                continue
            before = [s for s, _ in c.mentions if s < char]
            if not before:
                continue
            last = max(before)
            if limit_sent is not None:
                tok = doc.char_span(last, last + 1, alignment_mode="expand")
                if tok is not None and len(tok) and self.sent_of[tok[0].i] < limit_sent:
                    continue
            best.append((last, k))
        return [k for _, k in sorted(best, reverse=True)]

    def _pronoun(self, token: Token, previous: tuple[int | None, int, int] | None, q: RawQuote) -> int | None:
        """A pronoun speaker: a person named as subject since the last quote, else the last
        quote's speaker when the quote goes on with it, else what the resolver takes, each
        under the resolver's agreement test."""
        kind = SPEAKER_KINDS.get(token.lower_)
        if kind is None:
            return None
        last, para, end = previous if previous is not None else (None, 0, 0)
        # "Erik Sand voted against the plan. He said the cost would rise.": a report (not a
        # quotation, which tends to go on with the last) by the person named since
        subject = self._subject_since(token, kind, end, q.content) if q.kind != "direct" else None
        if subject is not None and subject != last:
            return subject
        if last is not None and self.refs.agrees(last, kind) and self._paragraph(q.content.start) - para <= 2:
            return last
        # the speaker's own words name others, never the speaker
        return self.refs.resolve(token.i, kind, strict=False, ignore=q.content).cluster

    def _subject_since(self, token: Token, kind: Kind, after: int, content: Span) -> int | None:
        """The cluster last named as a subject in ``token``'s sentence or the one before, after
        character ``after`` (the end of the last quote's content) and outside the ``content``
        being attributed and any other quotation, by a name, not a pronoun."""
        doc, here = self.doc, self.sent_of[token.i]
        first = self.index.sent_bounds[max(0, here - 1)][0]
        for i in range(token.i - 1, first - 1, -1):
            t = doc[i]
            if i not in self.token_cluster or t.idx < after or content.start <= t.idx < content.end:
                continue
            if self.token_cluster.get(i + 1) == self.token_cluster[i]:
                continue  # the last word of a name stands for it
            if not self.refs.visible(t.idx) or self.refs.modifies_noun(t):
                continue  # in a quotation, or a name modifying a noun ("the Union contract")
            head = t
            while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
                head = head.head  # "Her adviser, Tomas Berg, spoke": the name is the subject too
            if head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            k = self.token_cluster[i]
            if self.refs.agrees(k, kind) and t.lower_ not in PERSONAL_PRONOUNS:
                return k
        return None

    def _description(self, head: Token) -> int | None:
        """ "the spokesman" / "the US president" -> the person with that role."""
        role = head.lower_
        mods = {t.lower_ for t in head.children if t.dep_ in ("amod", "compound", "nmod") and t.i < head.i}
        if not any(t.lower_ == "the" for t in head.children):
            return None
        fits, conflicts = [], set()
        for k, c in enumerate(self.clusters):
            if c.type != "PERSON":
                continue
            for title in c.titles:
                words = set(_words(title))
                if role in words:
                    if not mods or mods & words or not (words - {role}):
                        fits.append(k)
                    else:
                        conflicts.add(k)
        fits = sorted(set(fits) - conflicts)
        if len(fits) == 1:
            return fits[0]
        if role in GROUP_NOUNS:
            # "the budget office" is the organisation of that name mentioned before it, never a person
            for k in self._mentioned_before(head.idx, ("ORG", "GPE")):
                words = {w for t in self.clusters[k].texts for w in _words(t)}
                if role in words and mods <= words:
                    return k
            return None
        for k in self._mentioned_before(head.idx, ("PERSON",), window=DESCRIPTION_WINDOW):
            if k not in conflicts and (not fits or k in fits):
                return k
        return None

    # ------------------------------------------------------------------ output

    def actors(self) -> tuple[list[Actor], dict[int, str]]:
        order = sorted(range(len(self.clusters)), key=lambda k: min(s for s, _ in self.clusters[k].mentions))
        ids: dict[int, str] = {}
        out: list[Actor] = []
        for n, k in enumerate(order, 1):
            c = self.clusters[k]
            ids[k] = f"a{n}"
            name = _canonical(c)
            aliases = tuple(
                sorted({t for t in c.texts + c.described if t != name and t.lower() not in PERSONAL_PRONOUNS})
            )
            mentions = tuple(sorted(Span(s, e) for s, e in c.mentions))
            gender: Gender | None = None
            if c.gender == "male":
                gender = "male"
            elif c.gender == "female":
                gender = "female"
            out.append(Actor(ids[k], name, c.type, aliases, tuple(c.titles), mentions, gender=gender))
        return out, ids


def lower_text(text: str, span: Span) -> str:
    return span.of(text).lower()


def _role_phrase(noun: Token) -> str:
    """The text of a noun with its pre-modifiers, without determiners and pronoun possessives
    ("the Kremlin spokesman" -> "Kremlin spokesman", "its regional secretary" -> "regional
    secretary")."""
    doc = noun.doc
    first = noun.left_edge.i
    while first < noun.i and (
        doc[first].pos_ == "DET" or (doc[first].pos_ == "PRON" and doc[first].dep_ == "poss")
    ):
        first += 1
    return doc[first : noun.i + 1].text


def _speaker_name(doc: Doc, q: RawQuote) -> tuple[int, int, int] | None:
    """An untagged full name in a quote's speaker phrase: a run of two or more capitalised
    proper nouns (``_name_token``), after any leading role words ("Chief Executive Priya Anand"),
    that heads the phrase ("Ana Ruiz, the company's chief executive, said") or is in apposition
    to its head ("The regional governor, Ana Ruiz, declared"). Possessors ("Ana Ruiz's aide")
    are not the speaker. Returns the token indices ``(first, start, end)``: ``doc[first:start]``
    are the role words, ``doc[start:end]`` the name."""
    if q.speaker is None or q.speaker_head is None:
        return None
    head = antecedent(doc[q.speaker_head])
    # contract: only tokens wholly inside the speaker phrase
    span = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="contract")
    if span is None:
        return None
    i = span.start
    while i < span.end:
        if not _name_token(doc[i]):
            i += 1
            continue
        first = start = i
        while i < span.end and _name_token(doc[i]):
            i += 1
        end, last = i, doc[i - 1]
        while end - start > 1 and doc[start].lower_ in SPEAKER_TITLES:
            start += 1
        if (
            end - start >= 2
            and last.lower_ not in SPEAKER_TITLES
            and (last.i == head.i or (last.dep_ == "appos" and last.head.i == head.i))
            and not (end < len(doc) and doc[end].tag_ == "POS")
        ):
            return first, start, end
    return None


def _name_type(doc: Doc, first: int, start: int, end: int) -> ActorType | None:
    """The actor type of an untagged name ``doc[start:end]`` (role words ``doc[first:start]``).

    A person ("PERSON") when a role word is part of the name, just before it or in an
    apposition to it ("The regional governor, Ana Ruiz", "Ana Ruiz, the company's chief
    executive"). A bare two-word singular name ("Adel Nefzi said") is left untyped ("OTHER"): in
    PolNeAR such names are mostly people but also outlets and teams ("Western Journalism", "Team
    Trump"), and an untyped actor takes no surnames or pronouns from the people around it.
    Untagged names after a determiner or another name, plural or longer ones are mostly
    organisations and places ("The Islamic State", "the Washington Free Beacon", "Playing
    Field Promotions"): None, no actor.
    """
    last = doc[end - 1]
    if any(t.lower_ in SPEAKER_TITLES for t in doc[max(first - 1, 0) : start]) or _appositive_roles(
        doc, first, end
    ):
        return "PERSON"
    i = start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if end - start == 2 and last.tag_ == "NNP" and (i < 0 or doc[i].pos_ not in ("DET", "PROPN")):
        return "OTHER"
    return None


def _appositive_roles(doc: Doc, start: int, end: int) -> list[Token]:
    """The roles in apposition to the name ``doc[start:end]``, just before it ("Its regional
    secretary, Colm Duffy") or just after it ("Colm Duffy, the union's chief negotiator"): common
    nouns next to the name across one comma that are, or whose modifiers hold, a role word."""

    def role(noun: Token) -> bool:
        words = [noun, *(t for t in noun.lefts if t.dep_ in _TITLE_DEPS)]
        return (
            noun.pos_ == "NOUN"
            and any(t.lower_ in SPEAKER_TITLES for t in words)
            and not any(t.tag_ == "WP$" for t in noun.children)  # "whose leader" describes another
        )

    name = doc[end - 1]
    out = []
    if name.dep_ == "appos" and start >= 2 and doc[start - 1].text == "," and doc[start - 2].i == name.head.i:
        out.append(name.head)
    if end + 1 < len(doc) and doc[end].text == ",":
        out += [t for t in name.children if t.dep_ == "appos" and t.left_edge.i == end + 1]
    return [t for t in out if role(t)]


def _name_token(t: Token) -> bool:
    """Whether a token can be a word of a name the model did not tag: a proper noun, untagged or
    with a label in ``_MISTYPED``, that is capitalised and not an acronym ("Ana", "O'Neill",
    "McKay", "Smith-Jones"), or an initial ("J.")."""
    text = t.text
    if t.pos_ != "PROPN" or (t.ent_type_ and t.ent_type_ not in _MISTYPED) or not text[:1].isupper():
        return False
    if len(text) == 2 and text[1] == ".":
        return True
    return any(c.islower() for c in text) and all(c.isalpha() or c in "-'’" for c in text)


def _part_of(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    """Whether a name is a part of a longer one ("putin" of "vladimir putin")."""
    if words == key:
        return True
    return len(words) < len(key) and all(w in key for w in words)


def _short_org(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    """Whether an organisation's one-word name is its acronym or the first word of its name."""
    return _acronym(words, key) or (len(words) == 1 and len(key) > 1 and key[0] == words[0])


def _acronym(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    """ "fbi" and "federal bureau of investigation" (initials of the capitalised words)."""
    if len(words) != 1 or len(key) < 2:
        return False
    initials = "".join(w[0] for w in key if w not in ("of", "for", "the", "and"))
    return words[0].replace(".", "") == initials


def _canonical(c: _Cluster) -> str:
    """The longest proper-name form, without titles or a leading article."""
    names = [t for t in c.texts if t[:1].isupper() and t.lower() not in PERSONAL_PRONOUNS]
    if c.type == "GPE":
        return c.name
    if not names:
        return c.name
    best = max(names, key=lambda t: (len(t.split()), len(t)))
    return re.sub(r"^(?:the|The)\s+", "", best)


def find_actors(
    doc: Doc,
    quotes: Sequence[RawQuote],
    *,
    exclude: Span | Sequence[Span] | None = None,
    index: DocIndex | None = None,
    regions: Sequence[QuoteRegion] = (),
) -> tuple[tuple[Actor, ...], list[tuple[str | None, str | None]], tuple[Reference, ...]]:
    """Clusters the entity mentions of ``doc`` into actors, resolves each quote's speaker and
    every third-person pronoun (``references``).

    Args:
        doc: The parsed document.
        quotes: Its attributions (``quotes.find_quotes``).
        exclude: Spans (the source credit, page furniture) whose words make no actor and no
            reference.
        index: The doc's ``DocIndex``, when the caller has one.
        regions: The quotation regions (``quotemarks.find_quote_regions``): names inside them
            are never antecedents of pronouns outside them.

    Returns:
        The actors (ids "a1".. in order of first mention), per quote ``(actor id, name)``, and
        the references in text order.
    """
    spans = () if exclude is None else (exclude,) if isinstance(exclude, Span) else tuple(exclude)
    state = _Actors(doc, exclude=spans, index=index)
    state.build(quotes)
    refs = state.resolver(regions, quotes, spans)
    resolutions = state.resolve(quotes)
    readings = refs.resolve_all()
    actors, ids = state.actors()
    by_id = {a.id: a for a in actors}
    pairs: list[tuple[str | None, str | None]] = []
    for k in resolutions:
        if k is None:
            pairs.append((None, None))
        else:
            pairs.append((ids[k], by_id[ids[k]].name))
    return tuple(actors), pairs, tuple(_reference(doc, r, ids) for r in readings)


def _reference(doc: Doc, r: Resolution, ids: dict[int, str]) -> Reference:
    t = doc[r.token]
    resolved = r.cluster is not None and r.antecedent is not None
    return Reference(
        span=Span(t.idx, t.idx + len(t.text)),
        actor=ids[r.cluster] if resolved and r.cluster is not None else None,
        antecedent=Span(*r.antecedent) if resolved and r.antecedent is not None else None,
        gender=r.kind if r.kind in ("male", "female", "neuter") else None,
        number="plural" if r.kind == "plural" else "singular",
        quoted=r.quoted,
        reason=r.reason,
    )
