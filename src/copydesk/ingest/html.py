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
from typing import Any

from copydesk.model import FurnitureKind

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


HINT_TAGS: dict[str, FurnitureKind] = {
    "h2": "subhead",
    "h3": "subhead",
    "h4": "subhead",
    "h5": "subhead",
    "h6": "subhead",
    "figcaption": "caption",
}
"""Elements whose text is furniture wherever it appears in the extracted text."""
HINT_CLASSES: tuple[tuple[str, FurnitureKind], ...] = (
    ("correction", "correction"),
    ("editors-note", "editors_note"),
    ("editor-note", "editors_note"),
    ("editorsnote", "editors_note"),
    ("authorbio", "author_bio"),
    ("bio", "author_bio"),
    ("byline", "byline"),
    ("caption", "caption"),
    ("credit", "caption"),
    ("related", "related"),
    ("read-more", "related"),
    ("readmore", "related"),
    ("more-stories", "related"),
    ("newsletter", "boilerplate"),
    ("subscribe", "boilerplate"),
    ("signup", "boilerplate"),
    ("sign-up", "boilerplate"),
    ("share", "boilerplate"),
    ("social", "boilerplate"),
    ("subhead", "subhead"),
    ("sub-head", "subhead"),
    ("crosshead", "subhead"),
)
"""Class or id words that say what an element is (first match wins): a word matches a class
name, or a run of the parts of one split at "-" and "_" ("author-bio", "c-article__byline")."""
SECTION_META: tuple[str, ...] = (
    "article:section",
    "section",
    "article.section",
    "parsely-section",
    "category",
)
"""Meta names (``name`` or ``property``) that hold the page's section."""
OPINION_TYPES = frozenset({"opinionnewsarticle", "analysisnewsarticle", "reviewnewsarticle"})
"""schema.org types of an opinion or analysis piece (JSON-LD ``@type``)."""
_HINT_MAX_CHARS = 600


def _hint_kind(el: Any) -> FurnitureKind | None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in HINT_TAGS:
        return HINT_TAGS[tag]
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    if not names:
        return None
    tokens = [re.split(r"[-_]", n) for n in names]
    for fragment, kind in HINT_CLASSES:
        parts = re.split(r"[-_]", fragment)
        k = len(parts)
        if any(t[i : i + k] == parts for t in tokens for i in range(len(t) - k + 1)):
            return kind
    return None


def furniture_hints(html: str, *, url: str | None = None) -> tuple[dict[str, FurnitureKind], list[str]]:
    """What a page's markup says about its furniture and genre.

    Returns:
        The normalised text of each furniture element (headings below the headline, figure
        captions, elements whose class or id says "caption", "byline", "correction", "bio",
        "related", "newsletter" ...) with its kind, and the genre labels the page gives (its
        section meta, a schema.org opinion type, an opinion class on the article or body, an
        "/opinion/" path in its url), as evidence strings.
    """
    import lxml.html

    from copydesk.ingest.furniture import GENRE_LABELS, genre_label

    hints: dict[str, FurnitureKind] = {}
    labels: list[str] = []
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return hints, labels
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        kind = _hint_kind(el)
        if kind is None:
            continue
        text = _norm(el.text_content())
        if text and len(text) <= _HINT_MAX_CHARS:
            hints.setdefault(text, kind)
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in SECTION_META:
            label = genre_label(meta.get("content") or "")
            if label:
                labels.append(f"page section {label!r} ({key})")
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            body = (script.text or "").lower()
            for t in OPINION_TYPES:
                if f'"{t}"' in body:
                    labels.append(f"schema.org type {t!r}")
            m = re.search(r'"articlesection"\s*:\s*"([^"]{1,40})"', body)
            if m and genre_label(m.group(1)):
                labels.append(f"page section {genre_label(m.group(1))!r} (articleSection)")
    for el in (*root.iter("article"), *root.iter("body")):
        names = f"{el.get('class') or ''}".lower().replace("_", "-")
        found = [
            w for w in re.split(r"\s+", names) if w in GENRE_LABELS or w.startswith(("opinion", "op-ed"))
        ]
        if found:
            labels.append(f"page class {found[0]!r}")
            break
    if url and re.search(r"/(?:opinions?|op-?eds?|commentary|editorials?|columns?)/", url.lower()):
        labels.append(f"url path ({url})")
    return hints, list(dict.fromkeys(labels))
