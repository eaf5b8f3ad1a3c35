"""``build_interview``: plan, realise, ask, self-check, and assemble the ``Interview``.

Planning (:mod:`~copydesk.generate.plan`), realisation (:mod:`~copydesk.generate.realise`,
:mod:`~copydesk.generate.ask`) and checking (the injected ``verify`` and
:mod:`~copydesk.generate.speakers`) stay apart; this module runs them in turn:

1. plan the items and realise each answer sentence as variants, edited first, the article's
   words last; an edit that fails the speaker check loses its variant at once;
2. ask each question from its answer;
3. audit the whole transcript with ``verify`` (the pipeline passes the checker; this stage
   never imports it). An answer sentence not judged ``supported`` falls back to its next
   variant (an LLM sentence to the embedded ones, an edited sentence to the verbatim one); a
   unit with a sentence left without a variant is dropped whole, with the units that lean on
   it (so no quotation loses its closing sentence); an editor's statement not supported is
   dropped; a question whose embedded claim is not supported is asked another way;
4. ask the questions again from the answers as they now are, and audit again, until nothing
   changes.

The audit of the final transcript goes into ``Interview.audit``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from copydesk.config import Settings
from copydesk.errors import CopydeskError, GenerationError
from copydesk.generate import furniture
from copydesk.generate.ask import Asker, Question
from copydesk.generate.names import Namer
from copydesk.generate.plan import MAX_ANSWER_SENTENCES, Plan, PlanItem, build_plan
from copydesk.generate.realise import Realiser, Sentence
from copydesk.generate.speakers import actor_names, question_problems, sentence_problems
from copydesk.generate.transcript import (
    Layout,
    disclosure,
    editor_label,
    guest_labels,
    interview_title,
    layout,
    verdict_of,
)
from copydesk.generate.units import Unit, focus_terms
from copydesk.model import Analysis, AnswerSentence, Audit, Interview, Span, Turn

if TYPE_CHECKING:
    from copydesk.generate.llm import ChatClient

MAX_VERIFY_CALLS = 8
"""The self-check gives up re-auditing after this many rounds (each drops or replaces)."""

Verify = Callable[[str], Audit]


@dataclass
class Slot:
    """One answer sentence in the making: its current text first, then its fallbacks.

    Each option is one or more sentences (an LLM sentence that restates two article sentences
    falls back to the embedded sentences of both).
    """

    options: list[tuple[Sentence, ...]]
    unit: int
    origin: str = "embedded"
    retried: bool = False
    named: bool = False
    """Whether the unit reads alone only through a pronoun this slot names: its verbatim
    fallback needs the sentence before it."""

    @property
    def current(self) -> tuple[Sentence, ...]:
        return self.options[0]


@dataclass
class Pair:
    """One question-answer pair in the making."""

    item: PlanItem
    units: list[Unit]
    slots: list[Slot]
    opener: list[Sentence] = field(default_factory=list)
    question: Question | None = None
    rejected: set[str] = field(default_factory=set)
    plain: bool = False

    @property
    def size(self) -> int:
        return sum(len(s.current) for s in self.slots)


def unit_slots(realiser: Realiser, analysis: Analysis, unit: Unit) -> list[Slot]:
    """The embedded answer sentences of a unit, one slot per article sentence; an edited
    variant that fails the speaker check is not offered."""
    slots = []
    for variants in realiser.realise(unit):
        kept = [v for v in variants if not v.edits or not sentence_problems(analysis, v, unit)]
        named = any(e.kind == "pronoun" for v in kept for e in v.edits)
        slots.append(Slot([(v,) for v in kept], unit.index, named=named))
    return slots


def draft(analysis: Analysis, plan: Plan, realiser: Realiser) -> list[Pair]:
    """Realises every plan item's answer (questions come later, from the answers)."""
    pairs = []
    for item in plan.items:
        slots = [s for u in item.units for s in unit_slots(realiser, analysis, u)]
        opener: list[Sentence] = []
        if item.opener is not None:
            opener = [variants[-1] for variants in realiser.realise(item.opener)]
        pairs.append(Pair(item, list(item.units), slots, opener))
    return pairs


def _answer_text(pair: Pair) -> tuple[str, list[tuple[Slot, Span, Sentence]]]:
    parts: list[str] = []
    placed: list[tuple[Slot, Span, Sentence]] = []
    pos = 0
    for slot in pair.slots:
        for s in slot.current:
            if parts:
                pos += 1
            placed.append((slot, Span(pos, pos + len(s.text)), s))
            parts.append(s.text)
            pos += len(s.text)
    return " ".join(parts), placed


