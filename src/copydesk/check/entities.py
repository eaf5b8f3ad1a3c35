"""Entities of a derived text against its source: fabricated people and organisations, swaps.

Names are compared alias-aware and case-folded, without honorifics and titles: "Peskov"
matches "Dmitry Peskov", "President Putin" matches "Vladimir Putin", and "Dr. Braginski" is
the same (invented) person as "Dr. Elena Braginski". A person is known to the source when
their surname is a name word of the source; an organisation or place when one of its
distinctive words (not "Ministry", "Party", ...) is, or its acronym spells a capitalised run
of the source, and at least half of its words are words of the source.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from copydesk import lang
from copydesk.check.text import (
    HONORIFICS,
    MONTHS,
    PRONOUNS,
    STOPWORDS,
    Word,
    content_lemmas,
    name_keys,
    normalise,
    words,
)
from copydesk.model import Actor, Analysis, Finding, Span

GENERIC_ORG_WORDS: frozenset[str] = lang.words("names", "generic_org_words")
"""Words of organisation names too generic to tell one organisation from another."""

ABBREVIATIONS: frozenset[str] = lang.words("names", "reporting_abbreviations")
"""Reporting abbreviations that a named-entity model can tag as organisations ("YoY", "EPS")."""
CURRENCY_CODES: frozenset[str] = frozenset(w for w, kind, _ in lang.rows("units") if kind == "currency_code")
"""ISO 4217 codes of the main currencies ("SEK 1.2 billion" for "1.2 billion Swedish crowns"):
a unit, for the number check, and no name."""

HONORIFIC_NAME_RE = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Prof|Professor|Sir|Dame)\.?\s+(?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]+"
)
"""A titled personal name ("Dr. Elena Braginski"), found even where the analyser tagged none."""

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP")
FABRICATION_TYPES = ("PERSON", "ORG")


@dataclass(frozen=True)
class Mention:
    """One mention of a named entity in a text, with the analyser's actor when there is one."""

    span: Span
    type: str
    actor: Actor | None = None

    def text(self, text: str) -> str:
        return self.span.of(text)


def _strip_possessive(word: str) -> str:
    w = word.replace("’", "'")
    return w[:-2] if w.lower().endswith("'s") else w


def _is_name_like(s: str) -> bool:
    """Starts with a capital and is not a pronoun or a description ("the president")."""
    s = s.strip()
    return bool(s) and s[0].isupper() and normalise(s) not in PRONOUNS and not s.lower().startswith("the ")


PLACE_BEFORE_RE = re.compile(r"\b(?:in|near|outside)\s+$", re.I)
"""What makes a one-word name a place whatever its tag ("docked in Rotterdam")."""


def _place_like(text: str, span: Span) -> bool:
    """Whether a one-word name follows "in", "near" or "outside" and is no possessive ("in
    Peskov's words"): a place, whatever the named-entity model tagged it."""
    before = text[max(0, span.start - 12) : span.start]
    possessive = text[span.end : span.end + 1] in ("'", "’")
    return " " not in span.of(text) and not possessive and bool(PLACE_BEFORE_RE.search(before))


def mentions(analysis: Analysis, types: Iterable[str] = ENTITY_TYPES) -> list[Mention]:
    """Named (capitalised, non-pronoun) mentions of the analysis' actors, plus titled names.

    Titled names ("Dr. Elena Braginski") that the analyser did not tag become PERSON mentions,
    so an invented expert is caught even when the named-entity model misses them.
    """
    text = analysis.document.text
    wanted = set(types)
    out: list[Mention] = []
    for actor in analysis.actors:
        if actor.type not in wanted:
            continue
        for m in actor.mentions:
            if _is_name_like(m.of(text)):
                out.append(Mention(m, actor.type, actor))
    if "PERSON" in wanted:
        for hm in HONORIFIC_NAME_RE.finditer(text):
            span = Span(hm.start(), hm.end())
            if not any(m.span.overlaps(span) for m in out):
                out.append(Mention(span, "PERSON"))
    return sorted(out, key=lambda m: (m.span.start, m.span.end))


_INITIALS_JOINERS = frozenset({"of", "and", "for", "the"})


