"""Interview benchmark: is the generated interview grounded, faithful to its quotes, and complete?

Runs the embedded generator (``copydesk interview``, default length) over a seeded sample of
PolNeAR articles (``../shared/data/attribution/polnear-train/text``) and the seed article, and
measures, per article and overall:

- grounding: the share of answer sentences that the checker judges ``supported`` when the
  rendered interview is audited afresh against the article (as ``copydesk check ARTICLE
  INTERVIEW`` would); must be 1.0. The claim-level figure (claims in the guest's lines,
  ``no_claim`` left out) is shown too, as it is the one comparable with the baseline;
- quote fidelity: the share of quoted passages in the answers that are verbatim in the article
  and, when the article attributes them, name the article's speaker in the same sentence;
  must be 1.0 (a quoted term of up to three words that the article attributes to no one only
  needs to be verbatim);
- coverage: the share of the article's attributed statements (the analyser's quotes) and its
  two lead sentences that the interview cites; floor 0.6 (mean over articles). For PolNeAR,
  the share of the gold attributions (one annotator) whose content is cited is shown too;
- duplicate questions: the share of questions equal to, or nearly equal to (Jaccard >= 0.8 on
  their content words), an earlier one; must be 0;
- time: seconds per article of the generator itself (planning, realisation and the self-check's
  own bookkeeping, without the analyser and the checker it calls), one process, one thread;
  must be <= 1 s.

The seed's own ``interview.txt`` is audited with the same measures, side by side, as the
baseline (its coverage counts the evidence of its supported answer claims, as it has no
citations). A table goes to stdout and JSON to ``benchmarks/out/interview.json``; the exit
code is 1 when a figure is below its floor in ``benchmarks/floors.json`` (key ``interview``).

    python benchmarks/interview.py --quick    # 20 sampled articles and the seed (CI)
    python benchmarks/interview.py --full     # every PolNeAR training article and the seed
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import time
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
OUT = HERE / "out"
FLOORS = HERE / "floors.json"
SAMPLE_SEED = 20241108
QUICK_ARTICLES = 20
LEAD_SENTENCES = 2
NEAR_DUPLICATE = 0.8
TERM_WORDS = 3
"""A quoted passage of at most this many words that the article attributes to no one is a
quoted term ("victory plan"): it only has to be verbatim."""

_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")
_QUESTION_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an the of to in on at for and or did does do what how why when who is are was were about",
    )
)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _squash(text: str) -> str:
    return " ".join(text.split())


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


# ---------------------------------------------------------------------------- measures


def guest_claims(audit: Any) -> list[Any]:
    """The audit's claims that lie in the guest's lines (not the title, the editor's lines or a
    closing disclosure line)."""
    text = audit.derived.text
    out = []
    pos = 0
    for n, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        label, sep, _ = line.partition(": ")
        if n == 0 or not sep or label.endswith("Editor") or len(label.split()) > 6:
            continue
        out += [c for c in audit.sentences if start <= c.span.start < end]
    return out


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


def quote_fidelity(sentences: list[str], analysis: Any) -> dict[str, Any]:
    """Quoted passages in answer sentences: verbatim in the article, with the article's speaker.

    A passage whose quote in the article has no resolved speaker cannot have its speaker
    checked: it only has to be verbatim, and it is counted under ``speaker_unknown``. An answer
    sentence that is a whole sentence of the article keeps the article's own attribution.
    """
    text = analysis.document.text
    flat_text = _squash(text)
    total = ok = unknown = 0
    failures: list[str] = []
    for sentence in sentences:
        for qs, qe in _quoted(sentence):
            passage = sentence[qs:qe].strip(" ,.;:!?")
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
            if _squash(sentence) in flat_text:
                ok += 1  # the article's own sentence, with its own attribution
                continue
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
            names = {n for n in names if n and n.lower() not in ("he", "she", "they", "it", "him", "her")}
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


def answer_verdicts(iv: Any, audit: Any) -> list[str]:
    """The worst verdict of the claims over each answer sentence, in order ("unsupported" when
    no claim covers it). The audit is of the rendered text, whose first lines are the transcript.
    """
    from copydesk.model import Span
    from copydesk.report.interview import VERDICT_ORDER, transcript

    text, starts = transcript(iv)
    if not audit.derived.text.startswith(text):
        raise RuntimeError("the audited text is not the rendered interview")
    out = []
    for k, t in enumerate(iv.turns):
        if t.role != "guest":
            continue
        for s in t.sentences:
            span = Span(starts[k] + s.span.start, starts[k] + s.span.end)
            found = [c.verdict for c in audit.sentences if c.span.overlaps(span)]
            out.append(max(found, key=lambda v: VERDICT_ORDER[v]) if found else "unsupported")
    return out


def coverage_targets(analysis: Any) -> list[tuple[int, int]]:
    """The article's attributed statements (quote contents) and its lead sentences."""
    from copydesk.generate.plan import build_units

    units, _ = build_units(analysis)
    lead = [(s.start, s.end) for u in units for s in u.sentences][:LEAD_SENTENCES]
    targets = [(q.content.start, q.content.end) for q in analysis.quotes]
    return sorted(set(targets + lead))


