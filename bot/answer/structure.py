"""Answers that come from a transcript's structure: who asked the n-th question."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.candidates import extract_candidates
from bot.ingest.sentences import split_sentences
from bot.schema import ParsedDocument, Passage


@dataclass
class StructuralAnswer:
    answer: str
    passage: Passage
    start: int
    end: int


def _passage_at(passages: list[Passage], offset: int) -> Passage | None:
    return next((p for p in passages if p.start <= offset < p.end), None)


def nth_question(doc: ParsedDocument, passages: list[Passage],
                 ordinal: int) -> StructuralAnswer | None:
    """Who asked the `ordinal`-th question (1-based; -1 is the last) of a briefing.

    The reporter's own turn names them where the transcript labels it; otherwise
    the turn before it, where the moderator or an official calls on them.
    """
    asked = [i for i, t in enumerate(doc.turns) if t.speaker_role == "reporter"]
    if not asked or ordinal == 0 or abs(ordinal) > len(asked):
        return None
    index = asked[ordinal - 1] if ordinal > 0 else asked[ordinal]
    turn = doc.turns[index]
    if turn.speaker:
        a, b = split_sentences(doc.text, turn.start, turn.end)[0]
        p = _passage_at(passages, a)
        return StructuralAnswer(turn.speaker, p, a, min(b, p.end)) if p else None
    if index == 0:
        return None
    before = doc.turns[index - 1]
    sentences = split_sentences(doc.text, before.start, before.end)
    for a, b in reversed(sentences[-2:]):
        people = [c for c in extract_candidates(doc.text[a:b], {"person"})
                  if len(c.text.split()) >= 2]
        p = _passage_at(passages, a)
        if people and p:
            return StructuralAnswer(people[-1].text, p, a, min(b, p.end))
    return None
