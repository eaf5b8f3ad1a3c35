"""A clock time the source never states where the evidence states another: ``date``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.dates import check_clock_times
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_clock_times(ctx.derived, ctx.span, ctx.source, list(ctx.evidence))


CHECK = Check("clock_time", "date", "evidence", run, yields_to=("date",), after=("weekday",))
