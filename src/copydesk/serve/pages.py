"""The review pages: Jinja2 templates (autoescaped: every input is escaped) and their CSP.

The reports themselves come from ``copydesk.report`` (the same HTML ``--format html``
writes). Their inline ``<style>`` and ``<script>`` blocks are allowed by hash in the page's
Content-Security-Policy, so no other inline script can run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2

from copydesk.model import Analysis, Audit, Interview

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_BODY = re.compile(r"<body>(.*)</body>", re.S)

KIND_LABELS = {"analysis": "analysis", "audit": "check", "interview": "interview"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("copydesk.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["kind_label"] = KIND_LABELS.get
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def _hashes(blocks: Iterable[str]) -> str:
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() + "'"
        for b in blocks
    )


def csp(*, scripts: Iterable[str] = (), styles: Iterable[str] = ()) -> str:
    """A page's policy: its own files, plus the inline blocks given (by their sha256)."""
    return (
        "default-src 'none'; "
        f"script-src 'self' {_hashes(scripts)}; "
        f"style-src 'self' {_hashes(styles)}; "
        "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )


def csp_for_document(html: str) -> str:
    """The policy for a whole report page as ``copydesk.report`` writes it."""
    return csp(scripts=_SCRIPT.findall(html), styles=_STYLE.findall(html))


@dataclass(frozen=True)
class Report:
    """A report split for embedding: its style, its body, and the policy they need."""

    style: str
    body: str
    policy: str


def report_html(kind: str, result: dict[str, Any]) -> str:
    """The stored result rendered as ``--format html`` renders it."""
    from copydesk.report import render_analysis, render_audit, render_interview

    if kind == "analysis":
        return render_analysis(Analysis.from_dict(result), "html")
    if kind == "audit":
        return render_audit(Audit.from_dict(result), "html")
    if kind == "interview":
        return render_interview(Interview.from_dict(result), "html")
    raise ValueError(f"unknown kind {kind!r}")


def stored_report(kind: str, result: str) -> Report:
    """The review page's report of a stored result; a result this version cannot read (one
    stored by another version, say) is shown as its JSON instead of failing the page."""
    try:
        return split_report(report_html(kind, json.loads(result)))
    except (KeyError, TypeError, ValueError) as e:
        body = render("raw_result.html", problem=f"{type(e).__name__}: {e}", data=pretty_json(result))
        return Report(style="", body=body, policy=csp())


def split_report(document: str) -> Report:
    """Takes a report's whole page apart: its inline style, and the body to embed."""
    styles = _STYLE.findall(document)
    body_match = _BODY.search(document)
    body = body_match.group(1) if body_match else ""
    return Report(
        style="\n".join(styles),
        body=body,
        policy=csp(scripts=_SCRIPT.findall(body), styles=["\n".join(styles)] if styles else []),
    )


def error_page(status: int, message: str) -> str:
    """A readable page for an error answer."""
    return render("error.html", status=status, message=message, title=f"Error {status}")


def pretty_json(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2)
