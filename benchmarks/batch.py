"""Batch throughput, scaling and memory: ``copydesk batch analyse`` on PolNeAR articles.

    python benchmarks/batch.py --quick                  # 40 articles (10x: 400 items)
    python benchmarks/batch.py --full                   # 200 articles (10x: 2,000 items)
    python benchmarks/batch.py --full --part scaling    # only the throughput runs
    python benchmarks/batch.py --full --part memory     # only the 10x run (and its 1x reference)

Each configuration runs the real command (``python -m copydesk.cli batch analyse IN -o OUT
--progress-json``) in a subprocess and reads its closing summary:

- scaling: the local engine with 1 and 2 workers, then the Ray engine with 1 and 2 actors on a
  Ray head started on 127.0.0.1 inside a network namespace with only loopback (``unshare``;
  skipped, and said so, without Ray or without the rights to make a namespace); items/s end to
  end and steady (once every worker has loaded its models, which is what a long batch runs at),
  the driver's peak RSS and CPU time, and each worker's peak RSS;
- memory: the 2-worker local run on the articles, then on the articles ten times over (other
  ids) with one bad item (an empty text) among them: the driver's peak RSS at 10x against 1x,
  and the error rows.

Throughput measured on a busy machine measures the other work too. While a run goes on, the
benchmark samples every second the CPU time of every process that is not its own (nor a
descendant of it: the command, its workers, Ray's processes) and reports their share of the
machine's CPUs, with the load average before, at most and after. The scaling floors are judged
only when that share stayed under ``OTHERS_MAX`` in every scaling run; otherwise the table says
they were not judged, and why. The memory and bad-item floors are always judged.

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
OTHERS_MAX = 0.1
"""The share of the machine's CPU time that other processes may take during a scaling run for
the scaling floors to be judged."""
RAY_PORT = "6393"


def load() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def _cpu_ticks() -> dict[int, tuple[int, int]]:
    """Every process's ``(parent pid, CPU ticks used so far)`` (Linux ``/proc``)."""
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            found[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return found


def _descendants(me: int, procs: dict[int, tuple[int, int]]) -> set[int]:
    mine = {me}
    grew = True
    while grew:
        more = {pid for pid, (ppid, _) in procs.items() if ppid in mine} - mine
        grew = bool(more)
        mine |= more
    return mine


class CpuSampler:
    """Samples, every second while the benchmark goes on, the load average and the CPU time of
    the processes that are not this benchmark or its descendants ("others"); ``window`` gives
    their figures between two instants of ``time.monotonic`` (the same clock in every process of
    the machine, so the Ray runs, timed inside their namespace, are looked up here too). A
    process of another that starts and ends between two samples is missed; one that starts
    during the benchmark counts from zero."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, int, float]] = []
        """``(when, others' ticks since the previous sample, load average)``."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._hz = os.sysconf("SC_CLK_TCK")
        self._cpus = os.cpu_count() or 1

    def _run(self) -> None:
        me = os.getpid()
        last = _cpu_ticks()
        while not self._stop.wait(1.0):
            now = _cpu_ticks()
            mine = _descendants(me, now)
            ticks = sum(
                max(t - last.get(pid, (0, 0))[1], 0) for pid, (_, t) in now.items() if pid not in mine
            )
            self.samples.append((time.monotonic(), ticks, load()))
            last = now

    def __enter__(self) -> CpuSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def window(self, start: float, end: float) -> dict[str, float | None]:
        """Others' share of the machine's CPU time and the highest load average in ``[start, end]``."""
        inside = [x for x in self.samples if start < x[0] <= end + 1.0]
        if not inside:
            return {"others_cpu_share": None, "load_max": None}
        span = inside[-1][0] - max(start, inside[0][0] - 1.0)
        share = sum(x[1] for x in inside) / self._hz / max(span * self._cpus, 1e-9)
        return {"others_cpu_share": round(share, 3), "load_max": round(max(x[2] for x in inside), 2)}


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


def run_batch(source: Path, out: Path, *, engine: str, workers: int, address: str | None) -> dict[str, Any]:
    """One measured run of the command: the figures of its summary, when it ran and the load
    around it, and the error rows of its output."""
    if out.exists():
        out.unlink()
    load_before = load()
    command = [sys.executable, "-m", "copydesk.cli", "batch", "analyse", str(source), "-o", str(out)]
    command += ["--workers", str(workers), "--engine", engine, "--progress-json"]
    if address:
        command += ["--ray-address", address]
    began = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=7200)
    ended = time.monotonic()
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
        "parent_cpu_s": summary["parent_cpu_s"],
        "worker_peak_rss_mb": sorted(w["peak_rss_mb"] for w in summary["workers"]),
        "load_before": round(load_before, 2),
        "load_after": round(load(), 2),
        "began": began,
        "ended": ended,
        "exit_code": done.returncode,
    }


