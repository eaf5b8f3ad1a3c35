"""The transcript layout the self-check audits, and the verdicts of its answer sentences.

The layout is the seed interview's: a title line "Interview between <Outlet> Editor and
<Guest>", then one line per turn, ``<Outlet> Editor: …`` or ``<Guest>: …``. The disclosure
line that ``report`` appends after the turns is the interview's framing, not a claim about the
world, so it is not audited; the audit's offsets therefore hold for the rendered text too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copydesk.model import Audit, Document, Span

DEFAULT_GUEST = "Desk analyst (automated; answers only from the article)"
"""The guest when none is named: presented honestly, no invented person."""

VERDICT_ORDER = {"contradicted": 3, "unsupported": 2, "supported": 1, "no_claim": 0}
"""Worst first: an answer sentence takes the worst verdict of the claims it overlaps."""


def clean_label(label: str) -> str:
    """A speaker label on one line: whitespace collapsed, no colon (it ends the label), and a
    capital first letter, as transcript readers (the checker among them) expect of a label."""
    cleaned = re.sub(r"\s+", " ", label.replace(":", " -")).strip()
    return cleaned[:1].upper() + cleaned[1:]


def guest_labels(guest: str | None) -> tuple[str, str]:
    """The guest's full label (title line) and the shorter label of their turns.

    The default guest's turns read "Desk analyst"; a label given with ``--guest`` is used as
    it is in both places.
    """
    if guest is None or not guest.strip():
        return DEFAULT_GUEST, "Desk analyst"
    label = clean_label(guest)
    return label, label


def editor_label(outlet: str) -> str:
    return f"{clean_label(outlet)} Editor"


def interview_title(outlet: str, guest_full: str) -> str:
    return f"Interview between {editor_label(outlet)} and {guest_full}"


def disclosure(doc: Document) -> str:
    """States how the interview was made and names the article's source: its credit line and
    byline, with its title and address when known."""
    if doc.source_credit:
        source = f"Source: {doc.source_credit}" + (f", by {doc.byline}" if doc.byline else "")
    elif doc.byline:
        source = f"Source: the article by {doc.byline}"
    elif doc.title:
        source = "Source: the article"
    elif doc.url:
        source = f"Source: {doc.url}"
    else:
        source = "Source: the article as supplied (it carries no source credit)"
    extra = [f"“{doc.title}”"] if doc.title else []
    if doc.url and source != f"Source: {doc.url}":
        extra.append(doc.url)
    if extra:
        source += " (" + ", ".join(extra) + ")"
    return (
        "This interview was generated automatically by copydesk from the article; no one was "
        "interviewed, and every answer restates the article and cites it. " + source
    )


@dataclass(frozen=True)
class Layout:
    """A transcript's text and where each turn's text starts in it."""

    text: str
    turn_starts: tuple[int, ...]


def layout(title: str, turns: Sequence[tuple[str, str]]) -> Layout:
    """Lays out ``(speaker, text)`` turns under the title line, one turn per line."""
    parts = [title]
    starts = []
    pos = len(title) + 1
    for speaker, text in turns:
        prefix = f"{speaker}: "
        starts.append(pos + len(prefix))
        line = prefix + text
        parts.append(line)
        pos += len(line) + 1
    return Layout("\n".join(parts), tuple(starts))


def verdict_of(audit: Audit, span: Span, *, uncovered: str = "unsupported") -> str:
    """The worst verdict among the audit's claims that overlap ``span`` (in the transcript).

    A span that no claim overlaps was not checked; it gets ``uncovered`` (``unsupported`` for
    an answer sentence, which must be checked).
    """
    found = [c.verdict for c in audit.sentences if c.span.overlaps(span)]
    if not found:
        return uncovered
    return max(found, key=lambda v: VERDICT_ORDER[v])
