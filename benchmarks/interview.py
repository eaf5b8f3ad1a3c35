"""Interview benchmark: is the generated interview grounded, fair to its speakers, and readable?

Runs the embedded generator (default length) over a seeded sample of PolNeAR articles
(``../shared/data/attribution/polnear-train/text``) and the seed article, audits each rendered
interview afresh with the checker (as ``copydesk check ARTICLE INTERVIEW`` would), and measures
it; every measure is defined in ``benchmarks/README.md``. With ``--baseline REV`` it also runs
the generator of an earlier revision on the same articles, from a temporary ``git worktree``
of it in a subprocess (``interview_generate.py``), measures those interviews with the same
measures, the same analyser and the same checker, prints both side by side and stores the
baseline's figures in ``benchmarks/interview_baseline.json`` (with the revision they came
from); later runs print the stored figures beside their own.

    python benchmarks/interview.py --quick                 # 20 sampled articles and the seed (CI)
    python benchmarks/interview.py --full                  # all 840 PolNeAR training articles
    python benchmarks/interview.py --quick --baseline 30543af
    python benchmarks/interview.py --self-test             # each measure catches a bad interview

A table goes to stdout and JSON to ``benchmarks/out/interview.json``; the exit code is 1 when a
figure misses its floor in ``benchmarks/floors.json`` (key ``interview``).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "data" / "attribution" / "polnear-train"
METADATA = SHARED / "data" / "attribution" / "polnear-metadata.tsv"
SEED_DIR = SHARED / "data" / "seed"
SEED_PUBLISHED = dt.date(2024, 11, 8)
SEED_ID = "seed article.txt"
OUT = HERE / "out"
FLOORS = HERE / "floors.json"
BASELINE_FILE = HERE / "interview_baseline.json"
SAMPLE_SEED = 20241108
QUICK_ARTICLES = 20
LEAD_SENTENCES = 2
NEAR_DUPLICATE = 0.8
TERM_WORDS = 3
"""A quoted passage of at most this many words that the article attributes to no one is a
quoted term ("victory plan"): it only has to be verbatim."""
LONG_ARTICLE = 40
"""Article reuse is measured on articles with more sentences than this (the issue's figure)."""
REUSE_NGRAM = 3
REUSE_SHARE = 0.5
"""An article sentence is reused when this share of its word 3-grams is in the interview."""
CONTENT_MATCH = 0.5
"""A quote in the interview restates an article quote when this share of its content words
are the article quote's."""
SPEAKER_TYPES = ("PERSON", "ORG", "GPE")
"""Actor types a question or an answer can name as a speaker or ask about."""

_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP = _wordset("""a an the of to in on at for and or but nor so yet if that which who whom whose whether
    when where while because since until after before during is are was were be been being has
    have had do does did will would can could should may might must shall he she it they we
    you i him her them us me his its their our your my this these those there here not no what
    how why about with by from as into over than""")
_QUESTION_STOP = _wordset(
    "a an the of to in on at for and or did does do what how why when who is are was were about"
)
GENERIC_WORDS = _wordset(
    """article articles report reports reported reporting say says said tell tells told else
    happen happens happened happening background context details detail news main more other
    others further anything something story start let let's lets s know known we us next come
    comes coming open still remain remains remaining go goes going give gives point points
    make makes made add adds added also now then include includes mention mentions describe
    describes latest key important new really part parts side sides first finally last thing
    things matter view views think like clear unclear"""
)
"""Words that carry no content in a question ("What else does the article report?")."""
PRONOUN_WORDS = frozenset(
    ["he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs"]
)
QUESTION_OPENERS = _wordset(
    """What How Why Who When Where Which Did Does Do Is Are Was Were Has Have Let's And But
    So Can Will"""
)
RESPONSE_NOUNS = (
    "terms|position|positions|view|views|response|reaction|argument|answer|case|claim|claims|plan|"
    "stance|message|point|points|demands|comments|remarks|words|statement|account|explanation|warning"
)
_PREPOSITIONS = frozenset(
    ["of", "for", "in", "at", "from", "on", "with", "to", "by", "about", "against", "over", "under"]
)
_CLAUSE_SPLIT = re.compile(
    r",\s*(?:and\s+|or\s+|but\s+)?(?=(?:what|how|why|who|when|where|which|is|are|was|were|did|does|do)\b)"
    r"|\s+(?:and|or)\s+(?=(?:what|how|why|who|when|where|which)\b)",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _speech_lemmas() -> frozenset[str]:
    from copydesk.analyse.lexicon import CLAUSE_CUES

    reactions = "respond react reject dismiss welcome criticize criticise praise condemn deny counter dispute"
    return frozenset(CLAUSE_CUES) | frozenset(reactions.split()) | {"lay", "set", "make", "mean", "see"}


def _is_speech_word(word: str, lemmas: frozenset[str]) -> bool:
    w = word.lower()
    if w in lemmas:
        return True
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
    ):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in lemmas:
            return True
    return w in {"said", "told", "wrote", "laid", "thought", "felt", "knew", "heard", "read", "found", "made"}


# ----------------------------------------------------------------------------- inputs


def polnear_dates() -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    if not METADATA.exists():
        return dates
    with METADATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            try:
                dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
            except (KeyError, ValueError):
                continue
    return dates


def gold_contents(name: str) -> list[tuple[int, int]] | None:
    """The gold attribution contents of one PolNeAR article (the first annotator's file)."""
    files = sorted((POLNEAR / "attributions").glob(f"{name}_*.ann"))
    if not files:
        return None
    spans: dict[str, list[tuple[int, int]]] = {}
    contents: list[tuple[int, int]] = []
    lines = files[0].read_text(encoding="utf-8").splitlines()
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            if label == "Content":
                spans[parts[0]] = [tuple(map(int, p.split())) for p in offsets.split(";")]  # type: ignore[misc]
    for line in lines:
        if line.startswith("E"):
            for arg in line.split("\t")[1].split():
                role, _, tid = arg.partition(":")
                if role == "Content" and tid in spans:
                    contents.append((spans[tid][0][0], spans[tid][-1][1]))
    return contents


def sample(full: bool, n: int) -> list[Path]:
    files = sorted((POLNEAR / "text").glob("*.txt"))
    if full or n >= len(files):
        return files
    return sorted(random.Random(SAMPLE_SEED).sample(files, n))


def article_rows(full: bool, n: int) -> list[dict[str, Any]]:
    """The articles of a run as ``{"id", "path", "published"}``: the seed first, then PolNeAR."""
    dates = polnear_dates()
    rows = [{"id": SEED_ID, "path": str(SEED_DIR / "article.txt"), "published": SEED_PUBLISHED.isoformat()}]
    for path in sample(full, n):
        published = dates.get(path.stem)
        rows.append({"id": path.stem, "path": str(path), "published": published and published.isoformat()})
    return rows


# ---------------------------------------------------------------------------- the parts


@dataclasses.dataclass
class Part:
    """One sentence of an interview: where it is in the transcript and what it cites."""

    text: str
    span: tuple[int, int]
    citations: list[tuple[int, int]]
    kind: str  # "answer", "statement" (an editor's cited sentence) or "question"


@dataclasses.dataclass
class QA:
    """One question-answer pair: the editor's statements and questions, the guest's answer."""

    statements: list[Part]
    questions: list[Part]
    answer: list[Part]
    answer_span: tuple[int, int]

    @property
    def answer_text(self) -> str:
        return " ".join(p.text for p in self.answer)

    @property
    def cited(self) -> list[tuple[int, int]]:
        return [c for p in self.answer for c in p.citations]


def interview_parts(iv: Any) -> tuple[str, list[QA]]:
    """The audited transcript of an interview and its question-answer pairs.

    An editor's sentence that cites the article is a statement (checked like an answer); one
    that cites nothing is a question.
    """
    from copydesk.report.interview import transcript

    text, starts = transcript(iv)
    pairs: list[QA] = []
    pending_s: list[Part] = []
    pending_q: list[Part] = []
    for k, t in enumerate(iv.turns):
        parts = []
        for s in t.sentences:
            span = (starts[k] + s.span.start, starts[k] + s.span.end)
            cites = [(c.start, c.end) for c in s.citations]
            kind = "answer" if t.role == "guest" else ("statement" if cites else "question")
            parts.append(Part(s.span.of(t.text), span, cites, kind))
        if t.role == "editor":
            pending_s += [p for p in parts if p.kind == "statement"]
            pending_q += [p for p in parts if p.kind == "question"]
        else:
            pairs.append(QA(pending_s, pending_q, parts, (starts[k], starts[k] + len(t.text))))
            pending_s, pending_q = [], []
    return text, pairs


# ---------------------------------------------------------------------------- measures


def claims_in(audit: Any, span: tuple[int, int]) -> list[Any]:
    return [c for c in audit.sentences if span[0] <= c.span.start < span[1]]


def strict_verdict(audit: Any, span: tuple[int, int]) -> str:
    """The worst verdict of the claims overlapping a span (``no_claim`` ranks lowest), or
    ``unsupported`` when none does: a sentence counts as grounded only when a claim over it is
    ``supported`` and none is ``unsupported`` or ``contradicted``."""
    order = {"contradicted": 3, "unsupported": 2, "supported": 1, "no_claim": 0}
    found = [c.verdict for c in audit.sentences if c.span.start < span[1] and span[0] < c.span.end]
    if not found:
        return "unsupported"
    return max(found, key=lambda v: order[v])


def claim_grounding(claims: list[Any]) -> dict[str, Any]:
    counts = {
        v: sum(c.verdict == v for c in claims)
        for v in ("supported", "unsupported", "contradicted", "no_claim")
    }
    judged = counts["supported"] + counts["unsupported"] + counts["contradicted"]
    return {**counts, "rate": counts["supported"] / judged if judged else 1.0}


def _quoted(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of each quoted passage, marks excluded: “ or " opens, ” or " closes."""
    out = []
    opened: int | None = None
    for i, c in enumerate(sentence):
        if opened is None and c in '“"':
            opened = i + 1
        elif opened is not None and c in '”"':
            out.append((opened, i))
            opened = None
    if opened is not None:
        out.append((opened, len(sentence)))
    return out


def actor_names(analysis: Any) -> dict[str, set[str]]:
    """Every way the article names each actor: name, aliases, capitalised mentions, surname.

    The measures are written apart from the generator's own checks (``generate/speakers.py``),
    on purpose: a mistake in one is not hidden by the same mistake in the other.
    """
    text = analysis.document.text
    out: dict[str, set[str]] = {}
    for a in analysis.actors:
        found = {a.name, *a.aliases, *(_squash(m.of(text)) for m in a.mentions)}
        parts = a.name.split()
        if a.type == "PERSON" and len(parts) > 1:
            found.add(parts[-1])
        names = set()
        for n in found:
            n = re.sub(r"^[Tt]he\s+", "", n)
            if len(n) >= 2 and n[:1].isupper() and n.lower() not in PRONOUN_WORDS:
                names.add(n)
        out[a.id] = names
    return out


def _find_name(name: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]


def _named_actors(text: str, analysis: Any, names: dict[str, set[str]]) -> dict[str, list[tuple[int, int]]]:
    """The actors (of ``SPEAKER_TYPES``) a text names, with where; a name inside a longer name
    of another actor counts for the longer one only."""
    hits: list[tuple[int, int, str]] = []
    for a in analysis.actors:
        if a.type not in SPEAKER_TYPES:
            continue
        for n in names.get(a.id, ()):
            hits += [(s, e, a.id) for s, e in _find_name(n, text)]
    kept: dict[str, list[tuple[int, int]]] = {}
    for s, e, aid in hits:
        if any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) and a2 != aid for s2, e2, a2 in hits):
            continue
        kept.setdefault(aid, []).append((s, e))
    return kept


def quote_fidelity(turns: list[list[str]], analysis: Any) -> dict[str, Any]:
    """Quoted passages in the answers: verbatim in the article, with the article's speaker.

    Each turn is read whole, as a list of its sentences, so that a quotation running over
    several sentences is one passage. A passage whose quote in the article has no resolved
    speaker cannot have its speaker checked: it only has to be verbatim, and it is counted
    under ``speaker_unknown``. A passage whose sentences are all whole sentences of the article
    keeps the article's own attribution; otherwise the speaker must be named in the sentences
    the passage spans, outside the passage.
    """
    text = analysis.document.text
    flat_text = _squash(text)
    total = ok = unknown = 0
    failures: list[str] = []
    for sentences in turns:
        joined = " ".join(sentences)
        bounds = []
        pos = 0
        for sent in sentences:
            bounds.append((pos, pos + len(sent), sent))
            pos += len(sent) + 1
        for qs, qe in _quoted(joined):
            passage = joined[qs:qe].strip(" ,.;:!?")
            ws = _words(passage)
            if not ws:
                continue
            total += 1
            pattern = r"\W+".join(re.escape(w) for w in ws)
            found = re.search(pattern, text)
            if not found:
                failures.append(f"not verbatim: {passage[:80]}")
                continue
            quotes = [
                q
                for q in analysis.quotes
                if q.kind != "indirect" and q.content.start < found.end() and found.start() < q.content.end
            ]
            speakers = [q for q in quotes if q.actor or q.name]
            if not speakers:
                ok += 1
                unknown += len(ws) > TERM_WORDS and bool(quotes)
                continue
            spanned = [(a, b, sent) for a, b, sent in bounds if a < qe + 1 and qs - 1 < b]
            if spanned and all(_squash(sent) in flat_text for _, _, sent in spanned):
                ok += 1  # the article's own sentences, with their own attribution
                continue
            sentence = joined[spanned[0][0] : spanned[-1][1]] if spanned else joined
            base = spanned[0][0] if spanned else 0
            qs, qe = qs - base, qe - base
            frame = sentence[: max(0, qs - 1)] + " " + sentence[qe + 1 :]
            names: set[str] = set()
            for q in speakers:
                if q.name:
                    names.add(q.name)
                if q.actor:
                    try:
                        actor = analysis.actor(q.actor)
                    except KeyError:
                        continue
                    names |= {actor.name, *actor.aliases}
                    parts = actor.name.split()
                    if actor.type == "PERSON" and len(parts) > 1:
                        names.add(parts[-1])
            names = {n for n in names if n and n.lower() not in PRONOUN_WORDS}
            if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", frame) for n in names):
                ok += 1
            else:
                failures.append(f"speaker not named ({' / '.join(sorted(names))}): {passage[:60]}")
    return {
        "total": total,
        "ok": ok,
        "speaker_unknown": unknown,
        "rate": ok / total if total else 1.0,
        "failures": failures,
    }


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _words(text)} - _STOP


def _cited_statements(analysis: Any, cited: Sequence[tuple[int, int]]) -> list[Any]:
    """The article's attributions with a resolved speaker whose content the citations overlap."""
    return [
        q
        for q in analysis.quotes
        if q.actor is not None and any(q.content.start < e and s < q.content.end for s, e in cited)
    ]


def _speaker_actors(speaker_text: str, analysis: Any, names: dict[str, set[str]]) -> set[str]:
    """The article actors a speaker phrase of the interview names: the phrase is one of the
    actor's names, or ends in one after its title or description ("Council finance chair Mara
    Lind"), not after a preposition ("the town council of Elmsby" is not Elmsby)."""
    phrase = re.sub(r"^[Tt]he\s+", "", _squash(speaker_text)).rstrip(".,;:")
    found = set()
    for a in analysis.actors:
        if a.type not in SPEAKER_TYPES:
            continue
        for n in names.get(a.id, ()):
            if phrase == n:
                found.add(a.id)
            elif phrase.endswith(" " + n):
                before = phrase[: -len(n) - 1].split()
                if before and before[-1].lower() not in _PREPOSITIONS:
                    found.add(a.id)
    return found


def false_attributions(
    pairs: list[QA], derived: Any, analysis: Any, names: dict[str, set[str]], lemmas: frozenset[str]
) -> list[dict[str, str]]:
    """Speakers the interview names that are not the analyser's speaker of what it cites.

    In answers and editor statements: every attribution the analyser finds in the interview
    whose speaker is a name (not a pronoun) of an article actor must restate (``CONTENT_MATCH``
    of its content words) an attribution of that actor among those the sentence cites. A
    sentence that is a whole sentence of the article carries the article's own attribution
    and is left out. In questions: an actor named as a speaker ("What did X say", "How did X
    respond", "X's terms", "according to X") must be the speaker of an attribution the answer
    cites, and the name must be one the article gives (not "Donald Trump Tells").
    """
    text = analysis.document.text
    dtext = derived.document.text
    flat = _squash(text)
    out: list[dict[str, str]] = []
    checked = [p for qa in pairs for p in (*qa.statements, *qa.answer)]
    for q in derived.quotes:
        if q.speaker is None:
            continue
        speaker = _squash(q.speaker.of(dtext))
        if speaker.lower() in PRONOUN_WORDS or not re.search(r"[A-Z]", speaker):
            continue
        part = next((p for p in checked if p.span[0] <= q.content.start < p.span[1]), None)
        if part is None or _squash(part.text) in flat:
            continue
        actors = _speaker_actors(speaker, analysis, names)
        if not actors:
            continue
        said = _content_words(q.content.of(dtext))
        matching = [
            s
            for s in _cited_statements(analysis, part.citations)
            if said and len(said & _content_words(s.content.of(text))) / len(said) >= CONTENT_MATCH
        ]
        if not actors & {s.actor for s in matching}:
            expected = ", ".join(sorted({analysis.actor(s.actor).name for s in matching})) or "no one"
            out.append({"in": "answer", "sentence": part.text, "named": speaker, "article": expected})
    for qa in pairs:
        resolved = {q.actor for q in _cited_statements(analysis, qa.cited)}
        for part in qa.questions:
            seen: set[tuple[int, int]] = set()
            for aid, spans in _named_actors(part.text, analysis, names).items():
                for s, e in spans:
                    run = _capitalised_run(part.text, s, e)
                    if any(a < e and s < b for a, b in seen) or not _framed_as_speaker(
                        part.text, s, e, lemmas
                    ):
                        continue
                    seen.add((s, e))
                    actor = analysis.actor(aid)
                    if aid not in resolved:
                        out.append(
                            {
                                "in": "question",
                                "sentence": part.text,
                                "named": run,
                                "article": "not a speaker",
                            }
                        )
                    elif run != part.text[s:e] and not _is_title_name(run, actor, names[aid]):
                        out.append(
                            {"in": "question", "sentence": part.text, "named": run, "article": actor.name}
                        )
    return out


def _framed_as_speaker(text: str, s: int, e: int, lemmas: frozenset[str]) -> bool:
    after = text[e:]
    if re.match(rf"[’']s\s+(?:{RESPONSE_NOUNS})\b", after):
        return True
    m = re.match(r"\s+(?:(\w+)\s+)?(\w+)", after)
    if m and (_is_speech_word(m.group(2), lemmas) or (m.group(1) and _is_speech_word(m.group(1), lemmas))):
        return True
    return bool(re.search(r"\baccording to\s+(?:the\s+)?$", text[:s], re.IGNORECASE))


def _capitalised_run(text: str, s: int, e: int) -> str:
    """The run of capitalised words around a name ("Donald Trump Tells")."""
    while True:
        m = re.match(r"\s+([A-Z][\w’'.-]*)", text[e:])
        if not m:
            break
        e += m.end()
    while True:
        m = re.search(r"([A-Z][\w’'.-]*)\s+$", text[:s])
        if not m or m.group(1) in QUESTION_OPENERS or m.start(1) == 0 and m.group(1) in QUESTION_OPENERS:
            break
        s = m.start(1)
    return re.sub(r"[’']s$", "", text[s:e]).rstrip(".,;:?")


def _is_title_name(run: str, actor: Any, names: set[str]) -> bool:
    """Whether a capitalised run is one of the actor's names, after its title or abbreviated
    titles ("Sen. Bernie Sanders")."""
    bare = re.sub(r"^(?:[A-Z][a-z]{0,4}\.\s+)+", "", run)
    if run in names or bare in names:
        return True
    return any(run == f"{t} {n}" for t in actor.titles for n in names)


def absent_named(pairs: list[QA], analysis: Any, names: dict[str, set[str]]) -> list[dict[str, str]]:
    """Questions naming an actor (person, organisation or place) absent from their answer: the
    answer neither names it nor cites a passage in which the analyser finds a mention of it."""
    out = []
    for qa in pairs:
        answer = qa.answer_text
        for part in qa.questions:
            for aid in _named_actors(part.text, analysis, names):
                actor = analysis.actor(aid)
                if any(_find_name(n, answer) for n in names[aid]):
                    continue
                if any(m.start < e and s < m.end for m in actor.mentions for s, e in qa.cited):
                    continue
                out.append({"question": part.text, "named": actor.name})
    return out


def _stem_match(word: str, others: set[str]) -> bool:
    return word in others or (len(word) >= 5 and any(len(o) >= 5 and o[:5] == word[:5] for o in others))


def content_free(pairs: list[QA], analysis: Any, names: dict[str, set[str]]) -> list[str]:
    """Question clauses with no content: they name no actor, figure or date, and none of their
    words (beyond question and function words and ``GENERIC_WORDS``) is in their answer."""
    from copydesk.model import MONTH_NAMES

    out = []
    for qa in pairs:
        answer_words = {w.lower() for w in _words(qa.answer_text)}
        for part in qa.questions:
            for clause in _CLAUSE_SPLIT.split(part.text):
                if not clause.strip():
                    continue
                if _named_actors(clause, analysis, names) or re.search(r"\d", clause):
                    continue
                if any(m in clause for m in MONTH_NAMES):
                    continue
                words = {w.lower() for w in _words(clause)} - _STOP - GENERIC_WORDS
                if any(_stem_match(w, answer_words) for w in words):
                    continue
                out.append(clause.strip())
    return out


def answer_lengths(pairs: list[QA], audit: Any) -> list[int]:
    """Sentences in each answer, as the checker splits the rendered answer into claims."""
    return [len(claims_in(audit, qa.answer_span)) for qa in pairs]


def statement_coverage(analysis: Any, cited: list[tuple[int, int]]) -> dict[str, Any]:
    """The share of the analyser's attributions with a resolved speaker that some citation of
    the interview (answers and editor statements) overlaps."""
    targets = [(q.content.start, q.content.end) for q in analysis.quotes if q.actor is not None]
    return coverage(sorted(set(targets)), cited)


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def article_reuse(analysis: Any, interview_text: str) -> dict[str, Any]:
    """The share of the article's sentences (outside the source credit) that the interview
    reproduces: ``REUSE_SHARE`` of the sentence's word 3-grams occur in the interview's turns."""
    text = analysis.document.text
    credit = analysis.document.credit_span
    grams = _ngrams([w.lower() for w in _words(interview_text)], REUSE_NGRAM)
    total = reused = 0
    for s in analysis.sentences:
        if credit is not None and s.start < credit.end and credit.start < s.end:
            continue
        ws = [w.lower() for w in _words(s.of(text))]
        own = _ngrams(ws, REUSE_NGRAM)
        if not own:
            continue
        total += 1
        reused += len(own & grams) / len(own) >= REUSE_SHARE
    return {
        "sentences": len(analysis.sentences),
        "counted": total,
        "reused": reused,
        "rate": reused / total if total else 0.0,
    }


def coverage_targets(analysis: Any) -> list[tuple[int, int]]:
    """The article's attributed statements (quote contents) and its lead sentences."""
    credit = analysis.document.credit_span
    lead = [
        (s.start, s.end)
        for s in sorted(analysis.sentences)
        if len(_words(s.of(analysis.document.text))) >= 3
        and not (credit is not None and s.start < credit.end and credit.start < s.end)
    ][:LEAD_SENTENCES]
    targets = [(q.content.start, q.content.end) for q in analysis.quotes]
    return sorted(set(targets + lead))


def coverage(targets: list[tuple[int, int]], cited: list[tuple[int, int]]) -> dict[str, Any]:
    covered = sum(any(a < ce and cs < b for cs, ce in cited) for a, b in targets)
    return {"targets": len(targets), "covered": covered, "rate": covered / len(targets) if targets else 1.0}


def duplicates(questions: list[str]) -> dict[str, Any]:
    """Questions equal or nearly equal to an earlier one, compared on what they ask (the text
    after a framing colon: "Let's start with the main news: what ...")."""
    keys = [" ".join(w.lower() for w in _words(q.rsplit(": ", 1)[-1])) for q in questions]
    bags = [{w for w in k.split() if w not in _QUESTION_STOP} for k in keys]
    exact = near = 0
    for i in range(len(keys)):
        if keys[i] in keys[:i]:
            exact += 1
        elif any(
            bags[i] and len(bags[i] & bags[j]) / len(bags[i] | bags[j]) >= NEAR_DUPLICATE for j in range(i)
        ):
            near += 1
    n = len(questions)
    return {"questions": n, "exact": exact, "near": near, "rate": (exact + near) / n if n else 0.0}


def measure(
    iv: Any, analysis: Any, *, published: dt.date | None, gold: list[tuple[int, int]] | None = None
) -> dict[str, Any]:
    """Every measure of one interview, against the article's analysis (see the README)."""
    from copydesk import pipeline
    from copydesk.model import Document
    from copydesk.report.interview import render_interview

    text, pairs = interview_parts(iv)
    rendered = render_interview(iv, "text")
    if not rendered.startswith(text):
        raise RuntimeError("the rendered interview does not start with its transcript")
    from copydesk.check import audit as run_audit
    from copydesk.config import Settings

    doc = analysis.document
    t0 = time.perf_counter()
    # What `copydesk check ARTICLE INTERVIEW` runs (pipeline.check), with the article's analysis
    # made once: the rendered interview is analysed, then audited against the article. The
    # same analysis of the interview gives the attributions the false-attribution measure reads
    # (the rendered text starts with the transcript, so its offsets hold for both).
    derived = pipeline.analyse(Document(text=rendered, id="interview"), published=doc.published)
    audit = run_audit(analysis, derived, settings=Settings(), reanalyse=pipeline.analyse)
    reaudit_s = time.perf_counter() - t0
    names = actor_names(analysis)
    graded = [p for qa in pairs for p in (*qa.statements, *qa.answer)]
    verdicts = [strict_verdict(audit, p.span) for p in graded]
    bad_questions = [
        p.text
        for qa in pairs
        for p in qa.questions
        if any(
            c.verdict in ("unsupported", "contradicted")
            for c in audit.sentences
            if c.span.start < p.span[1] and p.span[0] < c.span.end
        )
    ]
    cited = [c for p in graded for c in p.citations]
    questions = [" ".join(p.text for p in qa.questions) for qa in pairs]
    lengths = answer_lengths(pairs, audit)
    guest = [c for qa in pairs for c in claims_in(audit, qa.answer_span)]
    row: dict[str, Any] = {
        "id": doc.id,
        "words": len(doc.text.split()),
        "sentences": len(analysis.sentences),
        "pairs": len(pairs),
        "answer_sentences": len(graded),
        "grounding": sum(v == "supported" for v in verdicts) / len(verdicts) if verdicts else 0.0,
        "unsupported_sentences": [p.text for p, v in zip(graded, verdicts, strict=True) if v != "supported"][
            :5
        ],
        "question_claims_unsupported": bad_questions,
        "claims": claim_grounding(guest),
        "quotes": quote_fidelity(
            [[p.text for p in qa.statements] for qa in pairs] + [[p.text for p in qa.answer] for qa in pairs],
            analysis,
        ),
        "false_attributions": false_attributions(pairs, derived, analysis, names, _speech_lemmas()),
        "absent_named": absent_named(pairs, analysis, names),
        "content_free": content_free(pairs, analysis, names),
        "answer_lengths": lengths,
        "statement_coverage": statement_coverage(analysis, cited),
        "reuse": article_reuse(analysis, " ".join(p.text for p in graded)),
        "coverage": coverage(coverage_targets(analysis), cited),
        "duplicates": duplicates(questions),
        "reaudit_s": round(reaudit_s, 3),
        "warnings": list(iv.warnings),
    }
    if gold is not None:
        row["gold_coverage"] = coverage(sorted(set(gold)), cited)
    return row


def overall(rows: list[dict[str, Any]]) -> dict[str, Any]:
    if not rows:
        return {"articles": 0}
    sentences = sum(r["answer_sentences"] for r in rows)
    grounded = sum(round(r["grounding"] * r["answer_sentences"]) for r in rows)
    quotes = sum(r["quotes"]["total"] for r in rows)
    judged = sum(
        r["claims"]["supported"] + r["claims"]["unsupported"] + r["claims"]["contradicted"] for r in rows
    )
    lengths = [n for r in rows for n in r["answer_lengths"]]
    long_rows = [r for r in rows if r["sentences"] > LONG_ARTICLE]
    with_statements = [r for r in rows if r["statement_coverage"]["targets"]]
    questions = sum(r["duplicates"]["questions"] for r in rows)
    out: dict[str, Any] = {
        "articles": len(rows),
        "pairs": sum(r["pairs"] for r in rows),
        "answer_sentences": sentences,
        "grounding": grounded / sentences if sentences else 0.0,
        "grounding_min": min(r["grounding"] for r in rows),
        "claim_grounding": sum(r["claims"]["supported"] for r in rows) / judged if judged else 1.0,
        "question_claims_unsupported": sum(len(r["question_claims_unsupported"]) for r in rows),
        "quote_fidelity": sum(r["quotes"]["ok"] for r in rows) / quotes if quotes else 1.0,
        "quotes": quotes,
        "false_attributions": sum(len(r["false_attributions"]) for r in rows),
        "absent_named": sum(len(r["absent_named"]) for r in rows),
        "questions": questions,
        "content_free_max": max(len(r["content_free"]) for r in rows),
        "content_free_share": sum(len(r["content_free"]) for r in rows) / max(1, questions),
        "interviews_over_one_content_free": sum(len(r["content_free"]) > 1 for r in rows),
        "answer_median": statistics.median(lengths) if lengths else 0,
        "answers_of_one": sum(n == 1 for n in lengths) / max(1, len(lengths)),
        "answers_over_four": sum(n > 4 for n in lengths) / max(1, len(lengths)),
        "statement_coverage_mean": statistics.fmean(r["statement_coverage"]["rate"] for r in with_statements)
        if with_statements
        else 1.0,
        "statement_coverage_min": min(
            (r["statement_coverage"]["rate"] for r in with_statements), default=1.0
        ),
        "long_articles": len(long_rows),
        "reuse_long_max": max((r["reuse"]["rate"] for r in long_rows), default=0.0),
        "reuse_long_mean": statistics.fmean(r["reuse"]["rate"] for r in long_rows) if long_rows else 0.0,
        "reuse_mean": statistics.fmean(r["reuse"]["rate"] for r in rows),
        "coverage_mean": statistics.fmean(r["coverage"]["rate"] for r in rows),
        "duplicate_rate": sum(r["duplicates"]["exact"] + r["duplicates"]["near"] for r in rows)
        / max(1, questions),
        "generator_s_median": statistics.median(r["generator_s"] for r in rows),
        "generator_s_max": max(r["generator_s"] for r in rows),
        "verify_s_median": statistics.median(r["verify_s"] for r in rows),
    }
    gold = [r["gold_coverage"]["rate"] for r in rows if "gold_coverage" in r]
    if gold:
        out["gold_coverage_mean"] = statistics.fmean(gold)
    return out


def check_floors(total: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """The figures that miss their floors (``at least`` for rates, ``at most`` for counts)."""
    failed = []
    least = {
        "grounding": "grounding",
        "quote_fidelity": "quote_fidelity",
        "statement_coverage": "statement_coverage_mean",
        "coverage": "coverage_mean",
        "answer_median_min": "answer_median",
    }
    most = {
        "duplicate_rate_max": "duplicate_rate",
        "generator_s_max": "generator_s_max",
        "false_attributions_max": "false_attributions",
        "absent_named_max": "absent_named",
        "content_free_per_interview_max": "content_free_max",
        "answer_median_max": "answer_median",
        "reuse_long_max": "reuse_long_max",
        "question_claims_unsupported_max": "question_claims_unsupported",
    }
    for key, figure in least.items():
        if key in floors and total[figure] < floors[key]:
            failed.append(f"{figure} {total[figure]:.4g} < {floors[key]}")
    for key, figure in most.items():
        if key in floors and total[figure] > floors[key]:
            failed.append(f"{figure} {total[figure]:.4g} > {floors[key]}")
    return failed


# ------------------------------------------------------------------------------ runs


def _cache(name: str) -> tuple[Path, dict[str, dict[str, Any]]]:
    """A JSONL file of generated interviews under ``benchmarks/out/`` and the rows already in it,
    so that a long run that stops can go on where it stopped."""
    path = OUT / name
    done: dict[str, dict[str, Any]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                done[row["id"]] = row
    return path, done


def _head() -> str:
    return subprocess.check_output(["git", "-C", str(REPO), "rev-parse", "HEAD"], text=True).strip()


def run_current(rows: list[dict[str, Any]], turns: int | None, mode: str) -> list[dict[str, Any]]:
    """Generates this tree's interviews, kept in a cache named by the commit (a tree with
    uncommitted changes is never cached)."""
    sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(HERE))
    import interview_generate

    clean = not subprocess.check_output(["git", "-C", str(REPO), "status", "--porcelain", "src"], text=True)
    OUT.mkdir(exist_ok=True)
    path, done = _cache(f"interview-current-{_head()[:12]}-{mode}-{turns or 'default'}.jsonl")
    if not clean:
        done = {}
    todo = [r for r in rows if r["id"] not in done]
    with path.open("a" if clean else "w", encoding="utf-8") as f:
        for n, r in enumerate(interview_generate.run(todo, turns=turns), 1):
            done[r["id"]] = r
            if clean:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
                f.flush()
            print(f"  current: {n} of {len(todo)} articles", file=sys.stderr, flush=True)
    return [done[r["id"]] for r in rows if r["id"] in done]


def run_baseline(
    rows: list[dict[str, Any]], revision: str, turns: int | None, mode: str
) -> tuple[str, list[dict[str, Any]]]:
    """Runs the generator of ``revision`` (from a temporary worktree) over the same articles;
    its interviews are kept in ``benchmarks/out/`` so that a stopped run goes on."""
    sha = subprocess.check_output(["git", "-C", str(REPO), "rev-parse", revision], text=True).strip()
    OUT.mkdir(exist_ok=True)
    path, done = _cache(f"interview-baseline-{sha[:12]}-{mode}-{turns or 'default'}.jsonl")
    todo = [r for r in rows if r["id"] not in done]
    if todo:
        with tempfile.TemporaryDirectory(prefix="copydesk-baseline-") as tmp:
            tree = Path(tmp) / "tree"
            subprocess.check_call(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(tree), sha]
            )
            try:
                articles = Path(tmp) / "articles.jsonl"
                articles.write_text("".join(json.dumps(r) + "\n" for r in todo), encoding="utf-8")
                env = {**os.environ, "PYTHONPATH": str(tree / "src")}
                cmd = [sys.executable, str(HERE / "interview_generate.py"), str(articles), str(path)]
                if turns:
                    cmd.append(str(turns))
                subprocess.check_call(cmd, cwd=str(tree), env=env)
            finally:
                subprocess.call(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)])
        path, done = _cache(path.name)
    return sha, [done[r["id"]] for r in rows if r["id"] in done]


