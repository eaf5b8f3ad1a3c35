"""Renderers of an audit: ``json``, ``md``, ``text`` (terminal, optional colour) and ``html``.

Every renderer returns a string and prints nothing. The HTML page is self-contained (inline
CSS and JavaScript, no external assets): the source and the derived text side by side, each
claim coloured by its verdict, and a claim's evidence highlighted in the source when the
claim is hovered or clicked. All text is escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from copydesk.model import Audit, ClaimResult, Span

Format = Literal["json", "md", "html", "text"]
FORMATS: tuple[Format, ...] = ("json", "md", "html", "text")

ANSI: dict[str, str] = {
    "supported": "\x1b[32m",
    "unsupported": "\x1b[33m",
    "contradicted": "\x1b[31m",
    "no_claim": "\x1b[2m",
    "bold": "\x1b[1m",
    "reset": "\x1b[0m",
}
"""Terminal colours: green supported, yellow unsupported, red contradicted, dim no_claim."""

VERDICT_ORDER = ("supported", "unsupported", "contradicted", "no_claim")


def render_audit(audit: Audit, fmt: Format, *, color: bool = False) -> str:
    """Renders an audit as ``json``, ``md``, ``html`` or ``text``.

    Args:
        audit: The audit to show.
        fmt: The output format.
        color: For ``text``, colour the verdicts with ANSI escapes (for a terminal).

    Raises:
        ValueError: ``fmt`` is not one of the formats.
    """
    if fmt == "json":
        return json.dumps(audit.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "text":
        return render_text(audit, color=color)
    if fmt == "md":
        return render_markdown(audit)
    if fmt == "html":
        return render_html(audit)
    raise ValueError(f"unknown format for an audit: {fmt!r} (choose from {', '.join(FORMATS)})")


def _counts(audit: Audit) -> dict[str, int]:
    counts = dict.fromkeys(VERDICT_ORDER, 0)
    for c in audit.sentences:
        counts[c.verdict] += 1
    return counts


def _summary(audit: Audit) -> str:
    counts = _counts(audit)
    parts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in counts.items())
    state = "consistent" if audit.consistent else "NOT consistent"
    n = len(audit.sentences)
    return f"{n} sentences: {parts}. The derived text is {state} (score {audit.score:.2f})."


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _scores(c: ClaimResult) -> str:
    if c.verdict == "no_claim":
        return ""
    model = "" if c.model_score is None else f", model {c.model_score:.2f}"
    return f" (score {c.score:.2f}{model})"


# -- text ---------------------------------------------------------------------------------


def _spoken(c: ClaimResult, dtext: str) -> str | None:
    """The speaker to show before a claim: none for a result that is the speaker label itself."""
    return None if c.speaker == c.span.of(dtext) else c.speaker


def render_text(audit: Audit, *, color: bool = False) -> str:
    """A terminal report: each claim with its verdict, the evidence under it, and the findings."""
    dtext, stext = audit.derived.text, audit.source.text

    def paint(key: str, s: str) -> str:
        return f"{ANSI[key]}{s}{ANSI['reset']}" if color else s

    lines = [paint("bold", "copydesk check"), _summary(audit), ""]
    for c in audit.sentences:
        tag = paint(c.verdict, f"[{c.verdict.upper()}]")
        speaker = _spoken(c, dtext)
        who = f"{speaker}: " if speaker else ""
        claim = _one_line(c.span.of(dtext))
        if c.verdict == "no_claim":
            lines.append(paint("no_claim", f"[NO CLAIM] {who}{claim}"))
            continue
        lines.append(f"{tag}{_scores(c)} {who}{claim}")
        if c.context:
            lines.append(f"    read as: {_one_line(c.context)}")
        for e in c.evidence:
            lines.append(f"    evidence [{e.start}:{e.end}]: “{_one_line(e.of(stext))}”")
        for f in c.findings:
            lines.append(paint(c.verdict, f"    ! {f.type}: “{_one_line(f.span.of(dtext))}” {f.detail}"))
    if audit.warnings:
        lines.append("")
        lines.extend(f"warning: {w}" for w in audit.warnings)
    return "\n".join(lines) + "\n"


# -- markdown -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def render_markdown(audit: Audit) -> str:
    """A Markdown report: a summary table of verdicts, then each claim with evidence quotes."""
    dtext, stext = audit.derived.text, audit.source.text
    counts = _counts(audit)
    out = [
        "# copydesk check",
        "",
        _md(_summary(audit)),
        "",
        "| verdict | sentences |",
        "| --- | ---: |",
        *(f"| {v.replace('_', ' ')} | {n} |" for v, n in counts.items()),
        "",
        "## Sentences",
        "",
    ]
    for n, c in enumerate(audit.sentences, 1):
        speaker = _spoken(c, dtext)
        who = f"*{_md(speaker)}:* " if speaker else ""
        out.append(f"{n}. **{c.verdict.replace('_', ' ')}**{_scores(c)} — {who}{_md(c.span.of(dtext))}")
        if c.context:
            out.append(f"   - read as: {_md(c.context)}")
        for e in c.evidence:
            out.append(f"   > {_md(e.of(stext))} *(source {e.start}–{e.end})*")
            out.append("")
        for f in c.findings:
            out.append(f"   - **{f.type}** `{_one_line(f.span.of(dtext)).replace('`', '')}`: {_md(f.detail)}")
    if audit.warnings:
        out += ["", "## Warnings", "", *(f"- {_md(w)}" for w in audit.warnings)]
    return "\n".join(out) + "\n"


# -- html ---------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 4px}
.legend span{display:inline-block;margin-right:10px;padding:0 6px;border-radius:3px}
main{display:grid;grid-template-columns:1fr 1fr;gap:16px;padding:16px 20px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;overflow:auto;
  max-height:80vh}
h2{font-size:15px;margin:0 0 8px;color:#555}
.text{white-space:pre-wrap}
.c{cursor:pointer;border-radius:3px}
.v-supported{background:#d9f2dd}
.v-unsupported{background:#fff1c2}
.v-contradicted{background:#ffd4d1}
.v-no_claim{color:#888}
.c.sel{outline:2px solid #0a58ca}
.c:focus-visible{outline:2px solid #0a58ca;outline-offset:1px}
.f{text-decoration:underline wavy #c00;text-underline-offset:3px}
.ev.on{background:#bcd7ff;box-shadow:0 0 0 2px #bcd7ff}
#detail{grid-column:1/3;background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;
  min-height:3em}
#detail .k{color:#666}
ul.find{margin:4px 0;padding-left:20px}
.warn{color:#a15c00}
"""

