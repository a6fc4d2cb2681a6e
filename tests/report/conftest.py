"""Hand-built facts for the HTML report tests (after tests/state/conftest.py): `make` builds
events and facts; `niger` is Niger 2023-2024 as outlets reported it, `situation` its state."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest

from sitrep.records import Actor, AgreementRef, DateValue, Event, Evidence, Place, Plover
from sitrep.state import Fact, Situation, Source, derive_state

NAMES = {"NER": "Niger", "USA": "United States", "FRA": "France", "RUS": "Russia",
         "MLI": "Mali", "BFA": "Burkina Faso", "TCD": "Chad", "DEU": "Germany",
         "WAGNER": "Wagner Group", "AES": "Alliance of Sahel States"}
PLOVER = {"deploy": ("MOBILIZE", "troops"), "withdraw": ("RETREAT", "withdraw"),
          "agreement_signed": ("SUPPORT", None), "agreement_ended": ("SANCTION", "discontinue"),
          "coup": ("COERCE", "seize"), "demand_withdrawal": ("REQUEST", "yield")}
PRECISION = {4: "year", 7: "month", 10: "day"}

AB101 = Place("Niamey Air Base 101", "NER", 13.48, 2.18, "Air Base 101", "site")
AB201 = Place("Niger Air Base 201", "NER", 16.95, 8.02, "Air Base 201", "site")
OUALLAM = Place("Ouallam", "NER", 14.32, 2.09, "Ouallam", "city")


class Make:
    """Factories: `fact(kind, status, actor, counterparts, ...)` is one event, one source."""

    def actor(self, code: str) -> Actor:
        return Actor(code=code, name=NAMES.get(code, code), text=NAMES.get(code, code),
                     sector="MIL")

    def event(self, kind: str, status: str, actor: str, counterpart: Sequence[str] = (), *,
              doc: str = "doc", when: str | None = None, place: Place | None = None,
              troops: int | None = None, agreement: str | None = None,
              text: str | None = None) -> Event:
        sentence = text or f"{actor} {kind} {status} {' '.join(counterpart)} {when or ''}."
        ptype, mode = PLOVER[kind]
        return Event(
            doc_id=doc, kind=kind, status=status, actor=self.actor(actor),
            counterpart=tuple(self.actor(c) for c in counterpart), place=place,
            date=DateValue(when, PRECISION[len(when)], when) if when else None,
            troops=troops, agreement=AgreementRef(agreement) if agreement else None,
            plover=Plover(ptype, mode, "military"),
            evidence=(Evidence(sentence, 0, len(sentence)),), confidence=0.8, rule=f"{kind}.t",
        )

    def source(self, doc: str, published: str | None, text: str,
               url: str | None = None) -> Source:
        return Source(doc_id=doc, url=url or f"https://news.invalid/{doc}",
                      title=f"Title of {doc}",
                      published=date.fromisoformat(published) if published else None,
                      evidence=(Evidence(text, 0, len(text)),))

    def fact(self, kind: str, status: str, actor: str, counterpart: Sequence[str] = (), *,
             published: str | None = "2024-01-01", doc: str | None = None,
             url: str | None = None, **fields: Any) -> Fact:
        """One event reported by `doc`, published `published`."""
        doc = doc or f"{kind}-{actor}-{fields.get('when') or published}"
        ev = self.event(kind, status, actor, counterpart, doc=doc, **fields)
        return Fact(event=ev, sources=(self.source(doc, published, ev.evidence[0].text, url),))


@pytest.fixture(scope="session")
def make() -> Make:
    return Make()


@pytest.fixture(scope="session")
def niger(make: Make) -> list[Fact]:
    return niger_facts(make)


def niger_facts(make: Make) -> list[Fact]:
    """Niger, 2023-2024: a coup, France out, the US told to leave, Russia and Wagner in, the
    AES charter; a Chadian deployment at Ouallam; given out of date order on purpose."""
    return [
        make.fact("withdraw", "planned", "USA", ["NER"], published="2024-05-20", doc="wire-0520",
                  when="2024-05", troops=1000),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18", doc="wire-0318",
                  place=AB101, troops=1000),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-19", doc="daily-0319",
                  place=AB201, troops=1100),
        make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27"),
        make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01", troops=1500),
        make.fact("withdraw", "completed", "FRA", ["NER"], when="2023-12-22",
                  published="2023-12-23"),
        make.fact("deploy", "completed", "RUS", ["NER"], when="2024-04", published="2024-04-13",
                  place=AB101),
        make.fact("deploy", "ongoing", "WAGNER", ["NER"], published="2024-04-20"),
        make.fact("deploy", "ongoing", "TCD", ["NER"], published="2024-02-02", place=OUALLAM),
        make.fact("agreement_signed", "completed", "MLI", ["BFA", "NER"], when="2023-09-16",
                  published="2023-09-17",
                  text="The charter binds the three countries to assist one another."),
        make.fact("agreement_ended", "completed", "NER", ["USA"], published="2024-03-17",
                  agreement="2012 status-of-forces agreement"),
        make.fact("demand_withdrawal", "planned", "NER", ["USA"], published="2024-03-17"),
    ]


AS_OF = date(2024, 5, 11)


@pytest.fixture(scope="session")
def situation(niger: list[Fact]) -> Situation:
    return derive_state(niger, "NER", as_of=AS_OF)


class Page(HTMLParser):
    """A parsed page: every start tag with its attributes, in order, and the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())
