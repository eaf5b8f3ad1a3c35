"""Word lists of the interview generator, as named constants read from the language data
(``copydesk/lang/en/interview.txt``, ``question_verbs.tsv``, ``pronouns.tsv``).

The cue list follows the spirit of textacy's ``constants.REPORTING_VERBS`` and the
attribution-cue inventory of PARC 3.0 (Pareti 2016); the reaction verbs are the subset of
cues that answer another actor's statement or act. The markers of what remains open, of a
stated reason and of what comes next are read in the reporter's words or in an attributed
statement, never as facts of their own.
"""

from __future__ import annotations

import re

from copydesk import lang


def wordset(words: str) -> frozenset[str]:
    """The set of the space-separated words of ``words``."""
    return frozenset(words.split())


_INDEPENDENT = frozenset({"hers", "theirs"})
"""Possessives that stand alone ("the choice is hers"), never before a noun."""


SUBJECT_PRONOUNS: frozenset[str] = lang.pronouns(person=3, case="subject")
"""Pronouns that may open a sentence as its subject and be replaced by the actor's name."""

POSSESSIVE_PRONOUNS: frozenset[str] = lang.pronouns(person=3, case="possessive") - _INDEPENDENT
"""Possessives that may open a sentence ("His plan ...") and become "<Name>'s"."""

PRONOUNS: frozenset[str] = lang.pronouns(person=3) - lang.pronouns(case="reflexive")
"""Every third-person pronoun an actor mention may be."""

CUE_QUESTION_VERBS: dict[str, str] = lang.mapping("question_verbs")
"""Cue words whose base form makes a natural question ("What did X tell NBC?"); any other
cue is asked about with "say"."""

OBJECT_CUES: frozenset[str] = lang.words("interview", "object_cues")
"""Question verbs (first word) that read well as "What did X <verb>?" without a topic."""

REPORTING_CUES: frozenset[str] = lang.words("interview", "reporting_cues")
"""Reporting verbs: "X <verb> ..." puts the words that follow in X's mouth."""

REACTION_VERBS: frozenset[str] = lang.words("interview", "reaction_verbs")
"""Verbs that mark a sentence as a reaction to what came before ("Ukraine rejected them")."""

RELATIVE_DATE_RE = re.compile(
    r"^(?:(?P<prep>on|last|this|next)\s+)?"
    r"(?P<word>today|tonight|yesterday|tomorrow|week|month|year|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
    re.IGNORECASE,
)
"""Relative date expressions that restate as an absolute date when their value is known."""

DATE_PREPOSITIONS: frozenset[str] = lang.words("interview", "date_prepositions")
"""Words before a date that already play the preposition's part ("since yesterday")."""

QUOTE_MARKS: str = '“”"«»„'
"""Quotation marks (the single curly quote doubles as an apostrophe, so it opens no quote)."""

TOPIC_STOP: frozenset[str] = lang.words("interview", "topic_stop")
"""Function words that end a topic phrase taken from the article ("asked about <topic>")."""

QUESTION_STOP: frozenset[str] = lang.words("interview", "question_stop")
"""Words two questions may share without asking the same thing."""

FOCUS_STOP: frozenset[str] = TOPIC_STOP | lang.words("interview", "focus_stop")
"""Words of a ``--focus`` text that carry no topic."""

IRREGULAR_PAST: frozenset[str] = lang.words("interview", "irregular_past")
"""Irregular past-tense verbs: after a name they show that the name heads its phrase."""

DEPENDENT_OPENER_RE = re.compile(
    r"^\W*(?:(?:and|but|so|yet|still|also|however|instead)\W+)?"
    r"(?P<word>that|this|these|those|such|the remainder|the rest|the latter|the former|both|neither|"
    r"it|they|he|she|his|her|their|its|them|another|the other|otherwise|then)\b"
    r"(?!\s+(?:is|was|are|were)\s+(?:unclear|not clear|too early|expected|likely|unlikely|possible|"
    r"impossible|true|false|important|hard|difficult|easy)\b)",
    re.IGNORECASE,
)
"""Openers that lean on the sentence before ("That would seem unlikely", "The remainder ...",
"He added ..."); an expletive "It is unclear ..." does not."""