_JS = """
(function(){
  var claims = JSON.parse(document.getElementById('claims').textContent);
  var detail = document.getElementById('detail');
  var current = null;
  function esc(s){var d=document.createElement('div');d.textContent=s;return d.innerHTML;}
  function mark(k,on){
    if(k===null)return;
    document.querySelectorAll('.c[data-k="'+k+'"]').forEach(function(e){e.classList.toggle('sel',on);});
    claims[k].ev.forEach(function(i){
      document.querySelectorAll('.ev-'+i).forEach(function(e){e.classList.toggle('on',on);});
    });
  }
  function show(k){
    var c=claims[k], h='<b>'+esc(c.verdict)+'</b>';
    if(c.score!==null)h+=' <span class="k">score</span> '+c.score.toFixed(2);
    if(c.model!==null)h+=' <span class="k">model</span> '+c.model.toFixed(2);
    if(c.context)h+='<div><span class="k">read as:</span> '+esc(c.context)+'</div>';
    if(c.findings.length){h+='<ul class="find">';c.findings.forEach(function(f){
      h+='<li><b>'+esc(f.type)+'</b> “'+esc(f.text)+'” '+esc(f.detail)+'</li>';});h+='</ul>';}
    if(!c.ev.length&&c.verdict!=='no_claim')h+='<div class="k">no evidence in the source</div>';
    detail.innerHTML=h;
  }
  document.querySelectorAll('.c').forEach(function(e){
    var k=+e.getAttribute('data-k');
    e.addEventListener('mouseenter',function(){if(current===null){mark(k,true);show(k);}});
    e.addEventListener('mouseleave',function(){if(current===null)mark(k,false);});
    e.addEventListener('focus',function(){if(current===null){mark(k,true);show(k);}});
    e.addEventListener('blur',function(){if(current===null)mark(k,false);});
    e.addEventListener('keydown',function(ev){
      if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();e.click();}
    });
    e.addEventListener('click',function(){
      mark(current,false);
      if(current===k){current=null;return;}
      current=k;mark(k,true);show(k);
      var first=claims[k].ev.length?document.querySelector('.ev-'+claims[k].ev[0]):null;
      if(first)first.scrollIntoView({block:'nearest',behavior:'smooth'});
    });
  });
})();
"""


