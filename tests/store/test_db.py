"""The store keeps articles and their events, once each, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError, StoreError
from sitrep.store import Store, open_store

from .conftest import article, event


def test_an_article_is_stored_with_its_events(store: Store) -> None:
    assert store.add_article(article("a1"), [event("a1"), event("a1", "deploy", start=5)],
                             extractor="x")
    assert store.counts() == {"articles": 1, "events": 2}
    rows = store.party_events("NER")
    assert {r.event.kind for r in rows} == {"withdraw", "deploy"}
    assert rows[0].url == "https://news.invalid/a1"
    assert rows[0].published == date(2024, 5, 20)


@pytest.mark.parametrize("again", [
    pytest.param(dict(doc="a1"), id="same article"),
    pytest.param(dict(doc="other", text="Text of a1."), id="same text, other id and url"),
    pytest.param(dict(doc="other", text="Changed.", url="https://news.invalid/a1"),
                 id="same url, edited text"),
    pytest.param(dict(doc="other", text="  Text   of\n a1.  "), id="same words, other spacing"),
])
def test_the_same_article_twice_adds_nothing(store: Store, again: dict[str, str]) -> None:
    store.add_article(article("a1"), [event("a1")], extractor="x")
    fields = dict(again)
    doc = fields.pop("doc")
    assert not store.add_article(article(doc, **fields), [event(doc)], extractor="x")
    assert store.counts() == {"articles": 1, "events": 1}


def test_two_articles_with_one_id_are_both_kept(store: Store) -> None:
    store.add_article(article("a1"), [event("a1")], extractor="x")
    other = article("a1", text="Another text.", url="https://elsewhere.invalid/a1")
    free = store.free_id(other.id, "0123456789abcdef")
    assert free != "a1" and free.startswith("a1")
    assert store.add_article(article(free, text="Another text.", url=None), [], extractor="x")
    assert store.counts()["articles"] == 2


def test_a_bad_event_stores_nothing_of_its_article(store: Store) -> None:
    with pytest.raises(InputError, match="not a calendar date"):
        store.add_article(article("a1"), [event("a1"), event("a1", when="2024-13", start=9)],
                          extractor="x")
    assert store.counts() == {"articles": 0, "events": 0}


def test_replacing_events_swaps_them_and_moves_the_version(store: Store) -> None:
    store.add_article(article("a1"), [event("a1")], extractor="old")
    before = store.party_version("NER")
    store.replace_events("a1", [event("a1", "deploy", "completed", "FRA", ("MLI",))],
                         extractor="new")
    assert [r.event.actor.code for r in store.party_events("MLI")] == ["FRA"]
    assert store.party_events("NER") == []
    assert store.party_version("NER") > before  # its events changed: caches are stale
    assert [s.extractor for s in store.stored_articles()] == ["new"]


def test_known_at_reads_only_what_was_published_by_then(store: Store) -> None:
    store.add_article(article("early", "2024-03-01"), [event("early")], extractor="x")
    store.add_article(article("late", "2024-09-01"), [event("late")], extractor="x")
    store.add_article(article("undated", None), [event("undated")], extractor="x")
    assert {r.event.doc_id for r in store.party_events("NER", known_at=date(2024, 6, 1))} \
        == {"early"}
    assert len(store.party_events("NER")) == 3


def test_stored_articles_can_skip_those_read_by_this_extractor(store: Store) -> None:
    for n in range(5):
        store.add_article(article(f"a{n}"), [], extractor="new" if n % 2 else "old")
    assert [s.article.id for s in store.stored_articles(batch=2)] == [f"a{n}" for n in range(5)]
    assert [s.article.id for s in store.stored_articles(except_extractor="new", batch=2)] \
        == ["a0", "a2", "a4"]


def test_bulk_load_skips_what_is_stored_or_repeated(store: Store) -> None:
    store.add_article(article("a1"), [event("a1")], extractor="x")
    items = [(article(f"a{n}"), [event(f"a{n}")]) for n in range(1, 6)]
    items.append((article("copy", text="Text of a3."), [event("copy")]))
    assert store.add_articles(items, extractor="x", chunk=2) == 4
    assert store.counts() == {"articles": 5, "events": 5}


def test_bulk_load_keeps_two_articles_with_one_id(store: Store) -> None:
    store.add_article(article("a1"), [event("a1")], extractor="x")
    other = article("a1", text="Another text.", url="https://elsewhere.invalid/a1")
    assert store.add_articles([(other, [event("a1")])], extractor="x") == 1
    stored = sorted(s.article.id for s in store.stored_articles())
    assert stored[0] == "a1" and stored[1].startswith("a1~")
    assert {r.event.doc_id for r in store.party_events("NER")} == set(stored)


def test_the_facts_cache_is_current_only_until_a_change(store: Store) -> None:
    store.add_article(article("a1"), [event("a1")], extractor="x")
    version = store.party_version("NER")
    store.cache_facts("NER", version, "[]")
    assert store.cached_facts("NER") == "[]"
    store.add_article(article("a2"), [event("a2")], extractor="x")
    assert store.cached_facts("NER") is None
    assert store.cached_facts("USA") is None  # never cached


def test_codes_count_events_per_party(store: Store) -> None:
    store.add_article(article("a1"), [event("a1"), event("a1", actor="FRA", start=4)],
                      extractor="x")
    assert store.codes() == [("NER", 2), ("FRA", 1), ("USA", 1)]


def test_reopening_applies_no_migration_twice(db_url: str) -> None:
    open_store(db_url).close()
    with open_store(db_url) as again:
        from sqlalchemy import func, select

        from sitrep.store.schema import MIGRATIONS, migrations

        with again.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(migrations)).scalar_one()
        assert n == len(MIGRATIONS)


def test_a_missing_database_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize(("db", "problem"), [
    ("mysql+pymysql://u@h/db", "cannot use database|SQLite or PostgreSQL"),
    ("/no/such/folder/sitrep.db", "folder does not exist"),
    ("postgresql+psycopg://nobody@127.0.0.1:9/none", "cannot open the database"),
])
def test_an_unusable_database_is_a_clear_error(db: str, problem: str) -> None:
    with pytest.raises(StoreError, match=problem):
        open_store(db)
