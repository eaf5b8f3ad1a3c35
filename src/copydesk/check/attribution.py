"""Who said what, derived against source: the ``misattribution`` check.

Each attribution of the derived text (the analyser's quotes, or a "<Name> said ..." /
"according to <Name>" pattern where the analyser found none) is matched by content to the
source's attributions. When the closest source attributions give the content to someone
else, the derived speaker is flagged. Content is matched by the share of the derived
content's words that a source attribution's content holds (:data:`MIN_CONTENT_COVERAGE`),
so paraphrased reported speech still finds its original. A speaker given by description ("the
transport minister") is compared with the source speaker's titles and name, not with the actor
the analyser linked the description to in the derived text alone.

:func:`check_unsourced` covers the other case: a person named as the speaker of words that the
source states itself, with no quote in the evidence and no mention of that person near it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from copydesk import lang
from copydesk.check.entities import Mention, names_in, same_entity
from copydesk.check.text import PRONOUNS, content_lemmas, coverage, name_keys, normalise, words
from copydesk.model import Actor, Analysis, Finding, Quote, Span

MIN_CONTENT_COVERAGE = 0.5
"""Share of the derived content's words a source attribution must hold to be its original."""
MIN_SHARED_WORDS = 3
"""...and at least this many content words in common."""
TIE_MARGIN = 0.1
"""Source attributions within this much of the best match count as matches too."""

REPORTING_VERBS = (
    "said|says|told|tells|noted|notes|added|adds|emphasized|emphasised|stressed|warned|wrote|claimed|claims|"
    "insisted|argued|announced|declared|stated|explained|acknowledged|admitted|denied|suggested|urged|"
    "promised|pledged|vowed|confirmed|asserted|maintained|contended|predicted|recalled|replied|responded"
)
SAID_AFTER_RE = re.compile(
    rf"^\s*(?:has\s+|had\s+|also\s+|later\s+|then\s+){{0,2}}(?:{REPORTING_VERBS})\b", re.I
)
"""A reporting verb right after a speaker ("Peskov (also) said ...")."""
SAID_BEFORE_RE = re.compile(rf"(?:{REPORTING_VERBS})\s*$", re.I)
"""A reporting verb right before a speaker ("..., said Peskov.")."""
ACCORDING_RE = re.compile(r"according\s+to\s*$", re.I)


FULL_NAME_RE = re.compile(r"(?:^|\s)[A-Z][a-z’'\-]+\s+[A-Z][a-z’'\-]+$")
"""A speaker that ends in a first name and a surname ("Regional governor Ana Ruiz")."""


@dataclass(frozen=True)
class Attribution:
    """A speaker and content in the derived text (spans into it) and the speaker's name."""

    speaker: Span
    name: str
    content: Span


INDEFINITE_RE = re.compile(r"^(?:a|an|one|some)\s", re.I)
"""A speaker given as an indefinite description ("A study of glaciers suggests ..."): it names
no one, so it is compared with no source speaker."""


def _speaker_name(text: str, q: Quote) -> str | None:
    if q.name and q.name[0].isupper():
        return q.name
    if q.speaker is not None:
        said = q.speaker.of(text)
        if said and said[0].isupper() and normalise(said) not in PRONOUNS:
            return said
    return None


