"""`create_app`: the REST API as a FastAPI app, with its docs at `/api/v1/docs`.

The API is its own FastAPI app mounted at `/api/v1` on an outer app, so that
the web UI can be mounted at `/` beside it (see `bot/app.py`) and every reply
under `/api/v1`, a 404 or 405 included, is the API's JSON.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from bot.api.auth import KeyRing
from bot.api.errors import install_api_error_handler, install_error_handlers
from bot.api.routes import router
from bot.api.state import ApiState
from bot.api.uploads import BodyLimit, api_limits
from bot.config import Settings
from bot.service import QAService

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


def create_api(state: ApiState) -> FastAPI:
    """The API alone, paths relative to `/api/v1`."""
    api = FastAPI(
        title="pressbot API",
        version="1",
        summary="Answers from press-conference transcripts, with the passages that support them.",
        openapi_url="/openapi.json", docs_url="/docs", redoc_url=None,
    )
    api.state.api = state
    api.openapi = _honest_openapi(  # type: ignore[method-assign]
        api, state.keys.require_for_reads, state.service.llm_configured)
    install_error_handlers(api)
    api.include_router(router)
    settings = state.settings
    api.add_middleware(BodyLimit, limits=api_limits(_mb(settings.max_upload_mb),
                                                    _mb(settings.max_json_mb)),
                       body_timeout=settings.body_timeout_seconds)
    if state.settings.cors_origins:
        api.add_middleware(
            CORSMiddleware, allow_origins=state.settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", "Accept"],
            max_age=600)
    return api


def _mb(megabytes: float) -> int:
    return int(megabytes * 1024 * 1024)


def _honest_openapi(api: FastAPI, reads_need_key: bool,
                    generative: bool) -> Callable[[], dict[str, Any]]:
    """The spec, saying a read needs a key only when this server requires one, and listing
    the generative mode only when an LLM is configured."""
    build = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            spec = build()
            if not generative:
                mode = spec["components"]["schemas"]["AskRequest"]["properties"]["mode"]
                mode["enum"] = ["extractive"]
            for item in spec["paths"].values():
                for operation in item.values():
                    if operation.pop("x-access", None) == "read" and not reads_need_key:
                        operation.pop("security", None)
                        operation["responses"].pop("401", None)
                        operation["responses"].pop("403", None)
        return api.openapi_schema  # type: ignore[return-value]

    return openapi


def create_app(service: QAService, settings: Settings,
               prepare: Callable[[], None] | None = None) -> FastAPI:
    """The web app with the API at `/api/v1`.

    Without `prepare` the service is ready at once. With it, `prepare` (index
    the corpus on first start, load the models) runs in a thread when the app
    starts; until it ends `/api/v1/readyz` and the other routes answer 503.
    """
    state = ApiState(service=service, settings=settings,
                     keys=KeyRing(settings.api_keys, settings.require_key_for_reads))
    if prepare is None:
        state.ready.set()

    def run_prepare() -> None:
        try:
            assert prepare is not None
            prepare()
        except Exception as exc:
            log.exception("start-up failed")
            state.failure = f"{type(exc).__name__}: {exc}"
        else:
            state.ready.set()
            log.warning("ready: %d documents", len(service.documents()))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if prepare is not None:
            threading.Thread(target=run_prepare, name="pressbot-prepare", daemon=True).start()
        yield

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
    app.state.api = state
    install_api_error_handler(app)  # routes beside the API (the viewer) check keys too
    app.mount(API_PREFIX, create_api(state))
    return app
