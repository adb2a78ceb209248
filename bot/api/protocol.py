"""uvicorn's h11 protocol with a deadline for a request's headers.

uvicorn closes a connection left idle after a response (`timeout_keep_alive`), but not
one that never finishes its first request's headers: 50 connections sending nothing, or
a byte now and then, were all held open. Here each request's head must arrive within
`header_timeout` seconds of its first byte (or of the connection, for the first one);
the connection is closed otherwise. The body's deadline is `bot.api.uploads.BodyLimit`'s.
"""

from __future__ import annotations

import asyncio
from functools import cache

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class TimedH11Protocol(H11Protocol):
    header_timeout = 10.0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


@cache
def timed_h11(header_timeout: float) -> type[TimedH11Protocol]:
    """The protocol class with this deadline (uvicorn takes a class, not an instance)."""
    return type("TimedH11Protocol", (TimedH11Protocol,), {"header_timeout": header_timeout})
