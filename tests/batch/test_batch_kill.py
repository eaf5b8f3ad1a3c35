"""Exactly-once output across kills: a batch killed with SIGKILL at random moments, twenty times
in a row, then resumed, has every input id exactly once, no torn line, and no worker left behind.

The work is a fast stand-in (``batch_fakes.EchoFactory``, some rows of 100 kB so that a kill can
land in the middle of a write), on two real worker processes; the driver, output, resume and
repair are the real ones. ``test_batch_cli.py`` kills and resumes a batch of the real pipeline.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DRIVER = HERE / "batch_kill_driver.py"
ITEMS = 2000
KILLS = 20


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def whole_rows(path: Path) -> tuple[list[str], bytes]:
    """The ids of the file's whole lines, and a torn tail (bytes after the last newline)."""
    data = path.read_bytes() if path.exists() else b""
    body, _, tail = data.rpartition(b"\n")
    ids = [json.loads(line)["id"] for line in body.split(b"\n") if line] if body else []
    return ids, tail


class LineCounter:
    """Counts a growing file's newlines, reading only what was added since the last call."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.lines = path, 0, 0

    def __call__(self) -> int:
        try:
            with self.path.open("rb") as f:
                size = f.seek(0, os.SEEK_END)
                self.offset = min(self.offset, size)  # a resume cut a torn tail (no newline in it)
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return 0
        self.lines += data.count(b"\n")
        self.offset += len(data)
        return self.lines


def start(source: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    return subprocess.Popen([sys.executable, str(DRIVER), str(source), str(out)], env=env)


def test_twenty_kills_in_a_row_then_every_id_exactly_once(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"k{n}", "n": n}) + "\n" for n in range(ITEMS)))
    out = tmp_path / "out.jsonl"
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    log = []
    count = LineCounter(out)
    for round_ in range(KILLS):
        before = len(whole_rows(out)[0])
        proc = start(source, out)
        anywhere = rng.random() < 0.3
        if anywhere:  # at a random instant, starting up included, before 60 more rows are out
            target, deadline = before + 60, time.monotonic() + rng.uniform(0.0, 1.5)
        else:  # once the output has grown by a random number of rows, plus a random instant
            target, deadline = before + rng.randint(1, 60), time.monotonic() + 60
        while count() < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        if not anywhere:
            time.sleep(rng.uniform(0.0, 0.02))
        workers = children(proc.pid)
        proc.kill()
        proc.wait()
        ids, tail = whole_rows(out)
        log.append((round_, before, len(ids), len(tail)))
        assert len(ids) == len(set(ids)), f"duplicate ids after kill {round_} (seed {seed}): {log}"
        deadline = time.monotonic() + 30
        while any(alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(p) for p in workers), f"workers left running after kill {round_}"
    assert len(whole_rows(out)[0]) < ITEMS, f"the kills came too late to test anything: {log}"
    proc = start(source, out)
    assert proc.wait(timeout=300) == 0
    ids, tail = whole_rows(out)
    assert tail == b"", "a torn last line was left"
    assert sorted(ids) == sorted(f"k{n}" for n in range(ITEMS)), f"seed {seed}: {log}"
    assert len(ids) == ITEMS
