"""References: third-person pronouns resolved to actors, under gender and number agreement.

Reads: a parsed spaCy ``Doc`` (parse, tags, sentences), the actor clusters of ``actors`` (token
-> actor, each actor's type and settled gender), the quotation regions of ``quotemarks`` and
the contents of the attributions of ``quotes``. Writes: one ``Reference`` per he/him/his/
himself, she/her/hers/herself, they/them/their/theirs/themselves and it/its/itself; and, for
``actors``, the agreement test and the fallback that resolve pronoun speakers of quotes, so that
a quote's speaker and the reference of its pronoun come from one mechanism.

Precision over recall: a pronoun is resolved only when one actor is clearly the antecedent,
and left unresolved (``actor`` None, with the reason) otherwise. The rules, after the
salience ranking of Lappin and Leass (1994, "An Algorithm for Pronominal Anaphora Resolution",
Computational Linguistics 20(4)) cut down to its two strongest factors, recency and subjecthood,
and the binding constraints of Chomsky (1981):

* **Agreement.** he/she: a person (``PERSON``) whose gender, as ``gender`` settles it from the
  text, is the pronoun's or unknown; a person whose evidence contradicts itself takes neither.
  they: an organisation or a group (``ORG``, ``NORP``), never one named person (no singular
  they). it: an organisation or a place (``ORG``, ``GPE``).
* **Candidates.** Mentions before the pronoun in its sentence and the ``WINDOW_SENTENCES``
  before it (sentences wholly inside a quotation do not count): actors' names, pronouns
  already resolved (a chain: the antecedent stays the name the chain started from), and what
  may be the antecedent although it names no actor, which competes and can only make the
  answer "unresolved": a singular person noun ("the lawyer", "his wife";
  ``gender.person_nouns``) for he/she, a plural noun, a named person or a coordination of
  names for they, a singular common noun for it, and an earlier pronoun of the same kind left
  unresolved (unless it looks ahead to the subject of its own sentence: "During his campaign,
  Trump said ...").
* **Quotations.** A name inside quotation marks or inside an attribution's content is never an
  antecedent of a pronoun outside the quotation; it competes, as every word there does (a
  pronoun may refer to what it names, and then the answer is "unresolved"). A pronoun inside
  quotation marks is resolved only from the same quotation, and only when exactly one
  candidate there agrees with it, and it has a known gender for he/she (reason
  ``"quoted_context"``); otherwise it is left unresolved (``"quoted"``).
* **Ranking.** Nearest sentence first, then subjects before other mentions. The best
  candidate wins only when it is an actor and either nothing else is in the window, or it is
  the subject of the pronoun's clause or of the verb that clause complements ("Ruiz said her
  office ...", "Trump told NBC that he ..."), the only candidate in the pronoun's sentence, and
  of known gender for he/she. A person of unknown gender wins only when no other candidate at
  all is in the window.
* **Binding.** A reflexive is its clause's subject ("Ruiz defended herself"); a non-reflexive
  object is never its verb's subject ("Ruiz praised her" is not Ruiz).
* **Expletives.** "it" as the subject of "be", "seem", "appear" and the like, or right after
  "make"/"find" ("made it clear that"), refers to nothing (``"expletive"``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from copydesk import lang
from copydesk.analyse.gender import CONTRADICTED, person_nouns, word_gender
from copydesk.analyse.nlp import DocIndex
from copydesk.analyse.quotemarks import QuoteRegion
from copydesk.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["male", "female", "plural", "neuter"]

THIRD_PERSON: dict[str, Kind] = {
    **{p: "plural" for p in lang.pronouns(person=3, number="plural")},
    **{p: "male" for p in lang.pronouns(person=3, gender="male")},
    **{p: "female" for p in lang.pronouns(person=3, gender="female")},
    **{p: "neuter" for p in lang.pronouns(person=3, gender="neuter")},
}
"""Third-person pronouns and the kind of antecedent each takes."""
SPEAKER_KINDS: dict[str, Kind] = {**THIRD_PERSON, "we": "plural"}
"""The kinds of the pronouns that can stand as a quote's speaker ("we said" is a group)."""
ACTOR_TYPES: dict[Kind, frozenset[str]] = {
    "male": frozenset({"PERSON"}),
    "female": frozenset({"PERSON"}),
    "plural": frozenset({"ORG", "NORP"}),
    "neuter": frozenset({"ORG", "GPE"}),
}
"""The actor types each kind of pronoun can refer to."""
WINDOW_SENTENCES = 2
"""How many sentences before the pronoun's own are searched. This is not a tuned figure: a wider
window only adds competitors (so fewer answers), a narrower one drops chains across a paragraph."""
EXPLETIVE_HEADS = lang.words("references", "expletive_heads")
"""Verbs whose subject "it" usually refers to nothing ("it is unclear whether ...")."""
EXPLETIVE_OBJECT_HEADS = lang.words("references", "expletive_object_heads")
"""Verbs whose object "it" usually refers to nothing ("made it clear that ...")."""
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
NUMERIC_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})

