"""Renders an ``Interview`` as ``text`` (the seed's layout), ``md``, ``json`` or ``html``.

- ``text``: the title line "Interview between <Outlet> Editor and <Guest>", one line per
  turn (``<Outlet> Editor: …`` / ``<Guest>: …``), then the disclosure line, the reader notes
  and the list of edited sentences. The lines before the disclosure are exactly the
  transcript the self-check audited, so the audit's offsets hold for this text.
- ``md``: the same turns, each cited sentence (answers and the editor's statements) with a
  footnote quoting the article sentences it cites; an edited sentence is marked and its
  footnote says what changed.
- ``json``: ``Interview.to_dict()`` (turns with sentence offsets, citations and edits, the
  audit, the notes, the sentences left out, and the operator's warnings).
- ``html``: one self-contained page that also reads on a narrow screen; each cited sentence
  links to its highlighted source span in the article shown beside (or below) the interview.
  All text is escaped.

The reader sees what the self-check checked and what the interview leaves out; the
generator's own warnings (what it skipped or repaired) stay off the page: they are in the
JSON and on stderr.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from copydesk.model import AnswerSentence, Interview, Span

FORMATS = ("text", "md", "json", "html")
VERDICT_ORDER = {"contradicted": 3, "unsupported": 2, "supported": 1, "no_claim": 0}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class _Placed:
    turn: int
    sentence: int
    span: Span  # in the transcript
    verdict: str | None


def transcript(interview: Interview) -> tuple[str, list[int]]:
    """The audited transcript (title and turn lines) and where each turn's text starts."""
    lines = [interview.title]
    starts = []
    pos = len(interview.title) + 1
    for t in interview.turns:
        prefix = f"{t.speaker}: "
        starts.append(pos + len(prefix))
        lines.append(prefix + t.text)
        pos += len(prefix) + len(t.text) + 1
    return "\n".join(lines), starts


def sentence_verdicts(interview: Interview) -> dict[tuple[int, int], str]:
    """The self-check's verdict on each cited sentence (answers and editor's statements),
    keyed by (turn, sentence) index.

    Empty when the interview carries no audit or the audit is of another text.
    """
    audit = interview.audit
    if audit is None:
        return {}
    text, starts = transcript(interview)
    if audit.derived.text != text:
        return {}
    out: dict[tuple[int, int], str] = {}
    for ti, t in enumerate(interview.turns):
        for si, s in enumerate(t.sentences):
            if t.role != "guest" and not s.citations:
                continue
            span = Span(starts[ti] + s.span.start, starts[ti] + s.span.end)
            found = [c.verdict for c in audit.sentences if c.span.overlaps(span)]
            out[(ti, si)] = max(found, key=lambda v: VERDICT_ORDER[v]) if found else "unsupported"
    return out


def _summary(interview: Interview) -> str:
    """What the self-check checked, and nothing more."""
    verdicts = sentence_verdicts(interview)
    if interview.audit is None:
        return "Self-check: not run; nothing in this interview has been checked against the article."
    if not verdicts:
        return "Self-check: the audit attached is of a different text."
    n = len(verdicts)
    supported = sum(v == "supported" for v in verdicts.values())
    edited = sum(1 for t in interview.turns for s in t.sentences if s.edits)
    parts = [
        f"Self-check: copydesk's checker judged {supported} of {n} cited sentences supported by the article",
    ]
    if edited:
        parts.append(f"; {edited} sentence(s) differ from the article's words, each marked with what changed")
    parts.append(
        ". The checker is automatic and can be wrong; it does not judge which passages were chosen "
        "or how the questions frame them."
    )
    return "".join(parts)


def _edit_note(article: str, s: AnswerSentence) -> str:
    kinds = {
        "pronoun": "the analyser's antecedent",
        "date": "the date the analyser resolved",
        "voice": "the article's author",
    }
    notes = []
    for e in s.edits:
        if e.kind == "rewrite":
            notes.append("written by a language model from the cited sentences, then checked")
        elif e.kind == "voice":
            notes.append(f"the author's own words, attributed to {e.text}")
        else:
            notes.append(f"“{_squash(e.source.of(article))}” → “{e.text}” ({kinds[e.kind]})")
    return "; ".join(notes)


def _edits_text(interview: Interview) -> list[str]:
    """Lines listing the edited sentences (turn and sentence numbers from 1)."""
    article = interview.article.text
    lines = []
    for ti, t in enumerate(interview.turns, 1):
        for si, s in enumerate(t.sentences, 1):
            if s.edits:
                lines.append(f"  turn {ti}, sentence {si}: {_edit_note(article, s)}")
    if lines:
        lines.insert(0, "Edited sentences (all others are the article's own words):")
    return lines


def render_text(interview: Interview) -> str:
    text, _ = transcript(interview)
    tail = [interview.disclosure, *interview.notes, *_edits_text(interview)]
    return text + "\n" + "\n".join(tail) + "\n"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _squash(text))


