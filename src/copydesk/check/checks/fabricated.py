"""People and organisations the source never names: ``fabricated_entity``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import fabricated
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return fabricated(ctx.derived_text, ctx.span, list(ctx.derived_mentions), ctx.index, frame=ctx.frame)


CHECK = Check("fabricated_entity", "fabricated_entity", "claim", run)
