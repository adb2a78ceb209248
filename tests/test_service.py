"""Answers of every type, refusals and grounding, on an index of ../shared/corpus."""

from __future__ import annotations

import re

import pytest

from bot.schema import ChatTurn, Filters

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


def test_conference_that_is_not_indexed_is_refused(corpus_service) -> None:
    a = corpus_service.ask("How did the Committee change its bond buying at its May 3, 2023 "
                           "meeting?")
    assert not a.answered and a.answer is None and a.citations == []
    assert a.reason and "2023" in a.reason


def test_filters_restrict_the_answer(corpus_service) -> None:
    a = corpus_service.ask("What was the unemployment rate?",
                           Filters(date_from="2011-01-01", date_to="2011-12-31"))
    assert all(c.date and c.date.startswith("2011") for c in a.citations)


def test_quote_lines_are_honest_about_the_kind_of_words(corpus_service) -> None:
    seed = corpus_service.ask(
        "How many difficulties had been resolved for companies by September 25?").citations[0]
    assert seed.quote_line is not None and "3002 difficulties" in seed.quote_line
    assert seed.quote_line.startswith(
        "Zhu Dadong, deputy director of the Industry and Information Department of the "
        "Autonomous Region, told a press conference on Sept. 27, 2022 that as of September 25")
    assert "“" not in seed.quote_line and "”" not in seed.quote_line
    fed = corpus_service.ask(
        "By how much did the FOMC raise its policy interest rate on September 21, 2022?")
    line = fed.citations[0].quote_line
    assert line is not None and line.startswith(
        "“Today the FOMC raised its policy interest rate by ¾ percentage point")
    assert line.endswith("Chair Powell said at a press conference on Sept. 21, 2022.")


def test_a_follow_up_swaps_the_date_and_keeps_the_subject(corpus_service) -> None:
    first = "What did Powell say about inflation at the September 2022 meeting?"
    answer = corpus_service.ask("And at the June 2022 meeting?",
                                history=[ChatTurn(question=first)])
    assert answer.question == "And at the June 2022 meeting?"
    assert answer.standalone_question == (
        "What did Powell say about inflation at the June 2022 meeting?")
    assert answer.answered and {c.date for c in answer.citations} == {"2022-06-15"}


def test_a_follow_up_the_transcripts_do_not_answer_is_refused(corpus_service) -> None:
    seed = "How many difficulties had been resolved for companies by September 25?"
    answer = corpus_service.ask("And by the end of August?", history=[ChatTurn(question=seed)])
    assert "end of August" in (answer.standalone_question or "")
    assert not answer.answered and answer.citations == []


def test_a_follow_up_keeps_the_earlier_filters(corpus_service) -> None:
    turn = ChatTurn(question="What did Powell say about inflation?",
                    filters=Filters(date_from="2022-06-01", date_to="2022-06-30"))
    answer = corpus_service.ask("What about housing?", history=[turn])
    assert answer.standalone_question == "What did Powell say about housing?"
    assert answer.answered and {c.date for c in answer.citations} == {"2022-06-15"}


def test_the_learned_path_explains_each_stage(corpus_service) -> None:
    from bot.answer.choose import FEATURES
    from bot.config import Settings
    from bot.service import QAService

    learned = QAService(Settings(index_dir=corpus_service.settings.index_dir, reader="learned"))
    trace = learned.explain("How many difficulties had been resolved for companies by "
                            "September 25?")
    assert trace.retrieved and trace.read
    assert trace.threshold == learned.learned().threshold
    assert all(set(c.features) == set(FEATURES) and 0.0 <= c.score <= 1.0 for c in trace.read)
    assert [c.score for c in trace.read] == sorted((c.score for c in trace.read), reverse=True)
    seed = [c for c in trace.read if c.answer == "3002"]
    assert seed and "xinjiang" in seed[0].passage_id
    absent = learned.explain("What did the press secretary say about alpacas on Mars?")
    assert not absent.answer.answered and absent.answer.citations == []


def test_the_cascade_takes_the_learned_answer_where_its_chooser_accepts_one(
        corpus_service) -> None:
    """The default reader: the learned answer where the chooser accepts it, else the rules'."""
    from bot.config import Settings
    from bot.service import QAService

    assert corpus_service.settings.reader == "cascade"
    index = corpus_service.settings.index_dir
    learned = QAService(Settings(index_dir=index, reader="learned"))
    rules = QAService(Settings(index_dir=index, reader="rules"))
    cascade = QAService(Settings(index_dir=index, reader="cascade"))
    for question in ("How many difficulties had been resolved for companies by September 25?",
                     "What rate of inflation did Powell expect in June 2022?",
                     "Who asked about supply chains at the press conference?",
                     "What did the press secretary say about alpacas on Mars?"):
        first = learned.ask(question)
        expected = first if first.answered else rules.ask(question)
        got = cascade.ask(question)
        assert (got.answered, got.answer) == (expected.answered, expected.answer), question
        assert [c.quote for c in got.citations] == [c.quote for c in expected.citations]
    seed = cascade.ask("How many difficulties had been resolved for companies by September 25?")
    assert seed.answered and "3002" in seed.answer and seed.citations[0].speaker == "Zhu Dadong"
