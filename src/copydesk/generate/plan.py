"""Planning: what an interview about an article should ask, and which sentences answer it.

The planner reads an ``Analysis`` only. It cuts the article into *units* (a sentence, or the
sentences one direct quote spans), groups consecutive units about the same actor or paragraph
into *segments* (the lead; an actor's statements; a reaction; background; what comes next),
and fits the segments to the requested number of question-answer pairs: it merges related
neighbours first (a position and the reaction to it, two pieces of background) so that as
much of the article as possible is covered, and only then drops the least important. The
interview keeps the article's order after the lead, as news writing already orders by
importance (the inverted pyramid); statements about the ``--focus`` topic come first.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from copydesk.generate.lexicon import FOCUS_STOP, OUTLOOK_RE, PRONOUNS, REACTION_VERBS
from copydesk.model import Analysis, Quote, Span

SegmentKind = Literal["lead", "statement", "reaction", "background", "outlook"]

MAX_UNITS_PER_ANSWER = 4
"""The most units (sentences, or whole direct quotes) one answer restates."""
MAX_SEGMENTS_PER_ANSWER = 3
"""The most segments one question may join ("What did X say, and how did Y respond?")."""
MAX_QUOTE_SENTENCES = 8
"""A direct quote spanning more sentences than this is not kept together as one unit."""
MAIN_ACTOR_TYPES = ("PERSON", "ORG", "GPE")
"""Actor types that can be what a passage is about (not "Russian", an adjective)."""
HEADLINE_MAX_WORDS = 15
"""A first line this short, standing alone before a blank line, is taken for the headline."""
MIN_UNIT_WORDS = 3
"""Sentences with fewer words than this (datelines, credits, headings) are not answers."""

_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")
_PARA_RE = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Unit:
    """One answerable piece of the article.

    Attributes:
        index: Position among the article's units.
        span: The trimmed character span in the article.
        sentences: The analyser's sentences it covers.
        paragraph: Index of the paragraph (line) it starts in.
        quotes: Indices into ``Analysis.quotes`` of the attributions whose content starts here.
        actors: Ids of the actors mentioned, in order of first mention.
        actor: The unit's main actor: the speaker of its first attribution, else the first
            actor mentioned; None when no actor is mentioned.
        dates: Indices into ``Analysis.dates`` of the date mentions inside it.
        focus: How many of the ``--focus`` words it matches (0 when none, or no focus).
    """

    index: int
    span: Span
    sentences: tuple[Span, ...]
    paragraph: int
    quotes: tuple[int, ...] = ()
    actors: tuple[str, ...] = ()
    actor: str | None = None
    dates: tuple[int, ...] = ()
    focus: int = 0


@dataclass(frozen=True)
class Segment:
    """Consecutive units about one actor or one piece of background."""

    kind: SegmentKind
    units: tuple[Unit, ...]
    actor: str | None
    importance: float

    @property
    def focus(self) -> int:
        return max((u.focus for u in self.units), default=0)


@dataclass(frozen=True)
class PlanItem:
    """One question-answer pair: the segments the question joins and the answer restates."""

    segments: tuple[Segment, ...]

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(u for s in self.segments for u in s.units)

    @property
    def kind(self) -> SegmentKind:
        return self.segments[0].kind

    @property
    def importance(self) -> float:
        return max(s.importance for s in self.segments)

    @property
    def focus(self) -> int:
        return max(s.focus for s in self.segments)

    @property
    def start(self) -> int:
        return self.units[0].index


@dataclass(frozen=True)
class Plan:
    """The interview plan: the items to ask about, in order, and spare items to fall back on.

    Attributes:
        items: One item per question-answer pair, in interview order (the lead first).
        reserve: Items left out, most important first; the self-check draws on them when an
            answer loses every sentence.
        units: Every unit of the article, in order.
        warnings: What the planner skipped or could not honour, and why.
    """

    items: tuple[PlanItem, ...]
    reserve: tuple[PlanItem, ...] = ()
    units: tuple[Unit, ...] = ()
    warnings: tuple[str, ...] = ()


def words(text: str) -> list[str]:
    """The words of ``text`` (letters, digits, inner apostrophes and hyphens)."""
    return _WORD_RE.findall(text)


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


DATELINE_MAX_WORDS = 4
"""Words of a dateline's place before the credit it holds ("NEW YORK, March 3 (Wire) -")."""


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