def _editor_text(pair: Pair) -> tuple[str, list[tuple[Span, Sentence | None]]]:
    """The editor's turn: the cited statements it opens with, then the question."""
    parts: list[str] = []
    placed: list[tuple[Span, Sentence | None]] = []
    pos = 0
    for s in pair.opener:
        placed.append((Span(pos, pos + len(s.text)), s))
        parts.append(s.text)
        pos += len(s.text) + 1
    question = pair.question.text if pair.question else ""
    placed.append((Span(pos, pos + len(question)), None))
    parts.append(question)
    return " ".join(parts), placed


class Interviewer:
    """Runs the self-check loop over the pairs of one interview."""

    def __init__(self, analysis: Analysis, realiser: Realiser, *, focus: str | None = None) -> None:
        self.analysis = analysis
        self.realiser = realiser
        self.focus = focus_terms(focus)
        self.names = actor_names(analysis)
        self.warnings: list[str] = []
        self.folded = 0
        self.dropped_pairs = 0

    def ask_all(self, pairs: list[Pair]) -> list[Pair]:
        """Asks every question afresh from its answer, in interview order. A pair that can
        only be asked a second content-free question is folded into the answer before it when
        that has room, else left out."""
        asker = Asker(self.analysis, self.realiser.namer, focus=self.focus)
        out: list[Pair] = []
        for pair in pairs:
            previous_end = out[-1].units[-1].index if out and out[-1].units else -2
            follows = bool(pair.opener) or (bool(pair.units) and previous_end == pair.units[0].index - 1)
            accept = self._acceptor(pair)
            question = asker.ask(pair.item.kind, pair.units, opening=not out, follows=follows, accept=accept)
            if question is None:
                if out and out[-1].size + pair.size <= MAX_ANSWER_SENTENCES + 1 and not pair.opener:
                    prev = out[-1]
                    prev.units.extend(pair.units)
                    prev.slots.extend(pair.slots)
                    self.folded += 1
                    # the answer grew: its question is asked again from what it now holds
                    assert prev.question is not None
                    asker.forget(prev.question)
                    again = asker.ask(
                        prev.item.kind, prev.units, opening=len(out) == 1, accept=self._acceptor(prev)
                    )
                    if again is not None:
                        prev.question = again
                else:
                    self.dropped_pairs += 1
                continue
            pair.question = question
            out.append(pair)
        return out

    def _acceptor(self, pair: Pair) -> Callable[[str], bool]:
        answer = " ".join(s.text for slot in pair.slots for s in slot.current)

        def accept(q: str) -> bool:
            if q in pair.rejected or (pair.plain and " about " in q):
                return False
            return not question_problems(self.analysis, q, pair.units, answer, self.names)

        return accept

    def lay_out(self, title: str, editor: str, guest_line: str, pairs: list[Pair]) -> Layout:
        rows: list[tuple[str, str]] = []
        for p in pairs:
            rows.append((editor, _editor_text(p)[0]))
            rows.append((guest_line, _answer_text(p)[0]))
        return layout(title, rows)

    def repair(self, pairs: list[Pair], lay: Layout, audit: Audit) -> tuple[list[Pair], Counter[str]]:
        """Applies one round of the self-check's verdicts; returns the pairs and what changed."""
        changed: Counter[str] = Counter()
        kept: list[Pair] = []
        for k, pair in enumerate(pairs):
            e_start = lay.turn_starts[2 * k]
            _, e_placed = _editor_text(pair)
            bad_opener = False
            for span, sentence in e_placed:
                absolute = Span(e_start + span.start, e_start + span.end)
                if sentence is None:
                    if verdict_of(audit, absolute, uncovered="no_claim") in ("unsupported", "contradicted"):
                        assert pair.question is not None
                        pair.rejected.add(pair.question.text)
                        changed["question"] += 1
                elif verdict_of(audit, absolute) != "supported":
                    bad_opener = True
            dropped_units: set[int] = set()
            if bad_opener:
                pair.opener = []
                changed["opener"] += 1
                if pair.units and pair.units[0].needs_previous:
                    dropped_units.add(pair.units[0].index)  # it leaned on the statement dropped
            g_start = lay.turn_starts[2 * k + 1]
            _, placed = _answer_text(pair)
            failing: set[int] = set()
            for slot, span, _ in placed:
                if verdict_of(audit, Span(g_start + span.start, g_start + span.end)) != "supported":
                    failing.add(id(slot))
            order = [u.index for u in pair.units]
            for slot in pair.slots:
                if id(slot) not in failing:
                    continue
                if len(slot.options) == 1 and not slot.retried and pair.question is not None:
                    # The article's own sentence read as unsupported: the checker reads a
                    # transcript in context, and the question before it may mislead it. Ask
                    # the question another way once before the passage is dropped.
                    slot.retried = True
                    pair.plain = True
                    if pair.question.text not in pair.rejected:
                        pair.rejected.add(pair.question.text)
                        changed["question"] += 1
                    changed["retried"] += 1
                    continue
                slot.options.pop(0)
                k_unit = order.index(slot.unit) if slot.unit in order else -1
                alone = k_unit <= 0 or order[k_unit - 1] != slot.unit - 1
                if slot.options and slot.named and len(slot.options) == 1 and alone:
                    # its pronoun stays unnamed, and the sentence naming it is not before it
                    slot.options.clear()
                if slot.options:
                    changed["replaced"] += 1
                else:
                    dropped_units.add(slot.unit)
            if dropped_units:
                # a dropped unit takes the units that lean on it with it
                survivors: list[Unit] = []
                for u in pair.units:
                    leans = u.needs_previous and survivors and survivors[-1].index != u.index - 1
                    if (
                        u.index in dropped_units
                        or (u.needs_previous and u.index - 1 in dropped_units)
                        or leans
                    ):
                        dropped_units.add(u.index)
                        continue
                    survivors.append(u)
                changed["dropped"] += len(dropped_units)
                pair.units = survivors
                pair.slots = [s for s in pair.slots if s.unit not in dropped_units]
            if pair.slots:
                kept.append(pair)
            else:
                changed["pairs"] += 1
        return kept, changed

    def check(
        self, pairs: list[Pair], *, title: str, editor: str, guest_line: str, verify: Verify
    ) -> tuple[list[Pair], Audit | None]:
        """Asks, audits and repairs until a round changes nothing."""
        totals: Counter[str] = Counter()
        audit: Audit | None = None
        for round_no in range(1, MAX_VERIFY_CALLS + 1):
            pairs = self.ask_all(pairs)
            if not pairs:
                break
            lay = self.lay_out(title, editor, guest_line, pairs)
            try:
                audit = verify(lay.text)
            except CopydeskError as e:
                self.warnings.append(
                    f"the self-check could not run ({e}); the interview is returned unverified"
                )
                return pairs, None
            pairs, changed = self.repair(pairs, lay, audit)
            totals += changed
            if not changed:
                break
            if round_no == MAX_VERIFY_CALLS:
                self.warnings.append(
                    f"the self-check still changed the interview after {MAX_VERIFY_CALLS} rounds; "
                    "its last audit is of an earlier draft"
                )
                audit = None
        messages = {
            "replaced": "the self-check replaced {} answer sentence(s) with the article's own words",
            "dropped": "the self-check dropped {} passage(s) not judged supported",
            "opener": "the self-check dropped {} editor's statement(s) not judged supported",
            "question": "the self-check asked {} question(s) again whose wording the article did not support",
            "pairs": "the self-check dropped {} question-answer pair(s) left without an answer",
        }
        for key, message in messages.items():
            if totals[key]:
                self.warnings.append(message.format(totals[key]))
        if self.folded:
            self.warnings.append(
                f"{self.folded} answer(s) with nothing new to ask about joined the answer before"
            )
        if self.dropped_pairs:
            self.warnings.append(
                f"{self.dropped_pairs} answer(s) with nothing new to ask about were left out"
            )
        return pairs, audit


