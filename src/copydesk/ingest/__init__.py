"""Ingest: bytes (plain text, HTML, JSON, JSONL batches) -> ``Document``.

Public functions: ``read_text``, ``read_bytes``, ``read_object``, ``read_path``, ``iter_jsonl`` and
``is_jsonl``; ``jsonl_lines`` and ``jsonl_object`` read a JSONL batch from any binary stream, line
by line, for callers that turn the objects into documents elsewhere (a batch's worker processes).

- Plain text is kept verbatim: every offset the analyser reports points into the input exactly
  as read (only a byte-order mark is dropped when bytes are decoded). A wire or source credit
  stays in the text and ``Document.credit_span`` marks it; a date line near the top
  ("Published: 14 March 2025") gives ``published`` when the caller does not.
- HTML goes through trafilatura; its title, date, author and url become metadata, and a credit
  is removed from the body and kept only as ``source_credit``.
- Bad input raises ``InputError`` with a one-line message naming the input; in a JSONL batch a
  bad line is yielded as the error for that line and reading goes on.
- Page furniture (bylines, sub-headlines, corrections, editor's notes, author bios, captions,
  kickers, "Related:" lines, boilerplate) stays in the text and is marked in
  ``Document.furniture``; a "By ..." line fills ``byline`` (and ``source_credit``); explicit
  opinion labels set ``genre`` (see ``furniture`` and, for HTML, ``html.furniture_hints``).
- Things worth knowing that are not errors (a guessed encoding, ignored metadata, a text that
  is all furniture) are recorded in ``Document.warnings``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Literal

from copydesk import lang
from copydesk.config import Settings
from copydesk.errors import InputError
from copydesk.ingest.credit import find_credit, strip_credit
from copydesk.ingest.detect import decode, non_english_reason, sniff_binary
from copydesk.ingest.furniture import find_furniture
from copydesk.ingest.html import extract, furniture_hints, looks_like_html
from copydesk.ingest.published import find_published
from copydesk.model import Document, FurnitureKind, Span

Kind = Literal["auto", "text", "html", "json"]

META_FIELDS: tuple[str, ...] = ("id", "title", "url", "published", "byline", "source_credit")
"""Metadata a caller (or a JSONL line) may give with an article."""
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
TURN_TEXT_FIELDS = ("text", "content")
TURN_SPEAKER_FIELDS = ("speaker", "name", "role")
JSON_ESCAPE_GROWTH = 6
"""A JSONL line may be this many times longer than its text: ``\\uXXXX`` escapes one char in six."""

__all__ = [
    "read_text",
    "read_bytes",
    "read_object",
    "read_path",
    "iter_jsonl",
    "is_jsonl",
    "jsonl_lines",
    "jsonl_object",
    "kind_of",
    "META_FIELDS",
]


def _too_big(
    size: int, settings: Settings, *, source: str, doc_id: str | None, at_least: bool = False
) -> InputError:
    more = "more than " if at_least else ""
    return InputError(
        f"input is {more}{size:,} bytes, over the limit of {settings.max_input_bytes:,} (max_input_bytes)",
        source=source,
        doc_id=doc_id,
    )


def _parse_date(value: object) -> dt.date | None:
    """An ISO date (or datetime) from a ``date``, ``datetime`` or string; None when unreadable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(s).date()
        except ValueError:
            return None
    return None


