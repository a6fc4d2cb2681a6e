"""Hand-built events and facts, shared by the state and report tests (`pythonpath` in
pyproject.toml puts this folder on the path): `Make` builds them; the places are real ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.records import Actor, AgreementRef, DateValue, Event, Evidence, Place, Plover
from sitrep.state import Fact, Source

NAMES = {"NER": "Niger", "USA": "United States", "FRA": "France", "RUS": "Russia",
         "MLI": "Mali", "BFA": "Burkina Faso", "NATO": "NATO", "FIN": "Finland",
         "AES": "Alliance of Sahel States", "DEU": "Germany", "TCD": "Chad",
         "WAGNER": "Wagner Group"}
PLOVER = {"deploy": ("MOBILIZE", "troops"), "withdraw": ("RETREAT", "withdraw"),
          "agreement_signed": ("SUPPORT", None), "agreement_ended": ("SANCTION", "discontinue"),
          "coup": ("COERCE", "seize"), "demand_withdrawal": ("REQUEST", "yield")}
PRECISION = {4: "year", 7: "month", 10: "day"}

AB101 = Place("Niamey Air Base 101", "NER", 13.48, 2.18, "Air Base 101", "site")
AB201 = Place("Niger Air Base 201", "NER", 16.95, 8.02, "Air Base 201", "site")
NIAMEY = Place("Niamey", "NER", 13.51, 2.11, "Niamey", "city")
AGADEZ = Place("Agadez", "NER", 16.97, 7.99, "Agadez", "city")


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

    def source(self, doc: str, published: str | None, text: str = "A sentence.",
               url: str | None = None) -> Source:
        return Source(doc_id=doc, url=url or f"https://news.invalid/{doc}",
                      title=f"Title of {doc}",
                      published=date.fromisoformat(published) if published else None,
                      evidence=(Evidence(text, 0, len(text)),))

    def fact(self, kind: str, status: str, actor: str, counterpart: Sequence[str] = (), *,
             published: str | None = "2024-01-01", doc: str | None = None,
             also: Sequence[tuple[str, str]] = (), url: str | None = None,
             **fields: Any) -> Fact:
        """One event reported by `doc` (published `published`, at `url`), and by each
        (doc, published) in `also` with the same sentence."""
        doc = doc or f"{kind}-{actor}-{fields.get('when') or published}"
        ev = self.event(kind, status, actor, counterpart, doc=doc, **fields)
        text = ev.evidence[0].text
        sources = [self.source(doc, published, text, url)]
        sources += [self.source(d, p, text) for d, p in also]
        return Fact(event=ev, sources=tuple(sources))


def stored_articles(db: str) -> int:
    """How many articles the store at `db` holds; 0 while it does not exist or is being
    created (a test polling a store another process writes)."""
    from sitrep.store import open_store

    try:
        with open_store(db, create=False) as store:
            return store.counts()["articles"]
    except Exception:  # the database may not exist yet, or be mid-creation
        return 0


def demo_halves(folder: Path) -> tuple[Path, Path, int]:
    """The demo corpus as two overlapping JSON Lines files (articles 1-40 and 21-57: 20 in
    both) in `folder`, and how many distinct articles they hold."""
    from sitrep.knowledge.demo import demo_corpus

    lines = [line for line in demo_corpus().read_text(encoding="utf-8").splitlines()
             if line.strip()]
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[20:]) + "\n", encoding="utf-8")
    return first, second, len(lines)


def orphans_and_unindexed(db: str) -> tuple[int, int]:
    """How many stored events have no article, and how many are missing from the party
    index: both 0 in a consistent store (what a crash must never break)."""
    from sqlalchemy import func, select

    from sitrep.store import open_store
    from sitrep.store.schema import articles, event_parties, events

    with open_store(db, create=False) as store, store.engine.connect() as conn:
        orphans = conn.execute(select(func.count()).select_from(events).where(
            events.c.doc_id.not_in(select(articles.c.id)))).scalar_one()
        unindexed = conn.execute(select(func.count()).select_from(events).where(
            events.c.id.not_in(select(event_parties.c.event_id)))).scalar_one()
    return int(orphans), int(unindexed)
