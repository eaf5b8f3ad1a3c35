"""The ASGI middleware in front of every route: what a request must be before a route sees it.

In order:
    1. a trailing slash is dropped from the path (``/api/health/`` is ``/api/health``);
    2. the Host header must be on the allow-list (400);
    3. with a token, ``/api/*`` needs ``Authorization: Bearer <token>`` (401) and pages need
       the session cookie that ``/login`` sets (or the bearer header);
    4. POSTs count against a per-client rate limit (429 with Retry-After);
    5. a body's Content-Length over the one size limit is refused before the body is read
       (413), and so is a chunked body as soon as it grows past it; a body that does not
       arrive in full within ``body_timeout_s`` gets 408;
    6. API POSTs must be ``application/json`` (415), UTF-8 (400), valid JSON (400), an
       object (400) nested at most ``MAX_JSON_DEPTH`` deep (400); form posts must be
       ``application/x-www-form-urlencoded`` (415).
Every answer gets the security headers (CSP, nosniff, frame-ancestors) and ``Server:
copydesk`` without a version. A half-sent request line or header block is cut off by the
server's protocol (``server.py``), which the app never sees.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from copydesk.serve.options import ServeOptions, max_request_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorPage = Callable[[int, str], str]

log = logging.getLogger("copydesk.serve")

MAX_JSON_DEPTH = 64
SESSION_COOKIE = "copydesk_session"
PUBLIC_PREFIXES = ("/static/", "/login", "/favicon.ico")
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"server", b"copydesk"),
)
FORM_PATHS = ("/review", "/login")


def session_value(token: str) -> str:
    """The session cookie's value for this token (an HMAC, so the token itself is not stored)."""
    return hmac.new(token.encode(), b"copydesk-session", hashlib.sha256).hexdigest()


