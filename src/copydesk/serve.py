"""HTTP API and review page, on the standard library's threading HTTP server.

    GET  /                  review page: paste an article (and a derived text), get the report
    GET  /api/health        {"status": "ok", "version"}
    POST /api/analyse       {"text" | "html", "published"?, "id"?}         -> analysis JSON
    POST /api/check         {"source", "derived", "published"?}           -> audit JSON
    POST /api/interview     {"text", "outlet"?, "guest"?, "turns"?, "focus"?, "published"?} -> interview JSON
    POST /review            form post from the review page                 -> HTML report

Bad requests get ``400 {"error": "..."}``; requests over the size limit get 413. The models
load once and calls into them are serialised by one lock.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from copydesk import __version__, pipeline
from copydesk.config import Settings
from copydesk.errors import CopydeskError, InputError
from copydesk.model import Document

_LOCK = threading.Lock()

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>copydesk review</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
textarea{width:100%;height:14em;font:13px/1.4 ui-monospace,monospace}
.row{display:flex;gap:1em}.row>div{flex:1}
button{font-size:15px;padding:.4em 1.2em;margin:.5em .5em 0 0}
input{font-size:14px}
</style></head><body>
<h1>copydesk review</h1>
<p>Paste a source article. Analyse it, generate a grounded interview from it, or check a derived
text (summary, rewrite, interview) against it sentence by sentence.</p>
<form method="post" action="/review">
<div class="row"><div><label>Source article<br><textarea name="source" required></textarea></label></div>
<div><label>Derived text (for check)<br><textarea name="derived"></textarea></label></div></div>
<label>Published (YYYY-MM-DD) <input name="published" placeholder="2024-11-08"></label>
<div><button name="action" value="check">Check derived text</button>
<button name="action" value="interview">Generate interview</button>
<button name="action" value="analyse">Analyse article</button></div>
</form></body></html>
"""


def _published(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f'"published" is not a YYYY-MM-DD date: {value!r}') from None


def _text_field(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise InputError(f'the request needs a string field "{name}"')
    return value


def _document(body: dict[str, Any], settings: Settings) -> Document:
    fields = ("id", "title", "url", "byline", "source_credit")
    meta: dict[str, Any] = {k: body[k] for k in fields if k in body}
    if isinstance(body.get("html"), str):
        return pipeline.read_string(body["html"], html=True, meta=meta, settings=settings)
    return pipeline.read_string(_text_field(body, "text"), meta=meta, settings=settings)


def handle_api(path: str, body: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Runs one API call and returns its JSON result; raises ``CopydeskError`` on bad input."""
    published = _published(body.get("published"))
    with _LOCK:
        if path == "/api/analyse":
            return pipeline.analyse(
                _document(body, settings), published=published, settings=settings
            ).to_dict()
        if path == "/api/check":
            return pipeline.check(
                _text_field(body, "source"),
                _text_field(body, "derived"),
                published=published,
                settings=settings,
            ).to_dict()
        if path == "/api/interview":
            turns = body.get("turns")
            if turns is not None and (not isinstance(turns, int) or turns <= 0):
                raise InputError('"turns" must be a positive integer')
            return pipeline.interview(
                _document(body, settings),
                outlet=body.get("outlet"),
                guest=body.get("guest"),
                turns=turns,
                focus=body.get("focus"),
                published=published,
                settings=settings,
            ).to_dict()
    raise LookupError(path)


def handle_review(form: dict[str, str], settings: Settings) -> str:
    """Runs the review page's action and returns the HTML report."""
    from copydesk.report import render_analysis, render_audit, render_interview

    action = form.get("action", "check")
    published = _published(form.get("published"))
    source = form.get("source", "")
    with _LOCK:
        if action == "check":
            audit = pipeline.check(source, form.get("derived", ""), published=published, settings=settings)
            return render_audit(audit, "html")
        if action == "interview":
            return render_interview(
                pipeline.interview(source, published=published, settings=settings), "html"
            )
        if action == "analyse":
            md = render_analysis(pipeline.analyse(source, published=published, settings=settings), "md")
            return f"<!doctype html><meta charset='utf-8'><pre>{html.escape(md)}</pre>"
    raise InputError(f"unknown action {action!r}")


def make_handler(settings: Settings) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to these settings."""

    class Handler(BaseHTTPRequestHandler):
        server_version = f"copydesk/{__version__}"

        def _send(self, status: int, body: str, content_type: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            self._send(status, json.dumps(payload, ensure_ascii=False), "application/json")

        def _body(self) -> bytes | None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > settings.max_input_bytes * 3:
                self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request body is too large"})
                return None
            return self.rfile.read(length)

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            if self.path == "/":
                self._send(HTTPStatus.OK, PAGE, "text/html")
            elif self.path == "/api/health":
                self._json(HTTPStatus.OK, {"status": "ok", "version": __version__})
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page: {self.path}"})

        def do_POST(self) -> None:  # noqa: N802
            raw = self._body()
            if raw is None:
                return
            try:
                if self.path == "/review":
                    form = dict(urllib.parse.parse_qsl(raw.decode("utf-8", errors="replace")))
                    self._send(HTTPStatus.OK, handle_review(form, settings), "text/html")
                    return
                try:
                    body = json.loads(raw or b"{}")
                except (json.JSONDecodeError, UnicodeDecodeError) as e:
                    raise InputError(f"the request body is not JSON: {e}") from None
                if not isinstance(body, dict):
                    raise InputError("the request body must be a JSON object")
                self._json(HTTPStatus.OK, handle_api(self.path, body, settings))
            except LookupError:
                self._json(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint: {self.path}"})
            except CopydeskError as e:
                self._json(HTTPStatus.BAD_REQUEST, {"error": str(e), "type": type(e).__name__})

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


def make_server(host: str, port: int, settings: Settings) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever``."""
    return ThreadingHTTPServer((host, port), make_handler(settings))
