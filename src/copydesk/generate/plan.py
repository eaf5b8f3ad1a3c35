"""Planning: which parts of the article the interview uses, and how they pair into questions.

The planner follows STORM's split (Shao et al. 2024, "Assisting in Writing Wikipedia-like
Articles From Scratch with Large Language Models"): it plans from the article's attributed
positions, its actors and their stances, and leaves the wording to realisation. It reads the
units (:mod:`copydesk.generate.units`) only:

1. **Select by relevance, not position.** Each unit is scored (the lead; attributed statements
   and the salience of their speakers; quotations; reasons, what comes next and what is
   still open; the ``--focus``), and units are taken best first, each with the units it leans
   on, until a sentence budget is spent: at most ``interview_max_share`` of the article's
   sentences (but ``interview_min_sentences`` whatever the share), and at most
   ``MAX_ANSWER_SENTENCES`` per question. A speaker's score falls a little with each unit of
   theirs taken, so several perspectives are heard.
2. **Group into answers** of ``TARGET_ANSWER_SENTENCES``-``MAX_ANSWER_SENTENCES`` sentences: a
   speaker's statements together, background with the passage it follows, a unit always with
   the one it leans on.
3. **The seed interview's moves.** A reaction by another actor to the sentence before it
   becomes its own item, opened by the editor with that sentence as a cited fact ("Putin on
   June 14 laid out his terms ... How did Ukraine respond?"); it is placed right after the
   item it answers, so that opposing positions stand side by side. Attributed statements
   about what comes next form a "what next" item near the end, and what the article says is
   still open closes the interview.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Literal

from copydesk.generate.units import Unit, build_units
from copydesk.model import Analysis, Span

ItemKind = Literal["lead", "position", "reaction", "context", "outlook", "open"]

MAX_ANSWER_SENTENCES = 4
"""The most sentences an answer takes (a single quotation may be longer: it stays whole)."""
TARGET_ANSWER_SENTENCES = 2
"""An answer shorter than this joins a neighbour when one has room."""
SPEAKER_DECAY = 0.85
"""Each unit taken from a speaker multiplies the score of that speaker's other units by this."""


@dataclass(frozen=True)
class PlanItem:
    """One question-answer pair: the units its answer restates, in order.

    ``opener`` is a unit the editor states (cited) before asking; ``responds_to`` is the item
    index this one answers, for a reaction.
    """

    kind: ItemKind
    units: tuple[Unit, ...]
    opener: Unit | None = None
    score: float = 0.0

    @property
    def size(self) -> int:
        return sum(u.size for u in self.units)

    @property
    def start(self) -> int:
        return self.units[0].index

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for u in self.units for a in u.speakers))

    @property
    def focus(self) -> int:
        return max((u.focus for u in self.units), default=0)


@dataclass(frozen=True)
class Plan:
    """The interview plan.

    Attributes:
        items: One item per question-answer pair, in interview order (the lead first).
        reserve: The units not used, best first (what the interview leaves out).
        units: Every unit of the article, in order.
        budget: The most sentences the interview may use.
        warnings: What the planner skipped or could not honour, and why.
    """

    items: tuple[PlanItem, ...]
    reserve: tuple[Unit, ...] = ()
    units: tuple[Unit, ...] = ()
    budget: int = 0
    warnings: tuple[str, ...] = field(default=())

    @property
    def used(self) -> set[int]:
        out = {u.index for it in self.items for u in it.units}
        out |= {it.opener.index for it in self.items if it.opener is not None}
        return out


def salience(analysis: Analysis, units: tuple[Unit, ...]) -> dict[str, float]:
    """Each actor's share of the article's statements and mentions, the most salient 1.0."""
    counts: Counter[str] = Counter()
    for a in analysis.actors:
        counts[a.id] += len(a.mentions)
    for u in units:
        for s in u.speakers:
            counts[s] += 2
    top = max(counts.values(), default=0) or 1
    return {a: c / top for a, c in counts.items()}


def unit_value(u: Unit, n: int, sal: dict[str, float], *, focused: bool) -> float:
    """How much a unit is worth to an interview (see the module docstring)."""
    s = 0.6 * (1 - u.index / max(1, n))
    if u.index == 0:
        s += 3.0
    s += 0.45 * min(3, len(u.statements))
    actor = u.actor
    if actor is not None:
        s += 0.4 * sal.get(actor, 0.0)
    if u.direct and u.statements:
        s += 0.2
    if u.reason or u.outlook or u.open or u.reaction:
        s += 0.3
    if u.amount:
        s += 0.1
    if not u.actors and not u.statements:
        s -= 0.3
    if focused:
        s += 1.5 * u.focus
    return s