def _matches_focus(text: str, terms: tuple[str, ...]) -> int:
    """How many focus words the text matches, loosely: the same word, or a shared 5-letter stem."""
    found = {w.lower() for w in words(text)}
    hits = 0
    for t in terms:
        if t in found or (len(t) >= 5 and any(len(w) >= 5 and w[:5] == t[:5] for w in found)):
            hits += 1
    return hits


def _mention_index(analysis: Analysis) -> list[tuple[int, int, str]]:
    """Every actor mention as ``(start, end, actor id)``, sorted."""
    return sorted((m.start, m.end, a.id) for a in analysis.actors for m in a.mentions)


def _is_headline(text: str, first: Span, second: Span) -> bool:
    """A short first line standing alone as a paragraph, before a blank line, is the headline."""
    before = text[: first.start]
    between = text[first.end : second.start]
    return (
        not before.strip()
        and len(words(first.of(text))) <= HEADLINE_MAX_WORDS
        and re.search(r"\n[ \t]*\n", between) is not None
    )


def build_units(analysis: Analysis, *, focus: str | None = None) -> tuple[tuple[Unit, ...], tuple[str, ...]]:
    """Cuts the article into units and annotates each with its quotes, actors and dates.

    A direct quote that spans several sentences (or whose speaker follows in the next sentence)
    becomes one unit, so that it can be restated whole. Sentences inside the source credit, and
    sentences with fewer than ``MIN_UNIT_WORDS`` words, are skipped and counted in a warning.

    Returns:
        The units in article order, and the warnings.
    """
    doc = analysis.document
    text = doc.text
    warnings: list[str] = []
    sents: list[Span] = []
    skipped_short = skipped_credit = 0
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
        if doc.title and text[s.start : s.end].strip() == doc.title.strip() and not sents:
            warnings.append("skipped the title line: it is a heading, not an answer")
            continue
        if len(words(text[s.start : s.end])) < MIN_UNIT_WORDS:
            skipped_short += 1
            continue
        sents.append(s)
    if len(sents) >= 2 and _is_headline(text, sents[0], sents[1]):
        warnings.append("skipped the first line: it reads as the headline, not the lead")
        sents = sents[1:]
    if skipped_credit:
        warnings.append(f"skipped {skipped_credit} sentence(s) of the source credit line")
    if skipped_short:
        warnings.append(f"skipped {skipped_short} sentence(s) with fewer than {MIN_UNIT_WORDS} words")

    # Group the sentences one direct or mixed quote spans: its content, plus its speaker and cue
    # when they stand in the sentence right before or after the content.
    starts = [s.start for s in sents]

    def sentences_of(span: Span) -> set[int]:
        """The first and last sentence a span touches (a bound in a gap takes its neighbour)."""
        first = bisect.bisect_right(starts, span.start) - 1
        if first < 0 or sents[first].end <= span.start:
            first += 1
        last = bisect.bisect_left(starts, span.end) - 1
        return {i for i in (first, last) if 0 <= i < len(sents) and first <= last}

    ranges: list[tuple[int, int]] = []
    for q in analysis.quotes:
        if q.kind == "indirect":
            continue
        content = sentences_of(q.content)
        if not content:
            continue
        lo, hi = min(content), max(content)
        for part in (q.speaker, q.cue):
            if part is not None:
                near = [i for i in sentences_of(part) if lo - 1 <= i <= hi + 1]
                lo, hi = min([lo, *near]), max([hi, *near])
        if 1 < hi - lo + 1 <= MAX_QUOTE_SENTENCES:
            ranges.append((lo, hi))
    group = list(range(len(sents)))
    for lo, hi in sorted(ranges):
        for i in range(lo, hi + 1):
            group[i] = group[lo]

    para_starts = [0] + [m.end() for m in _PARA_RE.finditer(text)]
    mentions = _mention_index(analysis)
    mention_starts = [m[0] for m in mentions]
    terms = focus_terms(focus)
    units: list[Unit] = []
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and group[j + 1] == group[i]:
            j += 1
        members = tuple(sents[i : j + 1])
        span = Span(members[0].start, members[-1].end)
        units.append(
            _annotate(analysis, len(units), span, members, para_starts, mentions, mention_starts, terms)
        )
        i = j + 1
    if terms and not any(u.focus for u in units):
        warnings.append(f"the focus {focus!r} matches nothing in the article; it was ignored")
    return tuple(units), tuple(warnings)