def _acronym_sources(source: Analysis) -> set[str]:
    """Initials of every run of two or more capitalised words ("North Atlantic Treaty
    Organization"), "of", "and", "for" and "the" allowed between them."""
    text = source.document.text
    out: set[str] = set()
    run: list[Word] = []
    joiners: list[Word] = []

    def close() -> None:
        caps = [w.text for w in run]
        for i in range(len(caps) - 1):
            out.add("".join(w[0] for w in caps[i:]).lower())

    for w in words(source):
        capital = w.text[:1].isupper() and w.text[1:].islower() and w.text.isalpha()
        gap = text[(joiners or run)[-1].end : w.start] if run else " "
        if capital and gap.isspace():
            run.append(w)
            joiners = []
        elif run and w.norm in _INITIALS_JOINERS and gap.isspace() and len(joiners) < 1:
            joiners.append(w)
        else:
            close()
            run, joiners = ([w] if capital else []), []
    close()
    return out


NAME_PREFIX = 5
"""Letters a word and a source word share at their start for the source to know the name
("Ukrainian" and "Ukraine"), with :data:`NAME_ENDING`."""
NAME_ENDING = 3
"""Letters each of the two words may have after the start they share, unless one word starts the
other ("Ukrainian" and "Ukraine", "Afghan" and "Afghanistan"; not "Whitehouse" and
"Whitehaven")."""


DEMONYMS: dict[str, tuple[str, ...]] = {d: tuple(c.split("|")) for d, c in lang.rows("demonyms")}
"""Demonyms whose country's name the shared-start rule (:data:`NAME_PREFIX`) misses, with the
names of the country: a text that names one knows the other ("a Norwegian shipyard" for "a
shipyard in Norway")."""
_DEMONYM_PARTNERS: dict[str, tuple[str, ...]] = {
    **DEMONYMS,
    **{x.replace(".", ""): (d,) for d, c in DEMONYMS.items() for x in c},
}


ACRONYM_LETTERS = 6
"""The longest all-capital word read as an abbreviation ("VSS", "NATO")."""
INITIALS_SKIPPED = lang.words("names", "initials_skipped")
"""Words an abbreviation leaves out of its initials ("BoE" for "Bank of England")."""


