"""The JSON endpoints under /api: thin calls of `sitrep.knowledge` and `sitrep.store`.

Each route reads its parameters, asks the same query function the CLI and the pages ask,
and answers the JSON its OpenAPI component (api/schemas.py) describes. Writes (POST
/api/articles) need the bearer token of the `api_token` setting; without one the server is
read-only.
"""

from __future__ import annotations

import hmac
import io
import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..knowledge import facts, situation, timeline
from ..knowledge.browse import event_detail, world
from ..knowledge.names import resolve_code
from ..report.timeline_list import timeline_record
from ..settings import Settings
from ..store import EventQuery, Store, list_events
from .errors import ApiError
from .params import Day, known_params
from .schemas import response

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_params)])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: response("Error", "A parameter that cannot be used (an unknown country, a cursor "
                           "this server did not give)."),
    422: response("Error", "Invalid parameters: one `detail` per problem."),
    503: response("Error", "The store cannot be read."),
}
_EXPORT_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
                 "geojson": "application/geo+json", "graphml": "application/xml",
                 "parquet": "application/vnd.apache.parquet"}

Kind = Literal["deploy", "withdraw", "agreement_signed", "agreement_ended", "coup",
               "demand_withdrawal"]
Status = Literal["planned", "ongoing", "completed"]
#: an actor code or a name the gazetteer knows ("NER", "Niger", "ECOWAS")
CodeQuery = Annotated[str | None, Query(max_length=100, description=(
    "A country or organisation: an ISO alpha-3 code (NER), an organisation code (ECOWAS) "
    "or a name (Niger)."))]
KnownAt = Annotated[Day | None, Query(description=(
    "Read only the sources published on or before this day (what was known then)."))]


def store_of(request: Request) -> Store:
    """The server's store (opened once, by `create_app`)."""
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> Settings:
    """The server's settings."""
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(store_of)]


def _code(text: str | None, what: str) -> str | None:
    return resolve_code(text, what=what) if text else None


def _json(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)


@router.get("/health", summary="Is the server up, and what does its store hold",
            responses={200: response("Health", "The server answers.")})
def health(request: Request, store: StoreDep) -> JSONResponse:
    counts = store.counts()
    return _json({"status": "ok", "articles": counts["articles"], "events": counts["events"],
                  "read_only": not settings_of(request).api_token})


@router.get("/events", summary="Event records, filtered, newest first, a page at a time",
            responses={200: response("EventPage", "A page of event records."), **_ERRORS})
