"""Check: audit a derived text against its source, one claim at a time -> ``Audit``.

    >>> from copydesk.check import audit
    >>> result = audit(source_analysis, derived_analysis, settings=Settings())

The engine is :mod:`copydesk.check.engine`; the typed checks live in ``claims``, ``context``,
``entities``, ``attribution``, ``quantities``, ``dates`` and ``polarity``. The learned support
scorer and the evidence retriever are ``scorer`` and ``retrieve``; they load lazily, once.
"""

from __future__ import annotations

from copydesk.check.engine import Retriever, Scorer, audit, verdict

__all__ = ["audit", "verdict", "Retriever", "Scorer"]
