"""Check: audit a derived text against its source, one claim at a time -> ``Audit``.

    >>> from copydesk.check import audit
    >>> result = audit(source_analysis, derived_analysis, settings=Settings())

The engine is :mod:`copydesk.check.engine`; the typed checks are registered in
:mod:`copydesk.check.checks` (one module each, on the helpers of ``claims``, ``context``,
``entities``, ``attribution``, ``quantities``, ``dates``, ``polarity`` and ``opinion``); the
verdict on a claim comes from its signals in :mod:`copydesk.check.verdict`. The learned support
scorer and the evidence retriever are ``scorer`` and ``retrieve``; they load lazily, once.
"""

from __future__ import annotations

from copydesk.check.checks import REGISTRY, Check, ClaimContext
from copydesk.check.engine import Retriever, Scorer, audit
from copydesk.check.verdict import ClaimSignals, verdict

__all__ = ["audit", "verdict", "ClaimSignals", "Check", "ClaimContext", "REGISTRY", "Retriever", "Scorer"]
