"""How the interview names actors: always with words the article itself uses.

A person is named by the surname when the article uses it alone more often than the full
name, an organisation with "the" when the article writes it so where the name heads its
phrase ("the Kremlin said"), and a title is taken from the analyser's titles only when it
reads as one.
"""

from __future__ import annotations

import re

from copydesk.generate.lexicon import IRREGULAR_PAST, NAME_SUFFIXES, NOT_NAME_START, PRONOUNS, TOPIC_STOP
from copydesk.model import Actor, Analysis

MAX_TITLE_WORDS = 6
"""Longer titles read as clauses, not titles, and are not used in questions."""
_WS_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapses every run of whitespace (newlines included) into one space."""
    return _WS_RE.sub(" ", text).strip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Namer:
    """How the interview refers to each actor, always with words the article itself uses."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.apostrophe = "’" if "’" in self.text else "'"
        self._name: dict[str, str | None] = {}

    def _actor(self, actor_id: str) -> Actor | None:
        try:
            return self.analysis.actor(actor_id)
        except KeyError:
            return None

    def _count(self, phrase: str) -> int:
        return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", self.text))

    def name(self, actor_id: str) -> str | None:
        """The actor's canonical name as the article writes it ("the Kremlin"), or None."""
        if actor_id in self._name:
            return self._name[actor_id]
        actor = self._actor(actor_id)
        result: str | None = None
        if actor is not None:
            candidates = [actor.name] + [
                m.of(self.text) for m in sorted(actor.mentions, key=len, reverse=True)
            ]
            for c in candidates:
                c = re.sub(r"[’'‘]s$", "", squash(c))
                first_word = c.split()[0].lower() if c else ""
                if actor.type == "PERSON" and (first_word in TOPIC_STOP or first_word in NOT_NAME_START):
                    continue  # "Without Bloomberg": a word of the sentence taken into a name
                if self._heading(c):
                    continue
                if (
                    c
                    and c.lower() not in PRONOUNS
                    and self._count(c)
                    and (c[:1].isupper() or actor.type != "PERSON")
                ):
                    result = c
                    break
            if result is not None and actor.type != "PERSON":
                bare = re.sub(r"^the\s+", "", result, flags=re.IGNORECASE)
                total, with_the = self._head_uses(bare)
                result = f"the {bare}" if total and with_the * 2 >= total else bare
        self._name[actor_id] = result
        return result

    def _heading(self, name: str) -> bool:
        """Whether a name in capitals is a heading's words ("NEW YORK", "DEAD") rather than an
        acronym ("NATO"): several words in capitals, or one the article also writes in lower case."""
        caps = [w for w in name.split() if len(w) > 1 and w.isupper()]
        if len(caps) >= 2:
            return True
        return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", self.text) for w in caps)

    def _head_uses(self, bare: str) -> tuple[int, int]:
        """How often a name heads its phrase, and how often "the" precedes it then.

        "the Kremlin said" counts; "the Port Alder council" does not (there the article
        belongs to "council"). A use counts when punctuation, a function word or a verb-like
        word ("-ed", "-s") follows the name.
        """
        total = with_the = 0
        for m in re.finditer(rf"(?<![\w-])([Tt]he\s+)?{re.escape(bare)}(?![\w-])", self.text):
            nxt = re.match(r"[ \t]*([A-Za-z]+)", self.text[m.end() : m.end() + 40])
            if nxt and nxt.start(1) == nxt.start():
                continue
            if nxt:
                w = nxt.group(1)
                verb_like = w in IRREGULAR_PAST or w.endswith(("ed", "s"))
                if not (w.islower() and (w in TOPIC_STOP or verb_like)):
                    continue
            total += 1
            with_the += m.group(1) is not None
        return total, with_the

    def short(self, actor_id: str) -> str | None:
        """The short reference: a person's surname when the article uses it alone."""
        name = self.name(actor_id)
        actor = self._actor(actor_id)
        if name is None or actor is None or actor.type != "PERSON":
            return name
        parts = name.split()
        while len(parts) > 1 and parts[-1].lower().strip(",") in NAME_SUFFIXES:
            parts.pop()
        if len(parts) < 2:
            return name
        surname = parts[-1]
        if self._count(surname) > self._count(name):
            return surname
        return name

    def title(self, actor_id: str) -> str | None:
        """The first usable title of a person as the article writes it, or None."""
        actor = self._actor(actor_id)
        name = self.name(actor_id)
        if actor is None or name is None or actor.type != "PERSON":
            return None
        for t in actor.titles:
            t = squash(t)
            n = len(t.split())
            if not (1 <= n <= MAX_TITLE_WORDS) or t not in self.text or t.lower() in PRONOUNS:
                continue
            if len(t) < 3 or not re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", self.text):
                continue  # a fragment ("co" or "author" of "co-author")
            if re.search(r"[\d“”\"()]", t) or t.lower() in name.lower():
                continue
            return t
        return None

    def full(self, actor_id: str) -> str | None:
        """Title and name ("Russian presidential spokesman Dmitry Peskov"), or the name."""
        name = self.name(actor_id)
        title = self.title(actor_id)
        if name is None or title is None:
            return name
        if title[:1].islower():
            return f"the {title} {name}"
        return f"{title} {name}"

    def possessive(self, phrase: str) -> str:
        return f"{phrase}{self.apostrophe}s"
