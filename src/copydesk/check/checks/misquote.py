"""Quoted words the source does not have word for word: ``unsupported_content``."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.verbatim import misquotes
from copydesk.model import Finding


def run(ctx: ClaimContext) -> tuple[Finding, ...]:
    return misquotes(ctx.derived_text, ctx.span, ctx.source_plain)


CHECK = Check("misquote", "unsupported_content", "claim", run)
