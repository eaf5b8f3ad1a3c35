"""The result store on SQLite and on a real PostgreSQL server, and its migrations."""

from __future__ import annotations

import json

import pytest
from servers import FAKE, Server
from sqlalchemy import inspect, text

from copydesk.serve.store import Store, engine_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'sub' / 'results.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    s = Store.open(url)
    yield s
    with s.engine.begin() as c:
        c.execute(text("DELETE FROM results"))
    s.close()


def test_a_result_round_trip(store):
    rid = store.create("analysis", json.dumps({"text": "x\u0000y \u00e9"}), "x" * 500)
    row = store.get(rid)
    assert row.status == "queued" and len(row.title) == 120 and row.created_at.tzinfo is not None
    store.mark_running(rid)
    assert store.get(rid).status == "running" and store.get(rid).started_at is not None
    store.finish(rid, '{"ok": true}')
    row = store.get(rid)
    assert (
        row.status == "done" and json.loads(row.result) == {"ok": True} and row.finished_at >= row.started_at
    )
    assert json.loads(row.request) == {"text": "x\u0000y \u00e9"}
    assert store.get("nope") is None


def test_failure_and_ordering(store):
    first = store.create("audit", "{}", "first")
    second = store.create("interview", "{}", "second")
    store.fail(first, "bad input", 400)
    store.mark_running(first)  # a late "running" never undoes an end
    row = store.get(first)
    assert row.status == "failed" and row.error == "bad input" and row.error_status == 400
    assert [r.id for r in store.recent(10)][:2] == [second, first]


def test_unfinished_jobs_are_failed_on_open(store):
    a = store.create("analysis", "{}", "a")
    b = store.create("analysis", "{}", "b")
    store.mark_running(b)
    done = store.create("analysis", "{}", "c")
    store.finish(done, "{}")
    assert store.interrupt_unfinished() == 2
    assert {store.get(a).status, store.get(b).status, store.get(done).status} == {"failed", "done"}
    assert "stopped" in store.get(a).error


def test_migrations_run_once_and_again(store):
    url = store.engine.url.render_as_string(hide_password=False)
    Store.open(url).close()  # upgrading an up-to-date database changes nothing
    with store.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    columns = {c["name"] for c in inspect(store.engine).get_columns("results")}
    assert {"id", "kind", "status", "request", "result", "error", "created_at"} <= columns


def test_postgresql_url_uses_psycopg():
    assert engine_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///x.db") == "sqlite:///x.db"


def test_server_on_postgresql_keeps_results_across_a_restart(postgres_url):
    server = Server(postgres_url, *FAKE).start()
    try:
        status, _, data = server.request(
            "POST",
            "/api/check",
            json.dumps({"source": "s", "derived": "kept"}),
            {"Content-Type": "application/json"},
        )
        assert status == 200
        rid = json.loads(data)["result_id"]
        server.restart()
        status, body = server.json("GET", f"/api/results/{rid}")
        assert status == 200 and body["chars"] == len("kept")
    finally:
        server.stop()
