"""Evidence retrieval: the right source sentence for paraphrased claims, at any article length."""

from __future__ import annotations

import re
import time

import pytest

from copydesk.check.retrieve import Retriever, get_embedder, get_retriever, lexical_similarity

# An original article written for these tests (invented town, people and figures).
ARTICLE = """\
The town council of Marrowby voted seven to two on Tuesday to close the Elm Street bridge for \
repairs. Engineers found cracks in two of its steel supports during a routine inspection in March.

Mayor Ingrid Castellano said the repairs would cost about 4.2 million dollars. She added that the \
bridge should reopen before the winter holidays. The regional transport agency has promised to \
pay for half of the work.

Local shop owners fear a sharp drop in customers while the crossing is shut. "We depend on people \
walking over from the station," said Tomas Reyes, who runs a bakery near the river. The chamber \
of commerce has asked the council for a temporary footbridge.

Councillor Wen Adebayo, one of the two members who voted against the closure, argued that a \
partial closure would have been enough. Buses that used the bridge will be diverted through the \
Harbour Road tunnel, adding roughly ten minutes to each trip.
"""


def split(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", text.replace("\n", " ").strip()) if s]


SENTENCES = split(ARTICLE)

# (paraphrased claim, index of the sentence that supports it)
CASES = [
    ("Castellano estimated the repair bill at roughly $4.2 million.", 2),
    ("Inspectors discovered fractures in the bridge's supports earlier this year.", 1),
    ("Retailers worry that they will lose trade during the closure.", 5),
    ("A baker said his business relies on pedestrians coming from the station.", 6),
    ("Half of the cost will be covered by the regional transport agency.", 4),
    ("Bus journeys will take about ten minutes longer because of a detour via a tunnel.", 9),
    ("Adebayo, who opposed the decision, said closing part of the bridge would have sufficed.", 8),
    ("The mayor expects the crossing to be open again by the winter holidays.", 3),
]


def test_fixture_splits_into_the_expected_sentences() -> None:
    assert len(SENTENCES) == 10
    assert SENTENCES[2].startswith("Mayor Ingrid Castellano")


def test_lexical_similarity_is_a_share_in_unit_range() -> None:
    sims = lexical_similarity(["Castellano said repairs cost 4.2 million dollars."], SENTENCES)
    assert len(sims) == 1 and len(sims[0]) == len(SENTENCES)
    assert all(0.0 <= v <= 1.0 for v in sims[0])
    assert max(range(len(SENTENCES)), key=lambda j: sims[0][j]) == 2


def test_lexical_similarity_weighs_names_and_numbers() -> None:
    sents = ["The agency paid 300 dollars to the station.", "Reyes runs the agency near the station."]
    sims = lexical_similarity(["The agency was paid by Reyes."], sents)[0]
    assert sims[1] > sims[0]


def test_claim_without_content_words_scores_zero() -> None:
    assert lexical_similarity(["It is what it is."], SENTENCES) == [[0.0] * len(SENTENCES)]


def test_lexical_only_retriever_needs_no_model() -> None:
    r = Retriever(None)
    top = r.top_k(["Tomas Reyes runs a bakery near the river."], SENTENCES, k=2)
    assert top[0][0][0] == 6
    assert len(top[0]) == 2


def test_empty_inputs_and_bad_k() -> None:
    r = Retriever(None)
    assert r.top_k([], SENTENCES) == []
    assert r.top_k(["Anything at all here."], []) == [[]]
    assert len(r.top_k(["The bridge."], SENTENCES[:2], k=5)[0]) == 2
    with pytest.raises(ValueError):
        r.top_k(["The bridge."], SENTENCES, k=0)
    with pytest.raises(ValueError):
        Retriever(None, lexical_weight=1.5)


@pytest.mark.slow
def test_retriever_finds_the_supporting_sentence_for_paraphrases() -> None:
    r = get_retriever()
    claims = [c for c, _ in CASES]
    top = r.top_k(claims, SENTENCES, k=3)
    assert len(top) == len(CASES)
    top1 = [t[0][0] for t in top]
    top3 = [[j for j, _ in t] for t in top]
    expected = [j for _, j in CASES]
    hits1 = sum(a == b for a, b in zip(top1, expected, strict=True))
    assert hits1 >= len(CASES) - 1, list(zip(top1, expected, strict=True))
    assert all(e in t for e, t in zip(expected, top3, strict=True))
    for row in top:
        sims = [s for _, s in row]
        assert sims == sorted(sims, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in sims)


@pytest.mark.slow
def test_embeddings_beat_word_overlap_on_a_pure_paraphrase() -> None:
    claim = ["Retailers worry that they will lose trade during the closure."]
    assert get_retriever().top_k(claim, SENTENCES, k=1)[0][0][0] == 5


@pytest.mark.slow
def test_loading_twice_reuses_the_cached_model() -> None:
    assert get_retriever() is get_retriever()
    assert get_embedder() is get_embedder()
    assert get_retriever(threads=1) is get_retriever()


class CountingEmbedder:
    """Wraps the real embedder and counts the texts it encodes."""

    def __init__(self) -> None:
        self.inner = get_embedder()
        self.calls: list[int] = []

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.calls.append(len(texts))
        return self.inner.embed(texts)


@pytest.mark.slow
def test_long_article_embeds_each_source_sentence_once() -> None:
    # 300 sentences: the fixture repeated with numbered variations, plus the real one in the middle.
    filler = [
        f"Item {i}: the {w} committee met in room {i} to discuss parking permits."
        for i, w in enumerate(["budget", "planning", "sports", "library", "housing"] * 60)
    ]
    sentences = filler[:150] + SENTENCES + filler[150:]
    counting = CountingEmbedder()
    r = Retriever(counting)  # type: ignore[arg-type]
    claims = [c for c, _ in CASES]
    start = time.perf_counter()
    top = r.top_k(claims, sentences, k=3)
    elapsed = time.perf_counter() - start
    assert counting.calls == [len(claims), len(sentences)]
    hits = sum(t[0][0] == j + 150 for t, (_, j) in zip(top, CASES, strict=True))
    assert hits >= len(CASES) - 1
    # Same sentences again: only the claims are embedded.
    r.top_k(claims[:2], sentences, k=1)
    assert counting.calls[-1] == 2 and len(counting.calls) == 3
    assert elapsed < 20.0  # generous: a shared machine; the benchmark measures speed
