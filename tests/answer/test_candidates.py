"""Typed candidate spans, with the real spaCy model (no mocks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answer.candidates import (
    KINDS,
    Candidate,
    candidate_kinds_for,
    extract_candidates,
    extract_candidates_many,
)


def _texts(sentence: str, kind: str) -> list[str]:
    return [c.text for c in extract_candidates(sentence, {kind})]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?<=\d),(?=\d{3})", "", text)).strip().lower()


def _contains_token(candidate: str, gold: str) -> bool:
    """The scorer's rule: gold inside the text as a whole token, ignoring case and commas."""
    pattern = rf"(?<![\w]){re.escape(_norm(gold))}(?![\w])"
    return re.search(pattern, _norm(candidate)) is not None


def _corpus_sentences(shared_dir: Path, files: int = 3, per_file: int = 40) -> list[str]:
    """Sentences of a few real transcripts (unlabelled text, not evaluation data)."""
    from bot.ingest.sentences import split_sentences

    out: list[str] = []
    for path in sorted((shared_dir / "corpus").rglob("*.txt"))[:files]:
        text = path.read_text(encoding="utf-8")
        out += [text[a:b] for a, b in split_sentences(text)][:per_file]
    return out


def test_candidates_are_verbatim_and_typed(shared_dir: Path) -> None:
    sentences = _corpus_sentences(shared_dir)
    assert len(sentences) >= 60
    for sentence, cands in zip(sentences, extract_candidates_many(sentences), strict=True):
        for c in cands:
            assert isinstance(c, Candidate)
            assert c.text == sentence[c.start : c.end]
            assert c.kind in KINDS
            assert c.text == c.text.strip() and len(c.text.split()) <= 15


def test_many_matches_one_by_one() -> None:
    sentences = ["We now have 370,000 tests that have been done.", "It began in October."]
    assert extract_candidates_many(sentences) == [extract_candidates(s) for s in sentences]


# --- figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At 8.8 percent, the unemployment rate is elevated.", "8.8 percent"),
        ("Output increased by 8.3%year -on -year.", "8.3%"),
        ("Delta represents 99.9 percent of all sequences.", "99.9 percent"),
        ("The Committee raised the range by ¾ percentage point today.", "¾ percentage point"),
        ("That is 1.5 percentage points higher than in March.", "1.5 percentage points"),
        ("The unemployment rate remains above 6½ percent.", "above 6½ percent"),
    ],
)
def test_percent(sentence: str, expected: str) -> None:
    assert expected in _texts(sentence, "percent")


def test_percent_value() -> None:
    (cand,) = extract_candidates("The rate is 6½ percent.", {"percent"})
    assert cand.value == 6.5


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It brings the target to ¼ to ½ percent.", "¼ to ½ percent"),
        ("The target range is now 2¼ to 2½ percent.", "2¼ to 2½ percent"),
        ("The projection is 3 to 3¼ percent by the end of the year.", "3 to 3¼ percent"),
        ("Inflation should run between 2 and 3 percent next year.", "between 2 and 3 percent"),
        ("The range is 5.25%-5.5% now.", "5.25%-5.5%"),
    ],
)
def test_range(sentence: str, expected: str) -> None:
    assert expected in _texts(sentence, "range")


@pytest.mark.parametrize(
    ("sentence", "expected", "value"),
    [
        ("Congress must provide $22.5 billion in funding.", "$22.5 billion", 22.5e9),
        ("We will be purchasing $75 billion of securities a month.", "$75 billion", 75e9),
        ("They bought at least $500 billion of Treasuries.", "at least $500 billion", 500e9),
        ("Strive for 12.71 million yuan in special funds.", "12.71 million yuan", 12.71e6),
        ("Revenue reached 1.178 billion yuan this year.", "1.178 billion yuan", 1.178e9),
        ("The package includes $8.3 billion for vaccines.", "$8.3 billion", 8.3e9),
    ],
)
def test_money(sentence: str, expected: str, value: float) -> None:
    cands = {c.text: c for c in extract_candidates(sentence, {"money"})}
    assert expected in cands
    assert cands[expected].value == pytest.approx(value)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Severe illness was lower by a factor of 19.5 in that group.", "a factor of 19.5"),
        ("They had 11.3 times greater risk of dying.", "11.3 times greater"),
        ("They had 6.1 times greater risk of testing positive.", "6.1 times greater"),
        ("The risk was 11.3 times higher.", "11.3 times higher"),
    ],
)
def test_multiplier(sentence: str, expected: str) -> None:
    assert expected in _texts(sentence, "multiplier")


@pytest.mark.parametrize(
    ("sentence", "count", "number"),
    [
        ("The system helped solve 3002 difficulties in the processing.", "3002 difficulties",
         "3002"),
        ("We now have 370,000 tests that have been done.", "370,000 tests", "370,000"),
        ("They brought home an impressive 126 medals.", "126 medals", "126"),
        ("We have performed over 894,000 tests.", "over 894,000 tests", "894,000"),
        ("We have repatriated over 50,000 United States citizens back home.",
         "over 50,000 United States citizens", "50,000"),
    ],
)
def test_count_with_noun_and_bare_number(sentence: str, count: str, number: str) -> None:
    cands = extract_candidates(sentence)
    assert count in [c.text for c in cands if c.kind == "count"]
    assert number in [c.text for c in cands if c.kind == "number"]


