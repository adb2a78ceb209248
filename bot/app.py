"""The web app process: the Gradio UI at `/` and the REST API at `/api/v1`, one ASGI app.

`run()` is what `python app.py` and `pressbot serve` start: it takes the index's
writer lock for as long as it serves (uploads go through this process), opens
the service, and serves at once; indexing the shipped corpus on first start and
loading the models happen in the background while `/api/v1/readyz` says 503.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from fastapi import FastAPI, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.api.app import API_PREFIX, create_app
from bot.config import Settings, get_settings
from bot.schema import IngestReport
from bot.service import QAService
from bot.ui import COPY_JS, CSS, build_ui
from bot.viewer import DocLinkRedirect, view_router

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

log = logging.getLogger(__name__)

__all__ = ["build_app", "index_corpus_if_empty", "prepare_service", "run"]


def prepare_service(service: QAService) -> None:
    """Index the shipped corpus when the index is empty; load the models."""
    index_corpus_if_empty(service)
    service.warm_up()


def index_corpus_if_empty(service: QAService, poll: float = 1.0) -> IngestReport | None:
    """Index `corpus_dir` into an empty index; the report, or None when it was not empty.

    With a Chroma server, replicas started at once on an empty server would all index the
    corpus: one takes a lease in the server and indexes, the others wait until it is done
    (or its lease lapses, and one of them takes over).
    """
    settings = service.settings
    store = service.index.store
    if store.content_hashes():
        return None
    if not settings.chroma_url:
        log.warning("indexing %s on first start", settings.corpus_dir)
        return service.ingest(settings.corpus_dir, hold_lock=False)
    from bot.index.lease import ServerLease

    lease = ServerLease(store.client, f"{settings.collection}-first-start")
    while True:
        if lease.held_by_other():
            time.sleep(poll)
            continue
        if store.content_hashes():
            service.index.refresh()
            return None
        if lease.acquire():
            try:
                log.warning("indexing %s on first start", settings.corpus_dir)
                return service.ingest(settings.corpus_dir, hold_lock=False,
                                      on_file=lambda _result: lease.renew())
            finally:
                lease.release()


class _UntilReady:
    """ASGI middleware: the UI answers 503 "starting" until the service is ready."""

    def __init__(self, app: ASGIApp, is_ready: Callable[[], bool]) -> None:
        self.app, self.is_ready = app, is_ready

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.is_ready() \
                and not scope["path"].startswith(API_PREFIX):
            response = PlainTextResponse("pressbot is starting (loading models, indexing "
                                         "transcripts); reload in a moment.", status_code=503,
                                         headers={"Retry-After": "5"})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def build_app(service: QAService, settings: Settings,
              prepare: Callable[[], None] | None = None) -> FastAPI:
    """The API (`bot.api.create_app`) with the web UI mounted at `/`, and the transcript
    viewer at `/view/{doc_id}` (where a citation's `/?doc=...` link is redirected).

    When reads need a key, the UI asks for one: any user name, the key as password.
    """
    import gradio as gr

    app = create_app(service, settings, prepare)
    keys = app.state.api.keys
    auth = (lambda _user, password: keys.matches(password)) \
        if settings.require_key_for_reads else None
    ui = build_ui(service, keys.matches if keys.enabled else None)
    app.include_router(view_router(service, lambda request: _signed_in(app, request)))
    app.add_middleware(DocLinkRedirect)
    app.add_middleware(_UntilReady, is_ready=app.state.api.ready.is_set)
    return gr.mount_gradio_app(app, ui, path="/", auth=auth,
                               auth_message="Sign in with an API key as the password.",
                               footer_links=["api"], css=CSS, js=COPY_JS,
                               max_file_size=int(settings.max_upload_mb * 1024 * 1024))


def _signed_in(app: FastAPI, request: Request) -> bool:
    """Whether the request carries the session cookie of a reader signed in to the UI
    (the mounted Gradio app keeps its sign-ins in `tokens`)."""
    ui = next((r.app for r in app.routes if isinstance(r, Mount) and hasattr(r.app, "tokens")),
              None)
    tokens, cookie_id = getattr(ui, "tokens", None), getattr(ui, "cookie_id", None)
    if not tokens or cookie_id is None:
        return False
    token = request.cookies.get(f"access-token-{cookie_id}") or \
        request.cookies.get(f"access-token-unsecure-{cookie_id}")
    return token is not None and token in tokens


def run(host: str | None = None, port: int | None = None,
        settings: Settings | None = None) -> None:
    """Serve until interrupted, holding the index's writer lock (embedded Chroma only)."""
    import contextlib

    import uvicorn

    from bot.index.lock import WriterLock

    settings = settings or get_settings()
    host = settings.host if host is None else host
    port = settings.port if port is None else port
    lock = WriterLock(settings.index_dir) if not settings.chroma_url \
        else contextlib.nullcontext()
    with lock:
        service = QAService(settings)
        app = build_app(service, settings, prepare=lambda: prepare_service(service))
        log.warning("serving http://%s:%d (API at %s, docs at %s/docs)",
                    host, port, API_PREFIX, API_PREFIX)
        uvicorn.run(app, host=host, port=port,
                    log_level="info", timeout_graceful_shutdown=10)
