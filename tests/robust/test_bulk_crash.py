"""`kill -9` of `sitrep ingest --from-parquet DIR` (the bulk load) midway, on SQLite and on
PostgreSQL: the store is consistent (each batch partition is in whole or not at all, no event
without its article or its party index), and the re-run finishes with nothing twice and
nothing lost.

The batch folder is written here in `sitrep batch`'s format (the demo corpus, extracted once,
copied under new ids and texts) so that the load lasts long enough to be killed midway.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from factories import orphans_and_unindexed, stored_articles
from sitrep.batch.worker import (
    _articles_table,
    _events_table,
    _write_atomic,
    articles_path,
    part_path,
)
from sitrep.ingest import read_source
from sitrep.knowledge.demo import demo_corpus
from sitrep.records import Article, Event
from sitrep.store import open_store
from sitrep.store.schema import articles, events

pytestmark = [pytest.mark.model, pytest.mark.slow]

PARTS = 24
COPIES = 4  # of the demo corpus per partition


def _copy(article: Article, found: list[Event], tag: str) -> tuple[Article, list[Event]]:
    """The article under a new id, URL and text (text appended: evidence offsets still hold)."""
    doc = f"{article.id}-{tag}"
    copy = replace(article, id=doc, text=f"{article.text}\n\n[{tag}]",
                   url=f"{article.url}#{tag}" if article.url else None)
    return copy, [replace(ev, doc_id=doc, id="") for ev in found]


@pytest.fixture(scope="module")
def batch_dir(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """A batch output folder of PARTS partitions; with its article and event totals."""
    demo = [a for a in read_source(demo_corpus()) if isinstance(a, Article)]
    extracted = list(pipeline.extract_many(demo))
    folder = tmp_path_factory.mktemp("batch-out")
    n_articles = n_events = 0
    for part in range(PARTS):
        found = [_copy(a, evs, f"p{part}c{c}") for c in range(COPIES) for a, evs in extracted]
        key = f"shard{part:03d}"
        _write_atomic(_articles_table(found, "crash-test"), articles_path(folder, key))
        _write_atomic(_events_table(found), part_path(folder, key))
        n_articles += len(found)
        n_events += sum(len({e.id for e in evs}) for _, evs in found)
    return folder, n_articles, n_events


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def _load(db: str, folder: Path, *, errors: bool) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", "--from-parquet",
                             str(folder), "--db", db], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE if errors else subprocess.DEVNULL)


def test_a_killed_bulk_load_is_finished_by_the_next(db: str,
                                                    batch_dir: tuple[Path, int, int]) -> None:
    folder, total, total_events = batch_dir
    per_part = total // PARTS
    run = _load(db, folder, errors=False)
    deadline = time.monotonic() + 300
    while stored_articles(db) < 2 * per_part and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL
    stored = stored_articles(db)
    assert 0 < stored < total, "the kill should land mid-way"
    assert stored % per_part == 0, "a partition is stored whole or not at all"

    assert orphans_and_unindexed(db) == (0, 0)

    again = _load(db, folder, errors=True)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    assert f"{stored} already stored" in err.decode()
    with open_store(db, create=False) as store:
        counts = store.counts()
        assert (counts["articles"], counts["events"]) == (total, total_events)
        with store.engine.connect() as conn:
            ids = conn.execute(select(events.c.id)).scalars().all()
            docs = conn.execute(select(articles.c.content_hash)).scalars().all()
        assert len(ids) == len(set(ids))
        assert len(docs) == len(set(docs))
