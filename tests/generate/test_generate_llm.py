"""The LLM path: the client, the answer parser and gate, and every way the backend can fail.

Failures are exercised against real sockets (a closed port, a server that never answers, a
local HTTP server returning errors or junk) and with an injected transport; the test against
a real model server (llama.cpp's OpenAI-compatible server with SmolLM2-135M-Instruct) lives
in ``test_generate_llm_server.py``.
"""

from __future__ import annotations

import http.server
import json
import re
import socket
import threading
from collections.abc import Iterator, Mapping

import pytest
from conftest import FERRY, lexical_verify

from copydesk.config import Settings
from copydesk.errors import GenerationError
from copydesk.generate import build_interview
from copydesk.generate.llm import (
    CRITIQUE_PROMPT,
    BackendUnavailable,
    ChatClient,
    MalformedResponse,
    build_messages,
    chat_endpoint,
    parse_answer,
    parse_critique,
)
from copydesk.model import Analysis, Interview
from copydesk.report.interview import render_interview


def _build(analysis: Analysis, llm: ChatClient | None, turns: int = 4) -> Interview:
    return build_interview(
        analysis,
        outlet="Harbour Post",
        guest=None,
        turns=turns,
        focus=None,
        verify=lexical_verify(analysis),
        llm=llm,
        settings=Settings(),
    )


def _completion(content: object) -> bytes:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()


def _numbered(body: bytes) -> list[str]:
    user = json.loads(body)["messages"][-1]["content"]
    return re.findall(r"^\[\d+\] (.*)$", user, flags=re.MULTILINE)


class FakeTransport:
    """Answers every request with ``reply(numbered sentences)`` and records the requests."""

    def __init__(self, reply) -> None:
        self.reply = reply
        self.requests: list[tuple[str, dict]] = []

    def __call__(self, url: str, body: bytes, headers: Mapping[str, str], timeout_s: float) -> bytes:
        self.requests.append((url, json.loads(body)))
        return self.reply(_numbered(body))


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://host/v1", "http://host/v1/chat/completions"),
        ("http://host/v1/chat/completions", "http://host/v1/chat/completions"),
    ],
)
def test_chat_endpoint(url: str, endpoint: str) -> None:
    assert chat_endpoint(url) == endpoint


def test_the_client_sends_an_openai_chat_request() -> None:
    fake = FakeTransport(lambda numbered: _completion("Hello [1]."))
    client = ChatClient("http://127.0.0.1:9", "smollm2", timeout_s=5, transport=fake)
    assert client.chat(build_messages("What happened?", ["One thing happened."])) == "Hello [1]."
    url, body = fake.requests[0]
    assert url == "http://127.0.0.1:9/v1/chat/completions"
    assert body["model"] == "smollm2" and body["temperature"] == 0 and body["stream"] is False
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "[1] One thing happened." in body["messages"][1]["content"]


@pytest.mark.parametrize("url", ["127.0.0.1:8080", "ftp://host", ""])
def test_the_client_refuses_a_bad_url(url: str) -> None:
    with pytest.raises(GenerationError, match="http"):
        ChatClient(url, "m", timeout_s=1)


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"{}",
        b'{"choices": []}',
        _completion(None),
        _completion(["a"]),
        b'{"error": "overloaded"}',
    ],
)
def test_a_reply_that_is_not_a_chat_completion_is_malformed(raw: bytes) -> None:
    client = ChatClient("http://x", "m", timeout_s=1, transport=lambda *a: raw)
    with pytest.raises(MalformedResponse):
        client.chat([{"role": "user", "content": "hi"}])


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("Marsh spoke [1]. Kovac answered [2].", [("Marsh spoke.", (1,)), ("Kovac answered.", (2,))]),
        ("Marsh spoke. [1] Kovac answered. [2][3]", [("Marsh spoke.", (1,)), ("Kovac answered.", (2, 3))]),
        ("Marsh spoke [1, 2].", [("Marsh spoke.", (1, 2))]),
        ("1. Marsh spoke [1].\n2. Kovac answered [2].", [("Marsh spoke.", (1,)), ("Kovac answered.", (2,))]),
        ("Marsh spoke [1]. Then something without a citation.", [("Marsh spoke.", (1,))]),
        ("Marsh spoke [7].", []),
        ("No citations at all.", []),
        ("", []),
    ],
)
def test_parse_answer(output: str, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    assert parse_answer(output, 3) == expected


def test_without_an_llm_and_with_a_useless_one_the_interview_is_the_same(ferry: Analysis) -> None:
    plain = _build(ferry, None)
    junk = ChatClient("http://x", "m", timeout_s=1, transport=FakeTransport(lambda n: b"<html>502</html>"))
    degraded = _build(ferry, junk)
    assert [t.text for t in degraded.turns] == [t.text for t in plain.turns]
    assert any("no usable answer for 4 of 4" in w for w in degraded.warnings)


def test_output_without_citations_falls_back_to_the_embedded_answer(ferry: Analysis) -> None:
    fake = FakeTransport(lambda numbered: _completion("The council and the islanders disagree about fares."))
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake))
    assert [t.text for t in iv.turns] == [t.text for t in _build(ferry, None).turns]
    assert any("no usable answer" in w for w in iv.warnings)


