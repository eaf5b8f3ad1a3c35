"""Hand-built analyses for the checker's tests: the sentences, actors, quotes and dates a test
gives, with the analyser's own tokens (the checker reads words only from there)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from copydesk.model import Actor, Analysis, DateMention, Document, Quote, Span, Tokens


@cache
def tokens_of(text: str) -> Tokens:
    """The analyser's tokens of a text (parsed once per text)."""
    from copydesk.analyse.nlp import parse
    from copydesk.analyse.tokens import token_table

    return token_table(parse(text))


@cache
def analysed(text: str) -> Analysis:
    """A text with the analyser's tokens and its sentences, and no actors, quotes or dates."""
    return build_analysis(text)


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
    return Analysis(
        Document(text), _sentences(text), tuple(built), tuple(qs), tuple(ds), tokens=tokens_of(text)
    )


@cache
def dated(text: str) -> Analysis:
    """:func:`analysed`, with the dates the analyser finds when no publication date is known."""
    from dataclasses import replace

    from copydesk.analyse.dates import find_dates

    return replace(analysed(text), dates=tuple(find_dates(text, None)))