def _annotate(
    analysis: Analysis,
    index: int,
    span: Span,
    members: tuple[Span, ...],
    para_starts: list[int],
    mentions: list[tuple[int, int, str]],
    mention_starts: list[int],
    terms: tuple[str, ...],
) -> Unit:
    text = analysis.document.text
    quotes = tuple(k for k, q in enumerate(analysis.quotes) if span.start <= q.content.start < span.end)
    lo = bisect.bisect_left(mention_starts, span.start)
    hi = bisect.bisect_left(mention_starts, span.end)
    actors = tuple(dict.fromkeys(m[2] for m in mentions[lo:hi] if m[1] <= span.end))
    main: str | None = None
    for k in quotes:
        speaker = trusted_speaker(analysis, analysis.quotes[k])
        if speaker is not None and _actor_type(analysis, speaker) in MAIN_ACTOR_TYPES:
            main = speaker
            break
    if main is None:
        for m in mentions[lo:hi]:
            if m[1] <= span.end and _actor_type(analysis, m[2]) in MAIN_ACTOR_TYPES:
                main = m[2]
                break
    dates = tuple(
        k for k, d in enumerate(analysis.dates) if span.start <= d.span.start and d.span.end <= span.end
    )
    body = span.of(text)
    names = " ".join(_actor_name(analysis, a) for a in actors)
    return Unit(
        index=index,
        span=span,
        sentences=members,
        paragraph=bisect.bisect_right(para_starts, span.start) - 1,
        quotes=quotes,
        actors=actors,
        actor=main,
        dates=dates,
        focus=_matches_focus(body + " " + names, terms),
    )


def _actor_type(analysis: Analysis, actor_id: str) -> str:
    try:
        return analysis.actor(actor_id).type
    except KeyError:
        return "OTHER"


def _actor_name(analysis: Analysis, actor_id: str) -> str:
    try:
        return analysis.actor(actor_id).name
    except KeyError:
        return ""


def _is_reaction(analysis: Analysis, unit: Unit) -> bool:
    """True when the unit opens with its main actor followed closely by a reaction verb."""
    if unit.actor is None:
        return False
    text = analysis.document.text
    try:
        actor = analysis.actor(unit.actor)
    except KeyError:
        return False
    first = [m for m in actor.mentions if unit.span.start <= m.start < unit.span.end]
    if not first:
        return False
    m = min(first)
    if len(words(text[unit.span.start : m.start])) > 3:
        return False
    after = [w.lower() for w in words(text[m.end : unit.span.end])[:3]]
    return any(w in REACTION_VERBS for w in after)


def _segment_kind(analysis: Analysis, units: tuple[Unit, ...], first: bool) -> SegmentKind:
    text = analysis.document.text
    if first:
        return "lead"
    if _is_reaction(analysis, units[0]):
        return "reaction"
    if any(u.quotes for u in units):
        return "statement"
    if any(OUTLOOK_RE.search(u.span.of(text)) for u in units):
        return "outlook"
    return "background"