def test_good_llm_sentences_are_kept_and_invented_ones_never_reach_the_output(ferry: Analysis) -> None:
    def reply(numbered: list[str]) -> bytes:
        first = numbered[0].rstrip(".")
        return _completion(f"{first} [1]. Professor Quill Vantablack agreed with every word [1].")

    fake = FakeTransport(reply)
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake))
    text = "\n".join(t.text for t in iv.turns)
    assert "Vantablack" not in text and "Quill" not in text
    assert any("gate" in w for w in iv.warnings)
    pairs = len(iv.turns) // 2
    assert len(fake.requests) == 2 * pairs, "a draft and a critique for each answer"
    assert all(r[1]["messages"][0]["content"] == CRITIQUE_PROMPT for r in fake.requests[1::2])
    for turn in iv.turns:
        for s in turn.sentences if turn.role == "guest" else ():
            assert s.citations


def test_an_unsupported_llm_sentence_is_replaced_by_the_embedded_one_for_the_same_item(
    ferry: Analysis,
) -> None:
    # Passes the local gate (article words only) but the stand-in checker finds "never" unsupported.
    fake = FakeTransport(
        lambda numbered: _completion("The council will never vote on a new ferry contract [1].")
    )
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake), turns=1)
    answer = iv.turns[1].text
    assert "never" not in answer
    assert answer.startswith("The Port Alder council will vote on a new ferry contract in December 2024")
    assert any("replaced" in w for w in iv.warnings)


def test_a_quote_that_is_not_verbatim_is_rejected(ferry: Analysis) -> None:
    fake = FakeTransport(
        lambda numbered: _completion("Marsh said: “Nobody on this council wants lower fares.” [1]")
    )
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake), turns=2)
    assert "lower fares" not in "\n".join(t.text for t in iv.turns)


def test_a_transport_that_fails_stops_the_llm_and_says_why(ferry: Analysis) -> None:
    calls = []

    def down(url: str, body: bytes, headers: Mapping[str, str], timeout_s: float) -> bytes:
        calls.append(url)
        raise BackendUnavailable("the LLM server cannot be reached: refused", source=url)

    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=down))
    assert len(calls) == 1, "a server that is down is not asked again for every answer"
    assert any("LLM backend failed" in w for w in iv.warnings)
    assert [t.text for t in iv.turns] == [t.text for t in _build(ferry, None).turns]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_server_that_is_down_degrades_to_the_embedded_generator(ferry: Analysis) -> None:
    client = ChatClient(f"http://127.0.0.1:{_free_port()}", "m", timeout_s=2)
    iv = _build(ferry, client)
    assert any("LLM backend failed" in w and "cannot be reached" in w for w in iv.warnings)
    assert len(iv.turns) == 8


def test_a_server_that_never_answers_times_out(ferry: Analysis) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)  # accepts connections in the backlog, never replies
        port = listener.getsockname()[1]
        client = ChatClient(f"http://127.0.0.1:{port}", "m", timeout_s=0.3)
        iv = _build(ferry, client)
    assert any("LLM backend failed" in w for w in iv.warnings)
    assert len(iv.turns) == 8


class _Handler(http.server.BaseHTTPRequestHandler):
    status = 200
    body = b""

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_real_server_error_degrades_with_a_warning(ferry: Analysis, local_server) -> None:
    url, handler = local_server
    handler.status, handler.body = 500, b'{"error": "model not loaded"}'
    iv = _build(ferry, ChatClient(url, "m", timeout_s=5))
    assert any("HTTP 500" in w for w in iv.warnings)


def test_real_malformed_output_degrades_with_a_warning(ferry: Analysis, local_server) -> None:
    url, handler = local_server
    handler.status, handler.body = 200, b'{"choices": [{"text": "completion-style, not chat"}]}'
    iv = _build(ferry, ChatClient(url, "m", timeout_s=5))
    assert any("no usable answer for 4 of 4" in w for w in iv.warnings)
    assert [t.text for t in iv.turns] == [t.text for t in _build(ferry, None).turns]