def unit_score(u: Unit, n: int, sal: dict[str, float], *, focused: bool) -> float:
    """A unit's value per sentence it costs (the square root, so that a long quotation is not
    priced out)."""
    return unit_value(u, n, sal, focused=focused) / math.sqrt(u.size)


def _chain(units: tuple[Unit, ...], i: int) -> list[int]:
    """Unit ``i`` and the units before it that it leans on, first first."""
    out = [i]
    while units[out[0]].needs_previous and out[0] > 0:
        out.insert(0, out[0] - 1)
    return out


def select(
    analysis: Analysis, units: tuple[Unit, ...], budget: int, *, focused: bool
) -> tuple[set[int], list[int]]:
    """Takes units best first, each with its chain, until the sentence budget is spent.

    Returns:
        The indices of the units taken, and the rest ordered best first.
    """
    sal = salience(analysis, units)
    n = len(units)
    base = [unit_score(u, n, sal, focused=focused) for u in units]
    weight: Counter[str] = Counter()
    taken: set[int] = set()
    spent = 0
    skipped: set[int] = set()
    while True:
        best: tuple[float, int] | None = None
        for i, u in enumerate(units):
            if i in taken or i in skipped:
                continue
            if u.voice and u.direct:
                continue  # the author's own words around a quotation cannot be attributed whole
            speaker = u.actor
            score = base[i] * (SPEAKER_DECAY ** weight[speaker] if speaker else 1.0)
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            break
        i = best[1]
        need = [k for k in _chain(units, i) if k not in taken]
        cost = sum(units[k].size for k in need)
        if spent + cost > budget:
            skipped.add(i)
            continue
        for k in need:
            taken.add(k)
            if units[k].actor:
                weight[units[k].actor] += 1  # type: ignore[index]
        spent += cost
    rest = sorted((i for i in range(n) if i not in taken), key=lambda i: -base[i])
    return taken, rest


def _key(u: Unit) -> str | None:
    return u.speakers[0] if u.speakers else None


KEY_DISTANCE = 3
"""A speaker's statement joins that speaker's answer only within this many units of it."""


def _fits(members: list[Unit], u: Unit) -> bool:
    return sum(m.size for m in members) + u.size <= MAX_ANSWER_SENTENCES


def _speakers(members: list[Unit]) -> set[str]:
    return {k for m in members if (k := _key(m)) is not None}


def _compatible(a: list[Unit], b: list[Unit]) -> bool:
    """Two answers may merge when they share a speaker, or one has none."""
    sa, sb = _speakers(a), _speakers(b)
    return not sa or not sb or bool(sa & sb)


def group(units: tuple[Unit, ...], taken: set[int]) -> list[list[Unit]]:
    """Groups the units taken into answers (see the module docstring), in article order."""
    groups: list[list[Unit]] = []
    where: dict[int, int] = {}
    lead_paragraph = units[min(taken)].paragraph if taken else 0
    for i in sorted(taken):
        u = units[i]
        target: int | None = None
        if u.needs_previous and i - 1 in where:
            prev = units[i - 1]
            # a reaction by another actor starts its own item (opened with what it answers)
            if not (u.reaction and u.actor is not None and u.actor != prev.actor and _key(u) is not None):
                target = where[i - 1]
        if target is None and _key(u) is not None:
            for g in range(len(groups) - 1, -1, -1):
                members = groups[g]
                speakers = {_key(m) for m in members}
                if _key(u) not in speakers or members[-1].index < i - KEY_DISTANCE or not _fits(members, u):
                    continue
                if g == 0 and u.paragraph != lead_paragraph:
                    continue
                target = g
                break
        if target is None and u.open and not u.statements and i > min(taken):
            # what remains open is kept for the close
            opens = [g for g, members in enumerate(groups) if all(m.open for m in members)]
            if opens and _fits(groups[opens[-1]], u):
                target = opens[-1]
            else:
                groups.append([u])
                where[i] = len(groups) - 1
                continue
        if target is None and i - 1 in where and not u.reaction and not units[i - 1].open:
            g = where[i - 1]
            members = groups[g]
            same_para = u.paragraph - units[i - 1].paragraph <= 1 and (g > 0 or u.paragraph == lead_paragraph)
            if _fits(members, u) and _compatible(members, [u]) and same_para:
                target = g
        if target is None:
            groups.append([u])
            target = len(groups) - 1
        else:
            groups[target].append(u)
        where[i] = target
    return merge_short([g for g in groups], lead_paragraph)