def attributions(
    derived: Analysis, span: Span, found: list[Mention], people: Sequence[Actor] = ()
) -> list[Attribution]:
    """The attributions made inside ``span`` of the derived text.

    A quote whose speaker the analyser did not resolve counts when its speaker names one of the
    source's ``people`` or ends in a full name ("Regional governor Ana Ruiz said ..."), and is
    no possessive: another unresolved subject ("Norberg's council voted to ...") is more often
    a misread cue than an attribution.
    """
    text = derived.document.text
    out: list[Attribution] = []
    for q in derived.quotes:
        if not q.content.overlaps(span) or q.speaker is None or INDEFINITE_RE.match(q.speaker.of(text)):
            continue
        name = _speaker_name(text, q) if q.name else None
        said = q.speaker.of(text)
        if name is None and said[:1].isupper() and "'" not in said.replace("’", "'"):
            person = next((a.name for a in people if same_entity(said, a.name)), None)
            name = person or (said if FULL_NAME_RE.search(said) else None)
        if name:
            out.append(Attribution(q.speaker, name, q.content))
    if out:
        return out
    for m in names_in(text, span, found):
        if m.type not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        name = m.span.of(text)
        after = SAID_AFTER_RE.match(text[m.span.end : span.end])
        if after:
            cs = m.span.end + after.end()
            # "..., Peskov said." puts the content before the speaker.
            if not text[cs : span.end].strip(" .,;:\"'”’"):
                content = Span(span.start, m.span.start)
            else:
                content = Span(cs, span.end)
            out.append(Attribution(m.span, name, content))
            continue
        before = text[span.start : m.span.start]
        if SAID_BEFORE_RE.search(before) or ACCORDING_RE.search(before):
            content = Span(span.start, m.span.start)
            after_name = words(derived, m.span.end, span.end)
            if ACCORDING_RE.search(before) or len(after_name) > len(words(derived, span.start, m.span.start)):
                content = Span(m.span.end, span.end)
            out.append(Attribution(m.span, name, content))
    return out


def _describes(description: str, q: Quote, who: str, source: Analysis) -> bool:
    """Whether a description ("the transport minister", "the harbour authority") fits the
    source's speaker: one of the speaker's titles holds its words, or it names the speaker."""
    words = [w.lower() for w in re.findall(r"[\w\-]+", description)[1:]]
    if not words:
        return False
    actor = next((a for a in source.actors if a.id == q.actor), None)
    titles = [t.lower().split() for t in (actor.titles if actor else ())]
    return any(set(words) <= set(t) for t in titles) or same_entity(" ".join(words), who)


def _reported_of(said: str, q: Quote, source: Analysis) -> bool:
    """Whether the source's content itself names the derived speaker as the one who did or said
    it: "Vasko said the council voted to close the bridge" reports the council's vote, which
    "The council voted to close the bridge" restates."""
    keys = name_keys(said)
    said_there = {t.norm for t in words(source, q.content.start, q.content.end)}
    return bool(keys) and all(k in said_there for k in keys)


NESTED_REPORT_RE = re.compile(rf"^\W*(?:he|she|they)\s+(?:{REPORTING_VERBS})\b", re.I)
"""Content that is itself a report of what someone else said ("He said he was not involved")."""


def _reports_another(q: Quote, source_text: str) -> bool:
    """Whether the source's content passes on what another person said: in "'He said he was not
    involved,' Kraft testified", the words are his, whom a derived text may name as the speaker."""
    return bool(NESTED_REPORT_RE.match(q.content.of(source_text)))


def _speaks_for(name: str, q: Quote, source: Analysis) -> bool:
    """Whether the source speaker speaks for the derived one, an organisation that the speaker's
    description or titles name: "Bluewater Lines chief executive Priya Natarajan said the company
    would order two ferries" is restated by "Bluewater will order two ferries"."""
    if q.speaker is None:
        return False
    actor = next((a for a in source.actors if a.id == q.actor), None)
    titles = [normalise(t) for t in (actor.titles if actor else ())]
    return any(
        any(q.speaker.start <= m.start and m.end <= q.speaker.end for m in org.mentions)
        or any(normalise(org.name) in t for t in titles)
        for org in source.actors
        if org.type == "ORG" and same_entity(name, org.name)
    )


def _same_speaker(name: str, said: str, q: Quote, who: str) -> bool:
    """Whether a derived speaker (``name``, written ``said``) is the source speaker ``who``. A
    source speaker that names no actor and ends in a common noun is a group ("Biden aides",
    "café owners"): a derived speaker is it when it names the same group ("aides to Biden"),
    not when it is the name that modifies it ("Biden")."""
    words = who.split()
    if q.actor is None and words and words[-1][:1].islower():
        head = name_keys(who)[-1:]
        return bool(head) and head[0] in name_keys(said)
    return same_entity(name, who)