Reason = Literal[
    "reflexive",
    "salient",
    "quote_speaker",
    "quoted_context",
    "no_candidate",
    "ambiguous",
    "not_an_actor",
    "quoted",
    "expletive",
]
"""Why a pronoun resolved as it did: resolved ``"reflexive"`` (bound to its clause's subject),
``"salient"`` (the one best candidate), ``"quote_speaker"`` (the speaker of a quote, resolved
with the quote's context) or ``"quoted_context"`` (inside a quotation, from that quotation);
unresolved ``"no_candidate"``, ``"ambiguous"`` (two candidates of one rank, or a person of
unknown gender with company), ``"not_an_actor"`` (the best candidate names no actor: "the
lawyer", "the protesters"), ``"quoted"`` (inside a quotation without certainty) or
``"expletive"``."""


@dataclass(frozen=True)
class Resolution:
    """One pronoun's reading: the cluster and the named mention it resolves to, or why not."""

    token: int
    kind: Kind
    cluster: int | None
    antecedent: tuple[int, int] | None
    reason: Reason
    quoted: bool


@dataclass(frozen=True)
class _Candidate:
    key: tuple[str, int]
    """("c", cluster) for an actor, ("x", token) for a competitor that names no actor."""
    rank: tuple[int, int]
    position: int
    antecedent: tuple[int, int] | None
    unknown_gender: bool = False


def pronoun_kind(token: Token) -> Kind | None:
    """The kind of a third-person pronoun token, or None for any other token."""
    if token.pos_ not in ("PRON", "DET") and token.tag_ not in ("PRP", "PRP$"):
        return None
    return THIRD_PERSON.get(token.lower_)


def _subject(t: Token) -> bool:
    """Whether a token is a subject, or the name in a subject ("journalist Bob Woodward wrote")."""
    return t.dep_ in SUBJECT_DEPS or (t.dep_ in ("compound", "flat", "appos") and t.head.dep_ in SUBJECT_DEPS)


