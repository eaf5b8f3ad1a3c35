"""Batch throughput, scaling and memory: ``copydesk batch analyse`` on PolNeAR articles.

    python benchmarks/batch.py --quick    # 40 articles (10x: 400 items)
    python benchmarks/batch.py --full     # 200 articles (10x: 2,000 items)

Each configuration runs the real command (``python -m copydesk.cli batch analyse IN -o OUT
--progress-json``) in a subprocess and reads its closing summary:

- local engine with 1 and 2 workers, then the Ray engine with 1 and 2 actors on a Ray head
  started on 127.0.0.1 inside a network namespace with only loopback (``unshare``; skipped, and
  said so, without Ray or without the rights to make a namespace);
- items/s, end to end and steady (once every worker has loaded its models, which is what a long
  batch runs at); the driver's peak RSS and each worker's;
- 10x: the 2-worker local run again on the articles ten times over (other ids), with one bad
  item (an empty text) among them: the driver's peak RSS against the 1x run, and the error rows.

The machine's load is recorded before, during and after each run (1-minute load average, and
CPU pressure where the kernel reports it). Throughput measured on a busy machine measures the
other work too: before each run the benchmark waits (up to a limit) for the 1-minute load average
to fall below ``QUIET_LOAD``, and the scaling floors are judged only when it did before every
run; otherwise the table says they were not judged, and why. The other floors are always judged.

A table goes to stdout and JSON to ``benchmarks/out/batch.json`` (``batch_full.json``); the exit
code is 1 when a judged figure is below its floor in ``benchmarks/floors.json`` (key ``batch``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "data"
TEXTS = SHARED / "attribution" / "polnear-train" / "text"
FLOORS = HERE / "floors.json"
SEED = 31
QUIET_LOAD = 1.5
"""The 1-minute load average under which the machine counts as quiet enough to measure scaling."""
RAY_PORT = "6393"


def load() -> tuple[float, float | None]:
    """The 1-minute load average, and the CPU pressure (share of the last 10 s in which some
    runnable task waited for a CPU, Linux PSI) when the kernel gives it."""
    one = os.getloadavg()[0]
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        psi: float | None = float(line.split()[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        psi = None
    return one, psi


def settle(limit_s: float) -> tuple[float, float]:
    """Waits up to ``limit_s`` for the load average to fall below ``QUIET_LOAD``; returns it and
    the seconds waited."""
    start = time.monotonic()
    while load()[0] >= QUIET_LOAD and time.monotonic() - start < limit_s:
        time.sleep(2)
    return load()[0], time.monotonic() - start


class LoadSampler:
    """Samples the load every second while a run goes on."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float | None]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.samples.append(load())

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict[str, float | None]:
        ones = [s[0] for s in self.samples] or [load()[0]]
        psis = [s[1] for s in self.samples if s[1] is not None]
        return {
            "load_max": round(max(ones), 2),
            "load_mean": round(sum(ones) / len(ones), 2),
            "cpu_pressure_mean": round(sum(psis) / len(psis), 1) if psis else None,
        }


def write_inputs(work: Path, n: int) -> tuple[Path, Path, str]:
    """``n`` articles (a seeded sample) as JSONL, and the same ten times over with one bad item."""
    names = sorted(p.name for p in TEXTS.glob("*.txt"))
    chosen = sorted(random.Random(SEED).sample(names, n))
    texts = {name: (TEXTS / name).read_text(encoding="utf-8") for name in chosen}
    one = work / "articles.jsonl"
    with one.open("w", encoding="utf-8") as f:
        for name in chosen:
            f.write(json.dumps({"id": name, "text": texts[name]}, ensure_ascii=False) + "\n")
    ten = work / "articles-10x.jsonl"
    bad_at = random.Random(SEED).randrange(10 * n)
    with ten.open("w", encoding="utf-8") as f:
        for k in range(10):
            for j, name in enumerate(chosen):
                if k * n + j == bad_at:
                    f.write(json.dumps({"id": "bad-item", "text": ""}) + "\n")
                else:
                    f.write(json.dumps({"id": f"{name}#{k}", "text": texts[name]}, ensure_ascii=False) + "\n")
    return one, ten, "bad-item"


