"""Progress on stderr: a bar, log lines, JSON lines or nothing, from the run's live counters."""

from __future__ import annotations

import io
import json

import pytest

from copydesk.batch import Stats
from copydesk.batch.progress import Progress


def stats_after(done: int, errors: int, seconds: float, skipped: int = 0) -> Stats:
    stats = Stats(done=done, errors=errors, skipped=skipped)
    stats.started -= seconds
    return stats


def test_figures_give_done_total_rate_and_eta() -> None:
    progress = Progress("batch analyse", stats_after(30, 2, 10.0, skipped=10), total=lambda: 100)
    f = progress.figures()
    assert (f["done"], f["total"], f["errors"], f["skipped"]) == (30, 90, 2, 10)
    assert f["rate"] == pytest.approx(3.0, rel=0.01)
    assert f["eta_s"] == pytest.approx(20.0, rel=0.02)  # 60 left at 3 a second
    line = progress.line()
    assert line.startswith("batch analyse: 30/90 done, 2 errors, 3.00 items/s, ETA 20 s")


def test_unknown_total_gives_no_eta() -> None:
    f = Progress("x", stats_after(5, 0, 1.0)).figures()
    assert f["total"] is None and f["eta_s"] is None


def test_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    stats = Stats(errors=1)
    with Progress("batch check", stats, total=lambda: 4, mode="bar", stream=stream) as progress:
        for _ in range(3):
            stats.done += 1
            progress.update()
    progress.summary()
    text = stream.getvalue()
    assert "batch check" in text and "3/4" in text and "errors=1" in text
    assert text.splitlines()[-1].startswith("batch check: 3 items, 1 errors")


def test_json_summary_and_quiet() -> None:
    stream = io.StringIO()
    stats = stats_after(4, 1, 2.0)
    stats.flagged = 1
    with Progress("b", stats, mode="json", stream=stream, extra=lambda: {"files_skipped": 2}) as p:
        pass
    p.summary()
    summary = json.loads(stream.getvalue().splitlines()[-1])
    assert summary["event"] == "summary"
    assert (summary["done"], summary["errors"], summary["flagged"], summary["files_skipped"]) == (4, 1, 1, 2)
    assert summary["parent_peak_rss_mb"] > 0 and summary["parent_cpu_s"] >= 0

    quiet = io.StringIO()
    with Progress("b", stats, mode="quiet", stream=quiet) as p:
        p.update()
    p.summary()
    assert quiet.getvalue() == ""
