"""TopoJSON decoding against a tiny hand-made topology, the packaged world, the projection."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.errors import ResourceError
from sitrep.report.geo import Box, Projection, Shape, decode_topology, world_shapes

# Two unit squares sharing the edge x=1: arc 0 is the shared edge (1,0)->(1,1); arc 1 runs
# round the left square's other sides, arc 2 round the right one's. Quantized: scale 0.5,
# translate (10, 20), positions delta-encoded.
SQUARES: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],                        # (2,0) (2,2)        -> (11,20) (11,21)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],      # (2,2) (0,2) (0,0) (2,0)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],       # (2,0) (4,0) (4,2) (2,2)
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "West"}},
        {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "properties": {"name": "East"}},
        {"type": "Point", "coordinates": [0, 0], "id": "003"},
    ]}},
}


def test_decode_applies_deltas_transform_and_shared_arcs() -> None:
    west, east = decode_topology(SQUARES, object_name="countries")
    assert (west.code, west.name) == ("001", "West")
    assert west.polygons == (((
        (11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)),),)
    assert (east.code, east.name) == (None, "East")
    # arc ~0 is the shared edge walked backwards, closing the right square
    assert east.polygons == (((
        (11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0)),),)


def test_decode_reads_an_unquantized_topology() -> None:
    plain = {"arcs": [[[0.0, 0.0], [3.0, 0.0], [3.0, 3.0], [0.0, 0.0]]],
             "objects": {"x": {"geometries": [{"type": "Polygon", "arcs": [[0]], "id": "9"}]}}}
    [shape] = decode_topology(plain, object_name="x")
    assert shape.polygons[0][0][1] == (3.0, 0.0)
    assert shape.name == "9"


def test_decode_makes_a_ring_continuous_across_the_antimeridian() -> None:
    crossing = {"arcs": [[[178.0, 60.0], [-178.0, 60.0], [-178.0, 62.0], [178.0, 62.0],
                          [178.0, 60.0]]],
                "objects": {"x": {"geometries": [{"type": "Polygon", "arcs": [[0]]}]}}}
    [shape] = decode_topology(crossing, object_name="x")
    assert shape.box == Box(178.0, 60.0, 182.0, 62.0)
    assert shape.anchor == pytest.approx((180.0, 61.0))


@pytest.mark.parametrize("topology, problem", [
    ({"arcs": [[[0, 0]]], "objects": {}}, "no GeometryCollection named 'countries'"),
    ({"arcs": [[[0, 0], [1, 0], [0, 0]]], "objects": {"countries": {"geometries": [
        {"type": "Polygon", "arcs": [[5]]}]}}}, "arc index 5"),
    ({"arcs": [[[0, 0], [1, 0], [0, 0]]], "objects": {"countries": {"geometries": [
        {"type": "Polygon", "arcs": [[0]]}]}}}, "fewer than 4 points"),
    ({"arcs": [[[0, 0]]], "transform": {"scale": [1]}, "objects": {}}, "malformed TopoJSON"),
])
def test_a_malformed_topology_names_the_file(topology: dict[str, Any], problem: str) -> None:
    with pytest.raises(ResourceError, match=problem) as err:
        decode_topology(topology, object_name="countries", where="mini.json")
    assert str(err.value).startswith("mini.json: ")


@pytest.mark.parametrize("code, name", [
    ("NER", "Niger"), ("USA", "United States of America"), ("XKX", "Kosovo"), ("TWN", "Taiwan"),
])
def test_the_world_has_alpha3_codes(code: str, name: str) -> None:
    shapes = {s.code: s for s in world_shapes()}
    assert shapes[code].name == name


def test_features_without_an_iso_code_stay_uncoded() -> None:
    uncoded = sorted(s.name for s in world_shapes() if s.code is None)
    assert uncoded == ["N. Cyprus", "Somaliland"]


@pytest.mark.parametrize("code, lon, lat", [
    ("NER", 8.0, 17.0), ("FRA", 2.5, 46.5), ("USA", -98.0, 39.0), ("RUS", 95.0, 62.0)])
def test_anchor_is_in_the_main_polygon(code: str, lon: float, lat: float) -> None:
    shape = next(s for s in world_shapes() if s.code == code)
    assert shape.anchor == pytest.approx((lon, lat), abs=12)
    assert shape.contains(*shape.anchor)


def test_contains_knows_inside_from_outside() -> None:
    square = Shape("X", "X", ((((0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)),
                               ((1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0), (1.0, 1.0))),))
    assert [square.contains(*p) for p in [(3, 3), (1.5, 1.5), (5, 1)]] == [True, False, False]


def test_projection_maps_the_box_corners_to_the_frame() -> None:
    proj = Projection(Box(0.0, 10.0, 20.0, 30.0), 400.0)
    assert proj.xy(0.0, 30.0) == (0.0, 0.0)
    x, y = proj.xy(20.0, 10.0)
    assert (x, y) == pytest.approx((400.0, proj.height))
    # equirectangular with x shrunk by cos(20°): 20° of latitude is taller than 20° of longitude
    assert proj.height == pytest.approx(400.0 / 0.9397, rel=1e-3)
