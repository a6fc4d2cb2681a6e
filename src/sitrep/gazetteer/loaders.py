"""One validating loader per gazetteer file, and the name folding every lookup shares.

Each file is UTF-8 TSV: `#` header lines first (what it is, sources, licence, version), then a
row of column names, then one entry per line; `|` separates the items of a list column. A loader
raises `ResourceError(path, problem, line=N)` at the first bad row, naming the physical line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError

__all__ = [
    "CODE_EXCEPTIONS",
    "CountryEntry",
    "OrgEntry",
    "SiteEntry",
    "StopEntry",
    "fold",
    "load_countries",
    "load_organisations",
    "load_sites",
    "load_stoplist",
    "stop_key",
]

#: Codes in countries.tsv that are not ISO 3166-1: Kosovo's user-assigned code, used by the EU,
#: the IMF and most event datasets.
CODE_EXCEPTIONS: frozenset[str] = frozenset({"XKX"})
SECTORS: frozenset[str] = frozenset({"IGO", "MIL", "GOV"})
SITE_KINDS: frozenset[str] = frozenset({"air_base", "naval_base", "army_base", "camp", "airfield"})
_REQUIRED_HEADER_KEYS = ("sources", "licence", "version")
_HEADER_KEY = re.compile(r"^#\s*([a-z]+)\s*:")
_ORG_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")

# Letters that NFKD does not decompose into an ASCII base letter, other apostrophes and dashes.
_FOLD_TABLE = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ħ": "h",
    "’": "'", "‘": "'", "ʼ": "'", "´": "'", "‐": " ", "‑": " ", "–": " ", "—": " ",
})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_UNTIDY_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # space runs, tabs... (not newlines)
_SPECIAL = re.compile("[łøđðæœıþħ’‘ʼ´‐‑–—]")
_LINE_EDGE_SPACES = re.compile(r" *\n *")


def fold(text: str) -> str:
    """The lookup key of a name: case- and accent-free, one apostrophe, hyphens as spaces.

    Works line by line, so a newline-joined block of names folds in one call (the city index
    folds ~150k names that way, at C speed).
    """
    key = text.casefold().replace("-", " ").replace("`", "'")
    if not key.isascii():
        key = _COMBINING.sub("", unicodedata.normalize("NFKD", key))
        if _SPECIAL.search(key):
            key = key.translate(_FOLD_TABLE)
    probe = key.replace("\n", "")
    if "  " in probe or not probe.isprintable():  # cheap tests first: most names are tidy
        key = _UNTIDY_SPACE.sub(" ", key)
    if " \n" in key or "\n " in key:
        key = _LINE_EDGE_SPACES.sub("\n", key)
    return key.strip(" ")


def stop_key(text: str) -> str:
    """The stoplist key: case-free but accent-sensitive, so 'Male' is stopped and 'Malé' is not."""
    return " ".join(text.translate(_QUOTES).casefold().split())


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A state: ISO alpha-3 code, canonical short name and every way news refers to it."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An organisation, or one of its missions or forces (several rows may share a code)."""

    code: str
    name: str
    aliases: tuple[str, ...]
    sector: str
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SiteEntry:
    """A military site with its host state, coordinates and the public reference behind them."""

    name: str
    aliases: tuple[str, ...]
    country: str
    lat: float
    lon: float
    kind: str
    source: str
    operator_note: str = ""
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class StopEntry:
    """A surface form that is never a place or an actor, and why."""

    form: str
    reason: str
    line: int = field(default=0, compare=False, repr=False)


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) for each data row, after checking the header and column row."""
    where = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(where, f"cannot read the file: {exc}") from exc
    number, keys = 0, set()
    while number < len(lines) and lines[number].startswith("#"):
        match = _HEADER_KEY.match(lines[number])
        if match:
            keys.add("licence" if match.group(1) == "license" else match.group(1))
        number += 1
    if number == 0:
        raise ResourceError(where, "no header: start the file with '#' lines saying what it is, "
                            "its sources, licence and version", line=1)
    missing = [k for k in _REQUIRED_HEADER_KEYS if k not in keys]
    if missing:
        raise ResourceError(where, f"header lacks {', '.join(k + ':' for k in missing)} lines",
                            line=1)
    if number >= len(lines) or lines[number].split("\t") != list(columns):
        raise ResourceError(where, "expected the column row " + "<TAB>".join(columns),
                            line=number + 1)
    for index in range(number + 1, len(lines)):
        text = lines[index]
        if not text.strip() or text.startswith("#"):
            continue
        cells = text.split("\t")
        if len(cells) != len(columns):
            raise ResourceError(where, f"expected {len(columns)} tab-separated columns "
                                f"({', '.join(columns)}), found {len(cells)}", line=index + 1)
        yield index + 1, [cell.strip() for cell in cells]


def _items(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split("|") if item.strip())


@lru_cache(maxsize=1)
def _iso_alpha3() -> frozenset[str]:
    import pycountry  # deferred: its data loads on first use

    return frozenset(c.alpha_3 for c in pycountry.countries) | CODE_EXCEPTIONS


def _check_state_code(path: Path, line: int, code: str, column: str) -> None:
    if code not in _iso_alpha3():
        raise ResourceError(str(path), f"{column} {code!r} is not an ISO 3166-1 alpha-3 code "
                            f"(nor one of {sorted(CODE_EXCEPTIONS)})", line=line)


class _FormRegistry:
    """Remembers which entry first used each folded form, to reject clashes between entries."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.owner: dict[str, tuple[str, str, int]] = {}  # key -> (entry id, column, line)

    def add(self, form: str, entry: str, column: str, line: int) -> None:
        key = fold(form)
        if not key:
            raise ResourceError(str(self.path), f"empty {column} item in {entry}", line=line)
        previous = self.owner.setdefault(key, (entry, column, line))
        if previous[0] != entry:
            raise ResourceError(str(self.path), f"{form!r} ({column} of {entry}) is already a "
                                f"{previous[1]} of {previous[0]} (line {previous[2]}); a form may "
                                "name one entry only", line=line)
        if previous[1] != column:
            raise ResourceError(str(self.path), f"{form!r} is both {previous[1]} and {column} of "
                                f"{entry}; keep it in one column", line=line)


