"""`parse_transcript` over the real corpus, and on small texts for the edge cases."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from bot.errors import IngestError
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.ingest.read import read_text
from bot.ingest.roles import Floor, called_on, introduction
from bot.schema import ParsedDocument, Turn

SEED = "2022-09-27_tianshan_xinjiang_industry_presser.txt"


@cache
def _parse(corpus_dir: Path, rel: str) -> ParsedDocument:
    return parse_transcript(read_text(corpus_dir / rel), rel, rel)


def _english_files(corpus_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(corpus_dir).as_posix()
        for p in corpus_dir.rglob("*")
        if p.suffix in (".txt", ".md") and "mfa_zh_sample" not in p.parts
    )


def _words(doc: ParsedDocument, turn: Turn) -> str:
    return doc.text[turn.start : turn.end]


def _turns_by(doc: ParsedDocument, speaker: str | None) -> list[Turn]:
    return [t for t in doc.turns if t.speaker == speaker]


def _check_invariants(doc: ParsedDocument) -> None:
    previous_end = 0
    for turn in doc.turns:
        words = _words(doc, turn)
        assert words, turn
        assert words == words.strip(), turn
        assert turn.start >= previous_end, turn
        previous_end = turn.end
        if turn.label:
            assert not words.startswith(turn.label + ":"), turn
    assert doc.speakers == list(dict.fromkeys(t.speaker for t in doc.turns if t.speaker))


def test_corpus_has_61_files(corpus_dir: Path) -> None:
    assert len(_english_files(corpus_dir)) == 60


def test_every_english_file_parses(corpus_dir: Path) -> None:
    for rel in _english_files(corpus_dir):
        doc = _parse(corpus_dir, rel)
        name_date = re.match(r"\d{4}-\d{2}-\d{2}", Path(rel).name)
        assert name_date, rel
        assert doc.title, rel
        assert doc.date == name_date.group(), rel
        assert doc.language == "en", rel
        assert doc.speakers, rel
        assert doc.turns, rel
        assert "Press Conference FINAL" not in doc.text, rel
        assert "FINAL" not in doc.text, rel
        assert "\n\n\n" not in doc.text, rel
        assert "  " not in doc.text, rel
        _check_invariants(doc)


def test_no_room_or_time_lines_left(corpus_dir: Path) -> None:
    junk = re.compile(
        r"^(?:\d{1,2}:\d{2} [AP]\.M\. E[SD]T|END.*|Via Teleconference|"
        r"James S\. Brady Press Briefing Room)$",
        re.MULTILINE,
    )
    for rel in _english_files(corpus_dir):
        doc = _parse(corpus_dir, rel)
        assert not junk.search(doc.text), (rel, junk.search(doc.text))


def test_fomc_page_dates_removed_but_words_kept(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "fomc/2015-03-18_fomc_presser.txt")
    assert "March 18, 2015" not in doc.text
    assert "The median projected rate in 2017 remains below the 3¾ percent" in doc.text
    assert "As we noted in our statement, slack in the labor market" in doc.text
    doc = _parse(corpus_dir, "fomc/2011-04-27_fomc_presser.txt")
    assert doc.text.startswith("CHAIRMAN BERNANKE: Good afternoon. Welcome. In my opening remarks")


def test_seed(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, SEED)
    assert doc.title and doc.title.startswith("The production and operation of industrial")
    assert doc.source == "Tianshan.com"
    assert doc.date == "2022-09-27"
    assert doc.source_url is None
    assert "- END -" not in doc.text
    assert "A -share listed banks" not in doc.text
    assert "Author:" not in doc.text
    assert doc.text.rstrip().endswith("steady growth of the industrial economy.")
    zhu = _turns_by(doc, "Zhu Dadong")
    assert any("3002 difficulties" in _words(doc, t) for t in zhu)
    assert all(t.speaker_role == "official" and t.speech == "reported" for t in zhu)
    intro = doc.turns[0]
    assert intro.speaker is None
    assert intro.speech == "reported"
    assert _words(doc, intro).startswith("Tianshan News (Reporter Su Luping reported)")
    assert doc.speakers == ["Zhu Dadong"]


def test_fomc_bernanke(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "fomc/2011-04-27_fomc_presser.txt")
    chair = _turns_by(doc, "Chair Bernanke")
    assert chair
    assert all(t.speaker_role == "official" and t.label == "CHAIRMAN BERNANKE" for t in chair)
    questions = [t for t in doc.turns if t.label == "QUESTION"]
    assert questions
    assert all(t.speaker_role == "reporter" for t in questions)
    assert all(t.speech == "direct" for t in doc.turns)
    assert doc.speakers[0] == "Chair Bernanke"


def test_fomc_questioners_introduce_themselves(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "fomc/2011-04-27_fomc_presser.txt")
    named = {t.speaker for t in doc.turns if t.label == "QUESTION" and t.speaker}
    assert {"John Ydstie", "Jon Hilsenrath", "Scott Lanman", "Robin Harding"} <= named
    assert "Chair Bernanke" not in named


def test_fomc_moderator_and_reporters(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "fomc/2022-09-21_fomc_presser.txt")
    assert {t.speaker_role for t in _turns_by(doc, "Michelle Smith")} == {"moderator"}
    assert {t.speaker_role for t in _turns_by(doc, "Steve Liesman")} == {"reporter"}
    assert {t.speaker_role for t in _turns_by(doc, "Chair Powell")} == {"official"}
    assert doc.title == "Transcript of Chair Powell's Press Conference (FOMC)"
    assert doc.source_url and doc.source_url.endswith("FOMCpresconf20220921.pdf")


def test_fomc_label_typos_merge(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "fomc/2018-03-21_fomc_presser.txt")  # CHAIRIMAN, CHAIMRAN
    assert [s for s in doc.speakers if "Powell" in s] == ["Chair Powell"]
    doc = _parse(corpus_dir, "fomc/2021-06-16_fomc_presser.txt")  # MICHELLE SMTH
    assert "Michelle Smth" not in doc.speakers
    assert {t.speaker_role for t in _turns_by(doc, "Michelle Smith")} == {"moderator"}


def test_labels_glued_into_paragraphs_start_turns(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "fomc/2014-03-19_fomc_presser.txt")
    turn = next(t for t in doc.turns if _words(doc, t).startswith("I simply meant to say"))
    assert (turn.speaker, turn.speaker_role, turn.label) == (
        "Chair Yellen",
        "official",
        "CHAIR YELLEN",
    )
    before = doc.turns[doc.turns.index(turn) - 1]
    assert before.speaker_role == "reporter"
    assert _words(doc, before).endswith("if you were speaking—")


def test_whitehouse_trump(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "whitehouse_covid/2020-03-14_whitehouse_covid_taskforce_briefing.txt")
    assert "12:19 P.M. EDT" not in doc.text
    assert "James S. Brady" not in doc.text
    assert not doc.text.rstrip().endswith("END")
    president = _turns_by(doc, "President Trump")
    assert president and all(t.speaker_role == "official" for t in president)
    assert all(t.label == "THE PRESIDENT" for t in president)
    assert _turns_by(doc, "Vice President Pence")
    assert "The President" not in doc.speakers
    assert all(t.speaker_role == "reporter" for t in doc.turns if t.label == "Q")
    assert doc.source_url and doc.source_url.startswith("https://www.whitehouse.gov/")


def test_bare_q_label(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "whitehouse_covid/2020-04-01_whitehouse_covid_taskforce_briefing.txt")
    turn = next(t for t in doc.turns if _words(doc, t).startswith("Mr. President, a couple of"))
    assert turn.label == "Q"
    assert turn.speaker_role == "reporter"


def test_whitehouse_biden(corpus_dir: Path) -> None:
    rel = "whitehouse_biden/2021-02-08_whitehouse_covid_response_team_briefing.md"
    doc = _parse(corpus_dir, rel)
    assert doc.date == "2021-02-08"
    assert "Via Teleconference" not in doc.text
    assert "11:01 A.M. EST" not in doc.text
    assert all(t.speaker_role == "reporter" for t in doc.turns if t.label == "Q")
    fauci = _turns_by(doc, "Dr. Fauci")
    assert fauci and all(t.speaker_role == "official" for t in fauci)
    assert _turns_by(doc, "Acting Administrator Slavitt")


def test_moderator_names_next_questioner(corpus_dir: Path) -> None:
    rel = "whitehouse_biden/2021-09-24_whitehouse_covid_response_team_briefing.md"
    doc = _parse(corpus_dir, rel)
    assert all(t.speaker_role == "moderator" for t in doc.turns if t.label == "MODERATOR")
    asked = [t.speaker for t in doc.turns if t.label == "Q"]
    assert "Nate Weixel" in asked
    assert "Michael Erman" in asked  # called by the moderator, then "Michael?" by Mr. Zients
    assert "Dan Vergano" in asked


def test_press_secretary_names(corpus_dir: Path) -> None:
    doc = _parse(corpus_dir, "whitehouse_biden/2022-07-26_whitehouse_press_secretary_briefing.md")
    assert "Ms. Jean-Pierre" in doc.speakers
    doc = _parse(corpus_dir, "whitehouse_biden/2021-01-20_whitehouse_press_secretary_briefing.md")
    assert doc.speakers[0] == "Ms. Psaki"
    assert "###" not in doc.text


def test_chinese_sample(corpus_dir: Path) -> None:
    rel = "mfa_zh_sample/undated-2009_mfa_zh_qa_sample.txt"
    doc = _parse(corpus_dir, rel)
    assert doc.language == "zh"
    assert doc.date is None
    asked = [t for t in doc.turns if t.label == "问"]
    answered = [t for t in doc.turns if t.label == "答"]
    assert len(asked) == len(answered) == 22
    assert all(t.speaker_role == "reporter" for t in asked)
    assert all(t.speaker_role == "official" for t in answered)
    assert "[12856]" not in doc.text
    _check_invariants(doc)


# --- small synthetic transcripts -------------------------------------------------------

FOMC_LIKE = """Title: Transcript of Chair Powell's Press Conference (FOMC)
Date: 2022-03-16 (March 16, 2022)
Source: Federal Reserve
Original PDF: https://example.org/FOMCpresconf20220316.pdf
---
CHAIR POWELL: Good afternoon. The rate March 16, 2022 rose.

