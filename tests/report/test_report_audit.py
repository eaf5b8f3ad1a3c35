"""Renderers of an audit: json, text (with and without colour), md and a self-contained html page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from copydesk.model import Audit, ClaimResult, Document, Finding, Span
from copydesk.report.audit import render_audit

SOURCE = (
    "The ferry service between Lindholm and Kasby will stop on Friday, the operator said.\n"
    "Captain Ruth Amsel said the <old> engines could not be repaired & had to be replaced."
)
DERIVED = (
    "Ferries between Lindholm and Kasby stop on Monday.\nThank you.\nAmsel said the engines were fine & new."
)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


@pytest.fixture
def audit() -> Audit:
    s1 = _span(SOURCE, SOURCE.splitlines()[0])
    s2 = _span(SOURCE, SOURCE.splitlines()[1])
    return Audit(
        Document(SOURCE, id="ferry"),
        Document(DERIVED, id="ferry-summary"),
        (
            ClaimResult(
                _span(DERIVED, "Ferries between Lindholm and Kasby stop on Monday."),
                "contradicted",
                0.05,
                (s1,),
                (Finding("date", _span(DERIVED, "Monday"), "'Monday' where the evidence has 'Friday'", s1),),
                0.2,
            ),
            ClaimResult(_span(DERIVED, "Thank you."), "no_claim", 1.0),
            ClaimResult(
                _span(DERIVED, "Amsel said the engines were fine & new."),
                "unsupported",
                0.1,
                (s2,),
                (Finding("unsupported_content", _span(DERIVED, "engines were fine & new"), "no <support>"),),
                0.1,
                context="Ruth Amsel said the engines were fine & new.",
            ),
        ),
        ("a <warning> & more",),
    )


@pytest.fixture
def supported_audit() -> Audit:
    return Audit(
        Document(SOURCE),
        Document("The ferry service will stop on Friday."),
        (ClaimResult(Span(0, 38), "supported", 0.9, (Span(0, 84),), (), 0.9),),
    )


def test_json_round_trips(audit):
    out = render_audit(audit, "json")
    data = json.loads(out)
    assert data["schema_version"]
    assert data["consistent"] is False
    assert [s["verdict"] for s in data["sentences"]] == ["contradicted", "no_claim", "unsupported"]
    assert data["sentences"][0]["model_score"] == 0.2
    assert data["sentences"][0]["findings"][0]["type"] == "date"
    assert Audit.from_dict(data).to_dict() == audit.to_dict()


def test_text_lists_claims_with_evidence_and_findings(audit):
    out = render_audit(audit, "text")
    assert "\x1b[" not in out
    assert "[CONTRADICTED] (score 0.05, model 0.20) Ferries between Lindholm" in out
    assert "evidence [0:84]: “The ferry service between Lindholm and Kasby will stop on Friday" in out
    assert "! date: “Monday” 'Monday' where the evidence has 'Friday'" in out
    assert "[NO CLAIM] Thank you." in out
    assert "read as: Ruth Amsel said" in out
    assert "NOT consistent" in out
    assert "warning: a <warning> & more" in out


def test_text_colours_each_verdict(audit, supported_audit):
    out = render_audit(audit, "text", color=True)
    assert "\x1b[31m[CONTRADICTED]" in out
    assert "\x1b[33m[UNSUPPORTED]" in out
    assert "\x1b[2m[NO CLAIM] Thank you." in out
    assert "\x1b[32m[SUPPORTED]" in render_audit(supported_audit, "text", color=True)


def test_markdown_quotes_evidence_and_escapes(audit):
    out = render_audit(audit, "md")
    assert out.startswith("# copydesk check")
    assert "| contradicted | 1 |" in out
    assert "> The ferry service between Lindholm and Kasby will stop on Friday" in out
    assert r"the \<old\> engines" in out
    assert "**date** `Monday`" in out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_escaped(audit):
    out = render_audit(audit, "html")
    assert out.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", out)
    assert "<link" not in out
    assert "&lt;old&gt;" in out and "<old>" not in out
    assert "&lt;warning&gt; &amp; more" in out
    assert "<\\/" not in out.split('id="claims">')[0]
    parser = _Collector()
    parser.feed(out)
    claims = [a for t, a in parser.tags if t == "span" and "c" in (a.get("class") or "").split()]
    verdicts = {c["class"].split()[1] for c in claims}
    assert verdicts == {"v-contradicted", "v-no_claim", "v-unsupported"}
    evidence = [a for t, a in parser.tags if t == "span" and "ev" in (a.get("class") or "").split()]
    assert {e["class"] for e in evidence} - {"ev on"} == {"ev ev-0", "ev ev-1"}
    findings = [a for t, a in parser.tags if t == "span" and "f" in (a.get("class") or "").split()]
    assert findings


def test_html_embeds_claim_data_for_the_script(audit):
    out = render_audit(audit, "html")
    payload = re.search(r'<script type="application/json" id="claims">(.*?)</script>', out, re.S).group(1)
    data = json.loads(payload)
    assert [c["ev"] for c in data] == [[0], [], [1]]
    assert data[2]["context"].startswith("Ruth Amsel")
    assert data[0]["findings"][0] == {
        "type": "date",
        "text": "Monday",
        "detail": "'Monday' where the evidence has 'Friday'",
    }


def test_html_keeps_the_texts_whole(audit):
    parser = _Collector()
    parser.feed(render_audit(audit, "html"))
    joined = "".join(parser.text)
    assert SOURCE in joined
    assert DERIVED in joined


def test_unknown_format_is_refused(audit):
    with pytest.raises(ValueError, match="unknown format"):
        render_audit(audit, "pdf")  # type: ignore[arg-type]


def test_a_speaker_label_result_is_not_prefixed_with_itself():
    derived = "Dr. Ilse Varga: The ferries stop on Friday."
    label = _span(derived, "Dr. Ilse Varga")
    claim = _span(derived, "The ferries stop on Friday.")
    audit = Audit(
        Document(SOURCE),
        Document(derived),
        (
            ClaimResult(
                label,
                "unsupported",
                0.0,
                findings=(Finding("fabricated_entity", label, "a person the source never mentions"),),
                speaker="Dr. Ilse Varga",
            ),
            ClaimResult(claim, "supported", 0.9, (Span(0, 84),), (), 0.9, speaker="Dr. Ilse Varga"),
        ),
    )
    for fmt in ("text", "md"):
        out = render_audit(audit, fmt)
        assert "Dr. Ilse Varga: Dr. Ilse Varga" not in out.replace("*", "")
        assert "Dr. Ilse Varga: The ferries stop on Friday." in out.replace("*", "")
