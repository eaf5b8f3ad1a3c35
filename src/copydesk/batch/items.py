"""A batch's input, streamed one item at a time: JSONL rows, or the files of a directory or glob.

Compressed input (gzip or zstd) is recognised by its first bytes, whatever its name, and
decompressed as it is read. Nothing is read whole: a JSONL file is read line by line, a
directory is walked one folder at a time, and a file's bytes are read only when its turn comes.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from copydesk import pipeline
from copydesk.config import Settings
from copydesk.errors import InputError

Kind = Literal["analyse", "check", "interview"]
KINDS: tuple[Kind, ...] = ("analyse", "check", "interview")

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".json"})
"""Files a directory or glob input takes (also with ``.gz`` or ``.zst`` after the suffix)."""
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
COMPRESSED_SUFFIXES = frozenset({".gz", ".zst"})
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Item:
    """One unit of work of a batch.

    Exactly one of ``record``, ``data`` and ``error`` is set:
    ``record`` is a JSON object (a JSONL row, or an object a caller gives), ``data`` a file's
    bytes (read by the suffix of ``where``), ``error`` the message of an item that could not
    even be read, which becomes its ``{"id", "error"}`` row as it is.
    """

    id: str
    where: str = ""
    """What messages call the item: ``file:line`` or a file's path."""
    record: dict[str, Any] | None = None
    data: bytes | None = None
    error: str | None = None


def open_binary(path: str | os.PathLike[str]) -> BinaryIO:
    """Opens a file for reading, decompressing gzip or zstd (recognised by their magic bytes).

    Raises:
        InputError: The file cannot be opened, or it is zstd and ``zstandard`` is missing.
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 (returned, closed by the caller)
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror or e})", source=str(path)) from e
    magic = raw.read(4)
    raw.seek(0)
    if magic.startswith(GZIP_MAGIC):
        raw.close()
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if magic.startswith(ZSTD_MAGIC):
        try:
            import zstandard
        except ImportError:
            raw.close()
            raise InputError("is zstd-compressed, and reading it needs zstandard", source=str(path)) from None
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
        return io.BufferedReader(reader)
    return raw


def _read_capped(path: Path, cap: int) -> bytes:
    """A file's (decompressed) bytes, at most ``cap`` + 1 of them (so too-big input is seen)."""
    with open_binary(path) as f:
        return f.read(cap + 1)


def _strip_compression(name: str) -> str:
    stem, suffix = os.path.splitext(name)
    return stem if suffix.lower() in COMPRESSED_SUFFIXES else name


def is_article_file(name: str) -> bool:
    """True for a file a directory or glob input takes: .txt, .html, .json (maybe compressed)."""
    return os.path.splitext(_strip_compression(name))[1].lower() in ARTICLE_SUFFIXES


