"""JSONL batches: one article a line; a bad line is an error for that line and reading goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from copydesk.config import Settings
from copydesk.errors import InputError
from copydesk.ingest import is_jsonl, iter_jsonl
from copydesk.model import Document

SETTINGS = Settings()

GOOD = (
    "The county council approved a new cycle lane along the river on Tuesday, after a year of "
    "consultation with residents and shop owners.\nSource: Valley Wire"
)
FRENCH = (
    "Le conseil départemental a approuvé mardi une nouvelle piste cyclable le long de la rivière, "
    "après une année de consultation avec les habitants et les commerçants."
)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_good_broken_empty_and_french_lines(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        [
            json.dumps({"id": "a1", "text": GOOD, "published": "2024-04-09", "byline": "Sam Reed"}),
            '{"id": "a2", "text": "unterminated',
            "",
            json.dumps({"id": "a3", "text": "   "}),
            json.dumps({"text": FRENCH}),
        ],
    )
    items = list(iter_jsonl(p, settings=SETTINGS))
    assert [i for i, _ in items] == ["a1", "line-2", "a3", "line-5"]

    doc = items[0][1]
    assert isinstance(doc, Document)
    assert (doc.id, doc.published, doc.byline, doc.source_credit) == (
        "a1",
        dt.date(2024, 4, 9),
        "Sam Reed",
        "Valley Wire",
    )
    assert doc.text == GOOD

    errors = [e for _, e in items[1:]]
    assert all(isinstance(e, InputError) for e in errors)
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{p}:2 id=line-2: bad JSON: ")
    assert messages[1] == f"{p}:4 id=a3: input is only whitespace"
    assert messages[2].startswith(f"{p}:5 id=line-5: text looks non-English (")
    assert "French" in messages[2]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "b1"}', 'no "text", "html" or "turns" field'),
        ('{"id": "b1", "text": 7}', "field 'text' must be a string"),
        ('["not", "an", "object"]', "line is a JSON list, not an object"),
        ('{"id": ["x"], "text": "t"}', "field 'id' must be a string or an integer"),
        (json.dumps({"id": "b1", "text": GOOD, "published": "yesterday"}), "metadata field 'published'"),
        (
            json.dumps({"id": "b1", "html": "<html><body><nav>Home</nav></body></html>"}),
            "HTML has no article text",
        ),
    ],
)
def test_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    [(_, err)] = list(iter_jsonl(_write(tmp_path, [line]), settings=SETTINGS))
    assert isinstance(err, InputError)
    assert message in str(err)


def test_html_line_and_integer_id(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Cycle lane approved</title></head><body><article>"
        f"<p>{GOOD.splitlines()[0]}</p><p>Source: Valley Wire</p></article></body></html>"
    )
    [(doc_id, doc)] = list(
        iter_jsonl(_write(tmp_path, [json.dumps({"id": 17, "html": html})]), settings=SETTINGS)
    )
    assert doc_id == "17"
    assert isinstance(doc, Document)
    assert doc.id == "17" and doc.title == "Cycle lane approved" and doc.source_credit == "Valley Wire"
    assert "Source:" not in doc.text


def test_file_that_is_not_jsonl_is_reported_line_by_line(tmp_path: Path) -> None:
    p = tmp_path / "notes.jsonl"
    p.write_text("first line of prose\nsecond line of prose\n\nthird\n", encoding="utf-8")
    items = list(iter_jsonl(p, settings=SETTINGS))
    assert [i for i, _ in items] == ["line-1", "line-2", "line-4"]
    assert all(isinstance(e, InputError) and "bad JSON" in str(e) for _, e in items)


def test_bad_bytes_and_overlong_lines_do_not_stop_the_batch(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    small = Settings(max_input_bytes=300)  # lines are capped at 6 * 300 + 1024 bytes
    lines = [
        b'{"id": "x", "text": "caf\xe9"}',
        json.dumps({"id": "huge", "text": "word " * 1000}).encode(),  # over the line cap: not parsed
        json.dumps({"id": "long", "text": "word " * 100}).encode(),  # parsed, text over the limit
        json.dumps({"id": "ok", "text": GOOD}).encode(),
    ]
    p.write_bytes(b"\n".join(lines))
    items = list(iter_jsonl(p, settings=small))
    assert [i for i, _ in items] == ["line-1", "line-2", "long", "ok"]
    assert "line is not UTF-8" in str(items[0][1])
    assert "line is over 2,824 bytes" in str(items[1][1])
    assert "input is 500 bytes, over the limit of 300" in str(items[2][1])
    assert isinstance(items[3][1], Document)


def test_missing_file_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        iter_jsonl(tmp_path / "absent.jsonl", settings=SETTINGS)


def test_is_jsonl() -> None:
    assert is_jsonl("batch.jsonl") and is_jsonl(Path("x/BATCH.NDJSON"))
    assert not is_jsonl("article.txt") and not is_jsonl("-")
