"""A figure given for the year asked: where a sentence lists figures by year ("2.3 percent
in 2024, 2.0 percent in 2025 and 1.9 percent in 2026") and the reader took another year's,
the answer moves to the asked year's figure in the same sentence."""

from __future__ import annotations

import re

from bot.answer.span_extend import FIGURE, is_figure, whole_word
from bot.ingest.sentences import split_sentences
from bot.schema import Answer
from bot.understand.question import QuestionAnalysis

_YEAR_AFTER = re.compile(r"(?i)\s+(?:in|for|by|during|through|at)\s+(?:the\s+)?"
                         r"(?:end\s+of\s+|end-|year-end\s+)?(?P<year>(?:19|20)\d{2})\b")


def figure_for_year(text: str, start: int, end: int, year: int) -> tuple[int, int]:
    """A figure read as the answer, but given for another year than the one asked, in a
    sentence that lists figures by year ("2.3 percent in 2024, 2.0 percent in 2025 and 1.9
    percent in 2026"): the figure that sentence gives for `year`. Any other span, or a
    sentence that gives no figure for `year`, is returned as it is."""
    here = _YEAR_AFTER.match(text, end)
    if here is None or int(here.group("year")) == year or not is_figure(text, start, end):
        return start, end
    left, right = next(((a, b) for a, b in split_sentences(text) if a <= start < b),
                       (0, len(text)))
    for m in FIGURE.finditer(text, left, right):
        after = _YEAR_AFTER.match(text, m.end())
        if (after is not None and int(after.group("year")) == year
                and whole_word(text, m.start(), left=True) and whole_word(text, m.end())):
            return m.start(), m.end()
    return start, end


def asked_year(analysis: QuestionAnalysis) -> int | None:
    """The one year a question asks a figure for ("for 2026", "at the end of 2019"), if it
    names exactly one besides its conference's."""
    years = {int(y) for d in analysis.content_dates for y in re.findall(r"\b(?:19|20)\d{2}\b", d)}
    if analysis.year_hint is not None:
        years.add(analysis.year_hint)
    return years.pop() if len(years) == 1 else None


def answer_for_year(answer: Answer, year: int) -> None:
    """Point a figure answer at the figure its first cited quote gives for `year`."""
    if not (answer.answered and answer.answer and answer.citations):
        return
    quote = answer.citations[0].quote
    at = quote.find(answer.answer)
    if at < 0:
        return
    start, end = figure_for_year(quote, at, at + len(answer.answer), year)
    answer.answer = quote[start:end]
