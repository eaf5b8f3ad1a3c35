"""The optional LLM backend: an OpenAI-compatible chat-completions client and the answer gate.

``ChatClient`` talks to any server that speaks ``POST /v1/chat/completions`` (llama.cpp's
server, Ollama, vLLM) with the standard library's ``urllib``; tests inject a ``transport``
instead of patching. ``llm_answers`` runs draft -> critique -> check: it asks the model, item
by item, to restate the plan's numbered source sentences as an answer with a citation after
every sentence, asks it again to flag its own sentences that add or misattribute anything, and
gates what comes back before the self-check sees it:

- a sentence without a valid citation is discarded;
- a quotation must be verbatim in the article;
- a capitalised word (a name) or a number must occur in the article or in the cited sentences.

Every LLM sentence keeps the embedded generator's sentences for the units it cites as its
fallback, so the self-check can replace it. A server that is down or times out, and output
that is not a chat completion, degrade to the embedded generator with a warning.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from copydesk.errors import GenerationError
from copydesk.generate.lexicon import PRONOUNS, REPORTING_CUES, TOPIC_STOP
from copydesk.generate.names import squash
from copydesk.generate.realise import Realiser, Sentence
from copydesk.generate.speakers import actor_names, statement_problems
from copydesk.generate.units import Unit, quoted_regions, words
from copydesk.model import Analysis, Edit, Span

if TYPE_CHECKING:
    from copydesk.generate.build import Pair, Slot

Transport = Callable[[str, bytes, Mapping[str, str], float], bytes]
"""``(url, body, headers, timeout_s) -> response body``; raises ``BackendUnavailable``."""

MAX_ANSWER_TOKENS = 200
"""Token budget of one answer."""
MIN_OWN_WORDS = 0.5
"""The least share of the content words after "X said" that must be X's own attributed words."""
UNATTRIBUTED_QUOTE_SHARE = 0.6
"""A sentence whose content words are this much someone's quoted words must name that speaker."""
REPEAT_SHARE = 0.8
"""A sentence whose words are this much an earlier sentence's repeats it."""
_CUES = "|".join(sorted(REPORTING_CUES, key=len, reverse=True))

SYSTEM_PROMPT = (
    "You turn numbered news sentences into one spoken answer in an interview. Rules: use only "
    "facts stated in the numbered sentences; do not add names, numbers, dates, opinions or "
    "predictions; copy words inside quotation marks exactly; name the person who said a "
    "quotation. After every sentence write the numbers of the sentences it uses in square "
    "brackets, for example [1] or [1][2]."
)
"""Instructions sent with every request."""

_CITE_RE = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_LIST_MARK_RE = re.compile(r"(?m)^\s*(?:[-*•]|\d+[.)])\s+")
_SPLIT_RE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


class BackendUnavailable(GenerationError):
    """The LLM server cannot be reached, refused the request or timed out."""


class MalformedResponse(GenerationError):
    """The LLM server answered, but not with a chat completion."""


def urllib_transport(url: str, body: bytes, headers: Mapping[str, str], timeout_s: float) -> bytes:
    """POSTs ``body`` to ``url`` with the standard library and returns the response body."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as e:
        raise BackendUnavailable(f"the LLM server answered HTTP {e.code} {e.reason}", source=url) from e
    except urllib.error.URLError as e:
        raise BackendUnavailable(f"the LLM server cannot be reached: {e.reason}", source=url) from e
    except TimeoutError as e:
        raise BackendUnavailable(f"the LLM server did not answer within {timeout_s:g} s", source=url) from e
    except OSError as e:
        raise BackendUnavailable(f"the LLM request failed: {e}", source=url) from e


def chat_endpoint(url: str) -> str:
    """The chat-completions URL for a server's base URL, ``/v1`` URL or full endpoint."""
    url = url.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


