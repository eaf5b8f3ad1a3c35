"""Quotation-mark regions: pair the double quote marks of a text, paragraph by paragraph.

Reads: the text only (no parse). Writes: ``QuoteRegion`` records and warning strings.

Rules (the conventions of English news copy, as in the AP and Chicago style guides):

* Straight (``"``) and curly (``“ ”``) double marks are paired within a paragraph (a line). A
  mark's direction comes from its neighbours first (a mark after a space or at the start of a
  line and before a non-space opens; a mark after a non-space and before a space, punctuation
  or the end of the line closes) and from its glyph only when the neighbours do not tell.
* A quotation continues across paragraphs when a paragraph ends inside it and the next one
  opens with a quote mark: the next paragraph's opening mark is not a new quotation.
* An opening mark left unclosed at the end of its paragraph (with no continuation) closes
  there; a closing mark with nothing open is ignored. Both are recorded as warnings with
  their offsets; they never stop the analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.model import Span

QUOTE_MARK_PATTERN = re.compile("''|[“”\"]")
"""A double quote mark: straight, curly, or two apostrophes (the style of some archives)."""
QUOTE_MARKS = frozenset('“”"')
_OPENING_MARKS = ("“", '"', "''")
_AFTER_CLOSE = frozenset(" \t\u00a0.,;:!?)]}—–-…’'")
_BEFORE_OPEN = frozenset(" \t\u00a0([{—–-/")


@dataclass(frozen=True)
class QuoteRegion:
    """A quotation from its opening mark to just after its closing mark.

    ``parts`` holds one span per paragraph the quotation runs through (one for most quotes);
    ``closed`` is False when the quotation ran to the end of its paragraph without a closing mark.
    """

    span: Span
    parts: tuple[Span, ...]
    closed: bool = True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)`` offsets, without surrounding whitespace."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def _opens(text: str, i: int, j: int, start: int, end: int, is_open: bool) -> bool:
    """Whether the mark ``text[i:j]`` (inside the paragraph ``[start, end)``) opens a quotation."""
    before = text[i - 1] if i > start else " "
    after = text[j] if j < end else " "
    looks_open = before in _BEFORE_OPEN or before in QUOTE_MARKS
    looks_close = after in _AFTER_CLOSE or after in QUOTE_MARKS
    if looks_open and not looks_close:
        return True
    if looks_close and not looks_open:
        return False
    if text[i] == "“":
        return True
    if text[i] == "”":
        return False
    return not is_open


def find_quote_regions(text: str) -> tuple[list[QuoteRegion], list[str]]:
    """Pairs the double quote marks of ``text`` into quotation regions.

    Returns:
        The regions in text order, and one warning per unbalanced mark (with its offsets).
    """
    regions: list[QuoteRegion] = []
    warnings: list[str] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    part_start: int | None = None
    parts: list[Span] = []
    for k, (start, end) in enumerate(paragraphs):
        part_start = start if open_at is not None else None
        continued = open_at is not None and text.startswith(_OPENING_MARKS, start)
        for m in QUOTE_MARK_PATTERN.finditer(text, start, end):
            i, j = m.span()
            if continued and i == start:
                continue
            if _opens(text, i, j, start, end, open_at is not None):
                if open_at is not None:
                    assert part_start is not None
                    close = i
                    while close > part_start and text[close - 1].isspace():
                        close -= 1
                    warnings.append(
                        f"unbalanced quote mark at [{open_at}:{open_at + 1}]: a new quotation opens at "
                        f"{i} before it closes"
                    )
                    parts.append(Span(part_start, close))
                    regions.append(QuoteRegion(Span(open_at, close), tuple(parts), closed=False))
                    parts = []
                open_at = part_start = i
            elif open_at is not None:
                assert part_start is not None
                parts.append(Span(part_start, j))
                regions.append(QuoteRegion(Span(open_at, j), tuple(parts)))
                open_at = part_start = None
                parts = []
            else:
                warnings.append(f"unbalanced quote mark at [{i}:{j}]: a closing mark with no opening one")
        if open_at is not None:
            assert part_start is not None
            parts.append(Span(part_start, end))
            following = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
            if following is None or not text.startswith(_OPENING_MARKS, following):
                warnings.append(
                    f"unbalanced quote mark at [{open_at}:{open_at + 1}]: the quotation is not closed "
                    f"by the end of its paragraph at {end}"
                )
                regions.append(QuoteRegion(Span(open_at, end), tuple(parts), closed=False))
                open_at = None
                parts = []
    return regions, warnings
