"""Another ordinal in the evidence's place ("the second quarter" for "the first quarter"): a
``number`` finding."""

from __future__ import annotations

from copydesk.check.checks.antonym import DATE_RULES
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.polarity import check_opposites
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_opposites(ctx.derived, ctx.span, ctx.source, list(ctx.evidence), kind="number")


CHECK = Check(
    "ordinal",
    "number",
    "evidence",
    run,
    unless=("antonym",),
    yields_to=DATE_RULES,
    similar_evidence=True,
    elsewhere="related",
)