def _check_meta(meta: Mapping[str, Any] | None, *, source: str) -> tuple[dict[str, Any], list[str]]:
    """Validates caller metadata; returns the clean fields and warnings about ignored keys.

    Raises:
        InputError: A field has the wrong type, or ``published`` is not an ISO date.
    """
    if meta is None:
        return {}, []
    if not isinstance(meta, Mapping):
        raise InputError(f"metadata must be a mapping, got {type(meta).__name__}", source=source)
    out: dict[str, Any] = {}
    warnings: list[str] = []
    unknown = sorted(str(k) for k in meta if k not in META_FIELDS)
    if unknown:
        warnings.append(f"ignored unknown metadata field(s): {', '.join(unknown)}")
    raw_id = meta.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    for key in META_FIELDS:
        value = meta.get(key)
        if value is None:
            continue
        if key == "published":
            date = _parse_date(value)
            if date is None:
                raise InputError(
                    f"metadata field 'published': cannot read {value!r} as an ISO date (YYYY-MM-DD)",
                    source=source,
                    doc_id=doc_id,
                )
            out[key] = date
        elif key == "id" and isinstance(value, int) and not isinstance(value, bool):
            out[key] = str(value)
        elif isinstance(value, str):
            if value.strip():
                out[key] = value.strip()
        else:
            raise InputError(
                f"metadata field {key!r} must be a string, got {type(value).__name__}",
                source=source,
                doc_id=doc_id,
            )
    return out, warnings


def _check_text(text: str, *, settings: Settings, source: str, doc_id: str | None) -> None:
    """The checks every article passes: not empty, within the size limit, no NULs, English (the
    only language an article is read in: its document's ``language`` is ``lang.DEFAULT_LANGUAGE``)."""
    if not text:
        raise InputError("empty input", source=source, doc_id=doc_id)
    if not text.strip():
        raise InputError("input is only whitespace", source=source, doc_id=doc_id)
    if len(text) * 4 > settings.max_input_bytes:  # UTF-8 takes at most 4 bytes a character
        size = len(text.encode("utf-8", errors="surrogatepass"))
        if size > settings.max_input_bytes:
            raise _too_big(size, settings, source=source, doc_id=doc_id)
    if "\x00" in text:
        raise InputError("text contains NUL characters (binary data?)", source=source, doc_id=doc_id)
    reason = non_english_reason(text, min_ratio=settings.min_english_ratio)
    if reason:
        raise InputError(reason, source=source, doc_id=doc_id)


def _text_document(
    text: str, *, name: str, settings: Settings, meta: Mapping[str, Any] | None, warnings: list[str]
) -> Document:
    fields, meta_warnings = _check_meta(meta, source=name)
    _check_text(text, settings=settings, source=name, doc_id=fields.get("id"))
    credit = find_credit(text)
    if credit is not None:
        fields.setdefault("source_credit", credit.name)
    if "published" not in fields:
        published = find_published(text)
        if published is not None:
            fields["published"] = published
    warnings = warnings + meta_warnings
    extra = _furniture_fields(
        text, fields, warnings, title=fields.get("title"), credit=credit.span if credit else None
    )
    return Document(
        text=text,
        credit_span=credit.span if credit else None,
        warnings=tuple(warnings),
        language=lang.DEFAULT_LANGUAGE,
        **fields,
        **extra,
    )


def _furniture_fields(
    text: str,
    fields: dict[str, Any],
    warnings: list[str],
    *,
    title: str | None,
    credit: Span | None = None,
    hints: Mapping[str, FurnitureKind] | None = None,
    labels: Sequence[str] = (),
) -> dict[str, Any]:
    """Page furniture and genre labels (``furniture.find_furniture``): the byline and credit a
    "By" line gives fill ``fields`` where the caller gave none, a text that is all furniture is
    recorded in ``warnings``; returns the ``furniture``, ``genre`` and ``genre_evidence`` fields."""
    found = find_furniture(text, hints=hints, title=title, credit=credit)
    if found.byline:
        fields.setdefault("byline", found.byline)
    if found.credit:
        fields.setdefault("source_credit", found.credit)
    furniture = tuple(found.furniture)
    if furniture and sum(len(f.span) for f in furniture) >= len(text.strip()) * 0.95:
        kinds = ", ".join(sorted({f.kind for f in furniture}))
        warnings.append(f"the whole text is page furniture ({kinds}): there is no story to analyse")
    evidence = list(dict.fromkeys([*labels, *found.labels]))
    return {
        "furniture": furniture,
        "genre": "opinion" if evidence else None,
        "genre_evidence": tuple(evidence),
    }


