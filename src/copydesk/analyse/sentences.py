"""Sentences as character spans.

Reads: the sentence boundaries of a parsed spaCy ``Doc`` (the parser's, with every line break a
hard boundary: see ``nlp.make_doc``). Writes: one ``Span`` per sentence, without the whitespace
around it; whitespace-only sentences (blank lines) are not sentences. A quotation that runs over
several sentences stays several sentences: the quote's content span covers them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.analyse.nlp import DocIndex
from copydesk.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


def sentence_spans(doc: Doc, index: DocIndex | None = None) -> tuple[Span, ...]:
    """The sentences of ``doc``, trimmed of surrounding whitespace, in text order."""
    index = index if index is not None else DocIndex(doc)
    text = index.text
    out = []
    ends = [*index.starts[1:], len(text)]
    for first, last in index.sent_bounds:
        start, end = index.starts[first], ends[last - 1]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end))
    return tuple(out)
