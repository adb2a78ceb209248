"""Every error the API sends is `{"error": {"code", "message"}}`; client mistakes are 4xx."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from bot.errors import LLMNotConfiguredError, LLMUnavailableError

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
          415: "unsupported_media_type", 422: "invalid_request", 502: "llm_unavailable",
          503: "not_ready"}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """Raised by routes and dependencies; becomes an error response with `status`."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def error_of(exc: Exception) -> tuple[int, dict[str, Any]]:
    """(status, body) for an exception raised while answering."""
    if isinstance(exc, LLMNotConfiguredError):
        return 422, error_body("llm_not_configured", str(exc))
    if isinstance(exc, LLMUnavailableError):
        return 502, error_body("llm_unavailable", str(exc))
    return 500, error_body("internal", "internal error; it has been logged")


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the error statuses an operation may send."""
    return {s: {"model": ErrorResponse, "description": _CODES.get(s, "error")} for s in statuses}


def _describe(errors: list[Any]) -> str:
    parts = []
    for e in errors[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app accepts at this path (Starlette names only the
    first matching route's, so `DELETE /documents` said `GET` where `POST` is allowed too).
    Each method is tried against the routes, as routing would."""
    routes = request.app.router.routes
    return [method for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
            if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                   for route in routes)]


def install_api_error_handler(app: FastAPI) -> None:
    """Only `ApiError` as JSON (for the outer app, whose other errors are the UI's own)."""
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]


def install_error_handlers(app: FastAPI) -> None:
    install_api_error_handler(app)

    @app.exception_handler(LLMNotConfiguredError)
    async def _no_llm(_: Request, exc: LLMNotConfiguredError) -> JSONResponse:
        return error_response(422, "llm_not_configured", str(exc))

    @app.exception_handler(LLMUnavailableError)
    async def _llm_down(_: Request, exc: LLMUnavailableError) -> JSONResponse:
        log.warning("LLM failed: %s", exc)
        return error_response(502, "llm_unavailable", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _describe(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "internal" if exc.status_code >= 500 else "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return error_response(exc.status_code, code, message, headers or None)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal", "internal error; it has been logged")
