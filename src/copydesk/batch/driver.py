"""The driver: streams items to an engine's workers and results back, one bounded window at a
time (``copydesk.batch.run``)."""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from copydesk.batch.engines import Died, Done, Engine, InlineEngine, LocalEngine, Ready
from copydesk.batch.items import KINDS, Item, Kind, as_items
from copydesk.batch.tasks import Job, Options, Outcome, TaskFactory
from copydesk.config import Settings
from copydesk.errors import CopydeskError

EngineName = Literal["inline", "local", "ray"]
ENGINES: tuple[EngineName, ...] = ("inline", "local", "ray")
IN_FLIGHT = 2
"""Items handed to a worker ahead of its results: one to work on, one waiting, so a worker is
never idle while its last result travels back."""
START_TRIES = 3
"""A worker that dies this many times in a row before it is ready stops the batch."""


@dataclass(frozen=True)
class Result:
    """One item's result: its row as a line of JSON (``{"id": ..., ...}``, the id first)."""

    id: str
    line: str
    error: bool
    """The row is ``{"id", "error"}``: the item could not be read or worked on."""
    flagged: bool
    """An audit found the item not consistent."""

    @property
    def row(self) -> dict[str, Any]:
        """The row as a dict."""
        value: dict[str, Any] = json.loads(self.line)
        return value


@dataclass
class WorkerStats:
    pid: int
    items: int = 0
    peak_rss_kb: int = 0


@dataclass
class Stats:
    """Live counters of a run, which the driver updates as it goes (progress displays and
    benchmarks read them)."""

    started: float = field(default_factory=time.monotonic)
    done: int = 0
    """Results given in this run."""
    errors: int = 0
    flagged: int = 0
    skipped: int = 0
    """Items skipped because their id was in ``skip`` (already done)."""
    restarts: int = 0
    """Workers started again after one died."""
    ready_at: float | None = None
    """When every worker had first become ready (its models loaded)."""
    done_at_ready: int = 0
    finished: float | None = None
    workers: dict[int, WorkerStats] = field(default_factory=dict)
    """By process id: items done and peak resident memory (as each worker last reported it)."""

    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def rate(self) -> float:
        """Items per second since the run started (model loading included)."""
        return self.done / max(self.elapsed(), 1e-9)

    def steady_rate(self) -> float | None:
        """Items per second once every worker was ready (model loading left out)."""
        if self.ready_at is None:
            return None
        span = (self.finished or time.monotonic()) - self.ready_at
        return (self.done - self.done_at_ready) / span if span > 0 else None

    def _count(self, out: Outcome) -> None:
        self.done += 1
        self.errors += out.error
        self.flagged += out.flagged
        if out.pid:
            w = self.workers.setdefault(out.pid, WorkerStats(out.pid))
            w.items += 1
            w.peak_rss_kb = max(w.peak_rss_kb, out.peak_rss_kb)


def make_engine(name: EngineName, job: Job, workers: int, *, ray_address: str | None = None) -> Engine:
    """The engine called ``name`` (``inline``, ``local`` or ``ray``) with ``workers`` workers."""
    if name == "inline":
        return InlineEngine(job)
    if name == "local":
        return LocalEngine(job, workers)
    if name == "ray":
        from copydesk.batch.ray_engine import RayEngine

        return RayEngine(job, workers, address=ray_address)
    raise ValueError(f"unknown engine {name!r}; one of {', '.join(ENGINES)}")


def run(
    kind: Kind,
    items: Iterable[Item | dict[str, Any] | str],
    *,
    workers: int = 1,
    engine: EngineName = "local",
    ray_address: str | None = None,
    ordered: bool = False,
    settings: Settings | None = None,
    options: Options | None = None,
    skip: Container[str] = frozenset(),
    task: TaskFactory | None = None,
    stats: Stats | None = None,
) -> Iterator[Result]:
    """Works on a stream of items and yields each one's ``Result`` as soon as it is done.

    Args:
        kind: ``"analyse"``, ``"check"`` or ``"interview"``.
        items: ``Item``s (e.g. from ``Input``), JSON objects in the row format of a JSONL
            input (an article ``{"id"?, "text"|"html"|"turns", "published"?, ...}``; a pair
            ``{"id"?, "source", "derived", "published"?}``), or plain-text articles. Read lazily,
            a bounded window ahead of the results.
        workers: Worker processes or Ray actors, each holding its own models.
        engine: ``"local"`` (processes on this machine), ``"ray"``, or ``"inline"`` (this
            process, no workers).
        ray_address: The Ray cluster to join (``engine="ray"``); without one, a Ray instance is
            started on this machine for the run.
        ordered: Yield results in input order (holding back early ones) instead of as they come.
        settings: Settings (packaged defaults when omitted).
        options: Options that apply to every item (a default publication date, interview
            options).
        skip: Ids to leave out (e.g. those already written by an earlier, interrupted run).
        task: A factory for the work itself, instead of the pipeline's (tests inject fakes).
        stats: Counters to update as the run goes (created when omitted).

    Yields:
        One ``Result`` per item not skipped. An item that cannot be read or worked on, or
        whose worker died on it, gives an ``{"id", "error"}`` row and the run goes on.

    Raises:
        CopydeskError: The workers cannot start (``ConfigError`` when Ray is missing).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    job = Job(kind, settings or Settings(), options or Options(), task)
    eng = make_engine(engine, job, workers, ray_address=ray_address)
    return _drive(eng, as_items(items), ordered=ordered, skip=skip, stats=stats or Stats())


@dataclass
class _Slot:
    """The driver's view of one worker."""

    held: collections.deque[tuple[int, Item]] = field(default_factory=collections.deque)
    """Items given to the worker and not finished, in the order given: ``(seq, item)``."""
    ready: bool = False
    failed_starts: int = 0
    suspects: collections.deque[tuple[int, Item]] = field(default_factory=collections.deque)
    """Items a worker of this slot held when it died, to be tried again one at a time."""
    alone: int | None = None
    """The seq of a suspect the worker now holds alone (it gets nothing else meanwhile)."""

    def open(self) -> bool:
        """Takes a new item from the input."""
        return not self.suspects and self.alone is None and len(self.held) < IN_FLIGHT


