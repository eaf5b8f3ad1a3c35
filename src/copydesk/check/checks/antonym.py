"""A word of the claim whose opposite stands in its place in the evidence ("rejected" for
"approved", "unstable" for "stable"): a ``negation`` finding.

Said by another source sentence than the evidence (the other half of a compound claim), the
opposite counts too (``elsewhere``).
"""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.polarity import check_opposites
from copydesk.model import Finding

DATE_RULES = ("date", "weekday", "clock_time", "relative_date")
"""A date finding already says what changed in "early 2026" against "late 2027"."""


def run(ctx: ClaimContext) -> list[Finding]:
    return check_opposites(ctx.derived, ctx.span, ctx.source, list(ctx.evidence), kind="antonym")


CHECK = Check(
    "antonym",
    "negation",
    "evidence",
    run,
    after=("number",),
    yields_to=DATE_RULES,
    similar_evidence=True,
    elsewhere="related",
)