OPEN_RE = re.compile(
    r"\b(?:declined to (?:comment|say|elaborate|give|provide|discuss|answer|specify|confirm|respond)|"
    r"did not (?:immediately )?(?:respond|return|reply|say|specify|explain|elaborate|answer|comment|"
    r"disclose|give|provide|confirm|rule out)|didn[’']t (?:say|specify|explain|respond|answer)|"
    r"could not (?:immediately )?be reached|was not available for comment|were not available for comment|"
    r"without specifying|without saying|without explaining|not (?:yet )?(?:known|clear|decided|been decided)|"
    r"remains? (?:unclear|uncertain|unknown|open|to be seen)|it is unclear|it was unclear|"
    r"it is not clear|it was not clear|nothing concrete|too early|no (?:decision|date) has been)\b",
    re.IGNORECASE,
)
"""What the article says is still open: no comment, no answer, not yet known."""

REASON_RE = re.compile(
    r"(?:,\s*(?:saying|arguing|citing|noting|explaining|adding)\b|\bbecause\b|\bdue to\b|"
    r"\bon the grounds that\b|\bas a result of\b|\bin protest\b)",
    re.IGNORECASE,
)
"""Markers of a stated reason, in the reporter's words around an attribution."""

AMOUNT_RE = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|m|bn|k)\b)?|"
    r"\b\d[\d,.]*\s?(?:million|billion|trillion|thousand|percent|per cent|%|euros?|dollars?|pounds?|"
    r"crowns?|yen|people|votes?|signatures|containers|jobs|troops|members|workers|delegates|seats)\b)",
    re.IGNORECASE,
)
"""A figure with its unit: what a "How much" or "How many" question can ask about."""

REACTION_BASES: frozenset[str] = lang.words("interview", "reaction_bases")
"""Base forms of the verbs that answer another actor's statement or act."""

AMOUNT_BASES: frozenset[str] = lang.words("interview", "amount_bases")
"""Base forms of verbs whose object a figure can be ("How much did X raise?")."""

RESPONSE_VERBS: dict[str, str] = {w: w for w in lang.entries("interview", "response_verbs")}
"""Reaction verbs a "Why did X <verb> <object>?" question can use."""

SPEECH_LEMMAS: frozenset[str] = lang.words("interview", "speech_lemmas")
"""Verbs that make the name before them a speaker in a question ("What did X say?")."""

RESPONSE_NOUNS: frozenset[str] = lang.words("interview", "response_nouns")
"""Nouns that make a possessive name a speaker in a question ("What are X's terms?")."""

FORWARD_RE = re.compile(
    r"\b(?:will|won[’']t|shall|is (?:set|due|expected|scheduled|going) to|are (?:set|due|expected|"
    r"scheduled|going) to|plans? to|intends? to|next (?:week|month|year|step|steps|round)|upcoming|"
    r"in the coming (?:days|weeks|months))\b",
    re.IGNORECASE,
)
"""Markers of an attributed statement about what comes next."""

COUNT_NOUNS: frozenset[str] = lang.words("interview", "count_nouns")
"""Count nouns a "How many" question can ask about."""

PHRASE_ENDERS: frozenset[str] = lang.words("interview", "phrase_enders")
"""Auxiliaries, modals and reporting forms that end a subject phrase."""

NOT_TOPIC_START: frozenset[str] = lang.words("interview", "not_topic_start")
"""Words a topic phrase never opens with."""

PLURAL_DETERMINERS: frozenset[str] = lang.words("interview", "plural_determiners")
"""Words before a plural noun, not before a present-tense verb ("both sides")."""

PRESENT_VERBS: frozenset[str] = lang.words("interview", "present_verbs")
"""Present-tense verbs that end a subject phrase ("a new national poll suggests")."""

VAGUE_NOUNS: frozenset[str] = lang.words("interview", "vague_nouns")
"""Heads too vague to ask about ("What do we know about the time?")."""

TIME_WORDS: frozenset[str] = lang.words("interview", "time_words")
"""A phrase ending in one of these is a time, not a topic ("Five years earlier")."""

BEFORE_VERB: frozenset[str] = lang.words("interview", "before_verb")
"""Words that may stand between a subject and its verb ("Ukraine quickly rejected")."""

NOT_NAME_START: frozenset[str] = lang.words("interview", "not_name_start")
"""Words that may open a sentence but never a person's name ("Without Bloomberg")."""

NAME_SUFFIXES: frozenset[str] = lang.words("interview", "name_suffixes")
"""Name suffixes that are not a surname."""

DATE_DETERMINERS: frozenset[str] = lang.words("interview", "date_determiners")
"""Words before a date that make it describe a noun ("a Tuesday interview")."""

QUESTION_OPENERS: frozenset[str] = lang.words("interview", "question_openers")
"""Words that open a question, not a name ("What", "Let's")."""
