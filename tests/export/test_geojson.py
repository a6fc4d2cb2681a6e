"""The GeoJSON export: an RFC 7946 FeatureCollection of the facts with coordinates."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sitrep.errors import InputError
from sitrep.records import Place

from .conftest import Facts, Make, export


def _collection(data: bytes) -> dict[str, Any]:
    return json.loads(data.decode("utf-8"))  # type: ignore[no-any-return]


def _features(data: bytes) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in _collection(data)["features"]}


def test_is_a_feature_collection_of_points(facts: Facts) -> None:
    doc = _collection(export(facts.all(), "geojson")[1])
    assert doc["type"] == "FeatureCollection"
    assert {(f["type"], f["geometry"]["type"]) for f in doc["features"]} == {
        ("Feature", "Point")}


def test_coordinates_are_lon_lat(facts: Facts) -> None:
    feature = _features(export(facts.all(), "geojson")[1])[facts.awkward.event.id]
    assert feature["geometry"]["coordinates"] == [15.04, 12.11]  # N'Djamena: lon, lat


def test_only_facts_with_coordinates_are_features(facts: Facts) -> None:
    count, data = export(facts.all(), "geojson")
    ids = set(_features(data))
    assert ids == {facts.awkward.event.id, facts.undated.event.id,
                   facts.two_sources.event.id, facts.pact.event.id}
    assert count == len(ids)


def test_properties_are_the_csv_fields_without_coordinates(facts: Facts) -> None:
    props = _features(export(facts.all(), "geojson")[1])[facts.undated.event.id]["properties"]
    assert "latitude" not in props and "longitude" not in props
    assert {k: props[k] for k in ("event_date", "time_precision", "date_reported",
                                  "source_count", "troops", "location")} == {
        "event_date": "2024-05-20", "time_precision": 3, "date_reported": True,
        "source_count": 2, "troops": None, "location": "Niamey Air Base 101"}


def test_a_place_without_coordinates_is_left_out(make: Make) -> None:
    place = Place("Ouallam", "NER", None, None, "Ouallam", "city")
    count, data = export([make.fact("deploy", "ongoing", "RUS", ["NER"], place=place)],
                         "geojson")
    assert (count, _collection(data)["features"]) == (0, [])


@pytest.mark.parametrize(("lat", "lon"), [(95.0, 2.0), (13.0, 200.0), (float("nan"), 2.0)])
def test_coordinates_out_of_range_are_an_input_error(make: Make, lat: float,
                                                     lon: float) -> None:
    fact = make.fact("deploy", "ongoing", "RUS", ["NER"],
                     place=Place("Nowhere", "NER", lat, lon, "Nowhere", "city"))
    with pytest.raises(InputError, match="out of range"):
        export([fact], "geojson")
