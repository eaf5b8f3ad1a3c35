"""Runs one batch for the memory test and prints the driver's peak RSS in KiB (VmHWM):
``python batch_memory_driver.py INPUT OUTPUT`` (the fake task, two local worker processes)."""

from __future__ import annotations

import sys

from batch_fakes import EchoFactory

from copydesk import batch
from copydesk.batch.tasks import peak_rss_kb

if __name__ == "__main__":
    source, output = sys.argv[1], sys.argv[2]
    batch.run_to_file("analyse", source, output, workers=2, task=EchoFactory(pad=20_000), progress="json")
    print(peak_rss_kb())
