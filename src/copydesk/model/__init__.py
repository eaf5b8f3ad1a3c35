"""The shared data model: documents and every annotation on them, as character spans.

Stdlib only. Every annotation is a half-open ``[start, end)`` character range into the text it
belongs to, like Python slices and spaCy's ``start_char``/``end_char``; the text of a span is
derived (``span.of(doc.text)``), never stored twice. Constructors reject bad bounds with
``ValueError``. Records are frozen dataclasses with tuple fields; ``to_dict``/``from_dict``
round-trip them through JSON, which carries ``schema_version``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

SCHEMA_VERSION = "1.1"

ActorType = Literal["PERSON", "ORG", "GPE", "NORP", "OTHER"]
Gender = Literal["male", "female"]
Genre = Literal["news", "opinion"]
FurnitureKind = Literal[
    "byline",
    "credit",
    "label",
    "subhead",
    "correction",
    "editors_note",
    "author_bio",
    "caption",
    "kicker",
    "related",
    "boilerplate",
]
FURNITURE_KINDS: tuple[FurnitureKind, ...] = get_args(FurnitureKind)
PronounGender = Literal["male", "female", "neuter"]
GrammaticalNumber = Literal["singular", "plural"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Verdict = Literal["supported", "unsupported", "contradicted", "no_claim"]
FindingType = Literal[
    "fabricated_entity",
    "misattribution",
    "number",
    "date",
    "negation",
    "entity",
    "unsupported_content",
]
Relation = Literal["contradicts", "absent"]
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""English month names, January first, for the stages that write dates. The model imports
only the standard library, so the list is typed here; ``copydesk/lang/en/months.tsv`` holds the
same names for every reader (a test keeps the two equal)."""
VERDICTS: tuple[Verdict, ...] = ("supported", "unsupported", "contradicted", "no_claim")
RELATIONS: tuple[Relation, ...] = ("contradicts", "absent")
"""How a finding stands to the source: it ``contradicts`` what the evidence says, or what it
names is ``absent`` from the source (or from the evidence)."""
FINDING_TYPES: tuple[FindingType, ...] = (
    "fabricated_entity",
    "misattribution",
    "number",
    "date",
    "negation",
    "entity",
    "unsupported_content",
)


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into one text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise ValueError(f"span bounds must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """Returns the slice of ``text`` this span covers."""
        return text[self.start : self.end]

    def check_within(self, text: str) -> None:
        """Raises ``ValueError`` when the span reaches past the end of ``text``."""
        if self.end > len(text):
            raise ValueError(f"span [{self.start}, {self.end}) is past the end of a text of {len(text)}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """``{"start", "end"}``, plus the covered ``"text"`` when the text is given (for readers)."""
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if text is not None:
            out["text"] = self.of(text)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]))


def _span_or_none(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span.from_dict(d)


@dataclass(frozen=True)
class Furniture:
    """A piece of page furniture in the text: words printed with the article that are not its
    story, and never answer text, a claim, a quote or a speaker.

    ``kind`` is one of ``FURNITURE_KINDS``: ``"byline"`` ("By Jane Doe, Wire"), ``"credit"`` (a
    wire or source credit line), ``"label"`` (a section label such as "Opinion" above the
    story), ``"subhead"`` (a sub-headline between paragraphs), ``"correction"`` ("This story
    has been corrected ..."), ``"editors_note"`` ("Editor's note: ..."), ``"author_bio"``
    ("Jane Doe is a reporter for ..." at the end), ``"caption"`` (a photo caption or credit),
    ``"kicker"`` (a short closing quip: "Another claim bites the dust."), ``"related"``
    ("Related: ...", "Read more: ...") and ``"boilerplate"`` (sign-up, share and follow lines,
    disclaimers).
    """

    span: Span
    kind: FurnitureKind

    def __post_init__(self) -> None:
        if self.kind not in FURNITURE_KINDS:
            raise ValueError(f"unknown furniture kind {self.kind!r}")

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {**self.span.to_dict(text), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Furniture:
        return cls(Span.from_dict(d), d["kind"])


@dataclass(frozen=True)
class Document:
    """An article (or a derived text) as ingested. ``text`` never changes after ingest.

    Attributes:
        byline: The author(s), from the page's metadata or a "By ..." line ("Jane Doe and John
            Roe").
        source_credit: The wire or source credit ("Associated Press", "RES-MPE").
        credit_span: Where the credit is in ``text`` (plain text only).
        furniture: Page furniture (``Furniture``): spans of ``text`` that are not the story;
            ``furniture_at`` / ``is_furniture`` ask whether a span is furniture.
        genre: "opinion" for an opinion piece (a column, an op-ed, a commentary, an editorial
            or an analysis), "news" for a report, None when nothing tells. Ingest sets it from
            explicit labels (a section label or headline prefix, the page's section metadata,
            a "The views expressed ..." disclaimer); when it finds none, the analyser sets it
            from the share of sentences in the author's own voice (first person outside
            quotations; see ``Analysis.author_voice``).
        genre_evidence: Why ``genre`` is what it is, in words ("section label 'Opinion' (line
            1)", "first person in 9 of 21 sentences outside quotations (threshold 0.2)").
    """

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    source_credit: str | None = None
    credit_span: Span | None = None
    warnings: tuple[str, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    genre: Genre | None = None
    genre_evidence: tuple[str, ...] = ()
    language: str | None = None
    """The ISO 639-1 code of the text's language ("en"), as ingest found it; None when unknown."""

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ValueError("Document.text must be a str")
        if self.language is not None and not (self.language.isalpha() and 2 <= len(self.language) <= 3):
            raise ValueError(f"Document.language must be a language code, got {self.language!r}")
        if self.credit_span is not None:
            self.credit_span.check_within(self.text)
        for f in self.furniture:
            f.span.check_within(self.text)
        if self.genre not in (None, "news", "opinion"):
            raise ValueError(f"unknown genre {self.genre!r}")

    def furniture_at(self, span: Span) -> Furniture | None:
        """The furniture that holds most of ``span`` (at least half of its characters), or None."""
        for f in self.furniture:
            shared = min(f.span.end, span.end) - max(f.span.start, span.start)
            if shared > 0 and 2 * shared >= max(len(span), 1):
                return f
        return None

    def is_furniture(self, span: Span) -> bool:
        """Whether ``span`` is (mostly) page furniture rather than the story."""
        return self.furniture_at(span) is not None

    @property
    def source_line(self) -> str | None:
        """ "Source: <credit>, by <byline>" (or the part that is known), or None."""
        if self.source_credit and self.byline:
            return f"Source: {self.source_credit}, by {self.byline}"
        if self.source_credit:
            return f"Source: {self.source_credit}"
        if self.byline:
            return f"By {self.byline}"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "byline": self.byline,
            "source_credit": self.source_credit,
            "credit_span": self.credit_span.to_dict() if self.credit_span else None,
            "genre": self.genre,
            "genre_evidence": list(self.genre_evidence),
            "furniture": [f.to_dict(self.text) for f in self.furniture],
            "language": self.language,
            "text": self.text,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        published = d.get("published")
        return cls(
            text=d["text"],
            id=d.get("id"),
            title=d.get("title"),
            url=d.get("url"),
            published=dt.date.fromisoformat(published) if published else None,
            byline=d.get("byline"),
            source_credit=d.get("source_credit"),
            credit_span=_span_or_none(d.get("credit_span")),
            warnings=tuple(d.get("warnings", ())),
            furniture=tuple(Furniture.from_dict(f) for f in d.get("furniture", ())),
            genre=d.get("genre"),
            genre_evidence=tuple(d.get("genre_evidence", ())),
            language=d.get("language"),
        )


@dataclass(frozen=True)
class Actor:
    """A person, organisation or place, with every mention of it in the text.

    ``gender`` (people only) is what the text itself shows: a courtesy title or gendered role
    noun with the name ("Ms Ruiz", "spokesman Tomas Brevik"), a reflexive bound to it, a
    pronoun with no other possible antecedent, or, weakest, the first name's entry in the
    first-name lexicon; None when the text shows nothing or contradicts itself.
    """

    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    gender: Gender | None = None

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "gender": self.gender,
            "aliases": list(self.aliases),
            "titles": list(self.titles),
            "mentions": [m.to_dict(text) for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            name=d["name"],
            type=d["type"],
            aliases=tuple(d.get("aliases", ())),
            titles=tuple(d.get("titles", ())),
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions", ())),
            gender=d.get("gender"),
        )


@dataclass(frozen=True)
class Reference:
    """A third-person pronoun (he/him/his/himself, she/her/hers/herself, they/them/their/
    theirs/themselves, it/its/itself) and the actor it refers to, as the analyser resolved it.

    The contract for a consumer that restates a pronoun as a name: do so only when ``actor`` is
    set; the name to use is that actor's, and ``antecedent`` is the exact mention it was read
    from. The analyser resolves a pronoun only when gender and number agree and one actor is
    clearly the antecedent, and leaves it unresolved (``actor`` None) rather than guess.

    Attributes:
        span: The pronoun.
        actor: The id of the actor it refers to, or None when unresolved.
        antecedent: The name of that actor the pronoun was resolved to: a mention before the
            pronoun, outside any quotation and attribution content (for a pronoun inside
            quotation marks, a name earlier in the same quotation). None when unresolved.
        gender: As the pronoun reads: "male" (he), "female" (she), "neuter" (it), None (they).
        number: "singular" or "plural" (they).
        quoted: Whether the pronoun is inside quotation marks (someone else's words).
        reason: How it was resolved (``"salient"``: the one best candidate nearby;
            ``"reflexive"``: its clause's subject; ``"quote_speaker"``: a quote's speaker, the
            same actor as ``Quote.actor``; ``"quoted_context"``: from inside its quotation), or
            why not (``"no_candidate"``, ``"ambiguous"``, ``"not_an_actor"``: the antecedent
            is a noun such as "the lawyer", ``"quoted"``, ``"expletive"``: "it is unclear").
    """

    span: Span
    actor: str | None = None
    antecedent: Span | None = None
    gender: PronounGender | None = None
    number: GrammaticalNumber = "singular"
    quoted: bool = False
    reason: str = ""

    def __post_init__(self) -> None:
        if (self.actor is None) != (self.antecedent is None):
            raise ValueError("a reference has both an actor and an antecedent, or neither")

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {
            **self.span.to_dict(text),
            "actor": self.actor,
            "antecedent": self.antecedent.to_dict(text) if self.antecedent else None,
            "gender": self.gender,
            "number": self.number,
            "quoted": self.quoted,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reference:
        return cls(
            span=Span.from_dict(d),
            actor=d.get("actor"),
            antecedent=_span_or_none(d.get("antecedent")),
            gender=d.get("gender"),
            number=d.get("number", "singular"),
            quoted=bool(d.get("quoted", False)),
            reason=d.get("reason", ""),
        )


@dataclass(frozen=True)
class Quote:
    """One attribution: who (speaker) said (cue) what (content).

    ``actor`` and ``name`` are the resolved actor's id and canonical name; the speaker span is
    the mention in the text (which may be a pronoun or "the spokesman").
    """

    content: Span
    kind: QuoteKind
    speaker: Span | None = None
    cue: Span | None = None
    actor: str | None = None
    name: str | None = None

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        speaker = None
        if self.speaker is not None:
            speaker = {**self.speaker.to_dict(text), "actor": self.actor, "name": self.name}
        return {
            "speaker": speaker,
            "cue": self.cue.to_dict(text) if self.cue else None,
            "content": self.content.to_dict(text),
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        sp = d.get("speaker")
        return cls(
            content=Span.from_dict(d["content"]),
            kind=d["kind"],
            speaker=_span_or_none(sp),
            cue=_span_or_none(d.get("cue")),
            actor=sp.get("actor") if sp else None,
            name=sp.get("name") if sp else None,
        )


@dataclass(frozen=True)
class DateMention:
    """A date or time expression; ``value`` is an ISO date ("2024-06-14"), month ("2022-02"),
    year ("2021") or range ("2024-10-01/2024-10-31"); a day or month whose year neither the text
    nor a publication date gives has the year ``XXXX`` ("XXXX-06-14", as TIMEX3 writes it); None
    when it cannot be resolved (a relative date with no publication date: "last March").
    ``anchor`` is the date a year counted from one just said was counted from ("a year earlier"
    after "2024")."""

    span: Span
    value: str | None
    anchor: Span | None = None

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        out = {**self.span.to_dict(text), "value": self.value}
        if self.anchor is not None:
            out["anchor"] = self.anchor.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(Span.from_dict(d), d.get("value"), _span_or_none(d.get("anchor")))


@dataclass(frozen=True)
class Token:
    """One token of a text, as the analyser read it: its span, lemma (lower case), universal
    part-of-speech tag ("NOUN", "PROPN", "PUNCT"), named-entity type ("" outside an entity) and
    whether it is a stop word (``copydesk/lang/<code>/stop_words.txt``)."""

    start: int
    end: int
    lemma: str
    pos: str
    ent: str = ""
    stop: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def of(self, text: str) -> str:
        """The token's text (it is not stored twice)."""
        return text[self.start : self.end]


@dataclass(frozen=True)
class Tokens:
    """The tokens of a text, produced once by the analyser, as parallel columns.

    Columns keep a 1,000-word article's tokens to a few tuples, cheap to build, keep and write;
    ``tokens[i]`` gives one :class:`Token`. Tokens are in text order and do not overlap;
    whitespace is no token. JSON writes the columns as they are (see :meth:`to_dict`).
    """

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    lemmas: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    ents: tuple[str, ...] = ()
    stops: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.starts)
        if any(len(c) != n for c in (self.ends, self.lemmas, self.pos, self.ents, self.stops)):
            raise ValueError("the token columns differ in length")
        last = 0
        for a, b in zip(self.starts, self.ends, strict=True):
            if a < last or b <= a:
                raise ValueError(f"bad token [{a}, {b}) after one ending at {last}")
            last = b

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> Token:
        return Token(self.starts[i], self.ends[i], self.lemmas[i], self.pos[i], self.ents[i], self.stops[i])

    def __iter__(self) -> Iterator[Token]:
        for i in range(len(self.starts)):
            yield self[i]

    def within(self, start: int, end: int) -> range:
        """The indices of the tokens that start in ``[start, end)`` and end by ``end``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.ends, end, lo=first)
        return range(first, max(first, last))

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": list(self.starts),
            "end": list(self.ends),
            "lemma": list(self.lemmas),
            "pos": list(self.pos),
            "ent": list(self.ents),
            "stop": [int(s) for s in self.stops],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tokens:
        return cls(
            tuple(int(x) for x in d["start"]),
            tuple(int(x) for x in d["end"]),
            tuple(d["lemma"]),
            tuple(d["pos"]),
            tuple(d["ent"]),
            tuple(bool(x) for x in d["stop"]),
        )


@dataclass(frozen=True)
class Analysis:
    """Everything the analyser found in one document.

    ``references`` holds every third-person pronoun of the text in order, resolved or not
    (see ``Reference``); a quote's pronoun speaker is among them with the quote's actor.

    ``author_voice`` holds the sentences in which the author speaks in the first person outside
    quotations ("But I would not count on it."), in every genre; in an opinion piece
    (``document.genre == "opinion"``) they are the author's views, to be attributed to the
    author ("The columnist argues ...") and never restated as fact. No sentence, quote, actor
    or reference is made from page furniture (``document.furniture``).
    """

    document: Document
    sentences: tuple[Span, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    warnings: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    author_voice: tuple[Span, ...] = ()
    tokens: Tokens = field(default=Tokens(), compare=False)
    """Every token of the text (the one token layer every stage reads), as the analyser read it
    from the text. JSON carries them only when asked (:meth:`to_dict`), and two analyses that
    differ only in them are equal (an analysis read back from JSON without them equals it)."""

    def __post_init__(self) -> None:
        text = self.document.text
        if self.tokens.ends and self.tokens.ends[-1] > len(text):
            raise ValueError(f"a token ends at {self.tokens.ends[-1]}, past the end of a text of {len(text)}")
        spans: list[Span] = list(self.sentences)
        for a in self.actors:
            spans.extend(a.mentions)
        for q in self.quotes:
            spans.extend(s for s in (q.content, q.speaker, q.cue) if s is not None)
        spans.extend(d.span for d in self.dates)
        for r in self.references:
            spans.extend(s for s in (r.span, r.antecedent) if s is not None)
        spans.extend(self.author_voice)
        for s in spans:
            s.check_within(text)

    def actor(self, actor_id: str) -> Actor:
        """Returns the actor with this id; raises ``KeyError`` when there is none."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def reference_at(self, span: Span) -> Reference | None:
        """The reference of the pronoun at exactly ``span``, or None when there is none."""
        for r in self.references:
            if r.span == span:
                return r
        return None

    def words(self, start: int = 0, end: int | None = None) -> list[Token]:
        """The tokens in ``[start, end)`` that hold a letter or a digit (no punctuation)."""
        end = len(self.document.text) if end is None else end
        toks, text = self.tokens, self.document.text
        return [
            toks[i]
            for i in toks.within(start, end)
            if any(ch.isalnum() for ch in text[toks.starts[i] : toks.ends[i]])
        ]

    def to_dict(self, *, tokens: bool = False) -> dict[str, Any]:
        """The analysis as JSON; with ``tokens``, its token columns too (they are several times the
        size of the text, and every other annotation is offsets already)."""
        doc = self.document
        text = doc.text
        meta = doc.to_dict()
        del meta["text"], meta["warnings"]
        extra = {"tokens": self.tokens.to_dict()} if tokens else {}
        return {
            "schema_version": SCHEMA_VERSION,
            **meta,
            "text": text,
            "sentences": [s.to_dict() for s in self.sentences],
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict(text) for q in self.quotes],
            "dates": [d.to_dict(text) for d in self.dates],
            "references": [r.to_dict(text) for r in self.references],
            "author_voice": [s.to_dict(text) for s in self.author_voice],
            "warnings": list(self.warnings),
            **extra,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        doc = Document.from_dict({**d, "warnings": ()})
        return cls(
            document=doc,
            sentences=tuple(Span.from_dict(s) for s in d.get("sentences", ())),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors", ())),
            quotes=tuple(Quote.from_dict(q) for q in d.get("quotes", ())),
            dates=tuple(DateMention.from_dict(x) for x in d.get("dates", ())),
            warnings=tuple(d.get("warnings", ())),
            references=tuple(Reference.from_dict(r) for r in d.get("references", ())),
            author_voice=tuple(Span.from_dict(x) for x in d.get("author_voice", ())),
            tokens=Tokens.from_dict(d["tokens"]) if d.get("tokens") else Tokens(),
        )


@dataclass(frozen=True)
class Finding:
    """A typed problem in one claim: ``span`` is in the derived text, ``evidence`` in the source.

    ``rule`` names the check that found it (see ``copydesk.check.checks``); ``relation`` says
    whether the source states otherwise (``contradicts``) or lacks what the claim says (``absent``).
    """

    type: FindingType
    span: Span
    detail: str
    evidence: Span | None = None
    rule: str = ""
    relation: Relation = "absent"

    def __post_init__(self) -> None:
        if self.type not in FINDING_TYPES:
            raise ValueError(f"unknown finding type {self.type!r}")
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown finding relation {self.relation!r}")

    @property
    def contradicts(self) -> bool:
        """Whether the evidence states otherwise (not merely lacks what the claim says)."""
        return self.relation == "contradicts"

    def to_dict(self, derived: str | None = None) -> dict[str, Any]:
        return {
            "type": self.type,
            "rule": self.rule,
            "relation": self.relation,
            **self.span.to_dict(derived),
            "detail": self.detail,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            d["type"],
            Span.from_dict(d),
            d["detail"],
            _span_or_none(d.get("evidence")),
            rule=d.get("rule", ""),
            relation=d.get("relation", "absent"),
        )


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim (a sentence of the derived text).

    ``score`` is the combined support score in [0, 1]; ``model_score`` is the learned
    scorer's own figure (None when it was not consulted, e.g. for ``no_claim``).
    ``context`` is the decontextualised claim that was checked, when it differs from the span.
    """

    span: Span
    verdict: Verdict
    score: float
    evidence: tuple[Span, ...] = ()
    findings: tuple[Finding, ...] = ()
    model_score: float | None = None
    speaker: str | None = None
    context: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} is outside [0, 1]")

    def to_dict(self, derived: str | None = None, source: str | None = None) -> dict[str, Any]:
        return {
            **self.span.to_dict(derived),
            "verdict": self.verdict,
            "score": round(self.score, 4),
            "model_score": None if self.model_score is None else round(self.model_score, 4),
            "speaker": self.speaker,
            "context": self.context,
            "evidence": [e.to_dict(source) for e in self.evidence],
            "findings": [f.to_dict(derived) for f in self.findings],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClaimResult:
        return cls(
            span=Span.from_dict(d),
            verdict=d["verdict"],
            score=float(d["score"]),
            evidence=tuple(Span.from_dict(e) for e in d.get("evidence", ())),
            findings=tuple(Finding.from_dict(f) for f in d.get("findings", ())),
            model_score=d.get("model_score"),
            speaker=d.get("speaker"),
            context=d.get("context"),
        )


@dataclass(frozen=True)
class Audit:
    """The sentence-by-sentence audit of a derived text against its source."""

    source: Document
    derived: Document
    sentences: tuple[ClaimResult, ...] = ()
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for c in self.sentences:
            c.span.check_within(self.derived.text)
            for e in c.evidence:
                e.check_within(self.source.text)
            for f in c.findings:
                f.span.check_within(self.derived.text)

    @property
    def consistent(self) -> bool:
        """True when no claim is unsupported or contradicted."""
        return all(c.verdict in ("supported", "no_claim") for c in self.sentences)

    @property
    def score(self) -> float:
        """The lowest support score over the claims (1.0 when there are none)."""
        scores = [c.score for c in self.sentences if c.verdict != "no_claim"]
        return min(scores, default=1.0)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for c in self.sentences for f in c.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.derived.id or self.source.id,
            "consistent": self.consistent,
            "score": round(self.score, 4),
            "source": self.source.to_dict(),
            "derived": self.derived.to_dict(),
            "sentences": [c.to_dict(self.derived.text, self.source.text) for c in self.sentences],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Audit:
        return cls(
            source=Document.from_dict(d["source"]),
            derived=Document.from_dict(d["derived"]),
            sentences=tuple(ClaimResult.from_dict(c) for c in d.get("sentences", ())),
            warnings=tuple(d.get("warnings", ())),
        )


EditKind = Literal["pronoun", "date", "voice", "rewrite"]
EDIT_KINDS: tuple[EditKind, ...] = ("pronoun", "date", "voice", "rewrite")


@dataclass(frozen=True)
class Edit:
    """One change a generated sentence makes to the article's words, and what proves it.

    ``source`` is the span of the article that was replaced (or, for ``voice``, the sentence
    that was attributed) and ``text`` what stands in its place: ``pronoun`` names the antecedent
    the analyser resolved the pronoun to, ``date`` the absolute form of a relative date resolved
    against the publication date, ``voice`` the author an opinion piece's own words are
    attributed to; ``rewrite`` is a sentence an LLM wrote from the cited sentences (``source``
    the first of them), kept only when the checker and the speaker check passed it.
    """

    kind: EditKind
    source: Span
    text: str

    def __post_init__(self) -> None:
        if self.kind not in EDIT_KINDS:
            raise ValueError(f"unknown edit kind {self.kind!r}")

    def to_dict(self, article: str | None = None) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source.to_dict(article), "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Edit:
        return cls(d["kind"], Span.from_dict(d["source"]), d["text"])


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of a turn: ``span`` is into the turn's text, ``citations`` into the article.

    ``edits`` lists the changes it makes to the article's words (none: it is verbatim).
    """

    span: Span
    citations: tuple[Span, ...] = ()
    edits: tuple[Edit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "citations": [c.to_dict() for c in self.citations],
            "edits": [e.to_dict() for e in self.edits],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnswerSentence:
        return cls(
            Span.from_dict(d),
            tuple(Span.from_dict(c) for c in d.get("citations", ())),
            tuple(Edit.from_dict(e) for e in d.get("edits", ())),
        )


@dataclass(frozen=True)
class Turn:
    speaker: str
    role: Literal["editor", "guest"]
    text: str
    sentences: tuple[AnswerSentence, ...] = ()

    def __post_init__(self) -> None:
        for s in self.sentences:
            s.span.check_within(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "role": self.role,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Turn:
        return cls(
            d["speaker"],
            d["role"],
            d["text"],
            tuple(AnswerSentence.from_dict(s) for s in d.get("sentences", ())),
        )


@dataclass(frozen=True)
class Interview:
    """An editor-guest interview generated from one article, with citations and its audit.

    ``notes`` are for the reader (what kind of article it is, what was left out); ``warnings``
    are for the operator (what the generator skipped or repaired) and stay off the page.
    ``left_out`` holds the article's sentences the interview does not use.
    """

    article: Document
    title: str
    outlet: str
    guest: str
    disclosure: str
    turns: tuple[Turn, ...] = ()
    audit: Audit | None = None
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = ()
    left_out: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        for t in self.turns:
            for s in t.sentences:
                for c in s.citations:
                    c.check_within(self.article.text)
                for e in s.edits:
                    e.source.check_within(self.article.text)
        for span in self.left_out:
            span.check_within(self.article.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "outlet": self.outlet,
            "guest": self.guest,
            "disclosure": self.disclosure,
            "article": self.article.to_dict(),
            "turns": [t.to_dict() for t in self.turns],
            "audit": self.audit.to_dict() if self.audit else None,
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "left_out": [s.to_dict() for s in self.left_out],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Interview:
        audit = d.get("audit")
        return cls(
            article=Document.from_dict(d["article"]),
            title=d["title"],
            outlet=d["outlet"],
            guest=d["guest"],
            disclosure=d["disclosure"],
            turns=tuple(Turn.from_dict(t) for t in d.get("turns", ())),
            audit=Audit.from_dict(audit) if audit else None,
            warnings=tuple(d.get("warnings", ())),
            notes=tuple(d.get("notes", ())),
            left_out=tuple(Span.from_dict(s) for s in d.get("left_out", ())),
        )


__all__ = [
    "SCHEMA_VERSION",
    "MONTH_NAMES",
    "VERDICTS",
    "RELATIONS",
    "FINDING_TYPES",
    "Span",
    "FURNITURE_KINDS",
    "Furniture",
    "Document",
    "Actor",
    "Reference",
    "Quote",
    "DateMention",
    "Token",
    "Tokens",
    "Analysis",
    "Finding",
    "ClaimResult",
    "Audit",
    "Edit",
    "EDIT_KINDS",
    "AnswerSentence",
    "Turn",
    "Interview",
]
