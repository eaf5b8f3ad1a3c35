"""Decontextualisation: a sentence as it stands on its own, before it is checked.

A claim such as "He has emphasized the need for continued military support" cannot be
judged without knowing who "he" is. Following the decontextualisation step of Choi et al.
(2021, "Decontextualization: Making Sentences Stand-Alone", TACL), the first pronoun or
definite description ("the president", "the spokesperson") of a sentence that has no earlier
name is replaced by the actor it refers to. For a pronoun, the analyser's coreference (an
actor mention at that exact span) wins, otherwise the nearest preceding person named in the
text is taken. For a description, the actor whose title or alias it matches wins, otherwise
the analyser's coreference. The rewritten string is only
shown to the scorer (and recorded as ``context``); offsets always refer to the original text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copydesk import lang
from copydesk.check.entities import Mention, mentions, same_entity
from copydesk.check.text import STOPWORDS, content_lemmas, name_keys, normalise, words
from copydesk.model import Actor, Analysis, Span

RESOLVABLE_PRONOUNS: frozenset[str] = (
    lang.pronouns(gender="male") | lang.pronouns(gender="female")
) - lang.pronouns(case="reflexive")
"""Pronouns that are resolved to a person ("it" and "they" are too often not a person)."""

DESCRIPTION_RE = re.compile(
    r"\b[Tt]he\s+(?P<desc>(?:[\w.\-]+\s+){0,2}?"
    r"(?:president-elect|president|spokes(?:man|woman|person)|prime\s+minister|minister|chancellor|"
    r"secretary|governor|mayor|senator|leader|chief\s+executive|ceo|chairman|chairwoman|chair|"
    r"ambassador|king|queen|pope|premier|prosecutor|commander|general|coach|founder))\b"
    r"(?![ \t]+[A-Z])(?!,[ \t]+[A-Z][\w'’.\-]*[ \t]+[A-Z])"
)
"""A definite description of a person by role ("the president", "the US president"), not one
that a name follows, as a title or in apposition ("the mayor, Dana Whitfield,")."""

ANTECEDENT_WINDOW = 600
"""A pronoun's antecedent is searched at most this many characters back."""


def _head(desc: str) -> str:
    words = desc.lower().split()
    head = words[-1]
    if head.startswith("spokes"):
        return "spokes"
    if len(words) >= 2 and words[-2] in ("prime", "chief"):
        return f"{words[-2]} {head}"
    return head


def _title_words(actor: Actor) -> set[str]:
    out: set[str] = set()
    for title in actor.titles:
        words = [w.lower() for w in re.findall(r"[\w\-]+", title)]
        out.update("spokes" if w.startswith("spokes") else w for w in words)
        out.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return out


@dataclass(frozen=True)
class Rewrite:
    """A span of a text that stands on its own: the words of ``replaced`` (a pronoun or a role
    description) give way to ``name``, the person they refer to."""

    span: Span
    replaced: Span | None = None
    name: str = ""

    def text(self, text: str) -> str:
        """The rewritten text (the span's own text when nothing is replaced)."""
        if self.replaced is None:
            return self.span.of(text)
        out = (
            text[self.span.start : self.replaced.start] + self.name + text[self.replaced.end : self.span.end]
        )
        if self.replaced.start == self.span.start and out[:1].islower():
            out = out[0].upper() + out[1:]
        return out

    def offset(self, at: int) -> int:
        """Where position ``at`` of the original text lies in :meth:`text`."""
        shift = 0
        if self.replaced is not None and at >= self.replaced.end:
            shift = len(self.name) - len(self.replaced)
        return at - self.span.start + shift

    def lemmas(self, analysis: Analysis) -> set[str]:
        """The content lemmas of the rewritten span: its words', the replaced ones left out, and
        the name's."""
        kept = [
            w
            for w in words(analysis, self.span.start, self.span.end)
            if self.replaced is None or not self.replaced.overlaps(w.span)
        ]
        return content_lemmas(kept) | set(name_keys(self.name))


