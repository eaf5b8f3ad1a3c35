"""Word lists of the interview generator, kept as named constants.

The cue list follows the spirit of textacy's ``constants.REPORTING_VERBS`` and the
attribution-cue inventory of PARC 3.0 (Pareti 2016); the reaction verbs are the subset of
cues that answer another actor's statement or act.
"""

from __future__ import annotations

import re


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


SUBJECT_PRONOUNS: frozenset[str] = _wordset("he she they it")
"""Pronouns that may open a sentence as its subject and be replaced by the actor's name."""

POSSESSIVE_PRONOUNS: frozenset[str] = _wordset("his her their its")
"""Possessives that may open a sentence ("His plan ...") and become "<Name>'s"."""

PRONOUNS: frozenset[str] = SUBJECT_PRONOUNS | POSSESSIVE_PRONOUNS | _wordset("him them hers theirs")
"""Every third-person pronoun an actor mention may be."""

LEAD_CONJUNCTIONS: frozenset[str] = _wordset("and but so yet then also still")
"""Words that may come before a sentence's subject pronoun ("And he added ...")."""

CUE_QUESTION_VERBS: dict[str, str] = {
    "told": "tell",
    "tells": "tell",
    "wrote": "write",
    "writes": "write",
    "denied": "deny",
    "denies": "deny",
    "announced": "announce",
    "announces": "announce",
    "added": "add",
    "adds": "add",
    "warned": "warn",
    "warns": "warn",
    "argued": "argue",
    "argues": "argue",
    "admitted": "admit",
    "admits": "admit",
    "promised": "promise",
    "promises": "promise",
    "proposed": "propose",
    "proposes": "propose",
    "predicted": "predict",
    "predicts": "predict",
    "acknowledged": "acknowledge",
    "acknowledges": "acknowledge",
    "laid out": "lay out",
    "lays out": "lay out",
    "set out": "set out",
    "sets out": "set out",
}
"""Cue words whose base form makes a natural question ("What did X tell NBC?"); any other
cue is asked about with "say"."""

OBJECT_CUES: frozenset[str] = _wordset(
    "tell deny announce admit promise propose predict acknowledge lay set write"
)
"""Question verbs (first word) that read well as "What did X <verb>?" without a topic."""

REPORTING_CUES: frozenset[str] = _wordset(
    """said says told tells added adds noted notes emphasized emphasised stressed warned wrote
    writes argued argues claimed claims insisted insists denied denies announced announces
    explained explains stated states believes believed acknowledged admitted promised"""
)
"""Reporting verbs: "X <verb> ..." puts the words that follow in X's mouth."""

REACTION_VERBS: frozenset[str] = _wordset(
    """rejected rejects dismissed dismisses responded responds reacted reacts welcomed welcomes
    condemned condemns criticized criticised criticizes criticises praised praises congratulated
    congratulates denied denies countered counters refused refuses slammed slams rebuffed
    rebuffs disputed disputes objected objects protested protests"""
)
"""Verbs that mark a sentence as a reaction to what came before ("Ukraine rejected them")."""

OUTLOOK_RE = re.compile(
    r"\b(?:will|won[’']t|shall|plans? to|planning to|is expected|are expected|expects? to|next|"
    r"upcoming|too early|not yet|nothing concrete|remains? (?:unclear|open|to be seen)|is due to|"
    r"are due to|is set to|are set to)\b",
    re.IGNORECASE,
)
"""Markers of what is still open or comes next."""

RELATIVE_DATE_RE = re.compile(
    r"^(?:(?P<prep>on|last|this|next)\s+)?"
    r"(?P<word>today|tonight|yesterday|tomorrow|week|month|year|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
    re.IGNORECASE,
)
"""Relative date expressions that restate as an absolute date when their value is known."""

DATE_PREPOSITIONS: frozenset[str] = _wordset(
    "on in since until till by from before after through during of to"
)
"""Words before a date that already play the preposition's part ("since yesterday")."""

QUOTE_MARKS: str = '“”"«»„'
"""Quotation marks (the single curly quote doubles as an apostrophe, so it opens no quote)."""

TOPIC_STOP: frozenset[str] = _wordset(
    """a an the of to in on at for with by from about as into over under between among than
    and or but nor so yet if that which who whom whose whether when where while because since
    until after before during is are was were be been being has have had do does did will
    would can could should may might must shall he she it they we you i him her them us me
    his its their our your my this these those there here not no"""
)
"""Function words that end a topic phrase taken from the article ("asked about <topic>")."""

QUESTION_STOP: frozenset[str] = _wordset(
    "a an the of to in on at for and or did does do what how why when who is are was were about"
)
"""Words two questions may share without asking the same thing."""

FOCUS_STOP: frozenset[str] = TOPIC_STOP | _wordset("what how why news article said say")
"""Words of a ``--focus`` text that carry no topic."""

IRREGULAR_PAST: frozenset[str] = _wordset(
    "said told wrote spoke sought made gave took met set put led ran won lost began kept held sent"
)
"""Irregular past-tense verbs: after a name they show that the name heads its phrase."""


"""Month names, January first."""