def render_markdown(interview: Interview) -> str:
    article = interview.article.text
    out = [f"# {_md(interview.title)}", ""]
    notes: list[str] = []
    for t in interview.turns:
        parts = []
        for s in t.sentences:
            parts.append(_md(s.span.of(t.text)))
            if s.edits:
                parts[-1] += " *(edited)*"
            if s.citations:
                ranges = ", ".join(f"{c.start}–{c.end}" for c in s.citations)
                quoted = " … ".join(_md(c.of(article)) for c in s.citations)
                note = f"Article, characters {ranges}: {quoted}"
                if s.edits:
                    note += f" Edited: {_md(_edit_note(article, s))}."
                notes.append(note)
                parts[-1] += f"[^{len(notes)}]"
        body = " ".join(parts) if parts else _md(t.text)
        out += [f"**{_md(t.speaker)}:** {body}", ""]
    out += ["---", "", f"*{_md(interview.disclosure)}*", ""]
    out += [_md(n) for n in interview.notes] + ([""] if interview.notes else [])
    out += [_md(_summary(interview)), ""]
    out += [f"[^{n}]: {note}" for n, note in enumerate(notes, 1)]
    return "\n".join(out).rstrip() + "\n"


def render_json(interview: Interview) -> str:
    return json.dumps(interview.to_dict(), ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font:16px/1.5 Georgia,serif;margin:0;color:#222;background:#fafafa}
header{padding:1em 2em;background:#fff;border-bottom:1px solid #ddd}
header h1{font-size:1.4em;margin:.2em 0}
.disclosure,.summary{font-size:.9em;color:#555}
main{display:flex;gap:2em;padding:1em 2em}
section{flex:1;min-width:0}
.turn{margin:0 0 1em}
.speaker{font-weight:bold}
.editor .text{font-style:italic}
a.claim{color:inherit;text-decoration:none;border-bottom:1px dotted #888;cursor:pointer}
a.claim:hover,a.claim.active{background:#fff3b0}
a.claim.v-unsupported,a.claim.v-contradicted{border-bottom:2px solid #c00}
.article{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1em}
.article .cited{background:#eef5ff}
.article .cited.active{background:#ffe066}
.notes{font-size:.9em;color:#333}
.edited-mark{font-size:.7em;color:#666;vertical-align:super;margin-left:.15em}
@media (max-width:700px){
  body{font-size:17px}
  header{padding:.8em 1em}
  main{flex-direction:column;gap:1em;padding:.8em 1em}
  .article{font-size:.9em}
}
"""

_JS = """
document.querySelectorAll('a.claim').forEach(function(a){
  function mark(on){
    a.classList.toggle('active', on);
    (a.dataset.cites||'').split(' ').forEach(function(id){
      document.querySelectorAll('.article [data-c~="'+id+'"]').forEach(function(s){
        s.classList.toggle('active', on);
      });
    });
  }
  a.addEventListener('mouseenter', function(){ mark(true); });
  a.addEventListener('mouseleave', function(){ mark(false); });
  a.addEventListener('focus', function(){ mark(true); });
  a.addEventListener('blur', function(){ mark(false); });
});
"""


def _cite_id(span: Span) -> str:
    return f"src-{span.start}-{span.end}"


def _article_html(article: str, spans: list[Span]) -> str:
    """The article with every cited span wrapped, and an anchor where each cited span starts."""
    cuts = sorted({0, len(article), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for s in starts.get(a, ()):
            out.append(f'<a id="{_cite_id(s)}"></a>')
        piece = html.escape(article[a:b])
        covering = [_cite_id(s) for s in spans if s.start <= a and b <= s.end]
        if covering:
            out.append(f'<span class="cited" data-c="{" ".join(covering)}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


def render_html(interview: Interview) -> str:
    esc = html.escape
    verdicts = sentence_verdicts(interview)
    article = interview.article.text
    cited: list[Span] = []
    turns_html = []
    for ti, t in enumerate(interview.turns):
        parts = []
        for si, s in enumerate(t.sentences):
            piece = esc(s.span.of(t.text))
            if not s.citations:
                parts.append(piece)
                continue
            for c in s.citations:
                if c not in cited:
                    cited.append(c)
            ids = " ".join(_cite_id(c) for c in s.citations)
            verdict = verdicts.get((ti, si))
            cls = f"claim v-{verdict}" if verdict else "claim"
            title = f"self-check: {verdict}" if verdict else "not checked"
            mark = ""
            if s.edits:
                title += "; edited: " + _edit_note(article, s)
                mark = '<span class="edited-mark">edited</span>'
            parts.append(
                f'<a class="{cls}" href="#{_cite_id(s.citations[0])}" data-cites="{ids}" '
                f'title="{esc(title)}">{piece}</a>{mark}'
            )
        body = " ".join(parts) if parts else esc(t.text)
        turns_html.append(
            f'<p class="turn {t.role}"><span class="speaker">{esc(t.speaker)}:</span> '
            f'<span class="text">{body}</span></p>'
        )
    notes = "".join(f'<p class="notes">{esc(n)}</p>' for n in interview.notes)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(interview.title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{esc(interview.title)}</h1>
<p class="disclosure">{esc(interview.disclosure)}</p>
{notes}
<p class="summary">{esc(_summary(interview))}</p>
</header>
<main>
<section class="interview">
{chr(10).join(turns_html)}
</section>
<section>
<h2>Article</h2>
<div class="article">{_article_html(article, cited)}</div>
</section>
</main>
<script>{_JS}</script>
</body>
</html>
"""


def render_interview(interview: Interview, fmt: str) -> str:
    """Renders an interview as ``text``, ``md``, ``json`` or ``html``.

    Raises:
        ValueError: ``fmt`` is not one of those.
    """
    if fmt == "text":
        return render_text(interview)
    if fmt == "md":
        return render_markdown(interview)
    if fmt == "json":
        return render_json(interview)
    if fmt == "html":
        return render_html(interview)
    raise ValueError(f"unknown format for an interview: {fmt!r} (expected one of {', '.join(FORMATS)})")
