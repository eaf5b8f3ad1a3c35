"""A relative time ("next week") that the evidence puts otherwise ("last week"): ``date``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.dates import check_relative
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_relative(ctx.derived, ctx.span, list(ctx.claim_dates), ctx.source, list(ctx.evidence))


CHECK = Check("relative_date", "date", "evidence", run, yields_to=("date",), after=("clock_time",))
