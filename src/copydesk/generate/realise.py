"""Realisation: the editor's questions and the guest's answer sentences, from a plan.

Answers restate the article with light, meaning-preserving edits only:

- a direct quote stays verbatim, punctuation included, with its speaker named (``“…,” he
  emphasized.`` becomes ``“…,” Peskov emphasized.``; ``He said on Monday: “…”`` becomes ``Peskov
  said on June 3, 2024: “…”``);
- a pronoun that opens a sentence, or that is a quote's speaker, becomes the actor's name;
- a relative date whose value the analyser resolved becomes an absolute one
  (``yesterday`` becomes ``on November 7, 2024``).

Each unit is realised as a list of variants, most edited first and the article's own words
last, so that the self-check can fall back to the verbatim sentence when an edit is not
judged supported. Every variant carries citations: the article spans it rests on.

Questions are built from the plan only (actor names and titles, cue verbs, dates and topic
phrases that occur in the article), so they name no one the article does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from copydesk.generate.lexicon import (
    CUE_QUESTION_VERBS,
    DATE_PREPOSITIONS,
    IRREGULAR_PAST,
    LEAD_CONJUNCTIONS,
    OBJECT_CUES,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    QUESTION_STOP,
    QUOTE_MARKS,
    RELATIVE_DATE_RE,
    SUBJECT_PRONOUNS,
    TOPIC_STOP,
)
from copydesk.generate.plan import PlanItem, Segment, Unit, named_nearby, trusted_speaker, words
from copydesk.model import MONTH_NAMES, Actor, Analysis, DateMention, Quote, Span

NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
"""Name suffixes that are not a surname."""
MAX_TITLE_WORDS = 6
"""Longer titles read as clauses, not titles, and are not used in questions."""
SPEAKER_LEAD_WORDS = 4
"""A statement whose speaker is named later than this in its first sentence is asked about by
its date, when it has one ("What happened in February 2022?")."""
NEAR_REPEAT = 0.8
"""Two questions whose content words overlap this much (Jaccard) ask the same thing."""
GENERIC_QUESTIONS: tuple[str, ...] = (
    "What else does the article report?",
    "What other details does the article give?",
    "What further details does the article include?",
    "Is there anything more in the article?",
)
"""Questions that fit any plan item, used when the item's own phrasings are taken."""

_WS_RE = re.compile(r"\s+")
_ASKED_ABOUT_RE = re.compile(r"\basked about ((?:the |a |an )?[\w’'-]+(?: [\w’'-]+){0,5})", re.IGNORECASE)
_RECIPIENT_RE = re.compile(
    r"[ \t]+((?:the[ \t]+)?[A-Z][\w&’'-]*(?:\.\w+)*(?:[ \t]+[A-Z][\w&’'-]*(?:\.\w+)*){0,4}"
    r"|reporters|journalists)"
)


