"""The CSV export, read back with csv.DictReader."""

from __future__ import annotations

import csv
import io

from sitrep.export import COLUMNS

from .conftest import AWKWARD, Facts, by_id, export


def _read(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_header_is_the_columns(facts: Facts) -> None:
    header, _ = _read(export(facts.all(), "csv")[1])
    assert header == list(COLUMNS)


def test_one_row_per_fact_as_counted(facts: Facts) -> None:
    count, data = export(facts.all(), "csv")
    assert len(_read(data)[1]) == count == len(facts.all())


def test_a_sentence_with_commas_quotes_and_newline_round_trips(facts: Facts) -> None:
    rows = by_id(_read(export(facts.all(), "csv")[1])[1])
    assert rows[facts.awkward.event.id]["notes"] == AWKWARD


def test_values_are_written_as_text(facts: Facts) -> None:
    row = by_id(_read(export([facts.awkward], "csv")[1])[1])[facts.awkward.event.id]
    assert {k: row[k] for k in ("event_date", "time_precision", "latitude", "longitude",
                                "geo_precision", "troops", "source_count", "date_reported")} == {
        "event_date": "2024-01-15", "time_precision": "1", "latitude": "12.11",
        "longitude": "15.04", "geo_precision": "1", "troops": "1000", "source_count": "1",
        "date_reported": "false"}


def test_missing_values_are_empty(facts: Facts) -> None:
    row = by_id(_read(export([facts.unknown], "csv")[1])[1])[facts.unknown.event.id]
    assert [row[k] for k in ("event_date", "time_precision", "location", "latitude",
                             "troops", "agreement")] == [""] * 6


def test_an_undated_fact_is_flagged(facts: Facts) -> None:
    row = by_id(_read(export([facts.undated], "csv")[1])[1])[facts.undated.event.id]
    assert (row["event_date"], row["date_reported"]) == ("2024-05-20", "true")


def test_two_sources_are_listed(facts: Facts) -> None:
    row = by_id(_read(export([facts.two_sources], "csv")[1])[1])[facts.two_sources.event.id]
    assert (row["source_count"], row["source_urls"]) == (
        "2", "https://news.invalid/wire-0726; https://news.invalid/daily-0727")


def test_no_facts_give_the_header_only() -> None:
    count, data = export([], "csv")
    assert (count, data.decode()) == (0, ",".join(COLUMNS) + "\r\n")
