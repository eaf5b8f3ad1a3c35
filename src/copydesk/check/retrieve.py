"""Evidence retrieval: the source sentences most likely to support each claim.

Each claim is compared with every source sentence in two ways and the two similarities are
mixed:

- lexical: the idf-weighted share of the claim's content words found in the sentence (the
  query-side half of BM25, Robertson and Zaragoza 2009, with the idf taken over the source's
  own sentences); names and numbers count double, since a claim about "Kyiv" or "24 hours"
  needs a sentence that names them;
- semantic: the cosine of all-MiniLM-L6-v2 sentence embeddings (Reimers and Gurevych 2019,
  Sentence-BERT), run with onnxruntime from an int8 file shipped in ``copydesk/data/embedder``.

Source sentences are embedded once per call (and reused when the next call has the same
sentences), so a long article costs one pass of the encoder however many claims it has. The
model loads lazily, once per thread setting, on the first ``get_retriever()``; importing this
module loads nothing.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copydesk import lang
from copydesk.errors import CheckError

if TYPE_CHECKING:
    import onnxruntime
    from numpy.typing import NDArray
    from tokenizers import Tokenizer

EMBEDDER_DIR = Path(__file__).resolve().parent.parent / "data" / "embedder"
"""The int8 ONNX bi-encoder (``model.onnx``) and its ``tokenizer.json``."""
EMBED_MAX_LENGTH = 128
"""Sentences are cut to this many word pieces before embedding."""
BATCH_SIZE = 32
"""Texts per encoder call; texts are sorted by length first so a batch pads little."""
LEXICAL_WEIGHT = 0.5
"""Share of the lexical similarity in the mixed similarity (the rest is the cosine)."""
NAME_WEIGHT = 2.0
"""Weight of a capitalised claim word that does not start the claim (a likely name)."""
NUMBER_WEIGHT = 2.0
"""Weight of a claim word with a digit in it."""
STOPWORDS = lang.words("stop_words", "retrieval")
"""Function words (and the commonest reporting verbs) that carry no evidence on their own."""

_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")


@dataclass(frozen=True)
class _Term:
    key: str
    weight: float


def _key(word: str) -> str:
    """A crude normal form: lower case, no thousands separators or possessive, no plural -s."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if any(c.isdigit() for c in w):
        return w.replace(",", "")
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def content_terms(text: str, *, weighted: bool = False) -> list[_Term]:
    """The content words of a plain string as normalised keys, names and numbers weighted when
    asked: the lexical similarity's reading of a caller's strings when it gives no terms (the
    training scripts; the audit gives the analysis' lemmas, see :func:`passage_terms`)."""
    terms = []
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group()
        key = _key(word)
        if not key or key in STOPWORDS:
            continue
        weight = 1.0
        if weighted:
            if any(c.isdigit() for c in word):
                weight = NUMBER_WEIGHT
            elif word[0].isupper() and (i > 0 or word.isupper() and len(word) > 1):
                weight = NAME_WEIGHT
        terms.append(_Term(key, weight))
    return terms


Terms = Sequence[tuple[str, float]]
"""A passage's content words as ``(key, weight)`` pairs (weight 1, or more for names and figures)."""


def passage_terms(
    found: Sequence[tuple[str, str, str]], *, weighted: bool = False
) -> list[tuple[str, float]]:
    """The lexical similarity's terms of a passage given as words ``(text, norm, lemma)`` (the
    analysis' tokens): each content word's lemma (a figure's digits), names and figures weighted
    when asked, as :func:`content_terms` weighs a string's words."""
    out = []
    for i, (text, norm, lemma) in enumerate(found):
        if norm in STOPWORDS or lemma in STOPWORDS:
            continue
        digits = any(c.isdigit() for c in text)
        key = norm.replace(",", "") if digits else lemma
        weight = 1.0
        if weighted:
            if digits:
                weight = NUMBER_WEIGHT
            elif text[:1].isupper() and (i > 0 or text.isupper() and len(text) > 1):
                weight = NAME_WEIGHT
        out.append((key, weight))
    return out