class ChatClient:
    """A minimal OpenAI-compatible chat-completions client.

    Args:
        url: The server's base URL ("http://127.0.0.1:8080"), its ``/v1`` URL, or the full
            ``/v1/chat/completions`` endpoint.
        model: The model name the server knows.
        timeout_s: Timeout of one request, in seconds.
        transport: Sends a request and returns the response body; the standard library's
            ``urllib`` by default. Tests inject their own.
    """

    def __init__(self, url: str, model: str, *, timeout_s: float, transport: Transport | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise GenerationError(f"the LLM URL must start with http:// or https://, got {url!r}")
        if timeout_s <= 0:
            raise GenerationError(f"the LLM timeout must be positive, got {timeout_s}")
        self.url = url
        self.endpoint = chat_endpoint(url)
        self.model = model
        self.timeout_s = timeout_s
        self.transport: Transport = transport or urllib_transport

    def chat(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        max_tokens: int = MAX_ANSWER_TOKENS,
        temperature: float = 0.0,
        seed: int = 0,
    ) -> str:
        """Sends one chat request and returns the first choice's message content.

        Raises:
            BackendUnavailable: The server cannot be reached, refused or timed out.
            MalformedResponse: The answer is not a chat completion with text content.
        """
        body = json.dumps(
            {
                "model": self.model,
                "messages": [dict(m) for m in messages],
                "max_tokens": max_tokens,
                "temperature": temperature,
                "seed": seed,
                "stream": False,
            }
        ).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        raw = self.transport(self.endpoint, body, headers, self.timeout_s)
        try:
            data: Any = json.loads(raw.decode("utf-8", errors="replace"))
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as e:
            raise MalformedResponse(
                f"the LLM server's answer is not a chat completion ({e!r})", source=self.endpoint
            ) from e
        if not isinstance(content, str):
            raise MalformedResponse("the LLM server's message content is not text", source=self.endpoint)
        return content


def build_messages(question: str, numbered: Sequence[str]) -> list[dict[str, str]]:
    """The chat messages for one answer: the rules, the question and the numbered sentences."""
    lines = "\n".join(f"[{i}] {s}" for i, s in enumerate(numbered, 1))
    user = f"Question: {question}\n\nNumbered sentences:\n{lines}\n\nAnswer with citations:"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def parse_answer(output: str, n_sources: int) -> list[tuple[str, tuple[int, ...]]]:
    """Splits a model's answer into sentences with the (1-based) source numbers they cite.

    Text after the last citation, and sentences citing a number outside ``1..n_sources``,
    are discarded.
    """
    found: list[tuple[str, tuple[int, ...]]] = []
    pos = 0
    for m in _CITE_RE.finditer(output):
        nums = tuple(int(x) for x in re.split(r"\s*[,;]\s*", m.group(1)))
        between = output[pos : m.start()]
        pos = m.end()
        if not re.search(r"\w", between):
            # A run of markers ("[1][2]"): they all belong to the sentence before.
            if found:
                found[-1] = (found[-1][0], found[-1][1] + nums)
            continue
        between = _LIST_MARK_RE.sub("", between)
        for sentence in _SPLIT_RE.split(squash(between).lstrip(".!?,;: ")):
            if sentence:
                found.append((sentence, nums))
    out = []
    for text, cites in found:
        if text[-1:] not in '.!?”"':
            text += "."
        if cites and all(1 <= c <= n_sources for c in cites):
            out.append((text, tuple(dict.fromkeys(cites))))
    return out


def _gate(sentence: str, article: str, cited_text: str, earlier: Sequence[str] = ()) -> str | None:
    """Why a model sentence cannot be used, or None when it passes the local gate.

    Names and numbers must occur in the sentences the model cites (not merely somewhere in the
    article), and quotations must be verbatim in the article.
    """
    if len(words(sentence)) < 3:
        return "too short"
    if sum(sentence.count(c) for c in '“”"') % 2:
        return "an unbalanced quotation mark"
    mine = {w.lower() for w in words(sentence)}
    for other in earlier:
        theirs = {w.lower() for w in words(other)}
        if mine and len(mine & theirs) / len(mine) >= REPEAT_SHARE:
            return "a repetition of an earlier sentence"
    flat_article = squash(article)
    for region in quoted_regions(sentence, Span(0, len(sentence))):
        inner = squash(sentence[region.start + 1 : region.end - 1]).strip(" ,.;:!?")
        if inner and inner not in flat_article:
            return "a quotation that is not verbatim in the article"
    cited_words = set(words(cited_text))
    for i, w in enumerate(words(sentence)):
        if any(c.isdigit() for c in w) and w not in cited_words:
            return f"a number not in the cited sentences ({w})"
        if i > 0 and w[:1].isupper() and w not in cited_words:
            return f"a name not in the cited sentences ({w})"
    return None


def _actor_names(analysis: Analysis) -> dict[str, set[str]]:
    """Every way the article names each person or organisation (no pronouns)."""
    text = analysis.document.text
    names: dict[str, set[str]] = {}
    for a in analysis.actors:
        if a.type not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        found = {a.name, *a.aliases, *(squash(m.of(text)) for m in a.mentions)}
        parts = a.name.split()
        if a.type == "PERSON" and len(parts) > 1:
            found.add(parts[-1])
        names[a.id] = {n for n in found if len(n) >= 3 and n.lower() not in PRONOUNS and n[:1].isupper()}
    return names


def _attribution_gate(sentence: str, analysis: Analysis, units: Sequence[Unit]) -> str | None:
    """Rejects a sentence that puts words in the wrong mouth.

    When the sentence has an actor say something ("X told NBC that ..."), the cited units must
    hold an attribution of that actor, and most content words after the cue must come from
    that actor's attributed content (not from someone else's).
    """
    text = analysis.document.text
    for actor_id, names in _actor_names(analysis).items():
        for name in sorted(names, key=len, reverse=True):
            m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?:\s+\w+){{0,2}}?\s+({_CUES})\b", sentence)
            if not m:
                continue
            claimed = {w.lower() for w in words(sentence[m.end() :])} - TOPIC_STOP
            own: set[str] = set()
            for u in units:
                for k in u.quotes:
                    q = analysis.quotes[k]
                    if q.actor == actor_id:
                        own |= {w.lower() for w in words(q.content.of(text))}
            if not own:
                return f"words attributed to {name}, who makes no statement in the cited sentences"
            if claimed and len(claimed & own) / len(claimed) < MIN_OWN_WORDS:
                return f"words attributed to {name} that the article attributes to someone else"
            break
    # Someone's quoted words restated without naming them read as the guest's own assertion.
    content = {w.lower() for w in words(sentence)} - TOPIC_STOP
    all_names = _actor_names(analysis)
    for u in units:
        for k in u.quotes:
            q = analysis.quotes[k]
            if q.kind == "indirect" or q.actor is None:
                continue
            quoted = {w.lower() for w in words(q.content.of(text))} - TOPIC_STOP
            if not content or len(content & quoted) / len(content) < UNATTRIBUTED_QUOTE_SHARE:
                continue
            if not any(
                re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", sentence) for n in all_names.get(q.actor, ())
            ):
                return "someone's quoted words without their name"
    return None


