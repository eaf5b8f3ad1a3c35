"""The other sex in the evidence's place ("her" for "him", "Mrs" for "Mr", "daughter" for
"son"): an ``entity`` finding. Another sentence of the source may well say it of someone else,
so only the retriever's candidates count besides the evidence."""

from __future__ import annotations

from copydesk.check.checks.antonym import DATE_RULES
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.polarity import check_opposites
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_opposites(ctx.derived, ctx.span, ctx.source, list(ctx.evidence), kind="entity")


CHECK = Check(
    "sex",
    "entity",
    "evidence",
    run,
    unless=("antonym", "ordinal", "period"),
    yields_to=DATE_RULES,
    similar_evidence=True,
    elsewhere="retrieved",
)
