"""Claims of a derived text: its layout (plain text or ``Speaker: text`` transcript) and sentences.

A derived text is either running prose (a summary, a rewrite) or a transcript: lines of
``Speaker: text`` turns, possibly under a title line such as "Interview between X and Y".
In a transcript the speaker label and the title are the text's own frame: they are not
claims, but the names in them are people the text presents, so they are checked as entities
(see :mod:`copydesk.check.entities`). Role labels ("Time.news Editor", "Desk analyst") are
recognised by their role noun and never checked.

Each sentence becomes a :class:`Claim`: either checkable (with the span that is checked,
which for a question is the claim it embeds) or ``no_claim`` with the reason (pleasantry,
question, filler).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk import lang
from copydesk.check.text import HONORIFICS, ROLE_WORDS, is_question, strip_span, words
from copydesk.model import Analysis, Span

_EMPHASIS = r"(?:\*{1,2}|_{1,2})?"
TURN_RE = re.compile(
    rf"^[ \t]*(?:[-•>][ \t]+)?{_EMPHASIS}(?P<label>[A-Z\u00C0-\u024F][^:\n*]{{0,79}}?)[ \t]*{_EMPHASIS}"
    rf"[ \t]*:{_EMPHASIS}[ \t]+(?P<body>\S[^\n]*)$",
    re.M,
)
"""A transcript line: ``Label: text`` with a short label that starts with a capital; the label
may be in Markdown emphasis (``**Label:**``, ``**Label**:``) or after a list bullet."""

TITLE_RE = re.compile(
    r"\s*(?:#{1,6}\s+|\*\*)?(?:an?\s+|the\s+)?(?:exclusive\s+)?(?:interview|conversation|discussion|dialogue|q\s*&\s*a|transcript)"
    r"\b(?:\s+(?:between|with|of))?\s*:?\s*(?P<rest>.*?)(?:\*\*)?$",
    re.I,
)
"""A transcript's title line ("Interview between Time.news Editor and Dr. X")."""

MIN_TURN_LINES = 2
"""A text is a transcript when at least this many lines are turns (or one, whose label ends in
a role word: "Guest: ...")..."""
MIN_TURN_SHARE = 0.6
"""...and turns make up at least this share of its non-empty lines (the title aside)."""
CREDIT_LABELS = lang.words("labels", "credits")
"""Labels of credits and captions: page furniture wherever they stand ("... Source: Valmora Wire")."""
NOT_SPEAKERS = CREDIT_LABELS | lang.words("labels", "not_speakers")
"""First words of ``Word: text`` lines that are page furniture, not speakers ("Source: RES-MPE")."""
MAX_LABEL_WORDS = 8
"""A longer label is a sentence with a colon, not a speaker."""

PLEASANTRY_RE = re.compile(
    r"^\W*(?:"
    r"good\s+(?:morning|afternoon|evening|day)\b"
    r"|(?:hello|hi|hey|greetings|welcome)\b"
    r"|(?:thank\s+you|thanks|many\s+thanks)\b(?!\s+to\b)"
    r"|(?:it(?:'|’)?s|it\s+is|that(?:'|’)?s)\s+(?:a|my|our)\s+(?:pleasure|privilege)\b"
    r"|(?:my|the)\s+pleasure\b"
    r"|(?:great|nice|good|glad|happy|delighted|pleased)\s+to\s+(?:be\s+(?:here|with\s+you)|have\s+you|see\s+you|talk|join)\b"
    r"|(?:goodbye|bye)\b"
    r"|your\s+(?:insights?|analysis|perspective|time|expertise|comments?|views?)\s+(?:is|are|was|were|has\s+been|have\s+been)\b"
    r")",
    re.I,
)
"""Greetings, thanks and compliments to the other speaker: never claims about the source."""

ABOUT_ITSELF_RE = re.compile(
    r"^\W*this\s+(?:interview|transcript|conversation|dialogue|summary|rewrite|text)\s+"
    r"(?:was|is|has\s+been)\s+(?:\w+\s+)?(?:generated|produced|written|created|compiled|prepared)\b",
    re.I,
)
"""A note about the derived text itself ("This interview was generated automatically by ...")."""

LABEL_START_RE = re.compile(r"^\W*([A-Za-z]+)\s*:")
"""A sentence that opens with a one-word label ("Source: ...")."""

