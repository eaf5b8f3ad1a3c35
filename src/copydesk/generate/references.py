"""Pronoun antecedents, as the analyser resolves them (``Analysis.references``).

The generator replaces a pronoun by a name only when the analyser has resolved it: the
antecedent agrees with the pronoun in gender and number and is never taken from inside a
quotation, which is the analyser's job, not this stage's. A pronoun inside quotation marks is
someone else's word and is never replaced; an unresolved pronoun stays as the article wrote
it, and the sentence it leans on stays before it.
"""

from __future__ import annotations

from copydesk.model import Analysis, Reference, Span


def reference(analysis: Analysis, mention: Span) -> Reference | None:
    """The analyser's resolved reference of the pronoun at ``mention`` outside quotation marks,
    or None when it is unresolved, quoted, or no pronoun the analyser saw."""
    for ref in analysis.references:
        if ref.span == mention:
            return ref if ref.actor is not None and not ref.quoted else None
    return None


def antecedent(analysis: Analysis, mention: Span) -> str | None:
    """The id of the actor the analyser resolved the pronoun at ``mention`` to, or None."""
    ref = reference(analysis, mention)
    return ref.actor if ref is not None else None
