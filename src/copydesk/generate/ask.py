"""Questions, built from what their answer contains.

A question is made after its answer is final (and made again whenever the self-check changes
the answer), from the answer's own parts only:

- **speaker and cue**: "What did the Kremlin say on November 8, 2024?", "What did Trump tell
  NBC?", "What did Putin lay out on June 14?"; with a topic taken from the statement's
  content ("What did Lind say about the ring road contract?");
- **predicate and object**: "What are Putin's terms for ending the war?" (when the analyser
  resolves "his" to the speaker), "How much did the committee raise in October?";
- **an attributed reason**: "Why did Ukraine reject them?", only when the answer states the
  reason ("..., saying it would amount to surrender");
- **a second speaker**: "..., and how did Zelensky respond?";
- **what comes next** ("What did Brek say about what comes next?") and **what remains open**.

A question names a person or organisation only when the answer has it as a speaker (an
attribution :func:`~copydesk.generate.units.speaker_of` trusts) or names it. A question with
no content of its own ("What is the background?") is asked at most once per interview; an
item that has nothing else to be asked about is folded into the answer before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from copydesk.generate import furniture
from copydesk.generate.lexicon import (
    AMOUNT_BASES,
    AMOUNT_RE,
    BEFORE_VERB,
    COUNT_NOUNS,
    CUE_QUESTION_VERBS,
    DATE_PREPOSITIONS,
    NOT_TOPIC_START,
    OBJECT_CUES,
    PHRASE_ENDERS,
    PLURAL_DETERMINERS,
    PRESENT_VERBS,
    PRONOUNS,
    QUESTION_STOP,
    RELATIVE_DATE_RE,
    REPORTING_CUES,
    RESPONSE_VERBS,
    TIME_WORDS,
    TOPIC_STOP,
    VAGUE_NOUNS,
)
from copydesk.generate.names import Namer, capitalise, squash
from copydesk.generate.realise import absolute_date, date_edit
from copydesk.generate.references import antecedent
from copydesk.generate.units import Unit, matches_focus, quoted_regions, speaker_of, words
from copydesk.generate.verbs import base_form, past_form_base
from copydesk.model import MONTH_NAMES, Analysis, Quote, Span

NEAR_REPEAT = 0.8
"""Two questions whose content words overlap this much (Jaccard) ask the same thing."""
MAX_TOPIC_WORDS = 6
"""A topic phrase taken from the article is at most this long."""
CONTENT_FREE: tuple[str, ...] = (
    "What is the background?",
    "What else does the article report?",
    "What remains open?",
)
"""Questions with no content of their own; an interview asks at most one."""
_RECIPIENT_RE = re.compile(
    r"[ \t]+((?:the[ \t]+)?[A-Z][\w&’'-]*(?:\.\w+)*(?:[ \t]+[A-Z][\w&’'-]*(?:\.\w+)*){0,4}"
    r"|reporters|journalists)"
)


@dataclass(frozen=True)
class Question:
    """The editor's turn: its question and whether it has no content of its own."""

    text: str
    content_free: bool = False


