"""ASGI middleware in front of the mounted Gradio app: the checks Gradio does not make
(issue 17), made by the application whatever Gradio's launch state.

- No call may hand Gradio a file: any object with a `path` in a call's JSON is refused,
  so Gradio never copies a server file into its cache (its own check,
  `processing_utils._check_allowed`, is skipped in a mounted app, which is never launched).
- Gradio's cache is served only to a request with a valid API key (`/gradio_api/file=`);
  the app itself never serves files from it.
- `/gradio_api/upload` takes the same key as a REST upload (none configured: no uploads),
  and at most `max_upload_files` files; its size limit is the REST upload's (`BodyLimit`).
- Calls by name (`/gradio_api/run|api|call|call/v2/NAME`) reach only public endpoints (not
  the page's private functions, and not another function through a `fn_index` in the
  body), with missing optional arguments filled in and wrong ones refused with 422.
- `POST /login`: after `attempts` wrong keys from one client address, a back-off that
  doubles with each further failure (1 s, 2 s, ... up to 60 s) answers 429.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.auth import KeyRing, presented_key
from bot.api.errors import error_body

API = "/gradio_api"
_BY_NAME = re.compile(rf"^{API}/(?:run|api|call/v2|call)/(?P<name>[^/]+)/?$")
_FILE_ROUTES = (f"{API}/file=", f"{API}/file/")
# routes this page never uses, some of which read files or run code Gradio's way
_CLOSED = (f"{API}/proxy=", f"{API}/process_recording", f"{API}/component_server",
           f"{API}/vibe-edit", f"{API}/undo-vibe-edit", f"{API}/vibe-code", "/monitoring",
           f"{API}/run-history", f"{API}/runs", f"{API}/dev/reload", f"{API}/mcp", "/mcp")
_FILENAME = re.compile(rb"filename\*?=", re.IGNORECASE)
MAX_BACKOFF = 60.0
Endpoints = Callable[[], dict[str, Any]]


class GradioGuard:
    def __init__(self, app: ASGIApp, keys: KeyRing, blocks: Any, max_files: int,
                 attempts: int, prefixes: tuple[str, ...] = ("/api/v1", "/view")) -> None:
        """`blocks`: the mounted page; `prefixes`: paths that are not Gradio's."""
        self.app, self.keys, self.blocks = app, keys, blocks
        self.endpoints, self.inputs = public_endpoints(blocks), input_counts(blocks)
        self.max_files, self.attempts, self.prefixes = max_files, attempts, prefixes
        self.failures: dict[str, tuple[int, float]] = {}  # client: (failures, blocked until)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path or path.startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if path.startswith(_CLOSED):
            await _refuse(send, 404, "not_found", "not found")
            return
        if path.startswith(_FILE_ROUTES):
            if not self.keys.matches(self._key(scope)):
                await _refuse(send, 404, "not_found", "no such file")
                return
        elif method == "POST" and path.rstrip("/") == "/login":
            await self._login(scope, receive, send)
            return
        elif method == "POST" and path.rstrip("/") == f"{API}/upload":
            await self._upload(scope, receive, send)
            return
        elif method == "POST" and path.startswith(API + "/"):
            await self._call(scope, receive, send, path)
            return
        elif method == "GET" and path.rstrip("/") == f"{API}/queue/data" \
                and not self._known_session(scope):
            # Gradio would start the event stream and then break it off (an error after
            # the response started)
            await _refuse(send, 404, "not_found", "no such session")
            return
        await self.app(scope, receive, send)

    def _known_session(self, scope: Scope) -> bool:
        from urllib.parse import parse_qs

        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        session = (query.get("session_hash") or [None])[0]
        queue = getattr(self.blocks, "_queue", None)
        pending = getattr(queue, "pending_messages_per_session", None)
        return session is None or pending is None or session in pending

    # ---- keys ------------------------------------------------------------------------
    @staticmethod
    def _key(scope: Scope) -> str | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope["headers"]}
        return presented_key(headers.get("x-api-key"), headers.get("authorization"))

    # ---- /gradio_api/upload ----------------------------------------------------------
    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        why = self._write_refusal(scope)
        if why is not None:
            await _refuse(send, *why)
            return
        seen = 0
        tail = b""
        over = False

        async def counting_receive() -> Message:
            nonlocal seen, tail, over
            message = await receive()
            if message["type"] == "http.request":
                chunk = tail + message.get("body", b"")
                seen += len(_FILENAME.findall(chunk))
                tail = chunk[-16:] if not _FILENAME.search(chunk[-16:]) else b""
                if seen > self.max_files:
                    over = True
                    raise _TooManyFiles
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
            await _refuse(send, 413, "too_many_files", f"more than {self.max_files} files in "
                          "one upload (PRESSBOT_MAX_UPLOAD_FILES)")

    def _write_refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        from bot.api.errors import ApiError

        try:
            self.keys.check(self._key(scope), write=True)
        except ApiError as error:
            return error.status, error.code, error.message
        return None

    # ---- calls -----------------------------------------------------------------------
    async def _call(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        body, complete = await _read_body(receive)
        if not complete:
            return
        try:
            payload = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError):
            payload = None  # not JSON: Gradio answers it (422)
        else:
            if _has_path(payload):
                await _refuse(send, 400, "files_not_accepted", "this application takes no "
                              "files through Gradio calls (upload through the Library or "
                              "POST /api/v1/documents)")
                return
        named = _BY_NAME.match(path)
        if path.rstrip("/") == f"{API}/queue/join":
            why = self._queue_refusal(payload)
            if why is not None:
                await _refuse(send, 422, "invalid_request", why)
                return
        elif named is not None:
            fixed = self._named_call(named.group("name"), path, payload)
            if isinstance(fixed, tuple):
                await _refuse(send, *fixed)
                return
            body = json.dumps(fixed).encode()
        await self.app(_with_length(scope, len(body)), _replay(body, receive), send)

    def _queue_refusal(self, payload: Any) -> str | None:
        """Why a `queue/join` body is malformed (Gradio answered 500 or dropped the
        connection for some), or None."""
        if not isinstance(payload, dict):
            return "the body must be an object"
        inputs = self.inputs().get(payload.get("fn_index"))  # type: ignore[arg-type]
        if inputs is None or isinstance(payload.get("fn_index"), bool):
            return "fn_index names no function of this page"
        data = payload.get("data")
        if not isinstance(data, list) or len(data) != inputs:
            return f"data must be a list of {inputs} values"
        if not isinstance(payload.get("session_hash"), str):
            return "session_hash must be a string"
        trigger = payload.get("trigger_id")
        if trigger is not None and (not isinstance(trigger, int) or isinstance(trigger, bool)):
            return "trigger_id must be an integer"
        return None

    def _named_call(self, name: str, path: str, payload: Any) -> Any:
        """The body to pass on for a call by name, or (status, code, message) to refuse."""
        endpoint = self.endpoints().get(name)
        if endpoint is None:
            return 404, "not_found", f"no public endpoint named {name!r}"
        if "/call/v2/" in path:
            if not isinstance(payload, dict):
                return 422, "invalid_request", "the body must be an object of named arguments"
            unknown = sorted(set(payload) - set(endpoint["parameters"]))
            if unknown:
                return 422, "invalid_request", f"unknown arguments: {', '.join(unknown)}"
            missing = [p for p in endpoint["required"] if p not in payload]
            if missing:
                return 422, "invalid_request", f"missing arguments: {', '.join(missing)}"
            if not all(v is None or isinstance(v, str) for v in payload.values()):
                return 422, "invalid_request", "every argument must be a string"
            return payload
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
            return 422, "invalid_request", 'the body must be {"data": [arguments...]}'
        data = payload["data"]
        if len(data) > endpoint["inputs"]:
            return 422, "invalid_request", (f"{name} takes at most {endpoint['inputs']} "
                                            f"arguments, not {len(data)}")
        if not all(v is None or isinstance(v, str) for v in data):
            return 422, "invalid_request", "every argument must be a string"
        fixed = dict(payload)
        fixed["data"] = [*data, *[None] * (endpoint["inputs"] - len(data))]
        fixed["fn_index"] = endpoint["id"]  # the named function, never another one
        return fixed

    # ---- /login ----------------------------------------------------------------------
    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = (scope.get("client") or ("unknown", 0))[0]
        now = time.monotonic()
        failures, until = self.failures.get(client, (0, 0.0))
        if until > now:
            await _refuse(send, 429, "too_many_attempts", "too many wrong keys: try again in "
                          f"{until - now:.0f} s", retry_after=until - now)
            return
        status = 0

        async def watching_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watching_send)
        if 200 <= status < 400:
            self.failures.pop(client, None)
        elif status in (400, 401, 403):
            failures += 1
            wait = 0.0 if failures < self.attempts else \
                min(MAX_BACKOFF, 2.0 ** (failures - self.attempts))
            self.failures[client] = (failures, time.monotonic() + wait)
            if len(self.failures) > 10_000:  # forget the oldest addresses
                for old in list(self.failures)[:5_000]:
                    del self.failures[old]


