"""Another frequency, time of day, season or period label in the evidence's place ("weekly" for
"monthly", "Q3" for "Q2"): a ``date`` finding."""

from __future__ import annotations

from copydesk.check.checks.antonym import DATE_RULES
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.polarity import check_opposites
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_opposites(ctx.derived, ctx.span, ctx.source, list(ctx.evidence), kind="date")


CHECK = Check(
    "period",
    "date",
    "evidence",
    run,
    unless=("antonym", "ordinal"),
    yields_to=DATE_RULES,
    similar_evidence=True,
    elsewhere="related",
)
