"""Dates of the claim against the evidence's, by value: ``date``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.dates import check_dates
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_dates(
        list(ctx.claim_dates),
        ctx.evidence_dates,
        list(ctx.source_dates),
        evidence_span=ctx.evidence[0],
        source_text=ctx.source_text,
    )


CHECK = Check("date", "date", "evidence", run)
