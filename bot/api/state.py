"""What the routes share: the service, the settings, the keys, and whether it is ready."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request

from bot.api.auth import KeyRing
from bot.api.errors import ApiError
from bot.config import Settings
from bot.service import QAService


@dataclass
class ApiState:
    service: QAService
    settings: Settings
    keys: KeyRing
    ready: threading.Event = field(default_factory=threading.Event)
    failure: str | None = None  # why start-up failed, when it did

    def not_ready(self) -> ApiError:
        if self.failure:
            return ApiError(503, "startup_failed", f"the server could not start: {self.failure}")
        return ApiError(503, "not_ready", "the server is starting (loading models, indexing "
                        "transcripts); try again shortly", headers={"Retry-After": "5"})


def ready_service(request: Request) -> QAService:
    """Dependency: the service, once models are loaded and the index is open; 503 before."""
    state: ApiState = request.app.state.api
    if not state.ready.is_set():
        raise state.not_ready()
    return state.service
