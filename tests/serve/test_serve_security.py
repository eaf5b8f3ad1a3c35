"""Security of ``copydesk serve``: token, Host allow-list, CORS, headers, CSRF, rate limit."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from servers import FAKE, ROOT, TOKEN, Server, start_server

from copydesk.errors import ConfigError
from copydesk.serve.guard import MAX_JSON_DEPTH, RateLimiter, json_depth
from copydesk.serve.options import ServeOptions

ORIGIN = "https://newsroom.example"


@pytest.fixture(scope="module")
def token_server(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("token"), *FAKE, "--token", TOKEN, "--cors-origin", ORIGIN)
    yield server
    server.stop()


def bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("wrong-token-0123456789"), {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}],
)
@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/api/health"),
        ("GET", "/api/ready"),
        ("POST", "/api/analyse"),
        ("GET", "/api/results"),
        ("GET", "/openapi.json"),
    ],
)
def test_without_the_token_401(token_server, headers, method, path):
    body = json.dumps({"text": "hello"}) if method == "POST" else None
    status, got, data = token_server.request(
        method, path, body, {"Content-Type": "application/json", **headers}
    )
    assert status == 401 and "bearer" in got["www-authenticate"].lower()
    assert "token" in json.loads(data)["error"]


def test_with_the_token(token_server):
    status, _, _ = token_server.request("GET", "/api/health", headers=bearer())
    assert status == 200
    status, _, data = token_server.request(
        "POST", "/api/analyse", json.dumps({"text": "hi"}), {"Content-Type": "application/json", **bearer()}
    )
    assert status == 200 and json.loads(data)["chars"] == 2


def test_pages_need_a_login(token_server):
    status, headers, _ = token_server.request("GET", "/history")
    assert status == 303 and headers["location"] == "/login"
    status, _, _ = token_server.request("GET", "/static/app.css")
    assert status == 200
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, page = token_server.request("POST", "/login", "token=wrong", form)
    assert status == 401 and b"not this server" in page
    status, headers, _ = token_server.request("POST", "/login", f"token={TOKEN}", form)
    assert status == 303
    cookie = headers["set-cookie"].split(";")[0]
    assert TOKEN not in cookie and "httponly" in headers["set-cookie"].lower()
    assert "samesite=strict" in headers["set-cookie"].lower()
    status, _, _ = token_server.request("GET", "/history", headers={"Cookie": cookie})
    assert status == 200
    # The session cookie opens the pages, not the API.
    status, _, _ = token_server.request("GET", "/api/results", headers={"Cookie": cookie})
    assert status == 401


def test_non_loopback_needs_a_token():
    with pytest.raises(ConfigError, match="needs a token"):
        ServeOptions.build(host="0.0.0.0")
    with pytest.raises(ConfigError, match="at least 16"):
        ServeOptions.build(host="0.0.0.0", token="short")
    assert ServeOptions.build(host="0.0.0.0", token=TOKEN, db="sqlite:///x.db").token == TOKEN
    assert ServeOptions.build(host="127.0.0.2", db="sqlite:///x.db").token is None


def test_cli_refuses_a_public_address_without_a_token(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
        "XDG_DATA_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    r = subprocess.run(
        [sys.executable, "-m", "copydesk.cli", "serve", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 2 and "needs a token" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "host,allowed",
    [
        ("127.0.0.1", True),
        ("localhost:8000", True),
        ("[::1]:80", True),
        ("LOCALHOST", True),
        ("evil.example", False),
        ("evil.example:80", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
    ],
)
def test_host_allow_list(fake_server, host, allowed):
    status, _, data = fake_server.request("GET", "/api/health", headers={"Host": host})
    if allowed:
        assert status == 200
    else:
        assert status == 400 and "Host" in json.loads(data)["error"]


def test_host_allow_list_options():
    o = ServeOptions.build(host="0.0.0.0", token=TOKEN, db="sqlite:///x.db")
    assert o.host_allowed("anything.example")  # a wildcard bind with a token and no --allow-host
    o = ServeOptions.build(host="0.0.0.0", token=TOKEN, db="sqlite:///x.db", allowed_hosts=("desk.example",))
    assert o.host_allowed("desk.example:8000") and not o.host_allowed("other.example")
    o = ServeOptions.build(host="127.0.0.1", db="sqlite:///x.db")
    assert not o.host_allowed("rebind.example")


def test_cors_is_off_by_default(fake_server):
    headers = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    status, got, _ = fake_server.request("OPTIONS", "/api/analyse", headers=headers)
    assert "access-control-allow-origin" not in got
    status, got, _ = fake_server.request("GET", "/api/health", headers={"Origin": ORIGIN})
    assert status == 200 and "access-control-allow-origin" not in got


def test_cors_when_configured(token_server):
    headers = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    status, got, _ = token_server.request("OPTIONS", "/api/analyse", headers=headers)
    assert status == 200 and got["access-control-allow-origin"] == ORIGIN
    status, got, _ = token_server.request(
        "OPTIONS", "/api/analyse", headers={**headers, "Origin": "https://x.example"}
    )
    assert got.get("access-control-allow-origin") != "https://x.example"


@pytest.mark.parametrize("path", ["/", "/api/health", "/history", "/docs", "/api/nothing", "/openapi.json"])
def test_security_headers(fake_server, path):
    status, headers, _ = fake_server.request("GET", path)
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["server"] == "copydesk"  # no version, no Python
    assert not re.search(r"\d", headers["server"])


def test_review_form_needs_its_csrf_token(fake_server):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = "action=analyse&source=Some+text"
    status, _, page = fake_server.request("POST", "/review", body, form)
    assert status == 403 and b"form expired" in page
    status, headers, page = fake_server.request("GET", "/")
    cookie = headers["set-cookie"].split(";")[0]
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    status, _, _ = fake_server.request("POST", "/review", body + "&csrf=forged", {**form, "Cookie": cookie})
    assert status == 403
    status, headers, _ = fake_server.request(
        "POST", "/review", body + f"&csrf={token}", {**form, "Cookie": cookie}
    )
    assert status == 303 and headers["location"].startswith("/r/")
    status, _, _ = fake_server.request(
        "POST", "/review", body + f"&csrf={token}", {"Content-Type": "text/plain", "Cookie": cookie}
    )
    assert status == 415


def test_rate_limit_per_client(tmp_path):
    server = Server(f"sqlite:///{tmp_path / 'r.db'}", *FAKE)
    server.env = {"COPYDESK_SERVE_RATE_PER_MINUTE": "8"}  # bursts of 2, then one every 7.5 s
    server.start()
    try:
        codes = []
        for _ in range(5):
            status, headers, _ = server.request(
                "POST", "/api/analyse", json.dumps({"text": "x"}), {"Content-Type": "application/json"}
            )
            codes.append(status)
        assert codes[:2] == [200, 200] and 429 in codes
        assert int(headers["retry-after"]) >= 1
        assert server.request("GET", "/api/health")[0] == 200  # reads are not limited
    finally:
        server.stop()


def test_rate_limiter_refills():
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])  # one a second, bursts of 15
    assert all(limiter.allow("a") == 0 for _ in range(15))
    assert limiter.allow("a") > 0 and limiter.allow("b") == 0
    now[0] += 1.0
    assert limiter.allow("a") == 0


@pytest.mark.parametrize("value,depth", [(1, 0), ({}, 1), ({"a": [1, {"b": []}]}, 4), ([[[]]], 3)])
def test_json_depth(value, depth):
    assert json_depth(value) == depth


def test_json_depth_stops_early():
    deep: list = []
    for _ in range(10 * MAX_JSON_DEPTH):
        deep = [deep]
    assert json_depth(deep) == MAX_JSON_DEPTH + 1
