"""The relations graph laid out in pixels: nodes, curved edges, arrowheads, labels.

A spring layout (networkx, fixed seed) places the nodes, scaled to fit the frame; the same
relations give the same coordinates, rounded to a tenth of a pixel, so pages are reproducible.
States are circles, organisations squares. A presence is an arrow from the sending actor to
the host, coloured and dashed by its status as on the map (report.maps.STATUS_STYLES); an
agreement is a line between two parties, solid and dark in force, dotted grey once ended.
Several ties between one pair bend apart so that none hides another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..report.geo import Point
from ..report.labels import Label, Want, place_labels
from ..report.maps import STATUS_STYLES, StatusStyle, fmt
from ..state.relations import RelationEdge, RelationNode, Relations

__all__ = ["AGREEMENT_STYLES", "GRAPH_STYLES", "GraphEdge", "GraphNode", "GraphView",
           "graph_view"]

#: Agreements: in force solid and dark, ended dotted grey (denser dots than an ended presence,
#: which also has an arrowhead).
AGREEMENT_STYLES: tuple[StatusStyle, ...] = (
    StatusStyle("in_force", "agreement in force", "#222222", ""),
    StatusStyle("agreement_ended", "agreement ended", "#999999", "1 3"),
)
#: every style an edge may have, for the legend
GRAPH_STYLES: tuple[StatusStyle, ...] = STATUS_STYLES + AGREEMENT_STYLES
_PRESENCE = {s.status: s for s in STATUS_STYLES}
_AGREEMENT = {"in_force": AGREEMENT_STYLES[0], "ended": AGREEMENT_STYLES[1]}

_SEED = 7  # any fixed seed: the layout must not change between runs
_RADIUS = 6.0  # a node's radius (a square's half side), px
_BEND = 0.28  # how far parallel edges bend apart, as a fraction of their length
_PAD = (24.0, 110.0, 24.0, 24.0)  # top, right, bottom, left: room for labels
_HEIGHT_RATIO = 0.62


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node at (x, y): a circle for a state, a square for an organisation."""

    code: str
    name: str
    kind: Literal["state", "organisation"]
    x: float
    y: float
    r: float
    title: str
    label: Label

    @property
    def shape(self) -> Literal["circle", "square"]:
        """How it is drawn."""
        return "circle" if self.kind == "state" else "square"


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """A tie drawn as path `d`, with arrowhead polygon `head` (presences only)."""

    kind: Literal["presence", "agreement"]
    source: str
    target: str
    status: str
    d: str
    head: str | None
    style: StatusStyle
    title: str
    doc_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GraphView:
    """One SVG of the relations: caption, pixel size, edges (drawn first) and nodes."""

    caption: str
    width: float
    height: float
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def _layout(rel: Relations) -> dict[str, Point]:
    """Unit-free positions; nodes and edges are added in sorted order, the seed is fixed.

    Each connected group is laid out on its own and the groups are packed in rows, largest
    first: one spring layout of the whole graph flings small groups (France with Chad and
    Gabon) to the corners and leaves most of the frame empty.
    """
    if len(rel.nodes) <= 1 and not rel.edges:
        return {n.code: (0.0, 0.0) for n in rel.nodes}
    import networkx as nx  # deferred: importing sitrep must stay light

    g = nx.Graph()
    g.add_nodes_from(n.code for n in rel.nodes)
    g.add_edges_from((e.source, e.target) for e in rel.edges)
    groups = sorted((sorted(str(c) for c in group) for group in nx.connected_components(g)),
                    key=lambda group: (-len(group), group[0]))
    sides = [1.0 + math.sqrt(len(group)) for group in groups]
    row_width = max(max(sides), math.sqrt(sum(side * side for side in sides)) * 1.2)
    found: dict[str, Point] = {}
    x = y = row_height = 0.0
    for group, side in zip(groups, sides, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        inner = (side - 1.0) / 2  # half the room a group's layout may take in its cell
        if len(group) == 1:
            local = {group[0]: (0.0, 0.0)}
        else:
            pos = nx.spring_layout(g.subgraph(group), seed=_SEED, iterations=200)
            local = {str(code): (float(xy[0]), float(xy[1])) for code, xy in pos.items()}
        for code, (lx, ly) in local.items():
            found[code] = (x + side / 2 + lx * inner, y + side / 2 + ly * inner)
        x += side
        row_height = max(row_height, side)
    return found


def _fit(pos: dict[str, Point], width: float, height: float) -> dict[str, Point]:
    """Positions scaled into the padded frame (each axis on its own), to a tenth of a px."""
    top, right, bottom, left = _PAD

    def axis(values: list[float], lo: float, hi: float) -> list[float]:
        vmin, vmax = min(values), max(values)
        if vmax - vmin < 1e-9:
            return [(lo + hi) / 2] * len(values)
        return [lo + (v - vmin) / (vmax - vmin) * (hi - lo) for v in values]

    codes = sorted(pos)
    if not codes:
        return {}
    xs = axis([pos[c][0] for c in codes], left, width - right)
    ys = axis([pos[c][1] for c in codes], top, height - bottom)
    return {c: (round(x, 1), round(y, 1)) for c, x, y in zip(codes, xs, ys, strict=True)}


def _unit(dx: float, dy: float) -> Point:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _curve(a: Point, b: Point, lo: Point, hi: Point, offset: float, *,
           head: bool) -> tuple[str, str | None]:
    """Path from node `a` to node `b`, bent by `offset` to one side of the pair's canonical
    direction `lo` -> `hi` (so that A->B and B->A bend apart), trimmed to the nodes' edges;
    with an arrowhead at `b` when `head`."""
    nx_, ny_ = _unit(-(hi[1] - lo[1]), hi[0] - lo[0])
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    cx = (a[0] + b[0]) / 2 + nx_ * offset * length
    cy = (a[1] + b[1]) / 2 + ny_ * offset * length
    gap = _RADIUS + 2
    ux, uy = _unit(cx - a[0], cy - a[1])
    start = (a[0] + ux * gap, a[1] + uy * gap)
    vx, vy = _unit(b[0] - cx, b[1] - cy)
    end = (b[0] - vx * gap, b[1] - vy * gap)
    tip = None
    if head:
        base = (end[0] - vx * 10, end[1] - vy * 10)
        tip = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (
            end, (base[0] - vy * 4.5, base[1] + vx * 4.5),
            (base[0] + vy * 4.5, base[1] - vx * 4.5)))
        end = base
    d = f"M{fmt(start[0])},{fmt(start[1])}Q{fmt(cx)},{fmt(cy)} {fmt(end[0])},{fmt(end[1])}"
    return d, tip