def run_batch(
    source: Path, out: Path, *, engine: str, workers: int, address: str | None, settle_s: float
) -> dict[str, Any]:
    """One measured run of the command; the figures of its summary, the load around it, and the
    error rows of its output."""
    if out.exists():
        out.unlink()
    load_before, waited = settle(settle_s)
    command = [sys.executable, "-m", "copydesk.cli", "batch", "analyse", str(source), "-o", str(out)]
    command += ["--workers", str(workers), "--engine", engine, "--progress-json"]
    if address:
        command += ["--ray-address", address]
    with LoadSampler() as sampler:
        done = subprocess.run(command, capture_output=True, text=True, timeout=7200)
    lines = [json.loads(x) for x in done.stderr.splitlines() if x.startswith('{"event": "summary"')]
    if not lines:
        raise RuntimeError(f"{engine} x{workers}: no summary (exit {done.returncode}): {done.stderr[-2000:]}")
    summary = lines[-1]
    rows = errors = 0
    error_ids = []
    with out.open(encoding="utf-8") as f:
        for line in f:
            rows += 1
            row = json.loads(line)
            if "error" in row:
                errors += 1
                error_ids.append(row["id"])
    return {
        "engine": engine,
        "workers": workers,
        "items": summary["done"],
        "rows": rows,
        "error_rows": errors,
        "error_ids": error_ids,
        "rate": summary["rate"],
        "steady_rate": summary["steady_rate"],
        "ready_s": summary["ready_s"],
        "elapsed_s": summary["elapsed_s"],
        "parent_peak_rss_mb": summary["parent_peak_rss_mb"],
        "worker_peak_rss_mb": sorted(w["peak_rss_mb"] for w in summary["workers"]),
        "load_before": round(load_before, 2),
        "settle_wait_s": round(waited, 1),
        **sampler.summary(),
        "load_after": round(load()[0], 2),
        "exit_code": done.returncode,
    }