class SourceIndex:
    """The names a source text knows: its actors' names and aliases, and its capitalised words."""

    def __init__(self, source: Analysis) -> None:
        self.analysis = source
        text = source.document.text
        self.text = text
        self.keys: dict[str, set[str]] = {}
        for actor in source.actors:
            for name in (actor.name, *actor.aliases):
                for k in name_keys(name):
                    self.keys.setdefault(k, set()).add(actor.id)
        found = words(source)
        self.words = found
        self.capitalised = {
            normalise(_strip_possessive(t.text)).replace(".", "") for t in found if t.text[0].isupper()
        }
        self.lower = {normalise(_strip_possessive(t.text)).replace(".", "") for t in found}
        self.acronyms = _acronym_sources(source)
        self._lemmas = {t.lemma for t in found} | {t.norm for t in found}
        self._by_prefix: dict[str, set[str]] = {}
        for t in found:
            self._by_prefix.setdefault(t.norm[:NAME_PREFIX], set()).add(t.norm)
        self._folded = text.lower()
        self._upper = {
            t.text.lower() for t in found if len(t.text) >= 2 and t.text.isalpha() and t.text.isupper()
        }

    def _has_demonym_partner(self, word: str) -> bool:
        """Whether the source names the country of a demonym, or the demonym of a country
        (:data:`DEMONYMS`), as whole words."""
        return any(
            re.search(rf"(?<!\w){re.escape(x)}(?!\w)", self._folded) for x in _DEMONYM_PARTNERS.get(word, ())
        )

    def _key_known(self, key: str, *, loose: bool) -> bool:
        k = key.replace(".", "")
        if key in self.keys or k in self.keys:
            return True
        if k in self.capitalised or self._has_demonym_partner(k):
            return True
        if loose:
            # A plural in the source names the same thing ("CNNs" for "CNN").
            if k in self.lower or k + "s" in self.lower or k in self.acronyms:
                return True
            if len(k) >= NAME_PREFIX and any(w.startswith(k[:NAME_PREFIX]) for w in self.capitalised):
                return True
        return False

    def has_word(self, word: str, *, lemma: str | None = None, root: bool = True) -> bool:
        """Whether the source has a (normalised) word in some form: as a word or a lemma (the
        word's own ``lemma`` too), inside a longer word, or (with ``root``) a word of the same
        root (:func:`_same_root`: "Ukrainian", "Ukraine")."""
        return (
            word in self._lemmas
            or (lemma is not None and lemma in self._lemmas)
            or word in self._folded
            or self._has_demonym_partner(word)
            or (
                root
                and len(word) >= NAME_PREFIX
                and any(_same_root(word, w) for w in self._by_prefix.get(word[:NAME_PREFIX], ()))
            )
        )

    def writes(self, text: str) -> bool:
        """Whether the source has ``text`` anywhere, in any case."""
        return text.lower() in self._folded

    def has_acronym(self, word: str) -> bool:
        """Whether the source writes an abbreviation (normalised: "vss") as a word in any case,
        or spells it out: the initials of as many words in a row, "of", "and", "for" and "the"
        aside ("virtual sound system", "Bank of England")."""
        return word in self.lower or word + "s" in self.lower or word in self._initials

    @cached_property
    def _initials(self) -> set[str]:
        norms = [t.norm for t in self.words if t.norm not in INITIALS_SKIPPED]
        return {
            "".join(w[0] for w in norms[i : i + n])
            for n in range(2, ACRONYM_LETTERS + 1)
            for i in range(len(norms) - n + 1)
        }

    def has_name(self, name: str) -> bool:
        """Whether the source writes a name of two or more words in any case ("Leanne acid" in a
        transcript), or its initials as one capitalised word ("LA" for "Los Angeles")."""
        words = name.split()
        if len(words) < 2:
            return False
        phrase = r"\s+".join(re.escape(w.lower()) for w in words)
        initials = "".join(w[0] for w in words if w[0].isupper()).lower()
        return bool(re.search(rf"\b{phrase}\b", self._folded)) or (
            len(initials) >= 2 and initials in self._upper
        )

    def known(self, name: str, type_: str) -> bool:
        """Whether the source names this person, organisation or place (alias-aware)."""
        keys = name_keys(name)
        if not keys or self.has_name(name):
            return True
        if type_ == "PERSON":
            return self._key_known(keys[-1], loose=False)
        distinctive = [k for k in keys if k not in GENERIC_ORG_WORDS]
        if not distinctive:
            return True
        known = [k for k in keys if self._key_known(k, loose=True)]
        # One word of the source is not enough for a longer name: "Orrin Medical Association"
        # is not the source's "Orrin", nor "World Health Organization" its "health minister".
        return any(k in known for k in distinctive) and 2 * len(known) >= len(keys)

    def actor_for(self, name: str) -> Actor | None:
        """The source actor a name refers to (by surname, or by any name word), if any."""
        keys = name_keys(name)
        if not keys:
            return None
        for key in (keys[-1], *keys):
            ids = self.keys.get(key)
            if ids:
                return self.analysis.actor(sorted(ids)[0])
        return None


def same_entity(a: str, b: str) -> bool:
    """Whether two names plausibly refer to the same entity (shared surname or name word)."""
    ka, kb = name_keys(a), name_keys(b)
    if not ka or not kb:
        return False
    if ka[-1] == kb[-1]:
        return True
    sa = {k.replace(".", "") for k in ka if k not in GENERIC_ORG_WORDS}
    sb = {k.replace(".", "") for k in kb if k not in GENERIC_ORG_WORDS}
    if sa & sb:
        return True
    return any(len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5] for x in sa for y in sb)


def names_in(text: str, span: Span, found: list[Mention]) -> list[Mention]:
    """The mentions that lie inside ``span``."""
    return [m for m in found if span.start <= m.span.start and m.span.end <= span.end]


