"""Ingests as separate processes, for real, on SQLite and on PostgreSQL: `kill -9` in the
middle leaves a consistent store and the re-run finishes the work, nothing lost and nothing
twice; two ingests of overlapping corpora at once both succeed and store each article once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from factories import demo_halves, orphans_and_unindexed, stored_articles
from sitrep.knowledge.demo import demo_corpus
from sitrep.store import open_store
from sitrep.store.schema import events

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _ingest(db: str, *, errors: bool, corpus: Path | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sitrep", "ingest",
                             str(corpus or demo_corpus()), "--db", db], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE if errors else subprocess.DEVNULL,
                            env={**os.environ, "SITREP_BATCH_SIZE": "2"})


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def test_a_killed_ingest_is_finished_by_the_next(db: str) -> None:
    total = sum(1 for line in demo_corpus().read_text(encoding="utf-8").splitlines()
                if line.strip())
    run = _ingest(db, errors=False)
    deadline = time.monotonic() + 120
    while stored_articles(db) < 5 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    stored = stored_articles(db)
    assert 0 < stored < total, "the kill should land mid-way"

    assert orphans_and_unindexed(db) == (0, 0)

    again = _ingest(db, errors=True)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    assert f"{stored} already stored" in err.decode()
    with open_store(db, create=False) as store:
        assert store.counts()["articles"] == total
        with store.engine.connect() as conn:
            ids = conn.execute(select(events.c.id)).scalars().all()
        assert len(ids) == len(set(ids))


def test_two_ingests_at_once_store_each_article_once(db: str, tmp_path: Path) -> None:
    first, second, total = demo_halves(tmp_path)
    # both start on an empty database: they race to create the tables too
    runs = [_ingest(db, errors=True, corpus=c) for c in (first, second)]
    outs = [r.communicate(timeout=300)[1].decode() for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outs
    assert not any("locked" in out for out in outs)
    with open_store(db, create=False) as store:
        assert store.counts()["articles"] == total
        with store.engine.connect() as conn:
            ids = conn.execute(select(events.c.id)).scalars().all()
        assert len(ids) == len(set(ids))
