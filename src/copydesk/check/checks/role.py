"""A person of the source given a title the source gives them nowhere: an ``entity`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import check_roles
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_roles(ctx.derived, ctx.span, list(ctx.derived_mentions), ctx.index)


CHECK = Check("role", "entity", "claim", run)
