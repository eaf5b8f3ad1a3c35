"""Generate: a grounded editor-guest interview from an ``Analysis`` -> ``Interview``.

The embedded generator is offline and deterministic: it plans the interview from the
analysis (``plan``), realises questions and answers with light, meaning-preserving edits of
the article's sentences (``realise``), and self-checks the transcript with an injected
``verify`` before it returns (``build``). An optional OpenAI-compatible LLM backend (``llm``)
may phrase the answers; its sentences pass the same gate or are replaced.
"""

from __future__ import annotations

from copydesk.generate.build import build_interview
from copydesk.generate.plan import Plan, PlanItem, build_plan
from copydesk.generate.transcript import DEFAULT_GUEST

__all__ = ["build_interview", "build_plan", "Plan", "PlanItem", "DEFAULT_GUEST"]
