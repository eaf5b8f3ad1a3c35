"""Progress of a batch on stderr: a bar on a terminal (tqdm), a line now and then in a log,
machine-readable JSON lines (``--progress-json``), or nothing (``--quiet``); then one summary.

The reporter writes only to the stream it is given, and only when the caller asks for it.
"""

from __future__ import annotations

import json
import resource
import sys
import threading
from collections.abc import Callable
from typing import Any, Literal, TextIO

from copydesk.batch.driver import Stats
from copydesk.batch.tasks import peak_rss_kb

Mode = Literal["bar", "lines", "json", "quiet"]
LINE_EVERY_S = 30.0
"""How often a progress line is written to a log (stderr that is not a terminal)."""
JSON_EVERY_S = 1.0
"""How often ``--progress-json`` writes a line."""


def cpu_s() -> float:
    """The CPU time this process has used (user and system), in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB."""
    return peak_rss_kb() / 1024


class Progress:
    """Shows a run's progress from its ``Stats``.

    Args:
        label: What the lines start with (``batch analyse``).
        stats: The run's live counters.
        total: Returns the number of items in the input once known (those skipped included).
        mode: ``bar``, ``lines``, ``json`` or ``quiet``.
        stream: Where to write (stderr).
        extra: Returns more fields for the summary (e.g. files skipped in a directory).
    """

    def __init__(
        self,
        label: str,
        stats: Stats,
        *,
        total: Callable[[], int | None] = lambda: None,
        mode: Mode = "lines",
        stream: TextIO | None = None,
        extra: Callable[[], dict[str, Any]] = dict,
    ) -> None:
        self.label = label
        self.stats = stats
        self.total = total
        self.mode = mode
        self.stream = stream or sys.stderr
        self.extra = extra
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._bar: Any = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(
                desc=self.label, total=None, unit="item", file=self.stream, dynamic_ncols=True, smoothing=0.05
            )
        if self.mode != "quiet":
            every = {"bar": 1.0, "lines": LINE_EVERY_S, "json": JSON_EVERY_S}[self.mode]
            self._thread = threading.Thread(
                target=self._tick, args=(every,), name="copydesk-progress", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            self._bar.close()

    def update(self) -> None:
        """Called after each result."""
        if self._bar is not None:
            with self._lock:
                self._refresh_bar(1)

    def _tick(self, every: float) -> None:
        while not self._stop.wait(every):
            with self._lock:
                if self.mode == "bar":
                    self._refresh_bar(0)
                elif self.mode == "json":
                    self._write(json.dumps({"event": "progress", **self.figures()}))
                else:
                    self._write(self.line())

    def _refresh_bar(self, n: int) -> None:
        bar = self._bar
        total = self.total()
        if total is not None and bar.total is None:
            bar.total = max(total - self.stats.skipped, 0)
        bar.set_postfix(errors=self.stats.errors, refresh=False)
        if n:
            bar.update(n)
        else:
            bar.refresh()

    def _write(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def figures(self) -> dict[str, Any]:
        """Done, total, errors, items/s and the estimated time left, as numbers."""
        s = self.stats
        total = self.total()
        rate = s.rate()
        left = None if total is None else max(total - s.skipped - s.done, 0)
        eta = None if left is None or not s.done else round(left / rate, 1)
        return {
            "done": s.done,
            "total": None if total is None else max(total - s.skipped, 0),
            "errors": s.errors,
            "skipped": s.skipped,
            "rate": round(rate, 3),
            "eta_s": eta,
            "elapsed_s": round(s.elapsed(), 2),
        }

    def line(self) -> str:
        f = self.figures()
        of = f"/{f['total']}" if f["total"] is not None else ""
        eta = f", ETA {f['eta_s']:.0f} s" if f["eta_s"] is not None else ""
        return f"{self.label}: {f['done']}{of} done, {f['errors']} errors, {f['rate']:.2f} items/s{eta}"

    def summary(self) -> None:
        """Writes the one closing line (JSON with ``--progress-json``); nothing when quiet."""
        s = self.stats
        if self.mode == "quiet":
            return
        if self.mode == "json":
            steady = s.steady_rate()
            fields = {
                "event": "summary",
                "done": s.done,
                "errors": s.errors,
                "flagged": s.flagged,
                "skipped": s.skipped,
                "restarts": s.restarts,
                "elapsed_s": round(s.elapsed(), 3),
                "rate": round(s.rate(), 4),
                "steady_rate": None if steady is None else round(steady, 4),
                "ready_s": None if s.ready_at is None else round(s.ready_at - s.started, 3),
                "parent_peak_rss_mb": round(peak_rss_mb(), 1),
                "parent_cpu_s": round(cpu_s(), 2),
                "workers": [
                    {"pid": w.pid, "items": w.items, "peak_rss_mb": round(w.peak_rss_kb / 1024, 1)}
                    for w in s.workers.values()
                ],
                **self.extra(),
            }
            self._write(json.dumps(fields))
            return
        parts = [f"{self.label}: {s.done} items, {s.errors} errors"]
        if s.flagged:
            parts.append(f"{s.flagged} not consistent")
        if s.skipped:
            parts.append(f"{s.skipped} skipped (already in the output)")
        parts.extend(f"{v} {k.replace('_', ' ')}" for k, v in self.extra().items() if v)
        if s.restarts:
            parts.append(f"{s.restarts} workers restarted")
        parts.append(f"{s.elapsed():.1f} s, {s.rate():.2f} items/s")
        self._write(", ".join(parts))