CRITIQUE_PROMPT = (
    "You check a draft answer against numbered source sentences. For each numbered draft "
    "sentence write one line: 'D<number>: OK' when every fact, name, number, date and quotation "
    "in it is in the sources and it says who said what exactly as the sources do; otherwise "
    "'D<number>: FIX' and the reason."
)
"""Instructions of the critique step."""
_VERDICT_RE = re.compile(r"D\s*(\d+)\s*[:.)-]\s*(OK|FIX)", re.IGNORECASE)


def critique_messages(numbered: Sequence[str], draft: Sequence[str]) -> list[dict[str, str]]:
    """The chat messages of the critique step: the sources and the draft, both numbered."""
    sources = "\n".join(f"[{i}] {s}" for i, s in enumerate(numbered, 1))
    drafted = "\n".join(f"D{i}. {s}" for i, s in enumerate(draft, 1))
    user = f"Sources:\n{sources}\n\nDraft:\n{drafted}\n\nVerdicts:"
    return [{"role": "system", "content": CRITIQUE_PROMPT}, {"role": "user", "content": user}]


def parse_critique(output: str, n: int) -> set[int] | None:
    """The (1-based) draft sentences the critique flags, or None when it gives no verdicts."""
    verdicts = {int(m.group(1)): m.group(2).upper() for m in _VERDICT_RE.finditer(output)}
    verdicts = {k: v for k, v in verdicts.items() if 1 <= k <= n}
    if not verdicts:
        return None
    return {k for k, v in verdicts.items() if v == "FIX"}


