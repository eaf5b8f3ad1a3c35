"""Figures of the claim against the evidence's, by value and unit: ``number``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.quantities import check_numbers
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_numbers(
        list(ctx.claim_quantities),
        ctx.evidence_quantities,
        list(ctx.source_quantities),
        evidence_span=ctx.evidence[0],
        source_text=ctx.source_text,
    )


CHECK = Check("number", "number", "evidence", run, after=("relative_date",))