def _affinity(a: list[Unit], b: list[Unit]) -> int:
    sa, sb = _speakers(a), _speakers(b)
    score = 3 if sa & sb else 2 if not sa or not sb else 1
    return score + (1 if b[0].index - a[-1].index == 1 else 0)


def _answered_by(g: list[Unit], following: list[Unit]) -> bool:
    first = following[0]
    return first.reaction and first.needs_previous and first.index == g[-1].index + 1


def merge_short(groups: list[list[Unit]], lead_paragraph: int) -> list[list[Unit]]:
    """Answers shorter than ``TARGET_ANSWER_SENTENCES`` join the neighbour (before or after,
    in article order) they fit with best: the same speaker, then a passage with no speaker,
    then another speaker (the question then asks about both). A reaction keeps its place at
    the head of its answer; the lead takes only passages of its own paragraph."""
    groups = [list(g) for g in groups]
    while True:
        best: tuple[int, int, int] | None = None
        for k, g in enumerate(groups):
            if sum(u.size for u in g) >= TARGET_ANSWER_SENTENCES:
                continue
            for j in (k - 1, k + 1):
                if not 0 <= j < len(groups):
                    continue
                first, second = (groups[j], g) if j < k else (g, groups[j])
                if sum(u.size for u in first) + sum(u.size for u in second) > MAX_ANSWER_SENTENCES:
                    continue
                if second[0].reaction and second[0].needs_previous:
                    continue  # a reaction is asked about on its own, right after what it answers
                if all(u.open for u in first) != all(u.open for u in second):
                    continue  # what remains open closes the interview on its own
                if len(g) == 1 and k + 1 < len(groups) and _answered_by(g, groups[k + 1]):
                    continue  # it opens the reaction that follows, as a cited fact
                if first[0].index == 0 and any(
                    u.paragraph != lead_paragraph and u.index > first[-1].index + 1 for u in second
                ):
                    continue
                affinity = _affinity(first, second)
                if best is None or affinity > best[0]:
                    best = (affinity, min(j, k), max(j, k))
        if best is None:
            break
        _, a, b = best
        groups[a : b + 1] = [sorted(groups[a] + groups[b], key=lambda u: u.index)]
    return groups


def _kind(members: list[Unit], first: bool) -> ItemKind:
    if first:
        return "lead"
    if members[0].reaction and members[0].needs_previous:
        return "reaction"
    if all(u.open for u in members):
        return "open"
    if any(u.statements for u in members) and all(u.outlook or not u.statements for u in members):
        return "outlook"
    if any(u.statements for u in members):
        return "position"
    return "context"


def order(items: list[PlanItem]) -> list[PlanItem]:
    """The lead first; then positions and context by score, each followed by the reactions to
    it; then what comes next; what remains open last."""
    if not items:
        return items
    lead, rest = items[0], items[1:]
    reactions = [it for it in rest if it.kind == "reaction"]
    main = sorted((it for it in rest if it.kind in ("position", "context")), key=lambda it: -it.score)
    late = [it for it in rest if it.kind == "outlook"] + [it for it in rest if it.kind == "open"]
    out: list[PlanItem] = []
    placed: set[int] = set()
    for it in [lead, *main, *late]:
        out.append(it)
        for r in reactions:
            if id(r) in placed or r.opener is None:
                continue
            if any(u.index == r.opener.index or u.index + 1 == r.start for u in it.units):
                out.append(r)
                placed.add(id(r))
    for r in reactions:
        if id(r) not in placed:
            out.insert(len(out) - len(late) if late else len(out), r)
    return out


def budget_for(n_sentences: int, turns: int, *, share: float, minimum: int) -> int:
    """The most article sentences an interview of ``turns`` questions may use."""
    by_share = max(math.floor(share * n_sentences), min(n_sentences, minimum))
    return min(by_share, turns * MAX_ANSWER_SENTENCES)