def load_countries(path: Path) -> tuple[CountryEntry, ...]:
    """Read countries.tsv: one row per state, unique codes and unique forms."""
    columns = ("code", "name", "aliases", "demonyms", "capitals", "seats")
    entries: list[CountryEntry] = []
    seen: dict[str, int] = {}
    forms = _FormRegistry(path)
    for line, (code, name, aliases, demonyms, capitals, seats) in _rows(path, columns):
        _check_state_code(path, line, code, "code")
        if code in seen:
            raise ResourceError(str(path), f"duplicate code {code} (first on line {seen[code]})",
                                line=line)
        if not name:
            raise ResourceError(str(path), f"empty name for {code}", line=line)
        seen[code] = line
        entry = CountryEntry(code, name, _items(aliases), _items(demonyms), _items(capitals),
                             _items(seats), line)
        forms.add(name, code, "name", line)
        for column, values in (("alias", entry.aliases), ("demonym", entry.demonyms),
                               ("capital", entry.capitals), ("seat", entry.seats)):
            for value in values:
                forms.add(value, code, column if fold(value) != fold(name) else "name", line)
        entries.append(entry)
    return tuple(entries)


def load_organisations(path: Path) -> tuple[OrgEntry, ...]:
    """Read organisations.tsv: the first row of a code is the organisation, later ones its arms."""
    columns = ("code", "name", "aliases", "sector")
    entries: list[OrgEntry] = []
    forms = _FormRegistry(path)
    for line, (code, name, aliases, sector) in _rows(path, columns):
        if not _ORG_CODE.match(code):
            raise ResourceError(str(path), f"code {code!r} must be 2-10 capital letters or digits",
                                line=line)
        if not name:
            raise ResourceError(str(path), f"empty name for {code}", line=line)
        if sector not in SECTORS:
            raise ResourceError(str(path), f"sector {sector!r} is not one of {sorted(SECTORS)}",
                                line=line)
        entry = OrgEntry(code, name, _items(aliases), sector, line)
        for form in (name, *entry.aliases):
            forms.add(form, f"{code} row {name!r}", "form", line)
        entries.append(entry)
    return tuple(entries)


def _coordinate(path: Path, line: int, text: str, column: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ResourceError(str(path), f"{column} {text!r} is not a number", line=line) from None
    if not -limit <= value <= limit:
        raise ResourceError(str(path), f"{column} {value} is outside ±{limit}", line=line)
    return value


def load_sites(path: Path) -> tuple[SiteEntry, ...]:
    """Read military_sites.tsv: unique names and aliases, real host codes, numeric coordinates."""
    columns = ("name", "aliases", "country", "lat", "lon", "kind", "operator_note", "source")
    entries: list[SiteEntry] = []
    forms = _FormRegistry(path)
    for line, (name, aliases, country, lat, lon, kind, note, source) in _rows(path, columns):
        if not name:
            raise ResourceError(str(path), "empty name", line=line)
        _check_state_code(path, line, country, "country")
        if kind not in SITE_KINDS:
            raise ResourceError(str(path), f"kind {kind!r} is not one of {sorted(SITE_KINDS)}",
                                line=line)
        if not source:
            raise ResourceError(str(path), f"no source for {name!r}: name the public reference",
                                line=line)
        entry = SiteEntry(name, _items(aliases), country,
                          _coordinate(path, line, lat, "lat", 90.0),
                          _coordinate(path, line, lon, "lon", 180.0), kind, source, note, line)
        for form in (name, *entry.aliases):
            forms.add(form, repr(name), "form", line)
        entries.append(entry)
    return tuple(entries)


def load_stoplist(path: Path) -> tuple[StopEntry, ...]:
    """Read stoplist.tsv: one form per row, each with its reason."""
    entries: list[StopEntry] = []
    seen: dict[str, int] = {}
    for line, (form, reason) in _rows(path, ("form", "reason")):
        if not form or not reason:
            raise ResourceError(str(path), "every row needs a form and a reason", line=line)
        key = stop_key(form)
        if key in seen:
            raise ResourceError(str(path), f"duplicate form {form!r} (first on line {seen[key]})",
                                line=line)
        seen[key] = line
        entries.append(StopEntry(form, reason, line))
    return tuple(entries)
