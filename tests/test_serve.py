"""The HTTP API and review page, served for real on a loopback port."""

from __future__ import annotations

import json
import pathlib
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from copydesk.config import Settings
from copydesk.serve import make_server

ARTICLE = (pathlib.Path(__file__).parent.parent / "examples" / "harbour-strike.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, Settings(max_input_bytes=200_000))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def request(url: str, data: bytes | None = None, content_type: str = "application/json") -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def post(url: str, payload: object) -> tuple[int, dict]:
    status, body = request(url, json.dumps(payload).encode())
    return status, json.loads(body)


def test_health_and_page(base_url):
    status, body = request(base_url + "/api/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, body = request(base_url + "/")
    assert status == 200 and "<form" in body


def test_analyse_endpoint(base_url):
    status, data = post(base_url + "/api/analyse", {"text": ARTICLE, "published": "2024-03-15"})
    assert status == 200
    assert data["schema_version"] and any(
        q["speaker"] and q["speaker"]["name"] == "Marta Quenell" for q in data["quotes"]
    )


@pytest.mark.parametrize(
    "path,payload,status",
    [
        ("/api/analyse", {"text": ""}, 400),
        ("/api/analyse", {"txt": "typo"}, 400),
        ("/api/analyse", {"text": ARTICLE, "published": "soon"}, 400),
        ("/api/check", {"source": ARTICLE}, 400),
        ("/api/nothing", {}, 404),
        ("/api/analyse", {"text": "x" * 300_000}, 400),
    ],
)
def test_bad_requests_are_json_errors(base_url, path, payload, status):
    got, data = post(base_url + path, payload)
    assert got == status and data["error"]


def test_body_that_is_not_json(base_url):
    status, body = request(base_url + "/api/analyse", b"\xff\xfe not json")
    assert status == 400 and "not JSON" in json.loads(body)["error"]


def test_review_page_check(base_url):
    form = urllib.parse.urlencode(
        {
            "action": "check",
            "source": ARTICLE,
            "derived": "Port economist Dr. Ivo Brandt predicted a long strike.",
        }
    ).encode()
    status, body = request(base_url + "/review", form, "application/x-www-form-urlencoded")
    assert status == 200 and "<html" in body.lower() and "Brandt" in body
