"""Words the source gives to another speaker than the claim does: ``misattribution``.

It also runs on a claim the source has word for word: the words are the source's, the speaker
may not be.
"""

from __future__ import annotations

from copydesk.check.attribution import check_attribution
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_attribution(ctx.derived, ctx.span, list(ctx.derived_mentions), ctx.source)


CHECK = Check("misattribution", "misattribution", "claim", run, verbatim=True)
