"""Server-sent events for `POST /ask`: `citations` first, then `token`s, then `answer`.

The extractive reader makes the whole Answer at once, so the stream sends its
citations, then the text a chat shows (the short answer, a blank line, the
supporting sentence; or the reason for a refusal) word by word, then the
Answer itself. A failure is an `error` event with the usual error body.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.api.errors import error_body
from bot.schema import Answer

log = logging.getLogger(__name__)

HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
_PIECE = re.compile(r"\s*\S+\s*")


def event(name: str, data: Any) -> str:
    """One event; `data` is JSON on a single line."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def display_text(answer: Answer) -> str:
    if not answer.answered:
        return answer.reason or "The transcripts do not answer this."
    parts = [answer.answer or "", answer.sentence or ""]
    return "\n\n".join(p for p in parts if p)


def pieces(text: str) -> list[str]:
    """`text` in word-sized pieces that join back to it exactly."""
    return _PIECE.findall(text) or ([text] if text else [])


async def answer_events(ask: Callable[[], Answer]) -> AsyncIterator[str]:
    try:
        answer = await run_in_threadpool(ask)
    except Exception as exc:  # the stream has started: report in-band
        log.error("ask failed while streaming", exc_info=exc)
        yield event("error", error_body("internal", "internal error; it has been logged"))
        return
    payload = answer.model_dump(mode="json")
    yield event("citations", payload["citations"])
    for piece in pieces(display_text(answer)):
        yield event("token", {"text": piece})
    yield event("answer", payload)
