"""Store: the only place with SQL. Articles and their event records in SQLite or PostgreSQL.

    store = open_store("sitrep.db")                       # or "postgresql+psycopg://..."
    added = store.add_article(article, events, extractor=fp, source="feed.xml")
    rows = store.party_events("NER", known_at=date(2024, 6, 1))

Writes are one transaction per article: an article and its events land together or not at
all, so a killed ingest leaves a consistent store and its re-run adds what was missing.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from ..errors import StoreError
from ..records import Article, Event
from .schema import (
    MIGRATIONS,
    articles,
    event_parties,
    events,
    fact_cache,
    metadata,
    migrations,
    party_versions,
)

__all__ = ["EventRow", "Store", "StoredArticle", "content_hash", "database_url", "open_store",
           "search_text"]

#: how long a SQLite writer waits for another one before giving up (milliseconds)
_BUSY_MS = 60_000


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for `db`: a URL as given, or a path to a SQLite file."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def content_hash(text: str) -> str:
    """What makes two articles the same text: their words, whitespace aside."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored, with the fingerprint of the extractor that read it."""

    article: Article
    source: str | None
    extractor: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event record and the article metadata its sources need (not the text)."""

    event: Event
    url: str | None
    title: str | None
    published: date | None


class Store:
    """A sitrep database. Open with `open_store`; close when done (or use `with`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: derived values the knowledge layer keeps while the store is open, keyed by what
        #: they were derived from (sitrep.knowledge.queries: facts per code and version)
        self.memo: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        #: how many codes' facts `memo` keeps (least recently used go first); a server,
        #: which answers about every country, raises it
        self.memo_codes = 16
        #: held while `memo` is read or changed: a server answers from several threads
        self.memo_lock = threading.RLock()

    def recall(self, key: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """What `remember` kept under `key` (marked recently used), or None."""
        with self.memo_lock:
            if key not in self.memo:
                return None
            self.memo.move_to_end(key)
            found: tuple[Any, ...] = self.memo[key]
            return found

    def remember(self, key: tuple[Any, ...], value: tuple[Any, ...]) -> None:
        """Keep `value` under `key`, dropping the least recently used past `memo_codes`."""
        with self.memo_lock:
            self.memo[key] = value
            while len(self.memo) > self.memo_codes:
                self.memo.popitem(last=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing -------------------------------------------------------------------------

    def find_article(self, *, url: str | None, digest: str) -> str | None:
        """The id of a stored article with this URL or this content, else None."""
        cond = articles.c.content_hash == digest
        if url:
            cond = or_(cond, articles.c.url == url)
        with self._read() as conn:
            found: str | None = conn.execute(select(articles.c.id).where(cond).limit(1)).scalar()
        return found

    def free_id(self, article_id: str, digest: str) -> str:
        """`article_id`, or when another article already has it, one made unique by `digest`."""
        with self._read() as conn:
            taken = conn.execute(select(articles.c.id).where(
                articles.c.id == article_id)).scalar()
        return article_id if taken is None else f"{article_id}~{digest[:12]}"

    def add_article(self, article: Article, found: Sequence[Event], *, extractor: str,
                    source: str | None = None) -> bool:
        """Store an article and its events in one transaction; False if it was already there.

        "Already there" is the same URL or the same text: a concurrent writer that stored it
        first wins, and this call adds nothing.
        """
        digest = content_hash(article.text)
        row = _article_row(article, digest, extractor=extractor, source=source,
                           now=datetime.now(UTC))
        try:
            with self._write() as conn:
                conn.execute(insert(articles).values(**row))
                self._insert_events(conn, found)
        except IntegrityError:
            if self.find_article(url=article.url, digest=digest) is not None:
                return False
            raise StoreError(f"{self.url}: cannot store article {article.id!r}: its id is "
                             "taken by another article") from None
        return True

    def add_articles(self, items: Iterable[tuple[Article, Sequence[Event]]], *, extractor: str,
                     source: str | None = None, chunk: int = 5000) -> int:
        """Store many articles with their events, `chunk` per transaction; articles already
        stored (same URL or text) or repeated in `items` are skipped. Returns how many were
        added. For bulk loads; `add_article` is the one-by-one path."""
        added = 0
        batch: list[tuple[Article, Sequence[Event]]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                added += self._add_chunk(batch, extractor=extractor, source=source)
                batch = []
        if batch:
            added += self._add_chunk(batch, extractor=extractor, source=source)
        return added

    def _add_chunk(self, batch: list[tuple[Article, Sequence[Event]]], *, extractor: str,
                   source: str | None) -> int:
        now = datetime.now(UTC)
        with self._write() as conn:
            digests = {content_hash(a.text): (a, evs) for a, evs in batch}
            known = set(conn.execute(select(articles.c.content_hash).where(
                articles.c.content_hash.in_(list(digests)))).scalars())
            urls = [a.url for a, _ in batch if a.url]
            known_urls = set(conn.execute(select(articles.c.url).where(
                articles.c.url.in_(urls))).scalars()) if urls else set()
            taken = set(conn.execute(select(articles.c.id).where(
                articles.c.id.in_([a.id for a, _ in batch]))).scalars())
            rows: list[dict[str, Any]] = []
            found: list[Event] = []
            seen_urls: set[str] = set()
            for digest, (a, evs) in digests.items():
                if digest in known or (a.url and (a.url in known_urls or a.url in seen_urls)):
                    continue
                if a.url:
                    seen_urls.add(a.url)
                if a.id in taken:  # another article has this id: keep both (see free_id)
                    a = replace(a, id=f"{a.id}~{digest[:12]}")
                    evs = [replace(ev, doc_id=a.id, id="") for ev in evs]
                taken.add(a.id)
                rows.append(_article_row(a, digest, extractor=extractor, source=source, now=now))
                found.extend(evs)
            if rows:
                conn.execute(insert(articles), rows)
                self._insert_events(conn, found)
        return len(rows)

    def replace_events(self, doc_id: str, found: Sequence[Event], *, extractor: str) -> None:
        """Swap an article's events for a new extraction, in one transaction."""
        with self._write() as conn:
            ids = select(events.c.id).where(events.c.doc_id == doc_id)
            old = set(conn.execute(select(event_parties.c.code).where(
                event_parties.c.event_id.in_(ids))).scalars())
            self._bump(conn, old)
            conn.execute(delete(event_parties).where(event_parties.c.event_id.in_(ids)))
            conn.execute(delete(events).where(events.c.doc_id == doc_id))
            self._insert_events(conn, found)
            conn.execute(update(articles).where(articles.c.id == doc_id)
                         .values(extractor=extractor))

    def _insert_events(self, conn: Connection, found: Sequence[Event]) -> None:
        unique = {ev.id: ev for ev in found}  # one id per event record, whatever the caller did
        if not unique:
            return
        conn.execute(insert(events), [_event_row(ev) for ev in unique.values()])
        parties = {(ev.id, code): role for ev in unique.values() for code, role in _parties(ev)}
        conn.execute(insert(event_parties), [
            {"event_id": eid, "code": code, "role": role}
            for (eid, code), role in parties.items()])
        self._bump(conn, {code for _, code in parties})

    def _bump(self, conn: Connection, codes: set[str]) -> None:
        """Move the version of each code on: its cached facts are stale from now."""
        if not codes:
            return
        dialect = _dialect_insert(conn)
        stmt = dialect(party_versions).values([{"code": c, "version": 1} for c in sorted(codes)])
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["code"], set_={"version": party_versions.c.version + 1}))

    # ---- derived caches ------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that moves on whenever any event is added or replaced (the sum of every
        code's version): what a derivation over the whole store is keyed on."""
        with self._read() as conn:
            found = conn.execute(select(func.sum(party_versions.c.version))).scalar()
        return int(found or 0)

    def party_version(self, code: str) -> int:
        """How many times the events concerning `code` have changed (0: never)."""
        with self._read() as conn:
            found = conn.execute(select(party_versions.c.version).where(
                party_versions.c.code == code)).scalar()
        return int(found or 0)

    def cached_facts(self, code: str) -> str | None:
        """The cached facts payload of `code` if it is current, else None."""
        query = (select(fact_cache.c.payload)
                 .join(party_versions, party_versions.c.code == fact_cache.c.code)
                 .where(fact_cache.c.code == code,
                        fact_cache.c.version == party_versions.c.version))
        with self._read() as conn:
            found: str | None = conn.execute(query).scalar()
        return found

    def cache_facts(self, code: str, version: int, payload: str) -> None:
        """Keep the facts of `code` derived at `version` (a later write makes them stale)."""
        with self._write() as conn:
            stmt = _dialect_insert(conn)(fact_cache).values(code=code, version=version,
                                                            payload=payload)
            conn.execute(stmt.on_conflict_do_update(
                index_elements=["code"], set_={"version": version, "payload": payload}))

    # ---- reading -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many articles and events are stored."""
        with self._read() as conn:
            return {
                "articles": conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
            }

    def stored_articles(self, *, except_extractor: str | None = None,
                        batch: int = 200) -> Iterator[StoredArticle]:
        """Every stored article (in id order), or only those not read by `except_extractor`."""
        query = select(articles).order_by(articles.c.id)
        if except_extractor is not None:
            query = query.where(articles.c.extractor != except_extractor)
        last: str | None = None
        while True:  # keyset pages: no long-lived cursor while the caller writes
            page = query if last is None else query.where(articles.c.id > last)
            with self._read() as conn:
                rows = conn.execute(page.limit(batch)).mappings().all()
            if not rows:
                return
            for r in rows:
                yield StoredArticle(
                    Article(id=r["id"], text=r["text"], published=r["published"],
                            url=r["url"], title=r["title"]),
                    source=r["source"], extractor=r["extractor"])
            last = rows[-1]["id"]

    def party_events(self, code: str | None = None, *,
                     known_at: date | None = None) -> list[EventRow]:
        """The events that concern `code` (as actor or counterpart; None: all events), with
        their articles' metadata; only articles published by `known_at` when given."""
        query = (select(events.c.record, articles.c.url, articles.c.title,
                        articles.c.published)
                 .join(articles, articles.c.id == events.c.doc_id))
        if code is not None:
            mine = select(event_parties.c.event_id).where(event_parties.c.code == code)
            query = query.where(events.c.id.in_(mine))
        if known_at is not None:
            query = query.where(articles.c.published <= known_at)
        with self._read() as conn:
            rows = conn.execute(query.order_by(events.c.id)).all()
        return [EventRow(Event.from_dict(json.loads(rec)), url, title, published)
                for rec, url, title, published in rows]

    def codes(self) -> list[tuple[str, int]]:
        """Every actor or counterpart code with its number of events, most first."""
        n = func.count().label("n")
        with self._read() as conn:
            rows = conn.execute(select(event_parties.c.code, n).group_by(event_parties.c.code)
                                .order_by(n.desc(), event_parties.c.code)).all()
        return [(code, count) for code, count in rows]

    # ---- connections ---------------------------------------------------------------------

    def _read(self) -> AbstractContextManager[Connection]:
        return _guarded(self, self.engine.connect())

    def _write(self) -> AbstractContextManager[Connection]:
        return _guarded(self, self.engine.execution_options(sitrep_write=True).begin())


@contextmanager
def _guarded(store: Store, ctx: Any) -> Iterator[Connection]:
    """A connection (or transaction) whose driver errors become a StoreError naming the
    database. IntegrityError passes through: callers decide (a duplicate is no failure)."""
    opened = False
    try:
        with ctx as conn:
            opened = True
            yield conn
    except IntegrityError:
        raise
    except SQLAlchemyError as exc:
        what = "" if opened else "cannot open the database: "
        raise StoreError(f"{store.url}: {what}{_short(exc)}") from exc


def _dialect_insert(conn: Connection) -> Any:
    """The INSERT of this database's dialect (both have ON CONFLICT ... DO UPDATE)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0]


def _article_row(article: Article, digest: str, *, extractor: str, source: str | None,
                 now: datetime) -> dict[str, Any]:
    return {"id": article.id, "url": article.url, "content_hash": digest,
            "title": article.title, "published": article.published, "text": article.text,
            "source": source, "ingested_at": now, "extractor": extractor}


def _event_row(ev: Event) -> dict[str, Any]:
    from ..state.moments import Moment

    start = Moment.parse(ev.date.value, where=ev.id).start if ev.date else None
    return {"id": ev.id, "doc_id": ev.doc_id, "kind": ev.kind, "status": ev.status,
            "actor": ev.actor.code, "date_value": ev.date.value if ev.date else None,
            "date_start": start, "record": json.dumps(ev.to_dict(), ensure_ascii=False),
            "search": search_text(ev)}


def search_text(ev: Event) -> str:
    """What a text search of events looks in: the sentences, the parties' names and words,
    the place and the agreement, lower-cased (`sitrep.store.listing`)."""
    parts = [e.text for e in ev.evidence]
    for actor in (ev.actor, *ev.counterpart):
        parts += [actor.code, actor.name, actor.text]
    if ev.place is not None:
        parts += [ev.place.name, ev.place.text]
    if ev.agreement is not None and ev.agreement.name:
        parts.append(ev.agreement.name)
    # one space between words, as the search pattern has (listing._like)
    return " ".join(" | ".join(p for p in parts if p).lower().split())


def _parties(ev: Event) -> Iterable[tuple[str, str]]:
    yield ev.actor.code, "actor"
    for c in ev.counterpart:
        if c.code != ev.actor.code:
            yield c.code, "counterpart"


def _sqlite_pragmas(dbapi_conn: Any, record: ConnectionPoolEntry) -> None:
    # sqlite3's own transaction handling is turned off: SQLAlchemy's "begin" hook below says
    # BEGIN itself, so a writer can take the write lock up front.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # WAL lets readers (sitrep serve) go on while one ingest writes; the busy timeout makes a
    # second writer wait its turn instead of failing with "database is locked".
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer begins IMMEDIATE: it waits (busy timeout) for the write lock before reading
    # anything, so it can never fail half-way with "database is locked" on upgrading a read
    # lock. Readers begin DEFERRED and, in WAL mode, never wait for writers.
    write = conn.get_execution_options().get("sitrep_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def open_store(db: str | Path, *, create: bool = True) -> Store:
    """Open (and create or upgrade) the store at `db`: a SQLite path or a SQLAlchemy URL.

    `create=False` refuses to make a new SQLite file: reading commands should not leave an
    empty database behind a mistyped path.
    """
    url = database_url(db)
    if url.startswith("sqlite:///") and not create:
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            raise StoreError(f"no database at {path}; run `sitrep ingest` (or `sitrep demo`) "
                             "first, or give --db")
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database {db!s}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).parent.is_dir():
            raise StoreError(f"cannot create database {db!s}: its folder does not exist")
    elif engine.dialect.name != "postgresql":
        raise StoreError(f"{db!s}: sitrep stores into SQLite or PostgreSQL, not "
                         f"{engine.dialect.name}")
    store = Store(engine)
    _upgrade(store)
    return store


def _upgrade(store: Store) -> None:
    """Apply the migrations this database has not had yet (each once, in order)."""
    with store._write() as conn:
        if conn.dialect.name == "postgresql":
            # two processes opening a new database at once must not both create the tables
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7401)")
        metadata.create_all(conn, tables=[migrations])
        done = set(conn.execute(select(migrations.c.name)).scalars())
        for step in MIGRATIONS:
            if step.name not in done:
                step.apply(conn)
                conn.execute(insert(migrations).values(name=step.name,
                                                       applied_at=datetime.now(UTC)))
