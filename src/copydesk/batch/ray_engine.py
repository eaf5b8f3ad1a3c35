"""The Ray engine: Ray's batch-inference pattern, one actor per worker holding the models, the
driver streaming items in and rows out (at most a few items in flight per actor).

Ray is an optional extra (``pip install 'copydesk[ray]'``). With an address (``--ray-address``,
e.g. ``127.0.0.1:6379`` or ``auto``) the batch joins that cluster, whose nodes need copydesk and
its models installed; without one it starts a Ray instance on this machine for the batch, its
node on the loopback address, and stops it afterwards.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from typing import Any

from copydesk.batch.engines import ONE_THREAD, Died, Done, Event, Ready
from copydesk.batch.items import Item
from copydesk.batch.tasks import Job, Outcome, outcome, warm_up
from copydesk.errors import ConfigError

LOCAL_NODE_ADDRESS = "127.0.0.1"
"""The node address of a Ray instance the batch starts itself: this machine only."""
REPLY_WAIT_S = 5.0
"""How long to wait, after an actor died, for the replies of items it had finished."""


class BatchActor:
    """One worker: builds the task (loads the models) once, then works on items in order."""

    def __init__(self, job: Job) -> None:
        self._task = job.build()
        warm_up(self._task)

    def ready(self) -> int:
        return os.getpid()

    def process(self, item: Item) -> Outcome:
        return outcome(self._task, item)


class RayEngine:
    """``workers`` Ray actors (one CPU each) on a cluster, or on a Ray instance of its own."""

    def __init__(self, job: Job, workers: int, *, address: str | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.job = job
        self.workers = workers
        self.address = address
        self._owns = False
        self._actors: list[Any] = [None] * workers
        self._alive = [False] * workers
        self._refs: dict[Any, tuple[int, int | None, str]] = {}  # ref -> (slot, seq or None: ready, id)

    def start(self) -> None:
        try:
            import ray
        except ImportError:
            raise ConfigError("the ray engine needs Ray: pip install 'copydesk[ray]'") from None
        self._ray = ray
        if not ray.is_initialized():
            options: dict[str, Any] = {
                "include_dashboard": False,
                "log_to_driver": False,
                "logging_level": logging.ERROR,
            }
            try:
                if self.address:
                    ray.init(address=self.address, **options)
                else:
                    cpus = max(self.workers, os.cpu_count() or 1)
                    ray.init(num_cpus=cpus, _node_ip_address=LOCAL_NODE_ADDRESS, **options)
            except (ConnectionError, RuntimeError, ValueError) as e:
                where = self.address or "a local Ray instance"
                raise ConfigError(f"cannot start or reach Ray ({where}): {e}") from None
            self._owns = True
        # The thread limits go in the actor's environment, set before its process starts: by the
        # time the actor's own code runs, Ray has imported numpy in that process already.
        self._actor_class: Any = ray.remote(
            num_cpus=1, max_restarts=0, max_task_retries=0, runtime_env={"env_vars": dict(ONE_THREAD)}
        )(BatchActor)
        for slot in range(self.workers):
            self._spawn(slot)

    def _spawn(self, slot: int) -> None:
        actor = self._actor_class.remote(self.job)
        self._actors[slot] = actor
        self._alive[slot] = True
        self._refs[actor.ready.remote()] = (slot, None, "")

    def submit(self, slot: int, seq: int, item: Item) -> None:
        self._refs[self._actors[slot].process.remote(item)] = (slot, seq, item.id)

    def wait(self, timeout: float) -> list[Event]:
        ray = self._ray
        if not self._refs:
            time.sleep(min(timeout, 0.05))
            return []
        refs = list(self._refs)
        ready, rest = ray.wait(refs, num_returns=1, timeout=timeout)
        if ready and rest:
            more, _ = ray.wait(rest, num_returns=len(rest), timeout=0)
            ready += more
        # Each actor's results in the order it worked on them (its start first), so that when
        # it died, what it finished before is given as done and the item it died on is the
        # driver's first one left.
        ready.sort(key=lambda ref: _order(self._refs[ref]))
        events: list[Event] = []
        for ref in ready:
            entry = self._refs.pop(ref, None)
            if entry is None or not self._alive[entry[0]]:
                continue  # an item of a worker already reported dead (forgotten with it)
            slot, seq, item_id = entry
            try:
                value = ray.get(ref)
            except ray.exceptions.RayActorError as e:
                events += self._finished_before_death(slot)
                events.append(self._dead(slot, f"the Ray actor died ({_first_line(e)})"))
                continue
            except ray.exceptions.RayError as e:
                if seq is None:
                    events.append(self._dead(slot, f"the Ray actor failed ({_first_line(e)})"))
                    continue
                value = _failed(item_id, f"internal error: {_first_line(e)}")
            events.append(Ready(slot, value) if seq is None else Done(slot, seq, value))
        return events

    def _finished_before_death(self, slot: int) -> list[Event]:
        """The results a dead actor sent before it died whose replies had not come yet, in
        order, up to the first item it did not finish."""
        ray = self._ray
        pending = sorted(
            (seq, ref) for ref, (s, seq, _) in self._refs.items() if s == slot and seq is not None
        )
        events: list[Event] = []
        for seq, ref in pending:
            try:
                value = ray.get(ref, timeout=REPLY_WAIT_S)
            except ray.exceptions.RayError:  # the actor died before or on it (or no reply)
                break
            del self._refs[ref]
            events.append(Done(slot, seq, value))
        return events

    def _dead(self, slot: int, reason: str) -> Died:
        self._alive[slot] = False
        self._forget(slot)
        return Died(slot, reason)

    def _forget(self, slot: int) -> None:
        for ref, (s, _, _) in list(self._refs.items()):
            if s == slot:
                del self._refs[ref]

    def restart(self, slot: int) -> None:
        self._forget(slot)
        old = self._actors[slot]
        if old is not None:
            self._ray.kill(old, no_restart=True)
        self._spawn(slot)

    def close(self) -> None:
        ray = getattr(self, "_ray", None)
        if ray is None:
            return
        for actor in self._actors:
            if actor is not None:
                with contextlib.suppress(Exception):  # an actor already gone
                    ray.kill(actor, no_restart=True)
        self._actors = [None] * self.workers
        self._refs.clear()
        if self._owns:
            ray.shutdown()
            self._owns = False


def _order(entry: tuple[int, int | None, str]) -> tuple[int, int]:
    slot, seq, _ = entry
    return slot, -1 if seq is None else seq


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _failed(item_id: str, message: str) -> Outcome:
    """The outcome of an item whose call failed in Ray itself, not in the task."""
    line = json.dumps({"id": item_id, "error": message}, ensure_ascii=False)
    return Outcome(line=line, error=True, flagged=False, pid=0, peak_rss_kb=0)
