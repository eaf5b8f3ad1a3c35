"""The support scorer: supported claims score above number-changed, negated and entity-swapped ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.check.scorer import CHECKER_DIR, SupportScorer, get_scorer
from copydesk.errors import CheckError

# Original sentences written for these tests (invented places, people and figures):
# (premise, supported paraphrase, number changed, negated, entity swapped)
CASES = [
    (
        "The Harlow town council approved a budget of 12 million dollars on Monday, after a debate "
        "that lasted four hours.",
        "Harlow's council passed a 12 million dollar budget on Monday.",
        "Harlow's council passed a 19 million dollar budget on Monday.",
        "Harlow's council did not pass a budget on Monday.",
        "Denton's council passed a 12 million dollar budget on Monday.",
    ),
    (
        "Marta Okonkwo, the head of the Lakeside Water Board, said 3,000 homes lost their supply "
        "during the storm.",
        "According to Marta Okonkwo, the storm left 3,000 homes without water.",
        "According to Marta Okonkwo, the storm left 30,000 homes without water.",
        "According to Marta Okonkwo, no homes lost their water supply during the storm.",
        "According to Peter Lindqvist, the storm left 3,000 homes without water.",
    ),
    (
        "The Brightwater hospital will open a new cancer ward in 2027, the health ministry said.",
        "The health ministry said Brightwater hospital is to get a new cancer ward in 2027.",
        "The health ministry said Brightwater hospital is to get two new cancer wards in 2027.",
        "The health ministry said Brightwater hospital will not get a new cancer ward.",
        "The health ministry said Eastfield hospital is to get a new cancer ward in 2027.",
    ),
    (
        "Police arrested two men in Corvale on Friday after a string of burglaries at local shops.",
        "Two men were arrested in Corvale on Friday following several shop burglaries.",
        "Five men were arrested in Corvale on Friday following several shop burglaries.",
        "No one was arrested in Corvale after the shop burglaries.",
        "Two men were arrested in Redmarsh on Friday following several shop burglaries.",
    ),
    (
        "The Northline rail company raised its ticket prices by 8 percent, citing higher energy costs.",
        "Northline put up fares by 8 percent because energy has become more expensive.",
        "Northline put up fares by 15 percent because energy has become more expensive.",
        "Northline did not raise its fares despite higher energy costs.",
        "Southway put up fares by 8 percent because energy has become more expensive.",
    ),
    (
        "Farmers in the Ostrava valley harvested 40 tonnes of apples this autumn, twice as much as "
        "last year.",
        "The Ostrava valley apple harvest reached 40 tonnes this autumn, double last year's.",
        "The Ostrava valley apple harvest reached 90 tonnes this autumn, double last year's.",
        "The Ostrava valley apple harvest was smaller than last year's.",
        "The Tisza valley apple harvest reached 40 tonnes this autumn, double last year's.",
    ),
]
KINDS = ("number", "negation", "entity")


@pytest.fixture(scope="module")
def scores() -> list[list[float]]:
    scorer = get_scorer()
    pairs = [(case[0], hyp) for case in CASES for hyp in case[1:]]
    flat = scorer.score(pairs)
    return [flat[i : i + 4] for i in range(0, len(flat), 4)]


@pytest.mark.slow
def test_scores_are_probabilities_in_input_order(scores: list[list[float]]) -> None:
    assert len(scores) == len(CASES)
    assert all(0.0 <= s <= 1.0 for row in scores for s in row)
    # a pair scores the same alone as among others (each pair runs alone: int8 dynamic
    # quantisation would otherwise scale its activations with its batch-mates')
    alone = get_scorer().score([(CASES[2][0], CASES[2][3])])[0]
    assert alone == scores[2][2]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_supported_beats_each_kind_of_error(scores: list[list[float]], kind: str) -> None:
    col = 1 + KINDS.index(kind)
    wins = sum(row[0] > row[col] for row in scores)
    margin = sum(row[0] - row[col] for row in scores) / len(scores)
    assert wins >= len(CASES) - 1, (kind, scores)
    assert margin > 0.2, (kind, margin)


@pytest.mark.slow
def test_supported_paraphrases_score_high_and_errors_low(scores: list[list[float]]) -> None:
    supported = [row[0] for row in scores]
    errors = [s for row in scores for s in row[1:]]
    assert sum(s >= 0.5 for s in supported) >= len(CASES) - 1
    assert sum(s < 0.5 for s in errors) >= 0.75 * len(errors)


@pytest.mark.slow
def test_two_sentence_premise_supports_a_combined_claim() -> None:
    first = "Judge Amara Velasquez opened the inquiry into the Pinecrest mine collapse on Tuesday."
    second = "She said the hearings would last six weeks."
    claim = "Velasquez said the Pinecrest inquiry hearings would last six weeks."
    wrong = "Velasquez said the Pinecrest inquiry hearings would last six months."
    both, changed = get_scorer().score([(f"{first} {second}", claim), (f"{first} {second}", wrong)])
    assert both > changed


@pytest.mark.slow
def test_loading_twice_reuses_the_cached_model() -> None:
    assert get_scorer() is get_scorer()
    assert get_scorer(threads=1) is get_scorer()


@pytest.mark.slow
def test_empty_and_malformed_input() -> None:
    scorer = get_scorer()
    assert scorer.score([]) == []
    with pytest.raises(CheckError):
        scorer.score([("only a premise",)])  # type: ignore[list-item]
    with pytest.raises(CheckError):
        scorer.score([("premise", 3)])  # type: ignore[list-item]
    # empty strings and very long texts are scored, not refused
    long = " ".join(["The committee met again."] * 400)
    out = scorer.score([("", ""), (long, "The committee met."), ("The committee met.", long)])
    assert len(out) == 3 and all(0.0 <= s <= 1.0 for s in out)


def test_missing_model_files_raise_a_check_error(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match="missing"):
        SupportScorer(tmp_path)


def test_shipped_files_are_present_and_small() -> None:
    model = CHECKER_DIR / "model.onnx"
    assert model.is_file() and (CHECKER_DIR / "tokenizer.json").is_file()
    assert model.stat().st_size <= 50_000_000
    assert (CHECKER_DIR / "MODEL_CARD.md").is_file()


def test_import_does_not_load_onnxruntime() -> None:
    import subprocess
    import sys

    code = "import sys, copydesk.check.scorer, copydesk.check.retrieve; print('onnxruntime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
