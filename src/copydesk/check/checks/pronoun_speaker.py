"""A name put in the place of a source quote's pronoun speaker that cannot be the pronoun's
antecedent (wrong gender or number, or a name the source has only inside a quotation):
``misattribution``."""

from __future__ import annotations

from copydesk.check.attribution import check_pronoun_speakers
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return check_pronoun_speakers(ctx.derived, ctx.span, list(ctx.derived_mentions), ctx.source)


CHECK = Check("pronoun_speaker", "misattribution", "claim", run, yields_to=("misattribution",), verbatim=True)
