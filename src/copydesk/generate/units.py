"""Units: the pieces of an article an answer can use, each one whole.

A unit is one sentence, or the sentences that must stay together: all the sentences of one
quotation (so that a quote is never split across answers and never loses its closing
sentence), with the sentence holding its speaker and cue when that stands next to it. Each
unit records what an interview can ask about it: its attributed statements and their
speakers, the actor it opens with, its dates, and markers of a reason, of what comes next and
of what remains open. A unit that cannot be read without the one before it ("That would seem
unlikely ...", "Ukraine rejected them", "he said" where the analyser gives no antecedent)
records it in ``needs_previous``; the planner never uses it without that unit right before.

Page furniture (see :mod:`copydesk.generate.furniture`), the source credit, the headline and
sentences of fewer than ``MIN_UNIT_WORDS`` words are never units; the warnings say how many
were skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from copydesk.generate import furniture
from copydesk.generate.lexicon import (
    AMOUNT_RE,
    DEPENDENT_OPENER_RE,
    FOCUS_STOP,
    FORWARD_RE,
    OPEN_RE,
    PRONOUNS,
    QUOTE_MARKS,
    REACTION_BASES,
    REASON_RE,
    TOPIC_STOP,
)
from copydesk.generate.references import antecedent
from copydesk.generate.verbs import past_form_base
from copydesk.model import Actor, Analysis, Quote, Span

MIN_UNIT_WORDS = 3
"""Sentences with fewer words than this (datelines, credits, headings) are not answers."""
HEADLINE_MAX_WORDS = 15
"""A first line this short, standing alone before a blank line, is taken for the headline."""
DATELINE_MAX_WORDS = 4
"""Words of a dateline's place before the credit it holds ("NEW YORK, March 3 (Wire) -")."""
MAX_QUOTE_SENTENCES = 12
"""A quotation spanning more sentences than this is cut at sentence boundaries (a speech
transcript, not a quote)."""
SUBJECT_LEAD_WORDS = 3
"""An actor named within this many words of a unit's start is what the unit opens with."""
SPEAKER_TYPES = ("PERSON", "ORG")
"""Actor types that speak in their own right; a place speaks only where the analyser says so."""

_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")
_PARA_RE = re.compile(r"\n\s*")


def words(text: str) -> list[str]:
    """The words of ``text`` (letters, digits, inner apostrophes and hyphens)."""
    return _WORD_RE.findall(text)


@dataclass(frozen=True)
class Unit:
    """One answerable piece of the article.

    Attributes:
        index: Position among the article's units.
        span: The trimmed span from the first sentence's start to the last one's end.
        sentences: The (trimmed) sentences it covers, in order.
        paragraph: Index of the paragraph (line) it starts in.
        quotes: Indices into ``Analysis.quotes`` of the attributions whose content starts here.
        statements: Those of ``quotes`` whose speaker the interview may name (``speaker_of``).
        speakers: The actors of ``statements``, in order, without repeats.
        actors: Ids of the actors mentioned, in order of first mention.
        subject: The actor named at the unit's start, if any.
        dates: Indices into ``Analysis.dates`` of the date mentions inside it.
        needs_previous: It cannot be read without the unit before it.
        direct: It holds a quotation.
        reason: It gives a reason ("saying ...", "because ...").
        outlook: It holds an attributed statement about what comes next.
        open: It says what remains open ("declined to comment", "did not say").
        reaction: Its subject reacts ("rejected", "dismissed").
        amount: It states a figure.
        focus: How many ``--focus`` words it matches (0 without a focus).
        voice: It is the author's own voice in an opinion piece.
    """

    index: int
    span: Span
    sentences: tuple[Span, ...]
    paragraph: int
    quotes: tuple[int, ...] = ()
    statements: tuple[int, ...] = ()
    speakers: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    subject: str | None = None
    dates: tuple[int, ...] = ()
    needs_previous: bool = False
    direct: bool = False
    reason: bool = False
    outlook: bool = False
    open: bool = False
    reaction: bool = False
    amount: bool = False
    focus: int = 0
    voice: bool = False

    @property
    def size(self) -> int:
        """The number of sentences."""
        return len(self.sentences)

    @property
    def actor(self) -> str | None:
        """The unit's main actor: its first speaker, else its subject."""
        return self.speakers[0] if self.speakers else self.subject


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _after_credit(text: str, sentence: Span, credit: Span) -> Span | None:
    """What a sentence says after the source credit that opens it, a dateline's ("NORBERG
    (Wire) - The council approved ..." -> "The council approved ..."); None when the credit
    does not open it or nothing of it is left."""
    opens = sentence.start <= credit.start < credit.end < sentence.end
    if not opens or len(words(text[sentence.start : credit.start])) > DATELINE_MAX_WORDS:
        return None
    start = credit.end
    while start < sentence.end and (text[start].isspace() or text[start] in "-–—:,"):
        start += 1
    return Span(start, sentence.end) if start < sentence.end else None


