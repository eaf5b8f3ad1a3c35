"""The audit: every claim of a derived text checked against its source.

Steps, each on character offsets. The engine reads words only from the analyses
(``Analysis.tokens``, compared by their lemmas), sentences from ``Analysis.sentences`` and dates
from ``Analysis.dates``: it splits, stems and date-reads nothing itself.

1. Layout and claims (:mod:`copydesk.check.claims`): sentences, or turns then sentences of a
   transcript; pleasantries, fillers and pure questions are ``no_claim``; a question that
   embeds a reported claim has that claim checked.
2. Frame: the people named in a transcript's speaker labels and title are checked against the
   source (an invented expert is a ``fabricated_entity``); role labels are not.
3. Decontextualisation (:mod:`copydesk.check.context`): the first pronoun or role description
   of a claim gives way to the actor's name (``Analysis.references`` where the analyser resolved
   the pronoun): a :class:`~copydesk.check.context.Rewrite` whose words are the claim's, the
   pronoun's left out and the name's put in; source sentences get the same treatment.
4. Evidence: a claim found verbatim in the source (or a stretch of a source sentence with only
   articles, tense auxiliaries and word endings changed) is supported by the sentences it lies in.
   Otherwise the retriever proposes the closest source sentences, and the learned scorer
   rates each one, the best two and the best three together, and the best one with the
   sentence before it; the best-rated set is the evidence (or, when none supports the claim,
   the set most like it). A supported claim shows the fewest sentences of that set that
   support it nearly as well as the whole set (:data:`SHOWN_MARGIN`).
5. Typed checks (:mod:`copydesk.check.checks`, one module each, run in the order their
   declarations give: see :func:`run_checks`): fabricated entities (and, in a transcript, a
   first-person claim by a speaker the source never mentions, or a fact credited to an outlet it
   never names), misattribution (and a pronoun speaker given to someone it cannot be, and a named
   speaker of words the source states without one), numbers (and a rise or fall that the
   evidence's compared figures do not show), dates, negation and opposite words (WordNet's
   antonyms among them), swapped entities (or a
   phrase of another sentence in the place of the evidence's phrase), titles the source does not
   give that person ("Mrs." for its "Mr."), a copy that leaves out the head of a phrase ("the
   suspect" for "the mother of the suspect"), quotations the source does not have word for word,
   capitalised names it has in no form, and codes of letters and digits ("2D", "A320") it never
   writes.
6. One verdict per claim from its signals: the typed findings and the scorer's figures
   (:class:`~copydesk.check.verdict.ClaimSignals`), decided by the hand rules of
   :func:`copydesk.check.verdict.verdict` or by the function given as ``decide``, such as the
   learned combiner of :mod:`copydesk.check.combine` (fitted by ``python -m training.calibrate``
   on the calibration part of the factuality data and a sample of its training part, never the
   held-out part).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from copydesk.check import dates, entities, polarity, quantities
from copydesk.check.checks import Check, ClaimContext, Stage, ordered
from copydesk.check.claims import Claim, Layout, claims, layout
from copydesk.check.context import RESOLVABLE_PRONOUNS, Resolver, Rewrite
from copydesk.check.text import (
    STOPWORDS,
    Word,
    coverage,
    normalise,
    recased,
    strip_span,
    words,
)
from copydesk.check.verbatim import Keyed, fold, near_verbatim, plain, quoted_support, verbatim
from copydesk.check.verdict import (
    EXTRACTIVE_THRESHOLD,
    GOOD_EVIDENCE,
    HIGH_SIMILARITY,
    SUPPORT_THRESHOLD,
    ClaimSignals,
    support_threshold,
    verdict,
)
from copydesk.config import Settings
from copydesk.errors import CheckError
from copydesk.model import Analysis, Audit, ClaimResult, Document, Finding, Quote, Span, Verdict

Decide = Callable[[ClaimSignals], tuple[Verdict, float]]
"""Turns a claim's signals into its verdict and combined score (:func:`verdict`, or a learned
combiner)."""
TOP_K = 3
"""Source sentences the retriever proposes per claim."""
OPPOSED_OVERLAP = 2
"""Content words a source sentence beyond the retrieved ones must share with a claim to be
searched for an opposite word (:func:`_opposed_elsewhere`)."""
FIRST_ROUND = 1
"""Premise sets scored for every claim (the retriever's best sentence); the others only for a
claim it does not support (:meth:`_Pending.needs`: a near copy of it needs the near copy's
threshold). This sets the cost, and for a supported claim the reported model score and the
evidence the typed checks compare with; it can also decide a claim that the first sentence
supports but another, unscored set would make a near copy of."""
BINARY_CONTROL_SHARE = 0.01
"""A text with more control characters than this share is taken for binary data."""
MIN_WORDS_FOR_LANGUAGE = 20
"""Texts shorter than this (in words) are not judged for language."""


class Retriever(Protocol):
    """Proposes, for each claim, the indices and similarities of its closest source sentences.

    ``claim_terms`` and ``sentence_terms`` are each text's content words as ``(lemma, weight)``
    pairs, read from the analysis, for a lexical similarity."""

    def top_k(
        self,
        claims: Sequence[str],
        sentences: Sequence[str],
        *,
        k: int = 3,
        claim_terms: Sequence[Sequence[tuple[str, float]]] | None = None,
        sentence_terms: Sequence[Sequence[tuple[str, float]]] | None = None,
    ) -> list[list[tuple[int, float]]]: ...


class Scorer(Protocol):
    """Rates ``(premise, hypothesis)`` pairs: the probability that the premise supports the hypothesis."""

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]: ...


def default_retriever() -> Retriever:
    """The shipped evidence retriever (loaded once by its module)."""
    try:
        from copydesk.check.retrieve import get_retriever
    except ImportError as e:  # pragma: no cover - only when the package is incomplete
        raise CheckError(f"the evidence retriever is not available: {e}") from e
    retriever: Retriever = get_retriever()
    return retriever


def default_scorer() -> Scorer:
    """The shipped support scorer (loaded once by its module)."""
    try:
        from copydesk.check.scorer import get_scorer
    except ImportError as e:  # pragma: no cover - only when the package is incomplete
        raise CheckError(f"the support scorer is not available: {e}") from e
    scorer: Scorer = get_scorer()
    return scorer


@dataclass
class _Pending:
    """A claim on its way through evidence scoring."""

    claim: Claim
    check: Span
    shown: Span
    rewrite: Rewrite
    """The claim as it stands on its own (a pronoun or description replaced by a name)."""
    hypothesis: str
    """The text of :attr:`rewrite`, as the retriever and the scorer read it."""
    stems: set[str]
    """The content lemmas of :attr:`rewrite`."""
    figures: list[quantities.Quantity]
    """The figures of the claim (spans into the derived text)."""
    verbatim: tuple[Span, ...] = ()
    premises: list[tuple[int, ...]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    """The retriever's source sentences for the claim, best first (scored or not)."""

    def similarities(self, premise_stems: list[set[str]]) -> list[float]:
        """The share of the claim's content words that each premise set scored so far holds."""
        scored = self.premises[: len(self.scores)]
        return [coverage(self.stems, set().union(*(premise_stems[i] for i in ps))) for ps in scored]

    def evidence_words(self, premise_stems: list[set[str]], ps: Iterable[int]) -> int:
        """For a turn of a transcript, the number of content words of the source sentences
        ``ps``; 0 for a summary's claim (see :data:`NEAR_COPY_SHARE`)."""
        if self.claim.turn is None:
            return 0
        return len(set().union(*(premise_stems[i] for i in ps)))

    def sizes(self, premise_stems: list[set[str]]) -> list[int]:
        """:meth:`evidence_words` of each premise set scored so far."""
        return [self.evidence_words(premise_stems, ps) for ps in self.premises[: len(self.scores)]]

    def needs(self, premise_stems: list[set[str]]) -> float:
        """The score that supports the claim, given the premise sets scored so far: a near copy
        of any of them needs :data:`EXTRACTIVE_THRESHOLD` from whichever set scores best."""
        pairs = zip(self.similarities(premise_stems), self.sizes(premise_stems), strict=True)
        return max((support_threshold(s, len(self.stems), n) for s, n in pairs), default=SUPPORT_THRESHOLD)


def _validate(source: Analysis, derived: Analysis, settings: Settings) -> list[str]:
    """Refuses what cannot be audited; returns warnings about what can, but doubtfully."""
    warnings: list[str] = []
    for role, analysis in (("source", source), ("derived", derived)):
        text = analysis.document.text
        where = analysis.document.id
        if not text.strip():
            raise CheckError(f"the {role} text is empty: nothing to check", doc_id=where)
        control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
        if "\x00" in text or control > BINARY_CONTROL_SHARE * len(text):
            raise CheckError(f"the {role} text looks like binary data, not text", doc_id=where)
    n = len(derived.document.text)
    if n > settings.max_derived_chars:
        raise CheckError(
            f"the derived text has {n} characters, more than the limit of {settings.max_derived_chars} "
            "(setting max_derived_chars)",
            doc_id=derived.document.id,
        )
    for role, analysis in (("source", source), ("derived", derived)):
        if not analysis.tokens:
            raise CheckError(
                f"the {role} analysis has no tokens: analyse the text with copydesk.analyse first",
                doc_id=analysis.document.id,
            )
        warnings.extend(f"the {role} text: {w}" for w in analysis.warnings)
        found = words(analysis)
        if len(found) >= MIN_WORDS_FOR_LANGUAGE:
            ratio = sum(1 for w in found if w.norm in STOPWORDS) / len(found)
            if ratio < settings.min_english_ratio:
                warnings.append(
                    f"the {role} text does not look like English ({ratio:.0%} common English words); "
                    "verdicts are unreliable"
                )
    return warnings


def _speaker_resolved(q: Quote, text: str, resolver: Resolver) -> Quote:
    """A quote whose speaker is a pronoun, named as the resolver reads the pronoun ("Okafor
    said ... She warned ...": Okafor, whom the analyser of the derived text alone may miss)."""
    if q.speaker is None or normalise(q.speaker.of(text)) not in RESOLVABLE_PRONOUNS:
        return q
    name = resolver.pronoun_name(q.speaker)
    return q if name is None or name == q.name else replace(q, actor=None, name=name)


def _source_sentences(source: Analysis) -> list[Span]:
    text = source.document.text
    out: list[Span] = []
    for s in source.sentences:
        a, b = strip_span(text, s.start, s.end)
        if a < b:
            out.append(Span(a, b))
    if not out:
        a, b = strip_span(text, 0, len(text))  # an analysis without sentences: the text is one
        out = [Span(a, b)]
    return out


def _in_their_figures(p: _Pending, premise: tuple[int, ...], figures: list[list[quantities.Quantity]]) -> str:
    """The claim's hypothesis with each figure that equals one of the premise's in value and
    unit put in the premise's words ("two days" for its "48 hours"), as the scorer reads figures
    mostly by their words; a figure that differs stays, for the number check and the scorer."""
    theirs = [x for i in premise for x in figures[i]]
    out = p.hypothesis
    for q in reversed(p.figures):
        same = next((x for x in theirs if q.matches(x)), None)
        if same is not None and same.surface != q.surface:
            a, b = p.rewrite.offset(q.span.start), p.rewrite.offset(q.span.end)
            out = out[:a] + same.surface + out[b:]
    return out


def _terms(analysis: Analysis, rewrite: Rewrite, *, weighted: bool = False) -> list[tuple[str, float]]:
    """A rewritten span's words for the retriever's lexical similarity (the name in place of the
    replaced words)."""
    from copydesk.check.retrieve import passage_terms

    replaced = rewrite.replaced
    found: list[tuple[int, tuple[str, str, str]]] = [
        (w.start, (w.text, w.norm, w.lemma))
        for w in words(analysis, rewrite.span.start, rewrite.span.end)
        if replaced is None or not replaced.overlaps(w.span)
    ]
    if replaced is not None:
        found += [(replaced.start, (x, normalise(x), normalise(x))) for x in rewrite.name.split()]
        found.sort(key=lambda x: x[0])
    return passage_terms([w for _, w in found], weighted=weighted)


def _premise_sets(cands: list[tuple[int, float]], asks: list[bool]) -> list[tuple[int, ...]]:
    """Single candidates, the best two together, the best three together (a summary sentence
    may draw on several), and the best one with the sentence before it. ``asks`` tells which
    source sentences are questions: a set of questions only is left out, and a best candidate
    that asks also comes with the sentence after it (its answer, in a dialogue)."""
    n = len(asks)
    order = [i for i, _ in cands if 0 <= i < n]
    singles = list(dict.fromkeys(order))
    sets: list[tuple[int, ...]] = [(i,) for i in singles]
    if len(singles) >= 2:
        sets.append(tuple(sorted(singles[:2])))
    if len(singles) >= 3:
        sets.append(tuple(sorted(singles[:3])))
    if order and order[0] > 0:
        pair = (order[0] - 1, order[0])
        if pair not in sets:
            sets.append(pair)
    if order and asks[order[0]] and order[0] + 1 < n:
        answered = (order[0], order[0] + 1)
        if answered not in sets:
            sets.append(answered)
    return [ps for ps in sets if not all(asks[i] for i in ps)]


def _frame_results(text: str, lay: Layout, index: entities.SourceIndex) -> list[ClaimResult]:
    """Results for a transcript's title and speaker labels that present people the source never names."""
    out: list[ClaimResult] = []
    if lay.title is not None:
        names = [n for label in lay.title_labels for n in label.names]
        found = _labelled(entities.label_findings(text, names, index))
        if found:
            out.append(ClaimResult(lay.title, "unsupported", 0.0, findings=found))
    seen: set[str] = set()
    for turn in lay.turns:
        label_text = turn.label.span.of(text)
        if label_text in seen:
            continue
        seen.add(label_text)
        found = _labelled(entities.label_findings(text, turn.label.names, index))
        if found:
            out.append(ClaimResult(turn.label.span, "unsupported", 0.0, findings=found, speaker=label_text))
    return out


def _labelled(found: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(replace(f, rule="speaker_label") for f in found)


def _shown(result: Verdict, found: Sequence[Finding]) -> tuple[Finding, ...]:
    """The findings a claim's result shows: none on a supported claim (a finding the verdict
    step outweighed, from a check not precise enough to decide alone, only lowered its score)."""
    return () if result == "supported" else tuple(found)


def _unsupported_detail(model_score: float) -> str:
    return f"no support found in the source (model score {model_score:.2f})"


def audit(
    source: Analysis,
    derived: Analysis,
    *,
    settings: Settings,
    retriever: Retriever | None = None,
    scorer: Scorer | None = None,
    reanalyse: Callable[[Document], Analysis] | None = None,
    disabled: Collection[str] = (),
    decide: Decide | None = None,
) -> Audit:
    """Audits a derived text against its source, claim by claim.

    Re-entrant: nothing is kept between calls but the models, which their modules load once.

    Args:
        source: The analysis of the source article.
        derived: The analysis of the derived text (summary, rewrite, interview transcript).
        settings: Settings; ``max_derived_chars`` limits the derived text.
        retriever: Evidence retriever (the shipped one by default).
        scorer: Support scorer (the shipped one by default).
        reanalyse: The analyser, for a derived text written all in lower case: it is analysed
            again with the capitals its source gives the same words (offsets do not change), so
            that names are found in it. Without it such a text is audited as it is.
        disabled: Names of typed checks to leave out (see ``copydesk.check.checks``), for an
            ablation.
        decide: Turns a claim's signals into its verdict and combined score: by default the
            hand rules of :func:`copydesk.check.verdict.verdict`; the learned combiner,
            :func:`copydesk.check.combine.decide`, calibrated for the shipped scorer, is the
            alternative (its module says why it is not the default).

    Returns:
        The audit: one result per sentence (plus one per invented person in a transcript's
        title or labels), with evidence spans into the source and finding spans into the
        derived text.

    Raises:
        CheckError: A text is empty or binary, the derived text is over the size limit, or
            ``disabled`` names a check that does not exist.
    """
    checks = ordered(disabled)
    warnings = _validate(source, derived, settings)
    given = derived.document
    if reanalyse is not None:
        derived = _recased(derived, source, warnings, reanalyse)
    dtext, stext = derived.document.text, source.document.text
    lay = layout(derived)
    frame_spans = [t.label.span for t in lay.turns] + ([lay.title] if lay.title else [])
    index = entities.SourceIndex(source)
    d_found = [m for m in entities.mentions(derived) if not any(f.overlaps(m.span) for f in frame_spans)]
    # A role label ("Editor", "Expert") or an invented guest is who speaks, not an attribution;
    # only a label naming a person of the source attributes what the turn says to them.
    known = [
        t.label.span
        for t in lay.turns
        if t.label.names and not entities.label_findings(dtext, t.label.names, index)
    ]
    derived = replace(
        derived,
        quotes=tuple(
            q
            for q in derived.quotes
            if q.speaker is None
            or not any(f.overlaps(q.speaker) for f in frame_spans)
            or any(k.overlaps(q.speaker) for k in known)
        ),
    )
    sentences = _source_sentences(source)
    s_resolver = Resolver(source)
    rewritten = [s_resolver.rewrite(s) for s in sentences]
    premises = [r.text(stext) for r in rewritten]
    d_resolver = Resolver(derived, extra_actors=source.actors, skip=frame_spans)
    derived = replace(derived, quotes=tuple(_speaker_resolved(q, dtext, d_resolver) for q in derived.quotes))
    src_folded = fold(stext)
    keyed = [Keyed.of(source, s) for s in sentences]
    s_dates = dates.dates_in(stext, source.dates, [Span(0, len(stext))])
    premise_stems = [r.lemmas(source) for r in rewritten]
    shared = _Shared(
        source=source,
        derived=derived,
        index=index,
        derived_mentions=d_found,
        source_mentions=entities.mentions(source),
        frame=lay.frame_words(),
        sentences=sentences,
        keyed=keyed,
        source_plain=plain(src_folded),
        premise_stems=premise_stems,
        premise_norms=[polarity.reading_keys(stext, words(source, s.start, s.end)) for s in sentences],
        source_lemmas=set().union(*premise_stems),
        source_dates=s_dates,
        source_quantities=quantities.quantities(source, skip=[d.span for d in s_dates]),
        checks=checks,
        decide=decide or verdict,
        layout=lay,
    )

    results: list[ClaimResult] = _frame_results(dtext, lay, index)
    pending: list[_Pending] = []
    for c in claims(derived, lay):
        if c.check is None:
            results.append(ClaimResult(c.span, "no_claim", 1.0, speaker=c.speaker))
            continue
        shown = c.check
        if c.check != c.span:
            # A question's lead-in: the result covers the sentence up to the end of the embedded
            # claim (its connective included); the interrogative rest is a no_claim of its own.
            shown = Span(c.span.start, c.check.end)
            a, b = strip_span(dtext, c.check.end, c.span.end)
            while a < b and not dtext[a].isalnum():
                a += 1
            if a < b:
                results.append(ClaimResult(Span(a, b), "no_claim", 1.0, speaker=c.speaker))
        hyp = d_resolver.rewrite(c.check)
        support = (
            verbatim(c.check.of(dtext), src_folded, source, sentences)
            or quoted_support(derived, hyp, src_folded, sentences, premises, source)
            or near_verbatim(words(derived, c.check.start, c.check.end), keyed)
        )
        figures = quantities.quantities(derived, c.check.start, c.check.end)
        pending.append(
            _Pending(c, c.check, shown, hyp, hyp.text(dtext), hyp.lemmas(derived), figures, support)
        )

    premise_quants = [quantities.quantities(source, s.start, s.end) for s in sentences]
    to_score = [p for p in pending if not p.verbatim]
    if to_score and sentences:
        retriever = retriever or default_retriever()
        scorer = scorer or default_scorer()
        k = min(TOP_K, len(sentences))
        cands = retriever.top_k(
            [p.hypothesis for p in to_score],
            premises,
            k=k,
            claim_terms=[_terms(derived, p.rewrite, weighted=True) for p in to_score],
            sentence_terms=[_terms(source, r) for r in rewritten],
        )
        if len(cands) != len(to_score):
            raise CheckError(f"the retriever answered {len(cands)} lists for {len(to_score)} claims")
        asks = [k.asks for k in keyed]
        for p, cs in zip(to_score, cands, strict=True):
            p.premises = _premise_sets(list(cs), asks)
            p.candidates = [i for i, _ in cs if 0 <= i < len(sentences)]
        # Two rounds: the retriever's best sentence first; the other sets (the third sentence,
        # the pairs) only for claims the first round does not support: a faithful text costs
        # one pair per claim.
        for first in (True, False):
            pairs: list[tuple[str, str]] = []
            owners: list[_Pending] = []
            for p in to_score:
                if first:
                    todo = p.premises[:FIRST_ROUND]
                elif max(p.scores, default=0.0) >= p.needs(shared.premise_stems):
                    p.premises = p.premises[: len(p.scores)]
                    continue
                else:
                    todo = p.premises[len(p.scores) :]
                pairs.extend(
                    (" ".join(premises[i] for i in ps), _in_their_figures(p, ps, premise_quants))
                    for ps in todo
                )
                owners.extend([p] * len(todo))
            flat = scorer.score(pairs) if pairs else []
            if len(flat) != len(pairs):
                raise CheckError(f"the support scorer answered {len(flat)} scores for {len(pairs)} pairs")
            for p, x in zip(owners, flat, strict=True):
                p.scores.append(min(1.0, max(0.0, float(x))))

    results += [_judge(p, shared) for p in pending]
    results.sort(key=lambda r: (r.span.start, r.span.end))
    return Audit(source.document, given, tuple(results), tuple(warnings))


def _recased(
    derived: Analysis, source: Analysis, warnings: list[str], reanalyse: Callable[[Document], Analysis]
) -> Analysis:
    """A derived text written all in lower case, analysed again with the capitals its source
    gives the same words (see ``audit``)."""
    text = recased(derived, source)
    if text == derived.document.text:
        return derived
    warnings.append("the derived text is all in lower case: it was analysed with the source's capitals")
    return reanalyse(replace(derived.document, text=text))


@dataclass(frozen=True)
class _Shared:
    """What every claim of one audit is judged with."""

    source: Analysis
    derived: Analysis
    index: entities.SourceIndex
    derived_mentions: list[entities.Mention]
    source_mentions: list[entities.Mention]
    frame: frozenset[str]
    sentences: list[Span]
    keyed: list[Keyed]
    source_plain: str
    premise_stems: list[set[str]]
    """The content lemmas of each source sentence (pronouns resolved)."""
    premise_norms: list[set[str]]
    """How the words of each source sentence read for opposites (:func:`polarity.reading_keys`)."""
    source_lemmas: set[str]
    """The content lemmas of every source sentence."""
    source_dates: list[dates.DateValue]
    source_quantities: list[quantities.Quantity]
    checks: tuple[Check, ...]
    decide: Decide
    layout: Layout


def run_checks(
    checks: Sequence[Check],
    stage: Stage,
    ctx: ClaimContext,
    raw: dict[str, list[Finding]],
    prior: Sequence[Finding] = (),
) -> list[Finding]:
    """Runs the checks of one stage on a claim, in order, and returns what they found.

    Each finding is stamped with its check's name. A check is skipped where its declarations
    say so (a verbatim claim, a summary's claim for a transcript's check, evidence that holds too
    little of the claim, a contradiction found by a check it runs ``unless``); its findings are
    dropped where they overlap those of a check it ``yields_to`` (``prior`` findings of earlier
    stages count). ``raw`` collects every check's findings before that, by name.
    """
    out: list[Finding] = []
    for c in checks:
        if c.stage != stage or (ctx.verbatim and not c.verbatim):
            continue
        if (c.transcript_only and not ctx.transcript) or (
            c.similar_evidence and ctx.similarity < GOOD_EVIDENCE
        ):
            continue
        if any(f.contradicts for name in c.unless for f in raw.get(name, ())):
            continue
        before = (*prior, *out)
        got = [replace(f, rule=c.name) for f in c.run(replace(ctx, found=before))]
        raw[c.name] = got
        if c.yields_to:
            every = "*" in c.yields_to
            got = [
                f
                for f in got
                if not any(f.span.overlaps(g.span) for g in before if every or g.rule in c.yields_to)
            ]
        out += got
    return out


def _opposed_elsewhere(
    p: _Pending, shared: _Shared, ctx: ClaimContext, evidence: tuple[int, ...]
) -> tuple[Finding, int] | None:
    """An opposite word (the checks that search ``elsewhere``) in another of the claim's
    retrieved sentences, where the evidence does not have the claim's word: "Ukraine accepted
    the terms" scored against the sentence laying out the terms, and "Ukraine rejected them"
    beside it. Other source sentences count too when they share :data:`OPPOSED_OVERLAP` content
    words with the claim (the half of a compound claim the retriever missed), but only for the
    checks that search ``related`` sentences: not for a pronoun or a sex, which another sentence
    may well say of someone else. Returns the finding and the sentence's index."""
    searching = [c for c in shared.checks if c.elsewhere]
    if not searching:
        return None
    check, premise_stems = p.check, shared.premise_stems
    held = set().union(*(premise_stems[i] for i in evidence))
    claim_words = words(ctx.derived, check.start, check.end)
    # beyond the retrieved sentences, those that share words with the claim and have a word
    # against one of its own (a hyphenated compound counts whole: "short-term" is no "short")
    against = polarity.opposite_words(polarity.reading_keys(ctx.derived_text, claim_words))
    others = sorted(
        (
            i
            for i, st in enumerate(premise_stems)
            if i not in p.candidates
            and shared.premise_norms[i] & against
            and len(st & p.stems) >= OPPOSED_OVERLAP
        ),
        key=lambda i: -len(premise_stems[i] & p.stems),
    )
    for i in [*p.candidates, *others]:
        if i in evidence:
            continue
        there = replace(ctx, evidence=(shared.sentences[i],))
        hit = next(((c, f) for c in searching for f in c.run(there)[:1]), None)
        if hit is None:
            continue
        c, f = hit
        if _lemma_at(claim_words, f.span) not in held and (i in p.candidates or c.elsewhere == "related"):
            return replace(f, rule=c.name), i
    return None


def _lemma_at(found: list[Word], span: Span) -> str:
    """The lemma of the word that ``span`` starts at (its text lower-cased when it is none)."""
    return next((w.lemma for w in found if w.start == span.start), "")


SHOWN_MARGIN = 0.1
"""A smaller set of evidence sentences is shown when it scores within this much of the set the
verdict rests on."""


def _fewest_that_support(
    p: _Pending,
    sims: list[float],
    sizes: list[int],
    sentences: list[Span],
    evidence: tuple[int, ...],
    best: float,
) -> list[Span]:
    """The fewest sentences of a supporting evidence set that support the claim as well, all but
    :data:`SHOWN_MARGIN`, as the whole set scores (``best``); empty when none does. A sentence
    that passes alone but scores far below the set is not shown alone: the support is the set's."""
    enough = [
        j
        for j, ps in enumerate(p.premises)
        if len(ps) < len(evidence)
        and set(ps) <= set(evidence)
        and p.scores[j] >= max(support_threshold(sims[j], len(p.stems), sizes[j]), best - SHOWN_MARGIN)
    ]
    if not enough:
        return []
    j = min(enough, key=lambda j: (len(p.premises[j]), -p.scores[j]))
    return [sentences[i] for i in p.premises[j]]


def _judge(p: _Pending, shared: _Shared) -> ClaimResult:
    """The verdict on one claim, from its evidence scores and the typed checks."""
    derived, source, sentences = shared.derived, shared.source, shared.sentences
    dtext, stext = derived.document.text, source.document.text
    check = p.check
    context = p.hypothesis if p.hypothesis != p.shown.of(dtext) else None
    speaker = p.claim.speaker
    transcript = p.claim.turn is not None
    c_dates = dates.dates_in(dtext, derived.dates, [check], counted=False) if not p.verbatim else []
    c_quants = (
        quantities.quantities(derived, check.start, check.end, skip=[d.span for d in c_dates])
        if not p.verbatim
        else []
    )
    ctx = ClaimContext(
        claim=p.claim,
        hypothesis=p.hypothesis,
        source=source,
        derived=derived,
        index=shared.index,
        derived_mentions=shared.derived_mentions,
        source_mentions=shared.source_mentions,
        frame=shared.frame,
        sentences=sentences,
        keyed=shared.keyed,
        source_plain=shared.source_plain,
        claim_dates=c_dates,
        source_dates=shared.source_dates,
        claim_quantities=c_quants,
        source_quantities=shared.source_quantities,
        verbatim=bool(p.verbatim),
        layout=shared.layout,
    )
    raw: dict[str, list[Finding]] = {}
    found = run_checks(shared.checks, "claim", ctx, raw)
    if p.verbatim:
        # Words of the source, but perhaps put in another speaker's mouth.
        signals = ClaimSignals(1.0, 1.0, tuple(found), len(p.stems), verbatim=True, transcript=transcript)
        result_verdict, score = shared.decide(signals)
        return ClaimResult(
            p.shown,
            result_verdict,
            score,
            evidence=p.verbatim,
            findings=_shown(result_verdict, found),
            speaker=speaker,
            context=context,
        )

    if not p.premises:
        detail = "the source has no statement to compare with (no sentences, or only questions)"
        found.append(Finding("unsupported_content", check, detail, rule="no_evidence"))
        result_verdict, score = shared.decide(
            ClaimSignals(0.0, 0.0, tuple(found), len(p.stems), transcript=transcript)
        )
        return ClaimResult(
            p.shown, result_verdict, score, findings=tuple(found), model_score=0.0, speaker=speaker
        )

    premise_stems = shared.premise_stems
    sims = p.similarities(premise_stems)  # every set is scored by now
    best = max(range(len(p.premises)), key=lambda j: (p.scores[j], -len(p.premises[j])))
    model_score = p.scores[best]
    # The set most like the claim (the fewest sentences that hold as much of it, so that the
    # evidence shown is short).
    closest = max(range(len(p.premises)), key=lambda j: (sims[j], -len(p.premises[j]), p.scores[j]))
    misattributed = any(f.type == "misattribution" for f in found)
    sizes = p.sizes(premise_stems)
    if misattributed or model_score < support_threshold(sims[closest], len(p.stems), sizes[closest]):
        # Nothing supports the claim (a near copy of some set needs more, whichever set scores
        # best), or the source gives its words to someone else: compare it with the evidence
        # most like it.
        best = closest

    def against(j: int) -> tuple[list[Finding], dict[str, list[Finding]]]:
        """The findings of the checks that compare with evidence, against premise set ``j``."""
        spans = tuple(sentences[i] for i in p.premises[j])
        seen = dict(raw)
        out = run_checks(
            shared.checks, "evidence", replace(ctx, evidence=spans, similarity=sims[j]), seen, found
        )
        return out, seen

    typed, seen = against(best)
    # The scorer may prefer another set than the sentence the claim restates: a contradiction
    # of the set most like the claim counts too. Extra sentences can hide a flip: the negation
    # check compares only words that occur once on each side. When both sets contradict the
    # claim in the same ways, the set most like it is the evidence to show.
    contradicts = {f.type for f in typed if f.contradicts}
    if closest != best and sims[closest] >= sims[best] and (contradicts or sims[closest] >= HIGH_SIMILARITY):
        alt_typed, alt_seen = against(closest)
        alt = {f.type for f in alt_typed if f.contradicts}
        if alt and alt >= contradicts:
            best, typed, seen = closest, alt_typed, alt_seen
    ev_set = p.premises[best]
    if not any(f.contradicts for f in typed):
        opposed = _opposed_elsewhere(p, shared, ctx, ev_set)
        if opposed:
            typed.append(opposed[0])
            ev_set = (*ev_set, opposed[1])
    ev_spans = [sentences[i] for i in ev_set]
    found += typed
    similarity = coverage(p.stems, set().union(*(premise_stems[i] for i in ev_set)))
    found += run_checks(
        shared.checks, "final", replace(ctx, evidence=tuple(ev_spans), similarity=similarity), seen, found
    )
    ev_span = ev_spans[0]

    evidence_text = " ".join(e.of(stext) for e in ev_spans)
    surfaces = [d.surface for d in ctx.claim_dates] + [q.surface for q in ctx.claim_quantities]
    restated = any(x not in evidence_text for x in surfaces)
    ev_words = p.evidence_words(premise_stems, ev_set)
    rated = sorted(range(len(p.scores)), key=lambda j: -p.scores[j])
    signals = ClaimSignals(
        model_score,
        similarity,
        tuple(found),
        len(p.stems),
        ev_words,
        restated=restated,
        transcript=transcript,
        scores=tuple(p.scores[j] for j in rated),
        similarities=tuple(sims[j] for j in rated),
        sizes=tuple(len(p.premises[j]) for j in rated),
        source_coverage=coverage(p.stems, shared.source_lemmas),
    )
    result_verdict, score = shared.decide(signals)
    if result_verdict == "supported" and len(ev_spans) > 1:
        ev_spans = _fewest_that_support(p, sims, sizes, sentences, ev_set, model_score) or ev_spans
    if result_verdict != "supported" and not found:
        if result_verdict == "contradicted":
            detail = (
                f"the closest source sentence says otherwise (model score {model_score:.2f} against "
                f"evidence holding {similarity:.0%} of the claim's words)"
            )
        elif model_score >= SUPPORT_THRESHOLD and shared.decide is verdict:
            detail = (
                f"the closest source sentence holds {similarity:.0%} of the claim's words, but the "
                f"model scores it {model_score:.2f}: a near copy needs {EXTRACTIVE_THRESHOLD:.2f} "
                "(compare the words that differ)"
            )
        elif model_score >= SUPPORT_THRESHOLD:
            detail = (
                f"the closest source sentence holds {similarity:.0%} of the claim's words, but the "
                f"model scores it {model_score:.2f} and the claim's combined support is {score:.2f} "
                "(compare the words that differ)"
            )
        else:
            detail = _unsupported_detail(model_score)
        found.append(Finding("unsupported_content", check, detail, ev_span, rule="scorer"))
    return ClaimResult(
        p.shown,
        result_verdict,
        score,
        evidence=tuple(ev_spans),
        findings=_shown(result_verdict, found),
        model_score=model_score,
        speaker=speaker,
        context=context,
    )