class Input:
    """A batch's input: iterate it for ``Item``s; ``total`` is the number of items once it is
    known (counted in a background thread, so the first items do not wait for the count), and
    ``skipped_files`` the files of a directory or glob that are not articles.

    Args:
        spec: A JSONL file (maybe gzip or zstd), ``-`` for JSONL on stdin, a directory, a glob
            (``articles/**/*.html``) or one article file.
        kind: ``analyse``, ``check`` or ``interview``: the row format of a JSONL file (a check
            reads pairs, the others articles).
        settings: The size limit of one item.

    Raises:
        InputError: The input does not exist or cannot be read.
    """

    def __init__(self, spec: str, *, kind: Kind, settings: Settings | None = None) -> None:
        self.spec = spec
        self.kind = kind
        self.settings = settings or Settings()
        self.total: int | None = None
        self.skipped_files = 0
        self._mode: Literal["stdin", "jsonl", "dir", "glob", "file"]
        path = Path(spec)
        if spec == "-":
            self._mode = "stdin"
        elif path.is_dir():
            self._mode, self._base = "dir", path
        elif path.exists():
            if path.suffix.lower() not in JSONL_SUFFIXES and is_article_file(path.name):
                self._mode = "file"
            else:
                self._mode = "jsonl"
            if not os.access(path, os.R_OK) or path.is_dir():
                raise InputError("cannot read the file (permission denied)", source=spec)
        elif GLOB_CHARS & set(spec):
            self._mode, self._base = "glob", _glob_base(spec)
        else:
            raise InputError("no such file, directory or glob", source=spec)
        if self._mode != "stdin":
            threading.Thread(target=self._count, name="copydesk-batch-count", daemon=True).start()

    def __iter__(self) -> Iterator[Item]:
        if self._mode == "stdin":
            return self._jsonl(_stdin(), "<stdin>")
        if self._mode == "jsonl":
            return self._jsonl(open_binary(self.spec), self.spec)
        if self._mode == "file":
            return self._files(iter([Path(self.spec)]), Path(self.spec).parent, count_skipped=False)
        return self._files(self._paths(), self._base, count_skipped=True)

    def _jsonl(self, stream: BinaryIO, source: str) -> Iterator[Item]:
        with stream:
            records: Iterator[tuple[str, str, dict[str, Any] | InputError]]
            if self.kind == "check":
                text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace")
                records = pipeline.pair_records(text, source=source)
            else:
                records = pipeline.article_records(stream, source=source, settings=self.settings)
            for item_id, where, record in records:
                if isinstance(record, InputError):
                    yield Item(item_id, where, error=str(record))
                else:
                    yield Item(item_id, where, record=record)

    def _paths(self) -> Iterator[Path]:
        if self._mode == "dir":
            for folder, dirs, files in os.walk(self._base):
                dirs.sort()
                for name in sorted(files):
                    yield Path(folder, name)
        else:
            for name in glob.iglob(self.spec, recursive=True):
                yield Path(name)

    def _files(self, paths: Iterable[Path], base: Path, *, count_skipped: bool) -> Iterator[Item]:
        cap = self.settings.max_input_bytes
        for path in paths:
            if not is_article_file(path.name) or not path.is_file():
                self.skipped_files += count_skipped and not path.is_dir()
                continue
            item_id = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
            try:
                data = _read_capped(path, cap)
            except (InputError, OSError, EOFError) as e:
                yield Item(item_id, str(path), error=str(InputError(_reason(e), source=str(path))))
                continue
            yield Item(item_id, _strip_compression(str(path)), data=data)

    def _count(self) -> None:
        """Counts the items (non-blank lines, or article files) without holding them."""
        try:
            if self._mode == "jsonl":
                n = 0
                with open_binary(self.spec) as f:
                    for line in f:
                        n += bool(line.strip())
            elif self._mode == "file":
                n = 1
            else:
                n = sum(1 for p in self._paths() if is_article_file(p.name) and p.is_file())
            self.total = n
        except (OSError, InputError, EOFError, ValueError):
            self.total = None  # the count is only for progress; reading reports the error


def _reason(e: BaseException) -> str:
    if isinstance(e, InputError):
        return e.message
    if isinstance(e, OSError):
        return f"cannot read the file ({e.strerror or e})"
    return f"cannot decompress the file ({e})"


def _stdin() -> BinaryIO:
    import sys

    # A duplicate, so closing the stream at the end of the batch leaves sys.stdin alone.
    return os.fdopen(os.dup(sys.stdin.fileno()), "rb")


def _glob_base(pattern: str) -> Path:
    """The folder a glob's matches are named relative to: its leading parts without wildcards."""
    parts: list[str] = []
    for part in Path(pattern).parts[:-1]:
        if GLOB_CHARS & set(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def as_items(items: Iterable[Item | dict[str, Any] | str]) -> Iterator[Item]:
    """Items from what a library caller gives: ``Item``s as they are, JSON objects (a JSONL
    row's format; its ``id`` or ``item-<n>``), or strings (a plain-text article, ``item-<n>``)."""
    for n, value in enumerate(items, 1):
        if isinstance(value, Item):
            yield value
        elif isinstance(value, dict):
            raw = value.get("id")
            good = isinstance(raw, str | int) and not isinstance(raw, bool) and str(raw).strip()
            yield Item(str(raw).strip() if good else f"item-{n}", f"item {n}", record=value)
        elif isinstance(value, str):
            yield Item(f"item-{n}", f"item {n}", record={"text": value})
        else:
            yield Item(f"item-{n}", f"item {n}", error=f"item {n}: not an object or a text")