def _originals(derived: Analysis, att: Attribution, source_contents: list[set[str]]) -> list[int]:
    """The source contents (by their content lemmas) that a derived attribution's content
    restates: those holding the most of its words, within :data:`TIE_MARGIN`, when that is at
    least :data:`MIN_CONTENT_COVERAGE` of them and :data:`MIN_SHARED_WORDS`."""
    stems = content_lemmas(words(derived, att.content.start, att.content.end))
    if len(stems) < MIN_SHARED_WORDS or not source_contents:
        return []
    scored = [(coverage(stems, s), len(stems & s), i) for i, s in enumerate(source_contents)]
    best = max(c for c, _, _ in scored)
    if best < MIN_CONTENT_COVERAGE:
        return []
    return [i for c, n, i in scored if c >= best - TIE_MARGIN and n >= MIN_SHARED_WORDS]


def check_attribution(derived: Analysis, span: Span, found: list[Mention], source: Analysis) -> list[Finding]:
    """``misattribution`` findings: derived speakers the source does not give that content to."""
    dtext, stext = derived.document.text, source.document.text
    src_quotes = [(q, _speaker_name(stext, q)) for q in source.quotes]
    src_quotes = [(q, n) for q, n in src_quotes if n]
    if not src_quotes:
        return []
    src_stems = [content_lemmas(words(source, q.content.start, q.content.end)) for q, _ in src_quotes]
    out: list[Finding] = []
    people = [a for a in source.actors if a.type == "PERSON"]
    for att in attributions(derived, span, found, people):
        matches = _originals(derived, att, src_stems)
        if not matches:
            continue
        said = att.speaker.of(dtext)
        described = said.lower().startswith("the ")
        if any(
            _same_speaker(att.name, said, q, who or "")
            or (described and _describes(said, q, who or "", source))
            or _reported_of(said, q, source)
            or _reports_another(q, stext)
            or _speaks_for(att.name, q, source)
            for q, who in (src_quotes[i] for i in matches)
        ):
            continue
        q, who = src_quotes[matches[0]]
        sentence = next((s for s in source.sentences if s.start <= q.content.start < s.end), q.content)
        out.append(
            Finding(
                "misattribution",
                att.speaker,
                f"the source attributes this to {who!r}, not {said if described else att.name!r}",
                evidence=sentence,
                relation="contradicts",
            )
        )
    return out


NEARBY_SENTENCES = 2
"""Sentences either side of the evidence in which the source may name a derived speaker."""


def check_unsourced(
    derived: Analysis,
    span: Span,
    found: list[Mention],
    source: Analysis,
    evidence: Sequence[Span],
    *,
    skip: Sequence[Span] = (),
) -> list[Finding]:
    """Derived speakers of words the source states itself: "Kraft said the plant will close"
    where the source says only "The plant will close" and names Kraft nowhere near it. The
    evidence must hold no source quote and the sentences around it must not name the speaker;
    speakers overlapping ``skip`` (already reported) are left out."""
    dtext = derived.document.text
    if not evidence or any(q.content.overlaps(e) for q in source.quotes for e in evidence):
        return []
    sents = source.sentences
    at = [i for i, s in enumerate(sents) if any(s.overlaps(e) for e in evidence)]
    if not at:
        return []
    lo, hi = max(0, min(at) - NEARBY_SENTENCES), min(len(sents), max(at) + NEARBY_SENTENCES + 1)
    near = {t.norm for t in words(source, sents[lo].start, sents[hi - 1].end)}
    people = [a for a in source.actors if a.type == "PERSON"]
    persons = [m.span for m in found if m.type == "PERSON"]
    out: list[Finding] = []
    for att in attributions(derived, span, found, people):
        said = att.speaker.of(dtext)
        # a person named as the speaker, next to a reporting verb ("Kraft said", "said Kraft")
        named = att.speaker in persons and (
            SAID_AFTER_RE.match(dtext[att.speaker.end : span.end])
            or SAID_BEFORE_RE.search(dtext[span.start : att.speaker.start])
            or ACCORDING_RE.search(dtext[span.start : att.speaker.start])
        )
        keys = name_keys(said)
        if (
            not named
            or not keys
            or any(k in near for k in keys)
            or any(att.speaker.overlaps(x) for x in skip)
        ):
            continue
        out.append(
            Finding(
                "unsupported_content",
                att.speaker,
                f"the source does not give these words to {att.name!r}: it states them without a speaker",
                evidence=evidence[0],
            )
        )
    return out