def _turns(pairs: list[Pair], editor: str, guest_line: str) -> tuple[Turn, ...]:
    turns: list[Turn] = []
    for p in pairs:
        text, e_placed = _editor_text(p)
        e_sentences = tuple(
            AnswerSentence(span, s.citations if s else (), s.edits if s else ()) for span, s in e_placed
        )
        turns.append(Turn(editor, "editor", text, e_sentences))
        answer, placed = _answer_text(p)
        sentences = tuple(AnswerSentence(span, s.citations, s.edits) for _, span, s in placed)
        turns.append(Turn(guest_line, "guest", answer, sentences))
    return tuple(turns)


def reader_notes(
    analysis: Analysis, plan: Plan, pairs: list[Pair], namer: Namer
) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    """What the reader is told about the interview's scope, and the sentences left out."""
    used = {s.source for p in pairs for slot in p.slots for s in slot.current}
    used |= {s.source for p in pairs for s in p.opener}
    answerable = [s for u in plan.units for s in u.sentences]
    left = tuple(s for s in answerable if s not in used)
    notes: list[str] = []
    if furniture.is_opinion(analysis):
        evidence = "; ".join(analysis.document.genre_evidence)
        notes.append(
            "The article is an opinion piece"
            + (f" ({evidence})" if evidence else "")
            + ": the author's own views are attributed to the author, and what the author "
            "asserts is the author's view, not established fact."
        )
    if left:
        used_n = len(answerable) - len(left)
        share = round(100 * used_n / len(answerable))
        note = f"This interview uses {used_n} of the article's {len(answerable)} sentences ({share}%)."
        used_units = {s.unit for p in pairs for slot in p.slots for s in slot.current}
        speakers: Counter[str] = Counter()
        for u in plan.units:
            if u.index in used_units:
                continue
            for actor in u.speakers:
                speakers[actor] += 1
        if speakers:
            named = []
            for actor, n in speakers.most_common(4):
                name = namer.name(actor)
                if name is not None:
                    named.append(f"{name} ({n})")
            note += " Left out are, among others, statements by " + ", ".join(named) + "."
        notes.append(note)
    return tuple(notes), left


