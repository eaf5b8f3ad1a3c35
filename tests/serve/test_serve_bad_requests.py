"""Every bad request the service was seen to mishandle gets a clear 4xx: no 5xx, no hang.

Against a real server (``fake_server``: the service with a stand-in pipeline, so each case
is about the HTTP layer, not the models). Raw sockets send what no HTTP client would.
"""

from __future__ import annotations

import json
import socket
import time

import pytest
from servers import Server

GOOD = "A short text to send."


def raw(server: Server, data: bytes, *, wait: float = 10.0) -> tuple[int | None, bytes, float]:
    """Sends raw bytes; returns (status or None when closed without one, reply, seconds)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as s:
        s.sendall(data)
        reply = b""
        try:
            while chunk := s.recv(65536):
                reply += chunk
                if b"\r\n\r\n" in reply and b"content-length" in reply.lower():
                    head, _, rest = reply.partition(b"\r\n\r\n")
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    if len(rest) >= length:
                        break
        except TimeoutError:
            pytest.fail(f"no answer within {wait} s to {data[:80]!r}")
    status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.1 ") else None
    return status, reply, time.monotonic() - start


def post_json(server: Server, path: str, payload: object) -> tuple[int, dict]:
    status, _, body = server.request("POST", path, json.dumps(payload), {"Content-Type": "application/json"})
    return status, json.loads(body)


def is_error(status: int, body: dict, expected: int) -> None:
    assert status == expected, body
    assert isinstance(body.get("error"), str) and body["error"], body


@pytest.mark.parametrize("field", ["outlet", "guest", "focus"])
@pytest.mark.parametrize("value", [5, ["a"], {"x": 1}, True])
def test_non_string_option_is_422(fake_server, field, value):
    status, body = post_json(fake_server, "/api/interview", {"text": GOOD, field: value})
    is_error(status, body, 422)
    assert field in body["error"]


@pytest.mark.parametrize(
    "path,field",
    [
        ("/api/analyse", "text"),
        ("/api/check", "source"),
        ("/api/check", "derived"),
        ("/api/interview", "text"),
    ],
)
def test_lone_surrogate_is_422(fake_server, path, field):
    payload = {"text": GOOD} if path != "/api/check" else {"source": GOOD, "derived": GOOD}
    body = json.dumps(payload).replace(GOOD, GOOD + "\\ud800", 1 if field != "derived" else 2)
    if field == "derived":
        body = json.dumps({"source": GOOD, "derived": "x"}).replace('"x"', '"x\\udc00"')
    status, _, data = fake_server.request("POST", path, body, {"Content-Type": "application/json"})
    is_error(status, json.loads(data), 422)
    assert "surrogate" in json.loads(data)["error"]


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_400(fake_server, depth):
    body = '{"text": ' + "[" * depth + "]" * depth + "}"
    status, _, data = fake_server.request("POST", "/api/analyse", body, {"Content-Type": "application/json"})
    is_error(status, json.loads(data), 400)
    assert "nested" in json.loads(data)["error"]


@pytest.mark.parametrize("length", [b"abc", b"-1", b"1e3", b" "])
def test_content_length_not_a_number_is_400(fake_server, length):
    status, _, seconds = raw(
        fake_server,
        b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + length + b"\r\n\r\n{}",
    )
    assert status == 400 and seconds < 5


def test_content_length_over_the_limit_is_413_before_the_body(fake_server):
    # Nothing of the body is sent: the answer comes from the header alone.
    status, reply, seconds = raw(
        fake_server,
        b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 999999999999\r\n\r\n",
    )
    assert status == 413 and seconds < 5
    assert b"over the limit" in reply


def test_content_length_larger_than_the_body_is_408(fake_server):
    status, reply, seconds = raw(
        fake_server,
        b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"text": ',
    )
    assert status == 408 and seconds < 8  # the test server's body time limit is 2 s
    assert b"did not arrive" in reply


@pytest.mark.parametrize(
    "head", [b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\nConte", b"GET /api/hea", b"G"]
)
def test_half_sent_headers_are_cut_off(fake_server, head):
    status, reply, seconds = raw(fake_server, head)
    assert status == 408 and seconds < 8  # the test server's head time limit is 2 s


def test_idle_connection_is_closed(fake_server):
    status, reply, seconds = raw(fake_server, b"")
    assert status is None and reply == b"" and seconds < 8


@pytest.mark.parametrize("turns", [True, False, 1_000_000, 0, -1, 2.5, "3", None])
def test_bad_turns_is_422(fake_server, turns):
    payload: dict = {"text": GOOD, "turns": turns}
    status, body = post_json(fake_server, "/api/interview", payload)
    if turns is None:  # null means the default
        assert status == 200
        return
    is_error(status, body, 422)
    assert "turns" in body["error"]


def test_chunked_body_is_read(fake_server):
    body = json.dumps({"text": GOOD}).encode()
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 7]), body[i : i + 7]) for i in range(0, len(body), 7)
    )
    status, reply, _ = raw(
        fake_server,
        b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n",
    )
    assert status == 200
    assert json.loads(reply.partition(b"\r\n\r\n")[2])["chars"] == len(GOOD)


def test_chunked_body_over_the_limit_is_413(fake_server):
    from copydesk.config import Settings
    from copydesk.serve.options import max_request_bytes

    limit = max_request_bytes(Settings())
    piece = b"x" * 1_000_000
    head = (
        b"POST /api/analyse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", fake_server.port), timeout=20) as s:
        s.sendall(head)
        sent = 0
        try:
            while sent <= limit + len(piece):
                s.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = s.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize(
    "path", ["/api/health/", "/api/health?verbose=1", "/api/health/?x=1&y", "/api/ready/"]
)
def test_query_strings_and_trailing_slashes(fake_server, path):
    status, body = fake_server.json("GET", path)
    assert status == 200, body


def test_post_with_trailing_slash_and_query(fake_server):
    status, body = post_json(fake_server, "/api/analyse/?debug=1", {"text": GOOD})
    assert status == 200 and body["chars"] == len(GOOD)


def test_keyerror_inside_the_pipeline_is_500_json(fake_server):
    status, headers, data = fake_server.request(
        "POST", "/api/analyse", json.dumps({"text": "KEYERROR"}), {"Content-Type": "application/json"}
    )
    assert status == 500 and headers["content-type"] == "application/json"
    body = json.loads(data)
    assert body["type"] == "KeyError" and "internal error" in body["error"]
    assert "speaker" not in body["error"]  # the internal message stays in the server's log
    time.sleep(0.5)
    assert any("KeyError: 'speaker'" in line for line in fake_server.lines)


def test_copydesk_error_inside_the_pipeline_is_400(fake_server):
    status, body = post_json(fake_server, "/api/analyse", {"text": "INPUTERROR"})
    is_error(status, body, 400)
    assert body["type"] == "InputError" and "not an English article" in body["error"]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "",
        "multipart/form-data; boundary=x",
        "application/jsonp",
    ],
)
def test_json_only_as_application_json(fake_server, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    status, _, data = fake_server.request("POST", "/api/analyse", json.dumps({"text": GOOD}), headers)
    is_error(status, json.loads(data), 415)


def test_json_with_charset_is_accepted(fake_server):
    status, _, _ = fake_server.request(
        "POST",
        "/api/analyse",
        json.dumps({"text": GOOD}),
        {"Content-Type": "application/json; charset=utf-8"},
    )
    assert status == 200


@pytest.mark.parametrize(
    "body,expected,word",
    [
        (b"\xff\xfe not UTF-8", 400, "UTF-8"),
        (b"{not json", 400, "not JSON"),
        (b"", 400, "not JSON"),
        (b"[1, 2]", 400, "object"),
        (b'"text"', 400, "object"),
        (b'{"text": "a", "text": 5}', 422, "string"),
        (b'{"txt": "typo"}', 422, "txt"),
        (b'{"text": "a", "html": "<p>b</p>"}', 422, "exactly one"),
        (b'{"text": "a", "published": "soon"}', 422, "published"),
        (b'{"text": "a", "published": 20240315}', 422, "published"),
        (b'{"text": "a", "published": "2024-02-30"}', 422, "date"),
        (b'{"text": 1e999}', 422, "text"),
        (b'{"text": "' + b"1" * 5000 + b'", "turns": ' + b"9" * 5000 + b"}", 400, "not JSON"),
    ],
)
def test_malformed_bodies(fake_server, body, expected, word):
    path = "/api/interview"
    status, _, data = fake_server.request("POST", path, body, {"Content-Type": "application/json"})
    reply = json.loads(data)
    is_error(status, reply, expected)
    assert word in reply["error"], reply


def test_check_needs_both_texts(fake_server):
    status, body = post_json(fake_server, "/api/check", {"source": GOOD})
    is_error(status, body, 422)
    assert "derived" in body["error"]


def test_text_over_the_cli_limit_is_413(fake_server):
    from copydesk.config import Settings

    big = "a" * (Settings().max_input_bytes + 1)
    status, body = post_json(fake_server, "/api/analyse", {"text": big})
    is_error(status, body, 413)
    assert "max_input_bytes" in body["error"]
    status, body = post_json(fake_server, "/api/check", {"source": GOOD, "derived": "b" * 100_001})
    is_error(status, body, 413)
    assert "max_derived_chars" in body["error"]


def test_unknown_endpoint_and_method(fake_server):
    status, body = fake_server.json("GET", "/api/nothing")
    is_error(status, body, 404)
    status, body = fake_server.json("GET", "/api/analyse")
    is_error(status, body, 405)
    status, body = fake_server.json("GET", "/api/results/..%2f..%2fetc")
    assert status in (404, 422) and body["error"]


def test_head_is_answered_without_a_body(fake_server):
    status, headers, data = fake_server.request("HEAD", "/api/health")
    assert status == 200 and data == b""
    status, _, data = fake_server.request("HEAD", "/")
    assert status == 200 and data == b""
