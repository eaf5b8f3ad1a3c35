"""A name of the claim that the evidence lacks where it names another of the same type in the
same place: an ``entity`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import swapped
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return swapped(
        ctx.derived,
        ctx.span,
        list(ctx.derived_mentions),
        ctx.index,
        list(ctx.evidence),
        list(ctx.source_mentions),
    )


CHECK = Check(
    "entity_swap",
    "entity",
    "evidence",
    run,
    after=("trend",),
    yields_to=("misattribution",),
    similar_evidence=True,
)
