"""The strict speaker check: every person a sentence names as a speaker is the analyser's.

The checker judges whether a sentence is supported by the article; this check adds what it
cannot see, against the analyser's attributions (``Analysis.quotes``) and references:

- an answer sentence that replaced a pronoun names the actor ``Analysis.references`` gives for
  that pronoun, and when the pronoun is the speaker of a quotation, the analyser's speaker of
  that quotation is the same actor;
- a question names an actor as a speaker ("What did X say", "How did X respond", "X's
  terms", "according to X") only when the answer holds a statement of that actor whose
  speaker :func:`~copydesk.generate.units.speaker_of` trusts; it names any other actor only
  when the answer names it too; and every name it uses is a name the article gives, not a
  name with a headline word glued to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from copydesk.generate.lexicon import PRONOUNS, QUESTION_OPENERS, RESPONSE_NOUNS, SPEECH_LEMMAS
from copydesk.generate.realise import Sentence
from copydesk.generate.references import antecedent
from copydesk.generate.units import Unit, speaker_of
from copydesk.generate.verbs import base_form
from copydesk.model import Analysis, Span

NAMED_TYPES = ("PERSON", "ORG", "GPE")
"""Actor types a question may name."""


def actor_names(analysis: Analysis) -> dict[str, set[str]]:
    """Every way the article names each actor: name, aliases, capitalised mentions, surname."""
    text = analysis.document.text
    out: dict[str, set[str]] = {}
    for a in analysis.actors:
        found = {a.name, *a.aliases, *(" ".join(m.of(text).split()) for m in a.mentions)}
        parts = a.name.split()
        if a.type == "PERSON" and len(parts) > 1:
            found.add(parts[-1])
        names = set()
        for n in found:
            n = re.sub(r"^[Tt]he\s+", "", n)
            if len(n) >= 2 and n[:1].isupper() and n.lower() not in PRONOUNS:
                names.add(n)
        out[a.id] = names
    return out


def named_in(text: str, analysis: Analysis, names: dict[str, set[str]]) -> dict[str, list[Span]]:
    """The actors a text names and where; a name inside another actor's longer name is the
    longer name's."""
    hits: list[tuple[int, int, str]] = []
    for a in analysis.actors:
        if a.type not in NAMED_TYPES:
            continue
        for n in names.get(a.id, ()):
            for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text):
                hits.append((m.start(), m.end(), a.id))
    out: dict[str, list[Span]] = {}
    for s, e, aid in hits:
        if any(s2 <= s and e <= e2 and e2 - s2 > e - s and a2 != aid for s2, e2, a2 in hits):
            continue
        out.setdefault(aid, []).append(Span(s, e))
    return out


def _speech(word: str) -> bool:
    low = word.lower()
    return low in SPEECH_LEMMAS or (base_form(low) or "") in SPEECH_LEMMAS


def framed_as_speaker(text: str, at: Span) -> bool:
    """Whether a question presents the name at ``at`` as a speaker."""
    after = text[at.end :]
    m = re.match(r"[’']s\s+(\w+)", after)
    if m and m.group(1).lower() in RESPONSE_NOUNS:
        return True
    m = re.match(r"\s+(?:(\w+)\s+)?(\w+)", after)
    if m and (_speech(m.group(2)) or (m.group(1) is not None and _speech(m.group(1)))):
        return True
    return re.search(r"\baccording to\s+(?:the\s+)?$", text[: at.start], re.IGNORECASE) is not None


def capitalised_run(text: str, at: Span) -> str:
    """The run of capitalised words around a name ("Donald Trump Tells")."""
    s, e = at.start, at.end
    while m := re.match(r"\s+([A-Z][\w’'.-]*)", text[e:]):
        e += m.end()
    while (m := re.search(r"([A-Z][\w’'.-]*)\s+$", text[:s])) and m.group(1) not in QUESTION_OPENERS:
        s = m.start(1)
    return re.sub(r"[’']s$", "", text[s:e]).rstrip(".,;:?")


def _is_name(run: str, titles: Sequence[str], names: set[str]) -> bool:
    bare = re.sub(r"^(?:[A-Z][a-z]{0,4}\.\s+)+", "", run)
    return run in names or bare in names or any(run == f"{t} {n}" for t in titles for n in names)


def sentence_problems(analysis: Analysis, sentence: Sentence, unit: Unit) -> list[str]:
    """Why an answer sentence's edits name the wrong speaker (empty when they do not)."""
    problems = []
    names = actor_names(analysis)
    for e in sentence.edits:
        if e.kind != "pronoun":
            continue
        actor = antecedent(analysis, e.source)
        bare = re.sub(r"[’']s$", "", e.text)
        if actor is None or bare not in names.get(actor, set()):
            problems.append(f"{e.text!r} is not the analyser's antecedent of the pronoun at {e.source.start}")
            continue
        for k in unit.quotes:
            q = analysis.quotes[k]
            if q.speaker == e.source and q.actor != actor:
                problems.append(
                    f"{e.text!r} is not the analyser's speaker of the quotation at {q.content.start}"
                )
    return problems


def question_problems(
    analysis: Analysis, question: str, units: Sequence[Unit], answer: str, names: dict[str, set[str]]
) -> list[str]:
    """Why a question names someone its answer does not have as speaker or subject."""
    speakers = {
        a for u in units for k in u.statements if (a := speaker_of(analysis, analysis.quotes[k])) is not None
    }
    in_answer = set(named_in(answer, analysis, names))
    problems = []
    for actor_id, spans in named_in(question, analysis, names).items():
        actor = analysis.actor(actor_id)
        for at in spans:
            run = capitalised_run(question, at)
            if run != at.of(question) and not _is_name(run, actor.titles, names[actor_id]):
                problems.append(f"{run!r} is not a name the article gives")
            elif framed_as_speaker(question, at) and actor_id not in speakers:
                problems.append(f"{actor.name} is asked about as a speaker but says nothing in the answer")
            elif actor_id not in speakers and actor_id not in in_answer:
                problems.append(f"{actor.name} is not in the answer")
    return problems


def statement_problems(
    analysis: Analysis, sentence: str, units: Sequence[Unit], names: dict[str, set[str]]
) -> list[str]:
    """Why a sentence written from the article (an LLM's) names someone as the speaker of
    words that are not theirs: every actor it presents as a speaker must be the trusted
    speaker of a statement in the units it cites."""
    speakers = {
        a for u in units for k in u.statements if (a := speaker_of(analysis, analysis.quotes[k])) is not None
    }
    problems = []
    for actor_id, spans in named_in(sentence, analysis, names).items():
        if actor_id in speakers:
            continue
        if any(framed_as_speaker(sentence, at) for at in spans):
            problems.append(
                f"{analysis.actor(actor_id).name} is presented as a speaker of words that are not theirs"
            )
    return problems