def focus_terms(focus: str | None) -> tuple[str, ...]:
    """The content words of a ``--focus`` text, lower-cased."""
    if not focus:
        return ()
    return tuple(dict.fromkeys(w.lower() for w in words(focus) if w.lower() not in FOCUS_STOP))


def matches_focus(text: str, terms: Sequence[str]) -> int:
    """How many focus words the text matches, loosely: the same word, or a shared 5-letter stem."""
    found = {w.lower() for w in words(text)}
    hits = 0
    for t in terms:
        if t in found or (len(t) >= 5 and any(len(w) >= 5 and w[:5] == t[:5] for w in found)):
            hits += 1
    return hits


HEADLINE_MAX_LINES = 2
"""A headline block is at most a headline and a sub-headline."""


def _headline_lines(analysis: Analysis, sents: list[Span]) -> int:
    """How many sentences at the top are the headline block: one or two short lines that open
    the text (after any page furniture, such as a section label) and stand before its first
    blank line (the headline, and a sub-headline)."""
    text = analysis.document.text
    if len(sents) < 2:
        return 0
    before = [
        line
        for line in re.finditer(r"[^\n]*\S[^\n]*", text[: sents[0].start])
        if not furniture.is_furniture(analysis, Span(line.start(), line.end()))
    ]
    if before:
        return 0
    for n in range(1, min(HEADLINE_MAX_LINES, len(sents) - 1) + 1):
        block = sents[:n]
        if any(len(words(s.of(text))) > HEADLINE_MAX_WORDS for s in block):
            return 0
        lines_apart = all("\n" in text[a.end : b.start] for a, b in zip(block, block[1:], strict=False))
        if not lines_apart:
            return 0
        if re.search(r"\n[ \t]*\n", text[block[-1].end : sents[n].start]):
            return n
    return 0


@lru_cache(maxsize=16)
def quotation_regions(text: str) -> tuple[Span, ...]:
    """The article's quotations, marks included: curly marks pair as opening and closing,
    straight ones toggle. A paragraph that ends inside a quotation continues it when the next
    paragraph opens with a quotation mark (the newspaper convention); otherwise the quotation
    ends with its paragraph."""
    regions: list[Span] = []
    open_at: int | None = None
    pos = 0
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text)]
    for k, (start, end) in enumerate(paragraphs):
        pos = start
        if open_at is not None and not text.startswith(("“", '"', "«", "„"), start):
            regions.append(Span(open_at, paragraphs[k - 1][1]))
            open_at = None
        for i in range(pos, end):
            c = text[i]
            if c not in QUOTE_MARKS:
                continue
            if open_at is not None and i == start and k > 0 and c in "“«„":
                continue  # the continuation mark of a quotation carried over a paragraph break
            if open_at is None:
                if c in '“"«„':
                    open_at = i
            elif c in '”"»' or (c == "“" and text[open_at] == "„"):
                regions.append(Span(open_at, i + 1))
                open_at = None
    if open_at is not None:
        regions.append(Span(open_at, paragraphs[-1][1] if paragraphs else len(text)))
    return tuple(regions)


def quoted_regions(text: str, span: Span) -> list[Span]:
    """The parts of ``span`` inside quotations (see :func:`quotation_regions`): a sentence in
    the middle of a quotation over several sentences is inside it, marks or not."""
    return [
        Span(max(r.start, span.start), min(r.end, span.end))
        for r in quotation_regions(text)
        if r.overlaps(span)
    ]