def _html_document(
    html: str, *, name: str, settings: Settings, meta: Mapping[str, Any] | None, warnings: list[str]
) -> Document:
    fields, meta_warnings = _check_meta(meta, source=name)
    warnings = warnings + meta_warnings
    doc_id = fields.get("id")
    page = extract(html)
    if page is None:
        raise InputError("HTML has no article text", source=name, doc_id=doc_id)
    text = page.text
    credit = find_credit(text)
    if credit is not None:
        text = strip_credit(text, credit).strip()
        fields.setdefault("source_credit", credit.name)
        if not text:
            raise InputError("HTML has no article text (only a credit line)", source=name, doc_id=doc_id)
    for key, value in (("title", page.title), ("byline", page.byline), ("url", page.url)):
        if value is not None:
            fields.setdefault(key, value)
    if page.published is not None and "published" not in fields:
        date = _parse_date(page.published)
        if date is None:
            warnings.append(f"ignored the page's date {page.published!r} (not an ISO date)")
        else:
            fields["published"] = date
    _check_text(text, settings=settings, source=name, doc_id=doc_id)
    hints, labels = furniture_hints(html, url=fields.get("url"))
    extra = _furniture_fields(text, fields, warnings, title=fields.get("title"), hints=hints, labels=labels)
    return Document(text=text, warnings=tuple(warnings), language=lang.DEFAULT_LANGUAGE, **fields, **extra)


def read_text(
    text: str, *, name: str = "<text>", settings: Settings, meta: Mapping[str, Any] | None = None
) -> Document:
    """Ingests a plain-text article given as a string, verbatim.

    Args:
        text: The article. It is kept exactly as given: offsets point into it.
        name: What error messages call the input (a file name, ``"<stdin>"``).
        settings: Size limit and language threshold.
        meta: Optional ``id``, ``title``, ``url``, ``published`` (ISO date string or ``date``),
            ``byline`` and ``source_credit``. A ``source_credit`` given here wins over a detected one.

    Returns:
        The document; ``source_credit``/``credit_span`` are set when a credit line is found,
        ``published`` when a date line is (and ``meta`` gives none).

    Raises:
        InputError: The text is empty, too large, contains NULs or is not English, or the
            metadata is invalid.
    """
    if not isinstance(text, str):
        raise InputError(f"expected text as str, got {type(text).__name__}", source=name)
    return _text_document(text, name=name, settings=settings, meta=meta, warnings=[])


def read_bytes(
    data: bytes,
    *,
    name: str = "<stdin>",
    settings: Settings,
    kind: Kind = "auto",
    meta: Mapping[str, Any] | None = None,
) -> Document:
    """Ingests raw bytes: plain text or an HTML page.

    The size limit is checked before anything else, then binary data is refused, then the bytes
    are decoded (UTF-8, a UTF-16/32 byte-order mark, else charset-normalizer's guess, which is
    recorded as a warning).

    Args:
        data: The raw input.
        name: What error messages call the input.
        settings: Size limit and language threshold.
        kind: ``"text"``, ``"html"``, ``"json"`` (an object with ``text``, ``html`` or
            ``turns``, see ``_object_document``), or ``"auto"`` to call it HTML when it starts
            like markup and JSON when it is a JSON object.
        meta: Metadata as for ``read_text``; for HTML it wins over what the page says.

    Returns:
        The document. For text, ``text`` is the decoded input verbatim (less a BOM); for HTML it
        is the extracted article body, with the credit removed.

    Raises:
        InputError: The input is empty, too large, binary, undecodable, HTML with no article,
            or not English, or the metadata is invalid.
    """
    doc_id = meta.get("id") if isinstance(meta, Mapping) and isinstance(meta.get("id"), str) else None
    if len(data) > settings.max_input_bytes:
        raise _too_big(len(data), settings, source=name, doc_id=doc_id)
    if not data:
        raise InputError("empty input", source=name, doc_id=doc_id)
    reason = sniff_binary(data)
    if reason:
        raise InputError(f"binary data ({reason})", source=name, doc_id=doc_id)
    try:
        text, warning = decode(data)
    except UnicodeError as e:
        raise InputError(f"cannot decode the input: {e}", source=name, doc_id=doc_id) from e
    warnings = [warning] if warning else []
    obj = (
        _json_object(text, strict=kind == "json", name=name, doc_id=doc_id)
        if kind in ("json", "auto")
        else None
    )
    if obj is not None:
        return read_object(obj, name=name, settings=settings, meta=meta, warnings=warnings)
    if kind == "html" or (kind == "auto" and looks_like_html(text)):
        return _html_document(text, name=name, settings=settings, meta=meta, warnings=warnings)
    return _text_document(text, name=name, settings=settings, meta=meta, warnings=warnings)


