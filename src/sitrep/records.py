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
