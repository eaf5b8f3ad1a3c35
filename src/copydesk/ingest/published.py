"""A publication date written as a line of a plain-text article: "Published: 14 March 2025".

Pages keep their date in markup, which the HTML extractor reads; a text file copied from a page
often keeps it as a line near the top instead. One of the first :data:`HEAD_LINES` non-empty
lines that is only a label (:data:`DATE_LINE`) and a date gives the document's ``published``
date, so that "on Tuesday" and "last week" resolve without ``--published``. A date with no
year, or one that is not a real day, gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re

HEAD_LINES = 5
"""Non-empty lines at the top of a text searched for a date line."""
HEAD_CHARS = 4000
"""Characters at the top of a text those lines are taken from."""

DATE_LINE = re.compile(
    r"(?:Published|Posted|Updated|Last\s+updated|Date|Dated)(?:\s+on)?\s*[:\-\u2013\u2014]?\s*"
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r"(?:[\sT,|]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|Z|[+\-]\d{2}:?\d{2})?)?"
    r"\s*",
    re.I,
)
"""A label, an optional weekday, a date (ISO, "14 March 2025" or "March 14, 2025") and an
optional time of day, and nothing else on the line."""

_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    plain = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|[.,]", "", value)
    plain = re.sub(r"\bSept\b", "Sep", " ".join(plain.split()), flags=re.I)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
    return None


def find_published(text: str) -> dt.date | None:
    """The date of a date line among the first :data:`HEAD_LINES` non-empty lines of ``text``."""
    lines = [line.strip() for line in text[:HEAD_CHARS].splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        m = DATE_LINE.fullmatch(line)
        if m:
            return _date(m.group("date"))
    return None
