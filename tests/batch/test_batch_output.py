"""The output file: whole lines appended, a torn tail cut off, ids read back for --resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.batch.output import Appender, repair, resume_state, row_ids
from copydesk.errors import InputError


def test_appender_writes_whole_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Appender(str(out)) as a:
        a.write(json.dumps({"id": "a", "x": "é"}, ensure_ascii=False))
    with Appender(str(out)) as a:
        a.write(json.dumps({"id": "b"}))
    assert out.read_text(encoding="utf-8") == '{"id": "a", "x": "é"}\n{"id": "b"}\n'


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        (b"", b""),
        (b'{"id": "a"}\n', b'{"id": "a"}\n'),
        (b'{"id": "a"}\n{"id": "b", "te', b'{"id": "a"}\n'),
        (b'{"id": "a', b""),
        (b'{"id": "a"}\n' * 10000 + b'{"id": "z", ' + b"x" * 100000, b'{"id": "a"}\n' * 10000),
    ],
)
def test_repair_cuts_only_a_torn_last_line(tmp_path: Path, content: bytes, kept: bytes) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    assert repair(str(out)) == len(content) - len(kept)
    assert out.read_bytes() == kept


def test_row_ids_read_id_first_rows_and_others(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "quotes": []}\n\n{"text": "x", "id": "b"}\n{"id": "c\\"q", "error": "e"}\n')
    assert list(row_ids(str(out))) == ["a", "b", 'c"q']


def test_a_line_without_an_id_stops_a_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot json\n')
    with pytest.raises(InputError, match="line 2"):
        list(row_ids(str(out)))


def test_resume_state(tmp_path: Path) -> None:
    assert resume_state(str(tmp_path / "absent.jsonl")) == (set(), 0)
    out = tmp_path / "out.jsonl"
    torn = b'{"id": "c", "x'
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}\n' + torn)
    assert resume_state(str(out)) == ({"a", "b"}, len(torn))
