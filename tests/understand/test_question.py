"""Question analysis: answer type, conference date vs content dates, names, terms."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understand.question import DateSpan, analyze_question


def conf(q: str) -> DateSpan | None:
    return analyze_question(q).conference


# ---------------------------------------------------------------- conference dates


@pytest.mark.parametrize(
    ("q", "start", "end", "strict"),
    [
        (
            "What housing figure did the Chair call disappointing at the October 2015 presser?",
            date(2015, 10, 1),
            date(2015, 10, 31),
            True,
        ),
        (
            "Which lending facility was the new Treasury buying tied to in November 2010?",
            date(2010, 11, 1),
            date(2010, 11, 30),
            False,
        ),
        (
            "Per Yellen in July 2016, which report first described the new tools?",
            date(2016, 7, 1),
            date(2016, 7, 31),
            False,
        ),
        (
            "In the December 2019 dots, when did the median see the first cut coming?",
            date(2019, 12, 1),
            date(2019, 12, 31),
            True,
        ),
        (
            "How many doses were given at the March 15, 2021 briefing?",
            date(2021, 3, 15),
            date(2021, 3, 15),
            True,
        ),
        (
            "What did Birx say about New York in late April 2020?",
            date(2020, 4, 15),
            date(2020, 4, 30),
            False,
        ),
        (
            "In the British trial data Walensky went over in late Feb 2022, by what factor were "
            "hospital stays shorter?",
            date(2022, 2, 15),
            date(2022, 2, 28),
            False,
        ),
        (
            "Which Coast Guard cutter picked up the stranded crew off the Alaska coast "
            "(Nov 2019)?",
            date(2019, 11, 1),
            date(2019, 11, 30),
            False,
        ),
        (
            "On May 12, 2020, how many counties did Giroir say still lacked a testing site?",
            date(2020, 5, 12),
            date(2020, 5, 12),
            True,
        ),
        (
            "Under the rent relief program unveiled Jul 14, 2021, how long would tenants have "
            "to apply?",
            date(2021, 7, 14),
            date(2021, 7, 14),
            True,
        ),
        (
            "Per the FEMA shelter figures shown Nov 3, 2021, how much larger was the caseload?",
            date(2021, 11, 3),
            date(2021, 11, 3),
            True,
        ),
        (
            "How many idle factories had Commerce reopened by June 2, 2020?",
            date(2020, 6, 2),
            date(2020, 6, 2),
            True,
        ),
        (
            "What did the Committee decide on asset purchases at its July 28, 2021 meeting, "
            "just after the jobs report?",
            date(2021, 7, 28),
            date(2021, 7, 28),
            True,
        ),
        (
            "How large was the central bank's surprise bond purchase on June 16, 2020?",
            date(2020, 6, 16),
            date(2020, 6, 16),
            True,
        ),
        (
            "What level did the Committee cut the discount rate to at its October 2008 move?",
            date(2008, 10, 1),
            date(2008, 10, 31),
            True,
        ),
        (
            "Where did the median participant see core inflation at end-2020 in the June 2019 SEP?",
            date(2019, 6, 1),
            date(2019, 6, 30),
            True,
        ),
        (
            "In the December 2016 dot plot, how many hikes did the median show for 2017?",
            date(2016, 12, 1),
            date(2016, 12, 31),
            True,
        ),
        (
            "Where did the discount rate stand following the January 2008 cut?",
            date(2008, 1, 1),
            date(2008, 1, 31),
            False,
        ),
        ("What did Powell say in early Jan. 2022?", date(2022, 1, 1), date(2022, 1, 15), False),
        ("What did the Board do in mid-March 2020?", date(2020, 3, 8), date(2020, 3, 23), False),
        (
            "How many tests were done at the 3/24/2020 briefing?",
            date(2020, 3, 24),
            date(2020, 3, 24),
            True,
        ),
        (
            "What did Psaki announce at the 27th September 2021 press briefing?",
            date(2021, 9, 27),
            date(2021, 9, 27),
            True,
        ),
        ("What did Giroir say on Sep. 1st, 2020?", date(2020, 9, 1), date(2020, 9, 1), True),
    ],
)
def test_conference(q: str, start: date, end: date, strict: bool) -> None:
    c = conf(q)
    assert c is not None, q
    assert (c.start, c.end, c.strict, c.month_day) == (start, end, strict, None)
    assert c.text in q


def test_year_less_briefing_date_matches_by_month_day() -> None:
    c = conf("Which Xinhua correspondent covered the Oct 14 regional tourism briefing?")
    assert c is not None and c.month_day == (10, 14) and c.strict
    assert (c.start, c.end) == (date.min, date.max)
    assert c.contains("2022-10-14") and c.contains(date(2019, 10, 14))
    assert not c.contains("2022-10-13")


def test_on_year_less_date_is_a_soft_conference() -> None:
    c = conf("How many cases were reported on March 16?")
    assert c is not None and c.month_day == (3, 16) and not c.strict


# ---------------------------------------------------------------- content dates


@pytest.mark.parametrize(
    ("q", "content"),
    [
        (
            "How many difficulties had been resolved for companies in Xinjiang by September 25?",
            "September 25",
        ),
        (
            "What monthly volume of mortgage sales did the agency cut back to starting July 2016?",
            "July 2016",
        ),
        (
            "By how much did Sichuan's exports grow over Feb-May 2023 compared with a year before?",
            "Feb-May 2023",
        ),
        ("What was inflation for April 2021?", "April 2021"),
        ("How many doses were given since January 20, 2021?", "January 20, 2021"),
        ("How many people were vaccinated through March 2021?", "March 2021"),
        ("How many permits were issued before February 2020?", "February 2020"),
        ("What share of adults had one shot by July 4?", "July 4"),
        ("What was the median rate for end-2022?", "end-2022"),
    ],
)
def test_content_dates_are_not_the_conference(q: str, content: str) -> None:
    a = analyze_question(q)
    assert a.conference is None, a.conference
    assert content in a.content_dates
    assert a.year_hint is None


def test_content_date_next_to_a_named_conference() -> None:
    a = analyze_question(
        "What March 2019 payrolls figure did Hassett quote at the April 9, 2019 briefing?"
    )
    assert a.conference is not None and a.conference.strict
    assert a.conference.start == a.conference.end == date(2019, 4, 9)
    assert "March 2019" in a.content_dates
    assert "march" in a.terms and "2019" in a.terms
    a = analyze_question(
        "In the September 2017 SEP, where did the median put unemployment at the end of 2018?"
    )
    assert a.conference is not None and a.conference.start == date(2017, 9, 1)
    assert a.content_dates == ["end of 2018"]
    a = analyze_question(
        "What was the core PCE inflation forecast for 2023 in the December 2020 SEP?"
    )
    assert a.conference is not None and a.conference.start == date(2020, 12, 1)
    assert a.content_dates == ["2023"] and a.year_hint is None


def test_year_hint() -> None:
    a = analyze_question("What was the poverty rate in 2022?")
    assert a.conference is None and a.year_hint == 2022
    a = analyze_question(
        "Which Marketplace Radio reporter asked Brainard about tariffs in Oct 2018, "
        "citing soybean exports at a low since 2009?"
    )
    assert a.year_hint is None and "2009" in a.content_dates
    assert analyze_question("Where did the median put inflation at end-2021?").year_hint is None
    # a count is not a year
    a = analyze_question("How many 2000 tests were negative?")
    assert a.year_hint is None and a.head_noun == "tests"


# ---------------------------------------------------------------- answer types


@pytest.mark.parametrize(
    ("q", "atype", "subtype", "head"),
    [
        (
            "How many difficulties had been resolved by September 25?",
            "number",
            "count",
            "difficulties",
        ),
        (
            "As of the April 14, 2020 briefing, how many ventilators had been shipped?",
            "number",
            "count",
            "ventilators",
        ),
        (
            "How many idle factories had Commerce reopened by June 2, 2020?",
            "number",
            "count",
            "factories",
        ),
        (
            "How much provincial relief funding for small farms did the county secure?",
            "number",
            "money",
            "funding",
        ),
        ("How much did the administration spend on testing?", "number", "money", None),
        ("What was the savings rate Yellen described as low?", "number", "percent", "rate"),
        ("What share of hospital beds was still empty?", "number", "percent", "share"),
        ("What percentage of adults are vaccinated?", "number", "percent", "percentage"),
        ("What range did the Committee move the discount rate into?", "number", "range", "range"),
        (
            "What fed funds projection did the median participant write down for 2019?",
            "number",
            "percent",
            "projection",
        ),
        (
            "By what factor were hospital stays shorter for the treated patients?",
            "number",
            "multiplier",
            None,
        ),
        ("How much higher was the smokers' chance of a stroke?", "number", "multiplier", None),
        ("How long after the first payment would tenants get a refund?", "number", "duration",
         None),
        ("What weekly pace of home sales did the agency slow to?", "number", "rate", "pace"),
        ("What running state vote count did Raffensperger report?", "number", "count", "vote"),
        ("When did Walensky say CDC's ACIP would vote?", "date", None, None),
        ("What date was the governor proposing for opening the schools again?", "date", None, None),
        ("Which month did the Treasury's new bond auctions begin?", "date", None, None),
        ("What year did the survey see the deficit stop growing?", "date", None, None),
        ("Which meeting's statement first spelled out the new guidance?", "date", None, None),
        ("Until when will the moratorium last?", "date", None, None),
        ("What was the final deadline for entering the lottery?", "date", None, None),
        ("Who received the first question on Tuesday?", "who", "reporter", None),
        ("Which PBS reporter challenged Yellen on wage growth?", "who", "reporter", None),
        ("Which Treasury secretary said it was his last appearance?", "who", "speaker", None),
        ("Who said she had a 7 a.m. meeting with the 40 governors?", "who", "speaker", None),
        (
            "Who gave the briefing on evacuating patients from the USNS Comfort?",
            "who",
            "speaker",
            None,
        ),
        ("Which official is in charge of testing?", "who", "person", None),
        ("Which agency authorized the booster?", "who", "org", None),
        ("What's the formal name of the rural broadband grant program?", "what", "name", None),
        ("Which Coast Guard vessel picked up the stranded crew?", "what", "name", "vessel"),
        ("What planning memo received a revision?", "what", None, "memo"),
        ("What annual survey did the Bureau drop?", "what", None, "survey"),
    ],
)
def test_answer_type(q: str, atype: str, subtype: str | None, head: str | None) -> None:
    a = analyze_question(q)
    assert (a.answer_type, a.subtype, a.head_noun) == (atype, subtype, head)


def test_reporter_speaker_and_ordinal() -> None:
    a = analyze_question(
        "Who took the first question at the Oct 5, 2021 housing briefing?"
    )
    assert a.asks_reporter and not a.asks_speaker and a.ordinal == 1
    assert analyze_question("Who got the last question?").ordinal == -1
    assert analyze_question("Who asked the second question?").ordinal == 2
    assert analyze_question("When is the last day for filing claims?").ordinal is None
    a = analyze_question("On May 19, 2020, who said she had a 7 a.m. meeting with the governors?")
    assert a.asks_speaker and not a.asks_reporter
    a = analyze_question("Which Labor secretary said the June 2015 session was his farewell?")
    assert a.asks_speaker
    a = analyze_question("Which Marketplace Radio reporter asked Brainard about tariffs?")
    assert a.asks_reporter and not a.asks_speaker


# ---------------------------------------------------------------- names and terms


@pytest.mark.parametrize(
    ("q", "speakers", "orgs"),
    [
        ("Which PBS reporter questioned Yellen in May 2015 on wages?", ["Yellen"], ["PBS"]),
        ("Which month did the auctions resume, per Mnuchin in May 2019?", ["Mnuchin"], []),
        ("How many flu shots had been given statewide per Adams?", ["Adams"], []),
        (
            "What running statewide vote count did Raffensperger give at the November 6, 2020 "
            "briefing?",
            ["Raffensperger"],
            [],
        ),
        (
            "How much extra wildfire aid was Moore requesting from Congress?",
            ["Moore"],
            ["Congress"],
        ),
        ("How many awards did RFK say Team Canada brought back from the Tokyo games?", ["RFK"],
         []),
        (
            "When did Walensky say CDC's ACIP would vote on the new schedule?",
            ["Walensky"],
            ["CDC", "ACIP"],
        ),
        ("What's the formal title of the grant program Vilsack rolled out?", ["Vilsack"], []),
        ("What was the closing date for applications that Granholm announced?", ["Granholm"], []),
        ("What March 2019 payrolls figure did Hassett quote?", ["Hassett"], []),
        (
            "Which Shanghai Daily reporter covered the Oct 14 regional tourism briefing?",
            [],
            ["Shanghai Daily"],
        ),
        ("Which Marketplace Radio reporter asked Brainard about tariffs?", ["Brainard"],
         ["Marketplace Radio"]),
        ("According to the NOAA buoy data, how much warmer was the water?", [], ["NOAA"]),
        ("What did Dr. Fauci say about masks?", ["Fauci"], []),
        ("What did Chair Jerome Powell say about jobs?", ["Jerome Powell"], []),
        ("Which level did Powell expect the Bank of England to choose?", ["Powell"],
         ["Bank of England"]),
        ("Per the Department of Health and Human Services, how many doses?", [],
         ["Department of Health and Human Services"]),
        ("How many people did the Ministry of Finance of Japan count?", [],
         ["Ministry of Finance of Japan"]),
        ("What did the Fed and the Bank of Japan do?", [], ["Fed", "Bank of Japan"]),
    ],
)
def test_names(q: str, speakers: list[str], orgs: list[str]) -> None:
    a = analyze_question(q)
    assert a.speakers == speakers
    assert all(o in a.organisations for o in orgs), a.organisations


def test_of_is_no_organisation_name_without_an_organisation_word() -> None:
    assert analyze_question("What did the Bank say of Japan?").organisations == []
    assert analyze_question("What did the Governor of Texas say?").organisations == []


def test_terms_drop_stop_words_and_conference_date() -> None:
    a = analyze_question(
        "What was the savings rate Yellen described as low at the October 2015 presser?"
    )
    assert a.terms == ["savings", "rate", "yellen", "described", "low"]
    a = analyze_question(
        "When did Walensky say CDC's ACIP would vote on a new shingles dose?"
    )
    assert "acip" in a.terms and "cdc" in a.terms and "when" not in a.terms
    a = analyze_question("How long after the third DNA sample would the lab report?")
    assert "dna" in a.terms


def test_must_terms() -> None:
    a = analyze_question(
        "What share of samples was the XBB.1.5 strain at the January 11, 2023 briefing?"
    )
    assert a.must_terms == ["XBB.1.5"] and "xbb.1.5" in a.terms
    a = analyze_question(
        "In the June 2018 dot plot, where did the median put core inflation for end-2021?"
    )
    assert "2021" in a.must_terms
    # the SEP states this year's and next year's figures as "this year" / "next year"
    a = analyze_question(
        "Where did the median see unemployment at end-2019 in the December 2018 SEP?"
    )
    assert a.must_terms == []
    assert analyze_question("How many COVID-19 deaths were there?").must_terms == []


def test_what_did_x_say_the_figure_was() -> None:
    a = analyze_question(
        "At the June 2016 presser, what did Yellen say the jobless rate was?"
    )
    assert (a.answer_type, a.subtype) == ("number", "percent")
    assert analyze_question("What did Powell say about inflation?").answer_type == "what"


def test_curly_apostrophes() -> None:
    a = analyze_question("What’s the formal name of the Treasury initiative launched Feb 3, 2023?")
    assert (a.answer_type, a.subtype) == ("what", "name")
    assert a.conference is not None and a.conference.start == date(2023, 2, 3)
    assert analyze_question("Who’s the White House COVID coordinator?").answer_type == "who"


@pytest.mark.parametrize(
    ("q", "answer_type", "subtype"),
    [
        ("What central tendency for housing starts did the staff show?", "number", "percent"),
        ("Which 6-month change in import prices did the report show?", "number", "percent"),
        ("What attendance did organisers report for the 2019 county fair?", "number", None),
        ("What did the mayor say the budget for street repairs was?", "number", "money"),
    ],
)
def test_figures_asked_by_their_noun(q: str, answer_type: str, subtype: str | None) -> None:
    a = analyze_question(q)
    assert (a.answer_type, a.subtype) == (answer_type, subtype)
