"""Every error of the HTTP API in one shape (docs/api.md), whatever raised it.

    {"error": {"status": 404, "code": "not_found", "message": "no event with id '12ab'"}}

Invalid parameters add `detail`, one object per problem (where, what). A page (text/html
request) gets the same words in an HTML page instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, SitrepError, StoreError

__all__ = ["ApiError", "error_body", "install_error_handlers"]

log = logging.getLogger("sitrep.api")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "read_only", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
          415: "unsupported_media_type", 422: "invalid", 500: "internal",
          503: "store_unavailable"}


class ApiError(Exception):
    """An answer other than 200, raised from a route: status, code and a message that names
    the input and the problem."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers or {}


def error_body(status: int, code: str, message: str,
               detail: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON of an error answer."""
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if detail:
        body["detail"] = detail
    return {"error": body}


def _answer(request: Request, status: int, code: str, message: str,
            detail: list[dict[str, Any]] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    if not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
            "accept", ""):
        from ..web.pages import error_page

        return error_page(request, status, message, headers=headers)
    return JSONResponse(error_body(status, code, message, detail), status_code=status,
                        headers=headers)


def _where(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body")] if loc else []
    return ".".join(parts) or "request"


def install_error_handlers(app: FastAPI) -> None:
    """Make every failure answer in the error shape: our own, FastAPI's and Starlette's,
    invalid parameters, and anything unexpected (logged, then a 500 without internals)."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _answer(request, exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _answer(request, status, _CODES.get(status, "error"), message,
                       headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"where": _where(e.get("loc")), "problem": str(e.get("msg", "invalid"))}
                  for e in exc.errors()]
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in detail) or "invalid request"
        return _answer(request, 422, "invalid", message, detail)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return _answer(request, 400, "bad_request", str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store: %s", exc)
        return _answer(request, 503, "store_unavailable", str(exc))

    @app.exception_handler(SitrepError)
    async def sitrep_error(request: Request, exc: SitrepError) -> Response:
        return _answer(request, 400, "bad_request", str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _answer(request, 500, "internal", "internal error; the server log has details")
