"""Polarity of a claim against its evidence: the ``negation`` check.

A word the claim shares with its evidence is negated in one and not in the other: "Trump
has spoken to Putin" against "Trump ... has not spoken to Putin". A word counts as negated
when a negation cue (:data:`NEGATION_CUES`) stands at most :data:`CUE_WINDOW` words before it,
or a denial verb (:data:`DENIAL_VERBS`) or negated reporting verb ("did not say",
:data:`NEGATED_REPORTING`) at most :data:`DENIAL_WINDOW` words before it, in the same
clause. Only words that occur once on each side and share a neighbouring content word on
both sides are compared, so a negation that merely moved within a paraphrase is not taken
for a flip; nor is a word that only one side's cue reaches when the other side negates the same
clause too ("the budget was not approved" for "did not approve the budget"). This is the
cue-and-scope approach of NegEx (Chapman et al. 2001), reduced to what a comparison of two
short texts needs.

A claim can also say the opposite without a negation: "would help exporters" where the
evidence has "would hurt exporters". :func:`check_antonyms` compares such pairs of opposite
words (WordNet's antonyms of content words, :data:`ANTONYM_TABLE`, and opposite closed-class
words, :data:`ANTONYMS`), and words of a set of which a text means one only
(:data:`EXCLUSIVE`: "the second quarter" where the evidence has "the first quarter", "her" for
"him").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import combinations
from typing import Literal

from copydesk import lang
from copydesk.check.text import STOPWORDS, Word, compounds, lexicon, words
from copydesk.model import FINDING_TYPES, Analysis, Finding, FindingType, Span


def _bigrams(name: str, section: str) -> tuple[tuple[str, str], ...]:
    """A list's two-word entries as pairs ("not only" -> ("not", "only"))."""
    out = []
    for entry in lang.entries(name, section):
        a, b = entry.split()
        out.append((a, b))
    return tuple(out)


NEGATION_CUES: frozenset[str] = lang.words("negation", "cues")
"""Words that negate what follows them."""

DENIAL_VERBS: frozenset[str] = lang.words("negation", "denial_verbs")
"""Verbs that negate the clause they introduce ("denied that Trump had spoken", "failed to
approve the budget")."""

NEGATED_REPORTING: frozenset[str] = lang.words("negation", "negated_reporting")
"""Reporting verbs whose negation negates the whole report ("did not say whether the government
would intervene" does not report that it would)."""

EVIDENTIAL_VERBS: frozenset[str] = lang.words("negation", "evidential_verbs")
"""Verbs of finding whose denial negates what they would have found ("failed to show a direct
link" says there is no shown link, as "indicate a direct link" says there is)."""

NOT_NEGATING: tuple[tuple[str, str], ...] = _bigrams("negation", "not_negating")
"""Cue bigrams that do not negate the words after them (or whose flip is not comparable):
"without compromising the quality" keeps the quality, and "no matter how hard she tries" says she
tries."""

NEGATING_PAIRS: tuple[tuple[str, str], ...] = _bigrams("negation", "negating_pairs")
"""Cue bigrams that exclude what follows them ("offices rather than wards" says, as "offices, not
wards" does, that wards are not concerned; "exclusive of special items" is "excluding" them)."""

CUE_WINDOW = 3
"""A negation cue negates words up to this many words after it."""
DENIAL_WINDOW = 6
"""A denial verb negates words up to this many words after it."""
NEIGHBOUR_WINDOW = 4
"""A compared word needs a shared content word within this many content words on both sides
(function words do not count: "union said it had not been consulted" keeps "union" near
"consulted")."""

_BREAK_RE = re.compile(r"[,;:()\u2014\u2013]|\s-\s|[.!?]\s")
_CLAUSE_BREAKS = lang.words("clauses", "contrast")


def _breaks(toks: list[Word], j: int) -> bool:
    """Whether the word at ``j`` is a contrastive conjunction that ends a clause ("but",
    "while"); not "yet" after a negation ("has not yet ruled")."""
    w = toks[j].norm
    return w in _CLAUSE_BREAKS and not (w == "yet" and j > 0 and _is_cue(toks, j - 1))