def fabricated(
    derived_text: str,
    span: Span,
    found: list[Mention],
    index: SourceIndex,
    *,
    frame: frozenset[str] = frozenset(),
) -> list[Finding]:
    """``fabricated_entity`` findings: people and organisations in ``span`` the source never names."""
    out: list[Finding] = []
    seen: set[str] = set()
    for m in names_in(derived_text, span, found):
        if m.type not in FABRICATION_TYPES:
            continue
        name = m.text(derived_text)
        keys = name_keys(name)
        if not keys or all(k in frame or k in STOPWORDS or k in ABBREVIATIONS for k in keys):
            continue
        if index.known(name, m.type):
            continue
        if m.type == "PERSON" and _place_like(derived_text, m.span):
            continue  # an unknown place: unknown_names reports it
        ident = keys[-1]
        if ident in seen:
            continue
        seen.add(ident)
        kind = "person" if m.type == "PERSON" else "organisation"
        out.append(Finding("fabricated_entity", m.span, f"{kind} {name!r} is not mentioned in the source"))
    return out


_NOT_NAMES = frozenset({"i"} | {w.lower() for w in lang.weekday_names()} | set(MONTHS))
"""Capitalised words that are no names (the check stage does not import the analyser's tables)."""


def _same_root(a: str, b: str) -> bool:
    """Whether two words sharing their first :data:`NAME_PREFIX` letters differ only in a short
    ending (:data:`NAME_ENDING`), or one starts the other."""
    shared = len(os.path.commonprefix([a, b]))
    return a.startswith(b) or b.startswith(a) or max(len(a), len(b)) - shared <= NAME_ENDING


def unknown_names(
    derived: Analysis,
    span: Span,
    index: SourceIndex,
    *,
    frame: frozenset[str] = frozenset(),
    skip: Iterable[Span] = (),
) -> list[Finding]:
    """``unsupported_content`` findings: capitalised words inside the claim that the source has
    in no form, the names of places, teams or products that the model did not tag ("Bondi" for
    "Whitehaven", "the Eagles" for "the Patriots").

    A sentence's first word, a word just after a colon or an opening quote, words with digits
    ("Q2", "COVID-19"), reporting abbreviations (:data:`ABBREVIATIONS`), the text's own frame
    and words in ``skip`` spans (already reported) are left alone; a hyphenated word counts by
    its first part ("Sims-based"). A word with capitals inside ("BestInsuranceABC") is a brand
    or a code, known only as written (in any case) or in a longer word: a different ending is a
    different name, not an inflection. An abbreviation ("VSS") is known when the source writes
    it or spells it out (:meth:`SourceIndex.has_acronym`).
    """
    derived_text = derived.document.text
    skip = list(skip)
    hits: list[Word] = []
    for i, t in enumerate(words(derived, span.start, span.end)):
        head = t.text.split("-")[0]
        before = derived_text[max(span.start, t.start - 2) : t.start]
        if i == 0 or ":" in before or any(q in before for q in "\"“‘'"):
            continue
        acronym = head.isupper() and len(head) <= ACRONYM_LETTERS
        if not (head.isalpha() and head[0].isupper() and (acronym or not head.isupper())):
            continue
        if any(c.isdigit() for c in t.text):
            continue  # a code ("COVID-19", "MAX-9"): see unknown_codes
        w = normalise(head)
        if (
            w in STOPWORDS
            or w in _NOT_NAMES
            or w in ABBREVIATIONS
            or w in CURRENCY_CODES
            or w in frame
            or any(x.overlaps(Span(t.start, t.end)) for x in skip)
        ):
            continue
        if not (
            index.has_acronym(w) if acronym else index.has_word(w, lemma=t.lemma, root=head[1:].islower())
        ):
            hits.append(t)
    out: list[Finding] = []
    for t in hits:
        if out and derived_text[out[-1].span.end : t.start] == " ":  # "Los Angeles": one name
            last = out.pop()
            t_span = Span(last.span.start, t.end)
        else:
            t_span = Span(t.start, t.end)
        name = t_span.of(derived_text)
        out.append(Finding("unsupported_content", t_span, f"{name!r} is a name the source never mentions"))
    return [f for f in out if not index.has_name(_name_run(derived_text, f.span, span))]


