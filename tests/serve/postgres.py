"""Starts and stops a throw-away PostgreSQL server for the tests (initdb + pg_ctl)."""

from __future__ import annotations

import glob
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile

import pytest

_running: list[tuple[list[str], str]] = []


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(command: list[str]) -> None:
    r = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if r.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{r.stdout}{r.stderr}")


def start() -> str:
    """Initialises a cluster in a temporary folder and starts it; returns its URL (skips the
    test when PostgreSQL is not installed)."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL is not installed (./run.sh test installs it when run as root)")
    # Not under pytest's own temporary folder: that one is private to root, and the server
    # may run as another user.
    folder = pathlib.Path(tempfile.mkdtemp(prefix="copydesk-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser: PostgreSQL cannot be started as another user")
        as_user = [runuser, "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    data = folder / "data"
    port = _free_port()
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "copydesk", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    _running.append(([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], str(folder)))
    return f"postgresql://copydesk@127.0.0.1:{port}/postgres"


def stop() -> None:
    while _running:
        command, folder = _running.pop()
        subprocess.run(command, capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