def coverage(targets: list[tuple[int, int]], cited: list[tuple[int, int]]) -> dict[str, Any]:
    covered = sum(any(a < ce and cs < b for cs, ce in cited) for a, b in targets)
    return {"targets": len(targets), "covered": covered, "rate": covered / len(targets) if targets else 1.0}


def duplicates(questions: list[str]) -> dict[str, Any]:
    keys = [" ".join(w.lower() for w in _words(q)) for q in questions]
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


def transcript_questions(text: str) -> list[str]:
    out = []
    for line in text.split("\n")[1:]:
        label, sep, body = line.partition(": ")
        if sep and label.endswith("Editor"):
            out.append(body)
    return out


# ------------------------------------------------------------------------------ runs


def run_article(
    doc: Any, published: dt.date | None, *, turns: int, gold: list[tuple[int, int]] | None
) -> dict[str, Any]:
    from copydesk import pipeline
    from copydesk.check import audit as run_audit
    from copydesk.config import Settings
    from copydesk.generate import build_interview
    from copydesk.report.interview import render_interview

    settings = Settings()
    t0 = time.perf_counter()
    analysis = pipeline.analyse(doc, published=published, settings=settings)
    analyse_s = time.perf_counter() - t0
    spent = [0.0]

    def verify(text: str) -> Any:
        start = time.perf_counter()
        try:
            derived = pipeline.to_document(text, settings=settings, name="interview")
            return run_audit(
                analysis, pipeline.analyse(derived, published=analysis.document.published), settings=settings
            )
        finally:
            spent[0] += time.perf_counter() - start

    t0 = time.perf_counter()
    iv = build_interview(
        analysis,
        outlet=settings.outlet,
        guest=None,
        turns=turns,
        focus=None,
        verify=verify,
        llm=None,
        settings=settings,
    )
    total_s = time.perf_counter() - t0
    rendered = render_interview(iv, "text")
    # An independent audit of the rendered interview, as `copydesk check` would run it.
    t0 = time.perf_counter()
    reaudit = pipeline.check(doc, pipeline.to_document(rendered, name="interview"), published=published)
    reaudit_s = time.perf_counter() - t0
    strict = answer_verdicts(iv, reaudit)
    answers = [s.span.of(t.text) for t in iv.turns if t.role == "guest" for s in t.sentences]
    cited = [(c.start, c.end) for t in iv.turns for s in t.sentences for c in s.citations]
    supported = sum(v == "supported" for v in strict)
    questions = [t.text for t in iv.turns if t.role == "editor"]
    row: dict[str, Any] = {
        "id": doc.id,
        "words": len(doc.text.split()),
        "pairs": len(questions),
        "answer_sentences": len(answers),
        "grounding": supported / len(strict) if strict else 0.0,
        "unsupported_sentences": [a for a, v in zip(answers, strict, strict=True) if v != "supported"][:5],
        "claims": claim_grounding(guest_claims(reaudit)),
        "quotes": quote_fidelity(answers, analysis),
        "coverage": coverage(coverage_targets(analysis), cited),
        "duplicates": duplicates(questions),
        "generator_s": round(total_s - spent[0], 4),
        "verify_s": round(spent[0], 3),
        "analyse_s": round(analyse_s, 3),
        "reaudit_s": round(reaudit_s, 3),
        "warnings": list(iv.warnings),
    }
    if gold is not None:
        row["gold_coverage"] = coverage(sorted(set(gold)), cited)
    return row


