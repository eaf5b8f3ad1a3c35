"""Real servers for the tests: ``copydesk serve`` processes on loopback ports."""

from __future__ import annotations

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
        self.log = b""

    def start(self, *, wait_ready: bool = True) -> Server:
        if self.cli:
            cmd = [
                sys.executable,
                "-m",
                "copydesk.cli",
                "serve",
                "--port",
                str(self.port),
                *(["--db", self.db] if self.db else []),  # no --db: the default place
                *self.args,
            ]
            pattern = r"serving on http://[^:]+:(\d+)/"
        else:
            cmd = [
                sys.executable,
                str(HERE / "serve_for_tests.py"),
                "--port",
                str(self.port),
                "--db",
                self.db,
                *self.args,
            ]
            pattern = r"PORT (\d+)"
        env = {**os.environ, "COPYDESK_SERVE_RATE_PER_MINUTE": "0", **self.env}
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE), env.get("PYTHONPATH", "")])
        self.proc = subprocess.Popen(
            cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True
        )
        assert self.proc.stderr is not None
        line = self.proc.stderr.readline()
        match = re.search(pattern, line)
        if not match:
            self.proc.wait(timeout=30)
            rest = self.proc.stderr.read()
            self.stop()
            raise RuntimeError(f"the server did not start: {line}{rest}")
        self.port = int(match.group(1))
        self._drain()
        if wait_ready:
            try:
                self.wait_ready()
            except BaseException:
                self.stop()
                raise
        return self

    def _drain(self) -> None:
        """Keeps reading the server's log so that it never blocks on a full pipe."""
        proc = self.proc
        assert proc is not None and proc.stderr is not None
        lines: list[str] = []
        self.lines = lines

        def read() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                lines.append(line)

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
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None and self.proc.stderr is not None:
            self.proc.stderr.close()
        self.proc = None

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


def start_server(tmp: pathlib.Path, *args: str, **kw: Any) -> Server:
    return Server(f"sqlite:///{tmp / 'results.db'}", *args, **kw).start()
