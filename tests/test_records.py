"""Event records survive a round trip through their public JSON form."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.records import Article, Event

GOLD = Path(__file__).parent / "gold" / "articles-a.jsonl"


@pytest.mark.model
def test_extracted_events_round_trip(pipeline: Any) -> None:
    from sitrep.evaluate import read_gold

    rows = read_gold(GOLD)[:6]
    events = [ev for row in rows for ev in pipeline.extract(Article(
        id=row["id"], text=row["text"], published=date.fromisoformat(row["published"])))]
    assert events, "the first gold articles should give events"
    for ev in events:
        record = json.loads(json.dumps(ev.to_dict()))
        again = Event.from_dict(record)
        assert again.to_dict() == record


def test_missing_field_is_an_error() -> None:
    with pytest.raises(KeyError):
        Event.from_dict({"doc_id": "a", "kind": "coup"})