def _read_limited(stream: BinaryIO, settings: Settings, *, source: str) -> bytes:
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise _too_big(settings.max_input_bytes, settings, source=source, doc_id=None, at_least=True)
    return data


def _check_file(path: Path) -> os.stat_result:
    """Stats a file that is to be read; raises ``InputError`` naming the path when it cannot be."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e})", source=str(path)) from e
    if path.is_dir():
        raise InputError("is a directory, not a file", source=str(path))
    if not os.access(path, os.R_OK):
        raise InputError("cannot read the file (permission denied)", source=str(path))
    return st


def kind_of(path: str | os.PathLike[str]) -> Kind:
    """How a file is read, by its suffix: ``.html``/``.htm`` as HTML, ``.txt`` as text, ``.json``
    as a JSON object, anything else ``"auto"`` (sniffed)."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSON_SUFFIXES:
        return "json"
    return "auto"


def read_path(path: str | os.PathLike[str], *, settings: Settings, kind: Kind = "auto") -> Document:
    """Ingests a file, or standard input for ``"-"``.

    ``.html``/``.htm`` files are read as HTML, ``.txt`` files as text and ``.json`` files as a
    JSON object; other suffixes use ``kind`` (``"auto"`` sniffs for markup and JSON).
    ``Document.id`` is the file stem (or a JSON object's ``id``).

    Args:
        path: The file, or ``"-"`` for standard input.
        settings: Size limit and language threshold.
        kind: Overrides the suffix when not ``"auto"``.

    Raises:
        InputError: The file is missing, a directory or unreadable, or its content is refused
            (see ``read_bytes``).
    """
    if str(path) == "-":
        data = _read_limited(sys.stdin.buffer, settings, source="<stdin>")
        return read_bytes(data, name="<stdin>", settings=settings, kind=kind)
    p = Path(path)
    st = _check_file(p)
    if st.st_size > settings.max_input_bytes:
        raise _too_big(st.st_size, settings, source=str(p), doc_id=p.stem)
    if kind == "auto":
        kind = kind_of(p)
    try:
        with p.open("rb") as f:
            data = _read_limited(f, settings, source=str(p))
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e})", source=str(p)) from e
    return read_bytes(data, name=str(p), settings=settings, kind=kind, meta={"id": p.stem})


def is_jsonl(path: str | os.PathLike[str]) -> bool:
    """True for a ``.jsonl`` or ``.ndjson`` file name."""
    return Path(path).suffix.lower() in JSONL_SUFFIXES


def jsonl_object(raw: bytes, n: int, *, source: str) -> tuple[str, dict[str, Any] | InputError]:
    """Reads line ``n`` (1-based) of a JSONL batch into ``(id, object)``, or ``(id, InputError)``
    when it is not a UTF-8 JSON object with a usable ``id``; a line without an id is ``line-<n>``."""
    doc_id = f"line-{n}"
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return doc_id, InputError(f"line is not UTF-8 (bad byte at {e.start})", source=source, doc_id=doc_id)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return doc_id, InputError(f"bad JSON: {e.msg} (column {e.colno})", source=source, doc_id=doc_id)
    if not isinstance(obj, dict):
        return doc_id, InputError(
            f"line is a JSON {type(obj).__name__}, not an object", source=source, doc_id=doc_id
        )
    try:
        doc_id = _object_id(obj, doc_id, source=source) or doc_id
    except InputError as e:
        return doc_id, e
    return doc_id, obj


