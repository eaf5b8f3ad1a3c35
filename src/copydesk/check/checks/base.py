"""What every check is: a name, the finding type it emits, when it runs, and ``run(ctx)``.

In the manner of spaCy's pipeline components, which declare what they require and assign, a
check declares what it depends on as data, never as its place in a hand-written chain:

- ``stage``: ``claim`` checks read the claim and the source as a whole; ``evidence`` checks
  compare the claim with one set of evidence sentences (the engine may try more than one set and
  keep the one whose findings say most); ``final`` checks run once the evidence is chosen.
- ``after``: checks of the same stage that must run first.
- ``yields_to``: a finding of this check is dropped where it overlaps a finding of one of these
  checks (``"*"``: of any check that ran before it), so that one span is explained once.
- ``unless``: the check does not run when one of these checks found a contradiction.
- ``verbatim``, ``transcript_only``, ``similar_evidence``, ``elsewhere``: which claims and which
  evidence the check applies to (see :class:`Check`).

The engine (``copydesk.check.engine``) orders the registry (``copydesk.check.checks``) by these
declarations and stamps every finding with its check's name (``Finding.rule``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from copydesk.check.claims import Claim, Layout
from copydesk.check.dates import DateValue
from copydesk.check.entities import Mention, SourceIndex
from copydesk.check.quantities import Quantity
from copydesk.check.text import Word, words
from copydesk.check.verbatim import Keyed
from copydesk.model import Analysis, Finding, FindingType, Span

Stage = Literal["claim", "evidence", "final"]
STAGES: tuple[Stage, ...] = ("claim", "evidence", "final")
Elsewhere = Literal["", "retrieved", "related"]


@dataclass(frozen=True)
class ClaimContext:
    """Everything a check may read about one claim.

    Attributes:
        claim: The claim (its sentence, the part checked, its turn and speaker in a transcript).
        hypothesis: The claim as it stands on its own (a pronoun replaced by its antecedent).
        source, derived: The two analyses (the derived one with speakers resolved).
        index: The names the source knows.
        derived_mentions, source_mentions: Named mentions in each text.
        frame: Words of a transcript's role labels, never names of the world.
        sentences: The source's sentences (evidence candidates).
        keyed: The source sentences' words as near-verbatim matching compares them.
        source_plain: The source folded for quotation lookup.
        claim_dates, source_dates: Dates of the claim and of the whole source, with values.
        claim_quantities, source_quantities: Figures of the claim and of the whole source.
        verbatim: The source has the claim word for word (no evidence set is compared).
        evidence: The evidence sentences of this run (empty at the ``claim`` stage).
        similarity: The share of the claim's content words the evidence holds.
        found: The findings of the checks that ran before this one for the claim.
        layout: How the derived text is laid out (a transcript's turns and their labels).
    """

    claim: Claim
    hypothesis: str
    source: Analysis
    derived: Analysis
    index: SourceIndex
    derived_mentions: Sequence[Mention]
    source_mentions: Sequence[Mention]
    frame: frozenset[str]
    sentences: Sequence[Span]
    keyed: Sequence[Keyed]
    source_plain: str
    claim_dates: Sequence[DateValue]
    source_dates: Sequence[DateValue]
    claim_quantities: Sequence[Quantity]
    source_quantities: Sequence[Quantity]
    verbatim: bool = False
    evidence: tuple[Span, ...] = ()
    similarity: float = 0.0
    found: tuple[Finding, ...] = ()
    layout: Layout = Layout()

    @property
    def span(self) -> Span:
        """The part of the derived text that is checked."""
        assert self.claim.check is not None
        return self.claim.check

    @property
    def words(self) -> list[Word]:
        """The claim's words (the analysis' tokens, punctuation left out)."""
        return words(self.derived, self.span.start, self.span.end)

    @property
    def derived_text(self) -> str:
        return self.derived.document.text

    @property
    def source_text(self) -> str:
        return self.source.document.text

    @property
    def transcript(self) -> bool:
        return self.claim.turn is not None

    def _in_evidence(self, span: Span) -> bool:
        return any(e.start <= span.start < e.end for e in self.evidence)

    @property
    def evidence_dates(self) -> list[DateValue]:
        """The source's dates inside the evidence."""
        return [d for d in self.source_dates if self._in_evidence(d.span)]

    @property
    def evidence_quantities(self) -> list[Quantity]:
        """The source's figures inside the evidence."""
        return [q for q in self.source_quantities if self._in_evidence(q.span)]


@dataclass(frozen=True)
class Check:
    """One typed check.

    Attributes:
        name: The rule name every finding of the check carries.
        finding_type: The type of finding it emits.
        stage: When it runs (see the module docstring).
        run: The check itself: ``run(ctx) -> findings``.
        after: Checks of the same stage that run before it.
        yields_to: Checks whose findings take precedence over its own where they overlap
            (``"*"``: every check that ran before it).
        unless: Checks whose contradicting finding keeps it from running.
        verbatim: It also runs on a claim the source has word for word (only ``claim`` checks).
        transcript_only: It runs only on the turns of a transcript.
        similar_evidence: It runs only against evidence that holds enough of the claim's words
            (``copydesk.check.verdict.GOOD_EVIDENCE``).
        elsewhere: An opposite said by another source sentence than the evidence counts too:
            ``retrieved`` searches the retriever's other candidates, ``related`` also the
            sentences that share words with the claim.
    """

    name: str
    finding_type: FindingType
    stage: Stage
    run: Callable[[ClaimContext], Sequence[Finding]]
    after: tuple[str, ...] = ()
    yields_to: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    verbatim: bool = False
    transcript_only: bool = False
    similar_evidence: bool = False
    elsewhere: Elsewhere = ""

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"check {self.name!r}: unknown stage {self.stage!r}")
        if self.verbatim and self.stage != "claim":
            raise ValueError(f"check {self.name!r}: only claim checks run on verbatim claims")

    @property
    def depends_on(self) -> tuple[str, ...]:
        """Every check this one must run after."""
        return tuple(dict.fromkeys((*self.after, *(x for x in self.yields_to if x != "*"), *self.unless)))
