"""The command line: exit codes, error messages, outputs and batches."""

from __future__ import annotations

import json
import pathlib

import pytest

from copydesk.cli import main

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
ARTICLE = EXAMPLES / "harbour-strike.txt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as e:  # argparse usage errors
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("analyse",),
        ("check", "a.txt"),
        ("check", "-", "-"),
        ("analyse", "x.txt", "--published", "15/03/2024"),
        ("interview", "x.txt", "--turns", "0"),
        ("analyse", "x.txt", "--format", "pdf"),
    ],
)
def test_bad_usage_exits_2(capsys, args):
    code, out, _ = run(capsys, *args)
    assert code == 2
    assert out == ""


def test_missing_file_is_one_clear_line(capsys, tmp_path):
    code, out, err = run(capsys, "analyse", str(tmp_path / "absent.txt"))
    assert code == 2 and out == ""
    assert err.startswith("copydesk: error:") and "absent.txt" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\t\n", b"%PDF-1.7\n\x00\x01\x02binary", b"\x00\x00\x00\x00" * 100],
)
def test_bad_input_is_one_clear_line(capsys, tmp_path, content):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run(capsys, "analyse", str(f))
    assert code == 2 and out == ""
    assert err.startswith("copydesk: error:") and len(err.strip().splitlines()) == 1


def test_analyse_json(capsys):
    code, out, _ = run(capsys, "analyse", str(ARTICLE), "--published", "2024-03-15")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] and data["published"] == "2024-03-15"
    text = ARTICLE.read_text(encoding="utf-8")
    assert data["text"] == text
    assert data["source_credit"] == "Valmora Wire Service"
    speakers = {q["speaker"]["name"] for q in data["quotes"] if q["speaker"]}
    assert {"Marta Quenell", "Anton Ferris"} <= speakers
    for q in data["quotes"]:
        c = q["content"]
        assert text[c["start"] : c["end"]] == c["text"]


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_analyse_readable_formats_show_who_said_what(capsys, fmt):
    code, out, _ = run(capsys, "analyze", str(ARTICLE), "--format", fmt)
    assert code == 0
    assert "Quenell" in out and "Ferris" in out


def test_output_file_replaced_only_on_success(capsys, tmp_path):
    out_file = tmp_path / "out.json"
    out_file.write_text("precious")
    code, _, _ = run(capsys, "analyse", str(tmp_path / "absent.txt"), "-o", str(out_file))
    assert code == 2 and out_file.read_text() == "precious"
    code, out, _ = run(capsys, "analyse", str(ARTICLE), "-o", str(out_file))
    assert code == 0 and out == ""
    assert json.loads(out_file.read_text())["quotes"]


def test_batch_goes_on_past_bad_items(capsys, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "good", "text": text, "published": "2024-03-15"}),
        "{not json",
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "nothing"}),
        json.dumps({"id": "good2", "text": text}),
    ]
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(lines) + "\n")
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "analyse", str(f), "-o", str(out_file))
    assert code == 2  # the batch went on, but items failed
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["good", "line-2", "empty", "nothing", "good2"]
    assert [("error" in r) for r in rows] == [False, True, True, True, False]
    assert rows[0]["quotes"] and rows[0]["published"] == "2024-03-15"
    assert "5 items, 3 errors" in err


def test_check_exit_codes(capsys, tmp_path):
    summary = EXAMPLES / "harbour-strike-summary.txt"
    code, out, _ = run(capsys, "check", str(ARTICLE), str(summary), "--format", "json")
    assert code == 1
    audit = json.loads(out)
    assert audit["consistent"] is False
    types = {f["type"] for s in audit["sentences"] for f in s["findings"]}
    assert "fabricated_entity" in types and "number" in types
    faithful = tmp_path / "faithful.txt"
    faithful.write_text("Union members voted 1,240 to 310 in favour of the walkout, Marta Quenell said.\n")
    code, _, _ = run(capsys, "check", str(ARTICLE), str(faithful), "--format", "json")
    assert code == 0


def test_check_pairs_batch(capsys, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    rows = [
        {
            "id": "p1",
            "source": text,
            "derived": "The last strike at the port, in March 2019, lasted three days.",
        },
        {"id": "p2", "source": text},
        {
            "id": "p3",
            "source": text,
            "derived": "The last strike at the port, in March 2019, lasted ten days.",
        },
        {
            "id": "p4",
            "source": {"text": text, "published": "2026-03-05"},
            "derived": {
                "turns": [{"speaker": "Host", "text": "When?"}, {"speaker": "Guest", "text": "On Monday."}]
            },
        },
        {"id": "p5", "source": text, "derived": ["not", "a text"]},
    ]
    f = tmp_path / "pairs.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    code, out, err = run(capsys, "check", "--pairs", str(f))
    assert code == 2  # items failed
    assert "5 items, 2 errors, 1 not consistent" in err
    got = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in got] == ["p1", "p2", "p3", "p4", "p5"]
    assert got[0]["consistent"] is True and "error" in got[1] and got[2]["consistent"] is False
    assert got[3]["derived"]["text"] == "Host: When?\nGuest: On Monday." and "error" in got[4]
    assert got[3]["source"]["published"] == "2026-03-05"
    for r in (got[0], got[2]):
        assert 0.0 <= r["score"] <= 1.0
        for s in r["sentences"]:
            assert {"start", "end", "verdict", "score", "evidence", "findings"} <= set(s)


@pytest.mark.parametrize(("ids", "code"), [(["p1"], 0), (["p1", "p3"], 1)])
def test_check_pairs_exit_code_says_whether_an_item_is_not_consistent(capsys, tmp_path, ids, code):
    text = ARTICLE.read_text(encoding="utf-8")
    derived = {
        "p1": "The last strike at the port, in March 2019, lasted three days.",
        "p3": "The last strike at the port, in March 2019, lasted ten days.",
    }
    f = tmp_path / "pairs.jsonl"
    f.write_text("".join(json.dumps({"id": i, "source": text, "derived": derived[i]}) + "\n" for i in ids))
    assert run(capsys, "check", "--pairs", str(f))[0] == code