def run_baseline(article: Any, published: dt.date) -> dict[str, Any]:
    """The seed's own interview, audited with the same measures."""
    from copydesk import pipeline

    derived = pipeline.read(str(SEED_DIR / "interview.txt"))
    analysis = pipeline.analyse(article, published=published)
    audit = pipeline.check(article, derived, published=published)
    claims = guest_claims(audit)
    sentences = [c.span.of(audit.derived.text) for c in claims]
    evidence = [(e.start, e.end) for c in claims if c.verdict == "supported" for e in c.evidence]
    return {
        "id": "seed interview.txt (baseline)",
        "pairs": len(transcript_questions(audit.derived.text)),
        "answer_sentences": len([c for c in claims if c.verdict != "no_claim"]),
        "claims": claim_grounding(claims),
        "quotes": quote_fidelity(sentences, analysis),
        "coverage": coverage(coverage_targets(analysis), evidence),
        "duplicates": duplicates(transcript_questions(audit.derived.text)),
        "fabricated_entities": sorted(
            {f.span.of(audit.derived.text) for f in audit.findings if f.type == "fabricated_entity"}
        ),
    }


def overall(rows: list[dict[str, Any]]) -> dict[str, Any]:
    sentences = sum(r["answer_sentences"] for r in rows)
    grounded = sum(round(r["grounding"] * r["answer_sentences"]) for r in rows)
    quotes = sum(r["quotes"]["total"] for r in rows)
    quotes_ok = sum(r["quotes"]["ok"] for r in rows)
    judged = sum(
        r["claims"]["supported"] + r["claims"]["unsupported"] + r["claims"]["contradicted"] for r in rows
    )
    out = {
        "articles": len(rows),
        "answer_sentences": sentences,
        "grounding": grounded / sentences if sentences else 0.0,
        "grounding_min": min((r["grounding"] for r in rows), default=0.0),
        "claim_grounding": sum(r["claims"]["supported"] for r in rows) / judged if judged else 1.0,
        "quote_fidelity": quotes_ok / quotes if quotes else 1.0,
        "quotes": quotes,
        "coverage_mean": statistics.fmean(r["coverage"]["rate"] for r in rows) if rows else 0.0,
        "coverage_min": min((r["coverage"]["rate"] for r in rows), default=0.0),
        "coverage_micro": sum(r["coverage"]["covered"] for r in rows)
        / max(1, sum(r["coverage"]["targets"] for r in rows)),
        "duplicate_rate": sum(r["duplicates"]["exact"] + r["duplicates"]["near"] for r in rows)
        / max(1, sum(r["duplicates"]["questions"] for r in rows)),
        "generator_s_median": statistics.median(r["generator_s"] for r in rows) if rows else 0.0,
        "generator_s_max": max((r["generator_s"] for r in rows), default=0.0),
        "verify_s_median": statistics.median(r["verify_s"] for r in rows) if rows else 0.0,
    }
    gold = [r["gold_coverage"]["rate"] for r in rows if "gold_coverage" in r]
    if gold:
        out["gold_coverage_mean"] = statistics.fmean(gold)
    return out


def check_floors(total: dict[str, Any], floors: dict[str, float]) -> list[str]:
    failed = []
    if total["grounding"] < floors["grounding"]:
        failed.append(f"grounding {total['grounding']:.4f} < {floors['grounding']}")
    if total["quote_fidelity"] < floors["quote_fidelity"]:
        failed.append(f"quote fidelity {total['quote_fidelity']:.4f} < {floors['quote_fidelity']}")
    if total["coverage_mean"] < floors["coverage"]:
        failed.append(f"coverage {total['coverage_mean']:.3f} < {floors['coverage']}")
    if total["duplicate_rate"] > floors["duplicate_rate_max"]:
        failed.append(f"duplicate questions {total['duplicate_rate']:.3f} > {floors['duplicate_rate_max']}")
    if total["generator_s_max"] > floors["generator_s_max"]:
        failed.append(f"generator time {total['generator_s_max']:.3f} s > {floors['generator_s_max']} s")
    return failed


