"""A person named as the speaker of words the source states itself, with no quote in the
evidence and no mention of that person near it: ``unsupported_content``."""

from __future__ import annotations

from copydesk.check.attribution import check_unsourced
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_unsourced(ctx.derived, ctx.span, list(ctx.derived_mentions), ctx.source, list(ctx.evidence))


CHECK = Check("unsourced", "unsupported_content", "final", run, unless=("misattribution",), yields_to=("*",))