def _is_cue(toks: list[Word], i: int) -> bool:
    w = toks[i].norm
    nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
    if (w, nxt) in NOT_NEGATING:
        return False
    return w in NEGATION_CUES or w.endswith("n't") or (w, nxt) in NEGATING_PAIRS


def _cue_reach(toks: list[Word], j: int) -> int:
    """How many words after it the cue at ``j`` negates: :data:`CUE_WINDOW`, and two more over an
    infinitive that the word after it takes ("no plans to raise prices", "not expected to
    raise prices")."""
    takes_infinitive = j + 2 < len(toks) and toks[j + 2].norm == "to"
    return CUE_WINDOW + (2 if takes_infinitive else 0)


def negated(text: str, toks: list[Word], i: int) -> int | None:
    """The index of the negation cue or denial verb in whose scope the word at ``i`` lies, if any
    (for a negated reporting verb, the cue before the verb: "not" in "did not say whether").

    The scope ends at a clause break: punctuation (``,;:`` and dashes) or a contrastive
    conjunction ("but", "while").
    """
    for j in range(i - 1, max(-1, i - 1 - DENIAL_WINDOW), -1):
        w = toks[j].norm
        if _breaks(toks, j) or _BREAK_RE.search(text, toks[j].end, toks[j + 1].start):
            return None
        near = i - j <= _cue_reach(toks, j)
        if (near and _is_cue(toks, j)) or w in DENIAL_VERBS:
            return j
        if w in NEGATED_REPORTING:
            cue = next((k for k in range(j - 1, max(-1, j - 3), -1) if _is_cue(toks, k)), None)
            if cue is not None:
                return cue
    return None


def _clause_around(n: int, i: int, joined: Callable[[int, int], bool]) -> tuple[int, int]:
    """The first and last of ``n`` words around word ``i`` that ``joined`` (of adjacent words
    a < b) links to it."""
    lo, hi = i, i
    while lo > 0 and joined(lo - 1, lo):
        lo -= 1
    while hi + 1 < n and joined(hi, hi + 1):
        hi += 1
    return lo, hi


def _clause_negated(text: str, toks: list[Word], i: int) -> bool:
    """Whether the clause holding the word at ``i`` has a negation cue or denial verb anywhere,
    before or after the word: "the budget was not approved" negates its clause as "did not
    approve the budget" does, though "budget" stands outside the cue's reach in one of them."""

    def joined(a: int, b: int) -> bool:  # whether no clause break lies between words a < b
        return not (
            _breaks(toks, a) or _breaks(toks, b) or _BREAK_RE.search(text, toks[a].end, toks[b].start)
        )

    lo, hi = _clause_around(len(toks), i, joined)
    return any(_is_cue(toks, j) or toks[j].norm in DENIAL_VERBS for j in range(lo, hi + 1) if j != i)


AUXILIARIES: frozenset[str] = lang.words("function_words", "auxiliaries")
"""Verbs that lead a clause's predicate ("are changing", "had spoken", "would keep")."""
PREDICATE_PREFIX = 4
"""Letters a claim word shares with the predicate at its start to restate it ("spoke", "spoken")."""


def _predicate(text: str, toks: list[Word], i: int) -> Word | None:
    """The predicate of the clause holding the word at ``i``: the first content word after an
    auxiliary that follows the word, before a clause break ("changing" in "the goals of the
    operation are changing"); None when the clause has none."""
    after_aux = False
    for j in range(i + 1, len(toks)):
        w = toks[j].norm
        if _breaks(toks, j) or _BREAK_RE.search(text, toks[j - 1].end, toks[j].start):
            return None
        if w in AUXILIARIES:
            after_aux = True
        elif after_aux and w not in STOPWORDS and w not in NEGATION_CUES and w.isalpha():
            return toks[j]
    return None


