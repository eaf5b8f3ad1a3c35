"""Runs a module (``-m NAME``) or a script as this process, and ends it when its parent ends.

A server that a test starts must not outlive the test run, however the run ends: a failing
test, Ctrl-C, ``timeout``'s SIGTERM, or SIGKILL, which runs no clean-up in the test process
at all. A thread here watches the parent process; once it is gone, this process gets
SIGTERM, which stops ``copydesk serve`` cleanly, its worker processes included.

    python tests/serve/tied.py -m copydesk.cli serve --port 0
    python tests/serve/tied.py tests/serve/serve_for_tests.py --db URL
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import threading
import time

POLL_S = 0.5


def watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_S)
    os.kill(os.getpid(), signal.SIGTERM)


def main() -> None:
    threading.Thread(target=watch, args=(os.getppid(),), name="tied-to-parent", daemon=True).start()
    if sys.argv[1] == "-m":
        module = sys.argv[2]
        sys.argv = [module, *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
