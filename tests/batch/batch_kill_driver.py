"""Runs one batch of the kill/resume test: ``python batch_kill_driver.py INPUT OUTPUT`` (resumes
OUTPUT; the fake task sleeps a little per item, on two local worker processes)."""

from __future__ import annotations

import sys

from batch_fakes import EchoFactory

from copydesk import batch

if __name__ == "__main__":
    source, output = sys.argv[1], sys.argv[2]
    batch.run_to_file(
        "analyse",
        source,
        output,
        resume=True,
        workers=2,
        task=EchoFactory(delay=0.002, pad=100_000),
        progress="quiet",
    )
