"""A batch's input: JSONL (plain, gzip, zstd, stdin), directories and globs, read lazily."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from copydesk.batch import Input
from copydesk.batch.items import as_items
from copydesk.config import Settings
from copydesk.errors import InputError

ROWS = [
    {"id": "r1", "text": "The harbour board met on Tuesday."},
    {"text": "No id here."},
    {"id": 7, "text": "x"},
]


def _jsonl(rows: list[dict[str, object]], extra: str = "") -> bytes:
    return ("\n".join(json.dumps(r) for r in rows) + "\n" + extra).encode("utf-8")


def _total(items: Input) -> int | None:
    for _ in range(200):
        if items.total is not None:
            break
        time.sleep(0.01)
    return items.total


@pytest.mark.parametrize("compress", ["none", "gzip", "zstd"])
def test_jsonl_plain_and_compressed_read_the_same(tmp_path: Path, compress: str) -> None:
    data = _jsonl(ROWS, "\n{broken\n")
    path = tmp_path / "in.jsonl"
    if compress == "gzip":
        data = gzip.compress(data)
        path = tmp_path / "in.jsonl.gz"
    elif compress == "zstd":
        zstandard = pytest.importorskip("zstandard")
        data = zstandard.ZstdCompressor().compress(data)
        path = tmp_path / "in.jsonl.zst"
    path.write_bytes(data)
    items = Input(str(path), kind="analyse")
    got = list(items)
    assert [i.id for i in got] == ["r1", "line-2", "7", "line-5"]
    assert got[0].record == ROWS[0] and got[0].where == f"{path}:1"
    assert got[3].error is not None and "bad JSON" in got[3].error and got[3].record is None
    assert _total(items) == 4


def test_check_rows_keep_the_pairs_format(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    pair = {"id": "p1", "source": "a", "derived": "b", "published": "2024-03-15"}
    path.write_text(json.dumps(pair) + "\n[1, 2]\n")
    got = list(Input(str(path), kind="check"))
    assert [(i.id, i.record) for i in got] == [("p1", pair), ("line-2", None)]
    assert got[1].error == f"{path}: line 2 is not a JSON object"


def test_directory_ids_are_relative_paths_and_other_files_are_counted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b" / "c.html").write_text("<p>Two.</p>")
    (tmp_path / "b" / "d.json").write_text('{"text": "Three."}')
    (tmp_path / "b" / "e.txt.gz").write_bytes(gzip.compress(b"Four."))
    (tmp_path / "notes.md").write_text("not an article")
    items = Input(str(tmp_path), kind="analyse")
    got = list(items)
    assert [i.id for i in got] == ["a.txt", "b/c.html", "b/d.json", "b/e.txt.gz"]
    assert got[3].data == b"Four." and got[3].where == str(tmp_path / "b" / "e.txt")
    assert items.skipped_files == 1
    assert _total(items) == 4


def test_glob_ids_are_relative_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "one.txt").write_text("One.")
    (tmp_path / "x" / "two.html").write_text("<p>Two.</p>")
    got = list(Input(str(tmp_path / "x" / "**" / "*.txt"), kind="analyse"))
    assert [i.id for i in got] == ["y/one.txt"]


def test_an_overlong_line_is_an_error_for_it_alone(tmp_path: Path) -> None:
    settings = Settings(max_input_bytes=100)
    path = tmp_path / "in.jsonl"
    path.write_bytes(_jsonl([{"id": "big", "text": "x" * 5000}, {"id": "small", "text": "ok"}]))
    got = list(Input(str(path), kind="analyse", settings=settings))
    assert [i.id for i in got] == ["line-1", "small"]
    assert got[0].error is not None and "over" in got[0].error


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        Input(str(tmp_path / "absent.jsonl"), kind="analyse")


def test_library_items_from_objects_and_strings() -> None:
    got = list(as_items([{"id": "a", "text": "t"}, {"text": "u"}, "plain text", 3]))  # type: ignore[list-item]
    assert [i.id for i in got] == ["a", "item-2", "item-3", "item-4"]
    assert got[2].record == {"text": "plain text"} and got[3].error
