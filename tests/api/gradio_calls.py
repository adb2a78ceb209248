"""Calling the page's Gradio functions over HTTP as its browser does (`queue/join`, then
the session's event stream), for tests that attack them without a browser."""

from __future__ import annotations

import json
import secrets
from typing import Any

import httpx


def dependencies(url: str, **headers: str) -> dict[str, dict[str, Any]]:
    """The page's functions by API name (`fn_index` is `id`)."""
    config = httpx.get(f"{url}/config", headers=headers, timeout=30).json()
    return {d["api_name"]: d for d in config["dependencies"] if d.get("api_name")}


def join(url: str, fn_index: int, data: list[Any], session: str | None = None,
         **headers: str) -> httpx.Response:
    body = {"data": data, "fn_index": fn_index, "session_hash": session or new_session(),
            "trigger_id": None, "event_data": None}
    return httpx.post(f"{url}/gradio_api/queue/join", json=body, headers=headers, timeout=30)


def call(url: str, fn_index: int, data: list[Any], timeout: float = 120,
         session: str | None = None, **headers: str) -> dict[str, Any]:
    """Run one function (in a new session unless given); its `process_completed` message."""
    session = session or new_session()
    joined = join(url, fn_index, data, session, **headers)
    joined.raise_for_status()
    event_id = joined.json()["event_id"]
    with httpx.stream("GET", f"{url}/gradio_api/queue/data",
                      params={"session_hash": session}, headers=headers,
                      timeout=timeout) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("event_id") == event_id and message.get("msg") == "process_completed":
                return message
    raise AssertionError("the event never completed")


def new_session() -> str:
    return secrets.token_hex(6)