THIRD_PERSON = lang.pronouns(person=3)
"""Pronouns that may stand as a source quote's speaker ("she said")."""


def _pronoun_fits(pronoun: str, actor: Actor, source: Analysis) -> str | None:
    """Why ``actor`` cannot be what a speaker ``pronoun`` refers to, or None when it can: the
    pronoun's gender or number disagrees with the actor's, or the source names the actor only
    inside quotations (someone else's words, never a pronoun's antecedent)."""
    gender = next((g for g in ("male", "female", "neuter") if pronoun in lang.pronouns(gender=g)), None)
    plural = pronoun in lang.pronouns(number="plural")
    if gender in ("male", "female") and actor.type != "PERSON":
        return f"{pronoun!r} is a person, and {actor.name} is not"
    if gender in ("male", "female") and actor.gender in ("male", "female") and actor.gender != gender:
        return f"{pronoun!r} is {gender}, and the source shows {actor.name} is {actor.gender}"
    if plural and actor.type == "PERSON":
        return f"{pronoun!r} is plural, and {actor.name} is one person"
    quoted = [q.content for q in source.quotes if q.kind != "indirect"]
    named = [m for m in actor.mentions if normalise(m.of(source.document.text)) not in THIRD_PERSON]
    if named and all(any(c.start <= m.start and m.end <= c.end for c in quoted) for m in named):
        return f"the source names {actor.name} only inside a quotation"
    return None


def check_pronoun_speakers(
    derived: Analysis, span: Span, found: list[Mention], source: Analysis
) -> list[Finding]:
    """``misattribution`` findings: a name put in the place of a source quote's pronoun speaker
    that cannot be the pronoun's antecedent ("Tom Berg said ..." where the source has "she
    said ...", and Berg is a man, or named only inside the quotation).

    The analyser leaves a pronoun unresolved when it cannot tell its antecedent
    (``Analysis.references``); a derived text that names a speaker for those words still names
    someone, and the pronoun's gender and number, and where the source names that person, say
    whether it can be them. (A resolved pronoun speaker is compared by :func:`check_attribution`.)
    """
    stext = source.document.text
    pronoun_quotes = [
        q for q in source.quotes if q.speaker is not None and normalise(q.speaker.of(stext)) in THIRD_PERSON
    ]
    if not pronoun_quotes:
        return []
    q_stems = [content_lemmas(words(source, q.content.start, q.content.end)) for q in pronoun_quotes]
    people = [a for a in source.actors if a.type == "PERSON"]
    out: list[Finding] = []
    for att in attributions(derived, span, found, people):
        matches = _originals(derived, att, q_stems)
        actor = next((a for a in source.actors if same_entity(att.name, a.name)), None)
        if not matches or actor is None:
            continue
        for i in matches:
            q = pronoun_quotes[i]
            assert q.speaker is not None
            if q.actor is not None and source.reference_at(q.speaker) is not None:
                continue  # resolved: check_attribution compares the speaker it names
            why = _pronoun_fits(normalise(q.speaker.of(stext)), actor, source)
            if why is None:
                break  # the pronoun may well be this person
            sentence = next((s for s in source.sentences if s.start <= q.content.start < s.end), q.content)
            detail = f"the source gives these words to {q.speaker.of(stext)!r}, not {att.name!r}: {why}"
            out.append(Finding("misattribution", att.speaker, detail, sentence, relation="contradicts"))
            break
    return out
