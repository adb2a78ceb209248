"""Split a parsed transcript into passages: sentence-aware chunks inside one turn."""

from __future__ import annotations

from bot.ingest.sentences import split_sentences
from bot.schema import ParsedDocument, Passage, Turn

QUESTION_CHARS = 400


def split_passages(doc: ParsedDocument, max_chars: int = 700) -> list[Passage]:
    """Chunks of whole sentences, at most `max_chars` unless one sentence is longer.

    A passage in an answer turn carries the reporter's question that prompted it
    (`question`, `asker`), so "who asked" and "what was asked" can be answered.
    """
    passages: list[Passage] = []
    last_question: tuple[str, str | None] | None = None
    for t, turn in enumerate(doc.turns):
        if turn.speaker_role == "reporter":
            last_question = (doc.text[turn.start:turn.end][:QUESTION_CHARS], turn.speaker)
        context = last_question if turn.speaker_role != "reporter" else None
        for start, end in _chunks(doc.text, turn, max_chars):
            asker = turn.speaker if turn.speaker_role == "reporter" else (
                context[1] if context else None)
            passages.append(Passage.of(doc, len(passages), start, end, t,
                                       context[0] if context else None, asker))
        if turn.speaker_role == "moderator":
            last_question = None
    return passages


def _chunks(text: str, turn: Turn, max_chars: int) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in split_sentences(text, turn.start, turn.end):
        if current and end - current[0] <= max_chars:
            current = (current[0], end)
            continue
        if current:
            chunks.append(current)
        current = (start, end)
    if current:
        chunks.append(current)
    return chunks