def _distant_scope_restated(text: str, toks: list[Word], cue: int, i: int, other: list[Word]) -> bool:
    """Whether a flip found through a denial or a negated report reaches the claim's predicate.

    A denial or a negated report ("never said that the goals of the operation are changing")
    negates its clause's predicate; the words before it are what the clause is about. A claim
    that shares those words but puts another predicate to them ("the goals of the operation are
    intact") does not restate the negated clause, so the shared words are no flip; nor does
    "the new boats arrived late" restate "failed to deliver new boats", whose predicate is the
    verb the denial takes. A plain cue near the word ("not open") and a clause with no
    auxiliary-led predicate are kept as flips.
    """
    if i - cue <= CUE_WINDOW and toks[cue].norm not in DENIAL_VERBS:
        return True
    # "failed to deliver new boats": the denied verb is the predicate ("declined to say
    # whether ...", "failed to show a direct link" deny a report or a finding, whose content is
    # what they negate)
    denial = toks[cue].norm in DENIAL_VERBS and cue + 2 < i and toks[cue + 1].norm == "to"
    denied = toks[cue + 2] if denial else None
    if denied is None or denied.norm in NEGATED_REPORTING or denied.norm in EVIDENTIAL_VERBS:
        pred = _predicate(text, toks, i)
    else:
        pred = denied
    if pred is None:
        return True
    stem = pred.norm[:PREDICATE_PREFIX]
    return any(t.norm.startswith(stem) for t in other)


def _content(toks: list[Word]) -> list[int]:
    return [
        i
        for i, t in enumerate(toks)
        if t.norm not in STOPWORDS and t.norm not in NEGATION_CUES and t.norm.isalpha()
    ]


def _claim_and_evidence_words(
    derived: Analysis, claim_span: Span, source: Analysis, evidence_spans: list[Span]
) -> tuple[list[Word], list[Word]]:
    et = [t for s in evidence_spans for t in words(source, s.start, s.end)]
    return words(derived, claim_span.start, claim_span.end), et


def _parts(text: str, toks: list[Word]) -> tuple[list[Word], dict[int, set[str]]]:
    """The words, with the parts of a hyphenated compound ("easy-to-use", "left-wing") each
    knowing the lemmas of the compound's other parts (by the part's start), except a compound
    made by a prefix of :data:`NEGATIVE_PREFIXES` or :data:`SWAPPED_PREFIXES` ("non-negative",
    "pre-stimulus"), which is one word and pairs whole."""
    out: list[Word] = []
    rest: dict[int, set[str]] = {}
    i = 0
    while i < len(toks):
        j = i
        while j + 1 < len(toks) and text[toks[j].end : toks[j + 1].start] == "-":
            j += 1
        parts = toks[i : j + 1]
        i = j + 1
        if len(parts) == 1:
            out.append(parts[0])
            continue
        if parts[0].norm + "-" in _HYPHEN_PREFIXES:
            whole = text[parts[0].start : parts[-1].end]
            out.append(
                Word(whole, parts[0].start, parts[-1].end, whole.lower(), parts[-1].pos, parts[-1].ent)
            )
            continue
        for p in parts:
            rest[p.start] = {q.lemma for q in parts if q is not p}
        out += parts
    return out, rest


