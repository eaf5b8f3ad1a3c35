"""The worker pool, jobs and the store, through a real server with a stand-in pipeline
(``serve_faults:run_job``: two workers, a queue of two, a 4 s time limit, jobs above 20,000 bytes)."""

from __future__ import annotations

import json
import os
import pathlib
import threading
import time

import pytest
from servers import FAKE, Server, start_server


def post(server: Server, text: str, path: str = "/api/analyse") -> tuple[int, dict, dict]:
    status, headers, data = server.request(
        "POST", path, json.dumps({"text": text}), {"Content-Type": "application/json"}
    )
    return status, headers, json.loads(data)


def wait_for(server: Server, job_id: str, *, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = server.json("GET", f"/api/jobs/{job_id}")
        assert status == 200, body
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def test_result_is_stored_with_an_id(fake_server):
    status, headers, body = post(fake_server, "store me")
    assert status == 200 and body["chars"] == len("store me")
    rid = body["result_id"]
    assert body["permalink"] == f"/r/{rid}" and headers["location"] == f"/api/results/{rid}"
    status, again = fake_server.json("GET", f"/api/results/{rid}")
    assert status == 200 and again == body
    status, listing = fake_server.json("GET", "/api/results?limit=5")
    assert status == 200 and listing[0]["id"] == rid and listing[0]["title"] == "store me"


def test_unknown_result_is_404(fake_server):
    status, body = fake_server.json("GET", "/api/results/nosuchresult")
    assert status == 404 and "nosuchresult" in body["error"]
    status, body = fake_server.json("GET", "/api/jobs/nosuchjob")
    assert status == 404


def test_large_input_runs_as_a_job_with_progress(fake_server):
    text = "SLEEP:1.5 " + "x" * 25_000
    status, headers, body = post(fake_server, text)
    assert status == 202 and headers["location"] == body["status_url"]
    seen = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        _, job = fake_server.json("GET", body["status_url"])
        seen.add(job["status"])
        if job["status"] == "done":
            break
        time.sleep(0.05)
    assert "running" in seen and job["status"] == "done"
    assert job["elapsed_s"] >= 1.4 and job["result_url"] == body["result_url"]
    status, result = fake_server.json("GET", body["result_url"])
    assert status == 200 and result["chars"] == len(text)


def test_result_of_a_running_job_is_202(fake_server):
    status, _, body = post(fake_server, "SLEEP:1 " + "y" * 25_000)
    assert status == 202
    status, job = fake_server.json("GET", body["result_url"])
    assert status == 202 and job["status"] in ("queued", "running")
    wait_for(fake_server, body["job_id"])


def test_full_queue_is_503_with_retry_after(fake_server):
    results: list[int] = []

    def slow() -> None:
        results.append(post(fake_server, "SLEEP:2.5")[0])

    threads = [threading.Thread(target=slow) for _ in range(4)]  # two run, two wait
    for t in threads:
        t.start()
    time.sleep(0.8)
    status, headers, data = fake_server.request(
        "POST", "/api/analyse", json.dumps({"text": "one more"}), {"Content-Type": "application/json"}
    )
    for t in threads:
        t.join()
    assert status == 503 and int(headers["retry-after"]) > 0
    assert "busy" in json.loads(data)["error"]
    assert results == [200] * 4


def test_job_past_its_time_limit_is_504_and_the_worker_is_replaced(fake_server):
    start = time.monotonic()
    status, _, body = post(fake_server, "SLEEP:60")
    assert status == 504 and time.monotonic() - start < 20
    assert "time limit" in body["error"]
    # The stopped worker is replaced; every later job still runs.
    deadline = time.monotonic() + 30
    while fake_server.json("GET", "/api/ready")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    codes = [post(fake_server, f"after {i}")[0] for i in range(4)]
    assert codes == [200] * 4


def test_worker_that_dies_is_500_and_replaced(fake_server):
    status, headers, body = post(fake_server, "EXIT")
    assert status == 500 and headers["content-type"] == "application/json"
    assert body["type"] == "WorkerDied"
    deadline = time.monotonic() + 30
    while fake_server.json("GET", "/api/ready")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert post(fake_server, "fine")[0] == 200


def test_failed_job_is_stored_with_its_error(fake_server):
    status, _, body = post(fake_server, "INPUTERROR " + "z" * 25_000)
    assert status == 202
    job = wait_for(fake_server, body["job_id"])
    assert job["status"] == "failed" and "not an English article" in job["error"]
    status, result = fake_server.json("GET", body["result_url"])
    assert status == 400 and "not an English article" in result["error"]


def test_workers_run_side_by_side(fake_server):
    # Two sleeping jobs on two workers take about one sleep, not two.
    pids: list[int] = []
    start = time.monotonic()
    threads = [
        threading.Thread(target=lambda: pids.append(post(fake_server, "SLEEP:1.5")[2]["pid"]))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - start < 2.9
    assert len(set(pids)) == 2


def test_results_survive_a_restart(tmp_path):
    server = start_server(
        tmp_path, *FAKE, env={"COPYDESK_SERVE_ASYNC_BYTES": "1000", "COPYDESK_SERVE_JOB_TIMEOUT_S": "60"}
    )
    try:
        status, _, done = post(server, "kept across restarts")
        assert status == 200
        status, _, pending = post(server, "SLEEP:30 " + "q" * 2000)  # still running at the stop
        assert status == 202
        server.restart()
        status, body = server.json("GET", f"/api/results/{done['result_id']}")
        assert status == 200 and body == done
        status, _, html = server.request("GET", f"/r/{done['result_id']}")
        assert status == 200 and done["result_id"].encode() in html
        status, job = server.json("GET", f"/api/jobs/{pending['job_id']}")
        assert job["status"] == "failed" and "stopped before this job finished" in job["error"]
    finally:
        server.stop()


def test_access_log_on_stderr(fake_server):
    # The test servers' stdout goes nowhere: the access line can only have come from stderr.
    post(fake_server, "logged")
    deadline = time.monotonic() + 10
    while not any('"POST /api/analyse HTTP/1.1" 200' in line for line in fake_server.lines):
        assert time.monotonic() < deadline, fake_server.lines[-5:]
        time.sleep(0.1)


@pytest.mark.parametrize("path", ["/api/results/x", "/api/jobs/x", "/api/results"])
def test_read_endpoints_answer_head(fake_server, path):
    status, _, data = fake_server.request("HEAD", path)
    assert status in (200, 404) and data == b""


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_workers_end_when_their_server_is_killed(tmp_path):
    server = start_server(tmp_path, *FAKE, env={"COPYDESK_SERVE_ASYNC_BYTES": "1000"})
    try:
        status, _, job = post(server, "SLEEP:60 " + "q" * 2000)  # a worker is busy for a minute
        assert status == 202
        deadline = time.monotonic() + 30
        while server.json("GET", f"/api/jobs/{job['job_id']}")[1]["status"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert server.proc is not None
        workers = children(server.proc.pid)
        assert len(workers) >= 2  # the workers (and multiprocessing's resource tracker)
        server.proc.kill()  # no clean-up at all: the workers are on their own
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers):
            assert time.monotonic() < deadline, [pid for pid in workers if alive(pid)]
            time.sleep(0.2)
    finally:
        server.stop()