def _title(e: RelationEdge, names: dict[str, str]) -> str:
    a, b = names.get(e.source, e.source), names.get(e.target, e.target)
    n = len(e.doc_ids)
    cited = f" ({n} source{'s' if n != 1 else ''})"
    if e.kind == "presence":
        return f"{a} forces in {b}: {e.label}{cited}"
    when = f", signed {e.since}" if e.since else ""
    state = f", ended {e.until}" if e.until else (", in force" if e.status == "in_force" else "")
    return f"{e.label}: {a} and {b}{when}{state}{cited}"


def _edges(rel: Relations, at: dict[str, Point], names: dict[str, str]
           ) -> tuple[GraphEdge, ...]:
    groups: dict[tuple[str, str], list[RelationEdge]] = {}
    for e in rel.edges:
        groups.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(e)
    out = []
    for (lo, hi), edges in groups.items():
        for i, e in enumerate(edges):
            offset = (i - (len(edges) - 1) / 2) * _BEND
            presence = e.kind == "presence"
            d, head = _curve(at[e.source], at[e.target], at[lo], at[hi], offset, head=presence)
            style = _PRESENCE[e.status] if presence else _AGREEMENT[e.status]
            out.append(GraphEdge(e.kind, e.source, e.target, e.status, d, head, style,
                                 _title(e, names), e.doc_ids))
    return tuple(out)


def _nodes(nodes: Sequence[RelationNode], at: dict[str, Point], width: float,
           height: float) -> tuple[GraphNode, ...]:
    spots = [at[n.code] for n in nodes]
    wants = [Want(n.name, x, y, "place") for n, (x, y) in zip(nodes, spots, strict=True)]
    labels, _ = place_labels(wants, width=width, height=height, markers=spots)
    return tuple(
        GraphNode(n.code, n.name, n.kind, x, y, _RADIUS,
                  f"{n.name} ({n.code}), {n.kind}" if n.name != n.code else
                  f"{n.code}, {n.kind}", lab)
        for n, (x, y), lab in zip(nodes, spots, labels, strict=True))


def graph_view(rel: Relations, *, width: float = 720) -> GraphView:
    """The relations laid out in a `width`-pixel-wide frame: same input, same output."""
    height = round(width * _HEIGHT_RATIO, 1)
    at = _fit(_layout(rel), width, height)
    names = {n.code: n.name for n in rel.nodes}
    known = f", as known on {rel.known_at.isoformat()}" if rel.known_at else ""
    return GraphView(f"Relations as of {rel.as_of.isoformat()}{known}", float(width), height,
                     _nodes(rel.nodes, at, width, height), _edges(rel, at, names))
