"""A first-person claim by a speaker the source never mentions ("When I advised the delegation
...", "I have covered this beat for twenty years"): ``fabricated_entity``.

In a transcript, a turn whose label names nobody of the source (an invented guest, or a role
such as "Expert") speaks for a person the source does not have; what that speaker says of
themselves ("I", "my", "me") is an invented person's experience. A turn labelled with a person
of the source speaks as that person, and is left to the other checks; so is a speaker's view
("I think ...", which the stance check weighs) and a first person inside a quotation (someone
else's words).
"""

from __future__ import annotations

from copydesk import lang
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.model import Finding

FIRST_PERSON = lang.pronouns(person=1, number="singular")
"""The speaker's own pronouns ("I", "me", "my")."""
VIEWS = lang.words("stance", "first_person_views")
"""Verbs of a view after "I" ("I think"): an opinion, not a claim about the speaker."""


def run(ctx: ClaimContext) -> list[Finding]:
    if ctx.claim.turn is None or ctx.claim.turn >= len(ctx.layout.turns):
        return []
    label = ctx.layout.turns[ctx.claim.turn].label
    text = ctx.derived_text
    if any(ctx.index.known(n.of(text), "PERSON") for n in label.names):
        return []  # a person of the source speaks as themselves
    quoted = [q.content for q in ctx.derived.quotes if q.kind != "indirect"]
    found = [w for w in ctx.words if not any(q.start <= w.start < q.end for q in quoted)]
    for i, w in enumerate(found):
        if w.norm not in FIRST_PERSON:
            continue
        if w.norm == "i" and i + 1 < len(found) and found[i + 1].lemma in VIEWS:
            continue  # "I think ...": a view, weighed by the stance check
        speaker = label.span.of(text)
        detail = f"a first-person claim by {speaker!r}, a speaker the source never mentions"
        return [Finding("fabricated_entity", w.span, detail)]
    return []


CHECK = Check("first_person", "fabricated_entity", "claim", run, transcript_only=True)