def test_3002_difficulties_is_a_count_not_a_date() -> None:
    sentence = ("As of September 25, the region has helped enterprises to coordinate and solve "
                "3002 difficulties in the processing of passage.")
    cands = extract_candidates(sentence)
    assert not [c for c in cands if c.kind in ("date", "period") and "3002" in c.text]
    (count,) = [c for c in cands if c.kind == "count"]
    assert (count.text, count.value) == ("3002 difficulties", 3002.0)
    assert "September 25" in [c.text for c in cands if c.kind == "date"]


def test_year_shaped_count_is_not_a_date() -> None:
    cands = extract_candidates("We have now tested 2000 people across 2021 and 2022.")
    dates = [c.text for c in cands if c.kind == "date"]
    assert "2000" not in dates and "2021" in dates
    assert "2000 people" in [c.text for c in cands if c.kind == "count"]


@pytest.mark.parametrize(
    ("sentence", "expected", "value"),
    [
        ("They would be eligible eight months after their second dose.", "eight months", 8.0),
        ("Boosters are due 8 months after the second shot.", "8 months", 8.0),
        ("Twelve days or more after the booster dose, infections fell.", "Twelve days", 12.0),
        ("We shipped 3,000 tons of grain.", "3,000 tons", 3000.0),
    ],
)
def test_quantity(sentence: str, expected: str, value: float) -> None:
    cands = {c.text: c for c in extract_candidates(sentence, {"quantity"})}
    assert cands[expected].value == value


@pytest.mark.parametrize(
    ("sentence", "expected", "value"),
    [
        ("Nineteen states have reported, and nineteen more will.", "nineteen", 19.0),
        ("About two thirds of counties reported.", "two thirds", 2 / 3),
        ("Rates were held at 3¾.", "3¾", 3.75),
        ("We do have 19 out of our 50 states.", "19", 19.0),
        ("It was twenty-five.", "twenty-five", 25.0),
    ],
)
def test_numbers(sentence: str, expected: str, value: float) -> None:
    cands = {c.text: c for c in extract_candidates(sentence, {"number"})}
    assert cands[expected].value == pytest.approx(value)


def test_ordinals_and_pronoun_one_are_not_numbers() -> None:
    numbers = _texts("Every single one of them will get a fourth shot on the 20th.", "number")
    assert numbers == []


def test_hyphenated_number_word_is_not_a_range() -> None:
    cands = extract_candidates("It is sixty-four miles away, and 2-3 percent of people agree.")
    assert [c.text for c in cands if c.kind == "range"] == ["2-3 percent"]
    assert "sixty-four miles" in [c.text for c in cands if c.kind == "quantity"]


def test_iso_date_is_a_date_not_a_period() -> None:
    cands = extract_candidates("The file is dated 2020-04-15 in the archive.", {"date", "period"})
    assert [(c.kind, c.text) for c in cands] == [("date", "2020-04-15")]


def test_figure_glued_to_letters_is_not_a_number() -> None:
    cands = extract_candidates("We know the story with GM or 3M, and 3M is doing a great job.")
    assert not [c for c in cands if c.kind in ("number", "quantity", "count")]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We plan to start this program the week of September 20th, 2021.",
         "the week of September 20th, 2021"),
        ("This Saturday, January 15th, is the final day to enroll.", "January 15th"),
        ("As you know, on April 6th, the FDA will meet.", "April 6th"),
        ("In the minutes of its June 2011 meeting, it set forth principles.", "June 2011"),
        ("In December 2012, the Committee first stated its guidance.", "December 2012"),
        ("Our program, which began in October, is proceeding smoothly.", "October"),
        ("The median projection now lies above the lower bound in 2023.", "2023"),
        ("I hope we can do this by Easter.", "Easter"),
        ("The median is 2.1 percent at the end of this year.", "the end of this year"),
        ("The rate was cut on March 3, 2020.", "March 3, 2020"),
        ("Rates rose in May.", "May"),
    ],
)
def test_dates(sentence: str, expected: str) -> None:
    dates = [c.text for c in extract_candidates(sentence, {"date", "period"})]
    assert any(_contains_token(d, expected) for d in dates), dates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("From January to August, value added increased by 8.3%.", "January to August"),
        ("In the first quarter of 2022, exports rose.", "the first quarter of 2022"),
        ("From 2019 to 2021 they fell.", "2019 to 2021"),
    ],
)
def test_periods(sentence: str, expected: str) -> None:
    periods = [c.text for c in extract_candidates(sentence, {"period"})]
    assert expected in periods


def test_modal_may_is_not_a_month() -> None:
    assert _texts("May I ask a question about jobs?", "date") == []