MAX_PLEASANTRY_WORDS = 25
"""A sentence that opens with a greeting but runs longer than this is checked anyway."""

FILLERS: frozenset[str] = lang.words("interview", "fillers")
"""One-word replies ("Exactly.", "Indeed.") that carry no claim."""
EMPTY_REPLY_RE = re.compile(
    r"^\W*(?:that(?:'|’)?s|that\s+is|you(?:'|’)?re|you\s+are)\s+(?:(?:quite|absolutely|exactly|so)\s+)?"
    r"(?:right|correct|true|(?:a\s+)?(?:good|great|fair|important|excellent)\s+(?:point|question)s?)\W*$"
    r"|^\W*(?:it(?:'|’)?s|it\s+is)\s+(?:(?:very|really|still)\s+)?(?:too\s+early|difficult|hard|impossible)\s+"
    r"to\s+(?:say|predict|tell|know)(?:\s+(?:yet|for\s+sure|with\s+(?:any\s+)?certainty))?\W*$",
    re.I,
)
"""A reply that only agrees with the other speaker ("That's right.", "You're absolutely right.")
or says it cannot tell ("It's difficult to predict with certainty.")."""

REQUEST_RE = re.compile(
    r"^\W*(?:(?:please\s+)?(?:tell|explain|describe|walk|help|remind)\s+(?:us|me)\b"
    r"|let(?:'|’)?s\s+(?:turn|talk|move|start|begin|look|discuss|focus)\b"
    r"|(?:i|we)(?:'|’)?(?:d|ll)?\s*(?:would|want(?:ed)?|will)?\s*(?:like\s+to\s+)?"
    r"(?:ask|turn|talk|discuss|start|move|begin|focus)\s+(?:you|to|about|on|with)\b)",
    re.I,
)
"""Requests and interview moves addressed to the other speaker ("Tell us more about ...")."""

QUESTION_SPLIT_RE = re.compile(
    r"(?:,|—|–|\s-\s|:|;)\s*(?:(?:so|and|but|then|now|well)\s*,?\s+)?(?=(?:what|how|why|who|whom|where|when|which|can|could|would|will|do|does|did|"
    r"is|are|was|were|should|has|have|had|may|might|isn(?:'|’)t|wasn(?:'|’)t|didn(?:'|’)t|doesn(?:'|’)t|"
    r"don(?:'|’)t|won(?:'|’)t|aren(?:'|’)t|hasn(?:'|’)t|haven(?:'|’)t|right|correct|true)\b)",
    re.I,
)
"""Where the interrogative part of a question starts after a declarative lead-in."""

REPORTING_RE = re.compile(
    r"\b(?:said|says|say|saying|claim(?:s|ed|ing)?|statements?|remarks?|comments?|told|tells|not(?:ed|es|ing)|"
    r"emphasi[sz](?:ed|es|ing)|stress(?:ed|es|ing)|warn(?:ed|s|ing)|announc(?:ed|es|ing|ement)|"
    r"insist(?:ed|s|ing)|argu(?:ed|es|ing)|den(?:ied|ies|ying)|promis(?:ed|es|ing)|pledg(?:ed|es|ing)|"
    r"vow(?:ed|s|ing)|suggest(?:ed|s|ing)|acknowledg(?:ed|es|ing)|admit(?:ted|s|ting)|declar(?:ed|es|ing)|"
    r"report(?:ed|s|ing)?|according\s+to|reject(?:ed|s|ing)|describ(?:ed|es|ing)|call(?:ed|s|ing)\s+for|"
    r"rhetoric|pledges?|promises?|demands?|terms)\b",
    re.I,
)
"""Words that show a lead-in reports what someone said: such a lead-in is a checkable claim."""

LEAD_IN_RE = re.compile(
    r"(?:(?:and|but|so|now|lastly|finally|also|then|well)\s*,?\s+)*"
    r"(?:with|given(?:\s+that)?|after|following|since|now\s+that|in\s+light\s+of|considering(?:\s+that)?|as)\s+",
    re.I,
)
"""A connective that opens a question's lead-in; it is not part of the embedded claim."""


@dataclass(frozen=True)
class Label:
    """A speaker label (or a title participant): its span and the names of people in it."""

    span: Span
    names: tuple[Span, ...] = ()
    frame: tuple[str, ...] = ()
    """Words of the role part of the label ("Time.news", "Editor"): the text's own frame."""


