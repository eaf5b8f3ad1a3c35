"""Page furniture and genre, as ingest records them on the ``Document``.

Sub-headlines, corrections, editor's notes, author bios, captions, kickers and "Related:"
lines are the page's furniture, not the article's news: no answer uses them. An opinion
piece is labelled, and its author's own voice is attributed to the author. Ingest finds
both (``Document.furniture``, ``Document.genre``); until a document carries them, nothing is
furniture and no piece is an opinion piece.
"""

from __future__ import annotations

from copydesk.model import Analysis, Span


def furniture_spans(analysis: Analysis) -> list[Span]:
    """The spans of the document's page furniture."""
    out: list[Span] = []
    for item in getattr(analysis.document, "furniture", ()):
        span = getattr(item, "span", item)
        if isinstance(span, Span):
            out.append(span)
    return out


def is_furniture(analysis: Analysis, span: Span) -> bool:
    """Whether a sentence lies in the document's page furniture."""
    return any(f.overlaps(span) for f in furniture_spans(analysis))


def is_opinion(analysis: Analysis) -> bool:
    """Whether ingest labelled the document an opinion piece."""
    return getattr(analysis.document, "genre", None) == "opinion"


def author_voice(analysis: Analysis) -> list[Span]:
    """The spans in which an opinion piece's author speaks in their own voice."""
    out: list[Span] = []
    for item in getattr(analysis.document, "voice", ()):
        span = getattr(item, "span", item)
        if isinstance(span, Span):
            out.append(span)
    return out
