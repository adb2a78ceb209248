"""Checks the extractive reader makes on a reading, with the real spaCy model."""

from __future__ import annotations

from bot.answer.candidates import Candidate
from bot.answer.extractive import asked_places, whole_figure
from bot.schema import Passage
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


def test_a_figure_read_by_the_rules_grows_to_its_unit_inside_the_quote() -> None:
    text = "Wages are expected to grow by 4.5 percent in 2024, slowing in 2025."
    p = Passage(id="d#2", doc_id="d", n=2, text=text, start=100, end=100 + len(text), turn=1)
    window = (100 + text.index("Wages"), 100 + text.index(" percent"))  # the window cuts it
    read = Candidate("4.5", text.index("4.5"), text.index("4.5") + 3, "number")
    answer, a, b = whole_figure(p, read, *window)
    assert answer == "4.5 percent"
    assert (a, b) == (100, 100 + text.index(" in 2024"))  # the quote holds the answer
    words = Candidate("grow", text.index("grow"), text.index("grow") + 4, "phrase")
    assert whole_figure(p, words, *window)[0] == "grow"
