"""One world map of foreign forces on one date, from the situations of several countries.

Drawn like the HTML report's map (report/maps.py, whose helpers it uses): every 1:110m country
in the frame, hosts of current foreign forces shaded "host", each sending state shaded by its
strongest presence status (present, then withdrawal planned, withdrawing, ended), a curved
arrow from each sender to each host coloured and dashed by the status, and a marker for each
located place forces hold. Organisations and states too small for 1:110m have no shape and so
no arrow; the relations graph (web/graph.py) shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import InputError
from ..report.geo import Box, Point, Projection, Shape, world_shapes
from ..report.labels import Want, place_labels
from ..report.maps import (
    STATUS_STYLES,
    WIDTH,
    MapLine,
    MapMarker,
    MapShape,
    MapView,
    PlaceMark,
    arrow,
    cluster_places,
    frame,
    lead_presences,
    located_places,
    shape_path,
)
from ..state import Presence, Situation
from ..state.relations import presence_label

__all__ = ["WORLD", "world_map"]

#: The whole world less Antarctica: the frame when nothing is drawn.
WORLD = Box(-180.0, -58.0, 180.0, 84.0)
_STYLE = {s.status: s for s in STATUS_STYLES}
_RANK = {s.status: i for i, s in enumerate(STATUS_STYLES)}


@dataclass(frozen=True, slots=True)
class _Tie:
    """One presence to draw: its host's situation and the presence."""

    s: Situation
    p: Presence


def _shown(s: Situation, *, ended: bool) -> Situation:
    """`s` with only the foreign presences the map shows (current ones unless `ended`)."""
    keep = tuple(p for p in s.presence if p.host == s.country and p.actor != s.country
                 and (ended or p.current))
    return replace(s, presence=keep)


def _check(sits: Sequence[Situation]) -> None:
    dates = sorted({(s.as_of, s.known_at) for s in sits}, key=str)
    if len(dates) > 1:
        raise InputError("situations", f"they are for different dates {dates}: one map shows "
                         "one date, derive every situation for the same as_of and known_at")


def _caption(sits: Sequence[Situation]) -> str:
    if not sits:
        return "Foreign forces"
    s = sits[0]
    known = f", as known on {s.known_at.isoformat()}" if s.known_at else ""
    return f"Foreign forces as of {s.as_of.isoformat()}{known}"


def _names(sits: Sequence[Situation], shapes: dict[str, Shape]) -> dict[str, str]:
    """The sources' name for each code, else Natural Earth's."""
    names = {code: sh.name for code, sh in shapes.items()}
    for s in reversed(sits):  # the first situation (by country) naming a code wins
        names.update((c, n) for c, n in s.names if n and n != c)
    return names


def _roles(ties: Sequence[_Tie]) -> dict[str, str]:
    """Each country's role: "host" when it has current foreign forces, else the strongest
    status of the forces it sends."""
    roles: dict[str, str] = {}
    for t in sorted(ties, key=lambda t: _RANK[t.p.status]):
        roles.setdefault(t.p.actor, t.p.status)
    roles.update((t.s.country, "host") for t in ties if t.p.current)
    return roles


def _box(ties: Sequence[_Tie], places: Sequence[PlaceMark], by_code: dict[str, Shape]) -> Box:
    """The frame around the hosts, the senders' anchors and the places; the world if empty."""
    focus: list[Point] = [(pl.lon, pl.lat) for pl in places]
    for t in ties:
        if (host := by_code.get(t.s.country)) is not None:
            focus += [(host.box.west, host.box.south), (host.box.east, host.box.north)]
        if (sender := by_code.get(t.p.actor)) is not None:
            focus.append(sender.anchor)
    return frame(Box.around(focus), pad=0.1, least=3.0, span=40.0) if focus else WORLD


def _arrows(ties: Sequence[_Tie], by_code: dict[str, Shape], proj: Projection,
            names: dict[str, str]) -> tuple[MapLine, ...]:
    lines = []
    for t in sorted(ties, key=lambda t: (t.p.actor, t.s.country)):
        sender, host = by_code.get(t.p.actor), by_code.get(t.s.country)
        if sender is None or host is None:
            continue  # an organisation, or a state too small for 1:110m: no geography
        a, h = t.p.actor, t.s.country
        title = f"{names.get(a, a)} ({a}) in {names.get(h, h)} ({h}): {presence_label(t.p)}"
        lines.append(arrow(proj.xy(*sender.anchor), proj.xy(*host.anchor),
                           _STYLE[t.p.status], title))
    return tuple(lines)


def world_map(situations: Sequence[Situation], *, ended: bool = False) -> MapView:
    """One map of where foreign forces are on the situations' date (see the module docstring).

    `situations`: one per host country, all for the same as_of and known_at (else InputError).
    Ended presences are drawn (dotted grey) only when `ended`; each actor's lead presence in a
    host is the one the report's map draws. Countries carry their code, for links.
    """
    sits = sorted(situations, key=lambda s: s.country)
    _check(sits)
    shown = [_shown(s, ended=ended) for s in sits]
    ties = [_Tie(s, p) for s in shown for p in lead_presences(s).values()]
    shapes = world_shapes()
    by_code = {sh.code: sh for sh in shapes if sh.code}
    names = _names(sits, by_code)
    roles = _roles(ties)
    places = [pl for s in shown for pl in located_places(s) if pl.held]
    box = _box(ties, places, by_code)
    proj = Projection(box, WIDTH)
    drawn = tuple(MapShape(sh.name, shape_path(sh, proj, box),
                           roles.get(sh.code, "other") if sh.code else "other", sh.code)
                  for sh in shapes if sh.box.intersects(box))
    places, spots = cluster_places(places, [proj.xy(pl.lon, pl.lat) for pl in places])
    wants = [Want(pl.name, x, y, "place") for pl, (x, y) in zip(places, spots, strict=True)]
    for code in sorted(roles):
        sh = by_code.get(code)
        if sh is None or not box.contains(*sh.anchor):
            continue
        role = roles[code]
        text = names.get(code, code) if role == "host" else (
            f"{names.get(code, code)} · {_STYLE[role].label}")
        wants.append(Want(text, *proj.xy(*sh.anchor), "host" if role == "host" else "actor"))
    labels, _ = place_labels(wants, width=WIDTH, height=proj.height, markers=spots)
    markers = tuple(MapMarker(x, y, pl.held, pl.style, pl.title, lab)
                    for pl, (x, y), lab in zip(places, spots, labels, strict=False))
    return MapView(_caption(sits), box, WIDTH, proj.height, drawn,
                   _arrows(ties, by_code, proj, names), markers, labels[len(places):])
