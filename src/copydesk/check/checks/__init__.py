"""The registry of typed checks: one module per check, each with a name, the finding type it
emits and ``run(ctx) -> findings`` (see :mod:`copydesk.check.checks.base`).

Adding a check means writing its module and listing its ``CHECK`` in :data:`REGISTRY`; where
it runs among the others follows from what it declares (stage, ``after``, ``yields_to``,
``unless``), not from its place in this list, which only breaks ties.

    >>> [c.name for c in ordered(disabled={"stance"})][:3]
    ['fabricated_entity', 'misattribution', 'role']
"""

from __future__ import annotations

from collections.abc import Collection

from copydesk.check.checks import (
    antonym,
    clock_time,
    credited_outlet,
    date,
    dropped_head,
    entity_swap,
    fabricated,
    first_person,
    honorific,
    misattribution,
    misquote,
    negation,
    number,
    ordinal,
    period,
    phrase_swap,
    pronoun_speaker,
    relative_date,
    role,
    sex,
    stance,
    trend,
    unknown_code,
    unknown_name,
    unsourced,
    weekday,
)
from copydesk.check.checks.base import STAGES, Check, ClaimContext, Stage
from copydesk.errors import CheckError

REGISTRY: tuple[Check, ...] = (
    fabricated.CHECK,
    credited_outlet.CHECK,
    first_person.CHECK,
    misattribution.CHECK,
    pronoun_speaker.CHECK,
    role.CHECK,
    misquote.CHECK,
    dropped_head.CHECK,
    date.CHECK,
    weekday.CHECK,
    clock_time.CHECK,
    relative_date.CHECK,
    number.CHECK,
    antonym.CHECK,
    ordinal.CHECK,
    period.CHECK,
    sex.CHECK,
    negation.CHECK,
    trend.CHECK,
    entity_swap.CHECK,
    phrase_swap.CHECK,
    unsourced.CHECK,
    honorific.CHECK,
    unknown_name.CHECK,
    unknown_code.CHECK,
    stance.CHECK,
)
"""Every typed check the engine runs."""


def names() -> tuple[str, ...]:
    """The names of the registered checks."""
    return tuple(c.name for c in REGISTRY)


def ordered(disabled: Collection[str] = (), registry: tuple[Check, ...] = REGISTRY) -> tuple[Check, ...]:
    """The checks to run, stage by stage, each after those it depends on.

    Args:
        disabled: Names of checks to leave out (an ablation); a check that depends on a left-out
            one runs as if that one had found nothing.
        registry: The checks to order (the shipped registry by default).

    Raises:
        CheckError: A name in ``disabled`` is not a registered check, two checks share a name, a
            check depends on one that is not registered or on one of a later stage, or the
            dependencies go round in a circle.
    """
    by_name: dict[str, Check] = {}
    for c in registry:
        if c.name in by_name:
            raise CheckError(f"two checks are named {c.name!r}")
        by_name[c.name] = c
    unknown = sorted(set(disabled) - set(by_name))
    if unknown:
        raise CheckError(f"no check is named {', '.join(map(repr, unknown))} (checks: {', '.join(by_name)})")
    for c in registry:
        for d in c.depends_on:
            if d not in by_name:
                raise CheckError(f"check {c.name!r} depends on {d!r}, which is not registered")
            if STAGES.index(by_name[d].stage) > STAGES.index(c.stage):
                raise CheckError(f"check {c.name!r} depends on {d!r}, which runs at a later stage")
    out: list[Check] = []
    for stage in STAGES:
        todo = [c for c in registry if c.stage == stage]
        done = {x.name for x in out}
        while todo:
            ready = next(
                (c for c in todo if all(d in done or by_name[d].stage != stage for d in c.depends_on)), None
            )
            if ready is None:
                raise CheckError(f"the dependencies of checks {[c.name for c in todo]} go round in a circle")
            todo.remove(ready)
            done.add(ready.name)
            out.append(ready)
    return tuple(c for c in out if c.name not in disabled)


__all__ = ["REGISTRY", "Check", "ClaimContext", "Stage", "names", "ordered"]