def _jsonl_item(raw: bytes, n: int, *, source: str, settings: Settings) -> tuple[str, Document | InputError]:
    """Reads one JSONL line into ``(id, Document)`` or ``(id, InputError)``."""
    doc_id, obj = jsonl_object(raw, n, source=source)
    if isinstance(obj, InputError):
        return doc_id, obj
    try:
        return doc_id, _object_document(obj, name=source, settings=settings, doc_id=doc_id, warnings=[])
    except InputError as e:
        return doc_id, e


def _object_id(obj: Mapping[str, Any], default: str | None, *, source: str) -> str | None:
    """A JSON object's ``id`` (a string or an integer), or ``default`` when it has none."""
    raw_id = obj.get("id")
    if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip():
        return str(raw_id).strip()
    if raw_id is not None:
        raise InputError(
            f"field 'id' must be a string or an integer, got {type(raw_id).__name__}",
            source=source,
            doc_id=default,
        )
    return default


def _turns_text(turns: object, *, name: str, doc_id: str | None) -> str:
    """A transcript's ``turns`` as ``Speaker: text`` lines (the layout ``copydesk check`` reads)."""
    if not isinstance(turns, list) or not turns:
        raise InputError('field "turns" must be a non-empty list', source=name, doc_id=doc_id)
    lines = []
    for i, turn in enumerate(turns, 1):
        if not isinstance(turn, dict):
            raise InputError(f"turn {i} is not a JSON object", source=name, doc_id=doc_id)
        speaker = next((turn[k] for k in TURN_SPEAKER_FIELDS if isinstance(turn.get(k), str)), None)
        body = next((turn[k] for k in TURN_TEXT_FIELDS if isinstance(turn.get(k), str)), None)
        if body is None:
            raise InputError(f'turn {i} has no "text" string', source=name, doc_id=doc_id)
        body = " ".join(body.split())
        lines.append(f"{speaker.strip()}: {body}" if speaker and speaker.strip() else body)
    return "\n".join(lines)


def _object_document(
    obj: dict[str, Any], *, name: str, settings: Settings, doc_id: str | None, warnings: list[str]
) -> Document:
    """A document from a JSON object: its ``text`` (plain text), its ``html`` (a page), or its
    ``turns`` (``[{"speaker", "text"}, ...]``, a transcript, after a ``title`` line when there is
    one); the other fields are metadata (``META_FIELDS``)."""
    content_keys = ("text", "html", "turns")
    meta = {k: v for k, v in obj.items() if k not in content_keys}
    if doc_id is not None:
        meta["id"] = doc_id
    given = [k for k in content_keys if obj.get(k) is not None]
    if not given:
        raise InputError('no "text", "html" or "turns" field', source=name, doc_id=doc_id)
    if len(given) > 1:
        warnings = warnings + [f'the object has {" and ".join(given)}; read "{given[0]}"']
    field = given[0]
    if field == "turns":
        title = obj.get("title")
        text = _turns_text(obj["turns"], name=name, doc_id=doc_id)
        if isinstance(title, str) and title.strip():
            text = f"{' '.join(title.split())}\n{text}"
        return _text_document(text, name=name, settings=settings, meta=meta, warnings=warnings)
    value = obj[field]
    if not isinstance(value, str):
        raise InputError(
            f"field {field!r} must be a string, got {type(value).__name__}", source=name, doc_id=doc_id
        )
    if field == "html":
        return _html_document(value, name=name, settings=settings, meta=meta, warnings=warnings)
    return _text_document(value, name=name, settings=settings, meta=meta, warnings=warnings)


