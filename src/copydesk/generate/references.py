"""Pronoun antecedents, as the analyser resolves them (``Analysis.references``).

The generator replaces a pronoun by a name only when the analyser has resolved it: the
antecedent agrees with the pronoun in gender and number and is never taken from inside a
quotation, which is the analyser's job, not this stage's. Until an analysis carries
references, no pronoun is resolved, so every pronoun stays as the article wrote it and the
sentence it leans on stays before it.
"""

from __future__ import annotations

from copydesk.model import Analysis, Span


def antecedent(analysis: Analysis, mention: Span) -> str | None:
    """The id of the actor the analyser resolved the pronoun at ``mention`` to, or None."""
    for ref in getattr(analysis, "references", ()):
        span = getattr(ref, "span", None) or getattr(ref, "mention", None)
        if span == mention:
            actor = getattr(ref, "actor", None)
            return actor if isinstance(actor, str) else None
    return None