def ray_part(work: Path, settle_s: float) -> None:
    """Inside the namespace: a Ray head on 127.0.0.1, then the Ray runs (written to ray.json)."""
    ray = Path(sys.executable).parent / "ray"
    subprocess.run(
        [str(ray), "start", "--head", f"--port={RAY_PORT}", "--num-cpus=2", "--include-dashboard=false",
         "--disable-usage-stats", f"--temp-dir={work / 'ray'}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
    )  # fmt: skip
    address = f"127.0.0.1:{RAY_PORT}"
    results = [
        run_batch(
            work / "articles.jsonl",
            work / f"ray-{w}.jsonl",
            engine="ray",
            workers=w,
            address=address,
            settle_s=settle_s,
        )
        for w in (1, 2)
    ]
    (work / "ray.json").write_text(json.dumps(results))


def ray_runs(work: Path, settle_s: float) -> tuple[list[dict[str, Any]], str | None]:
    """The Ray runs in a loopback-only network namespace (and a PID namespace, so the head ends
    with it); ``(runs, why not)``."""
    try:
        import ray  # noqa: F401
    except ImportError:
        return [], "Ray is not installed (pip install 'copydesk[ray]')"
    if not shutil.which("unshare") or not shutil.which("ip"):
        return [], "unshare or ip is missing"
    if subprocess.run(["unshare", "-n", "-p", "-f", "--mount-proc", "true"], capture_output=True).returncode:
        return [], "cannot make a network namespace (needs root)"
    me = Path(__file__).resolve()
    script = f"ip link set lo up && exec {sys.executable} {me} --ray-part {work} --settle {settle_s}"
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled"}
    done = subprocess.run(
        ["unshare", "-n", "-p", "-f", "--mount-proc", "sh", "-c", script], env=env, timeout=7200
    )
    if done.returncode or not (work / "ray.json").exists():
        return [], f"the Ray runs failed (exit {done.returncode})"
    return json.loads((work / "ray.json").read_text()), None


def judge(result: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """The floors a judged figure is below (the scaling ones only on a quiet machine)."""
    failed = []
    if (
        result["bad_item"]["error_rows"] != floors["bad_item_error_rows"]
        or not result["bad_item"]["complete"]
    ):
        failed.append("bad item: not exactly one error row with every other item done")
    if result["memory"]["parent_rss_ratio"] > floors["parent_rss_ratio_10x_max"]:
        failed.append(f"driver's peak RSS at 10x: {result['memory']['parent_rss_ratio']} x")
    if result["scaling_judged"]:
        if result["local_speedup"] < floors["local_speedup_2w_min"]:
            failed.append(f"local speed-up with 2 workers: {result['local_speedup']}")
        for w, ratio in result["ray_vs_local"].items():
            if ratio < floors["ray_vs_local_min"]:
                failed.append(f"Ray / local at {w} workers: {ratio}")
    return failed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="40 articles (default)")
    mode.add_argument("--full", action="store_true", help="200 articles")
    ap.add_argument("--articles", type=int, help="this many articles instead (a trial run)")
    ap.add_argument("--settle", type=float, help="seconds to wait at most for a quiet machine before a run")
    ap.add_argument("--ray-part", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    settle_s = a.settle if a.settle is not None else (120.0 if a.full else 30.0)
    if a.ray_part:
        ray_part(a.ray_part, settle_s)
        return 0
    if not TEXTS.is_dir():
        print(f"batch benchmark skipped: {TEXTS} not found")
        return 0
    n = a.articles or (200 if a.full else 40)
    work = Path(tempfile.mkdtemp(prefix="cdbench", dir="/tmp"))  # short: Ray's socket paths must be
    try:
        one, ten, bad_id = write_inputs(work, n)
        local = [
            run_batch(
                one, work / f"local-{w}.jsonl", engine="local", workers=w, address=None, settle_s=settle_s
            )
            for w in (1, 2)
        ]
        ray, ray_skipped = ray_runs(work, settle_s)
        big = run_batch(
            ten, work / "local-2-10x.jsonl", engine="local", workers=2, address=None, settle_s=settle_s
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    runs = local + ray
    by = {(r["engine"], r["workers"]): r for r in runs}
    speedup = round(by["local", 2]["steady_rate"] / by["local", 1]["steady_rate"], 3)
    ray_vs_local = {
        str(w): round(by["ray", w]["steady_rate"] / by["local", w]["steady_rate"], 3)
        for w in (1, 2)
        if ("ray", w) in by
    }
    quiet = all(r["load_before"] < QUIET_LOAD for r in runs)
    result: dict[str, Any] = {
        "articles": n,
        "runs": runs,
        "local_speedup": speedup,
        "local_speedup_end_to_end": round(by["local", 2]["rate"] / by["local", 1]["rate"], 3),
        "ray_vs_local": ray_vs_local,
        "ray_skipped": ray_skipped,
        "scaling_judged": quiet and not ray_skipped,
        "scaling_not_judged_why": None
        if quiet and not ray_skipped
        else (
            ray_skipped
            or f"load average {max(r['load_before'] for r in runs)} before a run (>= {QUIET_LOAD})"
        ),
        "memory": {
            "items_1x": by["local", 2]["items"],
            "items_10x": big["items"],
            "parent_peak_rss_mb_1x": by["local", 2]["parent_peak_rss_mb"],
            "parent_peak_rss_mb_10x": big["parent_peak_rss_mb"],
            "parent_rss_ratio": round(big["parent_peak_rss_mb"] / by["local", 2]["parent_peak_rss_mb"], 3),
            "run_10x": big,
        },
        "bad_item": {
            "items": big["rows"],
            "error_rows": big["error_rows"],
            "complete": big["rows"] == 10 * n and big["error_ids"] == [bad_id],
        },
    }
    print_table(result)
    out = HERE / "out" / ("batch_full.json" if a.full else "batch.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    failed = judge(result, json.loads(FLOORS.read_text())["batch"])
    for f in failed:
        print(f"BELOW FLOOR: {f}")
    return 1 if failed else 0


def print_table(r: dict[str, Any]) -> None:
    print(f"\ncopydesk batch analyse, {r['articles']} PolNeAR articles (seed {SEED})\n")
    print(
        "| engine | workers | items/s steady | items/s end to end | ready s | driver peak RSS MB "
        "| worker peak RSS MB | load before / max / after | CPU pressure % |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---|---:|")
    for x in [*r["runs"], r["memory"]["run_10x"]]:
        name = x["engine"] + (" (10x)" if x is r["memory"]["run_10x"] else "")
        psi = "" if x["cpu_pressure_mean"] is None else f"{x['cpu_pressure_mean']:.0f}"
        print(
            f"| {name} | {x['workers']} | {x['steady_rate']:.2f} | {x['rate']:.2f} | {x['ready_s']:.1f} | "
            f"{x['parent_peak_rss_mb']:.0f} | {', '.join(f'{m:.0f}' for m in x['worker_peak_rss_mb'])} | "
            f"{x['load_before']} / {x['load_max']} / {x['load_after']} | {psi} |"
        )
    print(
        f"\nlocal, 2 workers / 1 worker (steady): {r['local_speedup']}x "
        f"(end to end {r['local_speedup_end_to_end']}x)"
    )
    for w, ratio in r["ray_vs_local"].items():
        print(f"Ray / local at {w} worker(s) (steady): {ratio}")
    if r["ray_skipped"]:
        print(f"Ray runs skipped: {r['ray_skipped']}")
    if not r["scaling_judged"]:
        print(f"scaling floors NOT judged: {r['scaling_not_judged_why']}")
    m = r["memory"]
    print(
        f"driver peak RSS: {m['parent_peak_rss_mb_1x']} MB at {m['items_1x']} items, "
        f"{m['parent_peak_rss_mb_10x']} MB at {m['items_10x']} ({m['parent_rss_ratio']}x)"
    )
    b = r["bad_item"]
    print(
        f"one bad item among {b['items']}: {b['error_rows']} error row(s), "
        f"every other item done: {b['complete']}"
    )


if __name__ == "__main__":
    sys.exit(main())
