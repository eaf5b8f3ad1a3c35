"""The driver and the engines, with fast stand-in tasks: every item gives exactly one row, in
order when asked; a bad item, a bug or a dead worker costs one error row and the batch goes on."""

from __future__ import annotations

import pytest
from batch_fakes import EchoFactory, IngestOnly, NeverStarts

from copydesk import batch
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
    assert stats.errors == 3 and stats.restarts == 1


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
