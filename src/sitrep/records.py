"""The records that flow through sitrep: frozen, typed, and JSON-ready.

`Article` enters the pipeline; `Event` (with `Actor`, `Place`, `DateValue`, `Evidence`)
leaves it. `Event.to_dict()` gives the public event record of docs/event-record.md.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

__all__ = [
    "KINDS",
    "PRECISIONS",
    "STATUSES",
    "Actor",
    "AgreementRef",
    "Article",
    "DateValue",
    "Event",
    "Evidence",
    "Place",
    "Plover",
]

Kind = Literal[
    "deploy", "withdraw", "agreement_signed", "agreement_ended", "coup", "demand_withdrawal"
]
Status = Literal["planned", "ongoing", "completed"]
Precision = Literal["day", "week", "month", "season", "year"]

KINDS: tuple[str, ...] = (
    "deploy", "withdraw", "agreement_signed", "agreement_ended", "coup", "demand_withdrawal",
)
STATUSES: tuple[str, ...] = ("planned", "ongoing", "completed")
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "season", "year")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. `published` is None when no trustworthy date is known."""

    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A state or organisation, as coded (`code`) and as written (`text`)."""

    code: str
    name: str
    text: str
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "sector": self.sector, "text": self.text}


@dataclass(frozen=True, slots=True)
class Place:
    """The most precise named location of an event: a city or a military site."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    text: str
    #: "area" (a province or region) is known only to give a host; it is never an event's place
    kind: Literal["city", "site", "area"] = "city"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
            "text": self.text, "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class DateValue:
    """An event's own date: `value` is YYYY, YYYY-MM or YYYY-MM-DD; `text` as written."""

    value: str
    precision: Precision
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A supporting sentence and its character offsets in the article text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Plover:
    """PLOVER event type and mode, so output joins with POLECAT."""

    type: str
    mode: str | None = None
    context: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": self.context}


@dataclass(frozen=True, slots=True)
class AgreementRef:
    """The agreement an agreement event is about, as named in the text."""

    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name}


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event found in one article, with all the sentences that report it."""

    doc_id: str
    kind: Kind
    status: Status
    actor: Actor
    counterpart: tuple[Actor, ...]
    place: Place | None
    date: DateValue | None
    troops: int | None
    agreement: AgreementRef | None
    plover: Plover
    evidence: tuple[Evidence, ...]
    confidence: float
    rule: str
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.stable_id())

    def stable_id(self) -> str:
        """A hash of what identifies the event in its article (not of its wording)."""
        parties = sorted(c.code for c in self.counterpart)
        key = [self.doc_id, self.kind, self.actor.code, parties,
               self.date.value if self.date else None,
               self.evidence[0].start if self.evidence else None]
        return hashlib.sha1(json.dumps(key).encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The public event record (docs/event-record.md, schema/event.json)."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "status": self.status,
            "actor": self.actor.to_dict(),
            "counterpart": [c.to_dict() for c in self.counterpart],
            "place": self.place.to_dict() if self.place else None,
            "date": self.date.to_dict() if self.date else None,
            "troops": self.troops,
            "agreement": self.agreement.to_dict() if self.agreement else None,
            "plover": self.plover.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        """The Event of a public event record (the inverse of `to_dict`).

        Raises KeyError/TypeError/ValueError on a malformed record; callers that read
        untrusted input validate it first (resources/schema/event.json).
        """
        place = record.get("place")
        when = record.get("date")
        agreement = record.get("agreement")
        return cls(
            doc_id=str(record["doc_id"]),
            kind=record["kind"],
            status=record["status"],
            actor=_actor(record["actor"]),
            counterpart=tuple(_actor(c) for c in record["counterpart"]),
            place=Place(name=place["name"], country=place.get("country"), lat=place.get("lat"),
                        lon=place.get("lon"), text=place.get("text", place["name"]),
                        kind=place.get("kind", "city")) if place else None,
            date=DateValue(value=when["value"], precision=when["precision"],
                           text=when.get("text", "")) if when else None,
            troops=record.get("troops"),
            agreement=AgreementRef(name=agreement["name"]) if agreement else None,
            plover=Plover(**record["plover"]),
            evidence=tuple(Evidence(text=e["text"], start=e["start"], end=e["end"])
                           for e in record["evidence"]),
            confidence=float(record["confidence"]),
            rule=record["rule"],
            id=record.get("id") or "",
        )


def _actor(record: dict[str, Any]) -> Actor:
    code = record["code"]
    name = record.get("name", code)
    return Actor(code=code, name=name, text=record.get("text", name),
                 sector=record.get("sector"))
