"""Facts on a map: a GeoJSON FeatureCollection (RFC 7946) of the facts whose place has
coordinates, one Point each."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, BinaryIO

from ..errors import InputError
from ..state import Fact
from .rows import Row, fact_row

__all__ = ["feature", "write_geojson"]

#: CSV columns that are not properties: the geometry carries them.
_GEOMETRY = ("latitude", "longitude")


def _checked(row: Row) -> tuple[float, float] | None:
    """(lon, lat) of the row's place, None without both; InputError when out of range."""
    lat, lon = row.latitude, row.longitude
    if lat is None or lon is None:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180):
        raise InputError(f"event {row.event_id}",
                         f"place {row.location!r} has coordinates out of range "
                         f"(lat {lat}, lon {lon})")
    return lon, lat


def feature(fact: Fact) -> dict[str, Any] | None:
    """The GeoJSON Feature of a fact, or None when its place has no coordinates."""
    row = fact_row(fact)
    point = _checked(row)
    if point is None:
        return None
    properties = {k: v for k, v in row.fields().items() if k not in _GEOMETRY}
    return {"type": "Feature", "id": row.event_id,
            "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": properties}


def write_geojson(facts: Iterable[Fact], *, out: BinaryIO) -> int:
    """Write a FeatureCollection of the facts that have coordinates; return the features.

    Facts without coordinates are left out, so the count can be less than the facts given.
    Written feature by feature (one per line), so memory does not grow with the export.
    """
    out.write(b'{"type": "FeatureCollection", "features": [')
    count = 0
    for fact in facts:
        feat = feature(fact)
        if feat is None:
            continue
        text = json.dumps(feat, ensure_ascii=False, allow_nan=False)
        out.write((",\n" if count else "\n").encode() + text.encode("utf-8"))
        count += 1
    out.write(b"\n]}\n")
    return count