class Resolver:
    """Resolves the third-person pronouns of one parsed document.

    Args:
        doc: The parsed document.
        index: Its ``DocIndex``.
        token_cluster: Token index -> cluster number, for the tokens of actors' names.
        types: Each cluster's actor type.
        genders: Each cluster's settled gender (``gender.settle``).
        mentions: Each cluster's mention spans ``(start, end)`` (characters).
        regions: The quotation regions.
        contents: The contents of the attributions.
        exclude: Spans (a credit line, page furniture) whose words are neither pronouns to
            resolve nor antecedents.
        ambiguous: Tokens of names that may stand for more than one actor (a surname two
            people share), with those actors: the one that agrees with a pronoun is the
            candidate; when several do, the name competes but is no antecedent.
    """

    def __init__(
        self,
        doc: Doc,
        index: DocIndex,
        *,
        token_cluster: dict[int, int],
        types: Sequence[str],
        genders: Sequence[str | None],
        mentions: Sequence[Sequence[tuple[int, int]]],
        regions: Sequence[QuoteRegion] = (),
        contents: Sequence[Span] = (),
        exclude: Sequence[Span] = (),
        ambiguous: Mapping[int, Sequence[int]] | None = None,
    ) -> None:
        self.doc = doc
        self.index = index
        self.token_cluster = token_cluster
        self.types = list(types)
        self.genders = list(genders)
        self.mentions = [sorted(m) for m in mentions]
        parts = sorted((p.start, p.end) for r in regions for p in r.parts)
        self._parts = parts
        self._part_starts = [s for s, _ in parts]
        self._exclude = [(s.start, s.end) for s in exclude]
        self.done: dict[int, Resolution] = {}
        self.ambiguous: dict[int, tuple[int, ...]] = {i: tuple(ks) for i, ks in (ambiguous or {}).items()}
        self._competing: dict[tuple[int, str], bool] = {}
        # per token, computed once: its quotation part (or -1), whether it is in an
        # attribution's content, whether it is excluded
        starts = index.starts
        n = len(starts)
        self._tok_region = [-1] * n
        self._tok_content = [False] * n
        self._tok_excluded = [False] * n
        for k, (a, b) in enumerate(parts):
            for i in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
                self._tok_region[i] = k
        for c in contents:
            for i in range(bisect.bisect_left(starts, c.start), bisect.bisect_left(starts, c.end)):
                self._tok_content[i] = True
        for a, b in self._exclude:
            for i in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
                self._tok_excluded[i] = True

    # ------------------------------------------------------------------ where a token is

    def region(self, char: int) -> int:
        """The quotation part holding character ``char`` (its index), or -1."""
        k = bisect.bisect_right(self._part_starts, char) - 1
        return k if k >= 0 and char < self._parts[k][1] else -1

    def excluded(self, char: int) -> bool:
        return any(s <= char < e for s, e in self._exclude)

    def visible(self, char: int) -> bool:
        """Whether a name starting at character ``char`` can be an antecedent of a pronoun
        outside quotations: it is in no quotation, no attribution's content and no excluded
        span."""
        i = self.index.token_at(char)
        return self._tok_region[i] < 0 and not self._tok_content[i] and not self._tok_excluded[i]

    # ------------------------------------------------------------------ agreement

    def agrees(self, k: int, kind: Kind) -> bool:
        """Whether cluster ``k`` can be the antecedent of a pronoun of ``kind``."""
        if self.types[k] not in ACTOR_TYPES[kind]:
            return False
        if kind in ("male", "female"):
            return self.genders[k] in (None, kind)
        return True

    def _competes(self, i: int, kind: str) -> bool:
        """Whether the token at ``i``, which names no actor, may be what a pronoun of ``kind``
        refers to ("person": a person noun of either gender). Cached per token and kind."""
        key = (i, kind)
        hit = self._competing.get(key)
        if hit is None:
            hit = self._competing[key] = self._competes_uncached(self.doc[i], kind)
        return hit

    def _competes_uncached(self, t: Token, kind: str) -> bool:
        if t.ent_type_ in NUMERIC_ENTS:
            return False
        if kind in ("male", "female", "person"):
            if t.pos_ != "NOUN" or t.tag_ != "NN" or t.lemma_.lower() not in person_nouns():
                return False
            if kind != "person" and word_gender(t.lemma_) not in (None, kind):
                return False
            return not self._describes_name(t)
        if t.dep_ in MODIFIER_DEPS:
            return False
        if kind == "plural":
            return t.tag_ in ("NNS", "NNPS") and not self._describes_name(t)
        return t.pos_ == "NOUN" and t.tag_ == "NN" and t.lemma_.lower() not in person_nouns()

    def _describes_name(self, t: Token) -> bool:
        """Whether a noun is a title, an apposition or a predicate of a name ("spokesman Tomas
        Brevik", "Brevik, a former journalist", "Brevik is a lawyer"): the same person."""
        tc = self.token_cluster
        if t.dep_ in ("compound", "amod", "appos") and t.head.i in tc:
            return True
        if any(c.dep_ == "appos" and c.i in tc for c in t.children):
            return True
        if t.dep_ in ("attr", "oprd", "acomp"):
            return any(c.dep_ in SUBJECT_DEPS and c.i in tc for c in t.head.children)
        return False

    # ------------------------------------------------------------------ candidates

    def _mention_at(self, i: int) -> tuple[int, int] | None:
        """The span of the name whose last word is token ``i``."""
        return self._mention_of(self.token_cluster[i], self.doc[i].idx)

    def _mention_of(self, k: int, char: int) -> tuple[int, int] | None:
        for s, e in self.mentions[k]:
            if s <= char < e:
                return (s, e)
        return None

    def _window_start(self, i: int) -> int:
        """The first token of the window before token ``i``: its sentence and the
        ``WINDOW_SENTENCES`` before it, not counting sentences wholly inside a quotation."""
        bounds = self.index.sent_bounds
        sent = self.index.sent_of[i]
        counted = 0
        while sent > 0 and counted < WINDOW_SENTENCES:
            sent -= 1
            if not self._quoted_sentence(sent):
                counted += 1
        return bounds[sent][0]

    def _quoted_sentence(self, sent: int) -> bool:
        first, end = self.index.sent_bounds[sent]
        last = self.doc[end - 1]
        k = self.region(self.doc[first].idx)
        return k >= 0 and self.region(last.idx + len(last.text) - 1) == k

    def _object_of_subject(self, p: Token) -> set[int]:
        """The clusters a non-reflexive object pronoun cannot be: its verb's subject."""
        if p.dep_ not in ("dobj", "dative"):
            return set()
        verb = p.head
        while not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.dep_ in ("conj", "xcomp"):
            verb = verb.head
        out = set()
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS:
                # the subject and the words of its name, not a possessor in it ("Rubio's plan")
                for t in (c, *(x for x in c.children if x.dep_ in ("compound", "flat", "appos"))):
                    if t.i in self.token_cluster:
                        out.add(self.token_cluster[t.i])
                    elif t.i in self.done and self.done[t.i].cluster is not None:
                        out.add(self.done[t.i].cluster)  # type: ignore[arg-type]
        return out

    def candidates(
        self,
        p: Token,
        kind: Kind,
        *,
        scope: int | None = None,
        blind: bool = False,
        ignore: Span | None = None,
    ) -> list[_Candidate]:
        """The candidates before pronoun ``p``, best first. ``scope``: the quotation part
        the pronoun is in (only candidates in it), or None (every candidate in the window, those
        in quotations and attribution contents as competitors only). ``blind``: any person
        agrees with a he/she, and person nouns of either gender compete (for reading gender
        evidence before genders are settled). ``ignore``: a span whose words are neither
        candidates nor competitors (the content of the quote whose speaker ``p`` is)."""
        doc, sent_of = self.doc, self.index.sent_of
        here = sent_of[p.i]
        banned = self._object_of_subject(p)
        best: dict[tuple[str, int], _Candidate] = {}
        noun_kind = "person" if blind and kind in ("male", "female") else kind

        def add(key: tuple[str, int], i: int, antecedent: tuple[int, int] | None, unknown: bool) -> None:
            cand = _Candidate(key, (here - sent_of[i], 0 if _subject(doc[i]) else 1), i, antecedent, unknown)
            old = best.get(key)
            if old is None or (cand.rank, -cand.position) < (old.rank, -old.position):
                best[key] = cand

        starts = self.index.starts
        for i in range(self._window_start(p.i), p.i):
            if self._tok_excluded[i] or (ignore is not None and ignore.start <= starts[i] < ignore.end):
                continue
            if scope is not None:
                if self._tok_region[i] != scope:
                    continue
                blocker_only = False
            else:  # words in quotations compete but are no antecedents
                blocker_only = self._tok_region[i] >= 0 or self._tok_content[i]
            k = self.token_cluster.get(i)
            shared = False
            if k is not None and i in self.ambiguous:
                # "Clinton" with Hillary and Bill Clinton named: the one that agrees, if one does
                owners = [o for o in self.ambiguous[i] if blind or self.agrees(o, kind)]
                k, shared = (owners[0], False) if len(owners) == 1 else (k, len(owners) > 1)
            if k is not None:
                if i + 1 < p.i and self.token_cluster.get(i + 1) == k:
                    continue  # the last word of a name stands for it
                if k in banned:
                    continue
                if blind and kind in ("male", "female"):
                    agrees = self.types[k] == "PERSON"
                else:
                    agrees = self.agrees(k, kind)
                # a name that modifies a noun ("the Senate bill") or a bare surname two people
                # share ("Clinton") competes but is no antecedent
                blocker_only = blocker_only or shared or self.modifies_noun(doc[i])
                if agrees and not blocker_only:
                    add(("c", k), i, self._mention_at(i), not blind and self._unknown(k, kind))
                elif agrees or shared or self._blocks(k, kind, doc[i]):
                    add(("x", i), i, None, False)
            elif i in self.done:
                # a pronoun read before: it stands for its actor (whose antecedent is a name
                # outside quotations), unless it is inside quotation marks and this one is not
                r = self.done[i]
                if r.kind != kind or r.reason == "expletive" or r.cluster in banned:
                    continue
                if r.cluster is not None and (scope is not None or not r.quoted):
                    add(("c", r.cluster), i, r.antecedent, self._unknown(r.cluster, kind))
                else:
                    add(("x", i), i, None, False)
            elif self._competes(i, noun_kind):
                add(("x", i), i, None, False)
        return sorted(
            (c for c in best.values() if not self._cataphoric(c, best.values())),
            key=lambda c: (c.rank, -c.position),
        )

    def _cataphoric(self, cand: _Candidate, others: Iterable[_Candidate]) -> bool:
        """Whether an unresolved pronoun among the candidates looks ahead to the subject named
        after it in its sentence ("During his campaign, Trump said ..."): then it competes with
        no one."""
        if cand.key[0] != "x" or cand.key[1] not in self.done:
            return False
        sent = self.index.sent_of[cand.position]
        return any(
            o.key[0] == "c"
            and o.rank[1] == 0
            and o.position > cand.position
            and self.index.sent_of[o.position] == sent
            for o in others
        )

    def modifies_noun(self, t: Token) -> bool:
        """Whether the last word of a name modifies a common noun ("Senate bill", "Trump
        campaign"): the noun, not the name, is what the sentence talks about."""
        return t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ == "NOUN"

    def _unknown(self, k: int, kind: Kind) -> bool:
        """Whether cluster ``k`` is a person of unknown gender, for a he/she."""
        return kind in ("male", "female") and self.genders[k] is None

    def _blocks(self, k: int, kind: Kind, t: Token) -> bool:
        """Whether a name that cannot be the antecedent still competes: for he/she, an untyped
        name ("Adel Nefzi") or a person whose gender evidence contradicts itself; for they, a
        person (no singular they) or a coordination of names ("Ruiz and Berg ... they")."""
        if kind in ("male", "female"):
            return self.types[k] == "OTHER" or (self.types[k] == "PERSON" and self.genders[k] == CONTRADICTED)
        if kind == "plural":
            return (
                self.types[k] in ("PERSON", "OTHER")
                or t.dep_ == "conj"
                or any(c.dep_ == "conj" for c in t.children)
            )
        return False

    # ------------------------------------------------------------------ resolution

    def _expletive(self, p: Token) -> bool:
        if p.lower_ != "it":
            return False
        if p.dep_ == "expl":
            return True
        if p.dep_ in SUBJECT_DEPS and p.head.lemma_ in EXPLETIVE_HEADS:
            return True
        before = self.doc[p.i - 1] if p.i > 0 else None
        return (p.dep_ == "dobj" and p.head.lemma_ in EXPLETIVE_OBJECT_HEADS) or (
            before is not None and before.lemma_ in EXPLETIVE_OBJECT_HEADS and before.pos_ in ("VERB", "AUX")
        )

    def _reflexive(self, p: Token, kind: Kind) -> Resolution | None:
        """A reflexive's reading: the name it stands beside ("Ruiz herself"), else its clause's
        subject ("Ruiz defended herself"); None when ``p`` is no reflexive."""
        if not p.lower_.endswith(("self", "selves")):
            return None
        quoted = self.region(p.idx) >= 0
        subjects: list[Token] = []
        if p.head.i in self.token_cluster or p.head.i in self.done:
            subjects.append(p.head)
        verb = p.head
        while (verb.pos_ == "ADP" or verb.dep_ == "prep") and verb.head.i != verb.i:
            verb = verb.head
        while True:
            found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if found or verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
                break
            verb = verb.head
        subjects += found
        for s in subjects[:1]:
            if s.i in self.token_cluster:
                k = self.token_cluster[s.i]
                if self.agrees(k, kind) and (quoted or self.visible(s.idx)):
                    return self._resolved(p, kind, k, self._mention_of(k, s.idx), "reflexive")
            elif s.i in self.done and self.done[s.i].cluster is not None:
                r = self.done[s.i]
                return self._resolved(p, kind, r.cluster, r.antecedent, "reflexive")
            return Resolution(p.i, kind, None, None, "not_an_actor", quoted)
        return Resolution(p.i, kind, None, None, "no_candidate", quoted)

    def _resolved(
        self, p: Token, kind: Kind, k: int | None, antecedent: tuple[int, int] | None, reason: Reason
    ) -> Resolution:
        if k is None or antecedent is None:
            return Resolution(p.i, kind, None, None, "no_candidate", self.region(p.idx) >= 0)
        return Resolution(p.i, kind, k, antecedent, reason, self.region(p.idx) >= 0)

    def resolve(
        self, i: int, kind: Kind | None = None, *, strict: bool = True, ignore: Span | None = None
    ) -> Resolution:
        """Resolves the pronoun at token ``i`` (of ``kind``, else read from the token).

        With ``strict`` False (a quote's pronoun speaker, after the quote's own context gave
        no answer) the best candidate wins when it is an actor, nothing shares its rank, and it
        has a known gender or no company; with ``strict`` (every other pronoun) it must also
        be alone in the window or the subject of the pronoun's own sentence and alone there.
        ``ignore``: see ``candidates``.
        """
        p = self.doc[i]
        kind = kind or THIRD_PERSON[p.lower_]
        scope = self.region(p.idx)
        quoted = scope >= 0
        if self._expletive(p):
            return Resolution(i, kind, None, None, "expletive", quoted)
        reflexive = self._reflexive(p, kind)
        if reflexive is not None:
            return reflexive
        cands = self.candidates(p, kind, scope=scope if quoted else None, ignore=ignore)
        if quoted:
            if (
                len(cands) == 1
                and cands[0].key[0] == "c"
                and not (kind in ("male", "female") and cands[0].unknown_gender)
            ):
                return self._resolved(p, kind, cands[0].key[1], cands[0].antecedent, "quoted_context")
            return Resolution(i, kind, None, None, "quoted", True)
        if not cands:
            return Resolution(i, kind, None, None, "no_candidate", False)
        top = cands[0]
        if top.key[0] != "c":
            return Resolution(i, kind, None, None, "not_an_actor", False)
        others = cands[1:]
        if strict:
            clear = not others or (
                self._local_subject(p, top.position)
                and not top.unknown_gender
                and all(c.rank[0] > 0 for c in others)
            )
        else:
            clear = not others or (not top.unknown_gender and others[0].rank != top.rank)
        if not clear:
            return Resolution(i, kind, None, None, "ambiguous", False)
        return self._resolved(p, kind, top.key[1], top.antecedent, "salient")

    def _local_subject(self, p: Token, i: int) -> bool:
        """Whether the name at token ``i`` is the subject of the clause that holds pronoun ``p``,
        or of a verb that clause is the complement of ("Trump said he could end the war",
        "Putin laid out his terms", "Sanders told the crowd that it meant a lot to him"), across
        coordinated verbs and not out of an adverbial or relative clause ("Ukraine rejected
        them, saying it would ..." is not Ukraine's). The walk up stops at the first subject
        that could itself be the antecedent (a name, a pronoun or a person noun)."""
        doc = self.doc
        name = doc[i]
        while name.dep_ in ("compound", "flat", "appos") and name.head.i != name.i:
            name = name.head
        t = p
        while t.head.i != t.i and t.dep_ not in ("advcl", "relcl", "acl", "parataxis", "appos"):
            h = t.head
            subjects = [c for c in h.children if c.dep_ in SUBJECT_DEPS and c.i != p.i and c.i != t.i]
            if subjects and h.pos_ in ("VERB", "AUX"):
                head = subjects[0]
                if head.i == name.i:
                    return True
                if (
                    head.i in self.token_cluster
                    or head.i in self.done
                    or head.lower_ in SPEAKER_KINDS
                    or self._competes(head.i, "person")
                ):
                    return False
            t = h
        return False

    def pin(self, i: int, k: int | None, reason: Reason = "quote_speaker") -> Resolution:
        """Records what another rule resolved the pronoun at token ``i`` to (a quote's speaker),
        with the latest visible name of the cluster before it as the antecedent."""
        p = self.doc[i]
        kind = SPEAKER_KINDS.get(p.lower_, "neuter")
        antecedent = None
        if k is not None:
            named = [(s, e) for s, e in self.mentions[k] if e <= p.idx and self.visible(s) and self._named(s)]
            antecedent = max(named) if named else None
        res = self._resolved(p, kind, k, antecedent, reason)
        if res.cluster is None:  # say why, as for any other pronoun
            alone = self.resolve(i, kind)
            res = replace(res, reason=alone.reason if alone.cluster is None else "ambiguous")
        self.done[i] = res
        return res

    def _named(self, char: int) -> bool:
        """Whether the mention starting at ``char`` is a name (not a pronoun or a description)."""
        i = self.index.token_at(char)
        return i in self.token_cluster

    def _pronouns(self) -> list[tuple[int, Kind]]:
        """The third-person pronoun tokens outside names and excluded spans, with their kinds."""
        from spacy.attrs import LOWER

        strings = self.doc.vocab.strings
        kinds = {strings.add(w): k for w, k in THIRD_PERSON.items()}
        out: list[tuple[int, Kind]] = []
        for i, lower in enumerate(self.doc.to_array([LOWER]).tolist()):
            if (
                lower in kinds
                and i not in self.token_cluster
                and not self._tok_excluded[i]
                and pronoun_kind(self.doc[i]) is not None
            ):
                out.append((i, kinds[lower]))
        return out

    def resolve_all(self) -> list[Resolution]:
        """Resolves every third-person pronoun outside names and excluded spans, in text order
        (the pronouns already pinned keep their reading)."""
        out = []
        for i, kind in self._pronouns():
            res = self.done.get(i)
            if res is None:
                res = self.resolve(i, kind)
                self.done[i] = res
            out.append(res)
        return out

    def link_evidence(self) -> list[tuple[int, str, str]]:
        """Gender evidence from pronouns, before genders are settled: ``(cluster, gender, kind)``
        for a reflexive bound to a name ("reflexive": "Ruiz defended herself") and for a he/she
        outside quotation marks whose only possible antecedent in the window, and the only
        person there, is the named subject of its sentence ("pronoun": "Ana Ruiz said her team
        ...")."""
        out: list[tuple[int, str, str]] = []
        saved = self.genders
        self.genders = [None] * len(self.types)  # any gender agrees while evidence is read
        try:
            for i, kind in self._pronouns():
                if kind not in ("male", "female") or self._tok_region[i] >= 0:
                    continue
                t = self.doc[i]
                reflexive = self._reflexive(t, kind)
                if reflexive is not None:
                    if reflexive.cluster is not None and reflexive.reason == "reflexive":
                        out.append((reflexive.cluster, kind, "reflexive"))
                    continue
                cands = self.candidates(t, kind, blind=True)
                if len(cands) == 1 and cands[0].key[0] == "c" and cands[0].rank == (0, 0):
                    out.append((cands[0].key[1], kind, "pronoun"))
        finally:
            self.genders = saved
        return out