@dataclass(frozen=True)
class TurnSpan:
    """One turn of a transcript: the speaker label and the span of what is said."""

    label: Label
    content: Span


@dataclass(frozen=True)
class Layout:
    """How a derived text is laid out: a transcript (title, turns) or plain prose (no turns)."""

    turns: tuple[TurnSpan, ...] = ()
    title: Span | None = None
    title_labels: tuple[Label, ...] = ()

    @property
    def is_transcript(self) -> bool:
        return bool(self.turns)

    def frame_words(self) -> frozenset[str]:
        """Lower-cased words of the role labels (outlet names and roles), never flagged as entities."""
        words: set[str] = set()
        for label in [t.label for t in self.turns] + list(self.title_labels):
            words.update(w.lower() for w in label.frame)
        return frozenset(words)


@dataclass(frozen=True)
class Claim:
    """One sentence of the derived text and what to check in it.

    ``check`` is the part that is checked (the whole sentence, or the claim a question
    embeds); it is None for a sentence that makes no claim, with ``reason`` saying why.
    """

    span: Span
    check: Span | None
    reason: str | None = None
    turn: int | None = None
    speaker: str | None = None


def parse_label(analysis: Analysis, start: int, end: int) -> Label:
    """Splits a speaker label into its role part (frame) and the names of the people it presents.

    In each comma-separated part, everything up to the last role noun is the frame ("Time.news
    Editor", "Geopolitical Expert"); the words after it are a name ("Dr. Elena Braginski").
    A part with no role noun is a name. Parenthesised remarks are frame.
    """
    text = analysis.document.text
    names: list[Span] = []
    frame: list[str] = []
    masked = re.sub(r"\([^)]*\)?", lambda m: " " * len(m.group()), text[start:end])
    for part in re.finditer(r"[^,;]+", masked):
        found = words(analysis, start + part.start(), start + part.end())
        found = [w for w in found if masked[w.start - start : w.end - start].strip()]
        last_role = -1
        for i, w in enumerate(found):
            if w.norm in ROLE_WORDS or w.norm.rstrip("s") in ROLE_WORDS:
                last_role = i
        frame.extend(w.text for w in found[: last_role + 1])
        rest = found[last_role + 1 :]
        titled = [i for i, w in enumerate(rest) if w.norm in HONORIFICS or w.norm + "." in HONORIFICS]
        if titled:
            frame.extend(w.text for w in rest[: titled[0]])
            rest = rest[titled[0] :]
        if (
            rest
            and any(w.text[0].isupper() for w in rest)
            and not (len(rest) == 1 and len(rest[0].text) == 1)
        ):
            names.append(Span(rest[0].start, rest[-1].end))
    return Label(Span(start, end), tuple(names), tuple(frame))


def _turn_lines(text: str) -> list[re.Match[str]]:
    out = []
    for m in TURN_RE.finditer(text):
        label = m.group("label")
        if len(label.split()) > MAX_LABEL_WORDS or re.search(r"[\"“”?!]|[.!?]$|^\d|https?", label):
            continue
        if label.split()[0].lower() in NOT_SPEAKERS:
            continue
        out.append(m)
    return out


def layout(analysis: Analysis) -> Layout:
    """Finds the transcript structure of a derived text (no turns: plain prose)."""
    text = analysis.document.text
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if not lines:
        return Layout()
    turn_lines = _turn_lines(text)
    title_line = lines[0] if not any(t.start() <= lines[0].start() < t.end() for t in turn_lines) else None
    counted = len(lines) - (1 if title_line is not None else 0)
    enough = len(turn_lines) >= MIN_TURN_LINES or (
        len(turn_lines) == 1 and turn_lines[0].group("label").split()[-1].lower() in ROLE_WORDS
    )
    if not enough or counted <= 0 or len(turn_lines) / counted < MIN_TURN_SHARE:
        return Layout()
    turns: list[TurnSpan] = []
    for i, m in enumerate(turn_lines):
        body_start = m.start("body")
        body_end = turn_lines[i + 1].start() if i + 1 < len(turn_lines) else len(text)
        s, e = strip_span(text, body_start, body_end)
        ls, le = m.start("label"), m.end("label")
        turns.append(TurnSpan(parse_label(analysis, ls, le), Span(s, max(s, e))))
    title: Span | None = None
    title_labels: list[Label] = []
    if title_line is not None and title_line.start() < turn_lines[0].start():
        s, e = strip_span(text, title_line.start(), title_line.end())
        title = Span(s, e)
        tm = TITLE_RE.match(text, s, e)
        if tm and tm.group("rest"):
            rest_start = tm.start("rest")
            pos = rest_start
            for sep in [*re.finditer(r"\s+and\s+|\s*&\s*|,\s*", text[rest_start:e]), None]:
                part_end = rest_start + sep.start() if sep else e
                ps, pe = strip_span(text, pos, part_end)
                if ps < pe:
                    title_labels.append(parse_label(analysis, ps, pe))
                if sep:
                    pos = rest_start + sep.end()
    return Layout(tuple(turns), title, tuple(title_labels))