def build_plan(
    analysis: Analysis,
    *,
    turns: int,
    focus: str | None = None,
    share: float = 0.6,
    minimum: int = 24,
) -> Plan:
    """Plans an interview of up to ``turns`` question-answer pairs.

    Args:
        analysis: The article's analysis.
        turns: The most question-answer pairs (positive).
        focus: Optional topic text; units that match it are preferred and asked about first.
        share: The largest share of the article's sentences to use (``interview_max_share``).
        minimum: Sentences that may be used whatever the share (``interview_min_sentences``).

    Returns:
        The plan. It has fewer items than ``turns`` (and says so) when the budget or the
        article allows no more.
    """
    if turns <= 0:
        raise ValueError(f"turns must be positive, got {turns}")
    units, unit_warnings = build_units(analysis, focus=focus)
    warnings = list(unit_warnings)
    if not units:
        return Plan((), (), units, 0, (*warnings, "the article has no sentence to build an answer from"))
    focused = any(u.focus for u in units)
    n_sentences = sum(u.size for u in units)
    budget = budget_for(n_sentences, turns, share=share, minimum=minimum)
    taken, rest = select(analysis, units, budget, focused=focused)
    sal = salience(analysis, units)
    groups = group(units, taken)
    items: list[PlanItem] = []
    for k, members in enumerate(groups):
        kind = _kind(members, first=k == 0)
        opener = None
        if kind == "reaction":
            opener = units[members[0].index - 1]
        score = max(unit_value(u, len(units), sal, focused=focused) for u in members)
        items.append(PlanItem(kind, tuple(members), opener, score))
    items = _place_openers(order(_fit(items, turns, warnings)))
    if focused:
        items = items[:1] + sorted(items[1:], key=lambda it: -it.focus)
    used = {u.index for it in items for u in it.units} | {it.opener.index for it in items if it.opener}
    reserve = tuple(units[i] for i in rest if i not in used)
    return Plan(tuple(items), reserve, units, budget, tuple(warnings))


def _place_openers(items: list[PlanItem]) -> list[PlanItem]:
    """A reaction right after the answer that ends with what it answers needs no opener; any
    other reaction's opener is stated by the editor, and leaves the answer it was in (the
    lead keeps it)."""
    out = list(items)
    for k, it in enumerate(out):
        if it.kind != "reaction" or it.opener is None:
            continue
        if k > 0 and out[k - 1].units[-1].index == it.opener.index:
            before = out[k - 1]
            if len(before.units) == 1 and before.kind != "lead":
                # what it answers has no answer of its own: the editor states it as a cited fact
                out[k - 1] = replace(before, units=())
            else:
                out[k] = replace(it, opener=None)
            continue
        for j, other in enumerate(out):
            if j != k and other.kind != "lead" and any(u.index == it.opener.index for u in other.units):
                out[j] = replace(other, units=tuple(u for u in other.units if u.index != it.opener.index))
    return [it for it in out if it.units]


def _fit(items: list[PlanItem], turns: int, warnings: list[str]) -> list[PlanItem]:
    """At most ``turns`` items: neighbours with a compatible speaker merge while their answer
    stays within ``MAX_ANSWER_SENTENCES``, the smallest pair first; then the lowest-scoring
    items beyond the lead are left out."""
    items = list(items)
    while len(items) > turns:
        best: tuple[int, int] | None = None
        for k in range(1, len(items) - 1):
            a, b = items[k], items[k + 1]
            if a.kind in ("reaction",) or b.kind in ("reaction", "open") or b.opener is not None:
                continue
            if (
                k + 2 < len(items)
                and len(b.units) == 1
                and _answered_by(list(b.units), list(items[k + 2].units))
            ):
                continue  # b opens the reaction after it, as a cited fact
            if a.size + b.size > MAX_ANSWER_SENTENCES:
                continue
            cost = (
                a.size + b.size + (0 if _compatible(list(a.units), list(b.units)) else MAX_ANSWER_SENTENCES)
            )
            if best is None or cost < best[0]:
                best = (cost, k)
        if best is None:
            break
        k = best[1]
        a, b = items[k], items[k + 1]
        units = tuple(sorted((*a.units, *b.units), key=lambda u: u.index))
        items[k : k + 2] = [replace(a, units=units, score=max(a.score, b.score))]
    if len(items) <= turns:
        return items
    keep = {id(items[0])}
    for it in sorted(items[1:], key=lambda it: -it.score):
        if len(keep) >= turns:
            break
        keep.add(id(it))
    out = [it for it in items if id(it) in keep]
    warnings.append(f"{len(items) - len(out)} planned question(s) beyond the {turns} asked for were left out")
    return out


def sentence_spans(items: tuple[PlanItem, ...] | list[PlanItem]) -> list[Span]:
    """Every article sentence the items use (answers and openers)."""
    out = [s for it in items for u in it.units for s in u.sentences]
    out += [s for it in items if it.opener is not None for s in it.opener.sentences]
    return sorted(set(out))
