"""Which typed spans answer an English question, with the real spaCy model (no mocks)."""

from __future__ import annotations

from bot.answer.candidates import extract_candidates
from bot.answer.spans import score_spans
from bot.understand.question import analyze_question


def _answers(question: str, sentence: str) -> list[str]:
    analysis = analyze_question(question)
    return [s.candidate.text for s in score_spans(sentence, extract_candidates(sentence, None),
                                                  analysis, {})]


def test_a_price_is_money_never_a_count_of_people() -> None:
    question = "What did the spokesperson say the price of an annual park pass was?"
    assert _answers(question, "Yesterday, gunmen opened fire, killing 2 innocent people.") == []
    assert "$80" in _answers(question, "An annual park pass cost $80 this year.")


def test_a_count_of_other_things_and_its_bare_number_are_not_answers() -> None:
    question = "How many solar farms did the Energy Department approve in Nevada?"
    assert _answers(question, "The department approved 400 transmission lines nationwide.") == []
    found = _answers(question, "The department approved more than 35 solar farms in Nevada.")
    assert found and "35" in found[0]


def test_a_count_of_one_of_the_listed_things_answers() -> None:
    question = "How many firefighters, medics and pilots were standing by?"
    found = _answers(question, "We have 1,200 firefighters standing by.")
    assert found and "1,200" in found[0]


def test_a_count_said_in_other_words_for_people_still_answers() -> None:
    found = _answers("How many people had enrolled in the tuition program?",
                     "So far 2.3 million students have enrolled.")
    assert found and "2.3 million" in found[0]


def test_a_short_number_the_question_says_is_not_the_answer() -> None:
    question = "For how many seniors ages 65 through 74 had the state reserved flu shots?"
    found = _answers(question, "We have reserved enough flu shots for all 3 million seniors "
                               "ages 65 through 74.")
    assert "74" not in found
    assert found and "3 million" in found[0]


def test_which_years_asks_for_the_span() -> None:
    found = _answers("In which years did he serve as consul general in Lagos?",
                     "He served as consul general in Lagos from 2015 to 2018.")
    assert found[0] == "2015 to 2018"


def test_a_ratio_answers_by_what_margin() -> None:
    found = _answers("By what margin did the poll show voters backing the package?",
                     "A poll showed that by a 2-to-1 margin, registered voters backed it.")
    assert found and "2-to-1" in found[0]


def test_a_year_is_no_figure() -> None:
    found = _answers("How many visitors attended the county fair?",
                     "On Saturday, the governor will open the 2023 county fair.")
    assert "2023" not in found


def test_how_much_a_rate_was_raised_is_no_amount_of_money() -> None:
    found = _answers("By how much did the FOMC raise its policy interest rate?",
                     "Today the FOMC raised its policy interest rate by ¾ percentage point.")
    assert found and "¾" in found[0]
