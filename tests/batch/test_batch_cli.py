"""``copydesk batch`` with the real pipeline: the same rows as the single-process commands (which
are now its aliases), per-item errors, progress on stderr, directories, and a real kill/resume."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch_kill import alive, children, whole_rows

from copydesk import pipeline
from copydesk.cli import main

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "articles.jsonl"
PAIRS = HERE / "fixtures" / "pairs.jsonl"
EXAMPLE = HERE.parent.parent / "examples" / "harbour-strike.txt"

pytestmark = pytest.mark.slow


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def rows(path: Path) -> dict[str, dict[str, object]]:
    found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in found}
    assert len(by_id) == len(found), "an id came twice"
    return by_id


def test_batch_analyse_gives_the_rows_of_the_alias(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alias, out = tmp_path / "alias.jsonl", tmp_path / "batch.jsonl"
    code, _, err = run(capsys, "analyse", str(ARTICLES), "-o", str(alias))
    assert code == 2 and "4 items, 1 errors" in err
    assert [json.loads(x)["id"] for x in alias.read_text().splitlines()] == [
        "tram",
        "bakery",
        "tram-html",
        "blank",
    ]
    assert list(rows(alias).values()) == list(pipeline.analyse_jsonl(str(ARTICLES)))

    code, stdout, err = run(
        capsys, "batch", "analyse", str(ARTICLES), "-o", str(out), "--workers", "2", "--progress-json"
    )
    assert code == 2 and stdout == ""
    assert rows(out) == rows(alias)
    assert rows(out)["blank"] == {"id": "blank", "error": f"{ARTICLES}:4 id=blank: input is only whitespace"}
    lines = [json.loads(x) for x in err.splitlines()]
    summary = lines[-1]
    assert summary["event"] == "summary" and (summary["done"], summary["errors"]) == (4, 1)
    assert len(summary["workers"]) == 2 and all(w["peak_rss_mb"] > 50 for w in summary["workers"])
    assert all(x["event"] == "progress" for x in lines[:-1])


def test_batch_check_gives_the_rows_of_check_pairs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alias, out = tmp_path / "alias.jsonl", tmp_path / "batch.jsonl"
    code, _, alias_err = run(capsys, "check", "--pairs", str(PAIRS), "-o", str(alias))
    assert code == 2 and "4 items, 1 errors" in alias_err
    code, _, err = run(capsys, "batch", "check", str(PAIRS), "-o", str(out), "--workers", "2", "--ordered")
    assert code == 2
    assert out.read_text() == alias.read_text()  # --ordered: the very same file
    assert err.split(", ")[:3] == alias_err.replace("check:", "batch check:").split(", ")[:3]
    audits = rows(out)
    assert audits["p-bad"]["consistent"] is False and "error" in audits["p-missing"]
    assert f"{sum(r.get('consistent') is False for r in audits.values())} not consistent" in err


def test_batch_interview_of_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "wire").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "wire" / "harbour.txt")
    (folder / "README.md").write_text("not an article")
    out = tmp_path / "interviews.jsonl"
    code, _, err = run(
        capsys, "batch", "interview", str(folder), "-o", str(out), "--workers", "1", "--turns", "3"
    )
    assert code == 0, err
    assert "1 items, 0 errors" in err and "1 files skipped" in err
    (row,) = rows(out).values()
    doc = dataclasses.replace(pipeline.read(str(EXAMPLE)), id="wire/harbour.txt")  # the id: the relative path
    expected = pipeline.interview(doc, turns=3).to_dict()
    assert row == {"id": "wire/harbour.txt", **{k: v for k, v in expected.items() if k != "id"}}


def test_output_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x"}\n')
    code, _, err = run(capsys, "batch", "analyse", str(ARTICLES), "-o", str(out))
    assert code == 2 and "--resume" in err and out.read_text() == '{"id": "x"}\n'
    code, _, err = run(capsys, "batch", "analyse", str(ARTICLES), "--resume")
    assert code == 2 and "needs an output file" in err
    code, _, _ = run(capsys, "batch", "analyse", str(ARTICLES), "--ray-address", "127.0.0.1:6379")
    assert code == 2
    code, _, err = run(
        capsys, "batch", "analyse", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "o.jsonl")
    )
    assert code == 2 and "no such file" in err


def test_a_real_batch_killed_then_resumed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    source.write_text(
        "".join(
            json.dumps({**json.loads(x), "id": f"{json.loads(x)['id']}-{k}"}) + "\n"
            for k in range(3)
            for x in lines
        )
    )
    expected_file = tmp_path / "expected.jsonl"
    assert run(capsys, "analyse", str(source), "-o", str(expected_file))[0] == 2
    expected = rows(expected_file)

    out = tmp_path / "out.jsonl"
    command = [
        sys.executable,
        "-m",
        "copydesk.cli",
        "batch",
        "analyse",
        str(source),
        "-o",
        str(out),
        "--quiet",
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([*command, "--workers", "2"], env=env)
    deadline = time.monotonic() + 300
    while len(whole_rows(out)[0]) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children(proc.pid)
    proc.kill()
    proc.wait()
    written, _ = whole_rows(out)
    assert 2 <= len(written) < len(expected), "the kill did not land in the middle of the batch"
    deadline = time.monotonic() + 30
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in workers)

    done = subprocess.run([*command, "--workers", "2", "--resume"], env=env, timeout=600)
    assert done.returncode == 2  # the blank articles
    assert rows(out) == expected
