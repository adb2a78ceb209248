""""Copy as quote" lines: direct speech quoted, reported speech never, reporters as reporters."""

from __future__ import annotations

from bot.answer.attribution import ap_date, organisation, quote_line, speaker_description
from bot.schema import Citation


def _citation(**fields) -> Citation:
    base = dict(n=1, doc_id="d.txt", path="d.txt", passage_id="d.txt#0", start=0, end=10,
                score=1.0, url="/?doc=d.txt#passage-0", quote="x")
    return Citation(**{**base, **fields})


def test_ap_dates() -> None:
    assert ap_date("2022-09-21") == "Sept. 21, 2022"
    assert ap_date("2020-03-05") == "March 5, 2020"
    assert ap_date("2019-08-01") == "Aug. 1, 2019"
    assert ap_date(None) is None and ap_date("someday") is None


def test_direct_speech_is_quoted_and_said() -> None:
    c = _citation(quote="Today the FOMC raised its policy interest rate by ¾ percentage point. "
                        "We anticipate more.", speaker="Chair Powell", speaker_role="official",
                  date="2022-09-21", speech="direct",
                  source="Board of Governors of the Federal Reserve System, FOMC transcript")
    assert quote_line(c, "¾ percentage point") == (
        "“Today the FOMC raised its policy interest rate by ¾ percentage point,” Chair Powell "
        "said at a press conference on Sept. 21, 2022.")


def test_reported_speech_is_not_put_in_quotation_marks() -> None:
    c = _citation(quote="As of September 25, the region’s system has helped enterprises to solve "
                        "3002 difficulties.", speaker="Zhu Dadong", speaker_role="official",
                  date="2022-09-27", speech="reported", source="Tianshan News (ts.cn)")
    line = quote_line(c, "3002 difficulties", "deputy director of the Industry Department")
    assert line == (
        "Zhu Dadong, deputy director of the Industry Department, told a press conference on "
        "Sept. 27, 2022 that as of September 25, the region’s system has helped enterprises to "
        "solve 3002 difficulties, according to Tianshan News.")
    assert "“" not in line and "”" not in line


def test_a_figure_only_a_reporter_states_is_the_reporters() -> None:
    c = _citation(quote="Is it true that 40 percent of claims were denied?", speaker="Jon Doe",
                  speaker_role="reporter", date="2020-04-02", speech="direct")
    assert quote_line(c, "40 percent") == (
        "“Is it true that 40 percent of claims were denied?” a reporter, Jon Doe, asked at a "
        "press conference on April 2, 2020.")


def test_the_sentence_with_the_answer_is_chosen() -> None:
    c = _citation(quote="We met twice. Cases fell 12 percent in May. That is good.",
                  speaker="Dr. Birx", speaker_role="official", date="2020-06-01")
    assert quote_line(c, "12 percent").startswith("“Cases fell 12 percent in May,” Dr. Birx said")


def test_chinese_transcripts_get_a_chinese_line() -> None:
    c = _citation(quote="中方对此表示欢迎。", speaker_role="official", date=None)
    assert quote_line(c, None, language="zh") == "发言人在记者会上说：“中方对此表示欢迎。”"


def test_titles_only_as_far_as_the_transcript_gives_them() -> None:
    text = ("At the meeting, Zhu Dadong, deputy director of the Industry Department, answered "
            "questions. Chair Powell, how do you see it?")
    assert speaker_description(text, "Zhu Dadong") == "deputy director of the Industry Department"
    assert speaker_description(text, "Chair Powell") is None
    assert speaker_description(text, "Li Wei") is None


def test_organisation_is_the_publisher_named_first() -> None:
    assert organisation("The White House (whitehouse.gov briefing statements)") == "The White House"
    assert organisation("Board of Governors of the Federal Reserve System, FOMC transcript") == (
        "Board of Governors of the Federal Reserve System")
    assert organisation(None) is None
