"""The driver's memory does not grow with the input: ten times the items (and ten times the
bytes in and out) leave its peak RSS within 1.2x. The work is a fast stand-in on two real worker
processes; the input, driver, progress and output are the real ones (``benchmarks/batch.py``
measures the same with the real pipeline)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
DRIVER = HERE / "batch_memory_driver.py"
TEXT = "The harbour board met on Tuesday and agreed the new berth fees. " * 50  # ~3 kB an item


def peak_rss_kb(tmp_path: Path, items: int) -> int:
    source, out = tmp_path / f"in-{items}.jsonl", tmp_path / f"out-{items}.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for n in range(items):
            f.write(json.dumps({"id": f"m{n}", "n": n, "text": TEXT}) + "\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(source), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    with out.open(encoding="utf-8") as f:
        assert sum(1 for _ in f) == items
    return int(done.stdout.split()[-1])


def test_ten_times_the_input_leaves_the_drivers_peak_rss_within_1_2x(tmp_path: Path) -> None:
    small = peak_rss_kb(tmp_path, 1_000)
    big = peak_rss_kb(tmp_path, 10_000)  # 30 MB in, 50 MB out: held whole, either would show
    print(f"driver peak RSS: {small} KiB at 1,000 items, {big} KiB at 10,000 ({big / small:.3f}x)")
    assert big <= 1.2 * small, (small, big)
