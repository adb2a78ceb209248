"""Which conferences a question's date and names point to."""

from __future__ import annotations

from bot.retrieve.hybrid import resolve_scope
from bot.schema import DocumentInfo, Filters
from bot.understand.question import analyze_question


def _doc(doc_id: str, date: str, title: str, speakers: list[str]) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, path=doc_id, title=title, date=date, speakers=speakers,
                        content_hash=doc_id)


DOCS = {d.doc_id: d for d in [
    _doc("fomc/2022-09-21_fomc_presser.txt", "2022-09-21",
         "Transcript of Chair Powell's Press Conference (FOMC)",
         ["Chair Powell", "Michelle Smith"]),
    _doc("wh/2022-09-06_briefing.md", "2022-09-06", "Press Briefing by Press Secretary",
         ["Ms. Jean-Pierre", "Dr. Jha"]),
    _doc("xj/2022-09-27_presser.txt", "2022-09-27", "Xinjiang industry press conference",
         ["Zhu Dadong"]),
]}


def test_a_named_source_or_speaker_picks_among_the_conferences_of_a_month() -> None:
    scope = resolve_scope(DOCS, analyze_question(
        "What did the September 2022 FOMC press conference say about rates?"), None)
    assert scope.doc_ids == ["fomc/2022-09-21_fomc_presser.txt"]
    scope = resolve_scope(DOCS, analyze_question(
        "What did Dr. Jha say about boosters in September 2022?"), None)
    assert scope.doc_ids == ["wh/2022-09-06_briefing.md"]


def test_names_that_tell_no_conference_apart_leave_them_all() -> None:
    for question in ("What did officials say about exports in September 2022?",
                     "What did the Reuters reporter ask in September 2022?"):
        scope = resolve_scope(DOCS, analyze_question(question), Filters())
        assert scope.doc_ids is not None and len(scope.doc_ids) == 3, question