def lexical_similarity(
    claims: Sequence[str],
    sentences: Sequence[str],
    *,
    claim_terms: Sequence[Terms] | None = None,
    sentence_terms: Sequence[Terms] | None = None,
) -> list[list[float]]:
    """The idf-weighted share of each claim's content words found in each sentence, in [0, 1].

    The idf is BM25's, ``ln(1 + (N - df + 0.5) / (df + 0.5))`` over the ``N`` sentences, so a word
    the source never uses weighs most and lowers every sentence's share alike. The content words
    are ``claim_terms`` and ``sentence_terms`` where given (the audit gives the analysis'
    lemmas); else they are read from the strings (:func:`content_terms`, for callers with no
    analysis, such as the training scripts).
    """
    if sentence_terms is None:
        sentence_terms = [[(t.key, t.weight) for t in content_terms(s)] for s in sentences]
    if claim_terms is None:
        claim_terms = [[(t.key, t.weight) for t in content_terms(c, weighted=True)] for c in claims]
    sent_keys = [{key for key, _ in terms} for terms in sentence_terms]
    n = len(sentences)
    df: dict[str, int] = {}
    for keys in sent_keys:
        for key in keys:
            df[key] = df.get(key, 0) + 1
    out = []
    for terms in claim_terms:
        weights: dict[str, float] = {}
        for key, weight in terms:
            weights[key] = max(weights.get(key, 0.0), weight)
        query = {
            key: w * math.log(1.0 + (n - df.get(key, 0) + 0.5) / (df.get(key, 0) + 0.5))
            for key, w in weights.items()
        }
        total = sum(query.values())
        if total <= 0:
            out.append([0.0] * n)
            continue
        out.append([sum(v for key, v in query.items() if key in keys) / total for keys in sent_keys])
    return out


def onnx_session(path: Path, *, threads: int) -> onnxruntime.InferenceSession:
    """Opens an ONNX model on the CPU with ``threads`` intra-op threads.

    Raises:
        CheckError: The file is missing or onnxruntime cannot load it.
    """
    import onnxruntime as ort

    if not path.is_file():
        raise CheckError("model file is missing; reinstall copydesk", source=str(path))
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime raises its own untyped errors
        raise CheckError(f"cannot load model: {e}".splitlines()[0], source=str(path)) from e


def load_tokenizer(path: Path, *, max_length: int) -> Tokenizer:
    """Loads a ``tokenizer.json`` that pads to the longest item of a batch and truncates.

    Raises:
        CheckError: The file is missing or unreadable.
    """
    from tokenizers import Tokenizer

    if not path.is_file():
        raise CheckError("tokenizer file is missing; reinstall copydesk", source=str(path))
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as e:  # tokenizers raises plain Exception subclasses
        raise CheckError(f"cannot load tokenizer: {e}".splitlines()[0], source=str(path)) from e
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def batch_feed(encodings: Sequence[Any]) -> dict[str, NDArray[Any]]:
    """The three int64 BERT inputs of a padded batch of ``tokenizers`` encodings."""
    import numpy as np

    return {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
    }


def length_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices grouped in batches of ``size`` after sorting by length (less padding per batch)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    return [order[i : i + size] for i in range(0, len(order), size)]


class Embedder:
    """The all-MiniLM-L6-v2 bi-encoder: unit-length 384-d sentence embeddings."""

    def __init__(self, model_dir: Path = EMBEDDER_DIR, *, threads: int = 1) -> None:
        self._session = onnx_session(model_dir / "model.onnx", threads=threads)
        self._tokenizer = load_tokenizer(model_dir / "tokenizer.json", max_length=EMBED_MAX_LENGTH)
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> NDArray[Any]:
        """Embeds ``texts``; returns a float32 array of shape ``(len(texts), 384)``, rows of norm 1."""
        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        lengths = [len(t) for t in texts]
        with self._lock:
            for batch in length_batches(lengths, BATCH_SIZE):
                encodings = self._tokenizer.encode_batch([texts[i] for i in batch])
                out[batch] = self._session.run(["embedding"], batch_feed(encodings))[0]
        return out


