"""Whether evidence is about what the question names (organisation, asked topic, year), over
a real keyword index of a few passages."""

from __future__ import annotations

from bot.answer.mentions import Mentions, holds_topic, holds_year, names_organisations
from bot.index.keyword import KeywordIndex
from bot.schema import Passage
from bot.stages import Hit
from bot.understand.question import analyze_question, asked_topic

FED = "Board of Governors of the Federal Reserve System"
TEXTS = {
    "fed-2018.pdf": [
        ("official", "Today the Committee raised the target range for the federal funds rate "
                     "to 2 to 2¼ percent."),
        ("reporter", "Marty Crutsinger, Associated Press. Researchers at the Bank of Canada put "
                     "out a paper on the impact of a trade war."),
        ("official", "The FOMC will keep watching the data, and the FOMC statement says so."),
        ("reporter", "Jeff Kearns from Bloomberg News. What about the balance sheet?"),
        ("official", "Inflation is near 2 percent and unemployment is low."),
    ],
    "fed-2014.pdf": [
        ("official", "The FOMC judged that it can be patient in normalizing policy."),
        ("reporter", "Pedro da Costa, Dow Jones. The New York Fed has been in the news."),
    ],
    "fed-2017.pdf": [
        ("reporter", "Dana Ortiz, Channel Nine. Lumber prices have soared; is lumber a risk "
                     "to home building?"),
        ("official", "The FOMC sees the timberland market as a small part of the system."),
    ],
}


def _passages() -> list[Passage]:
    out = []
    for doc_id, rows in TEXTS.items():
        start = 0
        for n, (role, text) in enumerate(rows):
            out.append(Passage(id=f"{doc_id}#{n}", doc_id=doc_id, n=n, text=text, start=start,
                               end=start + len(text), turn=n, speaker_role=role,
                               date=f"{doc_id[4:8]}-09-26", title="Transcript of the Chair's "
                               "Press Conference", source=FED))
            start += len(text) + 1
    return out


PASSAGES = _passages()
MENTIONS = Mentions(KeywordIndex.build(PASSAGES))
PEERS = tuple(TEXTS)


def _hit(doc_id: str, n: int) -> Hit:
    p = next(p for p in PASSAGES if p.doc_id == doc_id and p.n == n)
    return Hit(p, 1.0, peers=PEERS)


def test_another_organisations_figure_is_not_the_home_institutions() -> None:
    a = analyze_question("What deposit rate did Powell expect the Bank of Canada to hold in "
                         "September 2018?")
    assert a.organisations == ["Bank of Canada"]
    assert not names_organisations(a, _hit("fed-2018.pdf", 0), MENTIONS)
    assert names_organisations(a, _hit("fed-2018.pdf", 1), MENTIONS)  # the passage names it


def test_the_home_institution_need_not_be_repeated() -> None:
    for question in ("Where did the Fed set the target range in September 2018?",
                     "Where did the FOMC set the target range in September 2018?"):
        a = analyze_question(question)
        assert a.organisations, question
        # the Fed is in the source; the FOMC is named across its source's transcripts
        assert names_organisations(a, _hit("fed-2018.pdf", 0), MENTIONS), question
        assert names_organisations(a, _hit("fed-2018.pdf", 4), MENTIONS), question


def test_an_organisation_the_transcript_never_names() -> None:
    # a foreign organisation: refused; one that describes the answer may go unsaid
    a = analyze_question("What did Powell say the SNB would do in September 2018?")
    assert not names_organisations(a, _hit("fed-2018.pdf", 0), MENTIONS)
    b = analyze_question("Which Army battalion did Powell mention in September 2018?")
    assert b.organisations == ["Army"]
    assert names_organisations(b, _hit("fed-2018.pdf", 0), MENTIONS)


def test_a_reporter_asked_about_a_topic_the_transcript_never_mentions() -> None:
    topic = asked_topic("Which Channel Nine correspondent questioned Yellen about lumber at "
                        "the December 2014 presser?")
    assert topic == ["lumber"]
    assert not holds_topic(topic, _hit("fed-2014.pdf", 1), MENTIONS)
    assert holds_topic(topic, _hit("fed-2017.pdf", 0), MENTIONS)
    # a word the topic begins ("timber" → "timberland") counts
    assert holds_topic(["timber"], _hit("fed-2017.pdf", 1), MENTIONS)
    assert holds_topic([], _hit("fed-2014.pdf", 1), MENTIONS)


def test_a_bare_year_needs_evidence_of_that_year() -> None:
    a = analyze_question("How many visitors came to the 2019 state fair?")
    assert a.year_hint == 2019

    def hit(date: str, text: str) -> Hit:
        return Hit(Passage(id="x#0", doc_id="x", n=0, text=text, start=0, end=len(text), turn=0,
                           date=date), 1.0)

    assert not holds_year(a, hit("2020-08-20", "More than 40,000 people visited the state fair."))
    assert holds_year(a, hit("2019-08-21", "More than 40,000 people visited the state fair."))
    assert holds_year(a, hit("2020-08-20", "In 2019, 40,000 people visited the fair."))
    assert holds_year(a, hit("2020-01-10", "Last year, 40,000 people visited the fair."))
    assert holds_year(analyze_question("How many visitors came to the state fair?"),
                      hit("2020-08-20", "More than 40,000 people visited the state fair."))
