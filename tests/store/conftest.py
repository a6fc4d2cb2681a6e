"""Stores to test on: a SQLite file, and PostgreSQL (the `fresh_pg` fixture of
tests/conftest.py: SITREP_TEST_PG; .ci/run starts a server)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from sitrep.records import Actor, Article, DateValue, Event, Evidence, Plover
from sitrep.store import Store, open_store

PRECISION = {4: "year", 7: "month", 10: "day"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "sitrep.db")
    fresh: Callable[[], str] = request.getfixturevalue("fresh_pg")
    return fresh()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


def article(doc: str, published: str | None = "2024-05-20", *, text: str | None = None,
            url: str | None = None) -> Article:
    """An article whose text is unique to `doc` unless given."""
    return Article(id=doc, text=text or f"Text of {doc}.",
                   published=date.fromisoformat(published) if published else None,
                   url=url if url is not None else f"https://news.invalid/{doc}",
                   title=f"Title of {doc}")


def event(doc: str, kind: str = "withdraw", status: str = "planned", actor: str = "USA",
          counterpart: tuple[str, ...] = ("NER",), *, when: str | None = "2024-05-19",
          troops: int | None = None, sentence: str | None = None, start: int = 0) -> Event:
    """One event record of `doc`, as the extractor would give it."""
    text = sentence or f"{actor} {kind} {status} {' '.join(counterpart)}."
    return Event(
        doc_id=doc, kind=kind, status=status,  # type: ignore[arg-type]
        actor=Actor(actor, actor, actor, "MIL"),
        counterpart=tuple(Actor(c, c, c) for c in counterpart), place=None,
        date=DateValue(when, PRECISION[len(when)], when) if when else None,  # type: ignore[arg-type]
        troops=troops, agreement=None, plover=Plover("RETREAT", "withdraw"),
        evidence=(Evidence(text, start, start + len(text)),), confidence=0.8, rule="test.v1")
