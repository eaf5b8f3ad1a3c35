"""Fixtures of the generator tests: an original article with a hand-built analysis, and checkers.

The article (``fixtures/ferry_article.txt``) is written for these tests; its names are
invented. Its analysis is built by hand, so the generator is tested without the analyser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re
from collections.abc import Callable

import pytest

from copydesk.model import (
    Actor,
    Analysis,
    Audit,
    ClaimResult,
    DateMention,
    Document,
    Quote,
    Reference,
    Span,
)


def with_references(analysis: Analysis, refs: list[tuple[Span, str]]) -> Analysis:
    """The analysis with these pronouns resolved to these actors (``Analysis.references``),
    each antecedent the actor's last mention before the pronoun."""
    out = []
    for span, actor_id in refs:
        mentions = [m for m in analysis.actor(actor_id).mentions if m.end <= span.start and m != span]
        out.append(Reference(span, actor_id, antecedent=mentions[-1] if mentions else span))
    return dataclasses.replace(analysis, references=tuple(out))


FIXTURES = pathlib.Path(__file__).parent / "fixtures"
FERRY = (FIXTURES / "ferry_article.txt").read_text(encoding="utf-8")
PUBLISHED = dt.date(2024, 11, 8)


def find(text: str, needle: str, after: str | None = None, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` (after the first ``after``, if given)."""
    pos = text.index(after) if after else 0
    for _ in range(nth + 1):
        start = text.index(needle, pos)
        pos = start + 1
    return Span(start, start + len(needle))


def ferry_analysis() -> Analysis:
    """The ferry article's analysis, as the analyser is meant to produce it."""
    t = FERRY
    lines = [m for m in re.finditer(r"[^\n]+", t)]
    sentences = []
    for m in lines:
        line = m.group(0)
        if line.startswith("“Nobody"):
            cut = line.index(" We are")
            sentences += [Span(m.start(), m.start() + cut), Span(m.start() + cut + 1, m.end())]
        else:
            sentences.append(Span(m.start(), m.end()))
    credit = find(t, "Source: Alder Wire")
    doc = Document(text=t, id="ferry", published=PUBLISHED, source_credit="Alder Wire", credit_span=credit)
    office = Actor("office", "city transport office", "ORG", mentions=(find(t, "city transport office"),))
    marsh = Actor(
        "marsh",
        "Lena Marsh",
        "PERSON",
        aliases=("Marsh",),
        titles=("Transport director",),
        mentions=(find(t, "Lena Marsh"), find(t, "Marsh", after="fares. We"), find(t, "she", after="work,”")),
    )
    petrak = Actor(
        "petrak",
        "Ivo Petrak",
        "PERSON",
        aliases=("Petrak",),
        titles=("Mayor",),
        mentions=(
            find(t, "Ivo Petrak"),
            find(t, "his", after="Ivo Petrak"),
            find(t, "Petrak", after="get home"),
            find(t, "he", after="Petrak told reporters that "),
            find(t, "he", after="petition but that "),
        ),
    )
    assoc = Actor(
        "assoc",
        "Islanders' Association",
        "ORG",
        mentions=(
            find(t, "Islanders' Association"),
            find(t, "association", after="Kovac said"),
            find(t, "association", after="would meet the"),
        ),
    )
    kovac = Actor(
        "kovac",
        "Nadia Kovac",
        "PERSON",
        aliases=("Kovac",),
        titles=("chair",),
        mentions=(
            find(t, "Nadia Kovac"),
            find(t, "Kovac", after="hearing."),
            find(t, "she", after="get home,”"),
        ),
    )
    alder = Actor("alder", "Port Alder", "GPE", mentions=(find(t, "Port Alder"),))
    bluewater = Actor("bluewater", "Bluewater Lines", "ORG", mentions=(find(t, "Bluewater Lines"),))
    gazette = Actor("gazette", "Alder Gazette", "ORG", mentions=(find(t, "Alder Gazette"),))
    quotes = (
        Quote(
            content=find(t, "The Port Alder council will vote on a new ferry contract next month"),
            kind="indirect",
            speaker=find(t, "the city transport office"),
            cue=find(t, "said", after="transport office"),
            actor="office",
            name="city transport office",
        ),
        Quote(
            content=find(
                t,
                "Nobody on this council wants higher fares. "
                "We are asking the operator to hold prices for two years",
            ),
            kind="direct",
            speaker=find(t, "Marsh", after="fares. We"),
            cue=find(t, "said", after="fares. We"),
            actor="marsh",
            name="Lena Marsh",
        ),
        Quote(
            content=find(t, "The ferry is how the islands get to school and to work"),
            kind="direct",
            speaker=find(t, "she", after="work,”"),
            cue=find(t, "added"),
            actor="marsh",
            name="Lena Marsh",
        ),
        Quote(
            content=find(t, "they would cut the winter timetable"),
            kind="indirect",
            speaker=find(t, "The Islanders' Association"),
            cue=find(t, "saying"),
            actor="assoc",
            name="Islanders' Association",
        ),
        Quote(
            content=find(t, "the association has collected 4,000 signatures"),
            kind="indirect",
            speaker=find(t, "Kovac", after="hearing."),
            cue=find(t, "said", after="hearing."),
            actor="kovac",
            name="Nadia Kovac",
        ),
        Quote(
            content=find(t, "If the late boat goes, the night nurses cannot get home"),
            kind="direct",
            speaker=find(t, "she", after="get home,”"),
            cue=find(t, "told", after="get home,”"),
            actor="kovac",
            name="Nadia Kovac",
        ),
        Quote(
            content=find(t, "he had not seen the petition but that he would meet the association"),
            kind="indirect",
            speaker=find(t, "Petrak", after="get home"),
            cue=find(t, "told", after="get home,”", nth=1),
            actor="petrak",
            name="Ivo Petrak",
        ),
    )
    dates = (
        DateMention(find(t, "next month"), "2024-12"),
        DateMention(find(t, "today"), "2024-11-08"),
        DateMention(find(t, "March 3"), "2024-03-03"),
        DateMention(find(t, "yesterday"), "2024-11-07"),
        DateMention(find(t, "June 2025"), "2025-06"),
        DateMention(find(t, "2009"), "2009"),
    )
    return Analysis(
        document=doc,
        sentences=tuple(sentences),
        actors=(office, marsh, petrak, assoc, kovac, alder, bluewater, gazette),
        quotes=quotes,
        dates=dates,
    )


_CLAIM_RE = re.compile(r"[^.!?]+(?:[.!?]+[”\"]?|$)")
_WORD_RE = re.compile(r"[A-Za-z0-9’',-]+")
_FREE = {
    "on", "in", "said", "noted", "added", "emphasized", "told", "also", "november", "march", "june",
    "december", "october", "2024", "2025", "7", "8", "3",
}  # fmt: skip


def lexical_verify(
    source: Analysis,
    *,
    reject: Callable[[str], bool] = lambda s: False,
    reject_question: Callable[[str], bool] = lambda s: False,
) -> Callable[[str], Audit]:
    """A stand-in checker for unit tests: a claim is supported when every word of it occurs in
    the source (plus a few date and framing words), and ``reject(claim)`` is false. Questions
    are ``no_claim`` unless ``reject_question(question)``.

    The title line and the editor's questions are ``no_claim``; the editor's statements are
    judged like answers. It records every text it audited in ``.calls``.
    """
    source_words = {w.lower().strip(",") for w in _WORD_RE.findall(source.document.text)}
    calls: list[str] = []

    def verify(text: str) -> Audit:
        calls.append(text)
        claims = []
        pos = 0
        for n, line in enumerate(text.split("\n")):
            start = pos
            pos += len(line) + 1
            if n == 0 or ":" not in line:
                continue
            label, _, body = line.partition(": ")
            offset = start + len(label) + 2
            editor = label.endswith("Editor")
            for m in _CLAIM_RE.finditer(body):
                s, e = m.start() + offset, m.end() + offset
                claim = text[s:e].strip()
                if not claim:
                    continue
                lead = len(text[s:e]) - len(text[s:e].lstrip())
                span = Span(s + lead, s + lead + len(claim))
                if editor and claim.endswith("?"):
                    verdict = "unsupported" if reject_question(claim) else "no_claim"
                    claims.append(ClaimResult(span, verdict, 0.0))
                    continue
                words = {w.lower().strip(",") for w in _WORD_RE.findall(claim)}
                ok = words <= source_words | _FREE and not reject(claim)
                claims.append(ClaimResult(span, "supported" if ok else "unsupported", 0.9 if ok else 0.1))
        return Audit(
            source=source.document, derived=Document(text=text, id="interview"), sentences=tuple(claims)
        )

    verify.calls = calls  # type: ignore[attr-defined]
    return verify


@pytest.fixture
def ferry() -> Analysis:
    return ferry_analysis()
