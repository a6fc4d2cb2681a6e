"""The web pages: the world as of a date, a country, an event, a source in context, the
relations graph, and search. Server-rendered HTML over the same queries as the API.

Maps and the graph are inline SVG laid out in Python (report/maps.py, web/world.py,
web/graph.py), so a page needs no script library and no outside file; app.js only makes the
date slider load the next date in place. Every value from data goes through Jinja2's
autoescape, and external links only to http(s) addresses (report.html.safe_url).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..api.params import Day
from ..errors import InputError
from ..knowledge import facts, situation
from ..knowledge.browse import event_detail, highlight, world
from ..knowledge.names import resolve_code
from ..records import Evidence
from ..report.html import Links, report_context, report_css, safe_url, templates
from ..report.maps import STATUS_STYLES
from ..report.timeline import KIND_STYLES, timeline_facts
from ..state import Fact, Source
from ..store import EventQuery, Store, event_span, get_article, list_events

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)

_KINDS = ("deploy", "withdraw", "agreement_signed", "agreement_ended", "coup",
          "demand_withdrawal")
_STATUSES = ("planned", "ongoing", "completed")


@dataclass(frozen=True, slots=True)
class When:
    """The dates a page shows: as of, known at, and the slider's stops (month ends)."""

    as_of: date
    known_at: date | None
    stops: tuple[date, ...]

    @property
    def stop(self) -> int:
        """The slider position nearest `as_of`."""
        return min(range(len(self.stops)), key=lambda i: abs((self.stops[i] - self.as_of).days))

    def query(self, **more: Any) -> str:
        """The query string that keeps these dates (and adds `more`)."""
        params: dict[str, Any] = {"as_of": self.as_of.isoformat()}
        if self.known_at:
            params["known_at"] = self.known_at.isoformat()
        params.update({k: v for k, v in more.items() if v not in (None, "", ())})
        return urlencode(params, doseq=True)


def _month_end(d: date) -> date:
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _when(store: Store, as_of: date | None, known_at: date | None) -> When:
    first, last = event_span(store)
    today = date.today()
    day = as_of or today
    start = min(d for d in (first, day) if d is not None)
    end = max(d for d in (last, day, today) if d is not None)
    stops: list[date] = []
    cur = date(start.year, start.month, 1)
    while cur <= end and len(stops) < 1200:
        stops.append(min(_month_end(cur), end))
        cur = _month_end(cur) + timedelta(days=1)
    return When(day, known_at, tuple(stops) or (day,))


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _page(request: Request, name: str, answer: int = 200, *,
          headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    html = templates().get_template(f"web/{name}").render(
        {"statuses": STATUS_STYLES, "kinds": KIND_STYLES, "path": request.url.path, **context})
    return HTMLResponse(html, status_code=answer, headers=headers)


def error_page(request: Request, status: int, message: str, *,
               headers: dict[str, str] | None = None) -> HTMLResponse:
    """The HTML answer of a failed page: the status and the message, and the way back."""
    return _page(request, "error.html", status, headers=headers, status=status,
                 message=message, when=None, title=f"Error {status}")


def country_href(code: str, when: When) -> str:
    """The page of a country, at the same dates."""
    return f"/country/{quote(code)}?{when.query()}"


def event_href(event_id: str) -> str:
    """The page of an event."""
    return f"/event/{quote(event_id)}"


def source_href(doc_id: str, evidence: tuple[Evidence, ...]) -> str:
    """A source's text with these sentences marked."""
    marks = ",".join(f"{e.start}-{e.end}" for e in evidence)
    return f"/article/{quote(doc_id, safe='')}" + (f"?{urlencode({'hl': marks})}" if marks
                                                   else "")


def _links() -> Links:
    def source(src: Source) -> str:
        return source_href(src.doc_id, src.evidence)

    def event(fact: Fact) -> str:
        return event_href(fact.id)

    return Links(source=source, event=event)


#: the most timeline rows a country page shows (the latest up to its date)
TIMELINE_ROWS = 300


def _latest(found: list[Fact], n: int) -> list[Fact]:
    def when(f: Fact) -> tuple[date, str]:
        m = f.moment()
        return (m.start if m else date.min, f.id)

    return sorted(found, key=when)[-n:]


AsOf = Annotated[Day | None, Query(description="The date the page shows; default today.")]
KnownAt = Annotated[Day | None, Query(description="Read only sources published by then.")]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, as_of: AsOf = None, known_at: KnownAt = None) -> HTMLResponse:
    """The world as of a date: who has forces where, with the slider."""
    from .world import world_map

    store = _store(request)
    when = _when(store, as_of, known_at)
    found = world(store, as_of=when.as_of, known_at=known_at)
    rows = sorted(((s, p) for s in found for p in s.presence if p.host == s.country),
                  key=lambda sp: (sp[1].status == "ended", sp[0].country, sp[1].actor))
    return _page(request, "world.html", when=when, title=f"The world as of {when.as_of}",
                 map=world_map(found), rows=rows,
                 href=lambda code: country_href(code, when), counts=store.counts())


