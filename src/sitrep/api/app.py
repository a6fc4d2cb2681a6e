"""The sitrep server: the JSON API (/api, /openapi.json, /docs) and the web pages, one app.

    app = create_app(open_store("sitrep.db", create=False), settings=Settings.resolve())
    uvicorn.run(app, host="127.0.0.1", port=8000)        # what `sitrep serve` does

Everything it answers comes from the same query functions as the CLI (`sitrep.knowledge`).
Every answer carries a Content-Security-Policy that lets a page load only this server's own
files: no script from elsewhere, no inline script, no outside request of any kind.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from ..datafiles import packaged
from ..settings import Settings
from ..store import Store
from .errors import error_body, install_error_handlers
from .routes import router
from .schemas import components

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["create_app"]

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: this server's own files only; inline SVG needs nothing more. `form-action` keeps search
#: forms on the server; `frame-ancestors` stops another site framing the pages.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
#: the interactive API docs (Swagger UI, from a PyPI package) set inline styles
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


#: how many codes' facts (and world answers) a server keeps decoded in memory
SERVER_MEMO = 1024


def _version() -> str:
    try:
        return version("sitrep")
    except PackageNotFoundError:
        return "0"


class Guard:
    """ASGI middleware: refuse bodies above `limit` bytes (413, before and while reading),
    and add the security headers to every answer."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                docs = scope.get("path", "").startswith("/docs")
                extra = [(b"content-security-policy", (DOCS_CSP if docs else CSP).encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except _TooLarge:
            if not started:
                await self._too_large(scope, send)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        import json

        body = json.dumps(error_body(413, "too_large", (
            f"{scope.get('method', '')} {scope.get('path', '')}: the request body is larger "
            f"than max_request_bytes ({self.limit:,} bytes)"))).encode()
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"content-security-policy", CSP.encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(components())
        # pages are HTML for people; the document describes the API
        schema["paths"] = {p: v for p, v in schema["paths"].items()
                           if p.startswith("/api/")}
        app.openapi_schema = schema
    return app.openapi_schema


def _pipeline_loader(settings: Settings) -> Callable[[], Pipeline]:
    """Load the spaCy pipeline on the first write, once (a read-only server never loads it)."""
    lock = threading.Lock()
    loaded: list[Pipeline] = []

    def get() -> Pipeline:
        with lock:
            if not loaded:
                from ..pipeline import Pipeline

                loaded.append(Pipeline(settings))
            return loaded[0]

    return get


def create_app(store: Store, *, settings: Settings,
               pipeline: Callable[[], Pipeline] | None = None) -> FastAPI:
    """The server over `store`: API, OpenAPI document, interactive docs and web pages.

    `pipeline` gives the extraction pipeline for POST /api/articles (default: loaded from
    `settings` on the first POST). The caller owns the store and closes it.
    """
    from ..web.pages import router as pages

    app = FastAPI(title="sitrep", version=_version(), docs_url=None, redoc_url=None,
                  description=("Sourced, dated security relations: events, the situation of a "
                               "country on a date, timelines, the relations graph and exports. "
                               "Errors answer in one shape: `{\"error\": {\"status\", \"code\", "
                               "\"message\", \"detail\"?}}` (docs/api.md)."))
    app.state.store = store
    # a server answers about every country: keep every code's facts in memory, not 16
    store.memo_codes = max(store.memo_codes, SERVER_MEMO)
    app.state.settings = settings
    app.state.pipeline = pipeline or _pipeline_loader(settings)
    app.state.ingest_lock = threading.Lock()
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=str(packaged("web", "static"))), name="static")
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.openapi = partial(_openapi, app)  # type: ignore[method-assign]
    app.add_middleware(Guard, limit=settings.max_request_bytes)
    return app