CODE_RE = re.compile(r"(?<![\w.$£€¥-])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+(?![\w-])")
"""A code of letters and digits: a product, a model, a format ("2D", "A320", "49ers")."""
NOT_CODES_RE = re.compile(
    r"(?:\d+(?:st|nd|rd|th|s|am|pm|k|m|bn|b|x|h|hrs|mm|cm|km|kg|g|mb|gb|tb|ml|l|mph)|[qh][1-4]|[1-4][qh]|fy\d+)",
    re.I,
)
"""Codes that are figures with a unit, ordinals, times or periods ("3rd", "10am", "5kg", "Q2",
"FY21"): the number and date checks judge them."""


def unknown_codes(
    derived_text: str, span: Span, index: SourceIndex, *, skip: Iterable[Span] = ()
) -> list[Finding]:
    """``unsupported_content`` findings: codes of letters and digits (:data:`CODE_RE`) inside the
    claim that the source never writes, in any case: "a 2D printer" where the source sells a
    "3D printer". Codes inside ``skip`` spans (already reported) are left alone."""
    skip = list(skip)
    out = []
    for m in CODE_RE.finditer(derived_text, span.start, span.end):
        code = Span(m.start(), m.end())
        if any(x.overlaps(code) for x in skip):
            continue
        if not NOT_CODES_RE.fullmatch(m.group()) and not index.writes(m.group()):
            detail = f"{m.group()!r} is a code the source never writes"
            out.append(Finding("unsupported_content", code, detail))
    return out


def _name_run(text: str, name: Span, within: Span) -> str:
    """A name with the capitalised words next to it ("New York" for a flagged "York")."""
    before = re.search(r"(?:[A-Z][\w'’.-]*\s)*$", text[within.start : name.start]).group()  # type: ignore[union-attr]
    after = re.match(r"(?:\s[A-Z][\w'’-]*)*", text[name.end : within.end]).group()  # type: ignore[union-attr]
    return text[name.start - len(before) : name.end + len(after)]


def label_findings(derived_text: str, names: Iterable[Span], index: SourceIndex) -> list[Finding]:
    """``fabricated_entity`` findings for the people named in speaker labels or the title."""
    out = []
    for span in names:
        name = span.of(derived_text)
        keys = [k for k in name_keys(name) if k.rstrip(".") not in HONORIFICS]
        if keys and not index.known(name, "PERSON"):
            out.append(
                Finding("fabricated_entity", span, f"speaker {name!r} is a person the source never mentions")
            )
    return out


SWAP_CONTEXT = 3
"""Content words on each side of a name that place it in its sentence (for entity swaps)."""


def _context(analysis: Analysis, name: Span, sentence: Span) -> tuple[set[str], set[str]]:
    """The lemmas of the content words before and after a name, at most :data:`SWAP_CONTEXT` each."""
    before = [t for t in words(analysis, sentence.start, name.start) if t.norm not in STOPWORDS]
    after = [t for t in words(analysis, name.end, sentence.end) if t.norm not in STOPWORDS]
    return content_lemmas(before[-SWAP_CONTEXT:]), content_lemmas(after[:SWAP_CONTEXT])


