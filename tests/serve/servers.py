"""Real servers for the tests: ``copydesk serve`` processes on loopback ports."""

from __future__ import annotations

import atexit
import http.client
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import threading
import time
from typing import Any

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent.parent
ARTICLE = (ROOT / "examples" / "harbour-strike.txt").read_text(encoding="utf-8")
SUMMARY = (ROOT / "examples" / "harbour-strike-summary.txt").read_text(encoding="utf-8")
TOKEN = "test-token-0123456789abcdef"
FAKE = ("--runner", "serve_faults:run_job", "--no-warm-up")
START_TIMEOUT_S = 120.0
"""How long a server may take to bind its port and say which (the models load later)."""

LIVE: set[Server] = set()
"""Servers started and not yet stopped: ``stop_all`` stops them at the end of the session."""


class Server:
    """One server process; ``request`` talks to it over a fresh connection."""

    def __init__(
        self,
        db: str,
        *args: str,
        env: dict[str, str] | None = None,
        cli: bool = False,
        ready_timeout: float = 240.0,
    ) -> None:
        self.db = db
        self.args = args
        self.env = env or {}
        self.cli = cli
        self.ready_timeout = ready_timeout
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0
        self.lines: list[str] = []
        self.drained = threading.Event()

    def start(self, *, wait_ready: bool = True) -> Server:
        """Starts the server (``tied.py`` ends it if this process ends without stopping it);
        any failure to come up stops it before the error is raised."""
        if self.cli:
            target = ["-m", "copydesk.cli", "serve"]
            db = ["--db", self.db] if self.db else []  # no --db: the default place
            pattern = r"serving on http://[^:]+:(\d+)/"
        else:
            target = [str(HERE / "serve_for_tests.py")]
            db = ["--db", self.db]
            pattern = r"PORT (\d+)"
        cmd = [sys.executable, str(HERE / "tied.py"), *target, "--port", str(self.port), *db, *self.args]
        env = {**os.environ, "COPYDESK_SERVE_RATE_PER_MINUTE": "0", **self.env}
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE), env.get("PYTHONPATH", "")])
        self.proc = subprocess.Popen(
            cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True
        )
        LIVE.add(self)
        self._drain()
        try:
            self.port = self._port(pattern)
            if wait_ready:
                self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _port(self, pattern: str) -> int:
        """The port from the server's log line that names it."""
        deadline = time.monotonic() + START_TIMEOUT_S
        seen = 0
        while time.monotonic() < deadline:
            for line in self.lines[seen:]:
                match = re.search(pattern, line)
                if match:
                    return int(match.group(1))
            seen = len(self.lines)
            assert self.proc is not None
            if self.proc.poll() is not None and self.drained.wait(timeout=5):
                break
            time.sleep(0.05)
        raise RuntimeError("the server did not start:\n" + "".join(self.lines))

    def _drain(self) -> None:
        """Keeps reading the server's log so that it never blocks on a full pipe."""
        proc = self.proc
        assert proc is not None and proc.stderr is not None
        lines: list[str] = []
        drained = threading.Event()
        self.lines, self.drained = lines, drained

        def read() -> None:
            assert proc.stderr is not None
            try:
                for line in proc.stderr:
                    lines.append(line)
            except (OSError, ValueError):  # closed by stop()
                pass
            drained.set()

        threading.Thread(target=read, daemon=True).start()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            try:
                token = self.args[self.args.index("--token") + 1] if "--token" in self.args else None
                auth = {"Authorization": f"Bearer {token}"} if token else {}
                status, _, _ = self.request("GET", "/api/ready", headers=auth)
                if status == 200:
                    return
            except OSError:
                pass
            assert self.proc is not None and self.proc.poll() is None, "".join(self.lines)
            time.sleep(0.2)
        raise RuntimeError("the server's workers did not load in time:\n" + "".join(self.lines))

    def stop(self) -> None:
        """Stops the server (Ctrl-C: a clean shutdown, its workers included; killed if that
        takes over 30 s). Safe to call twice."""
        LIVE.discard(self)
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        finally:
            self.drained.wait(timeout=5)
            if proc.stderr is not None:
                proc.stderr.close()

    def restart(self) -> Server:
        """Stops the server and starts it again on the same port and database."""
        self.stop()
        return self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 300,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request; a dict body is sent as JSON. Returns (status, headers, body)."""
        hdrs = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body)
            hdrs.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def json(self, method: str, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        status, _, data = self.request(method, path, body, **kw)
        return status, json.loads(data) if data else None


def stop_all() -> None:
    """Stops every server still running (the session's last clean-up, and ``atexit``'s)."""
    for server in list(LIVE):
        server.stop()


atexit.register(stop_all)


def start_server(tmp: pathlib.Path, *args: str, **kw: Any) -> Server:
    return Server(f"sqlite:///{tmp / 'results.db'}", *args, **kw).start()
