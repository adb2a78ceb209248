"""Which typed spans answer an English question, with the real spaCy model (no mocks)."""

from __future__ import annotations

from bot.answer.candidates import extract_candidates
from bot.answer.spans import score_spans
from bot.understand.question import analyze_question, asked_title


def _answers(question: str, sentence: str) -> list[str]:
    analysis = analyze_question(question)
    return [s.candidate.text for s in score_spans(sentence, extract_candidates(sentence, None),
                                                  analysis, {})]


def test_a_price_is_money_never_a_count_of_people() -> None:
    question = "What did the press secretary say the price of a Super Bowl ticket was?"
    assert _answers(question, "Yesterday, gunmen opened fire, killing 2 innocent people.") == []
    assert "$5,000" in _answers(question, "A Super Bowl ticket cost $5,000 this year.")


def test_a_count_of_other_things_and_its_bare_number_are_not_answers() -> None:
    question = "How many electric school buses did the EPA fund in Montana?"
    assert _answers(question, "The EPA funded 400 school districts across the country.") == []
    found = _answers(question, "The EPA funded more than 35 electric school buses in Montana.")
    assert found and "35" in found[0]


def test_a_count_of_one_of_the_listed_things_answers() -> None:
    question = "How many military doctors, nurses and EMTs were ready to deploy?"
    found = _answers(question, "We have 1,000 military doctors ready to deploy.")
    assert found and "1,000" in found[0]


def test_a_count_said_in_other_words_for_people_still_answers() -> None:
    found = _answers("How many people had signed up for healthcare?",
                     "So far 5.5 million Americans have signed up.")
    assert found and "5.5 million" in found[0]


def test_a_short_number_the_question_says_is_not_the_answer() -> None:
    question = "For how many kids ages 5 through 11 had the administration secured vaccine?"
    found = _answers(question, "We have secured enough vaccine for all 28 million kids ages 5 "
                               "through 11.")
    assert "11" not in found
    assert found and "28 million" in found[0]


def test_the_office_a_who_question_names() -> None:
    assert asked_title("Which Italian minister did Psaki meet?") == "minister"
    assert asked_title("Which Japanese Prime Minister was Biden to welcome?") == "prime minister"
    assert asked_title("Which New York City mayor did the President call?") == "mayor"
    assert asked_title("Who chairs the Gender Policy Council?") is None


def test_which_years_asks_for_the_span() -> None:
    found = _answers("In which years was she Ambassador of the United States to Uruguay?",
                     "She was the Ambassador of the United States to Uruguay from 2012 to 2014.")
    assert found[0] == "2012 to 2014"


def test_a_ratio_answers_by_what_margin() -> None:
    found = _answers("By what margin did the poll show voters backing the package?",
                     "A poll showed that by a 2-to-1 margin, registered voters backed it.")
    assert found and "2-to-1" in found[0]


def test_a_year_is_no_figure() -> None:
    found = _answers("What was the attendance at the White House Easter Egg Roll?",
                     "On Monday, the President will host the 2023 White House Easter Egg Roll.")
    assert "2023" not in found


def test_how_much_a_rate_was_raised_is_no_amount_of_money() -> None:
    found = _answers("By how much did the FOMC raise its policy interest rate?",
                     "Today the FOMC raised its policy interest rate by ¾ percentage point.")
    assert found and "¾" in found[0]
