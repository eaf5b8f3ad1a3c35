"""What a worker does with an item: the job it is given once, and one item at a time after that.

A ``Job`` travels to each worker (a process, or a Ray actor) once; the worker builds its task
from it (``job.task(job)``, which loads the models once) and turns every item into an
``Outcome``: the item's JSONL row, serialised, with what the driver counts. Whatever an item
does (bad input, a failing stage, an unexpected exception), it becomes that item's
``{"id", "error"}`` row and the worker goes on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import resource
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from copydesk import pipeline
from copydesk.batch.items import Item, Kind
from copydesk.config import Settings
from copydesk.errors import CopydeskError, InputError

WARM_UP_TEXT = (
    "Mayor Ann Lee said on Monday that the Elm Street bridge will close for repairs next week. "
    '"We have no choice," she told reporters.'
)
"""A short article each worker reads once before its first item, so the models are loaded."""


@dataclass(frozen=True)
class Options:
    """Options that apply to every item of a batch."""

    published: dt.date | None = None
    """analyse: the publication date of articles that give none."""
    outlet: str | None = None
    """interview: the outlet named for the editor."""
    guest: str | None = None
    """interview: the guest's label."""
    turns: int | None = None
    """interview: the number of question-answer pairs."""
    focus: str | None = None
    """interview: the topic to prefer."""


class Task(Protocol):
    """Turns one item into its row (``{"id", ...}``); raises ``CopydeskError`` for a bad item."""

    def __call__(self, item: Item) -> dict[str, Any]: ...


TaskFactory = Callable[["Job"], Task]


@dataclass(frozen=True)
class Job:
    """Everything a worker needs, sent to it once: the kind of work, the settings and options,
    and the factory that builds the task in the worker (``PipelineTask`` unless a caller, such as
    a test, injects another: it must be picklable, e.g. a module-level class)."""

    kind: Kind
    settings: Settings = field(default_factory=Settings)
    options: Options = field(default_factory=Options)
    task: TaskFactory | None = None

    def build(self) -> Task:
        """The task, built once in the worker."""
        return (self.task or PipelineTask)(self)


@dataclass(frozen=True)
class Outcome:
    """One item's result as the worker sends it back."""

    line: str
    """The row as one line of JSON (no newline): ``{"id": ..., ...}``, the id first."""
    error: bool
    """The row is ``{"id", "error"}``."""
    flagged: bool
    """An audit found the item not consistent (``"consistent": false``)."""
    pid: int
    """The worker's process id."""
    peak_rss_kb: int
    """The worker's peak resident memory so far, in KiB."""


class PipelineTask:
    """The pipeline's work for one kind: an analysis, an audit of a pair, or an interview."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._auditor = pipeline.PairAuditor(settings=job.settings) if job.kind == "check" else None

    def warm_up(self) -> None:
        """Loads the models the kind needs by running it once on a short article."""
        settings = self.job.settings
        if self.job.kind in ("analyse", "interview"):
            pipeline.analyse(WARM_UP_TEXT, settings=settings)
        if self.job.kind in ("check", "interview"):
            pipeline.check(WARM_UP_TEXT, WARM_UP_TEXT, settings=settings)

    def __call__(self, item: Item) -> dict[str, Any]:
        job = self.job
        if self._auditor is not None:
            return self._auditor(self._pair(item), item_id=item.id)
        if item.record is not None:
            doc = pipeline.record_document(
                item.record, item_id=item.id, where=item.where, settings=job.settings
            )
        else:
            doc = pipeline.data_document(
                item.data or b"", name=item.where, item_id=item.id, settings=job.settings
            )
        if job.kind == "analyse":
            return pipeline.analysis_row(doc, item_id=item.id, published=job.options.published)
        o = job.options
        return pipeline.interview_row(
            doc,
            item_id=item.id,
            outlet=o.outlet,
            guest=o.guest,
            turns=o.turns,
            focus=o.focus,
            settings=job.settings,
        )

    @staticmethod
    def _pair(item: Item) -> dict[str, Any]:
        """A pair from a JSONL row, or from a ``.json`` file holding one."""
        if item.record is not None:
            return item.record
        if not item.where.lower().endswith(".json"):
            raise InputError('a check item is a JSON object {"source", "derived"}', source=item.where)
        try:
            obj = json.loads((item.data or b"").decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InputError(f"not a JSON object: {e}", source=item.where) from None
        if not isinstance(obj, dict):
            raise InputError("not a JSON object", source=item.where)
        return obj


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB.

    On Linux this is ``VmHWM`` of ``/proc/self/status``: ``ru_maxrss`` is not used there, as
    the kernel carries it over ``exec`` from the process that forked, so a program started by a
    large one would report the large one's memory. Elsewhere ``ru_maxrss`` (bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def outcome(task: Task, item: Item) -> Outcome:
    """Runs the task on one item; any failure becomes the item's error row."""
    row: dict[str, Any]
    if item.error is not None:
        row = {"id": item.id, "error": item.error}
    else:
        try:
            row = pipeline.result_row(item.id, task(item))
        except CopydeskError as e:
            row = pipeline.error_row(item.id, e)
        except Exception as e:  # noqa: BLE001 (one bad item never takes down a batch)
            row = {"id": item.id, "error": f"internal error: {type(e).__name__}: {e}"}
    try:
        line = json.dumps(row, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        row = {"id": item.id, "error": f"internal error: the result is not JSON: {e}"}
        line = json.dumps(row, ensure_ascii=False)
    return Outcome(
        line=line,
        error="error" in row,
        flagged=row.get("consistent") is False,
        pid=os.getpid(),
        peak_rss_kb=peak_rss_kb(),
    )


def warm_up(task: Task) -> None:
    """Calls the task's ``warm_up`` if it has one; a failure there is left to the first item."""
    warm = getattr(task, "warm_up", None)
    if callable(warm):
        with contextlib.suppress(CopydeskError):
            warm()
