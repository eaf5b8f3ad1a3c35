"""Batches at scale: many articles or pairs through the pipeline, on several cores or a Ray cluster.

    >>> from copydesk import batch
    >>> for result in batch.run("analyse", [{"id": "a1", "text": text}], workers=2):
    ...     print(result.id, result.error, result.row["quotes"])

The shape is Ray's batch-inference pattern. One worker (a process of the ``local`` engine, or a
Ray actor of the ``ray`` engine) per core holds the models, loaded once; the driver (``run``)
streams items in and results out, with at most ``IN_FLIGHT`` items per worker in flight, so a
batch of any size runs in bounded memory. Every row carries its item's id and comes out as soon
as the item is done (or in input order, ``ordered=True``). A bad item, or a worker that dies on
one, gives one ``{"id", "error"}`` row and the batch goes on.

- ``run(kind, items, ...)``: results as an iterator, for notebooks and services.
- ``Input(spec, kind=...)``: items from a JSONL file (gzip or zstd too), stdin, a directory or a
  glob of .txt/.html/.json files (the id is the path relative to the directory or the glob's
  folder), read as they are needed.
- ``run_to_file(...)``: ``copydesk batch``: appends each row to a JSONL file as it comes;
  ``resume=True`` continues an interrupted run (``output``), each item written exactly once.
"""

from __future__ import annotations

import os
from typing import Any

from copydesk.batch.driver import ENGINES, IN_FLIGHT, EngineName, Result, Stats, run
from copydesk.batch.items import KINDS, Input, Item, Kind
from copydesk.batch.output import Appender, resume_state
from copydesk.batch.progress import Mode, Progress
from copydesk.batch.tasks import Job, Options, Task, TaskFactory
from copydesk.config import Settings
from copydesk.errors import InputError

__all__ = [
    "run",
    "run_to_file",
    "Input",
    "Item",
    "Result",
    "Stats",
    "Options",
    "Job",
    "Task",
    "TaskFactory",
    "KINDS",
    "Kind",
    "ENGINES",
    "IN_FLIGHT",
]


def run_to_file(
    kind: Kind,
    source: str,
    output: str | None,
    *,
    resume: bool = False,
    workers: int = 1,
    engine: EngineName = "local",
    ray_address: str | None = None,
    ordered: bool = False,
    settings: Settings | None = None,
    options: Options | None = None,
    task: TaskFactory | None = None,
    progress: Mode = "quiet",
    label: str | None = None,
) -> Stats:
    """Runs a batch from an input (see ``Input``) into a JSONL file, appending each row as soon
    as its item is done.

    Args:
        output: The JSONL file, or ``None``/``-`` for stdout.
        resume: Go on with an interrupted run: skip the ids already in ``output`` (after cutting
            off a torn last line). Without it, ``output`` must not exist yet (or be empty).
        progress: ``bar``, ``lines``, ``json`` or ``quiet`` (stderr).
        Others: as for ``run``.

    Returns:
        The run's counters (``errors``, ``flagged``, ``skipped`` ...).

    Raises:
        InputError: The input cannot be read, or the output exists and ``resume`` is not set.
    """
    settings = settings or Settings()
    to_file = output not in (None, "-")
    done: set[str] = set()
    cut = 0
    if to_file:
        assert output is not None
        if resume:
            done, cut = resume_state(output)
        elif os.path.exists(output) and os.path.getsize(output):
            raise InputError("the output exists: resume it (--resume) or remove it first", source=output)
    elif resume:
        raise InputError("--resume needs an output file (-o), not stdout", source=source)
    items = Input(source, kind=kind, settings=settings)
    stats = Stats()

    def extra() -> dict[str, Any]:
        return {"files_skipped": items.skipped_files, "torn_bytes_cut": cut}

    report = Progress(label or f"batch {kind}", stats, total=lambda: items.total, mode=progress, extra=extra)
    results = run(
        kind,
        items,
        workers=workers,
        engine=engine,
        ray_address=ray_address,
        ordered=ordered,
        settings=settings,
        options=options,
        skip=done,
        task=task,
        stats=stats,
    )
    with Appender(output) as out, report:
        for result in results:
            out.write(result.line)
            report.update()
    report.summary()
    return stats
