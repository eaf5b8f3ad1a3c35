"""``copydesk serve`` as a user starts it: no configuration, a busy port, a bad database URL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from servers import ROOT, Server


def env_for(tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }


def test_starts_with_no_configuration(tmp_path, monkeypatch):
    # Nothing but a free port: no --db, no token, no settings file; the results go to the user's
    # data directory, and the models load in the background.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    server = Server("", cli=True).start(wait_ready=False)
    try:
        status, body = server.json("GET", "/api/health")
        assert status == 200 and body["status"] == "ok"
        assert (tmp_path / "data" / "copydesk" / "copydesk.db").exists()
        assert server.request("GET", "/")[0] == 200
    finally:
        server.stop()


def test_default_database_is_in_the_data_directory(tmp_path):
    code = "from copydesk.serve.options import default_db_url; print(default_db_url())"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env_for(tmp_path), capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == f"sqlite:///{tmp_path / 'data' / 'copydesk' / 'copydesk.db'}"


def test_busy_port_is_a_usage_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run(
            [sys.executable, "-m", "copydesk.cli", "serve", "--port", str(port)],
            env=env_for(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert r.returncode == 2 and "cannot listen" in r.stderr and "Traceback" not in r.stderr


def test_bad_database_url_is_a_usage_error(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "copydesk.cli", "serve", "--port", "0", "--db", "mysql://x"],
        env=env_for(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "--db takes" in r.stderr and "Traceback" not in r.stderr
