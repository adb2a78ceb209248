"""Answers of every type, refusals and grounding, on an index of ../shared/corpus."""

from __future__ import annotations

import re

import pytest

from bot.evaluate import contains_answer
from bot.schema import Filters

pytestmark = pytest.mark.slow


def _grounded(answer) -> None:
    first = answer.citations[0]
    squash = re.sub(r"\s+", "", first.quote)
    assert re.sub(r"\s+", "", answer.answer) in squash or answer.answer == first.speaker


def test_number_answer_cites_the_seed(corpus_service) -> None:
    a = corpus_service.ask("How many difficulties had been resolved for companies by September 25?")
    assert a.answered and "3002" in a.answer
    c = a.citations[0]
    assert c.doc_id == "2022-09-27_tianshan_xinjiang_industry_presser.txt"
    assert c.speaker == "Zhu Dadong" and c.date == "2022-09-27" and c.speech == "reported"
    doc = corpus_service.get_document(c.doc_id)
    assert doc is not None and doc.text[c.start:c.end] == c.quote
    _grounded(a)


@pytest.mark.parametrize(("question", "gold"), [
    ("What target range did the Fed lift rates to at its December 2015 liftoff?", "¼ to ½ percent"),
    ("When did Fauci say FDA's VRBPAC would meet on future variants and a fourth shot?",
     "April 6th"),
    ("On April 8, 2020, who said they had an 8 p.m. call with the 120 labs sitting on "
     "underused Abbott machines?", "Birx"),
    ("Which existing Fed program were the new MBS purchases paired with in September 2012?",
     "maturity extension program"),
])
def test_answers_of_each_type(corpus_service, question: str, gold: str) -> None:
    a = corpus_service.ask(question)
    assert a.answered, a.reason
    assert contains_answer(a.answer, gold), a.answer
    _grounded(a)
    for c in a.citations:
        doc = corpus_service.get_document(c.doc_id)
        assert doc.text[c.start:c.end] == c.quote


def test_conference_that_is_not_indexed_is_refused(corpus_service) -> None:
    a = corpus_service.ask("What did the Fed do on rates at its March 22, 2023 meeting?")
    assert not a.answered and a.answer is None and a.citations == []
    assert a.reason and "2023" in a.reason


def test_filters_restrict_the_answer(corpus_service) -> None:
    a = corpus_service.ask("What was the unemployment rate?",
                           Filters(date_from="2011-01-01", date_to="2011-12-31"))
    assert all(c.date and c.date.startswith("2011") for c in a.citations)