class _TooManyFiles(Exception):
    pass


def _has_path(value: Any, depth: int = 0) -> bool:
    """Whether a JSON value holds an object with a string `path` (Gradio's FileData)."""
    if depth > 64:
        return True  # no call of this page nests so deep
    if isinstance(value, dict):
        if isinstance(value.get("path"), str):
            return True
        return any(_has_path(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_has_path(v, depth + 1) for v in value)
    return False


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The whole request body (bounded by `BodyLimit` outside), and whether it came whole."""
    parts = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"", False
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(parts), True


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _with_length(scope: Scope, length: int) -> Scope:
    headers = [(k, v) for k, v in scope["headers"]
               if k.lower() not in (b"content-length", b"transfer-encoding")]
    return {**scope, "headers": [*headers, (b"content-length", str(length).encode())]}


async def _refuse(send: Send, status: int, code: str, message: str,
                  retry_after: float | None = None) -> None:
    body = json.dumps(error_body(code, message)).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(max(1, round(retry_after))).encode()))
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def public_endpoints(blocks: Any) -> Endpoints:
    """The Blocks' public functions by API name (for `GradioGuard`)."""
    import inspect

    def endpoints() -> dict[str, Any]:
        found = {}
        for fn in blocks.fns.values():
            if fn.api_name and getattr(fn, "api_visibility", "public") == "public":
                try:
                    parameters = inspect.signature(fn.fn).parameters if fn.fn else {}
                except (TypeError, ValueError):
                    parameters = {}
                found[fn.api_name] = {
                    "id": fn._id, "inputs": len(fn.inputs), "parameters": list(parameters),
                    "required": [n for n, p in parameters.items()
                                 if p.default is inspect.Parameter.empty]}
        return found

    return endpoints


def input_counts(blocks: Any) -> Callable[[], dict[int, int]]:
    """Every function of the Blocks: its fn index, and how many inputs it takes."""
    return lambda: {fn._id: len(fn.inputs) for fn in blocks.fns.values()}
