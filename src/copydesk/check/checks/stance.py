"""Opinion, prediction or speculation that the evidence does not voice: ``unsupported_content``.

Only in a transcript, where a speaker's added view is what it is for: in a summary, evaluative
wording ("an important meeting") is ordinary summarising, and on the training part of the
factuality data the check lowered balanced accuracy there.
"""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.opinion import check_stance
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_stance(ctx.derived, ctx.span, ctx.source, list(ctx.evidence))


CHECK = Check("stance", "unsupported_content", "final", run, after=("unknown_code",), transcript_only=True)
