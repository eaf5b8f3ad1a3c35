"""Polarity of a claim against its evidence: the ``negation`` check.

A word the claim shares with its evidence is negated in one and not in the other: "Trump
has spoken to Putin" against "Trump ... has not spoken to Putin". A word counts as negated
when a negation cue (:data:`NEGATION_CUES`) stands at most :data:`CUE_WINDOW` words before it,
or a denial verb (:data:`DENIAL_VERBS`) or negated reporting verb ("did not say",
:data:`NEGATED_REPORTING`) at most :data:`DENIAL_WINDOW` words before it, in the same clause. Only words that occur once on each side and share a neighbouring content word
on both sides are compared, so a negation that merely moved within a paraphrase is not
taken for a flip. This is the cue-and-scope approach of NegEx (Chapman et al. 2001), reduced
to what a comparison of two short texts needs.
"""

from __future__ import annotations

import re
from collections import Counter

from copydesk.check.text import STOPWORDS, Token, lexicon, tokens
from copydesk.model import Finding, Span

NEGATION_CUES: frozenset[str] = lexicon(
    """not no never none nobody nothing neither nor without cannot n't hardly barely nowhere"""
)
"""Words that negate what follows them."""

DENIAL_VERBS: frozenset[str] = lexicon(
    """deny denies denied denying refuse refuses refused refusing reject rejects rejected rejecting
    dismiss dismissed dismisses decline declines declined declining"""
)
"""Verbs that negate the clause they introduce ("denied that Trump had spoken")."""

NEGATED_REPORTING: frozenset[str] = lexicon(
    """say said says tell told confirm confirmed confirms disclose disclosed specify specified
    comment commented reveal revealed"""
)
"""Reporting verbs whose negation negates the whole report ("did not say whether the government
would intervene" does not report that it would)."""

NOT_NEGATING: tuple[tuple[str, str], ...] = (
    ("not", "only"),
    ("no", "longer"),
    ("no", "doubt"),
    ("not", "least"),
    ("nothing", "but"),
)
"""Cue bigrams that do not negate the words after them (or whose flip is not comparable)."""

CUE_WINDOW = 3
"""A negation cue negates words up to this many words after it."""
DENIAL_WINDOW = 6
"""A denial verb negates words up to this many words after it."""
NEIGHBOUR_WINDOW = 4
"""A compared word needs a shared content word within this many words on both sides."""

_BREAK_RE = re.compile(r"[,;:()\u2014\u2013]|\s-\s|[.!?]\s")
_CLAUSE_BREAKS = frozenset({"but", "while", "whereas", "although", "though", "however", "yet"})


def _is_cue(toks: list[Token], i: int) -> bool:
    w = toks[i].norm
    nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
    if (w, nxt) in NOT_NEGATING:
        return False
    return w in NEGATION_CUES or w.endswith("n't")


def negated(text: str, toks: list[Token], i: int) -> bool:
    """Whether the word at ``i`` lies in the scope of a negation cue or denial verb.

    The scope ends at a clause break: punctuation (``,;:`` and dashes) or a contrastive
    conjunction ("but", "while").
    """
    for j in range(i - 1, max(-1, i - 1 - DENIAL_WINDOW), -1):
        w = toks[j].norm
        if w in _CLAUSE_BREAKS or _BREAK_RE.search(text, toks[j].end, toks[j + 1].start):
            return False
        near = i - j <= CUE_WINDOW
        if near and _is_cue(toks, j):
            return True
        if w in DENIAL_VERBS:
            return True
        if w in NEGATED_REPORTING and any(_is_cue(toks, k) for k in range(max(0, j - 2), j)):
            return True
    return False


def _content(toks: list[Token]) -> list[int]:
    return [
        i
        for i, t in enumerate(toks)
        if t.norm not in STOPWORDS and t.norm not in NEGATION_CUES and t.norm.isalpha()
    ]


def check_negation(
    claim_text: str, claim_span: Span, evidence_text: str, evidence_spans: list[Span]
) -> list[Finding]:
    """``negation`` findings: shared words whose polarity differs between claim and evidence.

    Args:
        claim_text: The derived text; ``claim_span`` the claim in it.
        evidence_text: The source text; ``evidence_spans`` the evidence sentences in it.
    """
    ct = tokens(claim_text, claim_span.start, claim_span.end)
    et: list[Token] = []
    for s in evidence_spans:
        et.extend(tokens(evidence_text, s.start, s.end))
    c_idx, e_idx = _content(ct), _content(et)
    c_count = Counter(ct[i].stem for i in c_idx)
    e_count = Counter(et[i].stem for i in e_idx)
    shared = {w for w in c_count if c_count[w] == 1 and e_count.get(w) == 1}
    if not shared:
        return []
    c_pos = {ct[i].stem: i for i in c_idx if ct[i].stem in shared}
    e_pos = {et[i].stem: i for i in e_idx if et[i].stem in shared}

    def neighbours(toks: list[Token], pos: dict[str, int], w: str) -> set[str]:
        i = pos[w]
        lo, hi = max(0, i - NEIGHBOUR_WINDOW), min(len(toks), i + NEIGHBOUR_WINDOW + 1)
        return {toks[j].stem for j in range(lo, hi) if j != i and toks[j].stem in shared}

    out: list[Finding] = []
    for w in sorted(shared, key=lambda x: c_pos[x]):
        if not (neighbours(ct, c_pos, w) & neighbours(et, e_pos, w)):
            continue
        cn, en = negated(claim_text, ct, c_pos[w]), negated(evidence_text, et, e_pos[w])
        if cn == en:
            continue
        tok = ct[c_pos[w]]
        ev = et[e_pos[w]]
        if cn:
            detail = f"the claim negates {tok.text!r}, the evidence does not"
        else:
            detail = f"the evidence negates {ev.text!r}, the claim does not"
        ev_span = next((s for s in evidence_spans if s.start <= ev.start < s.end), None)
        out.append(Finding("negation", Span(tok.start, tok.end), detail, ev_span))
        break  # one flip is enough to report
    return out
