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
    assert switch.rules_stand("3,002 difficulties", ["3002", "Zhu Dadong"])
    assert switch.rules_stand("3002", ["solved 3002 difficulties"])
    assert not switch.rules_stand("300", ["3002"])
    assert not switch.rules_stand("President and I", [])
    assert CascadeSwitch(0.2, rules_need_agreement=False).rules_stand("anything", [])
