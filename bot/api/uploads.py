"""Uploads: the request size limit (by Content-Length, and while the body streams) and names.

An uploaded file's name becomes its document id, checked by `bot.ingest.names`:
a bad name is a 400, an unreadable type a 415.
"""

from __future__ import annotations

import json

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


class UploadLimit:
    """ASGI middleware: refuse request bodies over `max_bytes` on `POST paths` with 413.

    A declared Content-Length over the limit is refused before any of the body
    is read. A body without one (chunked) is counted as it arrives; once over,
    the rest is read and dropped (up to DRAIN_LIMIT, so that the client sees the
    413 rather than a reset connection) and nothing reaches the route.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, paths: tuple[str, ...]) -> None:
        self.app, self.max_bytes, self.paths = app, max_bytes, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" \
                or _route_path(scope).rstrip("/") not in self.paths:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(send, 400, "bad_request", "Content-Length is not a number")
                return
            if int(declared) > self.max_bytes:
                await self._refuse(send, 413, "too_large", self._message())
                return
        received = 0
        over = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if not over:
                await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over:
            await self._drain(receive)
            await self._refuse(send, 413, "too_large", self._message())

    def _message(self) -> str:
        return (f"upload is over the limit of {self.max_bytes / (1024 * 1024):g} MB "
                "(PRESSBOT_MAX_UPLOAD_MB)")

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