def build_interview(
    analysis: Analysis,
    *,
    outlet: str,
    guest: str | None,
    turns: int,
    focus: str | None,
    verify: Verify,
    llm: ChatClient | None,
    settings: Settings,
) -> Interview:
    """Generates a grounded editor-guest interview from an analysed article.

    Args:
        analysis: The article's analysis (sentences, actors, quotes, dates, references).
        outlet: The outlet whose editor asks ("<outlet> Editor").
        guest: The guest's label; None presents the embedded generator honestly as a desk
            analyst. It is a label only, never a biography.
        turns: The most question-answer pairs.
        focus: Optional topic text; passages about it are preferred, asked about first, and
            the questions take their words from them.
        verify: Audits a transcript against the article (the pipeline injects the checker).
        llm: Optional OpenAI-compatible chat client for more natural answers; its failures
            degrade to the embedded generator with a warning.
        settings: Settings (the share of a long article an interview may use).

    Returns:
        The interview, with citations on every answer sentence and editor's statement, the
        final audit, reader notes and the sentences left out.

    Raises:
        GenerationError: ``turns`` is not positive, the outlet is empty, or the article has no
            sentence to build an answer from.
    """
    doc = analysis.document
    if turns <= 0:
        raise GenerationError(f"the number of turns must be positive, got {turns}", doc_id=doc.id)
    if not outlet or not outlet.strip():
        raise GenerationError("the outlet name is empty", doc_id=doc.id)
    plan = build_plan(
        analysis,
        turns=turns,
        focus=focus,
        share=settings.interview_max_share,
        minimum=settings.interview_min_sentences,
    )
    if not plan.items:
        raise GenerationError("the article has no sentence to build an interview from", doc_id=doc.id)
    guest_full, guest_line = guest_labels(guest)
    editor = editor_label(outlet)
    title = interview_title(outlet, guest_full)
    realiser = Realiser(analysis)
    warnings = list(plan.warnings)
    pairs = draft(analysis, plan, realiser)
    interviewer = Interviewer(analysis, realiser, focus=focus)
    if llm is not None:
        from copydesk.generate.llm import llm_answers

        asked = interviewer.ask_all(list(pairs))
        interviewer.folded = interviewer.dropped_pairs = 0
        questions = [p.question.text if p.question else "" for p in asked]
        pairs, llm_warnings = llm_answers(llm, analysis, asked, realiser, questions)
        warnings.extend(llm_warnings)
    pairs, audit = interviewer.check(pairs, title=title, editor=editor, guest_line=guest_line, verify=verify)
    warnings.extend(interviewer.warnings)
    if not pairs:
        raise GenerationError(
            "no answer sentence of the interview was judged supported by the article", doc_id=doc.id
        )
    notes, left_out = reader_notes(analysis, plan, pairs, realiser.namer)
    return Interview(
        article=doc,
        title=title,
        outlet=outlet.strip(),
        guest=guest_full,
        disclosure=disclosure(doc),
        turns=_turns(pairs, editor, guest_line),
        audit=audit,
        warnings=tuple(warnings),
        notes=notes,
        left_out=left_out,
    )
