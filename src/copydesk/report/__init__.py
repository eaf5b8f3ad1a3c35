"""Report: render analyses, audits and interviews as json, md, text or html.

Every renderer returns a string and prints nothing; the CLI and the HTTP service decide where
it goes.
"""

from __future__ import annotations

import json
from typing import Any

from copydesk.model import Analysis, Audit, Interview


def to_json(record: Analysis | Audit | Interview | dict[str, Any]) -> str:
    """The record as pretty JSON (``schema_version`` included by the record's ``to_dict``)."""
    data = record if isinstance(record, dict) else record.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_analysis(analysis: Analysis, fmt: str) -> str:
    """Renders an analysis as ``json``, ``md``, ``text`` or ``html``."""
    if fmt == "json":
        return to_json(analysis)
    from copydesk.report.analysis import render_html, render_markdown, render_text

    if fmt == "html":
        return render_html(analysis)
    if fmt == "md":
        return render_markdown(analysis)
    if fmt == "text":
        return render_text(analysis)
    raise ValueError(f"unknown format for an analysis: {fmt!r}")


def render_audit(audit: Audit, fmt: str, *, color: bool = False) -> str:
    """Renders an audit as ``json``, ``md``, ``html`` or ``text``."""
    from copydesk.report.audit import render_audit as render

    return render(audit, fmt, color=color)  # type: ignore[arg-type]


def render_interview(interview: Interview, fmt: str) -> str:
    """Renders an interview as ``text`` (the seed's layout), ``md``, ``json`` or ``html``."""
    from copydesk.report.interview import render_interview as render

    return render(interview, fmt)
