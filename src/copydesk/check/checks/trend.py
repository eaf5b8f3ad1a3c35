"""A rise or fall that the evidence's compared figures do not show ("net income increased"
against "$94.8 million, compared to $106.6 million a year earlier"): a ``number`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.quantities import check_trend
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_trend(
        ctx.derived,
        ctx.span,
        list(ctx.claim_quantities),
        ctx.source,
        list(ctx.evidence),
        ctx.evidence_quantities,
    )


CHECK = Check(
    "trend",
    "number",
    "evidence",
    run,
    unless=("antonym", "ordinal", "period", "sex", "negation"),
    similar_evidence=True,
)