class Retriever:
    """Finds the best source sentences for claims by mixed lexical and embedding similarity.

    Args:
        embedder: The sentence encoder; ``None`` gives a lexical-only retriever (for tests and
            for callers that cannot load the model).
        lexical_weight: Share of the lexical similarity in the mix, in [0, 1].
    """

    def __init__(self, embedder: Embedder | None, *, lexical_weight: float = LEXICAL_WEIGHT) -> None:
        if not 0.0 <= lexical_weight <= 1.0:
            raise ValueError(f"lexical_weight must be in [0, 1], got {lexical_weight}")
        self._embedder = embedder
        self._lexical_weight = lexical_weight if embedder is not None else 1.0
        self._last: tuple[tuple[str, ...], NDArray[Any]] | None = None

    def embed_sentences(self, sentences: Sequence[str]) -> NDArray[Any]:
        """Embeds source sentences, reusing the previous call's result for the same sentences."""
        key = tuple(sentences)
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        assert self._embedder is not None
        vectors = self._embedder.embed(key)
        self._last = (key, vectors)
        return vectors

    def similarities(
        self,
        claims: Sequence[str],
        sentences: Sequence[str],
        *,
        claim_terms: Sequence[Terms] | None = None,
        sentence_terms: Sequence[Terms] | None = None,
    ) -> NDArray[Any]:
        """The mixed similarity of every claim with every sentence, shape ``(claims, sentences)``.

        Each value is ``w * lexical + (1 - w) * max(cosine, 0)``, in [0, 1].
        """
        import numpy as np

        lexical = lexical_similarity(
            claims, sentences, claim_terms=claim_terms, sentence_terms=sentence_terms
        )
        sims = np.asarray(lexical, dtype=np.float32).reshape(len(claims), len(sentences))
        if self._embedder is None or not claims or not sentences:
            return sims
        cosine = self._embedder.embed(claims) @ self.embed_sentences(sentences).T
        w = self._lexical_weight
        return np.asarray(w * sims + (1.0 - w) * np.clip(cosine, 0.0, 1.0), dtype=np.float32)

    def top_k(
        self,
        claims: Sequence[str],
        sentences: Sequence[str],
        *,
        k: int = 3,
        claim_terms: Sequence[Terms] | None = None,
        sentence_terms: Sequence[Terms] | None = None,
    ) -> list[list[tuple[int, float]]]:
        """For each claim, the ``k`` most similar source sentences, best first.

        Args:
            claims: The claims (derived sentences), as plain strings.
            sentences: The source sentences, as plain strings.
            k: How many sentences to return per claim (fewer when the source has fewer).
            claim_terms, sentence_terms: The content words of each claim and sentence for the
                lexical similarity (see :func:`lexical_similarity`).

        Returns:
            One list per claim of ``(sentence index, similarity)`` pairs, similarity in [0, 1];
            ties go to the earlier sentence.

        Raises:
            ValueError: ``k`` is not positive.
        """
        if k <= 0:
            raise ValueError(f"k must be positive, got {k}")
        if not claims:
            return []
        sims = self.similarities(claims, sentences, claim_terms=claim_terms, sentence_terms=sentence_terms)
        out = []
        for row in sims:
            order = sorted(range(len(row)), key=lambda j: (-float(row[j]), j))[:k]
            out.append([(j, float(row[j])) for j in order])
        return out


@lru_cache(maxsize=4)
def _embedder(threads: int) -> Embedder:
    if threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    return Embedder(EMBEDDER_DIR, threads=threads)


@lru_cache(maxsize=4)
def _retriever(threads: int) -> Retriever:
    return Retriever(_embedder(threads))


def get_embedder(*, threads: int = 1) -> Embedder:
    """The shipped bi-encoder, loaded once per thread setting.

    Raises:
        CheckError: The model files are missing or cannot be loaded.
    """
    return _embedder(threads)


def get_retriever(*, threads: int = 1) -> Retriever:
    """The evidence retriever with the shipped embedder, loaded once per thread setting.

    Args:
        threads: onnxruntime intra-op threads (1 by default: copydesk runs on one core).

    Raises:
        CheckError: The model files are missing or cannot be loaded.
    """
    return _retriever(threads)


__all__ = ["Embedder", "Retriever", "get_embedder", "get_retriever", "lexical_similarity"]
