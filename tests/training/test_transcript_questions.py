"""In-domain questions made from a transcript: answers at their offsets, as the reader sees
the passage; who-said questions answered by the speaker's label; no question from a
reporter's turn; the measuring sets' files kept out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.transcript_questions import (
    QuestionMaker,
    cited_documents,
    transcript_files,
)

TRANSCRIPT = """\
---
title: Briefing on the harbour programme
date: '2031-04-02'
---

MS. OKAFOR:  Good afternoon, everyone.  The harbour programme has now repaired 412 berths \
along the northern quay since the work began in March.  The ministry set aside $38 million \
for the second phase, and the dredging contract was signed on March 14, 2031.  About 60 \
percent of the fishing fleet is back at sea this week.

Q  How many ferries are still out of service after the storm damage last winter?

MS. OKAFOR:  Nine ferries remain in the dry dock at Port Halden, and the inspectors expect \
to clear the last of them before the summer timetable begins on June 1.  We will publish the \
inspection reports as soon as each vessel is certified by the maritime authority.

Q  And what about the workers who lost their jobs?

MS. OKAFOR:  Around 1,200 dock workers have enrolled in the retraining scheme so far, and the \
scheme will stay open until the end of September for anyone who wants to join it.
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("transcripts")
    for i in range(3):
        (root / f"2031-04-0{i + 2}-harbour-briefing.md").write_text(TRANSCRIPT, "utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not a transcript")
    return root


@pytest.fixture(scope="module")
def examples(folder: Path) -> list:
    return QuestionMaker(seed=3).from_files(transcript_files(folder), 40, who_share=0.3)


def test_answers_are_where_they_say_in_the_text_the_reader_sees(examples: list) -> None:
    assert examples
    for ex in examples:
        assert ex.context.startswith("Ms. Okafor, 2031-04-02: ")
        assert ex.question.endswith("?") and ex.question[0].isupper()
        (start, text), = ex.answers
        assert ex.context[start:start + len(text)] == text
        assert ex.source == "transcripts" and ex.group.startswith("transcripts:")
        assert ex.context not in ex.neighbours and ex.neighbours


def test_figure_questions_ask_for_the_figure_in_its_place(examples: list) -> None:
    figures = {ex.answers[0][1]: ex.question for ex in examples
               if not ex.question.startswith("Who said")}
    assert figures
    for answer, question in figures.items():
        assert answer not in question
        assert any(wh in question.lower() for wh in ("how many", "how much", "what percent",
                                                       "when", "who"))


def test_who_said_is_answered_by_the_speaker_label(examples: list) -> None:
    said = [ex for ex in examples if ex.question.startswith("Who said that ")]
    assert said
    for ex in said:
        assert ex.answers == [(0, "Ms. Okafor")]
        clause = ex.question.removeprefix("Who said that ").rstrip("?")
        assert clause.lower()[:20] in ex.context.lower()


def test_no_question_is_made_from_a_reporters_turn(examples: list) -> None:
    for ex in examples:
        assert "ferries are still out of service" not in ex.question
        assert "lost their jobs" not in ex.question


def test_files_a_measuring_set_cites_are_left_out(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "set.jsonl").write_text(json.dumps(
        {"question": "q", "doc": "sub/2031-04-02-harbour-briefing.md"}) + "\n")
    cited = cited_documents(tmp_path, tmp_path)
    assert cited == {"2031-04-02-harbour-briefing.md"}
    names = [p.name for p in transcript_files(folder, exclude=cited)]
    assert names == ["2031-04-03-harbour-briefing.md", "2031-04-04-harbour-briefing.md"]
