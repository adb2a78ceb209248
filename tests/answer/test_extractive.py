"""Checks the extractive reader makes on a reading, with the real spaCy model."""

from __future__ import annotations

from bot.answer.extractive import asked_places
from bot.understand.question import analyze_question


def test_a_figure_asked_for_a_place_names_it() -> None:
    question = "How many wind turbines did the Interior Department approve in Wyoming?"
    assert asked_places(analyze_question(question)) == ["Wyoming"]


def test_places_that_only_qualify_a_name_or_the_home_country_are_context() -> None:
    for question in (
        "How many days would pass before the US exit from the Vienna nuclear deal took effect?",
        "How many tests had been done in the United States by March 30, 2020?",
        "Which Salt Lake City mayor did the Secretary visit?",
    ):
        assert asked_places(analyze_question(question)) == [], question