def speaker_of(analysis: Analysis, quote: Quote) -> str | None:
    """The actor an interview may name as a quote's speaker, or None.

    The analyser's resolved actor, when the speaker is the actor's name (with a title or a
    description: "Council finance chair Mara Lind"), or a pronoun whose antecedent
    ``Analysis.references`` gives as that same actor. A description without the name ("the
    spokesman") is a guess the interview does not repeat, and a name in capitals is a dateline.
    The actor is a person or an organisation, or a country the analyser makes the subject of a
    reaction ("Ukraine rejected them"); a place does not speak.
    """
    if quote.actor is None or quote.speaker is None:
        return None
    text = analysis.document.text
    said_by = " ".join(quote.speaker.of(text).split())
    try:
        actor = analysis.actor(quote.actor)
    except KeyError:
        return None
    if said_by.lower() in PRONOUNS:
        if antecedent(analysis, quote.speaker) != quote.actor:
            return None
    elif said_by.isupper() or not _names(said_by, actor):
        return None
    if actor.type in SPEAKER_TYPES:
        return quote.actor
    cue = quote.cue.of(text).split()[0] if quote.cue is not None else ""
    if actor.type == "GPE" and (past_form_base(cue) or cue.lower()) in REACTION_BASES:
        return quote.actor
    return None


def _names(phrase: str, actor: Actor) -> bool:
    """Whether a speaker phrase names the actor (its name, an alias or a person's surname)."""
    names = {actor.name, *actor.aliases}
    parts = actor.name.split()
    if actor.type == "PERSON" and len(parts) > 1:
        names.add(parts[-1])
    bare = re.sub(r"[’'‘]s$", "", phrase)
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", bare) for n in names if n)


def _sentences(analysis: Analysis) -> tuple[list[Span], list[str]]:
    """The article's answerable sentences, trimmed, and what was skipped."""
    doc = analysis.document
    text = doc.text
    warnings: list[str] = []
    sents: list[Span] = []
    skipped_short = skipped_credit = skipped_furniture = 0
    for raw in sorted(set(analysis.sentences)):
        s = _trim(text, raw)
        if len(s) == 0:
            continue
        if doc.credit_span is not None and s.overlaps(doc.credit_span):
            rest = _after_credit(text, s, doc.credit_span)
            if rest is None:
                skipped_credit += 1
                continue
            s = rest
        if furniture.is_furniture(analysis, s):
            skipped_furniture += 1
            continue
        if doc.title and s.of(text).strip() == doc.title.strip() and not sents:
            warnings.append("skipped the title line: it is a heading, not an answer")
            continue
        if len(words(s.of(text))) < MIN_UNIT_WORDS:
            skipped_short += 1
            continue
        sents.append(s)
    head = _headline_lines(analysis, sents)
    if head:
        warnings.append(
            "skipped the first line: it reads as the headline, not the lead"
            if head == 1
            else f"skipped the first {head} lines: they read as the headline and its sub-headline"
        )
        sents = sents[head:]
    if skipped_credit:
        warnings.append(f"skipped {skipped_credit} sentence(s) of the source credit line")
    if skipped_furniture:
        warnings.append(f"skipped {skipped_furniture} sentence(s) of page furniture")
    if skipped_short:
        warnings.append(f"skipped {skipped_short} sentence(s) with fewer than {MIN_UNIT_WORDS} words")
    return sents, warnings


def _groups(analysis: Analysis, sents: list[Span]) -> list[int]:
    """For each sentence, the index of the first sentence of the group it belongs to."""
    text = analysis.document.text
    starts = [s.start for s in sents]

    def touched(span: Span) -> tuple[int, int] | None:
        first = bisect.bisect_right(starts, span.start) - 1
        if first < 0 or sents[first].end <= span.start:
            first += 1
        last = bisect.bisect_left(starts, span.end) - 1
        if first > last or first >= len(sents) or last < 0:
            return None
        return first, last

    ranges: list[tuple[int, int]] = []
    for region in quotation_regions(text):
        r = touched(region)
        if r is not None:
            ranges.append(r)
    for q in analysis.quotes:
        if q.kind == "indirect":
            continue
        r = touched(q.content)
        if r is None:
            continue
        lo, hi = r
        for part in (q.speaker, q.cue):
            if part is not None and (near := touched(part)) is not None:
                lo, hi = min(lo, max(near[0], lo - 1)), max(hi, min(near[1], hi + 1))
        ranges.append((lo, hi))
    group = list(range(len(sents)))
    for lo, hi in sorted(ranges):
        if hi - lo + 1 > MAX_QUOTE_SENTENCES:
            continue
        head = group[lo]
        for i in range(lo, hi + 1):
            group[i] = head
    # A later range may start inside an earlier group: make groups contiguous.
    for i in range(1, len(group)):
        if group[i] < group[i - 1]:
            group[i] = group[i - 1]
    return group


