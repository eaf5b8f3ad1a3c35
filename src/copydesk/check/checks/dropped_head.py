"""A copy of a source sentence that leaves out the head of a phrase ("the suspect" for "the
mother of the suspect"): an ``entity`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.text import tokens
from copydesk.check.verbatim import dropped_head
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    words = tokens(ctx.derived_text, ctx.span.start, ctx.span.end)
    head = dropped_head(words, list(ctx.keyed), ctx.source_text)
    return [head] if head else []


CHECK = Check("dropped_head", "entity", "claim", run)