def llm_answers(
    client: ChatClient,
    analysis: Analysis,
    pairs: list[Pair],
    realiser: Realiser,
    questions: Sequence[str] | None = None,
) -> tuple[list[Pair], list[str]]:
    """Drafts each answer with the LLM, has the LLM critique the draft, and gates what is left.

    Draft -> critique -> check: the model restates the numbered article sentences with a
    citation after each sentence; a second request asks it to flag draft sentences that add,
    change or misattribute anything; flagged sentences, and sentences that fail the local
    gates (citations, verbatim quotations, names and numbers from the cited sentences, the
    right speaker), fall back to the embedded answer at once. What is left goes to the
    self-check like any answer sentence (the checker and the speaker check), and falls back
    to the article's own sentences there if it fails. An article sentence the draft leaves
    out of a quotation it restates is kept, so that no quotation loses a sentence.

    Args:
        questions: The question each answer is for (the embedded questions; a generic one
            when absent).

    Returns:
        The pairs (answers replaced where the model gave usable sentences) and warnings.
    """
    from copydesk.generate.build import Slot

    article = analysis.document.text
    names = actor_names(analysis)
    warnings: list[str] = []
    unusable = rejected = flagged = used = 0
    no_critique = 0
    for k, pair in enumerate(pairs):
        embedded = [slot.current[0] for slot in pair.slots]
        if not embedded:
            continue
        numbered = [s.text for s in embedded]
        question = questions[k] if questions and k < len(questions) else "What does the article report?"
        try:
            output = client.chat(build_messages(question, numbered))
        except BackendUnavailable as e:
            warnings.append(f"the LLM backend failed ({e}); the embedded generator wrote the answers")
            return pairs, warnings
        except MalformedResponse:
            unusable += 1
            continue
        drafted = parse_answer(output, len(numbered))
        flags: set[int] = set()
        if drafted:
            try:
                verdicts = parse_critique(
                    client.chat(critique_messages(numbered, [t for t, _ in drafted])), len(drafted)
                )
            except BackendUnavailable as e:
                warnings.append(f"the LLM backend failed ({e}); the embedded generator wrote the answers")
                return pairs, warnings
            except MalformedResponse:
                verdicts = None
            if verdicts is None:
                no_critique += 1
            else:
                flags = verdicts
        units = {u.index: u for u in pair.units}
        slots: list[Slot] = []
        covered: set[int] = set()
        for n, (text, cites) in enumerate(drafted, 1):
            cited = [embedded[c - 1] for c in cites]
            fallback = tuple(s for s, c in zip(cited, cites, strict=True) if c not in covered)
            earlier = [x.text for slot in slots for x in slot.current]
            reason = "the critique flagged it" if n in flags else None
            if reason is None:
                reason = _gate(text, article, " ".join(s.text for s in cited), earlier)
            cited_units = [units[s.unit] for s in cited if s.unit in units]
            if reason is None:
                reason = _attribution_gate(text, analysis, cited_units)
            if reason is None:
                reason = next(iter(statement_problems(analysis, text, cited_units, names)), None)
            if reason is not None:
                if n in flags:
                    flagged += 1
                else:
                    rejected += 1
                if fallback:
                    slots.append(_fallback_slot(pair, fallback))
                    covered.update(cites)
                continue
            citations = tuple(sorted({span for s in cited for span in s.citations}))
            rewrite = tuple(Edit("rewrite", s.source, text) for s in cited[:1])
            options: list[tuple[Sentence, ...]] = [
                (Sentence(text, citations, cited[0].unit, cited[0].source, rewrite),)
            ]
            if fallback:
                options.extend(_fallback_slot(pair, fallback).options)
            slots.append(Slot(options, cited[0].unit, origin="llm"))
            covered.update(cites)
            used += 1
        if not any(s.origin == "llm" for s in slots):
            unusable += 1
            continue
        # A unit the draft restates only in part keeps its other sentences (a quotation whole).
        touched = {embedded[c - 1].unit for c in covered}
        for i, s in enumerate(embedded, 1):
            if i not in covered and s.unit in touched:
                slots.append(pair.slots[i - 1])
        slots.sort(key=lambda slot: min(x.source.start for x in slot.current))
        pair.slots = slots
    if unusable:
        warnings.append(
            f"the LLM gave no usable answer for {unusable} of {len(pairs)} question(s); "
            "the embedded generator wrote those"
        )
    if flagged:
        warnings.append(f"the LLM's critique flagged {flagged} of its own sentence(s); they were replaced")
    if rejected:
        warnings.append(
            f"{rejected} LLM sentence(s) failed the citation, quotation, name or speaker gate "
            "and were replaced"
        )
    if no_critique:
        warnings.append(
            f"the LLM's critique gave no verdicts for {no_critique} answer(s); the checker alone gated them"
        )
    return pairs, warnings


def _fallback_slot(pair: Pair, sentences: tuple[Sentence, ...]) -> Slot:
    """The embedded options for the units behind ``sentences``: edited first, verbatim last."""
    from copydesk.generate.build import Slot

    by_source = {slot.current[0].source: slot for slot in pair.slots}
    first = tuple(sentences)
    last = tuple(by_source[s.source].options[-1][0] if s.source in by_source else s for s in sentences)
    options = [first] if first == last else [first, last]
    return Slot(options, sentences[0].unit)
