"""The learned combiner: features, verdicts, precision gating and the pin to the scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.check.combine import (
    BASE_FEATURES,
    CALIBRATION_FILE,
    Calibration,
    features,
    file_sha256,
    finding_key,
    load_calibration,
)
from copydesk.errors import CheckError

KEYS = ("number:contradicts", "entity:contradicts", "entity:*")


def _calibration(sha: str = "0" * 64, **over: object) -> Calibration:
    n = len(BASE_FEATURES) + len(KEYS)
    coef = [0.0] * n
    coef[0] = -1.0  # a higher scorer logit: less likely inconsistent
    coef[len(BASE_FEATURES)] = 4.0  # number:contradicts
    coef[len(BASE_FEATURES) + 1] = 4.0  # entity:contradicts
    coef[len(BASE_FEATURES) + 2] = 4.0  # any other entity finding
    fields: dict[str, object] = {
        "scorer_sha256": sha,
        "finding_keys": KEYS,
        "mean": (0.0,) * n,
        "scale": (1.0,) * n,
        "coef": tuple(coef),
        "intercept": 0.0,
        "threshold": 0.5,
        "measured": {
            "number:contradicts": {"rows": 40, "precision": 0.95},
            "entity:contradicts": {"rows": 40, "precision": 0.6},
        },
        "precise_at": 0.85,
        "min_rows": 8,
        "info": {},
    }
    fields.update(over)
    return Calibration(**fields)  # type: ignore[arg-type]


def _signals(score: float, findings: list[dict[str, str]] | None = None) -> dict[str, object]:
    return {
        "model_score": score,
        "similarity": 0.8,
        "findings": findings or [],
        "words": 6,
        "evidence_words": 0,
        "restated": False,
        "verbatim": False,
        "transcript": False,
        "scores": [score],
        "similarities": [0.8],
    }


def test_a_well_supported_claim_is_supported_with_score_one_minus_p():
    cal = _calibration()
    verdict, score = cal.decide(_signals(0.95))
    assert verdict == "supported"
    assert score == pytest.approx(1 - cal.probability(_signals(0.95)))


def test_a_low_score_without_findings_is_unsupported_not_contradicted():
    assert _calibration().decide(_signals(0.05))[0] == "unsupported"


def test_only_a_precise_rule_makes_a_claim_contradicted():
    cal = _calibration()
    number = {"type": "number", "rule": "", "relation": "contradicts"}
    entity = {"type": "entity", "rule": "", "relation": "contradicts"}
    assert cal.decide(_signals(0.6, [number]))[0] == "contradicted"
    # a contradiction from a rule not measured as precise only lowers the score
    verdict, score = cal.decide(_signals(0.6, [entity]))
    assert verdict == "unsupported"
    assert score < 0.5


def test_a_finding_too_rare_to_measure_makes_a_claim_unsupported_whatever_its_score():
    cal = _calibration()
    rare = {"type": "misattribution", "rule": "", "relation": "contradicts"}
    assert cal.decide(_signals(0.99))[0] == "supported"
    verdict, score = cal.decide(_signals(0.99, [rare]))
    assert verdict == "unsupported"
    assert score < 1 - cal.threshold


def test_an_unknown_rule_counts_for_its_types_catch_all():
    f = {"type": "entity", "rule": "swapped_phrase", "relation": "contradicts"}
    assert finding_key(f) == "entity:swapped_phrase"
    x = features(_signals(0.5, [f]), KEYS)
    assert x[len(BASE_FEATURES) :] == [0.0, 0.0, 1.0]


def test_the_calibration_round_trips_through_its_file(tmp_path: Path):
    scorer = tmp_path / "model.onnx"
    scorer.write_bytes(b"weights")
    cal = _calibration(file_sha256(scorer))
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(cal.to_dict()), encoding="utf-8")
    assert load_calibration(path) == cal


def test_a_calibration_fitted_for_another_scorer_is_refused(tmp_path: Path):
    (tmp_path / "model.onnx").write_bytes(b"retrained weights")
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(_calibration("f" * 64).to_dict()), encoding="utf-8")
    with pytest.raises(CheckError, match="without recalibrating"):
        load_calibration(path)


@pytest.mark.parametrize(
    "change",
    [
        {"coef": [1.0]},
        {"threshold": 1.5},
        {"schema": 99},
    ],
)
def test_a_malformed_calibration_is_a_clear_error(tmp_path: Path, change: dict[str, object]):
    scorer = tmp_path / "model.onnx"
    scorer.write_bytes(b"weights")
    data = {**_calibration(file_sha256(scorer)).to_dict(), **change}
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CheckError):
        load_calibration(path)


def test_the_shipped_calibration_belongs_to_the_shipped_scorer():
    cal = load_calibration(CALIBRATION_FILE)
    assert cal.info["part"].startswith("calibration")
    assert 0 < cal.threshold < 1


@pytest.mark.slow
def test_the_combiner_decides_an_audit_through_the_verdict_seam():
    from copydesk import pipeline
    from copydesk.check import audit, combine
    from copydesk.config import Settings

    source = pipeline.analyse(
        "The harbour board approved the ferry plan on Monday. The new ferry will carry 300 passengers."
    )
    derived = pipeline.analyse(
        pipeline.as_derived(pipeline.to_document("The harbour board rejected the ferry plan on Monday."))
    )
    result = audit(source, derived, settings=Settings(), decide=combine.decide)
    (claim,) = [c for c in result.sentences if c.verdict != "no_claim"]
    assert claim.verdict == "contradicted", claim
    assert claim.score < 1 - combine.get_combiner().threshold
    assert [f.type for f in claim.findings] == ["negation"]