def _drive(
    eng: Engine, source: Iterator[Item], *, ordered: bool, skip: Container[str], stats: Stats
) -> Iterator[Result]:
    n = eng.workers
    window = max(n * IN_FLIGHT * 8, 64)  # ordered: results held back at most this far behind
    slots = [_Slot() for _ in range(n)]
    waiting: dict[int, Result] = {}  # ordered: finished results not yet due
    next_seq = due = 0
    exhausted = False

    def emit(seq: int, item: Item, out: Outcome) -> Iterator[Result]:
        nonlocal due
        stats._count(out)
        result = Result(item.id, out.line, out.error, out.flagged)
        if not ordered:
            yield result
            return
        waiting[seq] = result
        while due in waiting:
            yield waiting.pop(due)
            due += 1

    def submit(s: int, seq: int, item: Item) -> None:
        eng.submit(s, seq, item)
        slots[s].held.append((seq, item))

    eng.start()
    try:
        while True:
            for s, slot in enumerate(slots):
                if slot.suspects and not slot.held:
                    seq, suspect = slot.suspects.popleft()
                    slot.alone = seq
                    submit(s, seq, suspect)
            while not exhausted and (not ordered or next_seq - due < window):
                free = [s for s in range(n) if slots[s].open()]
                if not free:
                    break
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif item.id in skip:
                    stats.skipped += 1
                else:
                    submit(min(free, key=lambda s: len(slots[s].held)), next_seq, item)
                    next_seq += 1
            if exhausted and not any(slot.held or slot.suspects for slot in slots):
                break
            for event in eng.wait(0.5):
                slot = slots[event.slot]
                if isinstance(event, Ready):
                    slot.ready, slot.failed_starts = True, 0
                    stats.workers.setdefault(event.pid, WorkerStats(event.pid))
                    if stats.ready_at is None and all(x.ready for x in slots):
                        stats.ready_at, stats.done_at_ready = time.monotonic(), stats.done
                elif isinstance(event, Done):
                    match = next((x for x in slot.held if x[0] == event.seq), None)
                    if match is not None:
                        slot.held.remove(match)
                        if slot.alone == event.seq:
                            slot.alone = None
                        yield from emit(event.seq, match[1], event.outcome)
                else:
                    yield from _died(eng, event, slot, stats, emit)
    finally:
        stats.finished = time.monotonic()
        eng.close()


def _died(eng: Engine, event: Died, slot: _Slot, stats: Stats, emit: Any) -> Iterator[Result]:
    """A worker died. When it held one item only, and had reported ready or held that item
    alone, that item gets the error row. When it held several, which one it died on is not known
    for sure (a Ray actor can die before the reply of the item it finished, or of its start, has
    gone out), so they become suspects, each tried again alone on the new worker: one that kills
    it then gets the error row, and the others their results. Workers of a slot that die
    ``START_TRIES`` times in a row before reporting ready stop the batch."""
    items = list(slot.held)
    slot.held.clear()
    alone, slot.alone = slot.alone, None
    if len(items) == 1 and (slot.ready or alone is not None):
        seq, item = items.pop()
        row = {"id": item.id, "error": f"{event.reason} while working on this item"}
        line = json.dumps(row, ensure_ascii=False)
        yield from emit(seq, item, Outcome(line=line, error=True, flagged=False, pid=0, peak_rss_kb=0))
    if not slot.ready:
        slot.failed_starts += 1
        if slot.failed_starts >= START_TRIES:
            raise CopydeskError(f"the batch's workers cannot start: {event.reason}")
    slot.ready = False
    stats.restarts += 1
    eng.restart(event.slot)
    slot.suspects.extendleft(reversed(items))  # in input order, before earlier suspects
