"""A word shared with the evidence that one side negates and the other does not: ``negation``.

An opposite word, where there is one, says best what flipped ("rejected" for "approved", not
the words a denial verb negates), so this check does not run after one.
"""

from __future__ import annotations

from copydesk.check.checks.antonym import DATE_RULES
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.polarity import check_negation
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_negation(ctx.derived, ctx.span, ctx.source, list(ctx.evidence))


CHECK = Check(
    "negation",
    "negation",
    "evidence",
    run,
    unless=("antonym", "ordinal", "period", "sex"),
    yields_to=DATE_RULES,
    similar_evidence=True,
)
