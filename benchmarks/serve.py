"""Serve benchmark: requests per second and latency of ``copydesk serve`` over loopback.

Starts the real command (``copydesk serve --workers W --port 0``, a fresh SQLite store in a
temporary folder) and drives it with C client threads, each on one keep-alive connection
sending ``POST /api/analyse`` with the same article back to back for a fixed window after a
warm-up; it reports requests/s (completed requests over the window) and p50/p95 latency for
C = 1, 4 and 16 clients, with W = 1 and 2 workers. Every answer must be 200, or the run fails.

Then, with 2 workers: the latency of a small request sent while a 1 MB request runs. The
small request's solo latency is the median of 5 sequential requests on the idle server;
then a 1 MB ``/api/analyse`` is posted (it runs as a job: 202), and once its job is running
5 small requests are sent one after the other; their median over the solo median is the
ratio. The job must still be running after the last one (else the figure is void and the run
fails); the server is then stopped, which stops the job, so the benchmark stays bounded.

The article is a PolNeAR article of 3-5 KB from ``../shared/data`` (the first by name), or
the repository's example article when the data is absent; the 1 MB text joins PolNeAR
articles in name order (or repeats the example). The server runs with its rate limit off
(``COPYDESK_SERVE_RATE_PER_MINUTE=0``: one client address sends everything here) and a queue
of 64. The clients run in this process on the same machine, so they take some CPU too.

    python benchmarks/serve.py --quick     # 6 s windows (CI)
    python benchmarks/serve.py --full      # 30 s windows
    python benchmarks/serve.py --window 15 # any other length

A table goes to stdout and JSON to ``benchmarks/out/serve.json``; the exit code is 1 when a
figure is past its floor in ``benchmarks/floors.json`` (key ``serve``). The issue's acceptance
figures are ``serve_targets`` (2 workers at least 1.7 times 1 worker at 4 clients; the small
request during the 1 MB one under 3 times its solo time), reported on every run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", REPO.parent / "shared"))
POLNEAR_TEXT = SHARED / "data" / "attribution" / "polnear-train" / "text"
EXAMPLE = REPO / "examples" / "harbour-strike.txt"
OUT = HERE / "out" / "serve.json"
FLOORS = HERE / "floors.json"
CLIENTS = (1, 4, 16)
WORKERS = (1, 2)
BIG_BYTES = 1_000_000


def articles() -> tuple[str, str, str]:
    """(small article, 1 MB text, where they came from)."""
    if POLNEAR_TEXT.is_dir():
        paths = sorted(POLNEAR_TEXT.glob("*.txt"))
        small = next(p for p in paths if 3000 <= p.stat().st_size <= 5000)
        parts, size = [], 0
        for p in paths:
            if size >= BIG_BYTES:
                break
            text = p.read_text(encoding="utf-8")
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
        big = "\n\n".join(parts)
        return (
            small.read_text(encoding="utf-8"),
            big,
            f"PolNeAR {small.name}; {len(parts)} articles joined",
        )
    text = EXAMPLE.read_text(encoding="utf-8")
    big = "\n\n".join([text] * (BIG_BYTES // len(text.encode("utf-8")) + 1))
    return text, big, f"{EXAMPLE.name} (../shared/data absent); repeated"


class Server:
    def __init__(self, workers: int, folder: Path) -> None:
        self.workers = workers
        env = {
            **os.environ,
            "COPYDESK_SERVE_RATE_PER_MINUTE": "0",
            "COPYDESK_SERVE_QUEUE": "64",
            "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
        }
        cmd = [
            sys.executable,
            "-m",
            "copydesk.cli",
            "serve",
            "--port",
            "0",
            "--workers",
            str(workers),
            "--db",
            f"sqlite:///{folder / f'bench-{workers}.db'}",
        ]
        self.db = folder / f"bench-{workers}.db"
        self.proc = subprocess.Popen(
            cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self) -> None:
        assert self.proc.stderr is not None
        line = self.proc.stderr.readline()
        match = re.search(r"serving on http://[^:]+:(\d+)/", line)
        if not match:
            raise SystemExit(f"copydesk serve did not start: {line}")
        self.port = int(match.group(1))
        threading.Thread(target=lambda: [None for _ in self.proc.stderr or ()], daemon=True).start()
        deadline = time.monotonic() + 600
        while self.request("GET", "/api/ready")[0] != 200:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise SystemExit("the workers did not load their models")
            time.sleep(0.2)

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        conn: http.client.HTTPConnection | None = None,
    ) -> tuple[int, bytes]:
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(
                method,
                path,
                body=body,
                headers={"Content-Type": "application/json"} if body else {},
            )
            r = conn.getresponse()
            return r.status, r.read()
        except OSError:
            return 0, b""
        finally:
            if own:
                conn.close()

    def stop(self) -> None:
        """Ctrl-C: a clean shutdown, the workers included (killed after 60 s)."""
        if self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the server's workers), from ``/proc``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def job_seconds(db: Path, since: dt.datetime) -> float:
    """The time the workers held jobs that started after ``since`` (started to finished, as the
    server stored them, in UTC)."""
    with contextlib.closing(sqlite3.connect(db)) as c:
        rows = c.execute("SELECT started_at, finished_at FROM results WHERE status = 'done'").fetchall()
    total = 0.0
    for started, finished in rows:
        if started and finished and dt.datetime.fromisoformat(started) >= since:
            total += (
                dt.datetime.fromisoformat(finished) - dt.datetime.fromisoformat(started)
            ).total_seconds()
    return total


def load(server: Server, body: bytes, clients: int, window_s: float) -> dict[str, Any]:
    """C clients post back to back for ``window_s``; every request started in the window counts.

    Also the CPU seconds per request of the server's own process, of its workers together, and
    of these clients: where the two cores went. And two shares that tell a design that leaves
    workers idle from a machine that is busy with something else: ``worker_busy``, the share of
    the window in which the workers held a job, and ``cpu_while_busy``, the CPU the workers got
    over the time they held jobs (1.0: a core each while working; less: other processes had it).
    """
    since = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    workers = child_pids(server.proc.pid)
    cpu_before = [
        cpu_seconds(server.proc.pid),
        sum(map(cpu_seconds, workers)),
        time.process_time(),
    ]
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + window_s
    finished: list[float] = []

    def client() -> None:
        conn = server.connection()
        while time.monotonic() < deadline:
            t = time.monotonic()
            status, _ = server.request("POST", "/api/analyse", body, conn)
            done = time.monotonic()
            with lock:
                latencies.append(done - t)
                finished.append(done)
                if status != 200:
                    failures.append(status)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = max(finished) - start
    cpu_after = [
        cpu_seconds(server.proc.pid),
        sum(map(cpu_seconds, workers)),
        time.process_time(),
    ]
    n = len(latencies)
    server_s, workers_s, clients_s = (
        round((b - a) / n, 4) for a, b in zip(cpu_before, cpu_after, strict=True)
    )
    held = job_seconds(server.db, since)
    return {
        "clients": clients,
        "requests": n,
        "failures": len(failures),
        "rps": round(n / elapsed, 3),
        "p50_s": round(percentile(latencies, 0.5), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "cpu_s_per_request": {
            "server": server_s,
            "workers": workers_s,
            "clients": clients_s,
        },
        "worker_busy": round(held / (elapsed * server.workers), 3),
        "cpu_while_busy": round((cpu_after[1] - cpu_before[1]) / held, 3) if held else None,
    }


def one_at_a_time(server: Server, body: bytes, n: int = 5) -> list[float]:
    """The latencies of ``n`` requests sent one after another."""
    latencies = []
    for _ in range(n):
        t = time.monotonic()
        status, _ = server.request("POST", "/api/analyse", body)
        latencies.append(time.monotonic() - t)
        if status != 200:
            raise SystemExit(f"a small request was answered {status}")
    return latencies


def small_during_big(server: Server, small: bytes, big: bytes) -> dict[str, Any]:
    solo = one_at_a_time(server, small)
    status, data = server.request("POST", "/api/analyse", big)
    if status != 202:
        raise SystemExit(f"the 1 MB request was answered {status}, not 202: {data[:300]!r}")
    job = json.loads(data)["status_url"]
    deadline = time.monotonic() + 120
    while json.loads(server.request("GET", job)[1])["status"] != "running":
        if time.monotonic() > deadline:
            raise SystemExit("the 1 MB job did not start")
        time.sleep(0.05)
    during = one_at_a_time(server, small)
    still = json.loads(server.request("GET", job)[1])["status"]
    if still != "running":
        raise SystemExit(f"the 1 MB job ended ({still}) before the small requests did: the figure is void")
    solo_s, during_s = statistics.median(solo), statistics.median(during)
    return {
        "solo_median_s": round(solo_s, 3),
        "during_median_s": round(during_s, 3),
        "during_max_s": round(max(during), 3),
        "ratio": round(during_s / solo_s, 2),
        "big_bytes": len(big),
    }


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="6 s windows (default)")
    mode.add_argument("--full", action="store_true", help="30 s windows")
    mode.add_argument("--window", type=float, metavar="SECONDS", help="windows of this length")
    a = ap.parse_args()
    # SIGTERM (``timeout``) unwinds like Ctrl-C, so the server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    window = a.window or (30.0 if a.full else 6.0)
    small_text, big_text, source = articles()
    small = json.dumps({"text": small_text}).encode()
    big = json.dumps({"text": big_text}).encode()
    report: dict[str, Any] = {
        "mode": "full" if a.full else f"window {a.window:g} s" if a.window else "quick",
        "window_s": window,
        "article": source,
        "article_bytes": len(small_text.encode()),
        "cpus": os.cpu_count(),
        "loadavg_before": loadavg(),
        "runs": [],
    }
    print(
        f"serve benchmark ({report['mode']}): {source}, {report['article_bytes']} bytes; "
        f"load average {report['loadavg_before']}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for workers in WORKERS:
            server = Server(workers, Path(tmp))
            try:
                for _ in range(2 * workers):  # every worker has run once before the clock starts
                    server.request("POST", "/api/analyse", small)
                for clients in CLIENTS:
                    run = {
                        "workers": workers,
                        **load(server, small, clients, window),
                        "loadavg": loadavg(),
                    }
                    report["runs"].append(run)
                    print(
                        f"  workers {workers} clients {clients:2d}: {run['rps']:6.2f} req/s"
                        f"  p50 {run['p50_s']:.3f} s  p95 {run['p95_s']:.3f} s"
                        f"  ({run['requests']} requests, load {run['loadavg'][0]};"
                        f" CPU s/request {run['cpu_s_per_request']};"
                        f" workers busy {run['worker_busy']}, CPU while busy {run['cpu_while_busy']})",
                        flush=True,
                    )
                if workers == 2:
                    report["small_during_big"] = small_during_big(server, small, big)
            finally:
                server.stop()
    report["loadavg_after"] = loadavg()
    by = {(r["workers"], r["clients"]): r for r in report["runs"]}
    report["speedup_2w_4c"] = round(by[(2, 4)]["rps"] / by[(1, 4)]["rps"], 2)
    sdb = report["small_during_big"]

    print()
    print(
        "| workers | clients | req/s | p50 s | p95 s | requests | CPU s/request server/workers/clients"
        " | workers busy | CPU while busy |"
    )
    print("|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for r in report["runs"]:
        cpu = r["cpu_s_per_request"]
        print(
            f"| {r['workers']} | {r['clients']} | {r['rps']:.2f} | {r['p50_s']:.3f} | {r['p95_s']:.3f} | "
            f"{r['requests']} | {cpu['server']:.4f} / {cpu['workers']:.4f} / {cpu['clients']:.4f} | "
            f"{r['worker_busy']} | {r['cpu_while_busy']} |"
        )
    print(f"\n2 workers / 1 worker at 4 clients: {report['speedup_2w_4c']:.2f}x")
    print(
        f"small request during a {sdb['big_bytes']:,}-byte request (2 workers): "
        f"median {sdb['during_median_s']:.3f} s (max {sdb['during_max_s']:.3f} s) "
        f"against {sdb['solo_median_s']:.3f} s alone: {sdb['ratio']:.2f}x"
    )
    print(f"load average before {report['loadavg_before']}, after {report['loadavg_after']}")

    floors = json.loads(FLOORS.read_text())
    floor, targets = floors.get("serve", {}), floors.get("serve_targets", {})
    failed = [
        f"{r['failures']} failed requests (workers {r['workers']}, clients {r['clients']})"
        for r in report["runs"]
        if r["failures"]
    ]
    if report["speedup_2w_4c"] < floor.get("speedup_2w_4c", 0):
        failed.append(f"speedup {report['speedup_2w_4c']} < floor {floor['speedup_2w_4c']}")
    if sdb["ratio"] > floor.get("small_during_big_ratio_max", float("inf")):
        failed.append(f"small-during-big ratio {sdb['ratio']} > floor {floor['small_during_big_ratio_max']}")
    report["targets_met"] = {
        "speedup_2w_4c": report["speedup_2w_4c"] >= targets.get("speedup_2w_4c", 0),
        "small_during_big_ratio_max": sdb["ratio"] < targets.get("small_during_big_ratio_max", float("inf")),
    }
    print(f"acceptance targets {targets}: {report['targets_met']}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    if failed:
        print("below floor: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
