"""``build_interview``: plan, realise, self-check, and assemble the ``Interview``.

The self-check audits the whole transcript with the injected ``verify`` (the pipeline passes
the checker; this stage never imports it) and walks every answer sentence that is not judged
``supported`` down its list of fallbacks: an LLM sentence falls back to the embedded
generator's sentences for the same plan item, an edited sentence to the article's own words,
and a sentence with no fallback left is dropped. An answer that loses every sentence is
replaced by the next plan item held in reserve, or dropped with its question. The audit of
the final transcript goes into ``Interview.audit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from copydesk.config import Settings
from copydesk.errors import CopydeskError, GenerationError
from copydesk.generate.plan import Plan, PlanItem, build_plan
from copydesk.generate.realise import Realiser, Sentence
from copydesk.generate.transcript import (
    Layout,
    disclosure,
    editor_label,
    guest_labels,
    interview_title,
    layout,
    verdict_of,
)
from copydesk.model import Analysis, AnswerSentence, Audit, Interview, Span, Turn

if TYPE_CHECKING:
    from copydesk.generate.llm import ChatClient

MAX_VERIFY_CALLS = 8
"""The self-check gives up re-auditing after this many rounds (each drops or replaces)."""

Verify = Callable[[str], Audit]


@dataclass
class Slot:
    """One answer sentence in the making: its current text first, then its fallbacks.

    Each option is one or more sentences (an LLM sentence that cites two units falls back to
    the embedded sentences of both).
    """

    options: list[tuple[Sentence, ...]]
    origin: str = "embedded"

    @property
    def current(self) -> tuple[Sentence, ...]:
        return self.options[0]


@dataclass
class Pair:
    """One question-answer pair in the making."""

    item: PlanItem
    question: str
    slots: list[Slot] = field(default_factory=list)


def embedded_slots(realiser: Realiser, item: PlanItem) -> list[Slot]:
    """The embedded generator's answer for a plan item: one slot per unit."""
    slots = []
    for unit in item.units:
        variants = realiser.realise_unit(unit)
        slots.append(Slot([(v,) for v in variants]))
    return slots


def draft(analysis: Analysis, plan: Plan, realiser: Realiser) -> list[Pair]:
    """Realises every plan item as a question and an embedded answer."""
    pairs: list[Pair] = []
    for n, item in enumerate(plan.items):
        question = realiser.ask(item, opening=n == 0)
        slots = embedded_slots(realiser, item)
        if question is None and pairs:
            pairs[-1].slots.extend(slots)  # no new way to ask: the previous answer goes on
            continue
        pairs.append(Pair(item, question or "What does the article report?", slots))
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


def _lay_out(
    title: str, editor: str, guest_line: str, pairs: list[Pair]
) -> tuple[Layout, list[list[tuple[Slot, Span, Sentence]]]]:
    rows: list[tuple[str, str]] = []
    placements = []
    for p in pairs:
        answer, placed = _answer_text(p)
        rows.append((editor, p.question))
        rows.append((guest_line, answer))
        placements.append(placed)
    return layout(title, rows), placements


