"""The situation of one country on one date: frozen lines, each with the sources behind it.

`Situation.to_dict()` is the public JSON (docs/state.md, resources/schema/situation.json).
Dates keep the precision their events had; `*_reported` flags say a date is a publication
date standing in for an unknown one ("by then").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .facts import Source
from .moments import Moment

__all__ = [
    "Agreement", "Government", "Obligation", "Presence", "PresenceStatus", "Site",
    "Situation", "TroopCount",
]

PresenceStatus = Literal["present", "withdrawal_planned", "withdrawing", "ended"]
#: the statuses of forces still in the country
CURRENT: frozenset[str] = frozenset({"present", "withdrawal_planned", "withdrawing"})


def _value(m: Moment | None) -> str | None:
    return m.value if m is not None else None


def _reported(m: Moment | None) -> bool:
    return m is not None and m.reported


def _sources(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in sources]


@dataclass(frozen=True, slots=True)
class Site:
    """A place forces hold (`moment`: since when) or handed over (`moment`: when)."""

    name: str
    lat: float | None
    lon: float | None
    kind: str
    moment: Moment | None

    def to_dict(self, date_key: str) -> dict[str, Any]:
        return {"name": self.name, "lat": self.lat, "lon": self.lon, "kind": self.kind,
                date_key: _value(self.moment)}


@dataclass(frozen=True, slots=True)
class TroopCount:
    """One stated personnel count, the latest date it was stated, and who stated it."""

    count: int
    moment: Moment
    doc_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "date": self.moment.value, "sources": list(self.doc_ids)}


@dataclass(frozen=True, slots=True)
class Presence:
    """Forces of `actor` in `host` over one interval."""

    actor: str
    host: str
    status: PresenceStatus
    since: Moment | None
    status_since: Moment | None
    until: Moment | None
    troops: int | None
    troop_counts: tuple[TroopCount, ...]
    places: tuple[Site, ...]
    handed_over: tuple[Site, ...]
    sources: tuple[Source, ...]

    @property
    def current(self) -> bool:
        return self.status in CURRENT

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor, "host": self.host, "status": self.status,
            "since": _value(self.since), "since_reported": _reported(self.since),
            "status_since": _value(self.status_since),
            "until": _value(self.until), "until_reported": _reported(self.until),
            "troops": self.troops, "troop_counts": [t.to_dict() for t in self.troop_counts],
            "places": [p.to_dict("since") for p in self.places],
            "handed_over": [p.to_dict("date") for p in self.handed_over],
            "sources": _sources(self.sources),
        }


@dataclass(frozen=True, slots=True)
class Agreement:
    """A security agreement between `parties`, in force from `signed` to `ended`."""

    parties: tuple[str, ...]
    name: str | None
    signed: Moment | None
    ended: Moment | None
    end_planned: Moment | None
    sources: tuple[Source, ...]

    @property
    def in_force(self) -> bool:
        return self.ended is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties), "name": self.name,
            "signed": _value(self.signed), "signed_reported": _reported(self.signed),
            "ended": _value(self.ended), "ended_reported": _reported(self.ended),
            "end_planned": _value(self.end_planned), "in_force": self.in_force,
            "sources": _sources(self.sources),
        }


@dataclass(frozen=True, slots=True)
class Government:
    """Who holds power: since the latest coup."""

    since: Moment
    how: Literal["coup"]
    ousted: str | None
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"since": self.since.value, "since_reported": self.since.reported,
                "how": self.how, "ousted": self.ousted, "sources": _sources(self.sources)}


@dataclass(frozen=True, slots=True)
class Obligation:
    """Parties bound to assist one another, by an agreement in force."""

    members: tuple[str, ...]
    obligation: Literal["mutual defence"]
    agreement: str | None
    since: Moment | None
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"members": list(self.members), "obligation": self.obligation,
                "agreement": self.agreement, "since": _value(self.since),
                "since_reported": _reported(self.since), "sources": _sources(self.sources)}


@dataclass(frozen=True, slots=True)
class Situation:
    """The state of `country` on `as_of`, from what was published by `known_at` (None: all)."""

    country: str
    as_of: date
    known_at: date | None
    names: tuple[tuple[str, str], ...]
    presence: tuple[Presence, ...]
    agreements: tuple[Agreement, ...]
    government: Government | None
    obligations: tuple[Obligation, ...]

    def name(self, code: str) -> str:
        """The name the sources give `code`, else the code itself."""
        return dict(self.names).get(code, code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "as_of": self.as_of.isoformat(),
            "known_at": self.known_at.isoformat() if self.known_at else None,
            "names": dict(self.names),
            "presence": [p.to_dict() for p in self.presence],
            "agreements": [a.to_dict() for a in self.agreements],
            "government": self.government.to_dict() if self.government else None,
            "obligations": [o.to_dict() for o in self.obligations],
        }
