"""A courtesy title the source never gives that person ("Mrs. Johnson" for its "Mr. Johnson"):
an ``entity`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import honorific_swaps
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return honorific_swaps(ctx.derived_text, ctx.span, ctx.source_text)


CHECK = Check("honorific", "entity", "final", run, after=("unsourced",), yields_to=("*",))
