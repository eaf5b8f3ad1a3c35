"""Page furniture and genre, as ingest and the analyser record them.

Sub-headlines, corrections, editor's notes, author bios, captions, kickers and "Related:"
lines are the page's furniture (``Document.furniture``), not the article's news: no answer
uses them. An opinion piece (``Document.genre == "opinion"``) is labelled for the reader, and
its author's own voice (``Analysis.author_voice``: first person outside quotations) is
attributed to the author, never given as the guest's.
"""

from __future__ import annotations

from copydesk.model import Analysis, Span


def is_furniture(analysis: Analysis, span: Span) -> bool:
    """Whether a sentence lies (mostly) in the document's page furniture."""
    return analysis.document.is_furniture(span)


def is_opinion(analysis: Analysis) -> bool:
    """Whether the article is an opinion piece."""
    return analysis.document.genre == "opinion"


def author_voice(analysis: Analysis) -> tuple[Span, ...]:
    """The sentences in which the author speaks in their own voice (in any genre)."""
    return analysis.author_voice


def author_label(analysis: Analysis) -> str:
    """How an answer attributes the author's own words: the byline's name, else "The author"."""
    byline = (analysis.document.byline or "").strip()
    if byline and len(byline.split()) <= 6 and " and " not in byline:
        return byline
    return "The author"
