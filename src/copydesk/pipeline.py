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
from typing import Any

from copydesk.config import Settings
from copydesk.errors import CopydeskError, InputError
from copydesk.model import Analysis, Audit, Document, Interview

DocLike = str | Document


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
) -> Iterator[dict[str, Any]]:
    """Analyses a JSONL batch, one output row per input line, in order.

    A line that cannot be read or analysed yields ``{"id", "error"}``; the batch goes on. The
    model loads once for the whole batch.
    """
    from copydesk.analyse import analyse as run
    from copydesk.ingest import iter_jsonl

    for item_id, item in iter_jsonl(path, settings=settings or Settings()):
        if isinstance(item, CopydeskError):
            yield {"id": item_id, "error": str(item)}
            continue
        if item.published is None and published is not None:
            item = dataclasses.replace(item, published=published)
        try:
            yield {**run(item).to_dict(), "id": item_id}
        except CopydeskError as e:
            yield {"id": item_id, "error": str(e)}


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


def _json_rows(path: str) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """Streams a JSONL file's rows; a line that is not a JSON object becomes an error for it."""
    try:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 (closed by the with below)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=path) from e
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                yield f"line-{n}", InputError(f"line {n} is not JSON: {e.msg}", source=path)
                continue
            if not isinstance(row, dict):
                yield f"line-{n}", InputError(f"line {n} is not a JSON object", source=path)
                continue
            yield str(row.get("id", f"line-{n}")), row


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


def check_pairs(path: str, *, settings: Settings | None = None) -> Iterator[dict[str, Any]]:
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
    from copydesk.check import audit

    settings = settings or Settings()
    last: tuple[str, Analysis] | None = None
    for row_id, row in _json_rows(path):
        try:
            if isinstance(row, InputError):
                raise row
            source, derived = row.get("source"), row.get("derived")
            if not isinstance(source, str | dict) or not isinstance(derived, str | dict):
                raise InputError(
                    'a row needs fields "source" and "derived", each a string or an object', doc_id=row_id
                )
            published = _row_date(row, row_id)
            key = json.dumps([source, str(published)], sort_keys=True)
            if last is None or last[0] != key:
                last = (key, analyse(_pair_document(source, "source", settings), published=published))
            der = as_derived(_pair_document(derived, "derived", settings))
            published = last[1].document.published
            yield {
                **audit(
                    last[1], analyse(der, published=published), settings=settings, reanalyse=analyse
                ).to_dict(),
                "id": row_id,
            }
        except CopydeskError as e:
            yield {"id": row_id, "error": str(e)}


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
]
