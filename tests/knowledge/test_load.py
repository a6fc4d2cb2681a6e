"""Loading the store: duplicates skipped, any order gives the same state, reprocessing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import InputError
from sitrep.knowledge import extractor_fingerprint, ingest_articles, reprocess, situation, timeline
from sitrep.store import Store, open_store

from .conftest import demo_articles

pytestmark = pytest.mark.model

DATES = [date(2023, 6, 1), date(2023, 10, 15), date(2024, 5, 11), date(2024, 10, 1)]


def test_re_ingesting_the_corpus_changes_nothing(demo: Store, pipeline: Any) -> None:
    before = demo.counts()
    states = [situation(demo, "NER", as_of=d).to_dict() for d in DATES]
    report = ingest_articles(demo, demo_articles(), pipeline=pipeline)
    assert (report.added, report.duplicates) == (0, len(demo_articles()))
    assert demo.counts() == before
    assert [situation(demo, "NER", as_of=d).to_dict() for d in DATES] == states


def test_articles_in_any_order_give_the_same_state(tmp_path: Path, pipeline: Any) -> None:
    niger = [a for a in demo_articles() if "Niger" in a.text][:20]
    stores = []
    for name, order in (("forward", niger), ("backward", niger[::-1]),
                        ("shuffled", niger[1::2] + niger[::2])):
        store = open_store(tmp_path / f"{name}.db")
        ingest_articles(store, order, pipeline=pipeline)
        stores.append(store)
    for day in DATES:
        first = situation(stores[0], "NER", as_of=day).to_dict()
        for other in stores[1:]:
            assert situation(other, "NER", as_of=day).to_dict() == first
    lines = [[(e.moment, e.fact.id) for e in timeline(s, "NER")] for s in stores]
    assert lines[0] == lines[1] == lines[2]
    for s in stores:
        s.close()


def test_bad_inputs_are_collected_and_the_rest_stored(tmp_path: Path, pipeline: Any) -> None:
    good = demo_articles()[:2]
    items = [good[0], InputError("feed.xml", "entry 3 has no text"), good[1]]
    with open_store(tmp_path / "s.db") as store:
        report = ingest_articles(store, items, pipeline=pipeline)
        assert (report.read, report.added, len(report.problems)) == (2, 2, 1)
        assert store.counts()["articles"] == 2


def test_reprocess_redoes_only_articles_read_by_other_rules(tmp_path: Path,
                                                           pipeline: Any) -> None:
    articles = demo_articles()[:3]
    with open_store(tmp_path / "s.db") as store:
        ingest_articles(store, articles, pipeline=pipeline)
        events = store.counts()["events"]
        assert reprocess(store, pipeline=pipeline) == 0  # all read by these rules
        first = articles[0].id
        store.replace_events(first, [], extractor="rules-of-last-year")
        assert store.counts()["events"] < events
        assert reprocess(store, pipeline=pipeline) == 1
        assert store.counts()["events"] == events
        assert {s.extractor for s in store.stored_articles()} == {extractor_fingerprint(pipeline)}
        assert reprocess(store, pipeline=pipeline, everything=True) == 3