def _sentences_in(analysis: Analysis, start: int, end: int) -> list[tuple[int, int]]:
    """The analysis' sentences clipped to ``[start, end)`` (the analyser ends a sentence at every
    line break, so a transcript turn or a paragraph starts a sentence of its own)."""
    text = analysis.document.text
    out: list[tuple[int, int]] = []
    for s in analysis.sentences:
        if s.end <= start or s.start >= end:
            continue
        cs, ce = strip_span(text, max(s.start, start), min(s.end, end))
        if cs < ce:
            out.append((cs, ce))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(set(out)):
        if merged and not any(ch.isalnum() for ch in text[a:b]) and not text[merged[-1][1] : a].strip():
            merged[-1] = (merged[-1][0], b)  # a closing quote mark split off its sentence
        else:
            merged.append((a, b))
    return merged


def classify(analysis: Analysis, start: int, end: int) -> tuple[Span | None, str | None]:
    """Decides what to check in the sentence ``[start, end)`` of an analysed text.

    Returns ``(check_span, None)`` for a claim and ``(None, reason)`` for a sentence with no
    claim. A question is checked only for the claim it embeds: a declarative lead-in that
    reports what someone said ("Trump claimed he could end the conflict in 24 hours -- what can
    we make of that?").
    """
    text = analysis.document.text
    sentence = text[start:end]
    found = words(analysis, start, end)
    if not any(any(ch.isalpha() for ch in w.text) for w in found):
        return None, "no words"
    bare = " ".join(w.norm for w in found)
    if (
        bare in FILLERS
        or (len(found) <= 2 and all(w.norm in FILLERS for w in found))
        or EMPTY_REPLY_RE.match(sentence)
    ):
        return None, "filler"
    if PLEASANTRY_RE.match(sentence) and len(found) <= MAX_PLEASANTRY_WORDS:
        return None, "pleasantry"
    if REQUEST_RE.match(sentence):
        return None, "request to the other speaker"
    if ABOUT_ITSELF_RE.match(sentence):
        return None, "a note about the text itself"
    label = LABEL_START_RE.match(sentence)
    if label and label.group(1).lower() in CREDIT_LABELS:
        return None, "a credit or caption"
    if is_question(sentence):
        splits = list(QUESTION_SPLIT_RE.finditer(sentence))
        if splits:
            lead_end = start + splits[-1].start()
            lead_start = start
            lead = LEAD_IN_RE.match(text, start, lead_end)
            if lead:
                lead_start = lead.end()
            ls, le = strip_span(text, lead_start, lead_end)
            lead_words = words(analysis, ls, le)
            if len(lead_words) >= 4 and REPORTING_RE.search(text, ls, le):
                return Span(ls, le), None
        return None, "question"
    return Span(start, end), None


def claims(analysis: Analysis, lay: Layout | None = None) -> list[Claim]:
    """Every sentence of the derived text as a :class:`Claim`, in text order.

    Transcript labels and the title line are not claims (they are checked as entities
    elsewhere); each turn's content is split into sentences.
    """
    text = analysis.document.text
    lay = lay if lay is not None else layout(analysis)
    out: list[Claim] = []
    if lay.is_transcript:
        for i, turn in enumerate(lay.turns):
            speaker = turn.label.span.of(text)
            for s, e in _sentences_in(analysis, turn.content.start, turn.content.end):
                check, reason = classify(analysis, s, e)
                out.append(Claim(Span(s, e), check, reason, i, speaker))
    else:
        for s, e in _sentences_in(analysis, 0, len(text)):
            check, reason = classify(analysis, s, e)
            out.append(Claim(Span(s, e), check, reason))
    return out
