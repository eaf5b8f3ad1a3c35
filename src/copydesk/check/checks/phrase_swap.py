"""A phrase of another source sentence put in the place of the evidence's phrase, between the
same words ("season 2 of the plot synopsis" for "season 2 of the critically acclaimed show"): an
``entity`` finding."""

from __future__ import annotations

from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.entities import swapped_phrases
from copydesk.model import Finding


def run(ctx: ClaimContext) -> list[Finding]:
    return swapped_phrases(
        ctx.derived,
        ctx.span,
        list(ctx.derived_mentions),
        ctx.index,
        list(ctx.evidence),
        list(ctx.source_mentions),
    )


CHECK = Check(
    "phrase_swap",
    "entity",
    "evidence",
    run,
    yields_to=(
        "date",
        "weekday",
        "clock_time",
        "relative_date",
        "number",
        "antonym",
        "ordinal",
        "period",
        "sex",
        "negation",
        "trend",
        "entity_swap",
    ),  # fmt: skip
    similar_evidence=True,
)