def measure_all(
    rows: list[dict[str, Any]], generated: list[dict[str, Any]], label: str
) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
    """Measures generated interviews against the current analyser and checker."""
    from copydesk import pipeline
    from copydesk.model import Interview

    by_id = {g["id"]: g for g in generated}
    measured: list[dict[str, Any]] = []
    errors: list[str] = []
    texts: dict[str, str] = {}
    for n, r in enumerate(rows, 1):
        g = by_id.get(r["id"])
        if g is None or g.get("error") or not g.get("interview"):
            errors.append(f"{r['id']}: {(g or {}).get('error') or 'no interview'}")
            continue
        try:
            doc = dataclasses.replace(pipeline.read(r["path"]), id=r["id"])
            published = dt.date.fromisoformat(r["published"]) if r.get("published") else None
            analysis = pipeline.analyse(doc, published=published)
            iv = Interview.from_dict(g["interview"])
            gold = None if r["id"] == SEED_ID else gold_contents(r["id"])
            m = measure(iv, analysis, published=published, gold=gold)
            m["generator_s"] = g["generator_s"]
            m["verify_s"] = g["verify_s"]
            measured.append(m)
            if r["id"] == SEED_ID:
                from copydesk.report.interview import render_interview

                texts[r["id"]] = render_interview(iv, "text")
        except Exception as e:  # noqa: BLE001 - a benchmark records the failure and goes on
            errors.append(f"{r['id']}: {type(e).__name__}: {e}")
        print(f"  measured ({label}): {n} of {len(rows)}", file=sys.stderr, flush=True)
    return measured, errors, texts