class Asker:
    """Builds questions for answers and remembers what the interview has asked."""

    def __init__(self, analysis: Analysis, namer: Namer, *, focus: Sequence[str] = ()) -> None:
        self.analysis = analysis
        self.focus = tuple(focus)
        self.text = analysis.document.text
        self.namer = namer
        self.introduced: set[str] = set()
        self.asked: list[frozenset[str]] = []
        self._keys: set[str] = set()
        self.content_free = 0

    # ------------------------------------------------------------------ names

    def ref(self, actor_id: str) -> str | None:
        """How a question names an actor: title and name the first time, then the short name."""
        if actor_id in self.introduced:
            return self.namer.short(actor_id)
        return self.namer.full(actor_id)

    def _statements(self, unit: Unit) -> list[tuple[Quote, str]]:
        return [
            (self.analysis.quotes[k], a)
            for k in unit.statements
            if (a := speaker_of(self.analysis, self.analysis.quotes[k])) is not None
        ]

    # ---------------------------------------------------------------- phrases

    def date_phrase(self, unit: Unit, *, outside: Sequence[Span] = ()) -> str | None:
        """A date of the unit's first sentence outside quotations (and outside ``outside``):
        a relative date as the analyser resolved it (publication date known), an absolute one
        as the article writes it; with its preposition."""
        first = unit.sentences[0]
        regions = [*quoted_regions(self.text, first), *outside]
        for k in unit.dates:
            d = self.analysis.dates[k]
            if not first.start <= d.span.start < first.end or any(r.overlaps(d.span) for r in regions):
                continue
            surface = squash(d.span.of(self.text))
            if RELATIVE_DATE_RE.match(surface):
                if self.analysis.document.published is None:
                    continue
                edit = date_edit(self.text, d)
                if edit is None:
                    continue
                return edit if edit.split()[0] in ("on", "in") else f"on {edit}"
            absolute = absolute_date(d.value)
            if absolute is None or not (re.search(r"\d", surface) or any(m in surface for m in MONTH_NAMES)):
                continue
            before = words(self.text[max(0, d.span.start - 12) : d.span.start])
            prep = before[-1].lower() if before and before[-1].lower() in DATE_PREPOSITIONS else absolute[1]
            return f"{prep} {surface}"
        return None

    def topic(self, span: Span) -> str | None:
        """The subject phrase a passage opens with ("the ring road contract"), or None."""
        text = span.of(self.text)
        lead = re.match(
            r"\W*(?:(?:that|and|but|so|because|if|whether)\s+)?(?:according to [^,]{1,60},\s*)?", text, re.I
        )
        offset = span.start + (lead.end() if lead else 0)
        text = text[lead.end() :] if lead else text
        if re.match(r"\W*[“\"«]", text):
            return None
        kept: list[str] = []
        first_at: int | None = None
        for m in re.finditer(r"[\w’'&.-]+|[,;:()—–“”\"]", text):
            if first_at is None:
                first_at = offset + m.start()
            w = m.group(0).strip(".")
            if not w or not w[0].isalnum():
                break
            low = w.lower()
            if not kept and re.split(r"[’']", low)[0] in NOT_TOPIC_START:
                return None
            if (
                low in PHRASE_ENDERS
                or re.search(r"n[’']t$", low)
                or (w.islower() and past_form_base(w) is not None and kept)
            ):
                break
            if kept and (low in REPORTING_CUES or low in PRESENT_VERBS):
                break  # "a new national poll suggests"
            if kept and self._present_verb(w, kept[-1]):
                return None  # "the poll addresses" or "background checks": too unsure to ask
            if kept and low in ("who", "which", "that", "whose", "where", "when", "to"):
                break
            kept.append(w)
            if len(kept) > MAX_TOPIC_WORDS:
                return None
        if not _tidy(kept) or kept[-1].lower() in TIME_WORDS or self._dated(span, kept):
            return None
        if first_at is None or not self._noun_phrase(kept, first_at):
            return None
        if kept[0].lower() in TOPIC_STOP or re.search(
            rf"(?<![\w.]){re.escape(kept[0].lower())}\b", self.text
        ):
            kept[0] = kept[0].lower()
        if kept[0] in ("the", "a", "an") and len(kept) == 1:
            return None
        phrase = " ".join(kept)
        return phrase if phrase.lower() not in PRONOUNS else None

    def _noun_phrase(self, kept: list[str], at: int) -> bool:
        """Whether a phrase read without a parser is safe to ask about: it opens with an
        article or demonstrative and goes on, with a name the analyser found, or with a number
        and goes on; it is no lone adjective ("a constructive") and holds no word in capitals
        that is no name."""
        first = kept[0].lower()
        if kept[-1].lower() in VAGUE_NOUNS:
            return False
        if first in ("the", "a", "an", "this", "these", "those"):
            if len(kept) < 2 or (
                len(kept) == 2 and re.search(r"(?:ive|ous|ful|ic|able|ible|less|ly)$", kept[1])
            ):
                return False
        elif kept[0][:1].isdigit():
            if len(kept) < 2:
                return False
        elif not self._named_at(at):
            return False
        return not any(len(w) > 1 and w.isupper() and not self._named_at(self.text.find(w, at)) for w in kept)

    def _named_at(self, pos: int) -> bool:
        """Whether an actor's name (not a pronoun) starts at ``pos``."""
        for a in self.analysis.actors:
            for m in a.mentions:
                if m.start == pos and m.of(self.text).lower() not in PRONOUNS:
                    return True
        return False

    @staticmethod
    def _present_verb(word: str, before: str) -> bool:
        """Whether ``word`` reads as a present-tense verb after ``before`` ("poll addresses"),
        not a plural noun ("the union's demands", "both sides")."""
        if not (word.islower() and word.endswith("s")) or before.lower() in PLURAL_DETERMINERS:
            return False
        if re.search(r"[’']s$", before):
            return False
        base = base_form(word)
        return base is not None and base != word

    def _dated(self, span: Span, kept: list[str]) -> bool:
        """Whether a phrase taken from the start of ``span`` is a date ("Five years earlier")."""
        end = span.start + len(" ".join(kept))
        return any(span.start <= d.span.start < end for d in self.analysis.dates)

    def object_phrase(self, span: Span) -> str | None:
        """The noun phrase after a passage's first lexical verb in the past ("the petition" in
        "he had not seen the petition but ..."), or None."""
        found = None
        for m in re.finditer(r"\b[a-z]+\b", span.of(self.text)):
            base = past_form_base(m.group(0))
            if base is not None and base not in ("be", "have", "do"):
                found = m
                break
        if found is None:
            return None
        rest = span.of(self.text)[found.end() :]
        kept: list[str] = []
        for m in re.finditer(r"[\w’'&-]+|[^\w\s]", rest):
            w = m.group(0)
            low = w.lower()
            if (
                not w[0].isalnum()
                or (low in TOPIC_STOP and low not in ("a", "an", "the"))
                or low in PHRASE_ENDERS
            ):
                break
            if w.islower() and past_form_base(w) is not None:
                break
            kept.append(w)
            if len(kept) > MAX_TOPIC_WORDS:
                return None
        if not _tidy(kept) or kept[0].lower() in NOT_TOPIC_START:
            return None
        at = span.start + found.end() + (len(rest) - len(rest.lstrip()))
        if not self._noun_phrase(kept, at):
            return None
        return " ".join(kept)

    def topics(self, span: Span) -> list[str]:
        """Topic phrases of a passage: its subject, then its object; one with a ``--focus`` word
        first."""
        found = [t for t in (self.topic(span), self.object_phrase(span)) if t is not None]
        found = list(dict.fromkeys(found))
        return sorted(found, key=lambda t: -self.focus_hits(t))

    def focus_hits(self, text: str) -> int:
        if not self.focus:
            return 0
        return matches_focus(text, self.focus)

    def verb(self, quote: Quote) -> str:
        """The question verb for a quote's cue ("told NBC" asks "tell NBC"), "say" by default."""
        if quote.cue is None:
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
            after = re.match(r"[ \t]+([a-z][\w-]*)", self.text[m.end() : m.end() + 30])
            if after and after.group(1) not in TOPIC_STOP:
                return "say"  # "told New York magazine": the name modifies a noun
            return f"tell {m.group(1)}"
        return base

    # -------------------------------------------------------------- clauses

    def _terms(self, quote: Quote, actor: str) -> str | None:
        """ "what are X's terms for ending the war" from "X laid out his terms for ending the
        war: ...", when the analyser resolves "his" to X."""
        if quote.cue is None or quote.content.start <= quote.cue.end:
            return None
        between = self.text[quote.cue.end : quote.content.start]
        m = re.match(r"\s+(his|her|their|its)\s+([\w’' -]{2,60}?)\s*:\s*$", between)
        if not m:
            return None
        at = Span(quote.cue.end + m.start(1), quote.cue.end + m.end(1))
        if antecedent(self.analysis, at) != actor:
            return None
        noun = m.group(2).strip()
        head = noun.split()[0]
        ref = self.ref(actor)
        if ref is None:
            return None
        be = "are" if head.endswith("s") and not head.endswith("ss") else "is"
        return f"what {be} {self.namer.possessive(ref)} {noun}"

    def statement_clause(self, unit: Unit, quote: Quote, actor: str) -> list[str]:
        """Ways to ask about a statement, most specific first: its object or topic, its cue,
        its date; then plainer forms."""
        ref = self.ref(actor)
        if ref is None:
            return []
        out: list[str] = []
        terms = self._terms(quote, actor)
        if terms is not None:
            out.append(terms)
        verb = self.verb(quote)
        date = self.date_phrase(unit, outside=[quote.content])
        forms: list[str] = []
        if verb.split()[0] in OBJECT_CUES:
            forms.append(f"what did {ref} {verb}")
        topics = self.topics(quote.content) if quote.kind != "direct" else []
        ask_verb = verb.split()[0] if verb.startswith("tell ") else verb
        for topic in topics:
            if topic.lower() not in ref.lower() and ref.lower() not in topic.lower():
                forms.append(f"what did {ref} {ask_verb} about {topic}")
        forms.append(f"what did {ref} {verb}")
        for form in dict.fromkeys(forms):
            if date:
                out.append(f"{form} {date}")
            out.append(form)
        if actor in self.introduced:
            out.append(f"what else did {ref} say")
        return out

    def _verb_after(self, unit: Unit, actor: str) -> tuple[str, Span] | None:
        """The past-tense verb right after the unit's subject ("Ukraine rejected") and where."""
        try:
            mentions = self.analysis.actor(actor).mentions
        except KeyError:
            return None
        first = min((m for m in mentions if unit.span.start <= m.start < unit.span.end), default=None)
        if first is None:
            return None
        for m in re.finditer(r"[A-Za-z’'-]+", self.text[first.end : min(unit.span.end, first.end + 40)]):
            w = m.group(0)
            base = past_form_base(w)
            if base is not None:
                return base, Span(first.end + m.start(), first.end + m.end())
            if w.lower() not in BEFORE_VERB and not re.fullmatch(r"[A-Z][\w’'-]*|\d+", w):
                return None
        return None

    def reaction_clause(self, unit: Unit, *, follows: bool) -> str | None:
        """ "why did X reject them" when the answer gives the reason, "how did X respond"."""
        actor = unit.subject
        if actor is None:
            return None
        ref = self.ref(actor)
        found = self._verb_after(unit, actor)
        if ref is None or found is None:
            return None
        base, at = found
        if base not in RESPONSE_VERBS:
            return f"how did {ref} respond"
        rest = self.text[at.end : unit.sentences[0].end]
        m = re.match(r"\s+([^,;:.]{1,60}?)\s*(?:,|\bbecause\b|\bciting\b|\bsaying\b|$)", rest)
        obj = squash(m.group(1)) if m else ""
        pronoun_object = obj.lower() in ("them", "it", "this", "that", "these", "those")
        if unit.reason and obj and (not pronoun_object or follows) and '"' not in obj and "“" not in obj:
            return f"why did {ref} {base} {obj}"
        return f"how did {ref} respond"

    def amount_clause(self, unit: Unit) -> str | None:
        """ "how much did X raise in October", "how many signatures did X collect"."""
        actor = unit.subject
        if actor is None:
            return None
        found = self._verb_after(unit, actor)
        ref = self.ref(actor)
        if found is None or ref is None or found[0] not in AMOUNT_BASES:
            return None
        base, at = found
        first = unit.sentences[0]
        m = AMOUNT_RE.search(self.text, at.end, first.end)
        if m is None or len(words(self.text[at.end : m.start()])) > 2:
            return None
        date = self.date_phrase(unit)
        when = f" {date}" if date else ""
        noun = m.group(0).split()[-1].lower()
        if noun in COUNT_NOUNS:
            return f"how many {noun} did {ref} {base}{when}"
        return f"how much did {ref} {base}{when}"

    def subject_clause(self, unit: Unit) -> str | None:
        """ "what do we know about the last strike at the port" from a passage's subject."""
        for sentence in unit.sentences:
            topic = self.topic(sentence)
            if topic is not None:
                return f"what do we know about {topic}"
        actor = unit.subject or (unit.actors[0] if unit.actors else None)
        if actor is not None and self.analysis.actor(actor).type in ("PERSON", "ORG", "GPE"):
            ref = self.ref(actor)
            if ref is not None:
                return f"what do we know about {ref}"
        return None

    # ---------------------------------------------------------------- asking

    def clauses(self, kind: str, units: Sequence[Unit], *, follows: bool) -> list[tuple[str, set[str]]]:
        """Candidate clauses for an answer, best first, each with the actors it names."""
        primary: list[str] = []
        named: set[str] = set()
        first_actor: str | None = None
        for u in units:
            if u.reaction and u.subject is not None and (kind == "reaction" or u is not units[0]):
                clause = self.reaction_clause(u, follows=follows or u is not units[0])
                if clause is not None:
                    primary, first_actor = [clause], u.subject
                    break
            statements = self._statements(u)
            if statements:
                quote, actor = statements[0]
                ref = self.ref(actor)
                primary = self.statement_clause(u, quote, actor)
                if kind == "outlook" and ref is not None:
                    primary.insert(0, f"what did {ref} say about what comes next")
                if primary:
                    first_actor = actor
                    break
            if u.amount and u.subject is not None:
                clause = self.amount_clause(u)
                if clause is not None:
                    primary, first_actor = [clause], u.subject
                    break
        out: list[tuple[str, set[str]]] = []
        if any(u.voice for u in units) and not primary:
            label = furniture.author_label(self.analysis)
            who = "the author" if label == "The author" else label
            verb = "argue" if furniture.is_opinion(self.analysis) else "write"
            topic = next((t for u in units for t in self.topics(u.sentences[0])), None)
            if topic is not None:
                out.append((f"what does {who} {verb} about {topic}", set()))
            out.append((f"what does {who} {verb}", set()))
        if primary and first_actor is not None:
            named = {first_actor}
            second = self._second_speaker(units, first_actor)
            if second is not None:
                out += [(f"{p}, and {second[0]}", named | {second[1]}) for p in primary]
            out += [(p, named) for p in primary]
        for u in units:
            clause = self.subject_clause(u)
            if clause is not None:
                out.append((clause, set()))
                break
        return out

    def _second_speaker(self, units: Sequence[Unit], first_actor: str) -> tuple[str, str] | None:
        """ "how did Y respond" or "what did Y say" for another speaker with a passage of
        their own in the same answer."""
        for u in units:
            if first_actor in u.speakers:
                continue
            for _, actor in self._statements(u):
                if actor == first_actor:
                    continue
                ref = self.ref(actor)
                if ref is None:
                    continue
                how = "how did {} respond" if u.reaction else "what did {} say"
                return how.format(ref), actor
        return None

    def ask(
        self,
        kind: str,
        units: Sequence[Unit],
        *,
        opening: bool,
        follows: bool = False,
        accept: Callable[[str], bool] = lambda q: True,
    ) -> Question | None:
        """The editor's question for an answer made of ``units``; None when every phrasing
        repeats an earlier question or is refused by ``accept`` and the only one left would be
        a second question with no content (the caller then folds the answer into the one
        before)."""
        candidates: list[tuple[str, set[str], bool]] = []
        if kind == "open" and units:
            subject = units[0].subject
            if subject is not None and (ref := self.ref(subject)) is not None:
                candidates.append((f"what did {ref} leave unanswered", {subject}, False))
            topic = self.topic(units[0].sentences[0])
            if topic is not None:
                candidates.append((f"what is still open about {topic}", set(), False))
        for clause, named in self.clauses(kind, units, follows=follows):
            candidates.append((clause, named, False))
        if kind == "open":
            candidates.append(("what remains open", set(), True))
        else:
            candidates += [(c[:-1].lower(), set(), True) for c in CONTENT_FREE[:2]]
        if self.focus:
            # --focus shapes the questions too: a phrasing with a focus word comes first
            candidates.sort(key=lambda c: -self.focus_hits(c[0]))
        for clause, named, free in candidates:
            if free and self.content_free >= 1:
                continue
            body = capitalise(clause) if not opening else "Let's start with the main news: " + clause
            question = body + "?"
            if self._repeats(question) or not accept(question):
                continue
            self.asked.append(_bag(question))
            self._keys.add(_key(question))
            self.introduced |= named
            if free:
                self.content_free += 1
            return Question(question, content_free=free)
        return None

    def forget(self, question: Question) -> None:
        """Takes back a question (its answer changed and it will be asked again)."""
        key = _key(question.text)
        self._keys.discard(key)
        bag = _bag(question.text)
        if bag in self.asked:
            self.asked.remove(bag)
        if question.content_free:
            self.content_free -= 1

    def _repeats(self, question: str) -> bool:
        if _key(question) in self._keys:
            return True
        bag = _bag(question)
        return any(bag and len(bag & b) / len(bag | b) >= NEAR_REPEAT for b in self.asked)


def _tidy(kept: list[str]) -> bool:
    """Drops a phrase's trailing function words in place; whether a phrase is left that has a
    content word and no pronoun ("the tax plan of his rival": whose, a question could not say)."""
    while kept and kept[-1].lower() in TOPIC_STOP:
        kept.pop()
    if not kept or all(w.lower() in TOPIC_STOP for w in kept):
        return False
    return not any(w.lower() in PRONOUNS for w in kept)


def _asked(question: str) -> str:
    """What a question asks, without the opening's framing ("Let's start with the main news:")."""
    return question.rsplit(": ", 1)[-1]


def _key(question: str) -> str:
    return " ".join(w.lower() for w in words(_asked(question)))


def _bag(question: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(_asked(question)) if w.lower() not in QUESTION_STOP)


__all__ = ["Asker", "Question", "CONTENT_FREE"]
