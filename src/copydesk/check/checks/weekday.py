"""A weekday the source never names where the evidence names another: ``date``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.dates import check_weekdays
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_weekdays(ctx.derived, ctx.span, ctx.source, list(ctx.evidence))


CHECK = Check("weekday", "date", "evidence", run, yields_to=("date",))
