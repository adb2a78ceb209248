"""Request bodies: the size limits (by Content-Length, and while the body streams), a
body that stalls, and uploaded files' names.

An uploaded file's name becomes its document id, checked by `bot.ingest.names`:
a bad name is a 400, an unreadable type a 415.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.errors import ApiError, error_body
from bot.ingest.names import BadName, document_id

DRAIN_LIMIT = 64 * 1024 * 1024  # read (and drop) at most this much of an oversized body


def check_filename(name: str | None) -> str:
    """The document id for an uploaded file's `name`, or ApiError(400/415)."""
    try:
        return document_id(name)
    except BadName as error:
        if error.unsupported:
            raise ApiError(415, "unsupported_media_type", str(error)) from None
        raise ApiError(400, "invalid_filename", str(error)) from None


def _route_path(scope: Scope) -> str:
    """The path inside a mounted app (Starlette keeps the full path in `path`)."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


Limit = tuple[int, str]  # bytes, and the setting that sets them
Limits = Callable[[Scope], Limit | None]


class BodyLimit:
    """ASGI middleware: refuse request bodies over their limit with 413, and bodies that
    stall (no piece for `body_timeout` seconds) with 408.

    `limits(scope)` gives a request's limit (bytes, and the setting that sets it), or None
    for none. A declared Content-Length over the limit is refused before any of the body
    is read. A body without one (chunked) is counted as it arrives; once over, the rest
    is read and dropped (up to DRAIN_LIMIT, so that the client sees the 413 rather than a
    reset connection) and nothing more reaches the route. Memory stays flat whatever the
    size sent: nothing is kept of what is over.
    """

    def __init__(self, app: ASGIApp, limits: Limits, body_timeout: float | None = None) -> None:
        self.app, self.limits, self.body_timeout = app, limits, body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limits(scope) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        max_bytes, setting = limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(send, 400, "bad_request", "Content-Length is not a number")
                return
            if int(declared) > max_bytes:
                await self._refuse(send, 413, "too_large", _message(max_bytes, setting))
                return
        received = 0
        body_done = False
        failure: Exception | None = None
        started = False

        async def guarded_receive() -> Message:
            nonlocal received, body_done, failure
            if body_done or self.body_timeout is None:
                message = await receive()
            else:
                try:
                    message = await asyncio.wait_for(receive(), self.body_timeout)
                except TimeoutError:
                    failure = _TooSlow()
                    raise failure from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if not message.get("more_body", False):
                    body_done = True
                if received > max_bytes:
                    failure = _TooLarge()
                    raise failure
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if failure is None:
                started = started or message["type"] == "http.response.start"
                await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception:
            if failure is None:
                raise
        if failure is None or started:
            return
        if isinstance(failure, _TooSlow):
            await self._refuse(send, 408, "request_timeout", "the request body stalled for "
                               f"{self.body_timeout:g} s (PRESSBOT_BODY_TIMEOUT_SECONDS)")
            return
        if not body_done:
            await self._drain(receive)
        await self._refuse(send, 413, "too_large", _message(max_bytes, setting))

    @staticmethod
    async def _drain(receive: Receive) -> None:
        drained = 0
        while drained < DRAIN_LIMIT:
            message = await receive()
            if message["type"] != "http.request":
                return
            drained += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    @staticmethod
    async def _refuse(send: Send, status: int, code: str, message: str) -> None:
        body = json.dumps(error_body(code, message)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _message(max_bytes: int, setting: str) -> str:
    what = "upload" if "UPLOAD" in setting else "request body"
    return f"{what} is over the limit of {max_bytes / (1024 * 1024):g} MB ({setting})"


def api_limits(upload_bytes: int, json_bytes: int) -> Limits:
    """The API's limits: an upload (`POST /documents`) `upload_bytes`, any other body
    `json_bytes`; paths inside the API's mount."""

    def limits(scope: Scope) -> Limit | None:
        if scope["method"] == "POST" and _route_path(scope).rstrip("/") == "/documents":
            return upload_bytes, "PRESSBOT_MAX_UPLOAD_MB"
        return json_bytes, "PRESSBOT_MAX_JSON_MB"

    return limits
