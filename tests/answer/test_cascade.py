"""The cascade's switch: its file read when present and named when broken, and the rule
reader's answer standing only where the learned path agrees, when fitted so."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.cascade import CascadeSwitch, load_cascade


def test_no_file_means_no_fitted_switch(tmp_path: Path) -> None:
    assert load_cascade(tmp_path / "cascade.json") is None


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cascade.json"
    path.write_text('{"learned_threshold": "high", "rules_need_agreement": true}')
    with pytest.raises(ValueError, match=r"cascade\.json"):
        load_cascade(path)


def test_with_agreement_needed_a_rules_answer_stands_only_beside_a_learned_candidate() -> None:
    switch = CascadeSwitch(0.2, rules_need_agreement=True)
    assert switch.agree("3,002 difficulties", ["3002", "Zhu Dadong"])
    assert switch.agree("3002", ["solved 3002 difficulties"])
    assert not switch.agree("300", ["3002"])
    assert switch.below_threshold("President and I", [], 0.0) == "refuse"
    assert CascadeSwitch(0.2, rules_need_agreement=False).below_threshold(
        "anything", [], 0.0) == "rules"


def test_below_the_threshold_agreement_then_the_fallback_then_the_rules_decide() -> None:
    switch = CascadeSwitch(0.4, rules_need_agreement=False, fallback_threshold=0.1)
    learned = ["1978", "Congress"]
    assert switch.below_threshold("1978", learned, 0.05) == "rules"  # two readers agree
    assert switch.below_threshold("2015", learned, 0.2) == "learned"  # above the fallback
    assert switch.below_threshold("2015", learned, 0.05) == "rules"
    assert switch.below_threshold(None, learned, 0.2) == "learned"
    assert switch.below_threshold(None, learned, 0.05) == "refuse"
    strict = CascadeSwitch(0.4, rules_need_agreement=True, fallback_threshold=None)
    assert strict.below_threshold("2015", learned, 0.3) == "refuse"
    assert CascadeSwitch(0.4, False).below_threshold("2015", [], 0.3) == "rules"


def test_the_fallback_threshold_is_read_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cascade.json"
    path.write_text('{"learned_threshold": 0.4, "rules_need_agreement": false, '
                    '"fallback_threshold": 0.12}')
    assert load_cascade(path) == CascadeSwitch(0.4, False, 0.12)
    path.write_text('{"learned_threshold": 0.4, "rules_need_agreement": false}')
    assert load_cascade(path) == CascadeSwitch(0.4, False, None)
    path.write_text('{"learned_threshold": 0.4, "rules_need_agreement": false, '
                    '"fallback_threshold": "low"}')
    with pytest.raises(ValueError, match="fallback_threshold"):
        load_cascade(path)
