"""People who speak for a state or an organisation: 'Putin ordered...' means Russia.

leaders.tsv (resources/gazetteer) lists heads of state and government, defence and foreign
ministers, junta, militia and organisation leaders with their terms of office. `LeaderIndex`
maps a name as it appears in news ("President Vladimir Putin", "Macron's", "Col. Assimi Goïta")
to the office holder, preferring whoever held office on a given date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..errors import ResourceError
from .loaders import CODE_EXCEPTIONS, _iso_alpha3, _rows, fold

__all__ = ["ORG_CODES", "ROLES", "Leader", "LeaderIndex", "load_leaders", "parse_leaders"]

#: Codes of organisations whose leaders speak for them (besides ISO alpha-3 state codes).
ORG_CODES: frozenset[str] = frozenset({"EU", "NATO", "UN", "AU", "ECOWAS", "AES", "CSTO"})
ROLES: frozenset[str] = frozenset({
    "head_of_state", "head_of_government", "defence_minister", "foreign_minister",
    "junta_leader", "org_leader", "militia_leader",
})
_COLUMNS = ("name", "aliases", "code", "role", "from", "to")
_DATE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
# Titles in folded form (lower case, no accents, hyphens as spaces), longest first.
_TITLES = sorted((fold(t) for t in (
    "President", "Prime Minister", "PM", "Gen", "General", "Col", "Colonel", "Capt", "Captain",
    "Lt", "Mr", "Mrs", "Ms", "Dr", "King", "Emir", "Crown Prince", "Sheikh", "Chancellor",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Minister", "Secretary",
    "Secretary-General", "Secretary of State", "Defence Secretary", "Defense Secretary",
    "Foreign Secretary", "Marshal", "Field Marshal", "Commander", "Prince", "Sultan",
    "Ayatollah", "Premier", "Brig", "Maj",
)), key=len, reverse=True)
_TITLE = re.compile(r"^(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\.?(?:\s+|$)")
_POSSESSIVE = re.compile(r"'s?$")


@dataclass(frozen=True, slots=True)
class Leader:
    """One term in one office: who, under which names, for which state or organisation, when.

    `start` and `end` are 'YYYY' or 'YYYY-MM-DD'; `end` is None while in office.
    """

    name: str
    aliases: tuple[str, ...]
    code: str
    role: str
    start: str
    end: str | None

    @property
    def first_day(self) -> date:
        """The earliest day the term may have begun (1 January when only the year is known)."""
        return _bound(self.start, last=False)

    @property
    def last_day(self) -> date:
        """The latest day the term may have ended (date.max while in office)."""
        return date.max if self.end is None else _bound(self.end, last=True)

    def in_office(self, on: date) -> bool:
        """Whether the term covers `on` (both ends inclusive)."""
        return self.first_day <= on <= self.last_day


def _bound(text: str, *, last: bool) -> date:
    if len(text) == 4:
        return date(int(text), 12, 31) if last else date(int(text), 1, 1)
    return date.fromisoformat(text)


def _check_date(path: Path, line: int, text: str, column: str) -> None:
    if not _DATE.match(text):
        raise ResourceError(str(path), f"{column} {text!r} is not YYYY or YYYY-MM-DD", line=line)
    try:
        _bound(text, last=False)
    except ValueError:
        raise ResourceError(str(path), f"{column} {text!r} is not a real date",
                            line=line) from None


def parse_leaders(path: Path, *, known_codes: frozenset[str]) -> tuple[Leader, ...]:
    """Read a leaders file, raising `ResourceError` (file and line) at the first bad row."""
    leaders: list[Leader] = []
    for line, (name, aliases, code, role, start, end) in _rows(path, _COLUMNS):
        if not name or not fold(name):
            raise ResourceError(str(path), "empty name", line=line)
        if code not in known_codes:
            raise ResourceError(str(path), f"code {code!r} is neither an ISO 3166-1 alpha-3 code "
                                f"nor one of {sorted(ORG_CODES)}", line=line)
        if role not in ROLES:
            raise ResourceError(str(path), f"role {role!r} is not one of {sorted(ROLES)}",
                                line=line)
        _check_date(path, line, start, "from")
        if end:
            _check_date(path, line, end, "to")
        items = tuple(item.strip() for item in aliases.split("|") if item.strip())
        leader = Leader(name, items, code, role, start, end or None)
        if leader.first_day > leader.last_day:
            raise ResourceError(str(path), f"from {start} is after to {end}", line=line)
        leaders.append(leader)
    return tuple(leaders)


def _strip(key: str) -> str:
    """Drop leading titles ('president', 'col.', 'field marshal'...) from a folded name."""
    while True:
        stripped = _TITLE.sub("", key, count=1).strip()
        if stripped == key or not stripped:
            return key
        key = stripped


class LeaderIndex:
    """Finds the leader a name stands for, by folded full name or alias."""

    def __init__(self, leaders: tuple[Leader, ...]) -> None:
        self.leaders = leaders
        self._by_form: dict[str, list[Leader]] = {}
        for leader in leaders:
            for key in {fold(form) for form in (leader.name, *leader.aliases)}:
                self._by_form.setdefault(key, []).append(leader)

    def __len__(self) -> int:
        return len(self.leaders)

    def candidates(self, text: str) -> tuple[Leader, ...]:
        """Every term whose name or alias matches `text`, titles and possessive removed."""
        key = _POSSESSIVE.sub("", fold(text.strip())).strip()
        for probe in (key, _strip(key)):
            found = self._by_form.get(probe)
            if found:
                return tuple(found)
        return ()

    def lookup(self, text: str, *, on: date | None = None) -> Leader | None:
        """The leader `text` names: the one in office on `on` if any, else the most recent.

        "Most recent" is the latest start (before `on` when a date is given and some started by
        then). None when nothing matches, or when the best terms tie between different codes.
        """
        pool = list(self.candidates(text))
        if on is not None and pool:
            pool = ([c for c in pool if c.in_office(on)]
                    or [c for c in pool if c.first_day <= on] or pool)
        if not pool:
            return None
        best = max(c.first_day for c in pool)
        top = [c for c in pool if c.first_day == best]
        if len({c.code for c in top}) > 1:
            return None
        return top[0]

    def code(self, text: str, *, on: date | None = None) -> str | None:
        """The code of the state or organisation `text`'s leader speaks for, or None."""
        leader = self.lookup(text, on=on)
        return None if leader is None else leader.code


def leaders_path() -> Path:
    """The packaged leaders.tsv."""
    return Path(str(files("sitrep").joinpath("resources", "gazetteer", "leaders.tsv")))


@lru_cache(maxsize=1)
def load_leaders() -> LeaderIndex:
    """The packaged leaders, loaded once per process."""
    known = _iso_alpha3() | CODE_EXCEPTIONS | ORG_CODES
    return LeaderIndex(parse_leaders(leaders_path(), known_codes=known))
