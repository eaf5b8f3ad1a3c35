"""Opinion, prediction and speculation the source does not voice: an ``unsupported_content`` check.

A derived text often adds the writer's own stance to a restated fact: "His victory plan
*signifies* a resolve to resist", "Ukraine *might* feel vulnerable", "support is *paramount*".
A claim carries such a stance when it has a marker of one of the groups below (evaluation,
inference, speculation, certainty, generalisation, or a first-person view); it is unsupported
when its evidence has no marker of the same group, since the source then states the fact
without the stance. The check runs on the turns of a transcript only, where a guest's forecast ("Putin
will *likely* maintain...", "levels will *certainly* fall") is the added view it is meant to
catch; in summaries, modal wording fired as often on consistent texts as on inconsistent ones
in the training part of the factuality data, and evaluative wording is ordinary summarising.
The lexicons follow the hedge and booster cues of the CoNLL-2010 shared task (Farkas et al.
2010) and the stance markers of Biber (2006), cut to what changes a sentence's claim.
"""

from __future__ import annotations

import re

from copydesk import lang
from copydesk.check.text import words
from copydesk.model import Analysis, Finding, Span

STANCES = ("evaluation", "inference", "speculation", "certainty", "generalisation")
GROUPS: dict[str, frozenset[str]] = {g: lang.words("stance", g) for g in STANCES}
"""Stance markers by group: the evidence must share the group for the stance to be supported."""

EVIDENCE_ALSO: dict[str, frozenset[str]] = {
    g: lang.words("stance", f"evidence_{g}") for g in ("evaluation", "inference", "speculation", "certainty")
}
"""Words that voice the group in the source without being one of the claim-side markers."""

REPORTED_FUTURE: frozenset[str] = lang.words("stance", "reported_future")
"""Speculation markers that in a source usually report what someone said will happen ("saying a
long dispute would hurt exporters"), not a hedge: they voice only the same marker of a claim, so
the source's "would" does not license a claim's "likely" or "might"."""

DRAWN_INFERENCE_RE = re.compile(
    r"\b(?:this|that|it|which)\s+(?:clearly\s+)?(?:shows|showed|proves|proved|means|meant)\b", re.I
)
"""An inference the speaker draws from what was just said ("This shows that ...", "which means
..."); "the report shows" is a source's finding and is left to the scorer."""

FIRST_PERSON_RE = re.compile(r"\b(?:I|we)\s+(?:think|believe|feel|expect|suspect|doubt|fear|hope)\b")
"""The speaker's own view ("I think", "we believe")."""


def _markers(
    analysis: Analysis, start: int, end: int, *, evidence: bool
) -> dict[str, list[tuple[str, Span]]]:
    """The stance markers in ``[start, end)`` by group, each word with its span, in text order."""
    text = analysis.document.text
    found: dict[str, list[tuple[str, Span]]] = {}
    for t in words(analysis, start, end):
        w = t.norm
        if w == "may" and t.text[0].isupper():
            continue  # the month
        for name, markers in GROUPS.items():
            if w in markers or (evidence and w in EVIDENCE_ALSO.get(name, frozenset())):
                found.setdefault(name, []).append((w, Span(t.start, t.end)))
    if not evidence:
        for m in DRAWN_INFERENCE_RE.finditer(text, start, end):
            found.setdefault("inference", []).append((m.group().lower(), Span(m.start(), m.end())))
    for m in FIRST_PERSON_RE.finditer(text, start, end):
        found.setdefault("opinion", []).append((m.group().lower(), Span(m.start(), m.end())))
    return found


def check_stance(derived: Analysis, claim: Span, source: Analysis, evidence: list[Span]) -> list[Finding]:
    """An ``unsupported_content`` finding for a stance of the claim that its evidence does not share.

    A group is shared when the evidence has a marker of it, except that a claim marker other
    than :data:`REPORTED_FUTURE` needs an evidence marker other than those.
    """
    have: dict[str, set[str]] = {}
    for ev in evidence:
        for name, found in _markers(source, ev.start, ev.end, evidence=True).items():
            have.setdefault(name, set()).update(w for w, _ in found)
    claim_text = derived.document.text
    for name, found in _markers(derived, claim.start, claim.end, evidence=False).items():
        voiced = have.get(name, set())
        strong = [x for x in found if x[0] not in REPORTED_FUTURE]
        if (voiced - REPORTED_FUTURE) if strong else voiced:
            continue
        span = (strong or found)[0][1]
        marker = span.of(claim_text)
        return [
            Finding(
                "unsupported_content",
                span,
                f"opinion, prediction or speculation ({name}: {marker!r}) that the evidence does not voice",
                evidence[0] if evidence else None,
            )
        ]
    return []


def is_stance(f: Finding) -> bool:
    """Whether a finding comes from this check (and not from a low model score)."""
    return f.type == "unsupported_content" and f.detail.startswith("opinion, prediction or speculation (")
