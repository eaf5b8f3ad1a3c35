"""Generate: a grounded editor-guest interview from an ``Analysis`` -> ``Interview``.

The embedded generator is offline and deterministic. Planning, realisation and checking are
separate modules, as in STORM: ``units`` and ``plan`` choose the article's passages by
relevance and pair them into questions; ``realise`` restates each passage verbatim or with
proven edits only, and ``ask`` builds each question from its answer; the injected ``verify``
(the checker) and ``speakers`` (the strict speaker check) audit the transcript, and ``build``
repairs it until both pass. An optional OpenAI-compatible LLM backend (``llm``) may draft the
answers; its sentences pass the same checks or are replaced by the article's own.
"""

from __future__ import annotations

from copydesk.generate.build import build_interview
from copydesk.generate.plan import Plan, PlanItem, build_plan
from copydesk.generate.transcript import DEFAULT_GUEST

__all__ = ["build_interview", "build_plan", "Plan", "PlanItem", "DEFAULT_GUEST"]
