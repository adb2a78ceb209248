"""The REST routes: translate HTTP to `QAService` calls and back; they decide nothing.

Blocking service calls run in the thread pool, so asks are served concurrently
and an upload being indexed does not hold up asks.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from bot.api import sse
from bot.api.auth import require_read, require_write
from bot.api.errors import ApiError, documented
from bot.api.models import (
    AskRequest,
    Deleted,
    DocumentDetail,
    DocumentList,
    Health,
    SearchRequest,
    SearchResponse,
    UploadResponse,
)
from bot.api.state import ApiState, ready_service
from bot.api.uploads import check_filename
from bot.errors import LLMNotConfiguredError
from bot.schema import Answer, IngestFileResult
from bot.service import QAService

Service = Annotated[QAService, Depends(ready_service)]
read = [Depends(require_read)]
READ = {"x-access": "read"}  # the spec drops these routes' key requirement when reads are open
write = [Depends(require_write)]

router = APIRouter()


@router.get("/healthz", response_model=Health, tags=["health"])
def healthz() -> Health:
    """The process is alive (it may still be loading; see `/readyz`)."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, tags=["health"], responses=documented(503))
def readyz(request: Request) -> Health:
    """Ready to answer: models loaded and the index open. 503 until then."""
    state: ApiState = request.app.state.api
    if not state.ready.is_set():
        raise state.not_ready()
    return Health(status="ready", documents=len(state.service.documents()))


_EVENT = {"type": "object", "required": ["event", "data"], "properties": {
    "event": {"type": "string", "enum": ["citations", "token", "answer", "error"]},
    "data": {"type": "string", "contentMediaType": "application/json",
             "description": "citations: [Citation]; token: {\"text\"}; answer: Answer; "
                            "error: {\"error\": {\"code\", \"message\"}}"}}}
_STREAM = {"text/event-stream": {"schema": _EVENT, "example": (
    'event: citations\ndata: [{"n": 1, "doc_id": "..."}]\n\n'
    'event: token\ndata: {"text": "3002"}\n\n'
    'event: answer\ndata: {"question": "...", "answered": true, "answer": "3002"}\n\n')}}


@router.post("/ask", response_model=Answer, dependencies=read, openapi_extra=READ, tags=["answers"],
             responses={200: {"content": _STREAM}, **documented(400, 401, 403, 422, 502, 503)})
async def ask(body: AskRequest, request: Request, service: Service) -> Answer | StreamingResponse:
    """Answer a question from the transcripts, with citations (see API.md, "Answer").

    With `"stream": true` or `Accept: text/event-stream` the reply is server-sent
    events: `citations` first, `token` pieces of the text, then `answer` (the
    whole Answer); `error` on failure. In generative mode `citations` lists the
    passages given to the LLM, numbered as the streamed text cites them; the
    `answer`'s citations are those the text cites, renumbered in order of first use.
    """
    filters = body.filters.to_filters() if body.filters else None
    history = [turn.to_turn() for turn in body.history]
    if body.mode == "generative" and not service.llm_configured:
        raise ApiError(422, "llm_not_configured", str(LLMNotConfiguredError()))
    stream = body.stream if body.stream is not None else (
        "text/event-stream" in request.headers.get("accept", ""))
    if stream:
        return StreamingResponse(
            sse.answer_events(lambda: service.ask_events(body.question, filters, history,
                                                         body.mode)),
            media_type="text/event-stream", headers=sse.HEADERS)
    return await run_in_threadpool(service.ask, body.question, filters, history, body.mode)


@router.post("/search", response_model=SearchResponse, dependencies=read, openapi_extra=READ,
             tags=["answers"], responses=documented(400, 401, 403, 422, 503))
async def search(body: SearchRequest, service: Service) -> SearchResponse:
    """Ranked passages for a query, with the citation fields, without answering."""
    filters = body.filters.to_filters() if body.filters else None
    passages = await run_in_threadpool(service.search, body.query, body.k, filters)
    return SearchResponse(passages=passages)


@router.get("/documents", response_model=DocumentList, dependencies=read, openapi_extra=READ,
            tags=["documents"], responses=documented(401, 403, 503))
async def list_documents(service: Service) -> DocumentList:
    """The indexed documents: id, title, date, source, speakers, passage count."""
    return DocumentList(documents=await run_in_threadpool(service.documents))


def _detail(service: QAService, doc_id: str) -> DocumentDetail | None:
    doc = service.get_document(doc_id)
    info = {d.doc_id: d for d in service.documents()}.get(doc_id)
    if doc is None or info is None:
        return None
    passages = service.passages(doc_id)
    return DocumentDetail(**doc.model_dump(), content_hash=info.content_hash, passages=passages)


@router.get("/documents/{doc_id:path}", response_model=DocumentDetail, dependencies=read,
            openapi_extra=READ, tags=["documents"], responses=documented(401, 403, 404, 503))
async def get_document(doc_id: str, service: Service) -> DocumentDetail:
    """One document: metadata, parsed text (every offset points into it), turns, passages."""
    detail = await run_in_threadpool(_detail, service, doc_id)
    if detail is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    return detail


@router.post("/documents", response_model=UploadResponse, dependencies=write,
             tags=["documents"], responses=documented(400, 401, 403, 413, 415, 422, 503))
async def upload_documents(
        request: Request,
        service: Service,
        files: Annotated[list[UploadFile], File(
            min_length=1, description="one or more transcripts; each file's name is its id")],
) -> UploadResponse:
    """Index uploaded transcripts (incremental: an unchanged file is skipped)."""
    most = request.app.state.api.settings.max_upload_files
    if len(files) > most:
        raise ApiError(413, "too_many_files", f"{len(files)} files in one upload, over the "
                       f"limit of {most} (PRESSBOT_MAX_UPLOAD_FILES)")
    named = [(check_filename(f.filename), f) for f in files]
    ids = [doc_id for doc_id, _ in named]
    if len(set(ids)) != len(ids):
        raise ApiError(400, "duplicate_filename", "two uploaded files have the same name")
    results: list[IngestFileResult] = []
    for doc_id, upload in named:
        data = await upload.read()
        results.append(await run_in_threadpool(service.add_document, data, doc_id))
    if all(r.status == "failed" for r in results):
        raise ApiError(422, "unreadable", "; ".join(f"{r.path}: {r.reason}" for r in results))
    return UploadResponse(files=results)


@router.delete("/documents/{doc_id:path}", response_model=Deleted, dependencies=write,
               tags=["documents"], responses=documented(401, 403, 404, 503))
async def delete_document(doc_id: str, service: Service) -> Deleted:
    """Remove a document and all its passages; later answers never cite it."""
    if not await run_in_threadpool(service.delete_document, doc_id):
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    return Deleted(doc_id=doc_id)
