"""Codes of letters and digits ("2D", "A320") the source never writes: ``unsupported_content``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import unknown_codes
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return unknown_codes(ctx.derived_text, ctx.span, ctx.index)


CHECK = Check("unknown_code", "unsupported_content", "final", run, after=("unknown_name",), yields_to=("*",))
