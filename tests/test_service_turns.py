"""Who asked, and for which outlet, answered from the turns of a moderated call: the real
ingest, Chroma, models and cascade, on a small transcript written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.service import QAService

CALL = """# Background press call on the harbour works

May 2, 2024

MODERATOR: Thank you all for joining. For the first question, we'll go to Anna Lopez from \
the Daily Ledger.

Q: Hi, can you hear me?

SENIOR OFFICIAL: Yes, we can.

Q: Great. How many building permits for the harbour works were issued this spring?

SENIOR OFFICIAL: About four hundred building permits were issued this spring, most of \
them for the new quay.

MODERATOR: Thank you. Next, we'll go to Ben Okafor at Channel Nine.

Q: Thanks. How many of the applications for the quay were refused, and why?

SENIOR OFFICIAL: Twelve applications were refused, because the plans did not meet the \
flood rules.
"""


@pytest.fixture(scope="module")
def call_service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    folder = tmp_path_factory.mktemp("call")
    (folder / "2024-05-02_harbour_call.md").write_text(CALL, encoding="utf-8")
    service = QAService(Settings(index_dir=tmp_path_factory.mktemp("index")))
    service.ingest(Path(folder))
    return service


def test_the_reporter_kept_the_floor_through_can_you_hear_me(call_service: QAService) -> None:
    doc = call_service.get_document("2024-05-02_harbour_call.md")
    assert doc is not None
    asked = [(t.speaker, t.outlet) for t in doc.turns if t.speaker_role == "reporter"]
    assert asked == [("Anna Lopez", "Daily Ledger")] * 2 + [("Ben Okafor", "Channel Nine")]


def test_a_reporter_is_found_by_their_outlet(call_service: QAService) -> None:
    question = "Who from Channel Nine asked about the building permits?"
    answer = call_service.ask(question)
    assert answer.answered and answer.answer == "Ben Okafor"
    assert answer.citations and answer.citations[0].date == "2024-05-02"
    # only what was asked for Channel Nine is read: the question and the answer to it
    read = call_service.passages("2024-05-02_harbour_call.md")
    by_id = {p.id: p for p in read}
    retrieved = [by_id[r.passage_id] for r in call_service.explain(question).retrieved]
    assert retrieved and {p.outlet for p in retrieved} == {"Channel Nine"}


def test_the_first_question_quotes_the_line_that_calls_on_the_asker(
        call_service: QAService) -> None:
    answer = call_service.ask("Who got the first question on the May 2, 2024 call?")
    assert answer.answered and answer.answer == "Anna Lopez"
    assert "Anna Lopez" in answer.citations[0].quote  # the name is in what is quoted
