"""An answer as a stream of events: `citations` first, then `token`s, then the `answer`.

The REST API sends these as server-sent events and the web UI renders them as they
come. The extractive reader makes the whole Answer at once, so its stream is the
citations, the text a chat shows (the short answer, a blank line, the supporting
sentence; or the reason for a refusal) word by word, then the Answer. A generative
answer streams the model's tokens as they are made (see `bot/generate/generative.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.schema import Answer, Citation

_PIECE = re.compile(r"\s*\S+\s*")


@dataclass(frozen=True)
class CitationsEvent:
    citations: list[Citation]
    name = "citations"

    def data(self) -> Any:
        return [c.model_dump(mode="json") for c in self.citations]


@dataclass(frozen=True)
class TokenEvent:
    text: str
    name = "token"

    def data(self) -> Any:
        return {"text": self.text}


@dataclass(frozen=True)
class AnswerEvent:
    answer: Answer
    name = "answer"

    def data(self) -> Any:
        return self.answer.model_dump(mode="json")


Event = CitationsEvent | TokenEvent | AnswerEvent


def display_text(answer: Answer) -> str:
    if not answer.answered:
        return answer.reason or "The transcripts do not answer this."
    parts = [answer.answer or "", answer.sentence or ""]
    return "\n\n".join(p for p in parts if p)


def pieces(text: str) -> list[str]:
    """`text` in word-sized pieces that join back to it exactly."""
    return _PIECE.findall(text) or ([text] if text else [])


def events_of(answer: Answer) -> Iterator[Event]:
    """The stream of an answer made all at once."""
    yield CitationsEvent(answer.citations)
    for piece in pieces(display_text(answer)):
        yield TokenEvent(piece)
    yield AnswerEvent(answer)


def final_answer(events: Iterable[Event]) -> Answer:
    """The Answer a stream ends with."""
    last = None
    for e in events:
        last = e
    if not isinstance(last, AnswerEvent):
        raise RuntimeError("the answer stream ended without an answer")
    return last.answer
