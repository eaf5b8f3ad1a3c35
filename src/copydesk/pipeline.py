"""The one module that composes the stages: ingest -> analyse -> (generate) -> check -> report.

The CLI and the HTTP service call only this module. Each stage is imported inside the function
that needs it, so importing copydesk stays fast and loads no model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any, BinaryIO

from copydesk.config import Settings
from copydesk.errors import CopydeskError, InputError
from copydesk.model import Analysis, Audit, Document, Interview

DocLike = str | Document
Row = dict[str, Any]
"""One row of a batch's JSONL output: ``{"id", ...}`` (the id first), or ``{"id", "error"}``."""


def to_document(item: DocLike, *, settings: Settings | None = None, name: str = "<text>") -> Document:
    """Takes a ``Document`` as it is, or ingests a string as a plain-text article."""
    if isinstance(item, Document):
        return item
    from copydesk.ingest import read_text

    return read_text(item, name=name, settings=settings or Settings())


def as_derived(doc: Document) -> Document:
    """A derived text (a summary, a rewrite, an interview) as the checker takes it: every line is
    a claim to check, so nothing in it is page furniture, whatever its shape."""
    if not doc.furniture and doc.genre is None:
        return doc
    return dataclasses.replace(doc, furniture=(), genre=None, genre_evidence=())


def read(path: str, *, settings: Settings | None = None) -> Document:
    """Reads one article from a file (``-`` for stdin): plain text verbatim, or HTML's main text."""
    from copydesk.ingest import read_path

    return read_path(path, settings=settings or Settings())


def read_string(
    content: str, *, html: bool = False, meta: dict[str, Any] | None = None, settings: Settings | None = None
) -> Document:
    """Ingests an article given as a string: plain text verbatim, or HTML's main text."""
    from copydesk.ingest import read_bytes, read_text

    settings = settings or Settings()
    if html:
        return read_bytes(content.encode("utf-8"), name="request", settings=settings, kind="html", meta=meta)
    return read_text(content, name="request", settings=settings, meta=meta)


def is_batch(path: str) -> bool:
    """True when the path names a JSONL batch (one article per line)."""
    from copydesk.ingest import is_jsonl

    return is_jsonl(path)


def analyse(item: DocLike, *, published: dt.date | None = None, settings: Settings | None = None) -> Analysis:
    """Analyses one article: sentences, actors, quotes (who said what) and dates.

    Args:
        item: The article, as a ``Document`` or as plain text.
        published: The publication date that relative dates resolve against; it replaces the
            document's own.
        settings: Settings (packaged defaults when omitted).
    """
    from copydesk.analyse import analyse as run

    doc = to_document(item, settings=settings)
    if published is not None:
        doc = dataclasses.replace(doc, published=published)
    return run(doc)


def analyse_many(docs: Iterable[Document], *, published: dt.date | None = None) -> Iterator[Analysis]:
    """Analyses a stream of documents with one model load, in order."""
    from copydesk.analyse import analyse_many as run

    return run(docs, published=published)


def analyse_jsonl(
    path: str, *, published: dt.date | None = None, settings: Settings | None = None
) -> Iterator[Row]:
    """Analyses a JSONL batch, one output row per input line, in order.

    A line that cannot be read or analysed yields ``{"id", "error"}``; the batch goes on. The
    model loads once for the whole batch.
    """
    from copydesk.ingest import iter_jsonl

    for item_id, item in iter_jsonl(path, settings=settings or Settings()):
        try:
            if isinstance(item, CopydeskError):
                raise item
            yield analysis_row(item, item_id=item_id, published=published)
        except CopydeskError as e:
            yield error_row(item_id, e)


# One item of a batch at a time: what ``analyse_jsonl``, ``check_pairs`` and ``copydesk.batch``
# (whose workers turn items into rows) share, so every batch path gives the same rows.


def result_row(item_id: str, data: dict[str, Any]) -> Row:
    """A batch's output row: the item's id first, then the result (whose own ``id``, if any, gives
    way to the item's)."""
    return {"id": item_id, **{k: v for k, v in data.items() if k != "id"}}


def error_row(item_id: str, error: CopydeskError) -> Row:
    """The row of a batch item that failed: ``{"id", "error"}``."""
    return {"id": item_id, "error": str(error)}


