"""Edits of news sentences for the scorer's training pairs, beyond the FactCC-style ones of
:mod:`training.pairs`: the changes faithful summaries do not make and unfaithful ones do.

Negatives (the claim says something its premise does not):

- ``cohyponym_swap``: a common noun or verb replaced by a WordNet co-hyponym of its most frequent
  sense, a related but different thing ("lawyer" -> "accountant", "bought" -> "leased");
- ``wordnet_antonym``: a word replaced by its WordNet antonym ("legal" -> "illegal");
- ``modality``: a statement of fact hedged or made an intention ("approved the plan" -> "is
  considering approving the plan"), or a hedge made a fact ("may approve" -> "will approve");
- ``quantifier``: a quantifier changed ("around 50" -> "less than 50", "some" -> "all"), or one
  put before a bare figure ("50 people" -> "more than 50 people");
- ``added_modifier``: a modifier the premise does not have put before a noun ("the plan" -> "the
  secret plan");
- ``added_phrase``: a prepositional phrase from another article added to the sentence;
- ``fusion_partial``: a fusion of two source sentences (below) against the first one alone.

Positive:

- ``fusion``: two (sometimes three) sentences of an article joined into one claim, with those
  sentences as the premise: "A, and B" or, when they share a subject, "A and <B's predicate>".

WordNet 3.0 (Princeton University; licence in ``src/copydesk/lang/en/WORDNET_LICENSE``) is read
with :mod:`training.wordnet`. Each function takes a spaCy sentence span and its doc and returns
the edited sentence, or ``None`` when the edit does not apply.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from training.wordnet import WordNet, wordnet_dir

MIN_TAGGED = 3
"""A replacement word must occur at least this often in WordNet's sense-tagged corpus (its
``tagsense_cnt``): common words only, so that the edit reads as a plausible change."""
MODIFIERS = (
    "former", "new", "first", "secret", "controversial", "surprise", "emergency", "official",
    "private", "federal", "local", "foreign", "record", "historic", "senior", "young", "elderly",
    "wealthy", "armed", "violent", "major", "annual", "final", "recent", "temporary", "joint",
    "illegal", "rare", "public", "second", "small", "large", "brief", "lengthy", "disputed",
)  # fmt: skip
"""Modifiers an ``added_modifier`` edit puts before a noun (the kind of detail a summary adds)."""
HEDGES = (
    "plans to {v}", "is expected to {v}", "may {v}", "is considering {ving}", "could {v}",
    "wants to {v}", "is set to {v}", "has proposed to {v}", "is likely to {v}",
)  # fmt: skip
"""What a ``modality`` edit makes of a stated fact (``{v}`` the verb's lemma, ``{ving}`` its -ing form)."""
HEDGE_VERBS = frozenset(
    [
        "plan",
        "plans",
        "planned",
        "expect",
        "expects",
        "expected",
        "consider",
        "considers",
        "considered",
        "want",
        "wants",
        "wanted",
        "hope",
        "hopes",
        "hoped",
        "propose",
        "proposes",
        "proposed",
        "threaten",
        "threatens",
        "threatened",
        "seek",
        "seeks",
        "sought",
        "intend",
        "intends",
        "intended",
        "aim",
        "aims",
        "aimed",
    ]
)
MODALS = frozenset(["may", "might", "could", "would", "should"])
QUANTIFIER_SWAPS = {
    "more than": ("less than", "nearly"),
    "less than": ("more than", "at least"),
    "fewer than": ("more than", "at least"),
    "at least": ("at most", "less than"),
    "at most": ("at least", "more than"),
    "up to": ("at least", "more than"),
    "over": ("under", "nearly"),
    "under": ("over", "more than"),
    "about": ("more than", "less than"),
    "around": ("less than", "more than"),
    "approximately": ("more than", "less than"),
    "roughly": ("more than", "less than"),
    "nearly": ("more than", "over"),
    "almost": ("more than", "over"),
    "some": ("all", "most"),
    "several": ("all", "dozens of"),
    "many": ("few", "all"),
    "few": ("many", "most"),
    "most": ("all", "few"),
    "a few": ("many", "dozens of"),
    "dozens of": ("a few", "hundreds of"),
    "hundreds of": ("dozens of", "thousands of"),
    "thousands of": ("hundreds of", "millions of"),
}
"""Quantifiers and what a ``quantifier`` edit may put in their place (never a weaker claim that
the original entails, such as "some" for "all")."""
BARE_FIGURE_QUANTIFIERS = ("more than", "less than", "nearly", "at least", "over", "fewer than")
ADDED_PREPOSITIONS = frozenset(
    ["in", "at", "after", "during", "with", "for", "near", "before", "amid", "despite"]
)


# ---------------------------------------------------------------- WordNet tables


@cache
def _wordnet() -> WordNet:
    return WordNet()


def _read_exc(path: Path) -> dict[str, list[str]]:
    """An ``*.exc`` file inverted: base form -> its irregular inflected forms."""
    out: dict[str, list[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            f = line.split()
            if len(f) >= 2:
                out.setdefault(f[1], []).append(f[0])
    return out


@cache
def _irregular(pos: str) -> dict[str, list[str]]:
    return _read_exc(wordnet_dir() / f"{'noun' if pos == 'n' else 'verb'}.exc")


@cache
def _tagged() -> dict[tuple[str, str], int]:
    """``(lemma, pos)`` -> how often WordNet's tagged corpus uses it (``tagsense_cnt``)."""
    out: dict[tuple[str, str], int] = {}
    for pos, suffix in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        with open(wordnet_dir() / f"index.{suffix}", encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                n_senses = int(fields[2])
                out[(fields[0], pos)] = int(fields[-n_senses - 1])
    return out


@cache
def _antonyms() -> dict[tuple[str, str], tuple[str, ...]]:
    """``(word, pos)`` -> its WordNet antonyms (single common words only)."""
    tagged = _tagged()
    out: dict[tuple[str, str], set[str]] = {}
    for pos, word, other in _wordnet().antonym_pairs():
        if "_" in word or "_" in other or not other.isalpha():
            continue
        if tagged.get((other, pos), 0) < MIN_TAGGED:
            continue
        out.setdefault((word, pos), set()).add(other)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _synonyms(lemma: str, pos: str) -> set[str]:
    """Every word sharing a synset with ``lemma`` (any sense), and the lemma itself."""
    return {w for s in _wordnet().senses(lemma, pos) for w in s.words} | {lemma}


def co_hyponyms(lemma: str, pos: str) -> list[str]:
    """Common single words that name a sibling of ``lemma``'s most frequent sense under its
    direct hypernym, with that sibling as their own most frequent sense, synonyms left out."""
    wn = _wordnet()
    senses = wn.senses(lemma, pos)
    if not senses or _tagged().get((lemma, pos), 0) < MIN_TAGGED:
        return []
    own = _synonyms(lemma, pos)
    related = {k for h in wn.hypernyms(senses[0].key) for k in (h, *wn.hypernyms(h))}
    out: list[str] = []
    for key in wn.co_hyponyms(senses[0].key):
        for word in wn.synsets[key].words[:1]:
            if (
                word.isalpha()
                and word not in own
                and len(word) >= 3
                and _tagged().get((word, pos), 0) >= MIN_TAGGED
                and wn.senses(word, pos)[0].key == key
                and not any(s.key in related for s in wn.senses(word, pos))
                and not _shares_stem(word, lemma)
            ):
                out.append(word)
    return sorted(set(out))


def _shares_stem(a: str, b: str) -> bool:
    n = min(len(a), len(b), 5)
    return a[:n] == b[:n]


# ---------------------------------------------------------------- inflection


def inflect(lemma: str, tag: str) -> str | None:
    """``lemma`` in the form of Penn tag ``tag`` (regular rules, WordNet's exception lists for
    irregular nouns; ``None`` for an irregular verb's past forms, which cannot be told apart)."""
    if tag in ("NN", "VB", "VBP", "JJ", "RB"):
        return lemma
    if tag == "NNS":
        irregular = _irregular("n").get(lemma)
        if irregular:
            return irregular[0]
        if re.search(r"(s|x|z|ch|sh)$", lemma):
            return lemma + "es"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ies"
        return lemma + "s"
    if tag == "VBZ":
        if re.search(r"(s|x|z|ch|sh|o)$", lemma):
            return lemma + "es"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ies"
        return lemma + "s"
    if tag == "VBG":
        if lemma.endswith("ie"):
            return lemma[:-2] + "ying"
        if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
            return lemma[:-1] + "ing"
        if _doubles(lemma):
            return lemma + lemma[-1] + "ing"
        return lemma + "ing"
    if tag in ("VBD", "VBN"):
        if lemma in _irregular("v"):
            return None
        if lemma.endswith("e"):
            return lemma + "d"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ied"
        if _doubles(lemma):
            return lemma + lemma[-1] + "ed"
        return lemma + "ed"
    return None


def _doubles(lemma: str) -> bool:
    """A one-syllable verb ending consonant-vowel-consonant doubles its last letter ("stop")."""
    return re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma) is not None and len(lemma) <= 4


def _cased(new: str, like: str) -> str:
    return new[:1].upper() + new[1:] if like[:1].isupper() else new


def _replace(sent: Any, start: int, end: int, new: str) -> str:
    """The sentence text with characters ``[start, end)`` (document offsets) replaced."""
    text = sent.text
    a, b = start - sent.start_char, end - sent.start_char
    out = text[:a] + new + text[b:]
    out = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    return out[:1].upper() + out[1:] if out else out


# ---------------------------------------------------------------- negatives


VERB_LEXFILES_SKIPPED = frozenset({31, 32})
"""WordNet's verb.cognition and verb.communication: their co-hyponyms are often near-synonyms
("guess" and "speculate", "say" and "state"), so swapping them may not change what is said."""


def _standalone(t: Any) -> bool:
    """A whole word: not a piece of a hyphenated compound or a contraction ("gon|na")."""
    doc = t.doc
    before = doc[t.i - 1] if t.i > 0 else None
    after = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return (before is None or bool(before.whitespace_) or before.text in "(\"'\u201c") and (
        bool(t.whitespace_) or after is None or (after.is_punct and after.text not in "-\u2013")
    )


def _open_class(sent: Any, pos: tuple[str, ...]) -> list[Any]:
    return [
        t
        for t in sent
        if t.pos_ in pos
        and not t.ent_type_
        and not t.is_stop
        and t.text.isalpha()
        and t.text.islower()
        and t.dep_ not in ("aux", "auxpass", "compound")
        and _standalone(t)
    ]


def cohyponym_swap(sent: Any, doc: Any, rng: random.Random) -> str | None:
    words = _open_class(sent, ("NOUN", "VERB"))
    rng.shuffle(words)
    # nouns first most of the time: verbs' co-hyponyms are more often near-synonyms
    words.sort(key=lambda t: t.pos_ != "NOUN" and rng.random() < 0.7)
    wn = _wordnet()
    for t in words:
        pos = "n" if t.pos_ == "NOUN" else "v"
        if pos == "v":
            senses = wn.senses(t.lemma_.lower(), "v")
            if (
                not senses
                or senses[0].lex_filenum in VERB_LEXFILES_SKIPPED
                or not any(c.dep_ == "dobj" for c in t.children)
            ):
                continue
        options = co_hyponyms(t.lemma_.lower(), pos)
        rng.shuffle(options)
        for other in options:
            new = inflect(other, t.tag_)
            if new and new.lower() not in sent.text.lower():
                return _replace(sent, t.idx, t.idx + len(t.text), _cased(new, t.text))
    return None


def wordnet_antonym(sent: Any, doc: Any, rng: random.Random) -> str | None:
    words = _open_class(sent, ("NOUN", "VERB", "ADJ", "ADV"))
    rng.shuffle(words)
    table = _antonyms()
    for t in words:
        pos = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}[t.pos_]
        if pos == "a" and t.tag_ != "JJ":
            continue
        options = table.get((t.lemma_.lower(), pos), ())
        for other in rng.sample(list(options), len(options)):
            new = inflect(other, t.tag_)
            if new:
                return _replace(sent, t.idx, t.idx + len(t.text), _cased(new, t.text))
    return None


def _plural_subject(verb: Any) -> bool:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and (subj[0].tag_ in ("NNS", "NNPS") or subj[0].lower_ in ("they", "we", "you"))


def modality(sent: Any, doc: Any, rng: random.Random) -> str | None:
    root = sent.root
    if (
        root.pos_ != "VERB"
        or not root.text.isalpha()
        or not root.lemma_.isalpha()
        or root.lemma_.lower() in ("say", "be", "have", "tell")
    ):
        return None
    children = list(root.children)
    modal = [c for c in children if c.dep_ == "aux" and c.lower_ in MODALS]
    if modal:
        # a possibility made a fact
        m = modal[0]
        return _replace(sent, m.idx, m.idx + len(m.text), "will")
    xcomp = [c for c in children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if root.lower_ in HEDGE_VERBS and xcomp:
        # "plans to build" -> "is building" / "will build"
        to = [c for c in xcomp[0].children if c.dep_ == "aux" and c.lower_ == "to"]
        if to:
            aux = [c for c in children if c.dep_ in ("aux", "auxpass")]
            start = min([root.idx, *(a.idx for a in aux)])
            verb = xcomp[0]
            return _replace(sent, start, verb.idx + len(verb.text), f"will {verb.lemma_.lower()}")
    if root.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass", "neg") for c in children):
        template = rng.choice(HEDGES)
        ving = inflect(root.lemma_.lower(), "VBG")
        if ving is None:
            return None
        phrase = template.format(v=root.lemma_.lower(), ving=ving)
        if _plural_subject(root):
            phrase = phrase.replace("is ", "are ", 1).replace("has ", "have ", 1)
            phrase = re.sub(r"^(plans|wants)", lambda m: m.group(1)[:-1], phrase)
        return _replace(sent, root.idx, root.idx + len(root.text), phrase)
    return None


def quantifier(sent: Any, doc: Any, rng: random.Random) -> str | None:
    text = sent.text
    low = text.lower()
    found = []
    for q, options in QUANTIFIER_SWAPS.items():
        for m in re.finditer(rf"\b{re.escape(q)}\b", low):
            after = low[m.end() :].lstrip()
            # "over" and "under" as quantifiers only before a figure
            if q in ("over", "under", "about", "around") and not re.match(
                r"[\d$£€]|(one|two|three|ten|a )", after
            ):
                continue
            found.append((m.start(), m.end(), options))
    if found:
        a, b, options = rng.choice(found)
        new = _cased(rng.choice(options), text[a:b])
        return _replace(sent, sent.start_char + a, sent.start_char + b, new)
    figures = [
        e
        for e in sent.ents
        if e.label_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT")
        and e.start > sent.start
        and doc[e.start - 1].lower_
        not in ("than", "least", "most", "to", "about", "around", "nearly", "over")
        and re.match(r"[\d$£€]", e.text)
        and doc.text[e.start_char - 1 : e.start_char] == " "
    ]
    if not figures:
        return None
    e = rng.choice(figures)
    return _replace(sent, e.start_char, e.start_char, rng.choice(BARE_FIGURE_QUANTIFIERS) + " ")


def added_modifier(sent: Any, doc: Any, premise: str, rng: random.Random) -> str | None:
    low = premise.lower()
    nouns = [
        t
        for t in _open_class(sent, ("NOUN",))
        if any(c.dep_ == "det" for c in t.children)
        and not any(c.dep_ in ("amod", "compound", "nummod") for c in t.children)
    ]
    if not nouns:
        return None
    t = rng.choice(nouns)
    options = [m for m in MODIFIERS if m not in low]
    if not options:
        return None
    mod = rng.choice(options)
    start = min(c.idx for c in t.children if c.dep_ == "det")
    det = doc.text[start : t.idx]
    new = det + mod + " "
    if det.strip().lower() == "a" and mod[0] in "aeiou":
        new = det.replace("a", "an", 1).replace("A", "An", 1) + mod + " "
    elif det.strip().lower() == "an" and mod[0] not in "aeiou":
        new = det.replace("an", "a", 1).replace("An", "A", 1) + mod + " "
    return _replace(sent, start, t.idx, new)


def added_phrase(sent: Any, doc: Any, phrases: Sequence[str], rng: random.Random) -> str | None:
    """A prepositional phrase taken from another article (``phrases``, see :func:`phrases_of`)
    put before the sentence's final punctuation."""
    text = sent.text.rstrip()
    if not text or text[-1] not in ".!" or '"' in text[-3:] or "”" in text[-3:] or not phrases:
        return None
    low = text.lower()
    for _ in range(5):
        p = rng.choice(phrases)
        words = [w for w in re.findall(r"[a-z]+", p.lower()) if len(w) > 3]
        if words and not any(w in low for w in words):
            return text[:-1].rstrip() + " " + p + text[-1]
    return None


def phrases_of(doc: Any) -> list[str]:
    """Prepositional phrases of 3 to 8 words attached to a verb (``in the capital on Tuesday``),
    to add to other articles' sentences."""
    out = []
    for t in doc:
        if t.dep_ == "prep" and t.lower_ in ADDED_PREPOSITIONS and t.head.pos_ == "VERB":
            sub = list(t.subtree)
            if 3 <= len(sub) <= 8 and not any(x.is_punct or x.pos_ == "PRON" for x in sub):
                out.append(doc.text[sub[0].idx : sub[-1].idx + len(sub[-1].text)])
    return out


# ---------------------------------------------------------------- fusions


def _body(sent: Any) -> str:
    return sent.text.strip().rstrip(".!;:").rstrip()


def _subject(sent: Any) -> Any | None:
    subj = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subj[0] if subj else None


def fuse(sents: Sequence[Any], rng: random.Random) -> str | None:
    """One sentence saying what ``sents`` (two or three of an article, in order) say: "A, and B"
    ("A, B, and C"), or, for two that share a subject (the second naming it again or with a
    pronoun), "A and <B's predicate>"."""
    if any(not s.text.strip().endswith(".") or '"' in s.text or "\u201c" in s.text for s in sents):
        return None
    first = sents[0]
    if len(sents) == 2:
        s0, s = _subject(first), sents[1]
        subj = _subject(s)
        if (
            s0 is not None
            and subj is not None
            and subj.i == s.start
            and (
                subj.lower_ in ("he", "she", "they", "it")
                or " ".join(x.text for x in subj.subtree) == " ".join(x.text for x in s0.subtree)
            )
            and rng.random() < 0.7
        ):
            last = list(subj.subtree)[-1]
            predicate = s.text[last.idx + len(last.text) - s.start_char :].strip().rstrip(".").strip()
            return f"{_body(first)} and {predicate}."
    bodies = [_body(first)]
    for s in sents[1:]:
        body = _body(s)
        if s[0].pos_ != "PROPN" and s[0].text != "I" and not s[0].ent_type_:
            body = body[:1].lower() + body[1:]
        bodies.append(body)
    return ", ".join(bodies[:-1]) + ", and " + bodies[-1] + "."