def squash(text: str) -> str:
    """Collapses every run of whitespace (newlines included) into one space."""
    return _WS_RE.sub(" ", text).strip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def absolute_date(value: str | None) -> tuple[str, str] | None:
    """An ISO value as words and the preposition it takes: ``("November 7, 2024", "on")``.

    Ranges and unresolved values give None.
    """
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = (int(x) for x in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{MONTH_NAMES[mo - 1]} {d}, {y}", "on"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = (int(x) for x in m.groups())
        if 1 <= mo <= 12:
            return f"{MONTH_NAMES[mo - 1]} {y}", "in"
    if re.fullmatch(r"\d{4}", value):
        return value, "in"
    return None


def quoted_regions(text: str, span: Span) -> list[Span]:
    """The stretches between quotation marks inside ``span``, marks included.

    Curly marks pair as opening and closing; straight ones toggle. An opening mark with no
    closing one runs to the end of the span (a quote continued in the next paragraph).
    """
    regions: list[Span] = []
    open_at: int | None = None
    for i in range(span.start, span.end):
        c = text[i]
        if c not in QUOTE_MARKS:
            continue
        if open_at is None:
            if c in '“"«„':
                open_at = i
        elif c in '”"»' or (c == "“" and text[open_at] == "„"):
            regions.append(Span(open_at, i + 1))
            open_at = None
    if open_at is not None:
        regions.append(Span(open_at, span.end))
    return regions


def _inside(regions: Iterable[Span], s: Span) -> bool:
    return any(r.overlaps(s) for r in regions)


def _frames_quote(text: str, mention: Span, regions: list[Span]) -> bool:
    """Whether a speaker mention introduces or closes a quotation ("…,” he said" / "he said: “…")."""
    for r in regions:
        if r.end <= mention.start and len(words(text[r.end : mention.start])) <= 1:
            return True
        if mention.end <= r.start and len(words(text[mention.end : r.start])) <= 3:
            return True
    return False


class Namer:
    """How the interview refers to each actor, always with words the article itself uses."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.apostrophe = "’" if "’" in self.text else "'"
        self._name: dict[str, str | None] = {}

    def _actor(self, actor_id: str) -> Actor | None:
        try:
            return self.analysis.actor(actor_id)
        except KeyError:
            return None

    def _count(self, phrase: str) -> int:
        return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", self.text))

    def name(self, actor_id: str) -> str | None:
        """The actor's canonical name as the article writes it ("the Kremlin"), or None."""
        if actor_id in self._name:
            return self._name[actor_id]
        actor = self._actor(actor_id)
        result: str | None = None
        if actor is not None:
            candidates = [actor.name] + [
                m.of(self.text) for m in sorted(actor.mentions, key=len, reverse=True)
            ]
            for c in candidates:
                c = squash(c)
                if (
                    c
                    and c.lower() not in PRONOUNS
                    and self._count(c)
                    and (c[:1].isupper() or actor.type != "PERSON")
                ):
                    result = c
                    break
            if result is not None and actor.type != "PERSON":
                bare = re.sub(r"^the\s+", "", result, flags=re.IGNORECASE)
                total, with_the = self._head_uses(bare)
                result = f"the {bare}" if total and with_the * 2 >= total else bare
        self._name[actor_id] = result
        return result

    def _head_uses(self, bare: str) -> tuple[int, int]:
        """How often a name heads its phrase, and how often "the" precedes it then.

        "the Kremlin said" counts; "the Port Alder council" does not (there the article
        belongs to "council"). A use counts when punctuation, a function word or a verb-like
        word ("-ed", "-s") follows the name.
        """
        total = with_the = 0
        for m in re.finditer(rf"(?<![\w-])([Tt]he\s+)?{re.escape(bare)}(?![\w-])", self.text):
            nxt = re.match(r"[ \t]*([A-Za-z]+)", self.text[m.end() : m.end() + 40])
            if nxt and nxt.start(1) == nxt.start():
                continue
            if nxt:
                w = nxt.group(1)
                verb_like = w in IRREGULAR_PAST or w.endswith(("ed", "s"))
                if not (w.islower() and (w in TOPIC_STOP or verb_like)):
                    continue
            total += 1
            with_the += m.group(1) is not None
        return total, with_the

    def short(self, actor_id: str) -> str | None:
        """The short reference: a person's surname when the article uses it alone."""
        name = self.name(actor_id)
        actor = self._actor(actor_id)
        if name is None or actor is None or actor.type != "PERSON":
            return name
        parts = name.split()
        while len(parts) > 1 and parts[-1].lower().strip(",") in NAME_SUFFIXES:
            parts.pop()
        if len(parts) < 2:
            return name
        surname = parts[-1]
        if self._count(surname) > self._count(name):
            return surname
        return name

    def title(self, actor_id: str) -> str | None:
        """The first usable title of a person as the article writes it, or None."""
        actor = self._actor(actor_id)
        name = self.name(actor_id)
        if actor is None or name is None or actor.type != "PERSON":
            return None
        for t in actor.titles:
            t = squash(t)
            n = len(t.split())
            if not (1 <= n <= MAX_TITLE_WORDS) or t not in self.text or t.lower() in PRONOUNS:
                continue
            if re.search(r"[\d“”\"()]", t) or t.lower() in name.lower():
                continue
            return t
        return None

    def full(self, actor_id: str) -> str | None:
        """Title and name ("Russian presidential spokesman Dmitry Peskov"), or the name."""
        name = self.name(actor_id)
        title = self.title(actor_id)
        if name is None or title is None:
            return name
        if title[:1].islower():
            return f"the {title} {name}"
        return f"{title} {name}"

    def possessive(self, phrase: str) -> str:
        return f"{phrase}{self.apostrophe}s"


@dataclass(frozen=True)
class Sentence:
    """One realised answer sentence: its text and the article spans it rests on."""

    text: str
    citations: tuple[Span, ...]
    unit: int


def _date_edit(text: str, date: DateMention) -> str | None:
    """The absolute restatement of a relative date mention, or None to leave it as it is."""
    absolute = absolute_date(date.value)
    if absolute is None:
        return None
    surface = squash(date.span.of(text))
    m = RELATIVE_DATE_RE.match(surface)
    if not m:
        return None
    if text[date.span.end : date.span.end + 2] in ("’s", "'s"):
        return None
    phrase, prep = absolute
    word = m.group("word").lower()
    if word in ("week", "month", "year"):
        if m.group("prep") is None:
            return None
        granularity = {"week": None, "month": r"\d{4}-\d{2}", "year": r"\d{4}"}[word]
        if granularity is None or not re.fullmatch(granularity, date.value or ""):
            return None
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.value or ""):
        return None
    if (m.group("prep") or "").lower() == "on":
        return f"on {phrase}"
    before = words(text[max(0, date.span.start - 20) : date.span.start])
    if before and before[-1].lower() in DATE_PREPOSITIONS:
        return phrase
    return f"{prep} {phrase}"