def _same_place(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Whether two names share a word before them or one after them (or either has none)."""
    if not any(a) or not any(b):
        return True
    return bool(a[0] & b[0] or a[1] & b[1])


def swapped(
    derived: Analysis,
    span: Span,
    found: list[Mention],
    index: SourceIndex,
    evidence: list[Span],
    source_found: list[Mention],
) -> list[Finding]:
    """``entity`` findings: a name in the claim that the evidence lacks where the evidence has another.

    The caller decides whether the evidence is close enough to the claim for a swap to mean
    anything; here a claim entity counts as swapped when (1) the source knows it but the
    evidence does not mention it (or, for places, the source does not know it at all), and (2)
    the evidence names an entity of the same type that the claim does not, (3) in the same
    place: one of the content words just before the one (up to :data:`SWAP_CONTEXT`) is just
    before the other, or one just after it just after ("the council of Lindholm voted" for "the
    council of Norberg voted"; not "the agent from the agency called Mr. Johnson" for "this is
    Sarah from the agency").
    """
    derived_text, src_text = derived.document.text, index.text
    ev_mentions = [
        m for m in source_found if any(e.start <= m.span.start and m.span.end <= e.end for e in evidence)
    ]
    ev_text = " ".join(e.of(src_text) for e in evidence)
    claim_mentions = names_in(derived_text, span, found)
    claim_names = [m.text(derived_text) for m in claim_mentions]
    out: list[Finding] = []
    for m in claim_mentions:
        name = m.text(derived_text)
        if any(same_entity(name, e.text(src_text)) for e in ev_mentions):
            continue
        keys = [k for k in name_keys(name) if k not in GENERIC_ORG_WORDS]
        if not keys or any(re.search(rf"\b{re.escape(k)}", ev_text, re.I) for k in keys):
            continue
        if m.type in FABRICATION_TYPES and not index.known(name, m.type):
            continue  # reported as fabricated_entity instead
        around = _context(derived, m.span, span)
        rivals = [
            e
            for e in ev_mentions
            if e.type == m.type
            and not any(same_entity(e.text(src_text), c) for c in claim_names)
            and _same_place(
                around, _context(index.analysis, e.span, next(x for x in evidence if x.overlaps(e.span)))
            )
        ]
        if rivals:
            rival = rivals[0]
            out.append(
                Finding(
                    "entity",
                    m.span,
                    f"{name!r} where the source says {rival.text(src_text)!r}",
                    evidence=rival.span,
                    relation="contradicts",
                )
            )
    return out


ROLES: dict[str, str] = lang.mapping("roles")
"""Role nouns of a person's title, each with the role it names ("spokeswoman" and "spokesman"
are one role): a claim's title is compared with the source's by these."""
PORTFOLIO_WORDS: frozenset[str] = lang.words("names", "portfolio_words")
"""Words that tell one post of a role from another ("health" and "finance" minister, "deputy"
or "former" minister): a claim's title must not add one the source's title of that role lacks."""
ROLE_WINDOW = 6
"""Words of a title phrase next to a name: before it ("Chief executive Priya Anand"), or set off
by commas before or after it ("Its regional secretary, Colm Duffy," / "Anand, the chief executive,")."""
_PHRASE_BREAK = re.compile(r"[.;:!?()\[\]\"“”]|\s[-–—]\s")


def _title_phrase(analysis: Analysis, mention: Span, lo: int, hi: int) -> tuple[Span, frozenset[str]] | None:
    """The title phrase next to a name within ``[lo, hi)`` and the roles it names, if any."""
    text = analysis.document.text
    phrases: list[Span] = []
    before = text[lo : mention.start]
    cut = max((m.end() for m in _PHRASE_BREAK.finditer(before)), default=0)
    head = before[cut:].rstrip()
    if head.endswith(","):  # "Its regional secretary, Colm Duffy"
        inner = head[:-1]
        phrases.append(Span(lo + cut + inner.rfind(",") + 1, lo + cut + len(inner)))
    else:
        run = []  # the words just before the name that can be part of a title, last first
        for t in reversed(words(analysis, lo + cut, mention.start)[-ROLE_WINDOW:]):
            if not (t.text[0].isupper() or t.norm in ROLES or t.possessive):
                break
            run.append(t)
        if run:
            phrases.append(Span(run[-1].start, run[0].end))
    after = text[mention.end : hi]
    if after.startswith(","):  # "Priya Anand, the chief executive,"
        stop = re.search(r",|" + _PHRASE_BREAK.pattern, after[1:])
        end = mention.end + 1 + (stop.start() if stop else len(after) - 1)
        phrases.append(Span(mention.end + 1, end))
    for span in phrases:
        found = words(analysis, span.start, span.end)
        if not found or len(found) > ROLE_WINDOW:
            continue
        roles = frozenset(ROLES[t.norm] for t in found if t.norm in ROLES)
        if roles:
            a, b = found[0].start, found[-1].end
            return Span(a, b), roles
    return None


def _posts(analysis: Analysis, phrase: Span) -> set[str]:
    return {t.norm for t in words(analysis, phrase.start, phrase.end) if t.norm in PORTFOLIO_WORDS}


def check_roles(derived: Analysis, span: Span, found: list[Mention], index: SourceIndex) -> list[Finding]:
    """``entity`` findings: a person of the source given a title the source gives them nowhere.

    "Finance director Priya Anand" against "Chief executive Priya Anand": the claim's title phrase
    next to the name names a role (:data:`ROLES`) that no title phrase next to that person's names
    in the source names, while the source does give them one. A person the source gives no
    title is left to the other checks.
    """
    derived_text, src, source = derived.document.text, index.text, index.analysis
    out: list[Finding] = []
    names = [m for m in names_in(derived_text, span, found) if m.type == "PERSON"]
    for m in names:
        if any(o.span != m.span and o.span.start <= m.span.start and m.span.end <= o.span.end for o in names):
            continue  # "Anand" inside "Priya Anand": the longer mention has the title next to it
        claimed = _title_phrase(derived, m.span, span.start, span.end)
        actor = index.actor_for(m.text(derived_text))
        if claimed is None or actor is None or actor.type != "PERSON":
            continue
        given = []
        for s in actor.mentions:
            sentence = next(
                (x for x in index.analysis.sentences if x.start <= s.start < x.end), Span(0, len(src))
            )
            phrase = (
                _title_phrase(source, s, sentence.start, sentence.end) if _is_name_like(s.of(src)) else None
            )
            if phrase is not None:
                given.append(phrase)
        roles = {r for _, rs in given for r in rs}
        if not given:
            continue
        if claimed[1] & roles:
            # The same role: a post the source's titles of that role do not name ("Finance
            # minister" where the source has "Health minister"; a source title with no such
            # word, "Minister Tom Becker", cannot tell).
            same = [g for g in given if g[1] & claimed[1]]
            posts = {p for g in same for p in _posts(source, g[0])}
            if not posts or _posts(derived, claimed[0]) <= posts:
                continue
            same.sort(key=lambda g: not _posts(source, g[0]))
            given = same
        shown = given[0][0]
        out.append(
            Finding(
                "entity",
                claimed[0],
                f"{claimed[0].of(derived_text)!r} where the source calls {actor.name} {shown.of(src)!r}",
                shown,
                relation="contradicts",
            )
        )
    return out


HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\b\.?\s+([A-Z][\w’'\-]+)")
"""A courtesy title and the name after it ("Mrs. Johnson")."""
MALE_HONORIFICS = frozenset(
    w for w, gender, kind in lang.rows("gender_words") if kind == "honorific" and gender == "male"
)
"""The courtesy titles of a man; the others of :data:`HONORIFIC_RE` are a woman's."""


@lru_cache(maxsize=4)
def _titles_used(source_text: str) -> dict[str, frozenset[bool]]:
    """Each name the source gives a courtesy title, with whether the titles are a man's (read
    once per source, not once per claim)."""
    used: dict[str, set[bool]] = {}
    for m in HONORIFIC_RE.finditer(source_text):
        used.setdefault(m.group(2), set()).add(m.group(1).lower() in MALE_HONORIFICS)
    return {name: frozenset(v) for name, v in used.items()}


def honorific_swaps(derived_text: str, span: Span, source_text: str) -> list[Finding]:
    """``entity`` findings: "Mrs. Johnson" where the source calls the person "Mr. Johnson" (and
    never "Mrs.", "Ms." or "Miss"), or the other way round: another person, or a wrong one."""
    used = _titles_used(source_text)
    out: list[Finding] = []
    for m in HONORIFIC_RE.finditer(derived_text, span.start, span.end):
        male = m.group(1).lower() in MALE_HONORIFICS
        if used.get(m.group(2)) == frozenset({not male}):
            theirs = "Mr." if not male else "Mrs./Ms."
            detail = f"{m.group(0)!r} where the source calls this person {theirs} {m.group(2)}"
            out.append(Finding("entity", Span(m.start(1), m.end(1)), detail, relation="contradicts"))
    return out


SLOT_ANCHOR = 2
"""Words that must be the same on each side of a replaced phrase for it to be a swap."""
SLOT_LENGTH = 4
"""Most words of a replaced phrase, on either side."""


def _clause_ends(text: str, found: list[Word], j: int) -> bool:
    """Whether a comma, semicolon, colon or dash follows word ``j`` (or it is the last word)."""
    if j + 1 >= len(found):
        return True
    return bool(re.search(r"[,;:–—]", text[found[j].end : found[j + 1].start]))


def _occurs(phrase: list[str], words: list[str]) -> bool:
    """Whether ``phrase`` occurs as a run of ``words``."""
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def swapped_phrases(
    derived: Analysis,
    span: Span,
    found: list[Mention],
    index: SourceIndex,
    evidence: list[Span],
    source_found: list[Mention],
) -> list[Finding]:
    """``entity`` findings: a phrase of the claim put in the place of another phrase of its
    evidence sentence, when the claim's phrase comes from elsewhere in the source ("season 2 of
    the plot synopsis" for "season 2 of the critically acclaimed show", where "plot synopsis"
    is another sentence's words). Both phrases are bounded by the same words
    (:data:`SLOT_ANCHOR` on each side, or the sentence's start or end), neither holds a digit or
    the other's content words, and the claim's phrase is at least two content words that the
    source writes in that order elsewhere.

    Names are left to :func:`swapped`: a name for a description is most often the same one
    ("Jack Grealish" for "the Aston Villa teenager"). So a phrase that holds a named mention is
    skipped, and a source with no capital letters, whose names cannot be told, is not checked.
    """
    if not index.capitalised:
        return []
    derived_text, source_text = derived.document.text, index.text
    claim = words(derived, span.start, span.end)
    c_norms = [t.norm for t in claim]
    c_stems = {t.lemma for t in claim}
    out: list[Finding] = []
    for ev in evidence:
        sent = [t for t in index.words if ev.start <= t.start < ev.end]
        s_norms = [t.norm for t in sent]
        elsewhere = [t.norm for t in index.words if not ev.start <= t.start < ev.end]
        s_stems = {t.lemma for t in sent}
        ops = difflib.SequenceMatcher(None, c_norms, s_norms, autojunk=False).get_opcodes()
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag != "replace":
                continue
            before = ops[k - 1] if k else None
            after = ops[k + 1] if k + 1 < len(ops) else None
            # bounded by the same words on the left (or both sentences' starts) and on the right
            left = (i1 == 0 and j1 == 0) or (
                before is not None
                and before[0] == "equal"
                and (before[2] - before[1] >= SLOT_ANCHOR or before[1] == before[3] == 0)
            )
            right = (
                after is not None
                and after[0] == "equal"
                and (after[2] - after[1] >= SLOT_ANCHOR or (after[2] == len(claim) and after[4] == len(sent)))
            )
            if not right and i2 == len(claim):
                # the claim ends where the source's clause ends ("... of the show, and it looks")
                ends = next((j + 1 for j in range(j1, j2) if _clause_ends(source_text, sent, j)), None)
                if ends is not None:
                    j2, right = ends, True
            if not (left and right) or i2 - i1 > SLOT_LENGTH or j2 - j1 > SLOT_LENGTH:
                continue
            new = [t for t in claim[i1:i2] if t.norm not in STOPWORDS]
            old = [t for t in sent[j1:j2] if t.norm not in STOPWORDS]
            if len(new) < 2 or not old or any(any(ch.isdigit() for ch in t.text) for t in new + old):
                continue
            if any(t.lemma in s_stems for t in new) or any(t.lemma in c_stems for t in old):
                continue
            if not _occurs(c_norms[i1:i2], elsewhere):
                continue
            phrase = Span(claim[i1].start, claim[i2 - 1].end)
            was = Span(sent[j1].start, sent[j2 - 1].end)
            if any(m.span.overlaps(phrase) for m in found) or any(m.span.overlaps(was) for m in source_found):
                continue
            out.append(
                Finding(
                    "entity",
                    phrase,
                    f"{phrase.of(derived_text)!r} where the source says {was.of(source_text)!r}",
                    evidence=was,
                    relation="contradicts",
                )
            )
    return out
