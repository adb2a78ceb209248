"""Follow-up questions made to stand alone from the earlier questions of a conversation."""

from __future__ import annotations

import pytest

from bot.retrieve.followup import date_phrases, resolve, standalone

SEED = "How many difficulties had been resolved for companies by September 25?"


@pytest.mark.parametrize(("earlier", "question", "expected"), [
    ([SEED], "And by the end of August?",
     "How many difficulties had been resolved for companies by the end of August?"),
    ([SEED], "what about in June 2022?",
     "How many difficulties had been resolved for companies in June 2022?"),
    (["What did Powell say about inflation at the September 2022 meeting?"], "And in June 2022?",
     "What did Powell say about inflation at the June 2022 meeting?"),
    (["How many tests were done in 2020?"], "and in 2021", "How many tests were done in 2021?"),
    (["How many tests were done?"], "In March 2020?", "How many tests were done in March 2020?"),
    (["How many vaccine doses were shipped to Texas?"], "And to Florida?",
     "How many vaccine doses were shipped to Florida?"),
    (["What did Powell say about inflation?"], "And Yellen?",
     "What did Yellen say about inflation?"),
    (["What did Powell say about inflation?"], "What about housing?",
     "What did Powell say about housing?"),
    (["How many nursing homes reported cases in Texas?"], "What about hospitals?",
     "How many hospitals reported cases in Texas?"),
    ([SEED, "And by the end of August?"], "And in July?",
     "How many difficulties had been resolved for companies in July?"),
])
def test_a_follow_up_keeps_the_subject(earlier: list[str], question: str, expected: str) -> None:
    assert resolve(question, earlier) == expected


@pytest.mark.parametrize("question", [
    "How many ventilators were delivered to New York in April 2020?",
    "Who is Zhu Dadong?",
    "And how many hospitals closed in May 2020?",
    "Thanks!",
])
def test_a_question_that_stands_alone_is_left_alone(question: str) -> None:
    assert standalone(question, SEED) == question


def test_no_history_no_change() -> None:
    assert resolve("And in July?", []) == "And in July?"


def test_date_phrases_carry_their_preposition() -> None:
    phrases = date_phrases("What happened by the end of August and in June 2022?")
    assert [(p.text, p.preposition) for p in phrases] == [
        ("by the end of August", "by"), ("in June 2022", "in")]
