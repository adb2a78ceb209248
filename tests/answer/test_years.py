"""A figure answer moved to the figure its sentence gives for the year asked."""

from __future__ import annotations

import pytest

from bot.answer.years import answer_for_year, asked_year, figure_for_year
from bot.schema import Answer, Citation
from bot.understand.question import analyze_question

LISTED = ("Staff now project inflation to average 2.3 percent in 2024, 2.0 percent in 2025 "
          "and 1.9 percent in 2026. Wages rose 4 percent in 2023.")
ENDS = ("The median projection is 2¼ percent at the end of 2018, 2.9 percent at the end of "
        "2019, and 3.4 percent at the end of 2020.")


def _span(text: str, figure: str, year: int) -> str:
    at = text.index(figure)
    start, end = figure_for_year(text, at, at + len(figure), year)
    return text[start:end]


@pytest.mark.parametrize(("text", "read", "year", "expected"), [
    (LISTED, "2.3 percent", 2026, "1.9 percent"),
    (LISTED, "2.3 percent", 2024, "2.3 percent"),  # already the year asked
    (LISTED, "2.3 percent", 2023, "2.3 percent"),  # that year's figure is another sentence's
    (ENDS, "2.9 percent", 2018, "2¼ percent"),
    (ENDS, "2.9 percent", 2021, "2.9 percent"),  # no figure for it: left as read
])
def test_figure_for_year(text: str, read: str, year: int, expected: str) -> None:
    assert _span(text, read, year) == expected


def test_a_span_that_is_not_one_figure_is_left_alone() -> None:
    text = "Prices rose a lot in 2024 and 3 percent in 2025."
    assert _span(text, "a lot", 2025) == "a lot"


@pytest.mark.parametrize(("question", "year"), [
    ("What inflation did ECB staff project for 2026?", 2026),
    ("How high did officials in September 2018 see borrowing costs at the end of 2019?", 2019),
    ("What did the March 2024 projections show for inflation in 2025?", 2025),
    ("What did Powell say about inflation?", None),
])
def test_asked_year(question: str, year: int | None) -> None:
    assert asked_year(analyze_question(question)) == year


def test_answer_moves_within_its_cited_quote() -> None:
    citation = Citation(n=1, doc_id="d", path="d", passage_id="d#1", quote=LISTED, start=0,
                        end=len(LISTED), score=1.0, url="/d#1")
    answer = Answer(question="q", answered=True, answer="2.3 percent", citations=[citation])
    answer_for_year(answer, 2026)
    assert answer.answer == "1.9 percent" and answer.answer in citation.quote