def check_negation(
    derived: Analysis, claim_span: Span, source: Analysis, evidence_spans: list[Span]
) -> list[Finding]:
    """``negation`` findings: shared words whose polarity differs between claim and evidence.

    Args:
        derived: The analysis of the derived text; ``claim_span`` the claim in it.
        source: The analysis of the source; ``evidence_spans`` the evidence sentences in it.
    """
    claim_text, evidence_text = derived.document.text, source.document.text
    ct, et = _claim_and_evidence_words(derived, claim_span, source, evidence_spans)
    c_idx, e_idx = _content(ct), _content(et)
    c_count = Counter(ct[i].lemma for i in c_idx)
    e_count = Counter(et[i].lemma for i in e_idx)
    shared = {w for w in c_count if c_count[w] == 1 and e_count.get(w) == 1}
    if not shared:
        return []
    c_pos = {ct[i].lemma: i for i in c_idx if ct[i].lemma in shared}
    e_pos = {et[i].lemma: i for i in e_idx if et[i].lemma in shared}

    def neighbours(toks: list[Word], idx: list[int], pos: dict[str, int], w: str) -> set[str]:
        i = pos[w]
        r = idx.index(i)
        near = idx[max(0, r - NEIGHBOUR_WINDOW) : r + NEIGHBOUR_WINDOW + 1]
        return {toks[j].lemma for j in near if j != i and toks[j].lemma in shared}

    out: list[Finding] = []
    for w in sorted(shared, key=lambda x: c_pos[x]):
        if not (neighbours(ct, c_idx, c_pos, w) & neighbours(et, e_idx, e_pos, w)):
            continue
        cn, en = negated(claim_text, ct, c_pos[w]), negated(evidence_text, et, e_pos[w])
        if (cn is None) == (en is None):
            continue
        if _clause_negated(*((claim_text, ct, c_pos[w]) if cn is None else (evidence_text, et, e_pos[w]))):
            continue  # the other side negates the same clause, with the word outside the cue's reach
        if cn is not None and not _distant_scope_restated(claim_text, ct, cn, c_pos[w], et):
            continue
        if en is not None and not _distant_scope_restated(evidence_text, et, en, e_pos[w], ct):
            continue
        tok = ct[c_pos[w]]
        ev = et[e_pos[w]]
        if cn is not None:
            scope = claim_text[ct[cn].start : tok.end]
            detail = f"the claim negates {tok.text!r} ({scope!r}), the evidence does not"
        elif en is not None:
            scope = evidence_text[et[en].start : ev.end]
            detail = f"the evidence negates {ev.text!r} ({scope!r}), the claim does not"
        ev_span = next((s for s in evidence_spans if s.start <= ev.start < s.end), None)
        out.append(Finding("negation", Span(tok.start, tok.end), detail, ev_span, relation="contradicts"))
        break  # one flip is enough to report
    return out


ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (lexicon(a), lexicon(b)) for a, b, *_ in lang.rows("function_opposites")
)
"""Pairs of opposite closed-class word sets ("for" and "against", "before" and "after"), which
WordNet's antonyms of content words (:data:`ANTONYM_TABLE`) do not cover."""


def _exclusive() -> tuple[tuple[FindingType, tuple[frozenset[str], ...]], ...]:
    sets: dict[str, tuple[FindingType, list[frozenset[str]]]] = {}
    for set_id, kind, members in lang.rows("exclusive"):
        if kind not in FINDING_TYPES:
            raise ValueError(f"exclusive.tsv: unknown finding type {kind!r}")
        sets.setdefault(set_id, (kind, []))[1].append(lexicon(members))
    return tuple((kind, tuple(groups)) for kind, groups in sets.values())


EXCLUSIVE: tuple[tuple[FindingType, tuple[frozenset[str], ...]], ...] = _exclusive()
"""Sets of words of which a text says one and means not the others: an ordinal, a frequency, a
time of day or season, a sex ("him" where the evidence has "her"). A claim that puts one member
where its evidence has another says something else, a finding of the set's type."""

NEGATIVE_PREFIXES = lang.entries("prefixes", "negative")
"""Prefixes that make a word its opposite ("stressful" and "unstressful", "legal" and "illegal")."""
WEAK_NEGATIVE_PREFIXES = lang.entries("prefixes", "weak_negative")
"""Prefixes that make a longer word its opposite ("efficiently" and "inefficiently", "motivate"
and "demotivate") but also make other words of short ones ("stall" and "install", "cover" and
"discover"): they need :data:`MIN_WEAK_PREFIXED_BASE` letters under them."""
MIN_WEAK_PREFIXED_BASE = 6
SWAPPED_PREFIXES = _bigrams("prefixes", "swapped")
"""Prefixes that swap a word for its opposite ("pre-stimulus" and "post-stimulus"). ("over" and
"under" are left out: "overtake" and "undertake".)"""
MIN_PREFIXED_BASE = 4
"""Letters the word under a prefix needs ("unable" and "able"; not "until" and "til")."""


_PREFIX_SWAPS = SWAPPED_PREFIXES + tuple((q, p) for p, q in SWAPPED_PREFIXES)
_HYPHEN_PREFIXES = frozenset(
    p if p.endswith("-") else p + "-"
    for p in (*NEGATIVE_PREFIXES, *(p for pair in SWAPPED_PREFIXES for p in pair))
)
_ALL_NEGATIVE_PREFIXES = NEGATIVE_PREFIXES + WEAK_NEGATIVE_PREFIXES