def build_units(analysis: Analysis, *, focus: str | None = None) -> tuple[tuple[Unit, ...], tuple[str, ...]]:
    """Cuts the article into units and annotates each one.

    Returns:
        The units in article order, and the warnings (what was skipped and why).
    """
    text = analysis.document.text
    sents, warnings = _sentences(analysis)
    group = _groups(analysis, sents)
    para_starts = [0] + [m.end() for m in _PARA_RE.finditer(text)]
    mentions = sorted((m.start, m.end, a.id) for a in analysis.actors for m in a.mentions)
    terms = focus_terms(focus)
    voice = furniture.author_voice(analysis)
    units: list[Unit] = []
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and group[j + 1] == group[i]:
            j += 1
        members = tuple(sents[i : j + 1])
        units.append(
            _annotate(
                analysis,
                len(units),
                members,
                para_starts,
                mentions,
                terms,
                voice,
                units[-1] if units else None,
            )
        )
        i = j + 1
    if terms and not any(u.focus for u in units):
        warnings.append(f"the focus {focus!r} matches nothing in the article; it was ignored")
    return tuple(units), tuple(warnings)


def _annotate(
    analysis: Analysis,
    index: int,
    members: tuple[Span, ...],
    para_starts: list[int],
    mentions: list[tuple[int, int, str]],
    terms: tuple[str, ...],
    voice: Sequence[Span],
    previous: Unit | None,
) -> Unit:
    text = analysis.document.text
    span = Span(members[0].start, members[-1].end)
    body = span.of(text)
    quotes = tuple(k for k, q in enumerate(analysis.quotes) if span.start <= q.content.start < span.end)
    statements = tuple(
        k for k in quotes if speaker_of(analysis, analysis.quotes[k]) is not None and not _nested(analysis, k)
    )
    speakers = tuple(dict.fromkeys(speaker_of(analysis, analysis.quotes[k]) or "" for k in statements))
    inside = [m for m in mentions if span.start <= m[0] and m[1] <= span.end]
    actors = tuple(dict.fromkeys(m[2] for m in inside))
    subject = _subject(analysis, span, inside)
    dates = tuple(
        k for k, d in enumerate(analysis.dates) if span.start <= d.span.start and d.span.end <= span.end
    )
    regions = [Span(r.start - span.start, r.end - span.start) for r in quoted_regions(text, span)]
    outside = _outside(body, regions)
    reaction = subject is not None and _reacts(text, span, analysis, subject)
    names = " ".join(_actor_name(analysis, a) for a in actors)
    return Unit(
        index=index,
        span=span,
        sentences=members,
        paragraph=bisect.bisect_right(para_starts, span.start) - 1,
        quotes=quotes,
        statements=statements,
        speakers=speakers,
        actors=actors,
        subject=subject,
        dates=dates,
        needs_previous=previous is not None and _needs_previous(analysis, members, quotes),
        direct=bool(regions),
        reason=bool(statements) and REASON_RE.search(outside) is not None,
        outlook=any(_forward(analysis.quotes[k].content.of(text)) for k in statements),
        open=OPEN_RE.search(outside) is not None,
        reaction=reaction,
        amount=AMOUNT_RE.search(outside) is not None,
        focus=matches_focus(body + " " + names, terms),
        voice=any(v.overlaps(span) for v in voice),
    )


def _forward(content: str) -> bool:
    """Whether an attributed statement is about what comes next (not a question about it:
    "does not know how the president-elect plans to end the conflict")."""
    m = FORWARD_RE.search(content)
    return m is not None and not re.search(
        r"\b(?:how|whether|what|why|when|if)\b", content[: m.start()], re.I
    )


