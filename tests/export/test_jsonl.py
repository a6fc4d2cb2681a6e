"""The JSONL export: the event record of each fact with its sources."""

from __future__ import annotations

import json

from sitrep.records import Event

from .conftest import AWKWARD, Facts, export


def _records(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_one_line_per_fact_as_counted(facts: Facts) -> None:
    count, data = export(facts.all(), "jsonl")
    assert len(data.decode("utf-8").splitlines()) == count == len(facts.all())


def test_a_record_is_the_event_record_plus_sources(facts: Facts) -> None:
    record = _records(export([facts.two_sources], "jsonl")[1])[0]
    sources = record.pop("sources")
    assert record == facts.two_sources.event.to_dict()
    assert sources == [s.to_dict() for s in facts.two_sources.sources]


def test_the_event_reads_back(facts: Facts) -> None:
    record = _records(export([facts.awkward], "jsonl")[1])[0]
    event = Event.from_dict(record)
    assert (event, event.evidence[0].text) == (facts.awkward.event, AWKWARD)
