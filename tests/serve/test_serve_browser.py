"""The review pages in a real browser: Debian's Chromium driven by Playwright (never a browser
download), through the check, interview and analyse flows, a running job, the API docs, and a
permalink reopened after the server restarts."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from servers import ARTICLE, SUMMARY, Server

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 300_000  # a check on a loaded two-core machine can take a while


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (./run.sh test installs it when run as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


class Watched:
    """A page that records console errors (CSP violations among them) and every request."""

    def __init__(self, context: Any, server: Server) -> None:
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.server = server

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.page.close()

    def assert_clean(self) -> None:
        assert self.errors == []
        outside = [
            u for u in self.requests if not u.startswith(self.server.url) and not u.startswith("data:")
        ]
        assert outside == []

    def submit(self, button: str, **fields: str) -> None:
        page = self.page
        page.goto(self.server.url + "/")
        for name, value in fields.items():
            page.fill(f"#{name}", value)
        page.click(f"#do-{button}")
        page.wait_for_url("**/r/*")


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Presses Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_check_flow_keyboard_narrow_screen_and_restart(browser, real_server):
    with Watched(browser, real_server) as w:
        page = w.page
        w.submit("check", source=ARTICLE, derived=SUMMARY, published="2024-03-15")
        permalink = page.url
        assert page.locator("#source").count() == 1 and page.locator("#derived .c").count() > 0
        # Highlights are reached with the keyboard: focus shows the evidence, Enter pins it.
        tab_to(page, "#derived .c")
        assert "Hover over" not in page.inner_text("#detail")
        page.keyboard.press("Enter")
        assert page.locator("#derived .c.sel").count() >= 1
        # Downloads, the share link and a new check.
        assert page.input_value("#share") == permalink
        assert page.locator("a[download]").count() == 2 and page.locator("text=New check").count() >= 1
        page.set_viewport_size({"width": 375, "height": 800})
        assert no_horizontal_scroll(page)
        report = page.inner_text("#derived")
        w.assert_clean()
    real_server.restart()
    with Watched(browser, real_server) as w:
        w.page.goto(permalink)
        assert w.page.inner_text("#derived") == report
        w.assert_clean()


def test_interview_flow_with_every_option(browser, real_server):
    with Watched(browser, real_server) as w:
        page = w.page
        w.submit(
            "interview",
            source=ARTICLE,
            turns="3",
            outlet="Harbour Desk",
            guest="the reporter",
            focus="wages",
            published="2024-03-15",
        )
        assert page.locator(".turn").count() >= 2
        assert "Harbour Desk" in page.inner_text(".interview")
        tab_to(page, "a.claim")
        assert page.locator(".article .cited.active").count() >= 1
        page.set_viewport_size({"width": 375, "height": 800})
        assert no_horizontal_scroll(page)
        w.assert_clean()


def test_analyse_flow(browser, real_server):
    with Watched(browser, real_server) as w:
        page = w.page
        w.submit("analyse", source=ARTICLE)
        assert "Marta Quenell" in page.inner_text(".analysis table")
        tab_to(page, ".analysis mark")
        page.set_viewport_size({"width": 375, "height": 800})
        assert no_horizontal_scroll(page)
        page.goto(real_server.url + "/history")
        assert page.locator("table.history tbody tr").count() >= 1
        w.assert_clean()


def test_errors_are_readable(browser, real_server):
    with Watched(browser, real_server) as w:
        page = w.page
        page.goto(real_server.url + "/")
        page.fill("#source", "Dies ist ein deutscher Text über den Hafen, die Arbeiter und den Streik dort.")
        page.click("#do-analyse")
        message = page.inner_text("#form-error")
        assert "non-English" in message and "{" not in message
        assert page.input_value("#source").startswith("Dies ist")  # the input is kept
        page.goto(real_server.url + "/r/nosuchresult")
        assert "no result nosuchresult" in page.inner_text(".error").lower()


def test_a_running_job_shows_progress(browser, fake_server):
    with Watched(browser, fake_server) as w:
        page = w.page
        w.submit("analyse", source="SLEEP:2.5 " + "x " * 15_000)
        assert page.locator("#progress progress").count() == 1
        assert any(word in page.inner_text("#progress") for word in ("Queued", "Running"))
        page.wait_for_selector("#progress", state="detached", timeout=60_000)  # the page refreshes itself
        assert page.locator("a[download]").count() == 2
        w.assert_clean()


def test_docs_work_offline(browser, real_server):
    with Watched(browser, real_server) as w:
        page = w.page
        page.goto(real_server.url + "/docs")
        page.wait_for_selector(".opblock")
        assert page.locator(".opblock").count() >= 8
        assert "/api/interview" in page.inner_text("#swagger-ui")
        w.assert_clean()


def test_injected_markup_does_not_run(browser, real_server):
    evil = (
        '<script>window.__xss=1</script> "><img src=x onerror="window.__xss=2"> <svg onload=window.__xss=3>'
    )
    status, body = real_server.json(
        "POST",
        "/api/check",
        {"source": ARTICLE + "\n\n" + evil + " said the union.", "derived": SUMMARY + " " + evil},
    )
    assert status == 200, body
    with Watched(browser, real_server) as w:
        for path in (f"/r/{body['result_id']}", "/history"):
            w.page.goto(real_server.url + path)
            assert w.page.evaluate("window.__xss === undefined")
            assert evil in w.page.inner_text("body") or path == "/history"
        w.assert_clean()
        assert json.dumps(evil)  # the payload reached the page as text, not markup
