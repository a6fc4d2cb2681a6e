"""The HTML report's timeline: the facts concerning a country in date order, and their strip.

A fact is dated by its event's own date, else by its first source's publication ("reported":
true by then); a fact with neither goes last, "date unknown". The strip has one lane per kind
(so kind never rests on colour alone) and a mark per fact, linked to the fact's table row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..records import KINDS
from ..state import Fact, Moment
from ..state.facts import date_facts
from .labels import FONT

__all__ = ["KIND_STYLES", "Entry", "KindStyle", "Mark", "Strip", "build_strip", "kind_style",
           "timeline_entries", "timeline_facts"]


@dataclass(frozen=True, slots=True)
class KindStyle:
    """How an event kind is drawn: words, an Okabe–Ito colour and a symbol shape."""

    kind: str
    label: str
    colour: str
    symbol: str  # an SVG path of the symbol around (0, 0), about 10 px across


_CIRCLE_PATH = "M-5 0a5 5 0 1 0 10 0a5 5 0 1 0-10 0"
KIND_STYLES: tuple[KindStyle, ...] = (
    KindStyle("deploy", "deployment", "#0072B2", "M0-6L6 5H-6z"),
    KindStyle("withdraw", "withdrawal", "#D55E00", "M0 6L6-5H-6z"),
    KindStyle("agreement_signed", "agreement signed", "#009E73", "M-5-5h10v10h-10z"),
    KindStyle("agreement_ended", "agreement ended", "#CC79A7", "M0-6L6 0 0 6-6 0z"),
    KindStyle("coup", "coup", "#000000", "M-5-5L5 5M5-5L-5 5"),
    KindStyle("demand_withdrawal", "withdrawal demanded", "#E69F00",
              _CIRCLE_PATH),
)
_KIND = {k.kind: k for k in KIND_STYLES}
_ORDER = {k: i for i, k in enumerate(KINDS)}


def kind_style(kind: str) -> KindStyle:
    """The style of `kind`; a kind added to the ontology later is drawn as a grey dot."""
    return _KIND.get(kind) or KindStyle(kind, kind.replace("_", " "), "#555555", _CIRCLE_PATH)


@dataclass(frozen=True, slots=True)
class Entry:
    """One fact on the timeline, with the date it is shown at (None: unknown)."""

    fact: Fact
    moment: Moment | None
    anchor: str

    @property
    def style(self) -> KindStyle:
        return kind_style(self.fact.event.kind)

    @property
    def when(self) -> str:
        """'2024-07-07', 'reported 2024-03-18', or 'date unknown'."""
        if self.moment is None:
            return "date unknown"
        return f"reported {self.moment.value}" if self.moment.reported else self.moment.value


def timeline_entries(facts: Iterable[Fact]) -> tuple[Entry, ...]:
    """The facts in date order (by the start of their date; on one day, a dated event before
    a reported one, then by kind, actor and id); undated and unpublished ones last."""
    dated = [(f, f.moment()) for f in facts]

    def key(item: tuple[Fact, Moment | None]) -> tuple[Any, ...]:
        f, m = item
        return (m.start if m else date.max, m.reported if m else True, m.end if m else date.max,
                _ORDER.get(f.event.kind, len(_ORDER)), f.event.actor.code, f.event.id,
                tuple(s.doc_id for s in f.sources), tuple(e.text for e in f.event.evidence))

    return tuple(Entry(f, m, f"fact-{i + 1}") for i, (f, m) in enumerate(sorted(dated, key=key)))


def timeline_facts(facts: Iterable[Fact], country: str, *, as_of: date,
                   known_at: date | None = None) -> list[Fact]:
    """The facts a report on `country` as of `as_of` (known at `known_at`) shows: those with the
    country as actor or counterpart that derive_state counts, with only their visible sources."""
    mine = (f for f in facts if f.event.actor.code == country
            or any(c.code == country for c in f.event.counterpart))
    return [Fact(d.event, d.sources) for d in date_facts(mine, known_at=known_at)
            if d.effective <= as_of]


@dataclass(frozen=True, slots=True)
class Mark:
    """One fact on the strip: symbol centre (x, y), and the span of an imprecise date."""

    entry: Entry
    x: float
    y: float
    x_end: float


@dataclass(frozen=True, slots=True)
class Lane:
    style: KindStyle
    y: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class Strip:
    """The timeline as an SVG strip: lanes (one per kind shown), ticks, marks, and lines at
    the as-of and known-at dates when they fall in range."""

    width: float
    height: float
    left: float
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    rules: tuple[Tick, ...]


_WIDTH, _LEFT, _RIGHT, _LANE, _TOP = 720.0, 150.0, 16.0, 30.0, 8.0


def _ticks(first: date, last: date, x: Callable[[date], float]) -> tuple[Tick, ...]:
    """Year ticks over long spans; month ticks (at most about ten) over short ones."""
    years = last.year - first.year
    if years >= 2:
        step = max(1, years // 8)
        return tuple(Tick(x(date(y, 1, 1)), str(y))
                     for y in range(first.year + 1, last.year + 1, step))
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, months // 8)
    ticks, y, m = [], first.year, first.month
    for i in range(1, months + 1):
        m += 1
        if m > 12:
            y, m = y + 1, 1
        if i % step == 0:
            ticks.append(Tick(x(date(y, m, 1)), f"{y}-{m:02d}"))
    return tuple(ticks)


def build_strip(entries: Sequence[Entry], *, as_of: date,
                known_at: date | None = None) -> Strip | None:
    """The strip of the dated entries (None when none is dated); the range covers them and
    the as-of and known-at dates, so the reader sees how recent the last report is."""
    dated = [(e, e.moment) for e in entries if e.moment is not None]
    if not dated:
        return None
    present = {e.fact.event.kind for e, _ in dated}
    kinds = [kind_style(k) for k in sorted(present, key=lambda k: (_ORDER.get(k, len(_ORDER)), k))]
    lanes = tuple(Lane(k, _TOP + _LANE * (i + 0.5)) for i, k in enumerate(kinds))
    lane_y = {lane.style.kind: lane.y for lane in lanes}
    stops = [d for _, m in dated for d in (m.start, m.end)]
    stops += [as_of, *([known_at] if known_at else [])]
    first, last = min(stops), max(stops)
    span = max((last - first).days, 1)
    plot = _WIDTH - _LEFT - _RIGHT

    def x(d: date) -> float:
        return _LEFT + plot * (d - first).days / span

    marks = []
    lane_ends: dict[str, list[float]] = {}  # per lane, how far each row of it is filled
    for e, m in dated:
        cx = x(m.start)
        rows = lane_ends.setdefault(e.fact.event.kind, [])
        row = next((i for i, end in enumerate(rows) if cx - end >= 9), len(rows))
        rows[row:row + 1] = [cx]
        offset = ((row + 1) // 2) * 7 * (1 if row % 2 else -1) if row < 3 else 0
        marks.append(Mark(e, cx, lane_y[e.fact.event.kind] + offset, x(m.end)))
    rules = [Tick(x(as_of), f"as of {as_of.isoformat()}")]
    if known_at is not None:
        rules.append(Tick(x(known_at), f"known at {known_at.isoformat()}"))
    height = _TOP + _LANE * len(lanes) + FONT * 2.5
    return Strip(_WIDTH, height, _LEFT, lanes, _ticks(first, last, x), tuple(marks),
                 tuple(rules))
