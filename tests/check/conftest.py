"""Seams for the checker's tests: a lexical retriever and scorer, and hand-built analyses.

The fakes stand in for the learned models where a test is about the checker's own logic
(claims, typed findings, verdicts), so those tests run in milliseconds and do not depend on
a model's figures. Tests of the shipped models live beside them and are marked ``slow``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from copydesk.model import Actor, Analysis, DateMention, Document, Quote, Span

_STOP_WORDS = (
    "a an the of to in on at for and or but is are was were be been has have had that this with by from as "
    "he she it they his her its their said says told would could will not no"
)
_STOP = frozenset(_STOP_WORDS.split())


def _words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"\w+", text) if w.lower() not in _STOP}


def lexical_support(premise: str, hypothesis: str) -> float:
    """Share of the hypothesis' content words found in the premise."""
    hyp = _words(hypothesis)
    return len(hyp & _words(premise)) / len(hyp) if hyp else 0.0


class LexicalRetriever:
    """Ranks source sentences by the share of the claim's words they hold."""

    def __init__(self) -> None:
        self.calls = 0

    def top_k(
        self, claims: Sequence[str], sentences: Sequence[str], *, k: int = 3
    ) -> list[list[tuple[int, float]]]:
        self.calls += 1
        out = []
        for c in claims:
            ranked = sorted(
                ((i, lexical_support(s, c)) for i, s in enumerate(sentences)), key=lambda x: (-x[1], x[0])
            )
            out.append(ranked[:k])
        return out


class LexicalScorer:
    """P(supported) as the word coverage of the hypothesis by the premise."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        self.pairs.extend(pairs)
        return [lexical_support(p, h) for p, h in pairs]


@pytest.fixture
def fake_retriever() -> LexicalRetriever:
    return LexicalRetriever()


@pytest.fixture
def fake_scorer() -> LexicalScorer:
    return LexicalScorer()


def _sentences(text: str) -> tuple[Span, ...]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        pos = m.start()
        for s in re.finditer(r"(?<!\bDr)(?<!\bMr)(?<!\bMs)[.!?][\"”’]?(?=\s|$)", m.group()):
            end = m.start() + s.end()
            chunk = text[pos:end]
            lead = len(chunk) - len(chunk.lstrip())
            if chunk.strip():
                out.append(Span(pos + lead, end))
            pos = end
        if text[pos : m.end()].strip():
            lead = len(text[pos : m.end()]) - len(text[pos : m.end()].lstrip())
            out.append(Span(pos + lead, m.end()))
    return tuple(out)


def build_analysis(
    text: str,
    *,
    actors: dict[str, tuple[str, Sequence[str]]] | None = None,
    quotes: Sequence[tuple[str, str, str]] = (),
    dates: Sequence[tuple[str, str | None]] = (),
    titles: dict[str, Sequence[str]] | None = None,
) -> Analysis:
    """An analysis built by hand: sentences by punctuation, the given actors, quotes and dates.

    Args:
        actors: ``{canonical name: (type, [surface forms])}``; every occurrence of each surface
            form becomes a mention.
        quotes: ``(speaker surface, cue, content)``: the first occurrence of each, in the text.
        dates: ``(surface, ISO value)``: every occurrence of the surface form.
        titles: ``{canonical name: [titles]}``.
    """
    built: list[Actor] = []
    for i, (name, (type_, forms)) in enumerate((actors or {}).items()):
        spans = sorted(
            {
                Span(m.start(), m.end())
                for form in forms
                for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)
            }
        )
        built.append(
            Actor(f"a{i}", name, type_, tuple(forms), tuple((titles or {}).get(name, ())), tuple(spans))  # type: ignore[arg-type]
        )
    qs = []
    for speaker, cue, content in quotes:
        c = text.index(content)
        after = text.find(speaker, c + len(content))
        line_end = text.find("\n", c)
        s = after if after >= 0 and (line_end < 0 or after < line_end) else text.rindex(speaker, 0, c)
        q_cue = text.index(cue, min(s, c)) if cue else None
        actor = next((a for a in built if speaker in a.aliases or speaker == a.name), None)
        qs.append(
            Quote(
                Span(c, c + len(content)),
                "direct" if text[c - 1 : c] in '“"' else "indirect",
                Span(s, s + len(speaker)),
                Span(q_cue, q_cue + len(cue)) if q_cue is not None else None,
                actor.id if actor else None,
                actor.name if actor else speaker,
            )
        )
    ds = [
        DateMention(Span(m.start(), m.end()), value)
        for surface, value in dates
        for m in re.finditer(re.escape(surface), text)
    ]
    return Analysis(Document(text), _sentences(text), tuple(built), tuple(qs), tuple(ds))


@pytest.fixture
def make_analysis():
    return build_analysis
