"""The Parquet export, read back with pyarrow.parquet: types and values."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.export import COLUMNS, parquet_schema

from .conftest import AWKWARD, Facts, by_id, export


def _table(data: bytes) -> pa.Table:
    return pq.read_table(io.BytesIO(data))


def _rows(data: bytes) -> dict[str, dict[str, Any]]:
    return by_id(_table(data).to_pylist())


@pytest.mark.parametrize(("column", "type_"), [
    ("event_date", pa.date32()), ("event_date_text", pa.string()),
    ("time_precision", pa.int8()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("geo_precision", pa.int8()), ("troops", pa.int64()), ("source_count", pa.int32()),
    ("date_reported", pa.bool_()), ("evidence", pa.list_(pa.string())),
    ("event_id", pa.string()),
])
def test_columns_have_real_types(facts: Facts, column: str, type_: pa.DataType) -> None:
    assert _table(export(facts.all(), "parquet")[1]).schema.field(column).type == type_


def test_columns_are_the_csv_ones_plus_two(facts: Facts) -> None:
    names = _table(export(facts.all(), "parquet")[1]).column_names
    assert names == [*COLUMNS[:2], "event_date_text", *COLUMNS[2:], "evidence"]


def test_written_schema_is_the_published_one(facts: Facts) -> None:
    assert _table(export(facts.all(), "parquet")[1]).schema.equals(parquet_schema())


def test_one_row_per_fact_as_counted(facts: Facts) -> None:
    count, data = export(facts.all(), "parquet")
    assert _table(data).num_rows == count == len(facts.all())


@pytest.mark.parametrize(("case", "event_date", "text"), [
    ("awkward", date(2024, 1, 15), "2024-01-15"),
    ("placeless", date(2023, 12, 1), "2023-12"),
    ("pact", date(2023, 1, 1), "2023"),
    ("undated", date(2024, 5, 20), "2024-05-20"),
    ("unknown", None, None),
])
def test_event_date_is_the_start_and_the_text_as_written(facts: Facts, case: str,
                                                         event_date: date | None,
                                                         text: str | None) -> None:
    fact = getattr(facts, case)
    row = _rows(export(facts.all(), "parquet")[1])[fact.event.id]
    assert (row["event_date"], row["event_date_text"]) == (event_date, text)


def test_values_keep_their_types(facts: Facts) -> None:
    row = _rows(export(facts.all(), "parquet")[1])[facts.awkward.event.id]
    assert {k: row[k] for k in ("latitude", "longitude", "troops", "notes", "evidence",
                                "date_reported", "source_count")} == {
        "latitude": 12.11, "longitude": 15.04, "troops": 1000, "notes": AWKWARD,
        "evidence": [AWKWARD], "date_reported": False, "source_count": 1}


def test_missing_values_are_null(facts: Facts) -> None:
    row = _rows(export(facts.all(), "parquet")[1])[facts.placeless.event.id]
    assert [row[k] for k in ("location", "latitude", "longitude", "troops")] == [None] * 4


def test_no_facts_give_an_empty_table_with_the_schema() -> None:
    count, data = export([], "parquet")
    table = _table(data)
    assert (count, table.num_rows, table.schema.equals(parquet_schema())) == (0, 0, True)


def test_large_exports_are_split_into_row_groups(facts: Facts,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sitrep.export.table.BATCH", 4)
    count, data = export(facts.all(), "parquet")
    meta = pq.ParquetFile(io.BytesIO(data)).metadata
    assert (count, meta.num_rows, meta.num_row_groups) == (6, 6, 2)
