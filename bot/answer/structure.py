"""Answers that come from a transcript's structure: who asked the n-th question, and who
asked for which news organisation."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.candidates import extract_candidates
from bot.ingest.sentences import split_sentences
from bot.schema import ParsedDocument, Passage
from bot.stages import Hit


@dataclass
class StructuralAnswer:
    answer: str
    passage: Passage
    start: int
    end: int


def _passage_at(passages: list[Passage], offset: int) -> Passage | None:
    return next((p for p in passages if p.start <= offset < p.end), None)


def _where_named(doc: ParsedDocument, index: int) -> tuple[int, int] | None:
    """The sentence that names the asker of turn `index` when its label does not (`Q:`):
    the call-on line in a turn shortly before it, so that the name is quoted verbatim."""
    turn = doc.turns[index]
    name = turn.speaker or ""
    if not name or (turn.label and name.split()[-1].lower() in turn.label.lower()):
        return None
    for before in reversed(doc.turns[max(0, index - 4):index]):
        for a, b in reversed(split_sentences(doc.text, before.start, before.end)):
            if name in doc.text[a:b]:
                return a, b
    return None


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
        a, b = _where_named(doc, index) or split_sentences(doc.text, turn.start, turn.end)[0]
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


def _words(name: str) -> set[str]:
    return {w for w in name.lower().replace(".", "").split() if w != "the"}


def asked_outlets(names: list[str], hits: list[Hit]) -> set[str]:
    """The news organisation a who-question names ("Who from CNBC asked …"), as the
    retrieved questions spell it: the transcripts' own outlets say which of the question's
    names are newsrooms (however it was parsed), so no list of them is kept. The outlet
    spelled as named wins ("CNN Business" over "CNN"); otherwise every outlet that one of
    the names contains, or is contained in."""
    outlets = {h.passage.outlet for h in hits if h.passage.outlet}
    named = [_words(n) for n in names]
    exact = {o for o in outlets if _words(o) in named}
    return exact or {o for o in outlets for n in named if _words(o) <= n or n <= _words(o)}


def of_outlets(hits: list[Hit], outlets: set[str]) -> list[Hit]:
    """The hits asked for (or answering a question from) one of `outlets`, best first."""
    return [h for h in hits if h.passage.outlet in outlets]
