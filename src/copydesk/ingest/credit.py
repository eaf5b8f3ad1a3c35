"""Wire and source credits: "Source: RES-MPE" at the end, "WASHINGTON (AP) —" at the start.

Three forms are recognised, tried in this order:

1. a last line ``Source: NAME`` (also ``Sources:``, ``SOURCE -``, in parentheses or not);
2. a dateline near the start, ``PLACE[, date] (AGENCY) —``; the credit is the ``(AGENCY) —`` part;
3. a last line with the Reuters-style sign-off ``(Reporting by ...; Editing by ...)``; the credit
   is the sign-off itself, without its parentheses.

Plain text keeps the credit in the text and marks it with a span; HTML ingest removes it from
the body (``strip_credit``) and keeps it only as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.model import Span

SOURCE_LINE = re.compile(
    r"(?P<line>\(?(?:SOURCES?|Sources?)\s*[:\-\u2013\u2014]\s*(?P<credit>[^\s()][^\n()]{0,78}?)\s*\)?)[ \t]*$"
)
"""A credit line: ``Source: RES-MPE``, ``(Source: Reuters)``, ``SOURCE - Coastal News Service``."""

SIGN_OFF = re.compile(
    r"(?P<line>\(\s*(?P<credit>(?:Additional\s+)?(?:Reporting|Writing|Compiled)\s+by\s[^\n()]{1,300}?)\s*\))"
    r"[ \t]*$"
)
"""A Reuters-style sign-off: ``(Reporting by Ana Ruiz; Editing by Tom Hale)``."""

DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^\n()]{0,60}?)\s*"
    r"(?P<credit>\((?P<agency>[^\W\d_][^\n()]{0,30}?)\)\s*(?:\u2014|\u2013|--|-|:))"
)
"""A dateline: ``WASHINGTON (AP) —``, ``LONDON, June 3 (Reuters) -``; checked further below."""

DATELINE_LINES = 3
"""The dateline may open any of the first few non-blank lines (after a headline, say)."""
MAX_AGENCY_WORDS = 3


@dataclass(frozen=True)
class Credit:
    """A credit found in a text: the name (``"AP"``) and the span of the credit line or part."""

    name: str
    span: Span
    kind: str
    """``"source_line"``, ``"dateline"`` or ``"sign_off"``."""


def _last_line(text: str) -> tuple[int, int]:
    """Bounds of the last non-blank line, without surrounding whitespace."""
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


def _dateline(text: str) -> Credit | None:
    pos = 0
    for _ in range(DATELINE_LINES):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return None
        m = DATELINE.match(text, pos)
        if m:
            place = m.group("place").split(",")[0]
            agency = m.group("agency").strip()
            if place.isupper() and len(agency.split()) <= MAX_AGENCY_WORDS:
                return Credit(agency, Span(m.start("credit"), m.end("credit")), "dateline")
        nl = text.find("\n", pos)
        if nl < 0:
            return None
        pos = nl + 1
    return None


def find_credit(text: str) -> Credit | None:
    """Finds the wire or source credit of an article.

    Args:
        text: The article text.

    Returns:
        The credit, or None when the text has none of the recognised forms.
    """
    start, end = _last_line(text)
    last = text[start:end]
    m = SOURCE_LINE.fullmatch(last)
    if m:
        return Credit(m.group("credit"), Span(start, end), "source_line")
    dateline = _dateline(text)
    if dateline:
        return dateline
    m = SIGN_OFF.fullmatch(last)
    if m:
        return Credit(" ".join(m.group("credit").split()), Span(start, end), "sign_off")
    return None


def strip_credit(text: str, credit: Credit) -> str:
    """Removes a credit from a text (used for HTML, where the credit is metadata only).

    A last-line credit goes with its line; a dateline loses only its ``(AGENCY)`` part, so
    ``"LONDON (Reuters) - Shares fell"`` becomes ``"LONDON - Shares fell"``.
    """
    if credit.kind == "dateline":
        close = text.index(")", credit.span.start) + 1
        while close < len(text) and text[close] in " \t":
            close += 1
        return text[: credit.span.start] + text[close:]
    return text[: credit.span.start].rstrip() + text[credit.span.end :]
