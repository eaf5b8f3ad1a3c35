"""Capitalised words the source has in no form: names of places, teams or products that the
named-entity model did not tag. ``unsupported_content``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import unknown_names
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return unknown_names(ctx.derived, ctx.span, ctx.index, frame=ctx.frame, skip=[f.span for f in ctx.found])


CHECK = Check("unknown_name", "unsupported_content", "final", run, after=("honorific",))
