"""Stores to test on: a SQLite file, and PostgreSQL when a server is given (SITREP_TEST_PG;
.ci/run starts one and sets SITREP_REQUIRE_PG so that a missing server fails, not skips)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sitrep.records import Actor, Article, DateValue, Event, Evidence, Plover
from sitrep.store import Store, open_store

PRECISION = {4: "year", 7: "month", 10: "day"}


def _pg_url() -> str | None:
    url = os.environ.get("SITREP_TEST_PG")
    if not url and os.environ.get("SITREP_REQUIRE_PG"):
        pytest.fail("SITREP_REQUIRE_PG is set but SITREP_TEST_PG names no server")
    return url


def fresh_postgres(url: str) -> None:
    """Drop every table of the test database: each test starts from nothing."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "sitrep.db")
    url = _pg_url()
    if url is None:
        pytest.skip("no PostgreSQL server: set SITREP_TEST_PG (bash .ci/postgres start)")
    fresh_postgres(url)
    return url


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