def seed_interview_baseline() -> dict[str, Any]:
    """The seed's own ``interview.txt``, audited with the measures that apply to it."""
    from copydesk import pipeline

    article = pipeline.read(str(SEED_DIR / "article.txt"))
    derived = pipeline.read(str(SEED_DIR / "interview.txt"))
    analysis = pipeline.analyse(article, published=SEED_PUBLISHED)
    audit = pipeline.check(article, derived, published=SEED_PUBLISHED)
    text = audit.derived.text
    claims = []
    for line_start, line in _lines(text):
        label, sep, _ = line.partition(": ")
        if sep and not label.endswith("Editor") and line_start > 0:
            claims += [c for c in audit.sentences if line_start <= c.span.start < line_start + len(line)]
    evidence = [(e.start, e.end) for c in claims if c.verdict == "supported" for e in c.evidence]
    return {
        "claims": claim_grounding(claims),
        "statement_coverage": statement_coverage(analysis, evidence),
        "fabricated_entities": sorted(
            {f.span.of(text) for f in audit.findings if f.type == "fabricated_entity"}
        ),
    }


def _lines(text: str) -> Iterable[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


# ----------------------------------------------------------------------------- output

COLUMNS = (
    ("grounding", "grounding", "{:.3f}"),
    ("quote fidelity", "quote_fidelity", "{:.3f}"),
    ("false attributions", "false_attributions", "{}"),
    ("questions naming someone absent from their answer", "absent_named", "{}"),
    ("content-free question clauses, most in one interview", "content_free_max", "{}"),
    ("interviews with more than one content-free clause", "interviews_over_one_content_free", "{}"),
    ("question claims not supported", "question_claims_unsupported", "{}"),
    ("median answer length (sentences)", "answer_median", "{}"),
    ("answers of one sentence", "answers_of_one", "{:.2f}"),
    ("answers over four sentences", "answers_over_four", "{:.2f}"),
    ("coverage of attributed statements (mean)", "statement_coverage_mean", "{:.3f}"),
    ("article reuse, articles over 40 sentences (max)", "reuse_long_max", "{:.3f}"),
    ("article reuse, articles over 40 sentences (mean)", "reuse_long_mean", "{:.3f}"),
    ("article reuse, all articles (mean)", "reuse_mean", "{:.3f}"),
    ("coverage of statements and lead (mean)", "coverage_mean", "{:.3f}"),
    ("gold attributions cited (mean)", "gold_coverage_mean", "{:.3f}"),
    ("duplicate questions", "duplicate_rate", "{:.3f}"),
    ("question-answer pairs", "pairs", "{}"),
    ("answer and editor sentences", "answer_sentences", "{}"),
    ("claim-level grounding", "claim_grounding", "{:.3f}"),
    ("generator s/article (median)", "generator_s_median", "{:.3f}"),
    ("generator s/article (max)", "generator_s_max", "{:.3f}"),
    ("checker s/article in the self-check (median)", "verify_s_median", "{:.2f}"),
)


def table(columns: list[tuple[str, dict[str, Any]]]) -> str:
    head = f"{'measure':52}" + "".join(f" {name:>18}" for name, _ in columns)
    lines = [head, "-" * len(head)]
    for label, key, fmt in COLUMNS:
        cells = []
        for _, total in columns:
            value = total.get(key)
            cells.append(f" {'-' if value is None else fmt.format(value):>18}")
        lines.append(f"{label:52}" + "".join(cells))
    return "\n".join(lines)


def _compact(r: dict[str, Any]) -> dict[str, Any]:
    """An article's figures as the stored baseline keeps them: counts, never the article's
    words (the development texts stay in ``../shared``)."""
    return {
        "id": r["id"],
        "sentences": r["sentences"],
        "pairs": r["pairs"],
        "grounding": round(r["grounding"], 4),
        "false_attributions": len(r["false_attributions"]),
        "absent_named": len(r["absent_named"]),
        "content_free": len(r["content_free"]),
        "answer_lengths": r["answer_lengths"],
        "statement_coverage": round(r["statement_coverage"]["rate"], 4),
        "reuse": round(r["reuse"]["rate"], 4),
        "generator_s": r["generator_s"],
    }


def stored_baseline(mode: str) -> dict[str, Any] | None:
    if not BASELINE_FILE.exists():
        return None
    data: dict[str, Any] = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    return data.get(mode)


def store_baseline(mode: str, entry: dict[str, Any]) -> None:
    data = json.loads(BASELINE_FILE.read_text(encoding="utf-8")) if BASELINE_FILE.exists() else {}
    data[mode] = entry
    BASELINE_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- self-test


def self_test() -> int:
    """Each measure catches a bad interview built by hand from an original article."""
    sys.path.insert(0, str(REPO / "src"))
    import interview_selftest

    failures = interview_selftest.run(sys.modules[__name__])
    for f in failures:
        print(f"self-test FAILED: {f}")
    if not failures:
        print("interview benchmark self-test: every measure caught its bad interview")
    return 1 if failures else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick", action="store_true", help=f"{QUICK_ARTICLES} sampled articles and the seed (default)"
    )
    mode.add_argument("--full", action="store_true", help="every PolNeAR training article and the seed")
    mode.add_argument(
        "--self-test", action="store_true", help="check that each measure catches a bad interview"
    )
    ap.add_argument("--articles", type=int, default=QUICK_ARTICLES, help="sample size in quick mode")
    ap.add_argument(
        "--turns", type=int, default=None, help="question-answer pairs (default: the packaged default)"
    )
    ap.add_argument(
        "--baseline", metavar="REV", help="also run the generator of this git revision and store it"
    )
    a = ap.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO / "src"))
    if a.self_test:
        return self_test()
    if not (POLNEAR / "text").is_dir() or not (SEED_DIR / "article.txt").exists():
        print(f"interview benchmark skipped: {SHARED / 'data'} not found")
        return 0
    run_mode = "full" if a.full else "quick"
    if a.articles != QUICK_ARTICLES and not a.full:
        run_mode = f"quick-{a.articles}"
    rows = article_rows(a.full, a.articles)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["interview"]

    baseline: dict[str, Any] | None = None
    if a.baseline:
        sha, generated = run_baseline(rows, a.baseline, a.turns, run_mode)
        measured, errors, _ = measure_all(rows, generated, "baseline")
        head = _head()
        baseline = {
            "revision": sha,
            "measured_with": head,
            "date": dt.date.today().isoformat(),
            "command": f"python benchmarks/interview.py --{run_mode.split('-')[0]} --baseline {a.baseline}",
            "overall": overall(measured),
            "errors": errors,
            "articles": [_compact(r) for r in measured],
        }
        if a.turns is None and run_mode in ("quick", "full"):
            store_baseline(run_mode, baseline)
    else:
        baseline = stored_baseline(run_mode)

    generated = run_current(rows, a.turns, run_mode)
    measured, errors, texts = measure_all(rows, generated, "current")
    total = overall(measured)
    seed_own = seed_interview_baseline()

    columns = [("this tree", total)]
    if baseline is not None:
        columns.append((f"baseline {baseline['revision'][:7]}", baseline["overall"]))
    print(
        f"\ninterview benchmark, {run_mode} mode: {len(rows)} articles (the seed and {len(rows) - 1} PolNeAR)"
    )
    print(table(columns))
    if baseline is not None:
        print(
            f"(baseline: the generator of {baseline['revision'][:12]}, measured {baseline['date']} by "
            f"`{baseline['command']}`)"
        )
    print(
        f"the seed's own interview.txt: claim grounding {seed_own['claims']['rate']:.3f} "
        f"({seed_own['claims']['unsupported']} unsupported, "
        f"{seed_own['claims']['contradicted']} contradicted), "
        f"coverage of attributed statements {seed_own['statement_coverage']['rate']:.3f}, invented entities: "
        f"{', '.join(seed_own['fabricated_entities']) or 'none'}"
    )
    for r in measured:
        for f in r["false_attributions"]:
            print(
                f"false attribution [{r['id']}]: {f['named']!r} in {f['sentence'][:90]!r} "
                f"(article: {f['article']})"
            )
        for f in r["absent_named"]:
            print(f"absent from the answer [{r['id']}]: {f['named']!r} in {f['question'][:90]!r}")
        for s in r["unsupported_sentences"]:
            print(f"not supported [{r['id']}]: {s[:100]!r}")
    for e in errors:
        print(f"error: {e}")
    failed = check_floors(total, floors)
    if errors:
        failed.append(f"{len(errors)} article(s) failed")
    OUT.mkdir(exist_ok=True)
    result = {
        "mode": run_mode,
        "turns": a.turns,
        "sample_seed": SAMPLE_SEED,
        "overall": total,
        "baseline": baseline and {k: v for k, v in baseline.items() if k != "articles"},
        "seed_own_interview": seed_own,
        "seed_interview": texts.get(SEED_ID),
        "articles": measured,
        "errors": errors,
        "floors": floors,
        "failed": failed,
    }
    (OUT / f"interview-{run_mode}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (OUT / "interview.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if failed:
        print("below floors: " + "; ".join(failed))
        return 1
    print("interview benchmark: all floors met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
