"""The cascade's switch fitted on small hand-made rows: outcomes and the threshold."""

from __future__ import annotations

from training.fit_cascade import Asked, best_switch, best_threshold, outcome


def _asked(answerable: bool, p: float, learned_right: bool, rules_answered: bool,
           rules_right: bool) -> Asked:
    return Asked("s", answerable, p, learned_right, rules_answered, rules_right)


ROWS = [
    _asked(True, 0.9, True, True, False),    # learned sure and right
    _asked(True, 0.2, True, True, False),    # learned unsure but right, rules wrong
    _asked(True, 0.1, False, True, True),    # learned unsure and wrong, rules right
    _asked(False, 0.15, False, False, False),  # unanswerable: learned unsure, rules silent
    _asked(False, 0.05, False, False, False),  # unanswerable: nobody answers
]


def test_above_the_threshold_the_learned_path_answers_below_it_the_rules() -> None:
    assert outcome(ROWS, 0.5) == {"answer_accuracy": 0.667, "refusal": 1.0,
                                  "false_refusals": 0.0, "balanced": 0.833,
                                  "answerable": 3, "unanswerable": 2}
    # rules off: the learned path alone refuses what it is unsure of
    alone = outcome(ROWS, 0.5, rules_on=False)
    assert alone["answer_accuracy"] == 0.333 and alone["refusal"] == 1.0


def test_the_fitted_threshold_lets_the_learned_path_take_the_candidates_the_rules_miss() -> None:
    t = best_threshold(ROWS)
    # the 0.2 row goes to the learned path; the 0.15 one (unanswerable) and the 0.1 one
    # (the rules are right) stay below
    assert 0.15 <= t < 0.2
    figures = outcome(ROWS, t)
    assert figures["answer_accuracy"] == 1.0 and figures["refusal"] == 1.0


def test_agreement_keeps_the_rules_answers_the_learned_path_also_found() -> None:
    rows = [Asked("s", True, 0.1, False, True, True, agree=True),
            Asked("s", False, 0.1, False, True, False),
            Asked("s", False, 0.1, False, True, False),
            Asked("s", True, 0.1, False, True, False)]
    assert outcome(rows, 0.5)["refusal"] == 0.0
    assert outcome(rows, 0.5, need_agreement=True) == {
        "answer_accuracy": 0.5, "refusal": 1.0, "false_refusals": 0.5, "balanced": 0.75,
        "answerable": 2, "unanswerable": 2}
    t, need, fallback = best_switch(rows)
    assert need and t >= 0.1 and fallback is None


def test_where_the_readers_disagree_the_fallback_takes_the_learned_path_above_it() -> None:
    rows = [Asked("s", True, 0.3, True, True, False),    # disagree: learned unsure but right
            Asked("s", True, 0.3, True, True, False),
            Asked("s", True, 0.05, False, True, True),   # disagree: the rules are right
            Asked("s", True, 0.35, False, True, True, agree=True),  # they agree: rules
            Asked("s", False, 0.05, False, False, False)]
    assert outcome(rows, 0.5)["answer_accuracy"] == 0.5
    figures = outcome(rows, 0.5, fallback_t=0.1)
    assert figures["answer_accuracy"] == 1.0 and figures["refusal"] == 1.0
    t, need, fallback = best_switch(rows, fallback=True)
    assert fallback is not None and 0.05 <= fallback < 0.3 and not need
    assert outcome(rows, t, need_agreement=need, fallback_t=fallback)["balanced"] == 1.0
    assert best_switch(rows)[2] is None  # no fallback unless asked for