def test_real_server_with_a_cited_answer_is_used(ferry: Analysis, local_server) -> None:
    url, handler = local_server
    handler.body = _completion(
        "The city transport office said the council will vote on a new ferry contract [1]."
    )
    iv = _build(ferry, ChatClient(url, "m", timeout_s=5), turns=1)
    answer = iv.turns[1].text
    assert answer == "The city transport office said the council will vote on a new ferry contract."
    assert iv.turns[1].sentences[0].citations[0].of(FERRY).startswith("The Port Alder council")


def test_words_put_in_the_wrong_mouth_are_rejected(ferry: Analysis) -> None:
    # Petrak's and Kovac's sentences are both cited, but the signatures are Kovac's claim.
    def reply(numbered: list[str]) -> bytes:
        return _completion(
            "Petrak told reporters that the association has collected 4,000 signatures "
            + "".join(f"[{i}]" for i in range(1, len(numbered) + 1))
            + "."
        )

    fake = FakeTransport(reply)
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake), turns=9)
    for turn in iv.turns:
        if turn.role == "guest":
            assert "Petrak told reporters that the association" not in turn.text
    assert any("gate" in w for w in iv.warnings)


def test_names_must_come_from_the_cited_sentences(ferry: Analysis) -> None:
    # Bluewater Lines is in the article, but not in the lead sentence the model cites.
    fake = FakeTransport(
        lambda numbered: _completion("Bluewater Lines will vote on a new ferry contract [1].")
    )
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake), turns=1)
    assert "Bluewater" not in iv.turns[1].text


@pytest.mark.parametrize(
    ("reply", "banned"),
    [
        # Marsh's quoted words as the guest's own assertion
        ("Nobody on this council wants higher fares [2].", "Nobody on this council wants higher fares."),
        # an unbalanced quotation mark
        ('Transport director Lena Marsh announced the vote at a briefing" [1].', 'briefing"'),
        # the same sentence twice
        (
            "Transport director Lena Marsh announced the vote at a briefing [1]. "
            "Transport director Lena Marsh announced the vote at a briefing again [1].",
            "briefing again",
        ),
    ],
)
def test_the_gate_rejects_unattributed_quotes_stray_marks_and_repeats(
    ferry: Analysis, reply: str, banned: str
) -> None:
    fake = FakeTransport(lambda numbered: _completion(reply))
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=fake), turns=2)
    sentences = [s.span.of(iv.turns[3].text) for s in iv.turns[3].sentences]
    assert not any(s == banned or (banned.endswith(('"', "again")) and banned in s) for s in sentences)
    assert any("gate" in w for w in iv.warnings)


class DraftAndCritique:
    """Drafts every answer as its first sentence, then critiques with ``verdicts``."""

    def __init__(self, verdicts: str) -> None:
        self.verdicts = verdicts
        self.critiques = 0

    def __call__(self, url: str, body: bytes, headers: Mapping[str, str], timeout_s: float) -> bytes:
        data = json.loads(body)
        if data["messages"][0]["content"] == CRITIQUE_PROMPT:
            self.critiques += 1
            return _completion(self.verdicts)
        first = _numbered(body)[0]
        return _completion(f"{first} [1]")


def test_a_sentence_the_critique_flags_is_replaced_by_the_articles(ferry: Analysis) -> None:
    flagging = DraftAndCritique("D1: FIX it adds a date")
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=flagging), turns=2)
    assert flagging.critiques >= 1
    assert any("critique flagged" in w for w in iv.warnings)
    assert not any(e.kind == "rewrite" for t in iv.turns for s in t.sentences for e in s.edits)


def test_a_sentence_the_critique_passes_goes_on_to_the_checker_and_is_marked(ferry: Analysis) -> None:
    passing = DraftAndCritique("D1: OK")
    iv = _build(ferry, ChatClient("http://x", "m", timeout_s=1, transport=passing), turns=2)
    rewrites = [s for t in iv.turns for s in t.sentences if any(e.kind == "rewrite" for e in s.edits)]
    assert rewrites, "the model's sentences that pass every check are kept, and marked as written by it"
    assert "written by a language model" in render_interview(iv, "md")


@pytest.mark.parametrize(
    ("output", "n", "expected"),
    [
        ("D1: OK\nD2: FIX adds a name", 2, {2}),
        ("D1. ok\nD2) OK", 2, set()),
        ("Looks fine to me.", 2, None),
        ("D7: FIX", 2, None),
    ],
)
def test_parse_critique(output: str, n: int, expected: set[int] | None) -> None:
    assert parse_critique(output, n) == expected