@lru_cache(maxsize=65536)
def _prefix_forms(w: str) -> frozenset[str]:
    """The words that are ``w`` with a negative prefix added, taken off or swapped (the words
    :func:`_prefixed_opposites` pairs with it)."""
    forms = {p + w for p in _ALL_NEGATIVE_PREFIXES}
    forms |= {w[len(p) :] for p in _ALL_NEGATIVE_PREFIXES if w.startswith(p)}
    forms |= {q + w[len(p) :] for p, q in _PREFIX_SWAPS if w.startswith(p)}
    return frozenset(v for v in forms if _prefixed_opposites(v, w))


def _prefixed_opposites(a: str, b: str) -> bool:
    """Whether one word is the other with a negative prefix, or the two swap opposite prefixes."""
    for x, y in ((a, b), (b, a)):
        for p in NEGATIVE_PREFIXES:
            if x == p + y and len(y) >= MIN_PREFIXED_BASE and y.isalpha():
                return True
        for p in WEAK_NEGATIVE_PREFIXES:
            if x == p + y and len(y) >= MIN_WEAK_PREFIXED_BASE and y.isalpha():
                return True
        for p, q in SWAPPED_PREFIXES:
            base = x[len(p) :]
            if x.startswith(p) and y == q + base and len(base) >= MIN_PREFIXED_BASE:
                return True
    return False


ANTONYM_CONTEXT = 3
"""The swapped words need a shared content word (or figure) among this many on both sides, within
the clause (:data:`CLAUSE_BREAKS`)."""
CLAUSE_BREAKS = re.compile(r"[;:.!?]")
BREAK_WORDS = lang.words("clauses", "context_breaks")
"""What ends the context of a word, with :data:`CLAUSE_BREAKS`: "Fares were frozen while costs
fell" says nothing of fares falling."""


def _near(text: str, toks: list[Word], i: int) -> set[str]:
    """The stems of the content words and figures next to word ``i``, up to
    :data:`ANTONYM_CONTEXT` on each side, within its clause."""

    def joined(a: int, b: int) -> bool:  # whether adjacent words a < b share a clause
        return not CLAUSE_BREAKS.search(text, toks[a].end, toks[b].start) and not (
            {toks[a].norm, toks[b].norm} & BREAK_WORDS
        )

    lo, hi = _clause_around(len(toks), i, joined)
    content = [
        j
        for j in range(lo, hi + 1)
        if toks[j].norm not in STOPWORDS and (toks[j].norm.isalpha() or toks[j].norm[:1].isdigit())
    ]
    before = [toks[j].lemma for j in content if j < i][-ANTONYM_CONTEXT:]
    after = [toks[j].lemma for j in content if j > i][:ANTONYM_CONTEXT]
    return {*before, *after}


_Pair = tuple[FindingType, frozenset[str], frozenset[str]]
POS_CLASSES = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
"""The analyser's parts of speech that WordNet's antonym table covers, by its letters."""


def _antonym_table() -> dict[str, frozenset[str]]:
    """``lemma/pos`` -> the ``lemma/pos`` keys of its antonyms (``antonyms.tsv``, from WordNet)."""
    out: dict[str, set[str]] = {}
    for a, b, pos, _how in lang.rows("antonyms"):
        out.setdefault(f"{a}/{pos}", set()).add(f"{b}/{pos}")
        out.setdefault(f"{b}/{pos}", set()).add(f"{a}/{pos}")
    return {k: frozenset(v) for k, v in out.items()}


ANTONYM_TABLE: dict[str, frozenset[str]] = _antonym_table()
"""WordNet's antonyms of each content word, as ``lemma/pos`` keys (see :func:`_keys`)."""
_ANTONYM_PAIRS: tuple[_Pair, ...] = tuple(("negation", a, b) for a, b in ANTONYMS)
_EXCLUSIVE_PAIRS: tuple[_Pair, ...] = tuple(
    (kind, a, b) for kind, groups in EXCLUSIVE for a, b in combinations(groups, 2)
)
OPPOSITES: tuple[_Pair, ...] = _ANTONYM_PAIRS + _EXCLUSIVE_PAIRS
"""Every pair of :data:`ANTONYMS` and of two members of a set of :data:`EXCLUSIVE`, with the
type of finding it makes."""