def question_date(analysis: Analysis, unit: Unit, *, outside: Span | None = None) -> str | None:
    """A relative date in the unit, outside quotes (and outside ``outside``, an attribution's
    content), restated absolutely with its preposition."""
    text = analysis.document.text
    regions = quoted_regions(text, unit.span)
    if outside is not None:
        regions.append(outside)
    for k in unit.dates:
        d = analysis.dates[k]
        if _inside(regions, d.span):
            continue
        edit = _date_edit(text, d)
        if edit is not None:
            return edit if edit.split()[0] in ("on", "in") else f"on {edit}"
    return None


class Realiser:
    """Realises answer sentences for units and questions for plan items."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.namer = Namer(analysis)
        self.introduced: set[str] = set()
        self.asked: list[frozenset[str]] = []
        self._asked_keys: set[str] = set()
        self._generic = 0
        self._sentence_starts = sorted(s.start for s in analysis.sentences)

    # ----------------------------------------------------------------- answers

    def _sentence_of(self, pos: int) -> Span | None:
        for s in self.analysis.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def _named_before(self, actor_id: str, start: int, end: int) -> bool:
        """Whether the actor is named (not by a pronoun) between ``start`` and ``end``."""
        try:
            mentions = self.analysis.actor(actor_id).mentions
        except KeyError:
            return False
        return any(
            start <= m.start and m.end <= end and m.of(self.text).lower() not in PRONOUNS for m in mentions
        )

    def _antecedent(self, actor_id: str, before: int) -> Span | None:
        """The sentence holding the actor's last named (non-pronoun) mention before ``before``."""
        try:
            actor = self.analysis.actor(actor_id)
        except KeyError:
            return None
        named = [m for m in actor.mentions if m.end <= before and m.of(self.text).lower() not in PRONOUNS]
        if not named:
            return None
        return self._sentence_of(max(named).start)

    def _pronoun_edit(self, mention: Span, actor_id: str, at_start: bool, *, capital: bool) -> str | None:
        word = mention.of(self.text)
        low = word.lower()
        name = self.namer.short(actor_id)
        if name is None:
            return None
        if low in SUBJECT_PRONOUNS:
            out = name
        elif low in POSSESSIVE_PRONOUNS and at_start:
            out = self.namer.possessive(name)
        else:
            return None
        return capitalise(out) if capital else out

    def realise_unit(self, unit: Unit) -> list[Sentence]:
        """The variants of one unit's answer sentence: most edited first, verbatim last."""
        text = self.text
        regions = quoted_regions(text, unit.span)
        citations = list(unit.sentences)
        variants: list[str] = []
        restated = self._restate_quote(unit, regions, citations)
        if restated is not None:
            variants.append(restated)
        edits: dict[tuple[int, int], str] = {}
        pronoun_edits: set[tuple[int, int]] = set()
        # A pronoun opening the unit, or a pronoun speaker of one of its quotes, becomes a name.
        targets: list[tuple[Span, str]] = []
        for a in self.analysis.actors:
            for m in a.mentions:
                if unit.span.start <= m.start and m.end <= unit.span.end and m.of(text).lower() in PRONOUNS:
                    targets.append((m, a.id))
        speaker_quotes = {
            (q.speaker.start, q.speaker.end): q
            for k in unit.quotes
            if (q := self.analysis.quotes[k]).speaker is not None
        }
        speakers = set(speaker_quotes)
        # A pronoun speaker resolved by the attribution itself, even when coreference missed it.
        known = {(m.start, m.end) for m, _ in targets}
        for k in unit.quotes:
            q = self.analysis.quotes[k]
            if (
                q.speaker is None
                or trusted_speaker(self.analysis, q) is None
                or (q.speaker.start, q.speaker.end) in known
            ):
                continue
            if q.actor and q.speaker.of(text).lower() in PRONOUNS and unit.span.start <= q.speaker.start:
                targets.append((q.speaker, q.actor))
        for m, actor_id in targets:
            lead_text = text[unit.span.start : m.start]
            lead_in = words(lead_text)
            first = not lead_text.strip()
            at_start = (
                len(lead_in) <= 2
                and all(w.lower() in LEAD_CONJUNCTIONS for w in lead_in)
                and not re.search(r"[^\w\s,]", lead_text)
            )
            framing = (m.start, m.end) in speakers and _frames_quote(text, m, regions)
            if framing and not at_start and self._named_before(actor_id, unit.span.start, m.start):
                continue  # "Trump told NBC ... that he believes “…”": the name is already there
            if not (at_start or framing) or _inside(regions, m):
                continue
            quote = speaker_quotes.get((m.start, m.end))
            if quote is not None:
                if trusted_speaker(self.analysis, quote) != actor_id:
                    continue
            elif not named_nearby(self.analysis, actor_id, m.start):
                continue
            edit = self._pronoun_edit(m, actor_id, at_start, capital=first)
            if edit is not None:
                edits[(m.start, m.end)] = edit
                pronoun_edits.add((m.start, m.end))
                ante = self._antecedent(actor_id, unit.span.start)
                if ante is not None and ante not in citations:
                    citations.append(ante)
        for k in unit.dates:
            d = self.analysis.dates[k]
            if _inside(regions, d.span) or any(d.span.overlaps(Span(*e)) for e in edits):
                continue
            edit = _date_edit(text, d)
            if edit is not None:
                if not text[unit.span.start : d.span.start].strip():
                    edit = capitalise(edit)
                edits[(d.span.start, d.span.end)] = edit
        # A quotation whose pronoun speaker stays unnamed keeps the article's whole sentence, so
        # that the attribution the reader sees is the article's own.
        for q in speaker_quotes.values():
            if (
                q.kind != "indirect"
                and q.speaker is not None
                and (q.speaker.start, q.speaker.end) not in edits
            ) and q.speaker.of(text).lower() in PRONOUNS:
                edits = {}
                pronoun_edits = set()
                break
        # Fallbacks step back one kind of edit at a time: dates first, then names.
        variants.append(self._apply(unit.span, edits))
        plain_quote = self._restate_quote(unit, regions, citations, absolute=False)
        if plain_quote is not None:
            variants.append(plain_quote)
        variants.append(self._apply(unit.span, {k: v for k, v in edits.items() if k in pronoun_edits}))
        variants.append(squash(unit.span.of(text)))
        cites = tuple(sorted(set(citations)))
        seen: list[str] = []
        for v in variants:
            if v not in seen:
                seen.append(v)
        return [Sentence(v, cites, unit.index) for v in seen]

    def _apply(self, span: Span, edits: dict[tuple[int, int], str]) -> str:
        """The text of ``span`` with non-overlapping ``(start, end) -> replacement`` edits made."""
        out = []
        pos = span.start
        for (s, e), rep in sorted(edits.items()):
            out.append(self.text[pos:s])
            out.append(rep)
            pos = e
        out.append(self.text[pos : span.end])
        return squash("".join(out))

    def _restate_quote(
        self, unit: Unit, regions: list[Span], citations: list[Span], *, absolute: bool = True
    ) -> str | None:
        """``<Speaker> <cue>[ <date>]: “<quote>”`` when the unit is just a quote and its frame."""
        text = self.text
        if len(regions) != 1:
            return None
        region = regions[0]
        quote: Quote | None = None
        for k in unit.quotes:
            q = self.analysis.quotes[k]
            if q.kind == "direct" and q.content.overlaps(region):
                quote = q
                break
        if quote is None or text[region.end - 1] not in '”"»':
            return None
        speaker = None
        trusted = trusted_speaker(self.analysis, quote)
        if trusted is not None:
            speaker = self.namer.short(trusted)
        elif quote.actor is None and quote.name and quote.name.lower() not in PRONOUNS and quote.name in text:
            speaker = quote.name
        if speaker is None:
            return None
        removed = [region]
        if quote.speaker is not None:
            removed.append(quote.speaker)
        if quote.cue is not None:
            removed.append(quote.cue)
        date_parts: list[str] = []
        for k in unit.dates:
            d = self.analysis.dates[k]
            if region.overlaps(d.span):
                continue
            if quote.cue is not None and quote.cue.overlaps(d.span):
                return None
            removed.append(d.span)
            date_parts.append((_date_edit(text, d) if absolute else None) or squash(d.span.of(text)))
        rest = []
        pos = unit.span.start
        for r in sorted(removed):
            rest.append(text[pos : max(pos, r.start)])
            pos = max(pos, r.end)
        rest.append(text[pos : unit.span.end])
        residue = [w for w in words("".join(rest)) if w.lower() not in ("also", "then")]
        if residue:
            return None
        cue = squash(quote.cue.of(text)) if quote.cue is not None else "said"
        inner = squash(text[region.start + 1 : region.end - 1])
        if not inner or inner[-1] in ",;:":
            # "“…,” he said.": the quotation keeps its own punctuation, so the speaker stays
            # after it (the article's order, with the pronoun named: the next variant)
            return None
        if inner[-1] not in ".!?…":
            inner += "."
        open_mark, close_mark = text[region.start], text[region.end - 1]
        if (
            quote.speaker is not None
            and quote.speaker.of(text).lower() in PRONOUNS
            and quote.actor is not None
        ):
            ante = self._antecedent(quote.actor, unit.span.start)
            if ante is not None and ante not in citations:
                citations.append(ante)
        frame = " ".join([capitalise(speaker), cue, *date_parts])
        return f"{frame}: {open_mark}{inner}{close_mark}"

    # --------------------------------------------------------------- questions

    def _ref(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        try:
            if self.analysis.actor(actor_id).type not in ("PERSON", "ORG", "GPE"):
                return None
        except KeyError:
            return None
        if actor_id in self.introduced:
            return self.namer.short(actor_id)
        return self.namer.full(actor_id)

    def _first_quote(self, seg: Segment) -> Quote | None:
        for u in seg.units:
            for k in u.quotes:
                q = self.analysis.quotes[k]
                if q.actor is not None and q.actor == seg.actor and trusted_speaker(self.analysis, q):
                    return q
        return None

    def _verb(self, quote: Quote | None) -> str:
        """The question verb for a quote's cue ("told NBC" asks "tell NBC"), "say" by default."""
        if quote is None or quote.cue is None:
            return "say"
        cue_text = squash(quote.cue.of(self.text))
        cue = cue_text.lower()
        base = CUE_QUESTION_VERBS.get(cue)
        rest = ""
        if base is None and " " in cue:
            head, rest = cue_text.split(" ", 1)
            base = CUE_QUESTION_VERBS.get(head.lower())
        if base is None:
            return "say"
        if base == "tell" and rest:
            return f"tell {rest}" if rest.lower() not in PRONOUNS else "say"
        if rest:
            return "say"
        if base == "tell":
            m = _RECIPIENT_RE.match(self.text, quote.cue.end)
            if not m or m.group(1).lower() in PRONOUNS:
                return "say"
            return f"tell {m.group(1)}"
        return base

    def _topic(self, seg: Segment) -> str | None:
        """A topic phrase from the article: "asked about <topic>", else another actor named."""
        body = " ".join(u.span.of(self.text) for u in seg.units)
        if m := _ASKED_ABOUT_RE.search(body):
            kept: list[str] = []
            for i, w in enumerate(m.group(1).split()):
                if i > 0 and w.lower() in TOPIC_STOP:
                    break
                kept.append(w)
            while kept and kept[-1].lower() in TOPIC_STOP:
                kept.pop()
            if len(kept) >= 2:
                return " ".join(kept)
        seen: dict[str, int] = {}
        for u in seg.units:
            for k in u.quotes:
                q = self.analysis.quotes[k]
                for a in self.analysis.actors:
                    if a.id == seg.actor or a.type not in ("PERSON", "ORG", "GPE"):
                        continue
                    for mention in a.mentions:
                        inside = q.content.start <= mention.start and mention.end <= q.content.end
                        if inside and mention.of(self.text).lower() not in PRONOUNS:
                            seen[a.id] = seen.get(a.id, 0) + 1
        speaker_name = (self.namer.name(seg.actor) or "") if seg.actor else ""
        for actor_id, _ in sorted(seen.items(), key=lambda kv: -kv[1]):
            name = self.namer.name(actor_id)
            if name and name.lower() not in speaker_name.lower():
                return f"@{actor_id}"
        return None

    def _dated_clause(self, seg: Segment) -> str | None:
        """ "what happened in February 2022" for a dated segment (a date written with its year)."""
        for u in seg.units:
            for k in u.dates:
                d = self.analysis.dates[k]
                absolute = absolute_date(d.value)
                surface = squash(d.span.of(self.text))
                if not absolute or RELATIVE_DATE_RE.match(surface) or not re.search(r"\d{4}", surface):
                    continue
                tense = self._tense(d.value)
                if tense is not None:
                    return f"what {tense} {absolute[1]} {absolute[0]}"
        return None

    def _speaker_leads(self, seg: Segment) -> bool:
        """Whether the segment's first unit opens with its speaker (within its first words)."""
        unit = seg.units[0]
        if seg.actor is None:
            return False
        quote = self._first_quote(seg)
        if quote is not None and quote.speaker is not None:
            mentions: tuple[Span, ...] = (quote.speaker,)
        else:
            try:
                mentions = self.analysis.actor(seg.actor).mentions
            except KeyError:
                return False
        inside = [m for m in mentions if unit.span.start <= m.start < unit.span.end]
        if not inside:
            return False
        lead_in = self.text[unit.span.start : min(inside).start]
        return len(words(lead_in)) <= SPEAKER_LEAD_WORDS or bool(quoted_regions(self.text, unit.span))

    def _clause(self, seg: Segment, first: bool) -> tuple[str, set[str]]:
        """One question clause for a segment, and the actors it names."""
        actor = seg.actor
        ref = self._ref(actor)
        used = {actor} if actor and ref else set()
        if seg.kind == "lead":
            quote = self._first_quote(seg)
            if quote is not None and ref is not None:
                date = question_date(self.analysis, seg.units[0], outside=quote.content)
                return f"what did {ref} {self._verb(quote)}" + (f" {date}" if date else ""), used
            return "what happened", set()
        if seg.kind == "reaction" and ref is not None:
            verb = self._verb(self._first_quote(seg))
            if verb.split()[0] in OBJECT_CUES:
                return f"what did {ref} {verb}", used
            return f"how did {ref} respond", used
        if seg.kind == "statement" and not self._speaker_leads(seg):
            dated = self._dated_clause(seg)
            if dated is not None:
                return dated, set()
        if seg.kind in ("statement", "reaction") and ref is not None:
            quote = self._first_quote(seg)
            verb = self._verb(quote)
            if actor in self.introduced and verb == "add":
                return f"what did {ref} add", used
            if verb.split()[0] in OBJECT_CUES:
                return f"what did {ref} {verb}", used
            topic = self._topic(seg)
            about = ""
            if topic is not None and topic.startswith("@"):
                other = topic[1:]
                other_ref = self._ref(other)
                if other_ref:
                    about = f" about {other_ref}"
                    used.add(other)
            elif topic is not None:
                about = f" about {topic}"
            if actor in self.introduced:
                return f"what else did {ref} say{about}", used
            return f"what did {ref} say{about}", used
        if seg.kind == "outlook":
            return ("what is still open" if self._generic % 2 else "what comes next"), set()
        dated = self._dated_clause(seg)
        if dated is not None:
            return dated, set()
        if ref is not None and any(actor in u.actors for u in seg.units):
            # only about an actor the answer names: a continuation keeps its segment's actor
            return f"what does the article report about {ref}", used
        options = (
            "what is the background",
            "what else does the article report",
            "what context does the article give",
        )
        return options[self._generic % len(options)], set()

    def _tense(self, value: str | None) -> str | None:
        """ "happened" for a date before publication, "happens" after it; None when unknown."""
        published = self.analysis.document.published
        if published is None or not value:
            return None
        day = published.isoformat()
        if value[: len(day)] < day[: len(value)]:
            return "happened"
        if value[: len(day)] > day[: len(value)]:
            return "happens"
        return None

    def ask(self, item: PlanItem, *, opening: bool) -> str | None:
        """The editor's question for one plan item; None when every phrasing would repeat one
        already asked (the caller then folds the item into the previous answer).

        A question repeats another when it is the same, or when their content words overlap
        by ``NEAR_REPEAT`` (Jaccard) or more.
        """
        clauses: list[str] = []
        for n, seg in enumerate(item.segments):
            clause, used = self._clause(seg, first=n == 0)
            if clause not in clauses:
                clauses.append(clause)
            self.introduced |= used
        body = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + ", and " + clauses[-1]
        candidates = [("Let's start with the main news: " + body if opening else capitalise(body)) + "?"]
        actor = item.segments[0].actor
        short = self.namer.short(actor) if actor else None
        if short:
            candidates += [
                f"What more did {short} say?",
                f"What other point did {short} make?",
                f"What did {short} go on to say?",
            ]
        candidates += list(GENERIC_QUESTIONS)
        if any(c.startswith(("what is the background", "what else", "what context")) for c in clauses):
            self._generic += 1
        for question in candidates:
            if not self._repeats(question):
                self.asked.append(_bag(question))
                self._asked_keys.add(_key(question))
                return question
        return None

    def plain_question(self, *, opening: bool = False) -> str | None:
        """A question that states nothing ("What else does the article report?"), not yet asked."""
        options = ("Let's start with the main news: what happened?",) if opening else GENERIC_QUESTIONS
        for question in options:
            if not self._repeats(question):
                self.asked.append(_bag(question))
                self._asked_keys.add(_key(question))
                return question
        return None

    def _repeats(self, question: str) -> bool:
        if _key(question) in self._asked_keys:
            return True
        bag = _bag(question)
        return any(bag and len(bag & b) / len(bag | b) >= NEAR_REPEAT for b in self.asked)


def _key(question: str) -> str:
    return " ".join(w.lower() for w in words(question))


def _bag(question: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(question) if w.lower() not in QUESTION_STOP)