def build_segments(analysis: Analysis, units: tuple[Unit, ...]) -> tuple[Segment, ...]:
    """Groups consecutive units into segments and scores their importance.

    Units join the running segment when they share its main actor, or when they stay in its
    paragraph without naming an actor of their own (a continuation). The first paragraph is the
    lead. Importance mixes position (earlier is more important in news writing), the number of
    attributions, the salience of the main actor (its share of all actor mentions) and the focus.
    """
    if not units:
        return ()
    mention_count = Counter({a.id: len(a.mentions) for a in analysis.actors})
    top = max(mention_count.values(), default=0) or 1
    runs: list[list[Unit]] = [[units[0]]]
    run_actor: list[str | None] = [units[0].actor]
    for u in units[1:]:
        cur = runs[-1]
        same_para = u.paragraph == cur[-1].paragraph
        lead_para = cur[0].index == 0 and same_para
        continuation = same_para and (u.actor is None or u.actor == run_actor[-1])
        same_actor = u.actor is not None and u.actor == run_actor[-1] and bool(u.quotes or cur[-1].quotes)
        if len(cur) < MAX_UNITS_PER_ANSWER and (lead_para or continuation or same_actor):
            cur.append(u)
            if run_actor[-1] is None:
                run_actor[-1] = u.actor
        else:
            runs.append([u])
            run_actor.append(u.actor)
    n = units[-1].index + 1
    segments = []
    for k, (run, actor) in enumerate(zip(runs, run_actor, strict=True)):
        us = tuple(run)
        n_quotes = sum(len(u.quotes) for u in us)
        salience = mention_count.get(actor, 0) / top if actor else 0.0
        importance = 0.5 * (1 - us[0].index / n) + 0.3 * min(1.0, n_quotes / 2) + 0.2 * salience
        focus_hits = max((u.focus for u in us), default=0)
        if focus_hits:
            importance += 1.0 + focus_hits
        kind = _segment_kind(analysis, us, first=k == 0)
        segments.append(Segment(kind, us, actor, 2.0 if kind == "lead" else importance))
    return tuple(segments)


def _affinity(analysis: Analysis, a: PlanItem, b: PlanItem) -> float:
    """How well two neighbouring items read as one question-answer pair."""
    last, first = a.segments[-1], b.segments[0]
    score = 0.0
    if last.actor is not None and last.actor == first.actor:
        score += 3.0
    if first.kind == "reaction":
        score += 2.5
    if last.kind == first.kind and first.kind in ("background", "outlook"):
        score += 1.5
    if last.focus and first.focus:
        score += 1.0
    ta = {x for u in a.units for x in u.actors}
    tb = {x for u in b.units for x in u.actors}
    if ta and tb:
        score += 2.0 * len(ta & tb) / len(ta | tb)
    score -= 0.5 * (len(a.units) + len(b.units)) / MAX_UNITS_PER_ANSWER
    score -= 0.75 * (len(a.segments) + len(b.segments) - 2)
    return score


def _select_units(units: tuple[Unit, ...], budget: int) -> tuple[Unit, ...]:
    """Keeps at most ``budget`` units: the lead first, then attributions, focus and position."""
    if len(units) <= budget:
        return units
    lead_para = units[0].paragraph

    def rank(u: Unit) -> tuple[bool, int, bool, int]:
        return (u.paragraph != lead_para, -u.focus, not u.quotes, u.index)

    keep = sorted(units, key=rank)[:budget]
    return tuple(sorted(keep, key=lambda u: u.index))


