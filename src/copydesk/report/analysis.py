"""Readable renderings of an analysis: metadata (with the genre and the page furniture left out
of the story), a who-said-what table, the actors and the dates."""

from __future__ import annotations

import html

from copydesk.model import Analysis, Quote, Span

MAX_CELL = 160


def _clip(text: str, limit: int = MAX_CELL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _span_text(text: str, span: Span | None) -> str:
    return "" if span is None else _clip(span.of(text))


def _speaker(text: str, q: Quote) -> str:
    if q.speaker is None:
        return "(unattributed)"
    mention = _clip(q.speaker.of(text), 60)
    if q.name and q.name != mention:
        return f"{q.name} ({mention})"
    return mention


def _rows(analysis: Analysis) -> list[tuple[str, str, str, str, str]]:
    text = analysis.document.text
    return [
        (
            _speaker(text, q),
            _span_text(text, q.cue),
            q.kind,
            _span_text(text, q.content),
            f"{q.content.start}-{q.content.end}",
        )
        for q in analysis.quotes
    ]


def _header(analysis: Analysis) -> list[str]:
    doc = analysis.document
    lines = []
    for label, value in (
        ("id", doc.id),
        ("title", doc.title),
        ("published", doc.published.isoformat() if doc.published else None),
        ("byline", doc.byline),
        ("source credit", doc.source_credit),
        ("genre", _genre(analysis)),
        ("page furniture", _furniture(analysis)),
    ):
        if value:
            lines.append(f"{label}: {value}")
    return lines


def _genre(analysis: Analysis) -> str | None:
    doc = analysis.document
    if doc.genre is None:
        return None
    why = "; ".join(doc.genre_evidence)
    n = len(analysis.author_voice)
    voice = f", {n} sentence(s) in the author's voice" if n else ""
    return f"{doc.genre}{voice}" + (f" ({why})" if why else "")


def _furniture(analysis: Analysis) -> str | None:
    """ "subhead 2, caption 1, ..." in text order of first appearance, or None."""
    counts: dict[str, int] = {}
    for f in analysis.document.furniture:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return ", ".join(f"{k} {n}" for k, n in counts.items()) or None


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|")


def render_markdown(analysis: Analysis) -> str:
    """Markdown: metadata, a who-said-what table, actors and dates."""
    text = analysis.document.text
    out = ["# Analysis", ""]
    out += [f"- {line}" for line in _header(analysis)]
    out += [
        "",
        "## Who said what",
        "",
        "| speaker | cue | kind | content | offsets |",
        "|---|---|---|---|---|",
    ]
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in _rows(analysis)]
    out += ["", "## Actors", "", "| name | type | titles | aliases | mentions |", "|---|---|---|---|---|"]
    for a in analysis.actors:
        out.append(
            f"| {_md_cell(a.name)} | {a.type} | {_md_cell('; '.join(a.titles))} | "
            f"{_md_cell('; '.join(a.aliases))} | {len(a.mentions)} |"
        )
    out += ["", "## Dates", "", "| expression | value |", "|---|---|"]
    for d in analysis.dates:
        out.append(f"| {_md_cell(d.span.of(text))} | {d.value or '(unresolved)'} |")
    if analysis.warnings:
        out += ["", "## Warnings", ""] + [f"- {w}" for w in analysis.warnings]
    return "\n".join(out) + "\n"


def render_text(analysis: Analysis) -> str:
    """Plain text for a terminal: one block per attribution, then actors and dates."""
    text = analysis.document.text
    out = _header(analysis)
    out += ["", f"WHO SAID WHAT ({len(analysis.quotes)})"]
    for n, (speaker, cue, kind, content, offsets) in enumerate(_rows(analysis), 1):
        out.append(f"{n:3d}. {speaker} — {cue or '(no cue)'} [{kind}, {offsets}]")
        out.append(f"     {content}")
    out += ["", f"ACTORS ({len(analysis.actors)})"]
    for a in analysis.actors:
        extra = f" — {'; '.join(a.titles)}" if a.titles else ""
        out.append(f"  {a.id:4s} {a.name} [{a.type}]{extra} ({len(a.mentions)} mentions)")
    out += ["", f"DATES ({len(analysis.dates)})"]
    for d in analysis.dates:
        out.append(f"  {_clip(d.span.of(text), 40):40s} {d.value or '(unresolved)'}")
    if analysis.warnings:
        out += ["", "WARNINGS"] + [f"  {w}" for w in analysis.warnings]
    return "\n".join(out) + "\n"


