"""Checks the extractive reader makes on a reading, with the real spaCy model."""

from __future__ import annotations

from bot.answer.extractive import asked_places
from bot.understand.question import analyze_question


def test_a_figure_asked_for_a_place_names_it() -> None:
    question = "How many electric school buses did the EPA fund in Montana?"
    assert asked_places(analyze_question(question)) == ["Montana"]


def test_places_that_only_qualify_a_name_or_the_home_country_are_context() -> None:
    for question in (
        "How long would it take for the US return to the Paris climate accord to take effect?",
        "How many tests had been done in the United States by March 30, 2020?",
        "Which New York City mayor did the President speak with?",
    ):
        assert asked_places(analyze_question(question)) == [], question
