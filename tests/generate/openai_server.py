"""A small OpenAI-compatible server (`/v1/chat/completions`, plain and streamed) over any
LangChain chat model, so that the `openai` backend is exercised over real HTTP."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import convert_to_messages
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool


def openai_app(llm: BaseChatModel, model: str = "smollm2") -> FastAPI:
    app = FastAPI()
    app.state.requests = []  # the request bodies, for tests to inspect

    def chunk(cid: str, delta: dict[str, Any], finish: str | None) -> str:
        body = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()),
                "model": model, "choices": [{"index": 0, "delta": delta,
                                             "finish_reason": finish}]}
        return f"data: {json.dumps(body)}\n\n"

    @app.post("/v1/chat/completions", response_model=None)
    async def completions(request: Request) -> JSONResponse | StreamingResponse:
        body = await request.json()
        app.state.requests.append(body)
        messages = convert_to_messages(
            [{"role": m["role"], "content": m["content"]} for m in body["messages"]])
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        kwargs = {"pipeline_kwargs": {"max_new_tokens": int(limit)}} if limit else {}
        cid = f"chatcmpl-{uuid.uuid4().hex[:12]}"
        if body.get("stream"):
            def events() -> Iterator[str]:
                yield chunk(cid, {"role": "assistant", "content": ""}, None)
                for piece in llm.stream(messages, **kwargs):
                    if piece.content:
                        yield chunk(cid, {"content": piece.content}, None)
                yield chunk(cid, {}, "stop")
                yield "data: [DONE]\n\n"

            return StreamingResponse(iterate_in_threadpool(events()),
                                     media_type="text/event-stream")
        reply = await run_in_threadpool(llm.invoke, messages, **kwargs)
        return JSONResponse({
            "id": cid, "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": reply.content}}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}})

    return app
