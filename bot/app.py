"""The web app process: the Gradio UI at `/` and the REST API at `/api/v1`, one ASGI app.

`run()` is what `python app.py` and `pressbot serve` start: it takes the index's
writer lock for as long as it serves (uploads go through this process), opens
the service, and serves at once; indexing the shipped corpus on first start and
loading the models happen in the background while `/api/v1/readyz` says 503.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.api.app import API_PREFIX, create_app
from bot.api.uploads import BodyLimit, Limit
from bot.config import Settings, get_settings
from bot.schema import IngestReport
from bot.service import QAService
from bot.ui import COPY_JS, CSS, build_ui
from bot.ui.guard import GradioGuard
from bot.viewer import VIEW_PREFIX, DocLinkRedirect, view_router

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

log = logging.getLogger(__name__)

__all__ = ["build_app", "index_corpus_if_empty", "prepare_service", "run", "server_config"]


_CACHE_PREFIX = "pressbot-gradio-"


def _private_gradio_cache() -> str:
    """Gradio's upload and cache folder: one of this process's own, removed when it exits
    (Gradio's default, /tmp/gradio, is shared by every Gradio process and kept); the
    folders of processes that died without removing theirs are removed at start."""
    if os.environ.get("PRESSBOT_GRADIO_CACHE", "").startswith(
            os.path.join(tempfile.gettempdir(), f"{_CACHE_PREFIX}{os.getpid()}-")):
        os.environ["GRADIO_TEMP_DIR"] = os.environ["PRESSBOT_GRADIO_CACHE"]
        return os.environ["GRADIO_TEMP_DIR"]
    for old in Path(tempfile.gettempdir()).glob(f"{_CACHE_PREFIX}*-*"):
        pid = old.name[len(_CACHE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(old, ignore_errors=True)
    folder = tempfile.mkdtemp(prefix=f"{_CACHE_PREFIX}{os.getpid()}-")
    os.environ["PRESSBOT_GRADIO_CACHE"] = folder
    atexit.register(shutil.rmtree, folder, True)
    os.environ["GRADIO_TEMP_DIR"] = folder
    return folder


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
    _private_gradio_cache()
    import gradio as gr

    app = create_app(service, settings, prepare)
    keys = app.state.api.keys
    auth = (lambda _user, password: keys.matches(password)) \
        if settings.require_key_for_reads else None
    ui = build_ui(service, lambda key: keys.refusal(key, write=True), keys.enabled,
                  settings.ui_concurrency)
    app.include_router(view_router(service, lambda request: _signed_in(app, request)))
    app.add_middleware(DocLinkRedirect)
    app.add_middleware(_UntilReady, is_ready=app.state.api.ready.is_set)
    app.add_middleware(GradioGuard, keys=keys, blocks=ui,
                       max_files=settings.max_upload_files, attempts=settings.login_attempts,
                       prefixes=(API_PREFIX, VIEW_PREFIX))
    app.add_middleware(BodyLimit, limits=_outer_limits(settings),
                       body_timeout=settings.body_timeout_seconds)
    mounted = gr.mount_gradio_app(app, ui, path="/", auth=auth,
                                  auth_message="Sign in with an API key as the password.",
                                  footer_links=["api"], css=CSS, js=COPY_JS,
                                  max_file_size=_mb(settings.max_upload_mb))
    # a mounted app is never "launched", and Gradio skips its own check that a file handed
    # to a function was uploaded unless it is: the guard refuses such calls, this is a
    # second line
    ui.has_launched = True
    return mounted


def _mb(megabytes: float) -> int:
    return int(megabytes * 1024 * 1024)


def _outer_limits(settings: Settings) -> Callable[[Scope], Limit | None]:
    """Body limits beside the API (which sets its own): Gradio's upload route as a REST
    upload, every other body (Gradio's JSON calls, the sign-in form) `max_json_mb`."""
    upload = _mb(settings.max_upload_mb), "PRESSBOT_MAX_UPLOAD_MB"
    other = _mb(settings.max_json_mb), "PRESSBOT_MAX_JSON_MB"

    def limits(scope: Scope) -> Limit | None:
        path = scope["path"]
        if path.startswith(API_PREFIX + "/") or path == API_PREFIX:
            return None
        if scope["method"] == "POST" and path.rstrip("/") == "/gradio_api/upload":
            return upload
        return other

    return limits


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
        uvicorn.Server(server_config(app, settings, host, port, log_level="info")).run()


def server_config(app: Any, settings: Settings, host: str, port: int,
                  **options: Any) -> Any:
    """uvicorn's configuration for the app: h11 with a deadline for a request's headers
    (`header_timeout_seconds`), idle connections closed after `keep_alive_seconds`; the
    body's deadline is `BodyLimit`'s."""
    import uvicorn

    from bot.api.protocol import timed_h11

    return uvicorn.Config(app, host=host, port=port,
                          http=timed_h11(settings.header_timeout_seconds),
                          timeout_keep_alive=settings.keep_alive_seconds,  # type: ignore[arg-type]
                          timeout_graceful_shutdown=10, **options)