def ray_part(work: Path) -> None:
    """Inside the namespace: a Ray head on 127.0.0.1, then the Ray runs (written to ray.json)."""
    ray = Path(sys.executable).parent / "ray"
    subprocess.run(
        [str(ray), "start", "--head", f"--port={RAY_PORT}", "--num-cpus=2", "--include-dashboard=false",
         "--disable-usage-stats", f"--temp-dir={work / 'ray'}"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
    )  # fmt: skip
    address = f"127.0.0.1:{RAY_PORT}"
    source = work / "articles.jsonl"
    results = [
        run_batch(source, work / f"ray-{w}.jsonl", engine="ray", workers=w, address=address) for w in (1, 2)
    ]
    (work / "ray.json").write_text(json.dumps(results))


def ray_runs(work: Path) -> tuple[list[dict[str, Any]], str | None]:
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
    script = f"ip link set lo up && exec {sys.executable} {me} --ray-part {work}"
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
    bad, memory, scaling = result.get("bad_item"), result.get("memory"), result.get("scaling")
    if bad is not None and (bad["error_rows"] != floors["bad_item_error_rows"] or not bad["complete"]):
        failed.append("bad item: not exactly one error row with every other item done")
    if memory is not None and memory["parent_rss_ratio"] > floors["parent_rss_ratio_10x_max"]:
        failed.append(f"driver's peak RSS at 10x: {memory['parent_rss_ratio']} x")
    if scaling is not None and scaling["judged"]:
        if scaling["local_speedup"] < floors["local_speedup_2w_min"]:
            failed.append(f"local speed-up with 2 workers: {scaling['local_speedup']}")
        for w, ratio in scaling["ray_vs_local"].items():
            if ratio < floors["ray_vs_local_min"]:
                failed.append(f"Ray / local at {w} workers: {ratio}")
    return failed


def scaling_part(one: Path, work: Path, sampler: CpuSampler) -> dict[str, Any]:
    local = [
        run_batch(one, work / f"local-{w}.jsonl", engine="local", workers=w, address=None) for w in (1, 2)
    ]
    ray, ray_skipped = ray_runs(work)
    runs = local + ray
    for r in runs:
        r.update(sampler.window(r["began"], r["ended"]))
    by = {(r["engine"], r["workers"]): r for r in runs}
    ray_vs_local = {
        str(w): round(by["ray", w]["steady_rate"] / by["local", w]["steady_rate"], 3)
        for w in (1, 2)
        if ("ray", w) in by
    }
    busy = [r for r in runs if r["others_cpu_share"] is None or r["others_cpu_share"] >= OTHERS_MAX]
    why = ray_skipped or (
        f"other processes took {max(r['others_cpu_share'] or 0 for r in busy):.0%} of the CPUs during a run "
        f"(>= {OTHERS_MAX:.0%})"
        if busy
        else None
    )
    return {
        "runs": runs,
        "local_speedup": round(by["local", 2]["steady_rate"] / by["local", 1]["steady_rate"], 3),
        "local_speedup_end_to_end": round(by["local", 2]["rate"] / by["local", 1]["rate"], 3),
        "ray_vs_local": ray_vs_local,
        "ray_vs_local_end_to_end": {
            str(w): round(by["ray", w]["rate"] / by["local", w]["rate"], 3)
            for w in (1, 2)
            if ("ray", w) in by
        },
        "ray_skipped": ray_skipped,
        "judged": why is None,
        "not_judged_why": why,
    }


def memory_part(one: Path, ten: Path, bad_id: str, n: int, work: Path, sampler: CpuSampler) -> dict[str, Any]:
    small = run_batch(one, work / "local-2-1x.jsonl", engine="local", workers=2, address=None)
    big = run_batch(ten, work / "local-2-10x.jsonl", engine="local", workers=2, address=None)
    for r in (small, big):
        r.update(sampler.window(r["began"], r["ended"]))
    return {
        "memory": {
            "items_1x": small["items"],
            "items_10x": big["items"],
            "parent_peak_rss_mb_1x": small["parent_peak_rss_mb"],
            "parent_peak_rss_mb_10x": big["parent_peak_rss_mb"],
            "parent_rss_ratio": round(big["parent_peak_rss_mb"] / small["parent_peak_rss_mb"], 3),
            "runs": [small, big],
        },
        "bad_item": {
            "items": big["rows"],
            "error_rows": big["error_rows"],
            "complete": big["rows"] == 10 * n and big["error_ids"] == [bad_id],
        },
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="40 articles (default)")
    mode.add_argument("--full", action="store_true", help="200 articles")
    ap.add_argument("--articles", type=int, help="this many articles instead (a trial run)")
    ap.add_argument("--part", choices=("all", "scaling", "memory"), default="all", help="which runs")
    ap.add_argument("--ray-part", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.ray_part:
        ray_part(a.ray_part)
        return 0
    if not TEXTS.is_dir():
        print(f"batch benchmark skipped: {TEXTS} not found")
        return 0
    n = a.articles or (200 if a.full else 40)
    result: dict[str, Any] = {"articles": n, "cpus": os.cpu_count(), "part": a.part}
    work = Path(tempfile.mkdtemp(prefix="cdbench", dir="/tmp"))  # short: Ray's socket paths must be
    try:
        one, ten, bad_id = write_inputs(work, n)
        with CpuSampler() as sampler:
            if a.part in ("all", "scaling"):
                result["scaling"] = scaling_part(one, work, sampler)
            if a.part in ("all", "memory"):
                result.update(memory_part(one, ten, bad_id, n, work, sampler))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(result)
    name = "batch_full" if a.full else "batch"
    out = HERE / "out" / (f"{name}.json" if a.part == "all" else f"{name}_{a.part}.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    failed = judge(result, json.loads(FLOORS.read_text())["batch"])
    for f in failed:
        print(f"BELOW FLOOR: {f}")
    return 1 if failed else 0


def print_table(r: dict[str, Any]) -> None:
    print(f"\ncopydesk batch analyse, {r['articles']} PolNeAR articles (seed {SEED}), {r['cpus']} CPUs\n")
    print(
        "| run | workers | items | items/s steady | items/s end to end | ready s | driver peak RSS MB "
        "| driver CPU s | worker peak RSS MB | load before / max / after | others' CPU share |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|")
    runs = [*r.get("scaling", {}).get("runs", []), *r.get("memory", {}).get("runs", [])]
    for x in runs:
        share = "" if x["others_cpu_share"] is None else f"{x['others_cpu_share']:.1%}"
        print(
            f"| {x['engine']} | {x['workers']} | {x['items']} | {x['steady_rate']:.2f} | {x['rate']:.2f} | "
            f"{x['ready_s']:.1f} | {x['parent_peak_rss_mb']:.0f} | {x['parent_cpu_s']:.1f} | "
            f"{', '.join(f'{m:.0f}' for m in x['worker_peak_rss_mb'])} | "
            f"{x['load_before']} / {x['load_max']} / {x['load_after']} | {share} |"
        )
    s = r.get("scaling")
    if s is not None:
        print(
            f"\nlocal, 2 workers / 1 worker (steady): {s['local_speedup']}x "
            f"(end to end {s['local_speedup_end_to_end']}x)"
        )
        for w, ratio in s["ray_vs_local"].items():
            whole = s["ray_vs_local_end_to_end"][w]
            print(f"Ray / local at {w} worker(s) (steady): {ratio} (end to end {whole})")
        if s["ray_skipped"]:
            print(f"Ray runs skipped: {s['ray_skipped']}")
        if not s["judged"]:
            print(f"scaling floors NOT judged: {s['not_judged_why']}")
    m = r.get("memory")
    if m is not None:
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
