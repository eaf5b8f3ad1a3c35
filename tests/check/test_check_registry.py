"""The registry of typed checks: its contract, the order it runs in, and running without a check."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace

import pytest
from check_helpers import tokens_of

from copydesk.check import audit
from copydesk.check.checks import REGISTRY, Check, ClaimContext, names, ordered
from copydesk.check.claims import Claim
from copydesk.check.engine import run_checks
from copydesk.check.entities import SourceIndex
from copydesk.config import Settings
from copydesk.errors import CheckError
from copydesk.model import FINDING_TYPES, RELATIONS, Analysis, Document, Finding, Span

ENGINE_RULES = {"scorer", "no_evidence", "speaker_label"}
"""Findings the engine makes itself rather than a registered check: a low score, a source with
nothing to compare with, a speaker label naming a person the source never mentions."""

CHECK_MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(importlib.import_module("copydesk.check.checks").__path__)
    if m.name not in ("base", "__init__")
)


def test_every_check_module_registers_one_check_under_its_own_name():
    registered = {c.name: c for c in REGISTRY}
    assert len(registered) == len(REGISTRY), "two checks share a name"
    modules = {}
    for name in CHECK_MODULES:
        module = importlib.import_module(f"copydesk.check.checks.{name}")
        check = module.CHECK
        assert isinstance(check, Check)
        modules[check.name] = name
        assert registered.get(check.name) is check, f"{name}.CHECK is not in the registry"
    assert set(modules) == set(registered), "a registered check lives in no module of its own"


@pytest.mark.parametrize("check", REGISTRY, ids=lambda c: c.name)
def test_a_check_declares_its_type_stage_and_dependencies(check):
    assert check.finding_type in FINDING_TYPES
    assert callable(check.run)
    assert check.name not in ENGINE_RULES
    for dep in check.depends_on:
        assert dep in names(), f"{check.name} depends on unknown check {dep}"


def test_the_order_follows_the_declarations():
    order = [c.name for c in ordered()]
    assert sorted(order) == sorted(names())
    stage = {c.name: c.stage for c in REGISTRY}
    stages = [stage[n] for n in order]
    assert stages == sorted(stages, key=["claim", "evidence", "final"].index)
    for c in REGISTRY:
        for dep in c.depends_on:
            assert order.index(dep) < order.index(c.name), f"{c.name} runs before {dep}"


def _toy(name: str, stage: str = "evidence", **kw) -> Check:
    return Check(name, "entity", stage, lambda ctx: [], **kw)  # type: ignore[arg-type]


def test_registration_order_does_not_decide_what_depends_on_what():
    a, b, c = _toy("a", after=("c",)), _toy("b", yields_to=("a",)), _toy("c", stage="claim")
    assert [x.name for x in ordered(registry=(a, b, c))] == ["c", "a", "b"]


@pytest.mark.parametrize(
    "registry",
    [
        (_toy("a", after=("b",)), _toy("b", after=("a",))),  # a circle
        (_toy("a", stage="claim", after=("b",)), _toy("b")),  # on a later stage
        (_toy("a", unless=("nobody",)),),  # on nothing registered
        (_toy("a"), _toy("a", stage="final")),  # one name twice
    ],
)
def test_a_broken_registry_is_refused(registry):
    with pytest.raises(CheckError):
        ordered(registry=registry)


def test_an_unknown_check_cannot_be_disabled():
    with pytest.raises(CheckError, match="no check is named 'negatoin'"):
        ordered(disabled={"negatoin"})


def test_a_disabled_check_is_left_out_and_its_dependants_still_run():
    order = [c.name for c in ordered(disabled={"antonym"})]
    assert "antonym" not in order and "negation" in order


def _context(text: str = "The council approved the plan.") -> ClaimContext:
    analysis = Analysis(Document(text), (Span(0, len(text)),), tokens=tokens_of(text))
    span = Span(0, len(text))
    return ClaimContext(
        claim=Claim(span, span),
        hypothesis=text,
        source=analysis,
        derived=analysis,
        index=SourceIndex(analysis),
        derived_mentions=[],
        source_mentions=[],
        frame=frozenset(),
        sentences=[span],
        keyed=[],
        source_plain=text,
        claim_dates=[],
        source_dates=[],
        claim_quantities=[],
        source_quantities=[],
        evidence=(span,),
        similarity=1.0,
    )


def _finding(start: int, end: int, *, contradicts: bool = True) -> Finding:
    return Finding("entity", Span(start, end), "x", relation="contradicts" if contradicts else "absent")


def test_run_checks_stamps_rules_and_applies_yields_to_and_unless():
    first = Check("first", "entity", "evidence", lambda ctx: [_finding(0, 3)])
    overlapping = Check("second", "entity", "evidence", lambda ctx: [_finding(2, 5), _finding(10, 12)])
    second = replace(overlapping, yields_to=("first",))
    seen_found: list[tuple[Finding, ...]] = []

    def third_run(ctx: ClaimContext) -> list[Finding]:
        seen_found.append(ctx.found)
        return [_finding(20, 22)]

    third = Check("third", "entity", "evidence", third_run, unless=("first",))
    fourth = Check("fourth", "entity", "evidence", third_run, after=("second",))
    raw: dict[str, list[Finding]] = {}
    out = run_checks(ordered(registry=(first, second, third, fourth)), "evidence", _context(), raw)
    assert [(f.rule, f.span.start) for f in out] == [("first", 0), ("second", 10), ("fourth", 20)]
    assert [f.span.start for f in raw["second"]] == [2, 10]  # raw keeps what yielded
    assert "third" not in raw  # it does not run after a contradiction by "first"
    assert [f.rule for f in seen_found[0]] == ["first", "second"]


def test_a_check_for_similar_evidence_does_not_run_against_evidence_unlike_the_claim():
    calls = []
    check = Check("picky", "entity", "evidence", lambda ctx: calls.append(1) or [], similar_evidence=True)
    run_checks((check,), "evidence", replace(_context(), similarity=0.1), {})
    assert calls == []
    run_checks((check,), "evidence", _context(), {})
    assert calls == [1]


SOURCE = "The council accepted the harbour plan on Monday after a long debate. Mayor Ada Lind welcomed it."
DERIVED = "The council rejected the harbour plan on Monday after a long debate."


@pytest.fixture
def pair(make_analysis):
    actors = {"Ada Lind": ("PERSON", ["Mayor Ada Lind"])}
    return make_analysis(SOURCE, actors=actors), make_analysis(DERIVED)


def test_findings_carry_their_rule_and_relation(pair, fake_retriever, fake_scorer):
    result = audit(*pair, settings=Settings(), retriever=fake_retriever, scorer=fake_scorer)
    (claim,) = result.sentences
    assert claim.verdict == "contradicted"
    rules = {f.rule for f in claim.findings}
    assert "antonym" in rules
    assert rules <= set(names()) | ENGINE_RULES
    assert all(f.relation in RELATIONS for f in claim.findings)
    assert next(f for f in claim.findings if f.rule == "antonym").contradicts


def test_the_engine_runs_without_a_disabled_check(pair, fake_retriever, fake_scorer):
    result = audit(
        *pair, settings=Settings(), retriever=fake_retriever, scorer=fake_scorer, disabled={"antonym"}
    )
    (claim,) = result.sentences
    assert "antonym" not in {f.rule for f in claim.findings}


def test_the_verdict_step_can_be_replaced(pair, fake_retriever, fake_scorer):
    seen = []

    def decide(signals):
        seen.append(signals)
        return "unsupported", 0.01

    result = audit(*pair, settings=Settings(), retriever=fake_retriever, scorer=fake_scorer, decide=decide)
    assert [c.verdict for c in result.sentences] == ["unsupported"]
    (signals,) = seen
    assert {f.rule for f in signals.findings} >= {"antonym"}
    assert signals.scores and len(signals.scores) == len(signals.similarities)
