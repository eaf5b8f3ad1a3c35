"""Starts ``copydesk serve`` with options the command line does not offer: a test runner in
the workers, no model warm-up, short time limits. Run as a script by ``conftest.Server``.

    python tests/serve/serve_for_tests.py --db URL [--runner serve_faults:run_job] [--no-warm-up]
        [--token T] [--header-timeout S] [--body-timeout S] [--cors-origin O] [--host H]
"""

from __future__ import annotations

import argparse
import sys

from copydesk.config import load_settings
from copydesk.serve import ServeOptions
from copydesk.serve.options import DEFAULT_RUNNER
from copydesk.serve.server import bind, serve


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--runner", default=DEFAULT_RUNNER)
    ap.add_argument("--no-warm-up", action="store_true")
    ap.add_argument("--token")
    ap.add_argument("--header-timeout", type=float, default=10.0)
    ap.add_argument("--body-timeout", type=float, default=30.0)
    ap.add_argument("--cors-origin", action="append", default=[])
    a = ap.parse_args()
    options = ServeOptions.build(
        load_settings(),
        host=a.host,
        port=a.port,
        token=a.token,
        db=a.db,
        cors_origins=tuple(a.cors_origin),
        runner=a.runner,
        warm_up=not a.no_warm_up,
        header_timeout_s=a.header_timeout,
        body_timeout_s=a.body_timeout,
    )
    sock = bind(options.host, options.port)
    print(f"PORT {sock.getsockname()[1]}", file=sys.stderr, flush=True)
    serve(options, sock)


if __name__ == "__main__":
    main()