def article_records(
    stream: BinaryIO, *, source: str, settings: Settings | None = None
) -> Iterator[tuple[str, str, dict[str, Any] | InputError]]:
    """Streams a JSONL batch of articles (``{"id"?, "text"|"html"|"turns", ...}`` a line) as
    ``(id, where, object)``, or ``(id, where, InputError)`` for a line that is not a JSON object
    with a usable id; ``where`` (``source:line``) names the line in messages. Nothing is ingested
    yet: ``record_document`` does that."""
    from copydesk.ingest import jsonl_lines, jsonl_object

    for n, raw in jsonl_lines(stream, source=source, settings=settings or Settings()):
        where = f"{source}:{n}"
        if isinstance(raw, InputError):
            yield f"line-{n}", where, raw
        else:
            item_id, obj = jsonl_object(raw, n, source=where)
            yield item_id, where, obj


def record_document(
    record: dict[str, Any], *, item_id: str, where: str, settings: Settings | None = None
) -> Document:
    """An article from a JSON object of a batch (a JSONL line, or a ``.json`` file's object)."""
    from copydesk.ingest import read_object

    return read_object(record, name=where, settings=settings or Settings(), meta={"id": item_id})


def data_document(data: bytes, *, name: str, item_id: str, settings: Settings | None = None) -> Document:
    """An article from a file's bytes, read by the file name's suffix as ``read`` reads a file."""
    from copydesk.ingest import kind_of, read_bytes

    return read_bytes(
        data, name=name, settings=settings or Settings(), kind=kind_of(name), meta={"id": item_id}
    )


def analysis_row(doc: Document, *, item_id: str, published: dt.date | None = None) -> Row:
    """The output row of one article of a batch; ``published`` applies when the article has none."""
    from copydesk.analyse import analyse as run

    if doc.published is None and published is not None:
        doc = dataclasses.replace(doc, published=published)
    return result_row(item_id, run(doc).to_dict())


def check(
    source: DocLike,
    derived: DocLike,
    *,
    published: dt.date | None = None,
    settings: Settings | None = None,
) -> Audit:
    """Audits a derived text (summary, rewrite, interview) against its source, claim by claim."""
    from copydesk.check import audit

    settings = settings or Settings()
    src = to_document(source, settings=settings, name="source")
    der = as_derived(to_document(derived, settings=settings, name="derived"))
    source_analysis = analyse(src, published=published)
    # The derived text's relative dates resolve against the source's publication date.
    published = source_analysis.document.published
    return audit(source_analysis, analyse(der, published=published), settings=settings, reanalyse=analyse)


def pair_records(stream: IO[str], *, source: str) -> Iterator[tuple[str, str, dict[str, Any] | InputError]]:
    """Streams a JSONL file of pairs as ``(id, where, row)``; a line that is not a JSON object
    becomes an ``InputError`` for it (its id ``line-<n>``)."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield f"line-{n}", source, InputError(f"line {n} is not JSON: {e.msg}", source=source)
            continue
        if not isinstance(row, dict):
            yield f"line-{n}", source, InputError(f"line {n} is not a JSON object", source=source)
            continue
        yield str(row.get("id", f"line-{n}")), source, row


def _json_rows(path: str) -> Iterator[tuple[str, str, dict[str, Any] | InputError]]:
    """Streams a JSONL file's rows (``pair_records``) from a file or stdin (``-``)."""
    try:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 (closed by the with below)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=path) from e
    with f:
        yield from pair_records(f, source=path)


def _pair_document(value: str | dict[str, Any], name: str, settings: Settings) -> Document:
    """A text of a ``--pairs`` row: a string is plain text, an object is read as a JSON input."""
    if isinstance(value, str):
        return to_document(value, settings=settings, name=name)
    from copydesk.ingest import read_object

    return read_object(value, name=name, settings=settings)


def _row_date(row: dict[str, Any], row_id: str) -> dt.date | None:
    """A row's optional ``published`` field, an ISO date (YYYY-MM-DD)."""
    value = row.get("published")
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f'"published" is not a YYYY-MM-DD date: {value!r}', doc_id=row_id) from None


