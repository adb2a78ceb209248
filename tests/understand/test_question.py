"""Question analysis: answer type, conference date vs content dates, names, terms."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understand.question import DateSpan, analyze_question, asked_topic


def conf(q: str) -> DateSpan | None:
    return analyze_question(q).conference


# ---------------------------------------------------------------- conference dates


@pytest.mark.parametrize(
    ("q", "start", "end", "strict"),
    [
        (
            "What was the jobless rate Bernanke called elevated at the April 2011 presser?",
            date(2011, 4, 1),
            date(2011, 4, 30),
            True,
        ),
        (
            "Which existing Fed program were the new MBS purchases paired with in September 2012?",
            date(2012, 9, 1),
            date(2012, 9, 30),
            False,
        ),
        (
            "Per Bernanke in June 2013, which meeting's minutes first laid out the principles?",
            date(2013, 6, 1),
            date(2013, 6, 30),
            False,
        ),
        (
            "In the June 2021 dots, what year did the median show rates lifting off zero?",
            date(2021, 6, 1),
            date(2021, 6, 30),
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
            "In the Israeli booster study Fauci walked through in late Sept 2021, by what factor "
            "was severe illness lower?",
            date(2021, 9, 15),
            date(2021, 9, 30),
            False,
        ),
        (
            "Which Navy destroyer answered the Red Sea distress calls and downed the drones "
            "(Dec 2023)?",
            date(2023, 12, 1),
            date(2023, 12, 31),
            False,
        ),
        (
            "On March 26, 2020, how many states did Birx say still had under 200 cases?",
            date(2020, 3, 26),
            date(2020, 3, 26),
            True,
        ),
        (
            "Under the booster plan rolled out Aug 18, 2021, how long after the second mRNA dose "
            "would people qualify?",
            date(2021, 8, 18),
            date(2021, 8, 18),
            True,
        ),
        (
            "Per the CDC data tracker numbers shown Oct 20, 2021, how much greater was the risk?",
            date(2021, 10, 20),
            date(2021, 10, 20),
            True,
        ),
        (
            "How many stranded Americans had State repatriated by April 8, 2020?",
            date(2020, 4, 8),
            date(2020, 4, 8),
            True,
        ),
        (
            "What did the Fed do on rates at its March 22, 2023 meeting, right after "
            "Silicon Valley Bank failed?",
            date(2023, 3, 22),
            date(2023, 3, 22),
            True,
        ),
        (
            "How big was the Fed's emergency rate cut on March 3, 2020?",
            date(2020, 3, 3),
            date(2020, 3, 3),
            True,
        ),
        (
            "What target range did the Fed lift rates to at its December 2015 liftoff?",
            date(2015, 12, 1),
            date(2015, 12, 31),
            True,
        ),
        (
            "What was the median fed funds projection for end-2022 in the March 2022 SEP?",
            date(2022, 3, 1),
            date(2022, 3, 31),
            True,
        ),
        (
            "In the March 2018 dot plot, what was the median fed funds rate for end-2018?",
            date(2018, 3, 1),
            date(2018, 3, 31),
            True,
        ),
        (
            "What was the fed funds target range after the December 2018 hike?",
            date(2018, 12, 1),
            date(2018, 12, 31),
            False,
        ),
        ("What did Powell say in early Jan. 2022?", date(2022, 1, 1), date(2022, 1, 15), False),
        ("What did the Fed do in mid-March 2020?", date(2020, 3, 8), date(2020, 3, 23), False),
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
    c = conf("Which Tianshan News reporter wrote up the Sept 27 Xinjiang industry briefing?")
    assert c is not None and c.month_day == (9, 27) and c.strict
    assert (c.start, c.end) == (date.min, date.max)
    assert c.contains("2022-09-27") and c.contains(date(2019, 9, 27))
    assert not c.contains("2022-09-26")


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
            "What monthly pace of bond buying did the Fed taper to starting January 2014?",
            "January 2014",
        ),
        (
            "What was Xinjiang's industrial value-added growth for Jan-Aug 2022, year on year?",
            "Jan-Aug 2022",
        ),
        ("What was inflation for April 2021?", "April 2021"),
        ("How many doses were given since January 20, 2021?", "January 20, 2021"),
        ("How many people were vaccinated through March 2021?", "March 2021"),
        ("What was the unemployment rate before February 2020?", "February 2020"),
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
        "What June 2022 CPI inflation number did Deese cite at the July 26, 2022 briefing?"
    )
    assert a.conference is not None and a.conference.strict
    assert a.conference.start == a.conference.end == date(2022, 7, 26)
    assert "June 2022" in a.content_dates
    assert "june" in a.terms and "2022" in a.terms
    a = analyze_question(
        "In the June 2022 SEP, what was the median fed funds rate for the end of 2022?"
    )
    assert a.conference is not None and a.conference.start == date(2022, 6, 1)
    assert a.content_dates == ["end of 2022"]
    a = analyze_question(
        "What was the core PCE inflation forecast for 2023 in the December 2020 SEP?"
    )
    assert a.conference is not None and a.conference.start == date(2020, 12, 1)
    assert a.content_dates == ["2023"] and a.year_hint is None


def test_year_hint() -> None:
    a = analyze_question("What was the unemployment rate in 2022?")
    assert a.conference is None and a.year_hint == 2022
    a = analyze_question(
        "Which CNN Business reporter asked Powell about housing in Sept 2022, "
        "noting mortgage rates at a high since 2008?"
    )
    assert a.year_hint is None and "2008" in a.content_dates
    assert analyze_question("What was the median fed funds rate for end-2022?").year_hint is None
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
            "As of the March 24, 2020 briefing, how many coronavirus tests had been done?",
            "number",
            "count",
            "tests",
        ),
        (
            "How many stranded Americans had State repatriated by April 8, 2020?",
            "number",
            "count",
            "americans",
        ),
        (
            "How much national special funding for SME development did the region line up?",
            "number",
            "money",
            "funding",
        ),
        ("How much did the administration spend on testing?", "number", "money", None),
        ("What was the jobless rate Bernanke called elevated?", "number", "percent", "rate"),
        ("What share of sequenced samples was still Delta?", "number", "percent", "share"),
        ("What percentage of adults are vaccinated?", "number", "percent", "percentage"),
        ("What target range did the Fed lift rates to?", "number", "range", "range"),
        (
            "What was the median fed funds projection for end-2022?",
            "number",
            "percent",
            "projection",
        ),
        (
            "By what factor was severe illness lower in the boosted group?",
            "number",
            "multiplier",
            None,
        ),
        ("How much greater was the unvaccinated's risk of dying?", "number", "multiplier", None),
        ("How long after the second mRNA dose would people qualify?", "number", "duration", None),
        ("What monthly pace of bond buying did the Fed taper to?", "number", "rate", "pace"),
        ("What cumulative US test count did Giroir give?", "number", "count", "test"),
        ("When did Fauci say FDA's VRBPAC would meet?", "date", None, None),
        ("What date was Trump floating for getting the country reopened?", "date", None, None),
        ("Which month did the Fed's balance sheet runoff start?", "date", None, None),
        ("What year did the median show rates lifting off zero?", "date", None, None),
        ("Which meeting's minutes first laid out the exit principles?", "date", None, None),
        ("Until when will the moratorium last?", "date", None, None),
        ("What was the last day to sign up on HealthCare.gov?", "date", None, None),
        ("Who got the first question at the briefing?", "who", "reporter", None),
        ("Which NPR reporter pressed Bernanke on QE?", "who", "reporter", None),
        ("Which Fed chair said it was her first press conference?", "who", "speaker", None),
        ("Who said they had an 8 p.m. call with the 120 labs?", "who", "speaker", None),
        (
            "Who gave the update on moving sailors off the USS Theodore Roosevelt?",
            "who",
            "speaker",
            None,
        ),
        ("Which official is in charge of testing?", "who", "person", None),
        ("Which agency authorized the booster?", "who", "org", None),
        ("What's the name of the new income-driven repayment plan?", "what", "name", None),
        ("Which Navy destroyer answered the Red Sea distress calls?", "what", "name", "destroyer"),
        ("What framework document got an addendum?", "what", None, "document"),
        ("What quarterly release did the Fed bring back?", "what", None, "release"),
    ],
)
def test_answer_type(q: str, atype: str, subtype: str | None, head: str | None) -> None:
    a = analyze_question(q)
    assert (a.answer_type, a.subtype, a.head_noun) == (atype, subtype, head)


def test_reporter_speaker_and_ordinal() -> None:
    a = analyze_question(
        "Who got the first question at the Feb 8, 2021 COVID response team briefing?"
    )
    assert a.asks_reporter and not a.asks_speaker and a.ordinal == 1
    assert analyze_question("Who got the last question?").ordinal == -1
    assert analyze_question("Who asked the second question?").ordinal == 2
    assert analyze_question("What was the last day to sign up?").ordinal is None
    a = analyze_question("On April 8, 2020, who said they had an 8 p.m. call with the labs?")
    assert a.asks_speaker and not a.asks_reporter
    a = analyze_question("Which Fed chair said the March 2014 briefing was her first?")
    assert a.asks_speaker
    a = analyze_question("Which CNN Business reporter asked Powell about housing?")
    assert a.asks_reporter and not a.asks_speaker


# ---------------------------------------------------------------- names and terms


@pytest.mark.parametrize(
    ("q", "speakers", "orgs"),
    [
        ("Which NPR reporter pressed Bernanke in April 2011 on QE?", ["Bernanke"], ["NPR"]),
        ("Which month did the runoff start, per Powell in March 2018?", ["Powell"], []),
        ("How many coronavirus tests had been done nationally per Birx?", ["Birx"], []),
        (
            "What cumulative US test count did Giroir give at the March 30, 2020 briefing?",
            ["Giroir"],
            [],
        ),
        (
            "How much immediate emergency COVID money was Zients asking Congress for?",
            ["Zients"],
            ["Congress"],
        ),
        ("How many medals did KJP say Team USA brought home from the Paris Olympics?", ["KJP"], []),
        (
            "When did Fauci say FDA's VRBPAC would meet on future variants?",
            ["Fauci"],
            ["FDA", "VRBPAC"],
        ),
        ("What's the name of the repayment plan Cardona rolled out?", ["Cardona"], []),
        ("What was the last day to sign up on HealthCare.gov that Psaki flagged?", ["Psaki"], []),
        ("What June 2022 CPI inflation number did Deese cite?", ["Deese"], []),
        (
            "Which Tianshan News reporter wrote up the Sept 27 Xinjiang industry briefing?",
            [],
            ["Tianshan News"],
        ),
        ("Which CNN Business reporter asked Powell about housing?", ["Powell"], ["CNN Business"]),
        ("Per the CDC data tracker, how much greater was the risk?", [], ["CDC"]),
        ("What did Dr. Fauci say about masks?", ["Fauci"], []),
        ("What did Chair Jerome Powell say about jobs?", ["Jerome Powell"], []),
        ("What rate did Powell say the Bank of England would set?", ["Powell"],
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
        "What was the jobless rate Bernanke called elevated at the April 2011 presser?"
    )
    assert a.terms == ["jobless", "rate", "bernanke", "called", "elevated"]
    a = analyze_question(
        "When did Fauci say FDA's VRBPAC would meet on future variants and a fourth shot?"
    )
    assert "vrbpac" in a.terms and "fda" in a.terms and "when" not in a.terms
    a = analyze_question("How long after the second mRNA dose would people qualify?")
    assert "mrna" in a.terms


def test_must_terms() -> None:
    a = analyze_question(
        "What share of cases was the BA.2.12.1 subvariant at the March 23, 2022 briefing?"
    )
    assert a.must_terms == ["BA.2.12.1"] and "ba.2.12.1" in a.terms
    a = analyze_question(
        "In the September 2022 dot plot, what was the median fed funds projection for end-2024?"
    )
    assert "2024" in a.must_terms
    # the SEP states this year's and next year's figures as "this year" / "next year"
    a = analyze_question(
        "What was the median fed funds projection for end-2022 in the March 2022 SEP?"
    )
    assert a.must_terms == []
    assert analyze_question("How many COVID-19 deaths were there?").must_terms == []


def test_what_did_x_say_the_figure_was() -> None:
    a = analyze_question(
        "At the December 2017 presser, what did Yellen say the longer-run unemployment rate was?"
    )
    assert (a.answer_type, a.subtype) == ("number", "percent")
    assert analyze_question("What did Powell say about inflation?").answer_type == "what"


def test_curly_apostrophes() -> None:
    a = analyze_question("What’s the name of the Biden-Harris crackdown launched Aug 12, 2024?")
    assert (a.answer_type, a.subtype) == ("what", "name")
    assert a.conference is not None and a.conference.start == date(2024, 8, 12)
    assert analyze_question("Who’s the White House COVID coordinator?").answer_type == "who"


@pytest.mark.parametrize(
    ("q", "answer_type", "subtype"),
    [
        ("What central tendency did Bernanke give for the longer-run unemployment rate?",
         "number", "percent"),
        ("What was the 12-month change in the consumer price index in June?", "number",
         "percent"),
        ("What was the attendance at the 2022 White House Easter Egg Roll?", "number", None),
        ("What did she say the price of a Super Bowl ticket was?", "number", "money"),
    ],
)
def test_figures_asked_by_their_noun(q: str, answer_type: str, subtype: str | None) -> None:
    a = analyze_question(q)
    assert (a.answer_type, a.subtype) == (answer_type, subtype)


# ---------------------------------------------------------------- asked topic
def test_the_topic_a_reporter_asked_about_stops_at_dates_and_clauses() -> None:
    assert asked_topic("Which reporter from Bloomberg asked Yellen about bitcoin in "
                       "December 2014?") == ["bitcoin"]
    assert asked_topic("Which CNN Business reporter asked Powell about housing in Sept 2022, "
                       "noting mortgage rates at a high?") == ["housing"]
    assert asked_topic("Which Fox Business reporter followed up on bitcoin and financial "
                       "stability with Yellen?") == ["bitcoin"]
    assert asked_topic("Which reporter asked Kirby about banning TikTok at the March 21, 2023 "
                       "briefing?") == ["banning", "tiktok"]


def test_no_topic_without_an_asking_verb_and_a_preposition() -> None:
    assert asked_topic("Which Nikkei reporter asked Bernanke in June 2013 whether Japan's "
                       "market turmoil came from Fed uncertainty?") == []
    assert asked_topic("Who got the first question at the March 3, 2020 press conference?") == []
