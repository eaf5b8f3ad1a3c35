"""A fact credited to an outlet the source never mentions ("The Valmora Herald has learned that
...", "Desk News understands that ..."): ``fabricated_entity``.

The name before a verb with which a news outlet credits itself with a fact (``attribution.txt``,
``scoop_verbs``) must be written in the source (in full, for a name of several words: "Valmora
Daily" is not the source's "Valmora"), whether or not it is the derived text's own frame: a
transcript whose outlet "has learned" a fact its source does not attribute to it invents a
source.
"""

from __future__ import annotations

from copydesk import lang
from copydesk.check.checks.base import Check, ClaimContext
from copydesk.check.text import Word
from copydesk.model import Finding, Span

SCOOP_VERBS = lang.words("attribution", "scoop_verbs")
AUXILIARIES = lang.words("function_words", "auxiliaries")


def run(ctx: ClaimContext) -> list[Finding]:
    text, found = ctx.derived_text, ctx.words
    for i, w in enumerate(found):
        if w.lemma not in SCOOP_VERBS or w.pos not in ("VERB", "AUX") or w.norm.endswith("ing"):
            continue  # not "Upon obtaining more information"
        j = i - 1
        while j >= 0 and found[j].norm in AUXILIARIES:
            j -= 1
        name: list[Word] = []
        while j >= 0 and found[j].text[:1].isupper() and found[j].norm not in ("the", "i"):
            name.insert(0, found[j])
            j -= 1
        if not name or not any(x.pos == "PROPN" for x in name):
            continue  # a name: not a capitalised sentence opener
        span = Span(name[0].start, name[-1].end)
        said = span.of(text)
        if ctx.index.has_name(said) if len(name) > 1 else ctx.index.known(said, "ORG"):
            continue  # the source writes the outlet's name (in full, for a name of several words)
        detail = f"the claim credits {said!r} with this, and the source never mentions {said!r}"
        return [Finding("fabricated_entity", span, detail)]
    return []


CHECK = Check("credited_outlet", "fabricated_entity", "claim", run, yields_to=("fabricated_entity",))