def json_depth(value: Any) -> int:
    """The nesting depth of a parsed JSON value (a scalar is 0), walked without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            stack.extend((v, depth) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


class Reject(Exception):
    """A request refused by the guard, with its status, message and extra headers."""

    def __init__(self, status: int, message: str, headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class RateLimiter:
    """A token bucket per client address: ``per_minute`` requests a minute, bursts of a quarter."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, per_minute / 4)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> float:
        """0 when the request may go on, else the seconds to wait."""
        now = self.clock()
        tokens, last = self._buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate
        if len(self._buckets) > 10_000:
            self._buckets.clear()
        self._buckets[client] = (tokens - 1, now)
        return 0.0


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie") or ""
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class Guard:
    """The middleware; see the module's docstring."""

    def __init__(self, app: ASGIApp, options: ServeOptions, error_page: ErrorPage) -> None:
        self.app = app
        self.options = options
        self.error_page = error_page
        self.limit = max_request_bytes(options.settings)
        rate = options.settings.serve_rate_per_minute
        self.limiter = RateLimiter(rate) if rate else None
        self.session = session_value(options.token) if options.token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if len(path) > 1 and path.endswith("/"):
            scope["path"] = path.rstrip("/") or "/"
            scope["raw_path"] = scope["path"].encode()
        api = scope["path"].startswith("/api/") or scope["path"] == "/openapi.json"

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"server"]
                names = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in names)
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", API_CSP.encode()))
                if api and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            self._check_host(scope)
            self._check_auth(scope)
            self._check_rate(scope)
            if scope["method"] in ("POST", "PUT", "PATCH"):
                receive = await self._read_body(scope, receive, api)
        except Reject as r:
            await self._refuse(scope, send_secure, r, api)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_secure(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:
            log.exception("%s %s failed", scope["method"], scope["path"])
            if not started:
                crash = Reject(500, "internal error; the server's log has the details")
                await self._refuse(scope, send_secure, crash, api=True)

    # checks

    def _check_host(self, scope: Scope) -> None:
        host = _header(scope, b"host")
        if host is None or not self.options.host_allowed(host):
            raise Reject(400, f"the Host header {host!r} is not one this server answers to")

    def authorised(self, scope: Scope, *, api: bool) -> bool:
        """Whether the request carries the token (API) or the session cookie (pages)."""
        token = self.options.token
        if token is None:
            return True
        auth = _header(scope, b"authorization") or ""
        scheme, _, given = auth.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
            return True
        if api or self.session is None:
            return False
        cookie = _cookie(scope, SESSION_COOKIE) or ""
        return hmac.compare_digest(cookie.encode(), self.session.encode())

    def _check_auth(self, scope: Scope) -> None:
        if self.options.token is None or scope["path"].startswith(PUBLIC_PREFIXES):
            return
        api = scope["path"].startswith("/api/")
        if self.authorised(scope, api=api):
            return
        if not api and scope["method"] in ("GET", "HEAD") and scope["path"] != "/openapi.json":
            raise Reject(303, "log in first", ((b"location", b"/login"),))
        raise Reject(
            401,
            "this server needs a token: send Authorization: Bearer <token>",
            ((b"www-authenticate", b'Bearer realm="copydesk"'),),
        )

    def _check_rate(self, scope: Scope) -> None:
        if self.limiter is None or scope["method"] != "POST":
            return
        client = (scope.get("client") or ("?", 0))[0]
        wait = self.limiter.allow(client)
        if wait:
            seconds = str(max(1, round(wait)))
            raise Reject(
                429,
                f"too many requests from {client}; try again in {seconds} s",
                ((b"retry-after", seconds.encode()),),
            )

    async def _read_body(self, scope: Scope, receive: Receive, api: bool) -> Receive:
        """Reads the whole body within the limits and hands the app a receive that replays it."""
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.isdigit():
                raise Reject(400, f"Content-Length is not a number of bytes: {length!r}")
            if int(length) > self.limit:
                raise Reject(413, f"the body is {int(length):,} bytes, over the limit of {self.limit:,}")
        kind = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
        path = scope["path"]
        # A body is read only as what its route takes. A body-less POST of another type goes on
        # to the router (405 where the route takes no POST, 422 where it needs a body).
        bodyless = length == "0" or (length is None and _header(scope, b"transfer-encoding") is None)
        json_post = api and scope["method"] == "POST"
        if json_post and kind != "application/json" and not (bodyless and not kind):
            raise Reject(415, "send the body as application/json")
        if path in FORM_PATHS and kind != "application/x-www-form-urlencoded":
            raise Reject(415, "send the form as application/x-www-form-urlencoded")
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.options.body_timeout_s
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise Reject(
                    408, f"the body did not arrive within {self.options.body_timeout_s:g} s"
                ) from None
            if message["type"] == "http.disconnect":
                raise Reject(400, "the client went away before sending the whole body")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                raise Reject(413, f"the body is over the limit of {self.limit:,} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if json_post and kind == "application/json":
            _validate_json(body)
        scope.setdefault("state", {})["body_bytes"] = len(body)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    async def _refuse(self, scope: Scope, send: Send, r: Reject, api: bool) -> None:
        headers = list(r.headers)
        if api or r.status == 303:
            body = json.dumps({"error": r.message, "type": _reason(r.status)}).encode()
            headers.append((b"content-type", b"application/json"))
        else:
            body = self.error_page(r.status, r.message).encode()
            headers.append((b"content-type", b"text/html; charset=utf-8"))
        headers.append((b"content-length", str(len(body)).encode()))
        if r.status in (400, 408, 413):  # the rest of the body may still be on its way
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": r.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def _validate_json(body: bytes) -> None:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Reject(400, f"the body is not UTF-8 (byte {e.start})") from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise Reject(400, f"the JSON is nested more than {MAX_JSON_DEPTH} deep") from None
    except ValueError as e:
        raise Reject(400, f"the body is not JSON: {e}") from None
    if not isinstance(value, dict):
        raise Reject(400, "the body must be a JSON object")
    if json_depth(value) > MAX_JSON_DEPTH:
        raise Reject(400, f"the JSON is nested more than {MAX_JSON_DEPTH} deep")


def _reason(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase.replace(" ", "")
