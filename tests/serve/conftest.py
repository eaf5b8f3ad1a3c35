"""Servers shared by the tests of ``copydesk serve``.

``fake_server`` runs the service with ``serve_faults:run_job`` in its workers (no models: the
queue, limits and errors of the service itself); ``real_server`` runs the real pipeline with
one worker, shared by every test of the session that needs it.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import postgres
import pytest
from servers import FAKE, Server, start_server, stop_all


@pytest.fixture(scope="session", autouse=True)
def stop_everything_at_the_end() -> Iterator[None]:
    """Every server and database a test started is stopped when the session ends, also when a
    test fails or the run is stopped: SIGTERM (as ``timeout`` sends) becomes an interrupt, so
    the fixtures' clean-up runs. (A server also ends by itself when this process is killed
    outright: see ``tied.py``.)"""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop_all()
        postgres.stop()


@pytest.fixture(scope="module")
def fake_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Two workers running ``serve_faults:run_job``, no warm-up, short head and body time limits."""
    server = start_server(
        tmp_path_factory.mktemp("fake"),
        *FAKE,
        "--header-timeout",
        "2",
        "--body-timeout",
        "2",
        env={
            "COPYDESK_SERVE_WORKERS": "2",
            "COPYDESK_SERVE_JOB_TIMEOUT_S": "4",
            "COPYDESK_SERVE_QUEUE": "2",
            "COPYDESK_SERVE_ASYNC_BYTES": "20000",
        },
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One worker with the real pipeline and its models."""
    server = start_server(tmp_path_factory.mktemp("real"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL server on a temporary directory and a free loopback port, stopped at
    the end (as the ``postgres`` user when the tests run as root, as PostgreSQL requires)."""
    url = postgres.start()
    try:
        yield url
    finally:
        postgres.stop()