def build_plan(analysis: Analysis, *, turns: int, focus: str | None = None) -> Plan:
    """Plans an interview of ``turns`` question-answer pairs from an analysis.

    Args:
        analysis: The article's analysis.
        turns: The number of question-answer pairs wanted (positive).
        focus: Optional topic text; units that match it are preferred and asked about first.

    Returns:
        The plan. It has fewer items than ``turns`` (and says so in a warning) only when the
        article has too little to ask about.
    """
    if turns <= 0:
        raise ValueError(f"turns must be positive, got {turns}")
    all_units, warnings = build_units(analysis, focus=focus)
    if not all_units:
        return Plan((), (), all_units, (*warnings, "the article has no sentence to build an answer from"))
    units = _select_units(all_units, turns * MAX_UNITS_PER_ANSWER)
    segments = build_segments(analysis, units)
    items = [PlanItem((s,)) for s in segments]
    reserve: list[PlanItem] = []

    # Merge related neighbours while there are more items than turns (the lead stays alone).
    while len(items) > turns:
        best: tuple[float, int] | None = None
        for i in range(1, len(items) - 1):
            a, b = items[i], items[i + 1]
            if len(a.units) + len(b.units) > MAX_UNITS_PER_ANSWER:
                continue
            if len(a.segments) + len(b.segments) > MAX_SEGMENTS_PER_ANSWER:
                continue
            score = _affinity(analysis, a, b)
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            break
        i = best[1]
        items[i : i + 2] = [PlanItem(items[i].segments + items[i + 1].segments)]

    # Then drop the least important (never the lead).
    while len(items) > turns:
        k = min(range(1, len(items)), key=lambda j: (items[j].importance, -items[j].start))
        reserve.append(items.pop(k))

    # Split the largest items while there are fewer items than turns.
    while len(items) < turns:
        k = max(range(len(items)), key=lambda j: (len(items[j].units), -j))
        item = items[k]
        if len(item.units) < 2:
            break
        if len(item.segments) > 1:
            half = (len(item.segments) + 1) // 2
            parts = [PlanItem(item.segments[:half]), PlanItem(item.segments[half:])]
        else:
            seg = item.segments[0]
            half = (len(seg.units) + 1) // 2
            second_kind: SegmentKind = "statement" if seg.kind == "lead" else seg.kind
            if not any(u.quotes for u in seg.units[half:]) and second_kind == "statement":
                second_kind = "background"
            parts = [
                PlanItem((replace(seg, units=seg.units[:half]),)),
                PlanItem((replace(seg, units=seg.units[half:], kind=second_kind),)),
            ]
        items[k : k + 1] = parts
    if len(items) < turns:
        warnings = (
            *warnings,
            f"the article supports {len(items)} question-answer pair(s); {turns} were asked for",
        )

    if any(it.focus for it in items[1:]):
        items = items[:1] + sorted(items[1:], key=lambda it: -it.focus)
    reserve.sort(key=lambda it: (-it.importance, it.start))
    return Plan(tuple(items), tuple(reserve), all_units, warnings)


def named_nearby(analysis: Analysis, actor_id: str, pos: int, *, anchor: int | None = None) -> bool:
    """Whether the actor is named (not by a pronoun) shortly before ``pos``: from the sentence
    before the one holding ``anchor`` (``pos`` by default; a quote's start for its speaker) up
    to ``pos``.

    The generator only turns a pronoun into a name, or trusts a pronoun speaker, when this holds:
    a coreference link to an actor last named further away is too easily wrong to restate.
    """
    try:
        actor = analysis.actor(actor_id)
    except KeyError:
        return False
    text = analysis.document.text
    sentences = sorted(analysis.sentences)
    i = bisect.bisect_right([s.start for s in sentences], pos if anchor is None else min(anchor, pos)) - 1
    window_start = sentences[max(0, i - 1)].start if i >= 0 else 0
    return any(
        window_start <= m.start and m.end <= pos and m.of(text).lower() not in PRONOUNS
        for m in actor.mentions
    )


def trusted_speaker(analysis: Analysis, quote: Quote) -> str | None:
    """The quote's resolved actor, unless its speaker is a pronoun whose actor is not named nearby."""
    if quote.actor is None:
        return None
    if quote.speaker is not None and quote.speaker.of(analysis.document.text).lower() in PRONOUNS:
        anchor = min(quote.speaker.start, quote.content.start)
        return (
            quote.actor if named_nearby(analysis, quote.actor, quote.speaker.start, anchor=anchor) else None
        )
    return quote.actor


def quote_speaker(analysis: Analysis, quote: Quote) -> str | None:
    """The display name of a quote's speaker: its resolved actor's name, else its own name."""
    if quote.actor is not None:
        try:
            return analysis.actor(quote.actor).name
        except KeyError:
            pass
    if quote.name and quote.name.lower() not in PRONOUNS:
        return quote.name
    return None