def _nested(analysis: Analysis, k: int) -> bool:
    """Whether a quote's content lies inside another quote's content ("that the fares will
    not rise ..." inside what the ministry said): the outer speaker is the one who
    says it."""
    inner = analysis.quotes[k].content
    return any(
        j != k
        and q.content.start <= inner.start
        and inner.end <= q.content.end
        and len(q.content) > len(inner)
        for j, q in enumerate(analysis.quotes)
    )


def _outside(body: str, regions: list[Span]) -> str:
    """The text of a unit outside its quotations (the reporter's own words)."""
    out = []
    pos = 0
    for r in regions:
        out.append(body[pos : r.start])
        pos = r.end
    out.append(body[pos:])
    return " ".join(out)


def _actor_name(analysis: Analysis, actor_id: str) -> str:
    try:
        return analysis.actor(actor_id).name
    except KeyError:
        return ""


def _subject(analysis: Analysis, span: Span, inside: list[tuple[int, int, str]]) -> str | None:
    """The person or organisation (or place) named within the first words of the unit."""
    text = analysis.document.text
    lead = span.start
    intro = re.match(r"[^,.;:“\"]{3,80},\s+", span.of(text))
    for start, end, actor_id in inside:
        # the subject opens the sentence, or follows an introductory phrase ("During the
        # debate, Dorn attacked ...")
        if intro is not None and start >= span.start + intro.end() and lead == span.start:
            lead = span.start + intro.end()
        if len(words(text[lead:start])) > SUBJECT_LEAD_WORDS:
            if lead == span.start and intro is not None and start < span.start + intro.end():
                continue
            break
        if text[start:end].lower() in PRONOUNS or _modifies(text, end):
            continue
        try:
            kind = analysis.actor(actor_id).type
        except KeyError:
            continue
        if kind in (*SPEAKER_TYPES, "GPE"):
            return actor_id
    return None


def _modifies(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` modifies what follows ("the Dorn campaign", "Putin's
    last contact") rather than being the subject."""
    if text[end : end + 2] in ("’s", "'s"):
        return True
    m = re.match(r"[ \t]+([a-z][\w-]*)", text[end : end + 40])
    if not m:
        return False
    w = m.group(1)
    return (
        w not in TOPIC_STOP
        and past_form_base(w) is None
        and not w.endswith("s")
        and w not in ("has", "is", "was", "will", "would", "can", "could", "may", "might", "must", "should")
    )


def _reacts(text: str, span: Span, analysis: Analysis, subject: str) -> bool:
    """Whether the unit's subject is followed closely by a reaction verb ("Ukraine rejected")."""
    try:
        mentions = analysis.actor(subject).mentions
    except KeyError:
        return False
    first = min((m for m in mentions if span.start <= m.start < span.end), default=None)
    if first is None:
        return False
    after = words(text[first.end : span.end])[:3]
    return any((past_form_base(w) or w.lower()) in REACTION_BASES and w.lower() != "object" for w in after)


def _needs_previous(analysis: Analysis, members: tuple[Span, ...], quotes: tuple[int, ...]) -> bool:
    """Whether the unit's first sentence leans on the sentence before it.

    It does when it opens with an anaphor ("That", "The remainder", "Such"), with a pronoun the
    analyser gives no antecedent for, when a pronoun object follows its reaction verb
    ("rejected them"), or when the speaker of one of its quotations is such a pronoun.
    """
    text = analysis.document.text
    first = members[0]
    sentence = first.of(text)
    m = DEPENDENT_OPENER_RE.match(sentence)
    if m:
        word = m.group("word")
        if word.lower() not in PRONOUNS:
            return True
        at = Span(first.start + m.start("word"), first.start + m.end("word"))
        if antecedent(analysis, at) is None:
            return True
    if re.search(
        r"\b(?:rejected|dismissed|denied|welcomed|criticized|criticised|condemned|refused|"
        r"disputed|rebuffed|praised|accepted|opposed|endorsed)\s+(?:them|it|this|that|these|those)\b",
        sentence,
    ):
        return True
    for k in quotes:
        q = analysis.quotes[k]
        if q.speaker is None or q.speaker.of(text).lower() not in PRONOUNS:
            continue
        if antecedent(analysis, q.speaker) is None:
            return True
    return False
