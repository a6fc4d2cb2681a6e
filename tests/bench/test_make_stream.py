"""The stream generator's everyday news, near misses included ("police forces", "took control
of the company", "its training base"), gives no event: on a real stream those would be false
events, and the throughput bench would count parsing that real news does not need."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench_scripts import make_stream
from sitrep import Article


@pytest.mark.model
def test_everyday_articles_give_no_events(tmp_path: Path, pipeline: Any) -> None:
    stream = make_stream(tmp_path / "everyday.jsonl", articles=300, relevant=0, seed=11)
    rows = [json.loads(line) for line in stream.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 300 and all(r["id"].startswith("e") for r in rows)
    articles = [Article(id=r["id"], text=r["text"], published=date.fromisoformat(r["published"]))
                for r in rows]
    found = [(a.id, e.kind, e.evidence[0].text) for a, evs in pipeline.extract_many(articles)
             for e in evs]
    assert found == []
