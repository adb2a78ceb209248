"""Server-sent events for `POST /ask`: `citations` first, then `token`s, then `answer`.

The events come from `QAService.ask_events` (see `bot/answer/events.py`); each is
pulled in the thread pool, so a model generating tokens does not hold up the server.
A failure is an `error` event with the usual error body.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.answer.events import Event
from bot.api.errors import error_of

log = logging.getLogger(__name__)

HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event(name: str, data: Any) -> str:
    """One event; `data` is JSON on a single line."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def answer_events(events: Callable[[], Iterator[Event]]) -> AsyncIterator[str]:
    try:
        stream = await run_in_threadpool(events)
        while (item := await run_in_threadpool(next, stream, None)) is not None:
            yield event(item.name, item.data())
    except Exception as exc:  # the stream has started: report in-band
        status, body = error_of(exc)
        if status >= 500:
            log.error("ask failed while streaming", exc_info=exc)
        yield event("error", body)