_HTML_CSS = """
body{font:15px/1.5 system-ui,sans-serif;color:#1d1d1f;max-width:1200px;margin:0 auto;padding:0 1em}
.analysis table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;background:#fff}
.analysis td,.analysis th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
.analysis .article{white-space:pre-wrap;background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em;
  font:14px/1.6 Georgia,serif}
.analysis mark{background:#fff3b0;border-radius:2px}
.analysis mark:target,.analysis mark:focus{background:#ffd54f;outline:2px solid #b58900}
.analysis .meta{color:#555}
.analysis td{overflow-wrap:anywhere}
@media (max-width:720px){.analysis table{display:block;overflow-x:auto}
  .analysis td:nth-child(2),.analysis th:nth-child(2),
  .analysis td:nth-child(6),.analysis th:nth-child(6){display:none}}
"""


def _article_html(text: str, quotes: tuple[Quote, ...]) -> str:
    """The article with each quote's content marked, and reachable by link and keyboard."""
    out, at = [], 0
    for n, q in sorted(enumerate(quotes, 1), key=lambda p: p[1].content.start):
        if q.content.start < at:
            continue  # overlapping contents: the first one is marked
        out.append(html.escape(text[at : q.content.start]))
        out.append(
            f'<mark id="q{n}" tabindex="0" title="quote {n}: {html.escape(_speaker(text, q), quote=True)}">'
            f"{html.escape(q.content.of(text))}</mark>"
        )
        at = q.content.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def render_html(analysis: Analysis) -> str:
    """A self-contained page: metadata, who said what (each linked to its place in the
    article), actors, dates, and the article with every quote marked."""
    esc = html.escape
    text = analysis.document.text
    title = analysis.document.title or analysis.document.id or "article"
    rows = "".join(
        f'<tr><td><a href="#q{n}">{n}</a></td><td>{esc(cue)}</td><td>{esc(speaker)}</td>'
        f"<td>{esc(kind)}</td><td>{esc(content)}</td><td>{esc(offsets)}</td></tr>"
        for n, (speaker, cue, kind, content, offsets) in enumerate(_rows(analysis), 1)
    )
    actors = "".join(
        f"<tr><td>{esc(a.name)}</td><td>{esc(a.type)}</td><td>{esc('; '.join(a.titles))}</td>"
        f"<td>{esc('; '.join(a.aliases))}</td><td>{len(a.mentions)}</td></tr>"
        for a in analysis.actors
    )
    dates = "".join(
        f"<tr><td>{esc(d.span.of(text))}</td><td>{esc(d.value or '(unresolved)')}</td>"
        f"<td>{d.span.start}-{d.span.end}</td></tr>"
        for d in analysis.dates
    )
    meta = "".join(f"<li>{esc(line)}</li>" for line in _header(analysis))
    warnings = "".join(f"<li>{esc(w)}</li>" for w in analysis.warnings)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>copydesk analysis: {esc(title)}</title><style>{_HTML_CSS}</style></head><body>"
        '<div class="analysis">'
        f'<h1>Analysis</h1><ul class="meta">{meta}</ul>'
        + (f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else "")
        + f"<h2>Who said what ({len(analysis.quotes)})</h2>"
        "<table><thead><tr><th>#</th><th>cue</th><th>speaker</th><th>kind</th><th>content</th>"
        f"<th>offsets</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<h2>Actors ({len(analysis.actors)})</h2>"
        "<table><thead><tr><th>name</th><th>type</th><th>titles</th><th>aliases</th><th>mentions</th>"
        f"</tr></thead><tbody>{actors}</tbody></table>"
        f"<h2>Dates ({len(analysis.dates)})</h2>"
        "<table><thead><tr><th>expression</th><th>value</th><th>offsets</th></tr></thead>"
        f"<tbody>{dates}</tbody></table>"
        f'<h2>Article</h2><div class="article">{_article_html(text, analysis.quotes)}</div>'
        "</div></body></html>\n"
    )
