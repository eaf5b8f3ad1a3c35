"""The review pages with the real pipeline: every input escaped, on every page it reaches."""

from __future__ import annotations

import json
import re
import urllib.parse
from html.parser import HTMLParser

import pytest
from servers import ARTICLE, Server

PAYLOADS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=2">',
    "'><svg onload=window.__xss=3>",
    "</textarea></style></script><b id=xss4>x</b>",
    "{{7*7}}{% raw %}",
)
EVIL = " ".join(PAYLOADS)
# An English article that carries every payload in its text, inside and outside a quotation.
EVIL_ARTICLE = ARTICLE.replace("Marta Quenell", f"Marta Quenell {PAYLOADS[1]}", 1) + (
    f'\n\nThe union said: "We will not accept {PAYLOADS[0]} or {PAYLOADS[3]}." '
    f"The board replied that {PAYLOADS[2]} was under review.\n"
)

EVIL_DERIVED = (
    f"Marta Quenell said that the union will not accept {EVIL} at all. The strike goes on for two days, "
    "and the workers said that they are ready for it. The port said it is still in talks with the union "
    "and that it will not close."
)


class Inert(HTMLParser):
    """Collects what could run: event-handler attributes, injected elements, inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script_type: str | None = None
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "id" and value == "xss4":
                self.problems.append("<b id=xss4>")
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "svg"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            d = dict(attrs)
            self.script_type = "src" if d.get("src") else (d.get("type") or "inline")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script_type = None

    def handle_data(self, data: str) -> None:
        if self.script_type == "inline":
            self.scripts.append(data)
            if "__xss" in data:
                self.problems.append("a script with the payload")


def assert_inert(html: str) -> None:
    parser = Inert()
    parser.feed(html)
    assert parser.problems == []


def submit(server: Server, path: str, payload: dict) -> str:
    status, body = server.json("POST", path, payload)
    assert status == 200, body
    return str(body["result_id"])


@pytest.fixture(scope="module")
def evil_results(real_server) -> dict[str, str]:
    meta = {f: f"{f} {EVIL}" for f in ("title", "byline", "source_credit", "id")}
    return {
        "analysis": submit(
            real_server, "/api/analyse", {"text": EVIL_ARTICLE, **meta, "url": "javascript:window.__xss=5"}
        ),
        "audit": submit(
            real_server,
            "/api/check",
            {"source": EVIL_ARTICLE, "derived": EVIL_DERIVED},
        ),
        "interview": submit(
            real_server,
            "/api/interview",
            {"text": EVIL_ARTICLE, "turns": 3, "outlet": EVIL, "guest": EVIL, "focus": EVIL[:200]},
        ),
    }


@pytest.mark.parametrize("kind", ["analysis", "audit", "interview"])
@pytest.mark.parametrize("suffix", ["", ".html"])
def test_result_pages_escape_every_field(real_server, evil_results, kind, suffix):
    status, headers, page = real_server.request("GET", f"/r/{evil_results[kind]}{suffix}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = page.decode("utf-8")
    assert_inert(html)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html or "\\u003cscript" in html
    assert "script-src 'self'" in headers["content-security-policy"]


def test_history_escapes_titles(real_server, evil_results):
    status, _, page = real_server.request("GET", "/history")
    html = page.decode("utf-8")
    assert status == 200 and evil_results["analysis"] in html
    assert_inert(html)


def test_json_download(real_server, evil_results):
    status, headers, data = real_server.request("GET", f"/r/{evil_results['audit']}.json")
    assert status == 200 and headers["content-type"] == "application/json"
    assert "attachment" in headers["content-disposition"]
    assert EVIL in json.loads(data)["derived"]["text"]


def test_form_errors_keep_the_input_escaped(real_server):
    status, headers, page = real_server.request("GET", "/")
    cookie = headers["set-cookie"].split(";")[0]
    token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
    form = {
        "action": "interview",
        "source": EVIL,
        "derived": EVIL,
        "published": EVIL,
        "turns": EVIL,
        "outlet": EVIL,
        "guest": EVIL,
        "focus": EVIL,
        "csrf": token,
    }
    status, _, page = real_server.request(
        "POST",
        "/review",
        urllib.parse.urlencode(form),
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    html = page.decode("utf-8")
    assert status == 400 and "Please correct the form" in html
    assert_inert(html)
    assert html.count("&lt;script&gt;window.__xss=1&lt;/script&gt;") >= 6  # every field kept, escaped


def test_review_form_offers_every_option(real_server):
    status, _, page = real_server.request("GET", "/")
    for name in ("source", "derived", "published", "turns", "outlet", "guest", "focus"):
        assert f'name="{name}"'.encode() in page


def test_missing_result_page_is_readable(real_server):
    status, headers, page = real_server.request("GET", "/r/doesnotexist")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b"no result doesnotexist" in page.lower()
