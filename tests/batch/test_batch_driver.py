"""The driver and the engines, with fast stand-in tasks: every item gives exactly one row, in
order when asked; a bad item, a bug or a dead worker costs one error row and the batch goes on."""

from __future__ import annotations

import pytest
from batch_fakes import EchoFactory, EchoTask, IngestOnly, NeverStarts

from copydesk import batch
from copydesk.batch.driver import _drive
from copydesk.batch.engines import Died, Done, Event, Ready
from copydesk.batch.items import Item, as_items
from copydesk.batch.tasks import outcome
from copydesk.errors import CopydeskError

ITEMS = [{"id": f"i{n}", "n": n} for n in range(40)]


@pytest.mark.parametrize(("engine", "workers"), [("inline", 1), ("local", 1), ("local", 2)])
def test_every_item_once_and_ordered_when_asked(engine: batch.driver.EngineName, workers: int) -> None:
    results = list(
        batch.run("analyse", ITEMS, engine=engine, workers=workers, ordered=True, task=EchoFactory())
    )
    assert [r.id for r in results] == [f"i{n}" for n in range(40)]
    assert [r.row["n"] for r in results] == list(range(40))
    assert all(r.line.startswith('{"id": ') and not r.error for r in results)


def test_unordered_results_come_as_they_are_done_from_both_workers() -> None:
    stats = batch.Stats()
    results = list(batch.run("analyse", ITEMS, workers=2, task=EchoFactory(delay=0.01), stats=stats))
    assert sorted(r.row["n"] for r in results) == list(range(40))
    assert len({r.row["pid"] for r in results}) == 2
    assert stats.done == 40 and stats.errors == 0 and len(stats.workers) == 2
    assert all(w.peak_rss_kb > 0 for w in stats.workers.values())


def test_bad_items_bugs_and_a_dead_worker_each_give_one_error_row() -> None:
    stats = batch.Stats()
    task = EchoFactory(fail="i3", crash="i5", kill="i7")
    results = list(batch.run("analyse", ITEMS, workers=2, ordered=True, task=task, stats=stats))
    assert [r.id for r in results] == [f"i{n}" for n in range(40)]
    errors = {r.id: r.row["error"] for r in results if r.error}
    assert set(errors) == {"i3", "i5", "i7"}
    assert "bad on purpose" in errors["i3"]
    assert errors["i5"] == "internal error: ZeroDivisionError: a bug in a stage"
    assert "died (signal 9)" in errors["i7"] and "while working on this item" in errors["i7"]
    assert stats.errors == 3 and 1 <= stats.restarts <= 2  # 2: i7's worker held another item too


def test_one_bad_item_among_a_thousand() -> None:
    items = [
        {"id": f"a{n}", "text": f"The council met on day {n} and approved the budget."} for n in range(1000)
    ]
    items[613] = {"id": "a613", "text": ""}
    results = list(batch.run("analyse", items, workers=2, task=IngestOnly()))
    assert sorted(r.id for r in results) == sorted(f"a{n}" for n in range(1000))
    errors = [r.row for r in results if r.error]
    assert errors == [{"id": "a613", "error": "item 614 id=a613: empty input"}]


def test_skip_leaves_out_ids_already_done() -> None:
    stats = batch.Stats()
    results = list(
        batch.run("analyse", ITEMS, engine="inline", skip={"i0", "i9"}, task=EchoFactory(), stats=stats)
    )
    assert len(results) == 38 and stats.skipped == 2 and {"i0", "i9"}.isdisjoint(r.id for r in results)


def test_workers_that_cannot_start_stop_the_batch() -> None:
    with pytest.raises(CopydeskError, match="cannot start"):
        list(batch.run("analyse", ITEMS, workers=1, task=NeverStarts()))


def test_unknown_kind_or_engine() -> None:
    with pytest.raises(ValueError, match="kind"):
        batch.run("summarise", ITEMS)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="engine"):
        batch.run("analyse", ITEMS, engine="spark")  # type: ignore[arg-type]


class LossyEngine:
    """One worker that dies whenever it holds the item ``boom``, losing with it the result of
    the item before, as a Ray actor can when it dies before that reply has gone out."""

    workers = 1

    def __init__(self) -> None:
        self.queue: list[tuple[int, Item]] = []
        self.events: list[Event] = []
        self.task = EchoTask(EchoFactory())

    def start(self) -> None:
        self.events.append(Ready(0, 1))

    def submit(self, slot: int, seq: int, item: Item) -> None:
        self.queue.append((seq, item))

    def wait(self, timeout: float) -> list[Event]:
        events, self.events = self.events, []
        if any(item.id == "boom" for _, item in self.queue):
            self.queue.clear()
            return [*events, Died(0, "the worker died")]
        if self.queue:
            seq, item = self.queue.pop(0)
            events.append(Done(0, seq, outcome(self.task, item)))
        return events

    def restart(self, slot: int) -> None:
        self.events.append(Ready(0, 2))

    def close(self) -> None:
        pass


def test_a_worker_dying_with_several_items_blames_only_the_one_that_kills_it_alone() -> None:
    items = [{"id": "boom" if n == 5 else f"i{n}", "n": n} for n in range(10)]
    stats = batch.Stats()
    results = list(_drive(LossyEngine(), as_items(items), ordered=True, skip=frozenset(), stats=stats))
    assert [r.id for r in results] == [x["id"] for x in items]
    assert [r.id for r in results if r.error] == ["boom"]
    assert stats.restarts == 2  # died holding boom and another; then holding boom alone