def _json_object(text: str, *, strict: bool, name: str, doc_id: str | None) -> dict[str, Any] | None:
    """The JSON object a text holds. With ``strict`` anything else is an error; without it, only
    an object with a ``text``, ``html`` or ``turns`` field counts and anything else is None
    (the input stays plain text)."""
    stripped = text.strip()
    if not strict and not (stripped.startswith("{") and stripped.endswith("}")):
        return None
    try:
        obj = json.loads(stripped)
    except json.JSONDecodeError as e:
        if not strict:
            return None
        raise InputError(
            f"bad JSON: {e.msg} (line {e.lineno}, column {e.colno})", source=name, doc_id=doc_id
        ) from e
    if not isinstance(obj, dict):
        if not strict:
            return None
        raise InputError(
            f"the input is a JSON {type(obj).__name__}, not an object", source=name, doc_id=doc_id
        )
    if not strict and not any(k in obj for k in ("text", "html", "turns")):
        return None
    return obj


def read_object(
    obj: Mapping[str, Any],
    *,
    name: str = "<object>",
    settings: Settings,
    meta: Mapping[str, Any] | None = None,
    warnings: Sequence[str] = (),
) -> Document:
    """Ingests a JSON object: ``{"text"|"html"|"turns", ...}`` (see ``_object_document``).

    ``meta`` fills the fields the object lacks; the object's own ``id`` wins over ``meta``'s.

    Raises:
        InputError: The object has no content field, a field of the wrong type, or a content
            that ``read_text``/``read_bytes`` would refuse.
    """
    if not isinstance(obj, Mapping):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", source=name)
    default = meta.get("id") if isinstance(meta, Mapping) and isinstance(meta.get("id"), str) else None
    doc_id = _object_id(obj, default, source=name)
    merged = {**(meta or {}), **obj}
    return _object_document(merged, name=name, settings=settings, doc_id=doc_id, warnings=list(warnings))


def jsonl_lines(
    stream: BinaryIO, *, source: str, settings: Settings
) -> Iterator[tuple[int, bytes | InputError]]:
    """Streams a JSONL batch's non-blank lines as ``(n, raw)`` (``n`` 1-based), never holding more
    than one line: a line too long for ``max_input_bytes`` is skipped and given as an error."""
    cap = JSON_ESCAPE_GROWTH * settings.max_input_bytes + 1024
    n = 0
    while True:
        raw = stream.readline(cap + 1)
        if not raw:
            return
        n += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            while True:  # skip the rest of the overlong line without holding it
                chunk = stream.readline(cap)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield (
                n,
                InputError(
                    f"line is over {cap:,} bytes (max_input_bytes allows {settings.max_input_bytes:,})",
                    source=f"{source}:{n}",
                    doc_id=f"line-{n}",
                ),
            )
            continue
        if raw.strip():
            yield n, raw


def _jsonl_lines(path: Path, settings: Settings) -> Iterator[tuple[str, Document | InputError]]:
    try:
        f = path.open("rb")
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e})", source=str(path)) from e
    with f:
        for n, raw in jsonl_lines(f, source=str(path), settings=settings):
            if isinstance(raw, InputError):
                yield f"line-{n}", raw
            else:
                yield _jsonl_item(raw, n, source=f"{path}:{n}", settings=settings)


def iter_jsonl(
    path: str | os.PathLike[str], *, settings: Settings
) -> Iterator[tuple[str, Document | InputError]]:
    """Streams a JSONL batch, one article per line, line by line.

    Each line is ``{"id", "text" or "html", optional "title", "url", "published", "byline",
    "source_credit"}``. Blank lines are skipped; a line without an id is called ``"line-<n>"``
    (1-based). A bad line (bad JSON, no text, empty, not English, ...) is yielded as
    ``(id, InputError)`` and reading goes on, so a file that is not JSONL at all is reported line
    by line.

    Args:
        path: The JSONL file.
        settings: Size limit and language threshold.

    Returns:
        An iterator of ``(id, Document)`` or ``(id, InputError)``.

    Raises:
        InputError: At once, when the file is missing, a directory or unreadable.
    """
    p = Path(path)
    _check_file(p)
    return _jsonl_lines(p, settings)
