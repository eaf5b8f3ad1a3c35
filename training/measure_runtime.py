"""Measures the run-time cost of the shipped retriever and scorer on one core.

    .venv/bin/python -m training.measure_runtime [--article FILE] [--full]

Takes an article (by default the first train-part PolNeAR article of about 1,000 words, read
from ``../shared/data``), builds a ~500-word derived text from its sentences (every other
sentence, lightly edited), then times: model load, evidence retrieval (k=3), and scoring of two
premises per claim (best sentence; best two joined) and of the five premise sets the audit
engine uses. ``--full`` also times ``copydesk.check`` end to end. Prints wall and CPU seconds and
the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path

from training.pairs import polnear_files
from training.splits import is_heldout


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(t: tuple[float, float]) -> str:
    w, c = _clock()
    return f"wall {w - t[0]:.3f} s, cpu {c - t[1]:.3f} s"


def pick_article(target_words: int = 1000) -> str:
    texts = [p.read_text(encoding="utf-8") for p in polnear_files()]
    texts = [t for t in texts if not is_heldout(t)]
    return min(texts, key=lambda t: abs(len(t.split()) - target_words))


def split(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])", text) if s.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the checker models on one core.")
    parser.add_argument("--article", type=Path, default=None)
    parser.add_argument("--full", action="store_true", help="also time copydesk.check end to end")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    article = args.article.read_text(encoding="utf-8") if args.article else pick_article()
    sentences = split(article)
    claims = []
    for i, s in enumerate(sentences[::2]):
        claims.append(s.replace(" said", " stated", 1) if i % 2 else s)
    words = 0
    derived = []
    for c in claims:
        if words >= 500:
            break
        derived.append(c)
        words += len(c.split())
    print(f"article: {len(article.split())} words, {len(sentences)} sentences; "
          f"derived: {words} words, {len(derived)} claims")  # fmt: skip

    t = _clock()
    import onnxruntime  # noqa: F401

    from copydesk.check.retrieve import get_retriever
    from copydesk.check.scorer import get_scorer

    retriever = get_retriever(threads=args.threads)
    scorer = get_scorer(threads=args.threads)
    print(f"load (onnxruntime import, both models): {_since(t)}")

    t = _clock()
    top = retriever.top_k(derived, sentences, k=3)
    print(f"retrieval, {len(derived)} claims x {len(sentences)} sentences: {_since(t)}")

    two = []
    for c, row in zip(derived, top, strict=True):
        idx = [j for j, _ in row]
        two.append((sentences[idx[0]], c))
        a, b = sorted(idx[:2])
        two.append((f"{sentences[a]} {sentences[b]}", c))
    t = _clock()
    scorer.score(two)
    print(f"scoring, 2 premises per claim ({len(two)} pairs): {_since(t)}")

    five = []
    for c, row in zip(derived, top, strict=True):
        idx = [j for j, _ in row]
        sets = [(j,) for j in idx] + [tuple(sorted(idx[:2]))]
        if idx[0] > 0:
            sets.append((idx[0] - 1, idx[0]))
        five.extend((" ".join(sentences[j] for j in s), c) for s in sets)
    t = _clock()
    scorer.score(five)
    print(f"scoring, engine premise sets ({len(five)} pairs): {_since(t)}")

    if args.full:
        from copydesk.pipeline import check

        check(article, " ".join(derived[:3]))  # loads the analyser
        t = _clock()
        audit = check(article, " ".join(derived))
        print(f"copydesk.check end to end ({len(audit.sentences)} results): {_since(t)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