def _pieces(length: int, spans: Sequence[Span]) -> list[tuple[int, int, list[int]]]:
    """Cuts ``[0, length)`` at every span boundary; each piece lists the spans covering it."""
    cuts = {0, length}
    for s in spans:
        cuts.update((min(s.start, length), min(s.end, length)))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a < b:
            out.append((a, b, [i for i, s in enumerate(spans) if s.start <= a and b <= s.end]))
    return out


def _source_html(text: str, evidence: list[Span]) -> str:
    out = []
    for a, b, covering in _pieces(len(text), evidence):
        chunk = html.escape(text[a:b])
        if covering:
            classes = " ".join(["ev", *(f"ev-{i}" for i in covering)])
            out.append(f'<span class="{classes}">{chunk}</span>')
        else:
            out.append(chunk)
    return "".join(out)


def _derived_html(text: str, claims: Sequence[ClaimResult]) -> str:
    spans = [c.span for c in claims]
    finding_spans = [f.span for c in claims for f in c.findings]
    out = []
    for a, b, covering in _pieces(len(text), spans + finding_spans):
        chunk = html.escape(text[a:b])
        owners = [i for i in covering if i < len(spans)]
        flagged = any(i >= len(spans) for i in covering)
        if not owners:
            out.append(f'<span class="f">{chunk}</span>' if flagged else chunk)
            continue
        k = min(owners, key=lambda i: len(spans[i]))
        classes = f"c v-{claims[k].verdict}" + (" f" if flagged else "")
        title = html.escape(f"{claims[k].verdict}{_scores(claims[k])}", quote=True)
        out.append(f'<span class="{classes}" data-k="{k}" tabindex="0" title="{title}">{chunk}</span>')
    return "".join(out)


def render_html(audit: Audit) -> str:
    """A self-contained page: source and derived text side by side, evidence shown on hover/click."""
    dtext, stext = audit.derived.text, audit.source.text
    evidence: list[Span] = []
    index: dict[Span, int] = {}
    for c in audit.sentences:
        for e in c.evidence:
            if e not in index:
                index[e] = len(evidence)
                evidence.append(e)
    data: list[dict[str, Any]] = [
        {
            "verdict": c.verdict,
            "score": None if c.verdict == "no_claim" else round(c.score, 4),
            "model": None if c.model_score is None else round(c.model_score, 4),
            "context": c.context,
            "ev": [index[e] for e in c.evidence],
            "findings": [{"type": f.type, "text": f.span.of(dtext), "detail": f.detail} for f in c.findings],
        }
        for c in audit.sentences
    ]
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
    legend = "".join(f'<span class="v-{v}">{v.replace("_", " ")}</span>' for v in VERDICT_ORDER)
    warnings = "".join(f'<p class="warn">warning: {html.escape(w)}</p>' for w in audit.warnings)
    title = html.escape(audit.derived.title or audit.derived.id or "derived text")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>copydesk check: {title}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>copydesk check</h1><div>{html.escape(_summary(audit))}</div>"
        f'<div class="legend">{legend} <span class="f">finding</span> '
        '<span class="ev on">evidence</span></div>'
        f"{warnings}</header><main>"
        '<section><h2>Source</h2><div class="text" id="source">'
        f"{_source_html(stext, evidence)}</div></section>"
        '<section><h2>Derived text</h2><div class="text" id="derived">'
        f"{_derived_html(dtext, audit.sentences)}</div></section>"
        '<div id="detail">Hover over or click a sentence of the derived text to see its evidence.</div>'
        f'</main><script type="application/json" id="claims">{payload}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )
