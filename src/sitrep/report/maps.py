"""The HTML report's map, laid out in Python: what to draw, where, in which style.

Drawn: the host shaded, each foreign actor's country coloured by its presence status, a curved
arrow from each sending country's main polygon to the host, markers for the places forces hold
or handed over. Organisations (UN, EU, WAGNER, AES...) and states too small for the 1:110m
world have no shape: they are listed beside the map (`MapModel.unmapped`), with no line.

When the senders are far from the host (the US and Russia in Niger), one map would show the
host as a speck: the layout then gives an overview (senders, arrows) and a close-up of the
host with its places. The template only writes out what this module computed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from ..state import Presence, Situation
from .geo import Box, Point, Projection, Shape, world_shapes
from .labels import Label, Want, place_labels

__all__ = [
    "STATUS_STYLES",
    "MapLine",
    "MapMarker",
    "MapModel",
    "MapShape",
    "MapView",
    "PlaceMark",
    "StatusStyle",
    "Unmapped",
    "arrow",
    "build_map",
    "cluster_places",
    "fmt",
    "frame",
    "lead_presences",
    "located_places",
    "shape_path",
]

WIDTH = 720.0
#: A close-up is added when the overview's area is this many times the host's frame.
_ZOOM_RATIO = 4.0
_ASPECT = (0.45, 0.8)  # height / width of a frame, so a long thin country still has room


@dataclass(frozen=True, slots=True)
class StatusStyle:
    """How a presence status is drawn: colour (Okabe–Ito), dash pattern, words."""

    status: str
    label: str
    colour: str
    dash: str


#: Colour-blind safe: Okabe–Ito hues, and each status also has its own dash pattern and words.
STATUS_STYLES: tuple[StatusStyle, ...] = (
    StatusStyle("present", "present", "#0072B2", ""),
    StatusStyle("withdrawal_planned", "withdrawal planned", "#E69F00", "12 6"),
    StatusStyle("withdrawing", "withdrawing", "#CC79A7", "4 4"),
    StatusStyle("ended", "ended", "#666666", "1 6"),
)
_STYLE = {s.status: s for s in STATUS_STYLES}
_RANK = {s.status: i for i, s in enumerate(STATUS_STYLES)}


@dataclass(frozen=True, slots=True)
class MapShape:
    """A country path; `role` is "host", a presence status, or "other"; `code` its alpha-3
    code (None for a shape Natural Earth gives none), so a page can link it."""

    name: str
    d: str
    role: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class MapLine:
    """A curved arrow from a sending country to the host."""

    d: str
    head: str
    style: StatusStyle
    title: str


@dataclass(frozen=True, slots=True)
class MapMarker:
    """A place: `held` (forces hold it) or handed over; `style` of the holding presence."""

    x: float
    y: float
    held: bool
    style: StatusStyle
    title: str
    label: Label


@dataclass(frozen=True, slots=True)
class MapView:
    """One SVG: its caption, the lon/lat box it shows, its pixel size, and what it draws
    (bottom to top)."""

    caption: str
    box: Box
    width: float
    height: float
    shapes: tuple[MapShape, ...]
    lines: tuple[MapLine, ...]
    markers: tuple[MapMarker, ...]
    labels: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A foreign actor the map cannot show (an organisation, or no 1:110m shape)."""

    code: str
    name: str
    style: StatusStyle


@dataclass(frozen=True, slots=True)
class MapModel:
    """The report's maps (none when nothing can be placed), the actors without a shape, a
    note when something could not be drawn, and the host's name on the map."""

    views: tuple[MapView, ...]
    unmapped: tuple[Unmapped, ...]
    note: str | None
    host_name: str | None


@dataclass(frozen=True, slots=True)
class PlaceMark:
    """A located place to mark: held (else handed over), styled by its holder's status."""

    name: str
    lon: float
    lat: float
    held: bool
    style: StatusStyle
    title: str


def fmt(v: float) -> str:
    """A coordinate to a tenth of a pixel, as short as it goes."""
    t = round(v * 10)
    return str(t // 10) if t % 10 == 0 else f"{t / 10:.1f}"


def _pair(a: str, b: str) -> str:
    return a + ("" if b.startswith("-") else " ") + b


def shape_path(shape: Shape, proj: Projection, view: Box) -> str:
    """SVG path data: each ring moved to absolutely, then relative steps in tenths of a px."""
    out = []
    for poly in shape.polygons:
        if not Box.around(poly[0]).intersects(view):
            continue  # Alaska in a map of the Atlantic
        for ring in poly:
            tenths = [(round(x * 10), round(y * 10)) for x, y in (proj.xy(*p) for p in ring)]
            steps = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(tenths)]
            start = _pair(fmt(tenths[0][0] / 10), fmt(tenths[0][1] / 10))
            rel = " ".join(_pair(fmt(dx / 10), fmt(dy / 10)) for dx, dy in steps if dx or dy)
            out.append(f"M{start}l{rel}z" if rel else f"M{start}z")
    return "".join(out)


def lead_presences(s: Situation) -> dict[str, Presence]:
    """Each actor's presence to show: a current one, else the latest that ended."""
    lead: dict[str, Presence] = {}
    for p in sorted(s.presence, key=lambda p: (p.actor, not p.current,
                                               -(p.until.start.toordinal() if p.until else 0))):
        lead.setdefault(p.actor, p)
    return lead


def located_places(s: Situation) -> list[PlaceMark]:
    """One entry per located place: held if any presence holds it, else handed over."""
    seen: dict[str, list[tuple[bool, Presence, str, float, float]]] = {}
    for p in s.presence:
        for site, held in [*((x, True) for x in p.places), *((x, False) for x in p.handed_over)]:
            if site.lat is None or site.lon is None:
                continue
            when = site.moment.value if site.moment else "date unknown"
            what = (f"{p.actor}: {_STYLE[p.status].label} since {when}" if held
                    else f"{p.actor}: handed over {when}")
            seen.setdefault(site.name, []).append((held, p, what, site.lon, site.lat))
    places = []
    for name in sorted(seen):
        reports = seen[name]
        holders = sorted((r for r in reports if r[0]), key=lambda r: _RANK[r[1].status])
        style = _STYLE[holders[0][1].status] if holders else _STYLE["ended"]
        title = f"{name} — " + "; ".join(sorted(r[2] for r in reports))
        places.append(PlaceMark(name, reports[0][3], reports[0][4], bool(holders), style,
                                title))
    return places


def _seen(shape: Shape, box: Box, *, close: bool) -> Point | None:
    """Where to label `shape` in `box`: its anchor, or in a close-up, the nearest point a
    little inside the frame when that point is in the shape (a neighbour's visible part)."""
    lon, lat = shape.anchor
    if box.contains(lon, lat):
        return (lon, lat)
    if not close:
        return None
    mx, my = (box.east - box.west) * 0.06, (box.north - box.south) * 0.05
    lon = min(max(lon, box.west + mx), box.east - mx)
    lat = min(max(lat, box.south + my), box.north - my)
    return (lon, lat) if shape.contains(lon, lat) else None


def cluster_places(places: Sequence[PlaceMark], spots: Sequence[Point]
                   ) -> tuple[list[PlaceMark], list[Point]]:
    """Places whose markers would overlap (Niamey and its air base, 8 km apart) as one marker
    named after all of them, styled after the most current holder."""
    groups: list[tuple[list[PlaceMark], Point]] = []
    for pl, (x, y) in zip(places, spots, strict=True):
        near = next((g for g in groups if math.hypot(g[1][0] - x, g[1][1] - y) < 9), None)
        if near is None:
            groups.append(([pl], (x, y)))
        else:
            near[0].append(pl)
    merged = []
    for members, _ in groups:
        held = sorted((m for m in members if m.held), key=lambda m: _RANK[m.style.status])
        first = members[0]
        merged.append(PlaceMark(" / ".join(m.name for m in members), first.lon, first.lat,
                             bool(held), held[0].style if held else first.style,
                             "\n".join(m.title for m in members)))
    return merged, [g[1] for g in groups]


def frame(box: Box, *, pad: float = 0.08, least: float = 1.0, span: float = 8.0) -> Box:
    """`box` with padding (at least `least` degrees), at least `span` degrees across (a small
    country is shown among its neighbours: 1:110m is too coarse to zoom in on Djibouti), and
    widened so that its projected height/width lies within _ASPECT."""
    dx = max((box.east - box.west) * pad, least, (span - (box.east - box.west)) / 2)
    dy = max((box.north - box.south) * pad, least, (span - (box.north - box.south)) / 2)
    b = Box(box.west - dx, box.south - dy, box.east + dx, box.north + dy)
    k = math.cos(math.radians((b.south + b.north) / 2))
    w, h = (b.east - b.west) * k, b.north - b.south
    if h < w * _ASPECT[0]:
        grow = (w * _ASPECT[0] - h) / 2
        b = Box(b.west, b.south - grow, b.east, b.north + grow)
    elif h > w * _ASPECT[1]:
        grow = (h / _ASPECT[1] - w) / 2 / k
        b = Box(b.west - grow, b.south, b.east + grow, b.north)
    return Box(max(b.west, -180.0), max(b.south, -85.0), min(b.east, 180.0), min(b.north, 85.0))


def _area(box: Box) -> float:
    k = math.cos(math.radians((box.south + box.north) / 2))
    return max((box.east - box.west) * k * (box.north - box.south), 1e-9)


def arrow(a: Point, b: Point, style: StatusStyle, title: str) -> MapLine:
    """A curve from `a` to `b` bending left, and its arrowhead at `b`."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    cx, cy = (x1 + x2) / 2 + nx * length * 0.18, (y1 + y2) / 2 + ny * length * 0.18
    ux, uy = x2 - cx, y2 - cy
    ul = math.hypot(ux, uy) or 1.0
    ux, uy = ux / ul, uy / ul
    bx, by = x2 - ux * 11, y2 - uy * 11
    head = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (
        (x2, y2), (bx - uy * 5, by + ux * 5), (bx + uy * 5, by - ux * 5)))
    d = f"M{fmt(x1)},{fmt(y1)}Q{fmt(cx)},{fmt(cy)} {fmt(bx)},{fmt(by)}"
    return MapLine(d, head, style, title)


def _view(caption: str, box: Box, *, s: Situation, host_name: str, shapes: Sequence[Shape],
          lead: dict[str, Presence], places: Sequence[PlaceMark], arrows: bool,
          neighbours: bool) -> MapView:
    """One map of `box`: countries in view, arrows to the host if `arrows`, place markers,
    and labels for the places, the host, the senders, and if `neighbours` the others."""
    proj = Projection(box, WIDTH)
    by_code = {sh.code: sh for sh in shapes if sh.code}
    host = by_code.get(s.country)
    drawn = tuple(
        MapShape(sh.name, shape_path(sh, proj, box), "host" if sh.code == s.country
                 else lead[sh.code].status if sh.code in lead else "other", sh.code)
        for sh in shapes if sh.box.intersects(box))
    places, spots = cluster_places(places, [proj.xy(pl.lon, pl.lat) for pl in places])
    wants = [Want(pl.name, x, y, "place") for pl, (x, y) in zip(places, spots, strict=True)]
    if host is not None:
        wants.append(Want(host_name, *proj.xy(*host.anchor), "host"))
    lines = []
    for code, p in lead.items():
        sender = by_code.get(code)
        at = None if sender is None else _seen(sender, box, close=neighbours)
        if sender is None or at is None:
            continue
        start = proj.xy(*at)
        style = _STYLE[p.status]
        wants.append(Want(f"{s.name(code)} · {style.label}", *start, "actor"))
        if arrows and host is not None:
            lines.append(arrow(start, proj.xy(*host.anchor), style,
                                f"{s.name(code)} ({code}) in {host_name}: "
                                f"{style.label}"))
    others = [Want(sh.name, *proj.xy(*at), "other") for sh in shapes
              if neighbours and sh.code not in lead and sh.code != s.country
              and (at := _seen(sh, box, close=True)) is not None]
    labels, extra = place_labels(wants, width=WIDTH, height=proj.height, markers=spots,
                                 optional=others)
    markers = tuple(MapMarker(x, y, pl.held, pl.style, pl.title, lab)
                    for pl, (x, y), lab in zip(places, spots, labels, strict=False))
    return MapView(caption, box, WIDTH, proj.height, drawn, tuple(lines), markers,
                   labels[len(places):] + extra)


def build_map(s: Situation) -> MapModel:
    """The maps of a situation: host, senders, arrows, places; see the module docstring."""
    shapes = world_shapes()
    by_code = {sh.code: sh for sh in shapes if sh.code}
    lead = {code: p for code, p in lead_presences(s).items() if code != s.country}
    unmapped = tuple(Unmapped(code, s.name(code), _STYLE[p.status])
                     for code, p in lead.items() if code not in by_code)
    places = located_places(s)
    host = by_code.get(s.country)
    # the sources' name, else Natural Earth's (an empty situation knows no name)
    name = s.name(s.country) if s.name(s.country) != s.country or host is None else host.name
    focus = [(pl.lon, pl.lat) for pl in places]
    if host is not None:
        focus += [(host.box.west, host.box.south), (host.box.east, host.box.north)]
    if not focus:
        note = (f"No map: {name} has no shape at 1:110m scale and no place with coordinates "
                "is known." if lead else None)
        return MapModel((), unmapped, note, None)
    near = Box.around(focus)
    senders = [by_code[c].anchor for c in lead if c in by_code]
    wide = near.union(Box.around(senders)) if senders else near
    close, far = frame(near), frame(wide)
    view = partial(_view, s=s, host_name=name, shapes=shapes, lead=lead)
    host_name = host.name if host else None
    if _area(far) <= _ZOOM_RATIO * _area(close):
        one = view(f"{name}: foreign forces and places", far, places=places, arrows=True,
                   neighbours=True)
        return MapModel((one,), unmapped, None, host_name)
    overview = view(f"Where the forces in {name} come from", far, places=(), arrows=True,
                    neighbours=False)
    detail = view(f"{name}: places", close, places=places, arrows=False, neighbours=True)
    return MapModel((overview, detail), unmapped, None, host_name)