def events(store: StoreDep, country: CodeQuery = None, actor: CodeQuery = None,
           kind: Annotated[list[Kind] | None, Query()] = None,
           status: Annotated[list[Status] | None, Query()] = None,
           since: Day | None = None, until: Day | None = None,
           q: Annotated[str | None, Query(max_length=200, description=(
               "Words that must occur (in this order) in the sentences, names, place or "
               "agreement; case does not matter."))] = None,
           known_at: KnownAt = None,
           cursor: Annotated[str | None, Query(max_length=400, description=(
               "`next_cursor` of the previous page."))] = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSONResponse:
    query = EventQuery(country=_code(country, "country"), actor=_code(actor, "actor"),
                       kinds=tuple(kind or ()), statuses=tuple(status or ()), since=since,
                       until=until, text=q, known_at=known_at)
    page = list_events(store, query, after=cursor, limit=limit)
    return _json({"events": [r.event.to_dict() for r in page.rows],
                  "next_cursor": page.next_cursor})


@router.get("/events/{event_id}", summary="One event, the fact it belongs to, its sources",
            responses={200: response("EventDetail", "The event and every source of its fact, "
                                                    "with the sentences' offsets."),
                       404: response("Error", "No event with this id."), **_ERRORS})
def event(store: StoreDep,
          event_id: Annotated[str, Path(max_length=64)]) -> JSONResponse:
    found = event_detail(store, event_id)
    if found is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    fact = found.fact
    return _json({
        "event": found.event.to_dict(),
        "fact": {"id": fact.id, "reports": fact.reports,
                 "counts": [list(c) for c in fact.counts]},
        "sources": [s.source.to_dict(full=True) for s in found.sources],
    })


@router.get("/state/{country}", summary="The situation of a country on a date",
            responses={200: response("Situation", "Forces present and ended, agreements, "
                                                  "government, obligations."), **_ERRORS})
def state(store: StoreDep, country: Annotated[str, Path(max_length=100)],
          as_of: Annotated[Day | None, Query(description="Default: today.")] = None,
          known_at: KnownAt = None) -> JSONResponse:
    code = resolve_code(country)
    s = situation(store, code, as_of=as_of or date.today(), known_at=known_at)
    return _json(s.to_dict())


@router.get("/world", summary="The situation of every state the store knows, on a date",
            responses={200: response("World", "Every state with something to show."),
                       **_ERRORS})
def world_state(store: StoreDep,
                as_of: Annotated[Day | None, Query(description="Default: today.")] = None,
                known_at: KnownAt = None) -> JSONResponse:
    day = as_of or date.today()
    found = world(store, as_of=day, known_at=known_at)
    return _json({"as_of": day.isoformat(),
                  "known_at": known_at.isoformat() if known_at else None,
                  "countries": [s.to_dict() for s in found]})


@router.get("/timeline", summary="Facts in date order (one per real-world event)",
            responses={200: response("Timeline", "The dated facts."), **_ERRORS})
def timeline_of(store: StoreDep, country: CodeQuery = None, actor: CodeQuery = None,
                kind: Annotated[list[Kind] | None, Query()] = None,
                since: Day | None = None, until: Day | None = None,
                known_at: KnownAt = None) -> JSONResponse:
    entries = timeline(store, _code(country, "country"), actor=_code(actor, "actor"),
                       kinds=tuple(kind or ()), since=since, until=until, known_at=known_at)
    return _json({"entries": [timeline_record(e) for e in entries]})


@router.get("/graph", summary="Who has forces in whom and who is bound to whom, on a date",
            responses={200: response("Relations", "States and organisations, and edges for "
                                                  "presences and agreements."), **_ERRORS})
def graph(store: StoreDep,
          as_of: Annotated[Day | None, Query(description="Default: today.")] = None,
          known_at: KnownAt = None,
          ended: Annotated[bool, Query(description="Also ended presences and agreements.")]
          = False) -> JSONResponse:
    from ..state.relations import relations

    day = as_of or date.today()
    rel = relations(world(store, as_of=day, known_at=known_at), as_of=day,
                    known_at=known_at, ended=ended)
    return _json(rel.to_dict())


@router.get("/export/{fmt}", summary="Every fact (or a country's) as a file",
            responses={200: {"description": "The file (docs/export.md describes each format).",
                             "content": {m.split(";")[0]: {} for m in _EXPORT_MEDIA.values()}},
                       **_ERRORS})
def export(store: StoreDep, fmt: Literal["csv", "parquet", "geojson", "graphml", "jsonl"],
           country: CodeQuery = None, known_at: KnownAt = None) -> Response:
    from ..export import write_export

    out = io.BytesIO()
    write_export(facts(store, _code(country, "country"), known_at=known_at), fmt=fmt, out=out)
    name = f"sitrep-{(country or 'all').lower()}.{fmt}"
    return Response(out.getvalue(), media_type=_EXPORT_MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


class ArticleIn(BaseModel):
    """An article to ingest: the fields of an input JSON line (docs/event-record.md)."""

    model_config = ConfigDict(extra="ignore")
    id: str | None = Field(default=None, max_length=500)
    text: str = Field(min_length=1)
    published: Day | None = None
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)


class ArticlesIn(BaseModel):
    """Articles to ingest in one request."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


def _authorized(request: Request) -> None:
    token = settings_of(request).api_token
    if not token:
        raise ApiError(403, "this server is read-only: set the api_token setting "
                            "(SITREP_API_TOKEN) to accept articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(),
                                                             token.encode()):
        raise ApiError(401, "a valid bearer token is required to add articles",
                       headers={"WWW-Authenticate": 'Bearer realm="sitrep"'})


@router.post("/articles", summary="Ingest articles (needs the bearer token)",
             status_code=200, dependencies=[Depends(_authorized)],
             responses={200: response("IngestResult", "What was stored."),
                        401: response("Error", "No token, or a wrong one."),
                        403: response("Error", "The server is read-only (no token set)."),
                        413: response("Error", "The request is larger than "
                                               "max_request_bytes."), **_ERRORS})
def add_articles(request: Request, store: StoreDep, body: ArticlesIn) -> JSONResponse:
    from ..ingest.jsonl import read_jsonl
    from ..knowledge import ingest_articles

    settings = settings_of(request)
    items: list[Any] = []
    for i, art in enumerate(body.articles):
        # the checks of an input JSON line, with the size limits of the settings
        line = json.dumps(art.model_dump(mode="json", exclude_none=True)).encode() + b"\n"
        items.extend(read_jsonl([line], source=f"articles[{i}]", published=None,
                                max_chars=settings.max_article_chars,
                                max_line_bytes=settings.max_request_bytes))
    # one ingest at a time: the spaCy pipeline is not made for several threads at once
    with request.app.state.ingest_lock:
        report = ingest_articles(store, items, pipeline=request.app.state.pipeline(),
                                 source="POST /api/articles")
    failed = [{"input": p.source, "problem": str(p)} for p in report.problems
              if isinstance(p, InputError)]
    return _json({"added": report.added, "skipped": report.duplicates, "failed": failed,
                  "events": report.events})