def opposite_words(words: set[str]) -> set[str]:
    """The words of :data:`OPPOSITES` that stand against one of ``words``, and those that are
    one of them with a negative prefix added, taken off or swapped (:func:`_prefixed_opposites`)."""
    out: set[str] = set()
    for _, a, b in OPPOSITES:
        if words & a:
            out |= b
        if words & b:
            out |= a
    for w in words:
        out |= _prefix_forms(w) | ANTONYM_TABLE.get(w, frozenset())
    return out


def reading_keys(text: str, toks: list[Word]) -> set[str]:
    """Every way the words of ``toks`` read for opposites (:func:`_keys`), a hyphenated compound
    as one word ("short-term" is no "short")."""
    return _words(compounds(text, toks))


PERIOD_LABELS = {(a, b): label for a, b, label in lang.rows("period_labels")}
"""An ordinal before "quarter" or "half" also reads as the period's label ("the fourth quarter" is
"Q4"), so that the labels of :data:`EXCLUSIVE` compare with the words."""


def _own_keys(t: Word) -> set[str]:
    """What a word reads as by itself: its text, and for a content word its lemma with its part
    of speech ("rejected" is "reject/v"), as WordNet's antonyms are keyed."""
    pos = POS_CLASSES.get(t.pos)
    return {t.norm, f"{t.lemma}/{pos}"} if pos else {t.norm}


def _keys(toks: list[Word], i: int) -> set[str]:
    """What word ``i`` of ``toks`` reads as: :func:`_own_keys`, and its period label
    (:data:`PERIOD_LABELS`)."""
    own = _own_keys(toks[i])
    label = PERIOD_LABELS.get((toks[i].norm, toks[i + 1].norm)) if i + 1 < len(toks) else None
    return own | {label} if label else own


def _reading(toks: list[Word], i: int, words: frozenset[str]) -> Span:
    """The span of word ``i``, or of it and the next when it reads as one of ``words`` only as a
    period label ("fourth quarter")."""
    end = toks[i + 1].end if not _own_keys(toks[i]) & words else toks[i].end
    return Span(toks[i].start, end)


def _words(toks: list[Word]) -> set[str]:
    """What the words of ``toks`` read as (:func:`_keys`), less "up" in "up to 30%" (a limit,
    not a rise)."""
    return {
        k
        for i, t in enumerate(toks)
        if not (t.norm == "up" and i + 1 < len(toks) and toks[i + 1].norm == "to")
        for k in _keys(toks, i)
    }


def _said_elsewhere(source: Analysis, forms: frozenset[str], context: set[str]) -> bool:
    """Whether the source has one of ``forms`` with one of the ``context`` lemmas near it (a
    hyphenated compound is one word here, and none of the context)."""
    text = source.document.text
    toks = compounds(text, words(source))
    return any(_keys(toks, i) & forms and _near(text, toks, i) & context for i in range(len(toks)))


PREPOSITIONS = lang.words("prefixes", "prepositions")
"""Opposites that are prepositions of many senses: they oppose only with the same word next to
them ("voted for the plan" against "voted against the plan", not "spying for the US" against
"feeling against American surveillance")."""
_ARTICLES = lang.words("function_words", "articles")


def _same_neighbour(ct: list[Word], ci: int, et: list[Word], ei: int) -> bool:
    """Whether the word before, or the word after (past an article), is the same on both sides."""

    def after(toks: list[Word], i: int) -> str:
        j = i + 1
        while j < len(toks) and toks[j].norm in _ARTICLES:
            j += 1
        return toks[j].lemma if j < len(toks) else ""

    nxt = after(ct, ci)
    return (ci > 0 and ei > 0 and ct[ci - 1].lemma == et[ei - 1].lemma) or (
        nxt != "" and nxt == after(et, ei)
    )