@router.get("/country/{code}", response_class=HTMLResponse)
def country(request: Request, code: Annotated[str, Path(max_length=100)], as_of: AsOf = None,
            known_at: KnownAt = None) -> HTMLResponse:
    """A country's report as of the date, with links to its events and sources."""
    store = _store(request)
    found_code = resolve_code(code)
    when = _when(store, as_of, known_at)
    found = facts(store, found_code, known_at=known_at)
    s = situation(store, found_code, as_of=when.as_of, known_at=known_at)
    shown = timeline_facts(found, s.country, as_of=s.as_of, known_at=s.known_at)
    total = len(shown)
    if total > TIMELINE_ROWS:  # a page of 10,000 rows helps no one and weighs megabytes
        shown = _latest(shown, TIMELINE_ROWS)
    context = report_context(s, timeline=shown, links=_links())
    context.pop("title")
    if total > len(shown):
        context["timeline_note"] = (
            f"The {len(shown)} latest of the {total:,} facts up to {when.as_of}; all of "
            f"them are in the search and in /api/timeline?country={found_code}.")
    return _page(request, "country.html", when=when,
                 title=f"{context['country_name']} as of {when.as_of}", **context)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    """An event: what, who, when (as written and as resolved), the rule, every source with
    its sentences marked in the article's text."""
    detail = event_detail(_store(request), event_id)
    if detail is None:
        return error_page(request, 404, f"no event with id {event_id!r}")
    sources = [(st, safe_url(st.source.url),
                highlight(st.article.text, st.source.evidence) if st.article else None)
               for st in detail.sources]
    ev = detail.event
    parties = ", ".join(c.name for c in ev.counterpart)
    title = f"{ev.kind.replace('_', ' ')}: {ev.actor.name}" + (f" → {parties}" if parties
                                                               else "")
    return _page(request, "event.html", when=None, title=title, ev=ev, fact=detail.fact,
                 sources=sources, country_href=lambda c: f"/country/{quote(c)}")


@router.get("/article/{doc_id:path}", response_class=HTMLResponse)
def article(request: Request, doc_id: str,
            hl: Annotated[str | None, Query(max_length=2000, pattern=r"^[0-9,\-]*$")] = None
            ) -> HTMLResponse:
    """A stored article's text with the sentences `hl` ("start-end,...") marked, and its
    events."""
    store = _store(request)
    found = get_article(store, doc_id)
    if found is None:
        return error_page(request, 404, f"no article with id {doc_id!r}")
    marks = []
    for part in (hl or "").split(","):
        start, _, end = part.partition("-")
        if start.isdigit() and end.isdigit():
            marks.append(Evidence("", int(start), int(end)))
    page = list_events(store, EventQuery(doc_id=doc_id), limit=200)
    return _page(request, "article.html", when=None, title=found.title or found.id,
                 article=found, url=safe_url(found.url),
                 pieces=highlight(found.text, tuple(marks)), events=page.rows)


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, as_of: AsOf = None, known_at: KnownAt = None,
          ended: bool = False) -> HTMLResponse:
    """States and organisations, linked by presences and agreements, as of the date."""
    from ..state.relations import relations
    from .graph import GRAPH_STYLES, graph_view

    store = _store(request)
    when = _when(store, as_of, known_at)
    rel = relations(world(store, as_of=when.as_of, known_at=known_at), as_of=when.as_of,
                    known_at=known_at, ended=ended)
    names = {n.code: n.name for n in rel.nodes}
    return _page(request, "graph.html", when=when, title=f"Relations as of {when.as_of}",
                 graph=graph_view(rel), rel=rel, names=names, ended=ended,
                 graph_styles=GRAPH_STYLES,
                 href=lambda code: country_href(code, when))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request,
           q: Annotated[str | None, Query(max_length=200)] = None,
           country: Annotated[str | None, Query(max_length=100)] = None,
           actor: Annotated[str | None, Query(max_length=100)] = None,
           kind: Annotated[str | None, Query(max_length=40)] = None,
           status: Annotated[str | None, Query(max_length=20)] = None,
           since: Annotated[str | None, Query(max_length=10)] = None,
           until: Annotated[str | None, Query(max_length=10)] = None,
           cursor: Annotated[str | None, Query(max_length=400)] = None) -> HTMLResponse:
    """Events by words, country, actor, kind, status and date range, a page at a time."""
    store = _store(request)
    form = {"q": q or "", "country": country or "", "actor": actor or "", "kind": kind or "",
            "status": status or "", "since": since or "", "until": until or ""}
    problems: list[str] = []

    def day(text: str | None, what: str) -> date | None:
        # a form sends empty fields: empty is "any", not an error
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            problems.append(f"{what}: {text!r} is not a day (YYYY-MM-DD)")
            return None

    def code(text: str | None, what: str) -> str | None:
        try:
            return resolve_code(text, what=what) if text else None
        except InputError as err:
            problems.append(str(err))
            return None

    query = EventQuery(country=code(country, "country"), actor=code(actor, "actor"),
                       kinds=(kind,) if kind in _KINDS else (),
                       statuses=(status,) if status in _STATUSES else (),
                       since=day(since, "from"), until=day(until, "to"), text=q)
    rows: tuple[Any, ...] = ()
    next_url = None
    if not problems:
        page = list_events(store, query, after=cursor or None, limit=50)
        rows = page.rows
        if page.next_cursor:
            next_url = "/search?" + urlencode({**{k: v for k, v in form.items() if v},
                                               "cursor": page.next_cursor})
    return _page(request, "search.html", when=None, title="Search events", form=form,
                 rows=rows, next_url=next_url, problems=problems, kind_names=_KINDS,
                 status_names=_STATUSES, first_page=not cursor)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The interactive API documentation (Swagger UI, served from this server)."""
    return _page(request, "docs.html", when=None, title="sitrep API")


@router.get("/static/report.css")
def report_style() -> Response:
    """The country report's style sheet (the same as the report file's)."""
    return Response(report_css(), media_type="text/css")
