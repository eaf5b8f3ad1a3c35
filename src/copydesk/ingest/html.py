"""HTML pages -> article text and metadata, through trafilatura's main-text extraction.

trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and Command-Line Tool for
Text Discovery and Extraction", ACL demos) drops navigation, footers, scripts and related-story
boxes and keeps the article body, one paragraph a line. It runs here with its balanced default
(neither ``favor_precision`` nor ``favor_recall``: losing a quoted paragraph costs the analyser
as much as keeping a stray menu line), without comments, and never touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKUP_HINTS: tuple[str, ...] = ("<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<p ")
"""Tags that make ``kind="auto"`` treat an input as HTML when they appear near its start."""
MARKUP_WINDOW = 2048
"""How many leading characters ``looks_like_html`` reads."""
PROSE_MIN_WORDS = 6
"""A page has article text only if some line has at least this many words and a sentence mark:
trafilatura's fallback extractors return a bare menu ("Home News Sport") rather than nothing."""
BOILERPLATE_MARKERS: tuple[str, ...] = (
    "\u00a9",
    "copyright",
    "all rights reserved",
    "privacy policy",
    "cookie policy",
    "terms of use",
    "terms of service",
)
"""Lines holding one of these (lower-cased) do not count as article prose."""

_SENTENCE_MARK = re.compile(r"[.!?\u2026]")


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found on a page; every field but ``text`` may be None."""

    text: str
    title: str | None
    published: str | None
    byline: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    """True when one of ``MARKUP_HINTS`` appears in the first ``MARKUP_WINDOW`` characters."""
    head = text[:MARKUP_WINDOW].lower()
    return any(hint in head for hint in MARKUP_HINTS)


def has_prose(text: str) -> bool:
    """True when some line reads like a sentence of an article rather than a menu or a footer."""
    for line in text.splitlines():
        low = line.lower()
        if any(marker in low for marker in BOILERPLATE_MARKERS):
            continue
        if len(line.split()) >= PROSE_MIN_WORDS and _SENTENCE_MARK.search(line):
            return True
    return False


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def extract(html: str) -> Extracted | None:
    """Extracts the article body and its metadata from an HTML page.

    The headline is kept as ``title``; when trafilatura also returns it as the first line of the
    body, that line is dropped so the headline is not analysed as a sentence of the article.

    Args:
        html: The page, decoded.

    Returns:
        The extraction, or None when the page has no article text (see ``has_prose``).
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return None

    def field(name: str) -> str | None:
        value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
        return value.strip() if isinstance(value, str) and value.strip() else None

    text = field("text")
    if text is None or not has_prose(text):
        return None
    title = field("title")
    if title:
        first, _, rest = text.partition("\n")
        if _norm(first) == _norm(title) and rest.strip():
            text = rest.strip()
    return Extracted(text, title, field("date"), field("author"), field("url"))
