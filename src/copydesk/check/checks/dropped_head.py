"""A copy of a source sentence that leaves out the head of a phrase ("the suspect" for "the
mother of the suspect"): an ``entity`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.text import words
from copydesk.check.verbatim import dropped_head
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    claim = words(ctx.derived, ctx.span.start, ctx.span.end)
    head = dropped_head(claim, list(ctx.keyed), ctx.source_text)
    return [head] if head else []


CHECK = Check("dropped_head", "entity", "claim", run)
