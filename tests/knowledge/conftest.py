"""Stores filled from the packaged demo corpus by the real pipeline (model tier)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from sitrep.knowledge.demo import demo_corpus
from sitrep.records import Article
from sitrep.store import Store, open_store


def demo_articles() -> list[Article]:
    """The demo corpus as Articles, in file order."""
    rows = [json.loads(line) for line in demo_corpus().read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Article(id=r["id"], text=r["text"], published=date.fromisoformat(r["published"]),
                    url=r.get("url"), title=r.get("title")) for r in rows]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def demo_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             pipeline: Any) -> str:
    """A store holding the whole demo corpus, on SQLite and on PostgreSQL."""
    from sitrep.knowledge import ingest_articles

    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("demo") / "demo.db")
    else:
        url = request.getfixturevalue("fresh_pg")()
    with open_store(url) as store:
        ingest_articles(store, demo_articles(), pipeline=pipeline)
    return url


@pytest.fixture
def demo(demo_url: str) -> Iterator[Store]:
    with open_store(demo_url) as store:
        yield store