MICHELLE SMITH: Steve.

STEVE LIESMAN: Steve Liesman, CNBC. Why now?

CHAIRMAN POWELL: Because inflation is Chair Powell’s Press Conference FINAL too high.

The reason that’s important: prices.

MICHELLE SMITH: Okay. Rachel.

RACHEL SIEGEL: Thanks. What about jobs?

CHAIR POWELL: Jobs are fine.
"""


def test_chair_and_chairman_are_one_speaker() -> None:
    doc = parse_transcript(FOMC_LIKE, "fomc/x.txt")
    assert doc.speakers == ["Chair Powell", "Michelle Smith", "Steve Liesman", "Rachel Siegel"]
    labels = {t.label for t in _turns_by(doc, "Chair Powell")}
    assert labels == {"CHAIR POWELL", "CHAIRMAN POWELL"}
    roles = {t.speaker: t.speaker_role for t in doc.turns}
    assert roles == {
        "Chair Powell": "official",
        "Michelle Smith": "moderator",
        "Steve Liesman": "reporter",
        "Rachel Siegel": "reporter",
    }
    assert doc.date == "2022-03-16"
    assert doc.source_url == "https://example.org/FOMCpresconf20220316.pdf"


def test_continuation_paragraph_and_cleaned_text() -> None:
    doc = parse_transcript(FOMC_LIKE, "fomc/x.txt")
    assert "The rate rose." in doc.text
    answer = next(t for t in doc.turns if t.label == "CHAIRMAN POWELL")
    words = _words(doc, answer)
    assert words == "Because inflation is too high.\n\nThe reason that’s important: prices."
    assert "CHAIR POWELL: Good afternoon." in doc.text  # labels stay in the text
    _check_invariants(doc)


def test_text_before_first_label_is_a_turn() -> None:
    raw = "Good morning from the press room.\n\nMS. PSAKI: Hi.\n\nQ: A question?\n"
    doc = parse_transcript(raw, "2021-01-20_x.md")
    first = doc.turns[0]
    assert first.label is None and first.speaker is None
    assert _words(doc, first) == "Good morning from the press room."
    assert [t.speaker for t in doc.turns[1:]] == ["Ms. Psaki", None]
    assert doc.date == "2021-01-20"


def test_front_matter_and_hard_wrapped_markdown() -> None:
    raw = (
        "---\n"
        "date: '2023-01-11'\n"
        "source_url: https://example.org/briefing/\n"
        'title: "Press Briefing by Press Secretary Karine\\_Jean-Pierre, January 11,\\\n'
        '  \\ 2023"\n'
        "---\n"
        " \n"
        "James S. Brady Press Briefing Room\n\n"
        "2:26 P.M. EST  \n"
        "  \n"
        "MS. JEAN-PIERRE:  Hey, hey!  All right, good afternoon, everyone.  Happy\n"
        "Monday.  Okay.  \n"
        "  \n"
        "Q    Monday?  \n"
        "  \n"
        "MS. JEAN-PIERRE:  It is \\[sic\\] Wednesday.  \n"
        "  \n"
        "3:10 P.M. EST\n"
    )
    doc = parse_transcript(raw, "2023-01-11-briefing.md")
    assert doc.title == "Press Briefing by Press Secretary Karine Jean-Pierre, January 11, 2023"
    assert doc.date == "2023-01-11"
    assert doc.source_url == "https://example.org/briefing/"
    assert doc.text == (
        "MS. JEAN-PIERRE: Hey, hey! All right, good afternoon, everyone. Happy Monday. Okay."
        "\n\nQ Monday?\n\nMS. JEAN-PIERRE: It is [sic] Wednesday."
    )
    assert [(t.speaker, t.speaker_role) for t in doc.turns] == [
        ("Ms. Jean-Pierre", "official"),
        (None, "reporter"),
        ("Ms. Jean-Pierre", "official"),
    ]
    _check_invariants(doc)


def test_date_from_title_or_first_lines() -> None:
    raw = "Remarks by President Trump\n\nAuthor:WH Time:soon\n\nTHE PRESIDENT: Hi.\n"
    assert parse_transcript(raw, "upload.txt").date is None
    raw = "James S. Brady Press Briefing Room\n\nApril 5, 2020\n6:59 P.M. EDT\n\nQ: Hi?\n"
    doc = parse_transcript(raw, "upload.txt")
    assert doc.date == "2020-04-05"
    assert doc.text == "Q: Hi?"
    raw = "---\ntitle: Press Briefing, January 20, 2021\n---\nMS. PSAKI: Hi.\n"
    assert parse_transcript(raw, "upload.md").date == "2021-01-20"


def test_publication_date_line_is_dropped_and_still_the_date() -> None:
    from bot.ingest.parse import parse_with_notes
    from bot.ingest.passages import split_passages

    raw = ("Pier works update\nUpdated: 2019-03-05 14:00\n\nMAYOR EK: The pier is finished. "
           "Work started on 4 February 2019.\n\nQ: And the rate [inaudible] for berths?\n\n"
           "MAYOR EK: It stays [Laughter], as promised.\n")
    parsed = parse_with_notes(raw, "pier.txt")
    doc = parsed.doc
    assert doc.date == "2019-03-05" and parsed.notes.date_from == "text"
    assert doc.title == "Pier works update"
    assert "Updated: 2019-03-05 14:00" in parsed.notes.dropped
    assert "2019-03-05" not in doc.text and "14:00" not in doc.text
    assert "Work started on 4 February 2019." in doc.text  # a sentence with a date stays
    assert [_words(doc, t) for t in doc.turns] == [
        "Pier works update", "The pier is finished. Work started on 4 February 2019.",
        "And the rate for berths?", "It stays, as promised."]
    for passage in split_passages(doc, max_chars=40):
        assert doc.text[passage.start : passage.end] == passage.text
    _check_invariants(doc)


def test_president_without_name_in_title() -> None:
    raw = "Title: Press Briefing\nDate: 2021-05-01\n---\nTHE PRESIDENT: Hello.\n"
    doc = parse_transcript(raw, "x.txt")
    assert doc.speakers == ["The President"]


def _questions(raw: str) -> tuple[ParsedDocument, list[Turn]]:
    """The parsed briefing and its `Q:` turns."""
    doc = parse_transcript(raw, "2021-02-08_x.md")
    return doc, [t for t in doc.turns if t.label == "Q"]


def test_moderator_line_names_reporter() -> None:
    raw = (
        "MR. ZIENTS: Let's take questions.\n\n"
        "MODERATOR: Our next question comes from Kaitlan Collins with CNN.\n\n"
        "Q: Thanks. Is it safe?\n\n"
        "DR. FAUCI: Yes, it is safe, and the data from the trials that we have seen so far "
        "say so.\n\n"
        "Q: And a follow-up?\n\n"
        "MODERATOR: Next, we'll go to Dan Reyes at the Evening Post.\n\n"
        "Q: How many doses are left?\n\n"
        "DR. FAUCI: Ten million.\n\n"
        "MODERATOR: Thank you. That is all the time we have.\n\n"
        "Q: One more?\n"
    )
    doc, questions = _questions(raw)
    # the moderator hands out the floor: the reporter called on keeps it until they speak
    assert [q.speaker for q in questions] == [
        "Kaitlan Collins", "Kaitlan Collins", "Dan Reyes", None]
    assert [q.outlet for q in questions] == ["CNN", "CNN", "Evening Post", None]
    assert doc.speakers == ["Mr. Zients", "Kaitlan Collins", "Dr. Fauci", "Dan Reyes"]


def test_one_moderator_line_does_not_hold_the_floor_through_answers() -> None:
    raw = (
        "MODERATOR: Our first question comes from Kaitlan Collins with CNN.\n\n"
        "Q: Is it safe?\n\n"
        "DR. FAUCI: Yes, it is safe, and the data from the trials that we have seen so far "
        "say so.\n\n"
        "Q: And when will the next doses arrive?\n"
    )
    # a moderator who calls on one reporter does not hand out the floor: a long answer ends it
    assert [q.speaker for q in _questions(raw)[1]] == ["Kaitlan Collins", None]


def test_official_calls_on_reporter_who_keeps_the_floor_through_short_replies() -> None:
    raw = (
        "MS. SMITH: Good afternoon. We have a lot to get through today, and I will be brief "
        "so that we have time for your questions. For the first question, we'll go to "
        "Anna Lopez from the Daily Ledger.\n\n"
        "Q: Hi, can you hear me?\n\n"
        "MS. SMITH: Yes.\n\n"
        "Q: Great. How many permits were issued this year?\n\n"
        "MS. SMITH: About four hundred permits were issued this year, more than in any year "
        "since the program began, and we expect more.\n\n"
        "Q: And the year before?\n"
    )
    questions = _questions(raw)[1]
    # no moderator: the floor survives "Yes." but not an answer
    assert [q.speaker for q in questions] == ["Anna Lopez", "Anna Lopez", None]
    assert questions[1].outlet == "Daily Ledger"


def test_an_official_who_hands_the_floor_on_ends_it() -> None:
    raw = (
        "MS. SMITH: For the first question, we'll go to Anna Lopez from the Daily Ledger.\n\n"
        "Q: Is the bridge open?\n\n"
        "MS. SMITH: No. Next question.\n\n"
        "Q: When will it open?\n"
    )
    assert [q.speaker for q in _questions(raw)[1]] == ["Anna Lopez", None]


def test_names_an_official_talks_about_are_not_call_ons() -> None:
    raw = (
        "MS. SMITH: We are working with the State Department on this, and I am not going to "
        "get ahead of Secretary Jones.\n\n"
        "Q: Is there a date?\n"
    )
    assert [t.speaker for t in _questions(raw)[1]] == [None]


def test_passages_carry_the_askers_outlet() -> None:
    raw = (
        "MODERATOR: Next, we'll go to Anna Lopez at the Daily Ledger.\n\n"
        "Q: How many permits were issued?\n\n"
        "MS. SMITH: About four hundred.\n"
    )
    doc = parse_transcript(raw, "2021-02-08_x.md")
    answer = split_passages(doc)[-1]
    assert (answer.asker, answer.outlet) == ("Anna Lopez", "Daily Ledger")
    assert answer.question == "How many permits were issued?"


def test_not_labels() -> None:
    raw = "DR. FAUCI: The reason that’s important: the virus.\n\nThe reason is: time.\n"
    doc = parse_transcript(raw, "x.txt")
    assert len(doc.turns) == 1
    assert doc.turns[0].speaker == "Dr. Fauci"


def test_reported_write_up() -> None:
    raw = (
        "Ministry briefs press on harvest\n\nAuthor:Example News Time:2021.10.05\n\n"
        "(Reporter Li Ming) On October 5, Wang Fang, spokesperson of the Agriculture Bureau, "
        "said the harvest was good.\n\n"
        "The output rose 5 percent.\n\n- END -\n\nUnrelated teaser.\n"
    )
    doc = parse_transcript(raw, "news.txt")
    assert doc.source == "Example News"
    assert doc.date == "2021-10-05"
    assert doc.text.endswith("The output rose 5 percent.")
    wang = _turns_by(doc, "Wang Fang")
    assert [(_words(doc, t), t.speaker_role, t.speech) for t in wang] == [
        ("The output rose 5 percent.", "official", "reported")
    ]


def test_no_text_left_raises() -> None:
    with pytest.raises(IngestError) as info:
        parse_transcript("Title: Empty\nDate: 2020-01-01\n---\n\n12:00 P.M. EDT\n\nEND\n", "e.txt")
    assert info.value.reason == "no transcript text found"
    assert info.value.path == "e.txt"


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("MS. JEAN-PIERRE", "Ms. Jean-Pierre"),
        ("AMBASSADOR O’BRIEN", "Ambassador O’Brien"),
        ("LEADER MCCARTHY", "Leader McCarthy"),
        ("MR.PESICKA", "Mr. Pesicka"),
        ("ADMIRAR GIROIR", "Admiral Giroir"),
        ("SECRETARY FUDGE", "Secretary Fudge"),
        ("CHAIRMAN BERNANKE", "Chair Bernanke"),
        ("VICE CHAIR BRAINARD", "Vice Chair Brainard"),
    ],
)
def test_label_normalisation(label: str, speaker: str) -> None:
    doc = parse_transcript(f"{label}: Hello there.\n\nQ: Hi?\n", "x.txt")
    assert doc.turns[0].speaker == speaker
    assert doc.turns[0].speaker_role == "official"
    assert doc.turns[0].label == label


@pytest.mark.parametrize(("said", "name", "outlet"), [
    ("Thank you. Jim Puzzanghera with the L.A. Times. You said", "Jim Puzzanghera",
     "L.A. Times"),
    ("Steve Liesman, CNBC. Every day, it seems", "Steve Liesman", "CNBC"),
    ("Hi, Chair Powell. It’s Neil Irwin at Axios. Thanks for taking our questions.",
     "Neil Irwin", "Axios"),
    ("Thank you, Stéphane. Edith Ruiz, Daily Ledger. Has the minister spoken to him?",
     "Edith Ruiz", "Daily Ledger"),
    ("Stéphane, Omar Haddad, Evening Post of Lagos. How much was raised?", "Omar Haddad",
     "Evening Post of Lagos"),
])
def test_self_introduction_gives_name_and_outlet(said: str, name: str, outlet: str) -> None:
    assert introduction(said) == Floor(name, outlet)


@pytest.mark.parametrize(("said", "name", "outlet"), [
    ("Next, we will go to Josh Boak from the Daily Ledger. You can unmute. Josh?", "Josh Boak",
     "Daily Ledger"),
    ("Thanks. We’ll now turn it over to Emily Peck.", "Emily Peck", None),
    ("And for the first question, we’ll go Coral Davenport.", "Coral Davenport", None),
])
def test_call_on_lines(said: str, name: str, outlet: str | None) -> None:
    assert called_on(said, cue=True) == Floor(name, outlet)


@pytest.mark.parametrize("said", [
    "We are not going to do that with Kevin McCarthy.",
    "That is a better question for the State Department.",
    "I literally went door to door, knocking in what is now Lucy McBath’s district.",
])
def test_names_talked_about_are_not_call_ons(said: str) -> None:
    assert called_on(said, cue=True) is None