def self_check(
    pairs: list[Pair],
    plan: Plan,
    realiser: Realiser,
    *,
    title: str,
    editor: str,
    guest_line: str,
    verify: Verify,
) -> tuple[list[Pair], Audit | None, list[str]]:
    """Audits the transcript and repairs it until every answer sentence is supported.

    Returns:
        The surviving pairs, the audit of their transcript (None when the check could not run)
        and warnings saying what was replaced or dropped.
    """
    warnings: list[str] = []
    reserve = list(plan.reserve)
    replaced = dropped = requestioned = 0
    dropped_pairs = 0
    audit: Audit | None = None
    for round_no in range(1, MAX_VERIFY_CALLS + 1):
        lay, placements = _lay_out(title, editor, guest_line, pairs)
        try:
            audit = verify(lay.text)
        except CopydeskError as e:
            warnings.append(f"the self-check could not run ({e}); the interview is returned unverified")
            return pairs, None, warnings
        failing: set[int] = set()
        bad_questions: list[Pair] = []
        for k, (pair, placed) in enumerate(zip(pairs, placements, strict=True)):
            q_start = lay.turn_starts[2 * k]
            if verdict_of(audit, Span(q_start, q_start + len(pair.question)), uncovered="no_claim") in (
                "unsupported",
                "contradicted",
            ):
                bad_questions.append(pair)
            start = lay.turn_starts[2 * k + 1]
            for slot, span, _ in placed:
                absolute = Span(start + span.start, start + span.end)
                if verdict_of(audit, absolute) != "supported":
                    failing.add(id(slot))
        # A question whose embedded claim is not supported is asked plainly instead.
        anew = [
            (p, q) for p in bad_questions if (q := realiser.plain_question(opening=p is pairs[0])) is not None
        ]
        if not failing and not anew:
            break
        if round_no == MAX_VERIFY_CALLS:
            warnings.append(
                f"{len(failing)} answer sentence(s) and {len(anew)} question(s) were still not judged "
                f"supported after {MAX_VERIFY_CALLS} self-check rounds"
            )
            break
        for pair, question in anew:
            pair.question = question
        requestioned += len(anew)
        kept_pairs: list[Pair] = []
        for pair in pairs:
            for slot in list(pair.slots):
                if id(slot) not in failing:
                    continue
                slot.options.pop(0)
                if slot.options:
                    replaced += 1
                else:
                    pair.slots.remove(slot)
                    dropped += 1
            while not pair.slots and reserve:
                item = reserve.pop(0)
                new_question = realiser.ask(item, opening=False)
                if new_question is not None:
                    pair = Pair(item, new_question, embedded_slots(realiser, item))
            if pair.slots:
                kept_pairs.append(pair)
            else:
                dropped_pairs += 1
        pairs = kept_pairs
    if requestioned:
        warnings.append(
            f"the self-check replaced {requestioned} question(s) whose wording the article did not support"
        )
    if replaced:
        warnings.append(f"the self-check replaced {replaced} answer sentence(s) with a closer restatement")
    if dropped:
        warnings.append(f"the self-check dropped {dropped} answer sentence(s) not judged supported")
    if dropped_pairs:
        warnings.append(
            f"the self-check dropped {dropped_pairs} question-answer pair(s) left without an answer"
        )
    return pairs, audit, warnings


def _turns(pairs: list[Pair], editor: str, guest_line: str) -> tuple[Turn, ...]:
    turns: list[Turn] = []
    for p in pairs:
        turns.append(Turn(editor, "editor", p.question, (AnswerSentence(Span(0, len(p.question))),)))
        answer, placed = _answer_text(p)
        sentences = tuple(AnswerSentence(span, s.citations) for _, span, s in placed)
        turns.append(Turn(guest_line, "guest", answer, sentences))
    return tuple(turns)


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
        analysis: The article's analysis (sentences, actors, quotes, dates).
        outlet: The outlet whose editor asks ("<outlet> Editor").
        guest: The guest's label; None presents the embedded generator honestly as a desk
            analyst. It is a label only, never a biography.
        turns: The number of question-answer pairs wanted.
        focus: Optional topic text; statements about it are preferred and asked first.
        verify: Audits a transcript against the article (the pipeline injects the checker).
        llm: Optional OpenAI-compatible chat client for more natural answers; its failures
            degrade to the embedded generator with a warning.
        settings: Settings.

    Returns:
        The interview, with citations on every answer sentence and the final audit.

    Raises:
        GenerationError: ``turns`` is not positive, the outlet is empty, or the article has no
            sentence to build an answer from.
    """
    doc = analysis.document
    if turns <= 0:
        raise GenerationError(f"the number of turns must be positive, got {turns}", doc_id=doc.id)
    if not outlet or not outlet.strip():
        raise GenerationError("the outlet name is empty", doc_id=doc.id)
    plan = build_plan(analysis, turns=turns, focus=focus)
    if not plan.items:
        raise GenerationError("the article has no sentence to build an interview from", doc_id=doc.id)
    guest_full, guest_line = guest_labels(guest)
    editor = editor_label(outlet)
    title = interview_title(outlet, guest_full)
    realiser = Realiser(analysis)
    warnings = list(plan.warnings)
    pairs = draft(analysis, plan, realiser)
    if llm is not None:
        from copydesk.generate.llm import llm_answers

        pairs, llm_warnings = llm_answers(llm, analysis, pairs, realiser)
        warnings.extend(llm_warnings)
    pairs, audit, check_warnings = self_check(
        pairs, plan, realiser, title=title, editor=editor, guest_line=guest_line, verify=verify
    )
    warnings.extend(check_warnings)
    if not pairs:
        raise GenerationError(
            "no answer sentence of the interview was judged supported by the article", doc_id=doc.id
        )
    return Interview(
        article=doc,
        title=title,
        outlet=outlet.strip(),
        guest=guest_full,
        disclosure=disclosure(doc),
        turns=_turns(pairs, editor, guest_line),
        audit=audit,
        warnings=tuple(warnings),
    )