OppositeKind = Literal["antonym", "number", "date", "entity"]
OPPOSITE_KINDS: tuple[OppositeKind, ...] = ("antonym", "number", "date", "entity")
"""What :func:`check_opposites` compares: opposite words (:data:`ANTONYMS`, and words with a
negative prefix), or the sets of :data:`EXCLUSIVE` of one finding type (ordinals; frequencies,
times of day, seasons and periods; a sex)."""


def check_antonyms(
    derived: Analysis, claim_span: Span, source: Analysis, evidence_spans: list[Span]
) -> list[Finding]:
    """The first finding of :func:`check_opposites` over :data:`OPPOSITE_KINDS`, in that order."""
    for kind in OPPOSITE_KINDS:
        found = check_opposites(derived, claim_span, source, evidence_spans, kind=kind)
        if found:
            return found
    return []


def check_opposites(
    derived: Analysis, claim_span: Span, source: Analysis, evidence_spans: list[Span], *, kind: OppositeKind
) -> list[Finding]:
    """A finding for a word of the claim whose opposite (:data:`ANTONYMS`, a ``negation``) or
    other member of its set (:data:`EXCLUSIVE`) stands in its place in the evidence: the claim
    has one side of a pair and not the other, the evidence the other side and not the first,
    with a content word shared around both (the rest of the compound, for a part of one). The
    source saying the claim's word elsewhere, by one of those shared words, vouches for it ("the
    third quarter" in another sentence); so does a negation of one of the two words only ("did
    not approve" for "rejected")."""
    claim_text, evidence_text = derived.document.text, source.document.text
    c_toks, e_toks = _claim_and_evidence_words(derived, claim_span, source, evidence_spans)
    (ct, c_rest), (et, e_rest) = _parts(claim_text, c_toks), _parts(evidence_text, e_toks)
    c_words, e_words = _words(ct), _words(et)
    pairs: tuple[_Pair, ...]
    if kind == "antonym":
        prefixed: list[_Pair] = [
            ("negation", frozenset({w}), frozenset({v}))
            for w in sorted(c_words)
            for v in sorted(_prefix_forms(w) & e_words)
        ]
        wordnet: list[_Pair] = [
            ("negation", frozenset({k}), frozenset({o}))
            for i in range(len(ct))
            for k in sorted(_own_keys(ct[i]))
            for o in sorted(ANTONYM_TABLE.get(k, frozenset()) & e_words)
        ]  # in the claim's word order, so that the first flip is reported whatever the run
        pairs = (*_ANTONYM_PAIRS, *prefixed, *wordnet)
    else:
        pairs = tuple(p for p in _EXCLUSIVE_PAIRS if p[0] == kind)
    for ftype, a, b in pairs:
        for mine, theirs in ((a, b), (b, a)):
            if not (c_words & mine) or c_words & theirs or not (e_words & theirs) or e_words & mine:
                continue
            ci = next(i for i in range(len(ct)) if _keys(ct, i) & mine)
            ei = next(i for i in range(len(et)) if _keys(et, i) & theirs)
            shared = _near(claim_text, ct, ci) & _near(evidence_text, et, ei)
            if not shared or _said_elsewhere(source, mine, shared):
                continue
            if not all(shared & r for r in (c_rest.get(ct[ci].start), e_rest.get(et[ei].start)) if r):
                continue  # a part of a compound pairs within the same compound ("short-term", "long-term")
            if ct[ci].norm in PREPOSITIONS and not _same_neighbour(ct, ci, et, ei):
                continue  # "spying for the US" says nothing of "feeling against surveillance"
            if (negated(claim_text, ct, ci) is None) != (negated(evidence_text, et, ei) is None):
                continue  # "rejected the plan" restates "did not approve the plan"
            said, ev = _reading(ct, ci, mine), _reading(et, ei, theirs)
            ev_span = next((s for s in evidence_spans if s.start <= ev.start < s.end), None)
            detail = f"the claim says {said.of(claim_text)!r} where the evidence has {ev.of(evidence_text)!r}"
            return [Finding(ftype, said, detail, ev_span, relation="contradicts")]
    return []
