"""A batch's output file, written exactly once per item across interruptions.

Every row is appended as one whole line with a single ``write`` on a file opened for appending,
as soon as its item is done, and only this process writes it. A run killed at any moment leaves
whole lines, then at most one torn line (a prefix of the row being written, without its newline).
``resume`` cuts such a tail off and collects the ids already written, which the next run skips:
every item then ends up in the file exactly once.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

from copydesk.errors import InputError

ID_PREFIX = b'{"id": '
"""How every row this module writes begins: the id first, so resuming reads ids cheaply."""
_decoder = json.JSONDecoder()


class Appender:
    """Appends lines to a file (or stdout) with one ``write`` each."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        if path is None or path == "-":
            sys.stdout.flush()
            self._fd = sys.stdout.fileno()
            self._own = False
        else:
            try:
                self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as e:
                raise InputError(f"cannot write the output ({e.strerror or e})", source=path) from e
            self._own = True

    def write(self, line: str) -> None:
        data = memoryview((line + "\n").encode("utf-8"))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]

    def close(self) -> None:
        if self._own:
            os.close(self._fd)
            self._own = False

    def __enter__(self) -> Appender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def repair(path: str) -> int:
    """Cuts a torn last line (one without its newline) off the file; returns the bytes cut."""
    with open(path, "rb+") as f:
        size = f.seek(0, os.SEEK_END)
        end = size
        chunk = 1 << 16
        while end > 0:
            start = max(0, end - chunk)
            f.seek(start)
            block = f.read(end - start)
            if end == size and block.endswith(b"\n"):
                return 0
            cut = block.rfind(b"\n")
            if cut >= 0:
                keep = start + cut + 1
                f.truncate(keep)
                return size - keep
            end = start
        f.truncate(0)
        return size


def row_ids(path: str) -> Iterator[str]:
    """The ids of the rows in a JSONL output, read line by line (a row that begins with its id
    is not parsed further).

    Raises:
        InputError: A line is not a JSON object with an id.
    """
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                if line.startswith(ID_PREFIX):
                    value, _ = _decoder.raw_decode(line[len(ID_PREFIX) :].decode("utf-8"))
                else:
                    value = json.loads(line).get("id")
            except (ValueError, AttributeError):
                value = None
            if not isinstance(value, str):
                raise InputError(
                    f"line {n} is not a row with an id: cannot resume from this file", source=path
                )
            yield value


def resume_state(path: str) -> tuple[set[str], int]:
    """For ``--resume``: the ids already in ``path`` and the bytes of a torn last line cut off
    (``(set(), 0)`` when the file does not exist yet)."""
    if not os.path.exists(path):
        return set(), 0
    cut = repair(path)
    return set(row_ids(path)), cut