def _fmt_row(name: str, r: dict[str, Any]) -> str:
    grounding = f"{r['grounding']:.3f}" if "grounding" in r else "   - "
    gold = f"{r['gold_coverage']['rate']:.2f}" if "gold_coverage" in r else "  - "
    gen = f"{r['generator_s']:.3f}" if "generator_s" in r else "   - "
    return (
        f"{name[:38]:38} {r['pairs']:>5} {r['answer_sentences']:>5} {grounding:>6} "
        f"{r['claims']['rate']:>6.3f} "
        f"{r['quotes']['ok']:>3}/{r['quotes']['total']:<3} {r['coverage']['rate']:>5.2f} {gold:>5} "
        f"{r['duplicates']['exact'] + r['duplicates']['near']:>4} {gen:>6}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick", action="store_true", help=f"{QUICK_ARTICLES} sampled articles and the seed (default)"
    )
    mode.add_argument("--full", action="store_true", help="every PolNeAR training article and the seed")
    ap.add_argument("--articles", type=int, default=QUICK_ARTICLES, help="sample size in quick mode")
    ap.add_argument(
        "--turns", type=int, default=None, help="question-answer pairs (default: the packaged default)"
    )
    a = ap.parse_args()
    if not (POLNEAR / "text").is_dir() or not (SEED_DIR / "article.txt").exists():
        print(f"interview benchmark skipped: {SHARED / 'data'} not found")
        return 0
    from copydesk import pipeline
    from copydesk.config import Settings

    turns = a.turns or Settings().interview_turns
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["interview"]
    t0 = time.perf_counter()
    pipeline.analyse("Warm-up: the models load once before anything is timed.")
    load_s = time.perf_counter() - t0

    seed_doc = pipeline.read(str(SEED_DIR / "article.txt"))
    seed_doc = type(seed_doc)(**{**seed_doc.__dict__, "id": "seed article.txt"})
    rows = [run_article(seed_doc, SEED_PUBLISHED, turns=turns, gold=None)]
    dates = polnear_dates()
    errors: list[str] = []
    for path in sample(a.full, a.articles):
        try:
            doc = pipeline.read(str(path))
            doc = type(doc)(**{**doc.__dict__, "id": path.stem})
            rows.append(run_article(doc, dates.get(path.stem), turns=turns, gold=gold_contents(path.stem)))
        except Exception as e:  # noqa: BLE001 - a benchmark records the failure and goes on
            errors.append(f"{path.stem}: {type(e).__name__}: {e}")
        print(f"  {len(rows) - 1} articles done", file=sys.stderr, flush=True)
    baseline = run_baseline(pipeline.read(str(SEED_DIR / "article.txt")), SEED_PUBLISHED)
    total = overall(rows)

    header = (
        f"{'article':38} {'pairs':>5} {'sents':>5} {'ground':>6} {'claims':>6} {'quotes':>7} {'cover':>5} "
        f"{'gold':>5} {'dups':>4} {'gen s':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(_fmt_row(r["id"], r))
    print("-" * len(header))
    print(_fmt_row("seed interview.txt (baseline)", baseline))
    print("-" * len(header))
    print(
        f"overall ({total['articles']} articles, {turns} turns): grounding {total['grounding']:.4f} "
        f"(min {total['grounding_min']:.3f}; claims {total['claim_grounding']:.4f}), quote fidelity "
        f"{total['quote_fidelity']:.4f} ({total['quotes']} quotes), "
        f"coverage mean {total['coverage_mean']:.3f} "
        f"(min {total['coverage_min']:.3f}, micro {total['coverage_micro']:.3f}"
        + (f", gold {total['gold_coverage_mean']:.3f}" if "gold_coverage_mean" in total else "")
        + f"), duplicate questions {total['duplicate_rate']:.3f}, generator s/article median "
        f"{total['generator_s_median']:.3f} max {total['generator_s_max']:.3f} (checker s/article median "
        f"{total['verify_s_median']:.2f}); model load {load_s:.1f} s"
    )
    print(
        f"baseline (seed interview.txt): claim grounding {baseline['claims']['rate']:.3f} "
        f"({baseline['claims']['unsupported']} unsupported, "
        f"{baseline['claims']['contradicted']} contradicted), "
        f"quote fidelity {baseline['quotes']['rate']:.3f}, coverage {baseline['coverage']['rate']:.3f}, "
        f"fabricated entities: {', '.join(baseline['fabricated_entities']) or 'none'}"
    )
    for e in errors:
        print(f"error: {e}")
    failed = check_floors(total, floors)
    if errors:
        failed.append(f"{len(errors)} article(s) failed")
    OUT.mkdir(exist_ok=True)
    result = {
        "mode": "full" if a.full else "quick",
        "turns": turns,
        "sample_seed": SAMPLE_SEED,
        "model_load_s": round(load_s, 2),
        "overall": total,
        "baseline": baseline,
        "articles": rows,
        "errors": errors,
        "floors": floors,
        "failed": failed,
    }
    (OUT / "interview.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    if failed:
        print("below floors: " + "; ".join(failed))
        return 1
    print("interview benchmark: all floors met")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
