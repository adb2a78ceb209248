"""Answers from a transcript's turns: the n-th question's asker, and askers by outlet."""

from __future__ import annotations

from bot.answer.structure import asked_outlets, nth_question, of_outlets
from bot.ingest.parse import parse_transcript
from bot.ingest.passages import split_passages
from bot.schema import ParsedDocument, Passage
from bot.stages import Hit

RAW = (
    "MODERATOR: Thank you. For the first question, we'll go to Anna Lopez from the Daily "
    "Ledger.\n\n"
    "Q: How many permits were issued this year?\n\n"
    "MS. SMITH: About four hundred permits were issued.\n\n"
    "MODERATOR: Next, we'll go to Ben Okafor at Channel Nine.\n\n"
    "Q: And how many were refused?\n\n"
    "MS. SMITH: Twelve were refused.\n"
)


def _doc() -> tuple[ParsedDocument, list[Passage]]:
    doc = parse_transcript(RAW, "2024-05-02_x.md")
    return doc, split_passages(doc)


def test_nth_question_quotes_the_call_on_line_that_names_the_asker() -> None:
    doc, passages = _doc()
    first = nth_question(doc, passages, 1)
    assert first is not None and first.answer == "Anna Lopez"
    assert "Anna Lopez" in doc.text[first.start:first.end]  # verbatim, not only a label
    last = nth_question(doc, passages, -1)
    assert last is not None and last.answer == "Ben Okafor"
    assert nth_question(doc, passages, 3) is None


def test_a_named_outlet_picks_the_hits_asked_for_it() -> None:
    _, passages = _doc()
    hits = [Hit(p, 1.0 - i / 10) for i, p in enumerate(passages)]
    outlets = asked_outlets(["Channel Nine"], hits)
    assert outlets == {"Channel Nine"}
    kept = of_outlets(hits, outlets)
    assert {h.passage.asker for h in kept} == {"Ben Okafor"}
    assert any(h.passage.speaker == "Ms. Smith" for h in kept)  # the answer to their question
    assert [h.score for h in kept] == sorted((h.score for h in kept), reverse=True)


def test_an_organisation_no_reporter_asked_for_is_not_an_outlet() -> None:
    _, passages = _doc()
    hits = [Hit(p, 1.0) for p in passages]
    assert asked_outlets(["State Department"], hits) == set()
    assert asked_outlets(["the Daily Ledger"], hits) == {"Daily Ledger"}
    assert asked_outlets(["Ledger"], hits) == {"Daily Ledger"}


def test_the_outlet_spelled_as_named_wins_over_a_shorter_one() -> None:
    doc = parse_transcript(RAW.replace("Channel Nine", "Daily Ledger Weekly"), "2024-05-02_x.md")
    hits = [Hit(p, 1.0) for p in split_passages(doc)]
    assert asked_outlets(["Daily Ledger Weekly"], hits) == {"Daily Ledger Weekly"}
    assert asked_outlets(["Daily Ledger"], hits) == {"Daily Ledger"}
