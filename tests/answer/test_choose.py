"""The answer chooser: features, probabilities, refusal, and the shipped fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.choose import CHOOSER_FILE, FEATURES, CandidateFeatures, Chooser, load_chooser
from bot.answer.learned import LearnedAnswerer
from bot.answer.reader import get_reader
from tests.answer.test_learned import OTHER, SEED, _hit

QUESTION = "How many difficulties had been resolved for companies by September 25?"


def _chooser(threshold: float = 0.5, margin_weight: float = 1.0) -> Chooser:
    n = len(FEATURES)
    weights = [margin_weight if f == "margin" else 0.0 for f in FEATURES]
    return Chooser((0.0,) * n, (1.0,) * n, tuple(weights), 0.0, threshold)


def _features(margin: float, rank: int = 0) -> CandidateFeatures:
    return CandidateFeatures(margin, 0.0, rank, 1.0, 0.5, 0.5, 0, False, 1)


def test_the_probability_follows_the_weights() -> None:
    low, high = _chooser().probabilities([_features(-2.0), _features(3.0)])
    assert 0.0 < low < 0.5 < high < 1.0
    assert _chooser().probabilities([]) == []


def test_a_chooser_fitted_on_other_features_is_refused_with_its_file_named(
        tmp_path: Path) -> None:
    path = tmp_path / "chooser.json"
    path.write_text(json.dumps({"features": ["margin"], "mean": [0], "scale": [1],
                                "weights": [1], "bias": 0, "threshold": 0.5}))
    with pytest.raises(ValueError, match=r"chooser\.json"):
        Chooser.load(path)
    assert load_chooser(tmp_path / "absent.json") is None


def test_the_shipped_chooser_matches_the_code() -> None:
    chooser = load_chooser()
    assert chooser is not None, f"{CHOOSER_FILE} is shipped"
    assert len(chooser.weights) == len(FEATURES) and 0.0 < chooser.threshold < 1.0
    fitted = dict(zip(FEATURES, chooser.weights, strict=True))
    assert fitted["margin"] > 0  # a span that beats "no answer" by more is likelier right


def test_candidates_carry_rank_share_and_votes_and_the_chooser_refuses_below_its_threshold(
) -> None:
    hits = [_hit(OTHER, 0), _hit(SEED, 1), _hit(SEED, 2)]
    hits[1].score, hits[2].score = 0.5, 0.25
    answerer = LearnedAnswerer(get_reader(), chooser=_chooser(threshold=0.5))
    found = answerer.candidates(QUESTION, hits)
    seed = [c for c in found if c.answer == "3002"]
    assert {c.features.rank for c in seed} == {1, 2}
    assert {c.features.retrieval_share for c in seed} == {0.5, 0.25}
    assert all(c.features.votes == 1 for c in seed)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert answerer.answer(QUESTION, found, dated=True).answer == "3002"
    strict = LearnedAnswerer(get_reader(), chooser=_chooser(threshold=0.999999))
    refused = strict.answer(QUESTION, strict.candidates(QUESTION, hits), dated=True)
    assert not refused.answered and refused.citations == []
