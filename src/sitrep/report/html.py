"""The situation as one self-contained HTML page: header, map, report sections, timeline.

The page makes no request of any kind: the map and the timeline are inline SVG drawn here, the
CSS is inline, there is no script, and a Content-Security-Policy forbids all of it anyway. It
says what render_text says (the same `lines.sections`), with links to the sources and their
supporting sentences. Everything taken from data goes through Jinja2's autoescape; links are
made only for http(s) URLs. The same input gives the same bytes: no clock, sorted output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..datafiles import packaged
from ..state import Fact, Situation, Source
from .labels import FONT
from .lines import sections, title
from .maps import STATUS_STYLES, build_map, fmt
from .timeline import KIND_STYLES, Entry, build_strip, timeline_entries

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["Links", "SourceView", "render_html", "report_context", "report_css", "safe_url",
           "templates"]


@dataclass(frozen=True, slots=True)
class SourceView:
    """A source as the page shows it: a label, a link if it has a web address, its date and
    its sentences."""

    label: str
    url: str | None
    published: str | None
    sentences: tuple[str, ...]
    #: where the web page shows the source's text with these sentences marked (None: no link)
    href: str | None = None


@dataclass(frozen=True, slots=True)
class _LineView:
    text: str
    sources: tuple[SourceView, ...]


@dataclass(frozen=True, slots=True)
class _SectionView:
    heading: str
    anchor: str
    lines: tuple[_LineView, ...]


@dataclass(frozen=True, slots=True)
class _Row:
    entry: Entry
    parties: str
    place: str
    said: str
    sources: tuple[SourceView, ...]
    after: bool
    #: the web page of the fact's event (None in the self-contained file)
    href: str | None = None


def safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) address a reader may follow, else None
    (javascript:, data:, file: and relative addresses are never made into links)."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True, slots=True)
class Links:
    """Where a web page links a report's sources and events; the file has none."""

    source: Callable[[Source], str]
    event: Callable[[Fact], str]


def _source(src: Source, links: Links | None) -> SourceView:
    return SourceView(label=src.title or src.doc_id, url=safe_url(src.url),
                      published=src.published.isoformat() if src.published else None,
                      sentences=tuple(e.text for e in src.evidence),
                      href=links.source(src) if links else None)


def _sections(s: Situation, links: Links | None) -> tuple[_SectionView, ...]:
    return tuple(
        _SectionView(sec.heading, f"section-{i + 1}", tuple(
            _LineView(line.text, tuple(_source(src, links) for src in line.sources))
            for line in sec.lines))
        for i, sec in enumerate(sections(s)))


def _party(code: str, name: str) -> str:
    return code if not name or name == code else f"{name} ({code})"


def _row(entry: Entry, s: Situation, links: Links | None) -> _Row:
    ev = entry.fact.event
    parties = _party(ev.actor.code, ev.actor.name)
    if ev.counterpart:
        parties += " → " + ", ".join(_party(c.code, c.name) for c in ev.counterpart)
    place = ev.place.name if ev.place else ""
    said = ev.evidence[0].text if ev.evidence else ""
    after = entry.moment is not None and entry.moment.start > s.as_of
    return _Row(entry, parties, place, said,
                tuple(_source(x, links) for x in entry.fact.sources), after,
                links.event(entry.fact) if links else None)


def _generator() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"sitrep {version('sitrep')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "sitrep"


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The Jinja2 environment of sitrep's HTML (the report file and the web pages):
    autoescaped, strict about undefined names."""
    import jinja2  # lazily: importing sitrep.report must stay light

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(packaged("templates"))),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["n"] = fmt
    return env


def report_context(situation: Situation, *, timeline: Sequence[Fact] = (),
                   links: Links | None = None) -> dict[str, Any]:
    """What report_body.html (and report.css) are rendered with: the situation's sections,
    map, timeline strip and rows; `links` makes the web page's links to sources and events."""
    s = situation
    entries = timeline_entries(timeline)
    secs = _sections(s, links)
    code_name = s.name(s.country)
    geo = build_map(s)
    if code_name == s.country and geo.host_name:
        code_name = geo.host_name
    return dict(
        title=title(s), country=s.country, country_name=code_name,
        as_of=s.as_of.isoformat(), known_at=s.known_at.isoformat() if s.known_at else None,
        generator=_generator(), sections=secs, map=geo, statuses=STATUS_STYLES,
        kinds=KIND_STYLES, rows=tuple(_row(e, s, links) for e in entries),
        strip=build_strip(entries, as_of=s.as_of, known_at=s.known_at),
        empty=not entries and not any(sec.lines for sec in secs), font=FONT, links=links,
        timeline_note=None,
    )


def report_css() -> str:
    """The report's style sheet (the file inlines it; the web pages serve it)."""
    return templates().get_template("report.css").render(statuses=STATUS_STYLES, font=FONT)


def render_html(situation: Situation, *, timeline: Sequence[Fact] = ()) -> str:
    """A self-contained HTML report of `situation`, with a timeline of `timeline`'s facts.

    `timeline`: the facts concerning the country, in any order (`timeline_facts` picks those a
    report as of the situation's dates shows). The page has no script and fetches nothing.
    """
    context = report_context(situation, timeline=timeline)
    return templates().get_template("report.html").render(**context)
