"""Sub-national areas news names instead of the state ("troops in Cabo Delgado"): areas.tsv.

Each area maps to its host state as internationally recognised (Crimea -> UKR, Karabakh -> AZE).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from .loaders import _coordinate, _items, _rows, fold

__all__ = ["AREA_KINDS", "Area", "AreaIndex", "load_areas", "parse_areas"]

AREA_KINDS: frozenset[str] = frozenset(
    {"province", "region", "district", "disputed", "island", "strip"})
_COLUMNS = ("name", "aliases", "country", "kind", "lat", "lon", "note")
_SUFFIXES = (" region", " province", " state")


@dataclass(frozen=True, slots=True)
class Area:
    """A province, region, island... with the ISO alpha-3 code of its host state."""

    name: str
    aliases: tuple[str, ...]
    country: str
    kind: str
    lat: float
    lon: float
    note: str = ""


def parse_areas(path: Path, *, known_codes: frozenset[str]) -> tuple[Area, ...]:
    """Read and validate areas.tsv: known state codes, numeric coordinates, a kind from
    AREA_KINDS, and no folded form shared by areas of different states."""
    where = str(path)
    areas: list[Area] = []
    owners: dict[str, tuple[Area, int]] = {}
    for line, (name, aliases, country, kind, lat, lon, note) in _rows(path, _COLUMNS):
        if not name:
            raise ResourceError(where, "empty name", line=line)
        if country not in known_codes:
            raise ResourceError(where, f"country {country!r} of {name!r} is not a state code "
                                "known to countries.tsv", line=line)
        if kind not in AREA_KINDS:
            raise ResourceError(where, f"kind {kind!r} is not one of {sorted(AREA_KINDS)}",
                                line=line)
        area = Area(name, _items(aliases), country, kind,
                    _coordinate(path, line, lat, "lat", 90.0),
                    _coordinate(path, line, lon, "lon", 180.0), note)
        for form in (name, *area.aliases):
            key = fold(form)
            if not key:
                raise ResourceError(where, f"empty form in {name!r}", line=line)
            previous = owners.setdefault(key, (area, line))
            if previous[0].country != country:
                other, first = previous
                raise ResourceError(where, f"{form!r} of {name!r} ({country}) is already a form "
                                    f"of {other.name!r} ({other.country}, line {first})",
                                    line=line)
        areas.append(area)
    return tuple(areas)


def _candidates(key: str) -> Iterator[str]:
    """Folded forms to try: as written, without a possessive, without a leading "the"."""
    yield key
    if key.endswith("'s"):
        key = key[:-2]
        yield key
    elif key.endswith("s'"):
        key = key[:-1]
        yield key
    if key.startswith("the "):
        yield key[4:]


class AreaIndex:
    """Folded area form -> Area; the first area of a form wins (the loader forbids clashes)."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self._areas = tuple(areas)
        self._by_key: dict[str, Area] = {}
        for area in self._areas:
            for form in (area.name, *area.aliases):
                self._by_key.setdefault(fold(form), area)

    def __len__(self) -> int:
        return len(self._areas)

    def areas(self) -> tuple[Area, ...]:
        """Every area, in file order."""
        return self._areas

    def lookup(self, text: str) -> Area | None:
        """The area a mention names, or None. Case- and accent-insensitive; tolerates a
        leading "the", a possessive "'s", and a trailing "region", "province" or "state"
        after a known name ("the Tigray region" -> Tigray)."""
        for key in _candidates(fold(text)):
            found = self._by_key.get(key)
            if found is not None:
                return found
            for suffix in _SUFFIXES:
                if key.endswith(suffix):
                    found = self._by_key.get(key[: -len(suffix)])
                    if found is not None:
                        return found
        return None


@lru_cache(maxsize=1)
def load_areas() -> AreaIndex:
    """The packaged areas, loaded once; codes are checked against the gazetteer's states."""
    from . import load_gazetteer, resource_dir

    known = frozenset(c.code for c in load_gazetteer().countries())
    return AreaIndex(parse_areas(resource_dir() / "areas.tsv", known_codes=known))
