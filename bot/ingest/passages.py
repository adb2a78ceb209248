"""Split a parsed transcript into passages: sentence-aware chunks inside one turn."""

from __future__ import annotations

from bot.ingest.sentences import split_sentences
from bot.schema import ParsedDocument, Passage, Turn

QUESTION_CHARS = 400


def split_passages(doc: ParsedDocument, max_chars: int = 700) -> list[Passage]:
    """Chunks of whole sentences, at most `max_chars` characters: a longer sentence (or a
    text with no sentence breaks at all) is cut at the last space before the limit, or at
    the limit where there is none, so that no passage costs more than that to read.

    A passage in an answer turn carries the reporter's question that prompted it
    (`question`, `asker`, `outlet`), so "who asked" and "what was asked" can be answered.
    """
    passages: list[Passage] = []
    asked: Turn | None = None  # the reporter's turn that the turns after it answer
    for t, turn in enumerate(doc.turns):
        if turn.speaker_role == "reporter":
            asked = turn
        context = asked if turn.speaker_role != "reporter" else None
        question = doc.text[context.start:context.end][:QUESTION_CHARS] if context else None
        for start, end in _chunks(doc.text, turn, max_chars):
            by = turn if turn.speaker_role == "reporter" else context
            passages.append(Passage.of(doc, len(passages), start, end, t, question,
                                       by.speaker if by else None, by.outlet if by else None))
        if turn.speaker_role == "moderator":
            asked = None
    return passages


def _chunks(text: str, turn: Turn, max_chars: int) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in _bounded(text, split_sentences(text, turn.start, turn.end), max_chars):
        if current and end - current[0] <= max_chars:
            current = (current[0], end)
            continue
        if current:
            chunks.append(current)
        current = (start, end)
    if current:
        chunks.append(current)
    return chunks


def _bounded(text: str, sentences: list[tuple[int, int]], max_chars: int
             ) -> list[tuple[int, int]]:
    """The sentences, each one longer than `max_chars` cut into pieces that are not."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        while end - start > max_chars:
            limit = start + max_chars
            cut = max(text.rfind(c, start + max_chars // 2, limit + 1) for c in " \n\t\u3000")
            cut = cut if cut > start else limit
            piece_end = cut
            while piece_end > start and text[piece_end - 1].isspace():
                piece_end -= 1
            out.append((start, piece_end if piece_end > start else cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            out.append((start, end))
    return out