# --- people and phrases --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("DR. BIRX: So, I have a call with them at 8:00 p.m. tonight.", "DR. BIRX"),
        ("DR. BIRX: So, I have a call with them at 8:00 p.m. tonight.", "BIRX"),
        ("ADMIRAL GILDAY: In terms of the Roosevelt, we’re making progress.", "GILDAY"),
        ("CHAIR YELLEN: Good afternoon.", "CHAIR YELLEN"),
        ("We heard from Dr. Birx and Chair Yellen today.", "Dr. Birx"),
        ("We heard from Dr. Birx and Chair Yellen today.", "Chair Yellen"),
        ("So, my colleague, Admiral John Kirby, is here today.", "Admiral John Kirby"),
        ("So, my colleague, Admiral John Kirby, is here today.", "John Kirby"),
        ("John Ydstie with NPR News. Mr. Chairman, a question.", "John Ydstie"),
        ("Nicole Goodkind, CNN Business. Existing home sales have fallen.", "Nicole Goodkind"),
        ("EDWARD LAWRENCE: Hi, Edward Lawrence, Fox Business Network.", "Edward Lawrence"),
        ("Tianshan News (Reporter Su Luping reported) On the evening of September 27.",
         "Su Luping"),
        ("All right, first we’re going to Kaitlan Collins at CNN.", "Kaitlan Collins"),
    ],
)
def test_people(sentence: str, expected: str) -> None:
    assert expected in _texts(sentence, "person")


def test_role_labels_and_outlets_are_not_people() -> None:
    assert _texts("THE PRESIDENT: Thank you very much.", "person") == []
    assert _texts("Q: What about the rate?", "person") == []
    people = _texts("Tianshan News (Reporter Su Luping reported) On the evening.", "person")
    assert "Tianshan News" not in people


def test_self_introduction_outlet_is_an_org() -> None:
    orgs = _texts("John Ydstie with NPR News. Mr. Chairman, a question.", "org")
    assert "NPR News" in orgs


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The new purchases—combined with the existing maturity extension program—will add.",
         "maturity extension program"),
        ("We also resumed our regular quarterly Summary of Economic Projections, or the SEP.",
         "Summary of Economic Projections"),
        ("We released an addendum to our Policy Normalization Principles and Plans today.",
         "Policy Normalization Principles and Plans"),
        ("The destroyer USS Carney responded to the distress calls.", "USS Carney"),
        ("Today, the President launched Time is Money, a new effort.", "Time is Money"),
        ("This new plan is called Saving on a Valuable Education — SAVE.",
         "Saving on a Valuable Education"),
        ("This new plan is called Saving on a Valuable Education — SAVE.", "SAVE"),
    ],
)
def test_phrases(sentence: str, expected: str) -> None:
    phrases = _texts(sentence, "phrase")
    assert any(_contains_token(p, expected) for p in phrases), phrases


def test_units_are_not_phrases() -> None:
    phrases = _texts("At 8.8 percent, it is 11.3 times greater risk than before.", "phrase")
    assert not [p for p in phrases if p.split()[0] in ("percent", "times")]


# --- dedup and kinds -----------------------------------------------------------------------


def test_dedupe_keeps_longest_per_kind_and_figures_of_other_kinds() -> None:
    cands = extract_candidates("We plan to start the week of September 20th, 2021.")
    dates = [c.text for c in cands if c.kind == "date"]
    assert dates == ["the week of September 20th, 2021"]
    spans = [(c.start, c.end, c.kind) for c in cands]
    assert len(spans) == len(set(spans))
    money = extract_candidates("They bought $75 billion of bonds.", {"money", "number"})
    assert [c.kind for c in money] == ["money"]


def test_kinds_filter() -> None:
    cands = extract_candidates("On April 6th, Dr. Birx said 8.8 percent.", {"percent"})
    assert [c.text for c in cands] == ["8.8 percent"]


@pytest.mark.parametrize(
    ("answer_type", "subtype", "expected"),
    [
        ("number", "percent", {"percent", "range"}),
        ("number", "money", {"money"}),
        ("date", None, {"date", "period"}),
        ("who", None, {"person", "org"}),
        ("who", "reporter", {"person"}),
        ("what", None, {"phrase", "org", "product", "event", "person", "gpe"}),
    ],
)
def test_candidate_kinds_for(answer_type: str, subtype: str | None, expected: set[str]) -> None:
    assert candidate_kinds_for(answer_type, subtype) == expected


def test_candidate_kinds_for_covers_every_subtype() -> None:
    figures = {"percent", "money", "range", "multiplier", "count", "quantity", "number"}
    assert candidate_kinds_for("number", None) == figures
    for subtype in ("percent", "rate", "money", "range", "count", "multiplier", "duration",
                    "person", "org", "reporter", "speaker", "name", None):
        for answer_type in ("number", "date", "who", "what", "other"):
            kinds = candidate_kinds_for(answer_type, subtype)
            assert kinds and kinds <= KINDS