class PairAuditor:
    """Audits the rows of a pairs batch one at a time (``{"id", "source", "derived",
    "published"?}``, see ``check_pairs``); the analysis of a source that consecutive rows share
    is made once."""

    def __init__(self, *, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._last: tuple[str, Analysis] | None = None

    def __call__(self, row: dict[str, Any], *, item_id: str) -> Row:
        """The audit row of one pair.

        Raises:
            CopydeskError: The row lacks a text, has a bad date, or a text cannot be read.
        """
        from copydesk.check import audit

        settings = self.settings
        source, derived = row.get("source"), row.get("derived")
        if not isinstance(source, str | dict) or not isinstance(derived, str | dict):
            raise InputError(
                'a row needs fields "source" and "derived", each a string or an object', doc_id=item_id
            )
        published = _row_date(row, item_id)
        key = json.dumps([source, str(published)], sort_keys=True)
        if self._last is None or self._last[0] != key:
            self._last = None  # a source that fails is not taken for the previous one
            self._last = (key, analyse(_pair_document(source, "source", settings), published=published))
        source_analysis = self._last[1]
        der = as_derived(_pair_document(derived, "derived", settings))
        published = source_analysis.document.published
        result = audit(
            source_analysis, analyse(der, published=published), settings=settings, reanalyse=analyse
        )
        return result_row(item_id, result.to_dict())


def check_pairs(path: str, *, settings: Settings | None = None) -> Iterator[Row]:
    """Audits a JSONL file of ``{"id", "source", "derived", "published"?}`` rows (texts inline),
    in order.

    ``source`` and ``derived`` are strings (plain text) or objects as a ``.json`` input takes
    (``{"text"|"html"|"turns", ...}``, e.g. a source with its ``published`` date). A row's own
    ``published`` (YYYY-MM-DD) is the source's publication date, which relative dates of both
    texts resolve against; without one, a relative date ("last March") that the texts give no
    date for is left unresolved, and is never a contradiction.

    Yields one output row per input row; a row that cannot be audited yields ``{"id", "error"}``
    and the batch goes on. The models load once; the analysis of a source shared by
    consecutive rows is reused.
    """
    auditor = PairAuditor(settings=settings)
    for row_id, _, row in _json_rows(path):
        try:
            if isinstance(row, InputError):
                raise row
            yield auditor(row, item_id=row_id)
        except CopydeskError as e:
            yield error_row(row_id, e)


def interview(
    article: DocLike,
    *,
    outlet: str | None = None,
    guest: str | None = None,
    turns: int | None = None,
    focus: str | None = None,
    published: dt.date | None = None,
    llm: Any = None,
    settings: Settings | None = None,
) -> Interview:
    """Generates a grounded editor-guest interview from an article, audited before it returns."""
    from copydesk.generate import build_interview

    settings = settings or Settings()
    analysis = analyse(article, published=published, settings=settings)

    def verify(text: str) -> Audit:
        from copydesk.check import audit

        derived = as_derived(to_document(text, settings=settings, name="interview"))
        return audit(analysis, analyse(derived, published=analysis.document.published), settings=settings)

    return build_interview(
        analysis,
        outlet=outlet or settings.outlet,
        guest=guest,
        turns=turns or settings.interview_turns,
        focus=focus,
        verify=verify,
        llm=llm,
        settings=settings,
    )


def interview_row(
    doc: Document,
    *,
    item_id: str,
    outlet: str | None = None,
    guest: str | None = None,
    turns: int | None = None,
    focus: str | None = None,
    settings: Settings | None = None,
) -> Row:
    """The output row of one article's interview in a batch (``Interview.to_dict`` with the id)."""
    result = interview(doc, outlet=outlet, guest=guest, turns=turns, focus=focus, settings=settings)
    return result_row(item_id, result.to_dict())


__all__ = [
    "read",
    "read_string",
    "is_batch",
    "analyse",
    "analyse_many",
    "analyse_jsonl",
    "check",
    "check_pairs",
    "interview",
    "to_document",
    "Row",
    "result_row",
    "error_row",
    "article_records",
    "pair_records",
    "record_document",
    "data_document",
    "analysis_row",
    "PairAuditor",
    "interview_row",
]
