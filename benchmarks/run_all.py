"""Runs every benchmark in quick mode; exits non-zero when any of them fails its floors.

Usage: python benchmarks/run_all.py [--quick | --full]
Each benchmark prints its own table and writes JSON under benchmarks/out/.
"""

from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent
SHARED = HERE.parent.parent / "shared" / "data"
BENCHMARKS = ("attribution.py", "factuality.py", "interview.py", "serve.py", "batch.py")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="seeded samples (default)")
    mode.add_argument("--full", action="store_true", help="every article and pair")
    a = ap.parse_args()
    if not SHARED.is_dir():
        print(f"benchmarks skipped: {SHARED} not found (the development data sits beside the repository)")
        return 0
    failed = []
    for name in BENCHMARKS:
        print(f"\n=== {name}", flush=True)
        code = subprocess.call([sys.executable, str(HERE / name), "--full" if a.full else "--quick"])
        if code:
            failed.append(f"{name} (exit {code})")
    if failed:
        print("\nbenchmarks below their floors or failing: " + ", ".join(failed))
        return 1
    print("\nall benchmarks at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
