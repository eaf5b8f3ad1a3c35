"""Readable renderings of an analysis: metadata (with the genre and the page furniture left out
of the story), a who-said-what table, the actors and the dates."""

from __future__ import annotations

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
