"""Hand-built facts for the export tests: `make` builds one, `facts` is a small mixed set with
the awkward cases (a sentence with commas, quotes and a newline; an undated fact; a fact with
no place; a fact with two sources; an agreement with two counterparts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

import factories
from factories import AB101, NIAMEY
from sitrep.records import Evidence, Place
from sitrep.state import Fact, Source

NDJAMENA = Place("N'Djamena", "TCD", 12.11, 15.04, "N'Djamena", "city")
HELSINKI = Place("Helsinki", "FIN", 60.17, 24.94, "Helsinki", "city")

#: A sentence a CSV writer must quote: commas, double quotes and a line break.
AWKWARD = 'Paris said, "our 1,000 troops stay in Chad",\nan official added.'


class Make(factories.Make):
    """The shared factories (tests/factories.py), with one fact reported by several sources:
    `sources` lists (doc, published) pairs, the first the event's own article."""

    def fact(self, kind: str, status: str, actor: str,  # type: ignore[override]
             counterpart: Sequence[str] = (), *, when: str | None = None,
             precision: str | None = None, place: Place | None = None,
             troops: int | None = None, agreement: str | None = None, text: str | None = None,
             sources: Sequence[tuple[str, str | None]] = (("doc", "2024-01-01"),),
             titled: bool = True) -> Fact:
        sentence = text or f"{actor} {kind} {status} {' '.join(counterpart)}."
        ev = self.event(kind, status, actor, counterpart, doc=sources[0][0] if sources else "doc",
                        when=when, place=place, troops=troops, agreement=agreement,
                        text=sentence)
        if precision and ev.date:
            ev = replace(ev, date=replace(ev.date, precision=precision), id="")
        return Fact(event=ev, sources=tuple(
            Source(doc_id=d, url=f"https://news.invalid/{d}",
                   title=f"Title of {d}" if titled else None,
                   published=date.fromisoformat(p) if p else None,
                   evidence=(Evidence(sentence, 0, len(sentence)),))
            for d, p in sources))


@pytest.fixture(scope="session")
def make() -> Make:
    return Make()


@dataclass(frozen=True)
class Facts:
    """The shared set, each fact by the case it stands for."""

    awkward: Fact      # a sentence with commas, quotes and a newline; a city; troops
    undated: Fact      # no date of its own: dated by its first report
    placeless: Fact    # an agreement with no place
    two_sources: Fact  # a coup reported by two outlets
    pact: Fact         # an organisation and two counterparts
    unknown: Fact      # no date and no published source: not placeable in time

    def all(self) -> list[Fact]:
        return [self.awkward, self.undated, self.placeless, self.two_sources, self.pact,
                self.unknown]


@pytest.fixture(scope="session")
def facts(make: Make) -> Facts:
    return Facts(
        awkward=make.fact("deploy", "ongoing", "FRA", ["TCD"], when="2024-01-15",
                          place=NDJAMENA, troops=1000, text=AWKWARD,
                          sources=[("wire-0116", "2024-01-16")]),
        undated=make.fact("withdraw", "planned", "USA", ["NER"], place=AB101,
                          sources=[("late-0522", "2024-05-22"), ("wire-0520", "2024-05-20")]),
        placeless=make.fact("agreement_signed", "completed", "RUS", ["NER"], when="2023-12",
                            agreement="military cooperation memorandum",
                            sources=[("daily-1205", "2023-12-05")]),
        two_sources=make.fact("coup", "completed", "NER", when="2023-07-26", place=NIAMEY,
                              sources=[("wire-0726", "2023-07-26"), ("daily-0727", "2023-07-27")],
                              titled=False),
        pact=make.fact("agreement_signed", "completed", "AES", ["MLI", "BFA"], when="2023",
                       place=NIAMEY, agreement="Liptako-Gourma Charter",
                       sources=[("obs-0917", "2023-09-17")]),
        unknown=make.fact("demand_withdrawal", "planned", "NER", ["FRA"], sources=[("x", None)]),
    )


def export(facts: Sequence[Fact], fmt: str) -> tuple[int, bytes]:
    """(count returned, bytes written) of one export to memory."""
    import io

    from sitrep.export import write_export

    out = io.BytesIO()
    count = write_export(facts, fmt=fmt, out=out)
    return count, out.getvalue()


def by_id(items: Sequence[Any], key: str = "event_id") -> dict[str, Any]:
    """Rows, features or records keyed by their event id."""
    return {item[key]: item for item in items}
