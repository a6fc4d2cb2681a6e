"""Country shapes for the HTML report's map: TopoJSON decoding, the packaged world, projection.

The world is Natural Earth 1:110m from the npm package world-atlas 2.0.2
(resources/geo/README.md). Its ids are ISO 3166-1 numeric; shapes carry alpha-3 codes, the
codes events use. Coordinates are (lon, lat) in degrees.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ..datafiles import packaged
from ..errors import ResourceError

__all__ = ["Box", "Projection", "Shape", "decode_topology", "world_shapes"]

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]

#: Features Natural Earth gives no ISO id. Kosovo is an actor sitrep codes (countries.tsv: XKX);
#: N. Cyprus and Somaliland are not, and stay without a code.
_NO_ID = {"Kosovo": "XKX"}


@dataclass(frozen=True, slots=True)
class Box:
    """A lon/lat rectangle."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, points: Sequence[Point]) -> Box:
        """The smallest box holding `points` (at least one)."""
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        return cls(min(lons), min(lats), max(lons), max(lats))

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        return Box(min(self.west, other.west), min(self.south, other.south),
                   max(self.east, other.east), max(self.north, other.north))

    def intersects(self, other: Box) -> bool:
        """True when the two boxes share any point."""
        return not (self.east < other.west or other.east < self.west
                    or self.north < other.south or other.north < self.south)

    def contains(self, lon: float, lat: float) -> bool:
        """True when (lon, lat) is inside or on the edge."""
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def _ring_area(ring: Ring) -> float:
    """Signed planar area (shoelace) in square degrees."""
    return sum(a[0] * b[1] - b[0] * a[1]
               for a, b in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def _ring_centroid(ring: Ring) -> Point:
    area = _ring_area(ring)
    if abs(area) < 1e-12:  # a degenerate ring: the mean of its points will do
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    cx = cy = 0.0
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = a[0] * b[1] - b[0] * a[1]
        cx += (a[0] + b[0]) * cross
        cy += (a[1] + b[1]) * cross
    return (cx / (6 * area), cy / (6 * area))


def _inside(ring: Ring, lon: float, lat: float) -> bool:
    """Ray casting: does a ray east from the point cross the ring an odd number of times?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


@dataclass(frozen=True, slots=True)
class Shape:
    """One country: its code (alpha-3 once read by `world_shapes`; None when it has none), its
    Natural Earth name, and its polygons (each an outer ring, then holes)."""

    code: str | None
    name: str
    polygons: tuple[Polygon, ...]

    @property
    def box(self) -> Box:
        """The lon/lat box of all its rings."""
        return Box.around([p for poly in self.polygons for p in poly[0]])

    @property
    def main(self) -> Polygon:
        """Its largest polygon (mainland France, not French Guiana; not Alaska)."""
        return max(self.polygons, key=lambda poly: abs(_ring_area(poly[0])))

    def contains(self, lon: float, lat: float) -> bool:
        """True when (lon, lat) is inside one of its polygons (and not in a hole)."""
        return any(_inside(poly[0], lon, lat)
                   and not any(_inside(hole, lon, lat) for hole in poly[1:])
                   for poly in self.polygons)

    @property
    def anchor(self) -> Point:
        """Where lines start or end and labels go: the centroid of its largest polygon.

        The main polygon, not the whole shape: the box of Russia or the United States spans
        the antimeridian or half the globe."""
        return _ring_centroid(self.main[0])


def _arcs(topology: Mapping[str, Any], where: str) -> list[list[Point]]:
    """The arcs in degrees: delta-decoded and transformed when the topology is quantized."""
    transform = topology.get("transform")
    try:
        if transform is None:
            return [[(float(x), float(y)) for x, y in arc] for arc in topology["arcs"]]
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        arcs = []
        for arc in topology["arcs"]:
            x = y = 0
            points = []
            for dx, dy, *_ in arc:  # positions are deltas from the previous one
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
            arcs.append(points)
        return arcs
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(where, f"malformed TopoJSON arcs or transform: {exc!r}") from exc


def _ring(indexes: Sequence[int], arcs: list[list[Point]], where: str) -> Ring:
    """A ring from arc indexes; ~i is arc i reversed; consecutive arcs share an end point."""
    points: list[Point] = []
    for i in indexes:
        if not isinstance(i, int) or not -len(arcs) <= i < len(arcs):
            raise ResourceError(where, f"arc index {i!r} is not one of the {len(arcs)} arcs")
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    if len(points) < 4:
        raise ResourceError(where, f"a ring of arcs {list(indexes)} has fewer than 4 points")
    return _unwrap(points)


def _unwrap(points: list[Point]) -> Ring:
    """The ring made continuous across the antimeridian (Chukotka east of 180, not at -180),
    so that its box, area and centroid mean something; a ring around a pole (Antarctica)
    cannot be, and stays as it is."""
    shift, out = 0.0, [points[0]]
    for (a, _), (b, lat) in pairwise(points):
        if b - a > 180:
            shift -= 360
        elif a - b > 180:
            shift += 360
        out.append((b + shift, lat))
    return tuple(points) if shift else tuple(out)


def decode_topology(topology: Mapping[str, Any], *, object_name: str,
                    where: str = "topology") -> tuple[Shape, ...]:
    """The polygons of one GeometryCollection of a TopoJSON topology, as Shapes.

    `code` is the feature's `id` as given (None when absent), `name` its `properties.name`.
    Geometries other than Polygon and MultiPolygon are skipped. A malformed topology raises
    ResourceError naming `where`.
    """
    arcs = _arcs(topology, where)
    try:
        geometries = topology["objects"][object_name]["geometries"]
    except (KeyError, TypeError) as exc:
        raise ResourceError(where, f"no GeometryCollection named {object_name!r}") from exc
    shapes = []
    for g in geometries:
        if g.get("type") == "Polygon":
            parts = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            parts = g["arcs"]
        else:
            continue
        polygons = tuple(tuple(_ring(r, arcs, where) for r in poly) for poly in parts)
        ident = g.get("id")
        name = str((g.get("properties") or {}).get("name") or ident or "")
        shapes.append(Shape(None if ident is None else str(ident), name, polygons))
    return tuple(shapes)


def _alpha3(shape: Shape) -> str | None:
    import pycountry  # lazily: only a rendered map needs it

    if shape.code is None:
        return _NO_ID.get(shape.name)
    country = pycountry.countries.get(numeric=shape.code)
    return None if country is None else str(country.alpha_3)


@lru_cache(maxsize=1)
def world_shapes() -> tuple[Shape, ...]:
    """The packaged countries (Natural Earth 1:110m) with alpha-3 codes, read once a process."""
    path = packaged("geo", "countries-110m.json")
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(str(path), f"cannot read the world map: {exc}") from exc
    shapes = decode_topology(topology, object_name="countries", where=str(path))
    return tuple(replace(s, code=_alpha3(s)) for s in shapes)


@dataclass(frozen=True, slots=True)
class Projection:
    """Equirectangular, x scaled by cos(middle latitude), fitted to `width` px across `box`.

    Good enough at the scale of a region; distortion grows with the box's latitude span."""

    box: Box
    width: float

    @property
    def _k(self) -> float:
        return math.cos(math.radians((self.box.south + self.box.north) / 2))

    @property
    def scale(self) -> float:
        """Pixels per degree of latitude."""
        return self.width / max((self.box.east - self.box.west) * self._k, 1e-9)

    @property
    def height(self) -> float:
        """The pixel height of the box."""
        return (self.box.north - self.box.south) * self.scale

    def xy(self, lon: float, lat: float) -> Point:
        """Pixel coordinates: x right from the west edge, y down from the north edge."""
        return ((lon - self.box.west) * self._k * self.scale, (self.box.north - lat) * self.scale)