class Resolver:
    """Resolves pronouns and role descriptions of one text to named actors.

    Args:
        analysis: The analysis of the text whose sentences are rewritten.
        extra_actors: Further actors a description may refer to (for a derived text, the
            source's actors: "the spokesperson" of an interview is the article's spokesman).
        skip: Spans (speaker labels, titles) whose names are never antecedents.
    """

    def __init__(
        self, analysis: Analysis, extra_actors: Sequence[Actor] = (), skip: Sequence[Span] = ()
    ) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.skip = list(skip)
        self.persons: list[Mention] = [
            m for m in mentions(analysis, ("PERSON",)) if not any(s.overlaps(m.span) for s in skip)
        ]
        self.names: list[Mention] = mentions(analysis)
        self.at: dict[tuple[int, int], Actor] = {}
        for actor in analysis.actors:
            for m in actor.mentions:
                self.at[(m.start, m.end)] = actor
        # pronouns the analyser saw competing antecedents for: no guess is made for them
        self.unsure = {
            (r.span.start, r.span.end)
            for r in analysis.references
            if r.actor is None and r.reason != "no_candidate"
        }
        for r in analysis.references:
            if r.actor is not None and (r.span.start, r.span.end) not in self.at:
                self.at[(r.span.start, r.span.end)] = analysis.actor(r.actor)
        self.actors: list[Actor] = [a for a in analysis.actors if a.type == "PERSON"]
        self.actors += [a for a in extra_actors if a.type == "PERSON"]
        self.known = self._named_by_surname(extra_actors, skip)
        self.persons = sorted(self.persons + self.known, key=lambda m: m.span.start)

    def _named_by_surname(self, actors: Sequence[Actor], skip: Sequence[Span]) -> list[Mention]:
        """Mentions of other texts' people (the source's, for a derived text) by their surname,
        where the analyser tagged no person: "Okafor said ..." names the source's Lena Okafor
        even when the named-entity model missed it."""
        out: list[Mention] = []
        for actor in actors:
            last = actor.name.split()[-1] if actor.type == "PERSON" and actor.name else ""
            if not last[:1].isupper():
                continue
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(last)}(?![\w-])", self.text):
                span = Span(m.start(), m.end())
                if not any(x.span.overlaps(span) for x in self.persons) and not any(
                    x.overlaps(span) for x in skip
                ):
                    out.append(Mention(span, "PERSON", actor))
        return out

    def _renamed_since(self, actor: Actor, pos: int) -> bool:
        """Whether another text's person is named after the last mention of ``actor`` (the
        analyser's antecedent for a pronoun at ``pos``) and before the pronoun."""
        last = max((m.end for m in actor.mentions if m.end <= pos), default=-1)
        return any(last < m.span.start and m.span.end <= pos and m.actor is not actor for m in self.known)

    def _labelled_only(self, actor: Actor, pos: int) -> bool:
        """Whether ``actor`` is named before ``pos`` only in skipped spans (the label of a turn
        names who speaks, and the speaker says "I", not "he")."""
        named = [
            m
            for m in actor.mentions
            if m.end <= pos and normalise(m.of(self.text)) not in RESOLVABLE_PRONOUNS
        ]
        return bool(named) and all(any(s.overlaps(m) for s in self.skip) for m in named)

    def _named(self, actor: Actor) -> str | None:
        name = actor.name
        return name if name and name[0].isupper() and normalise(name) not in RESOLVABLE_PRONOUNS else None

    def _antecedent(self, pos: int) -> str | None:
        best: Mention | None = None
        for m in self.persons:
            if m.span.end <= pos and pos - m.span.end <= ANTECEDENT_WINDOW:
                best = m
        if best is None:
            return None
        if best.actor is not None and self._named(best.actor):
            return best.actor.name
        return best.span.of(self.text)

    def _describe(self, desc: str, pos: int) -> str | None:
        low = f"the {desc.lower()}"
        for actor in self.actors:
            if any(a.lower() == low for a in actor.aliases) and self._named(actor):
                return actor.name
        head = _head(desc)
        candidates = [a for a in self.actors if head in _title_words(a) and self._named(a)]
        if head == "president":
            candidates = [a for a in candidates if "president-elect" not in _title_words(a)] or candidates
        names: list[str] = []
        for a in candidates:
            if not any(same_entity(a.name, n) for n in names):
                names.append(a.name)
        if len(names) == 1:
            return names[0]
        recent = [m for m in self.persons if m.span.end <= pos]
        for m in reversed(recent):
            said = m.span.of(self.text)
            for n in names:
                if same_entity(n, said):
                    return n
        return None

    def pronoun_name(self, pronoun: Span) -> str | None:
        """The person a pronoun refers to: the analyser's link, unless another text's person
        is named after that actor's last mention or the actor is named only by a turn's label,
        else the nearest person named before it, unless the analyser left the pronoun
        unresolved between competing antecedents (``Analysis.references``)."""
        actor = self.at.get((pronoun.start, pronoun.end))
        if actor is not None and (
            self._renamed_since(actor, pronoun.start) or self._labelled_only(actor, pronoun.start)
        ):
            actor = None  # the analyser did not see the person named in between, or took a label
        name = self._named(actor) if actor is not None else None
        if name is None and (pronoun.start, pronoun.end) in self.unsure:
            return None
        return name or self._antecedent(pronoun.start)

    def rewrite(self, span: Span) -> Rewrite:
        """``span`` with its first unresolved pronoun or description replaced by a name.

        Nothing is replaced after a name in the same span (the pronoun then most likely refers
        to it): a named mention of any type, or any capitalised word that is not a function
        word, whether or not the analyser tagged it. Nothing is replaced when no antecedent is
        found.
        """
        text = self.text
        found = words(self.analysis, span.start, span.end)
        first_name = min(
            [m.span.start for m in self.names if span.start <= m.span.start < span.end]
            + [
                t.start
                for t in found
                if t.text[0].isupper()
                and t.norm not in STOPWORDS
                and t.norm not in RESOLVABLE_PRONOUNS
                and not DESCRIPTION_RE.match(text, t.start)
            ],
            default=span.end,
        )
        candidates: list[tuple[int, int, str]] = []
        for i, t in enumerate(found):
            if t.start >= first_name:
                break
            if t.norm in RESOLVABLE_PRONOUNS:
                name = self.pronoun_name(Span(t.start, t.end))
                if name:
                    nxt = found[i + 1 :]
                    possessive = t.norm == "his" or (
                        t.norm == "her"
                        and bool(nxt)
                        and nxt[0].norm not in STOPWORDS
                        and nxt[0].text.islower()
                    )
                    rep = f"{name}’s" if possessive else name
                    candidates.append((t.start, t.end, rep))
                break
        for m in DESCRIPTION_RE.finditer(text, span.start, span.end):
            if m.start() >= first_name:
                break
            # The actor whose title the description names (the source's, for a derived text)
            # first: the analyser's link for a description rests on this text alone.
            actor = self.at.get((m.start(), m.end()))
            name = self._describe(m.group("desc"), m.start())
            name = name or (self._named(actor) if actor is not None else None)
            if name:
                candidates.append((m.start(), m.end(), name))
            break
        if not candidates:
            return Rewrite(span)
        s, e, rep = min(candidates)
        return Rewrite(span, Span(s, e), rep)
