"""Tables of facts: CSV (RFC 4180, text as written) and Parquet (the same columns, typed)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO

from ..state import Fact
from .rows import COLUMNS, Row, fact_row

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["parquet_schema", "write_csv", "write_parquet"]

#: Facts per Parquet row group: bounds memory on large exports, large enough to compress well.
BATCH = 50_000


class _Utf8:
    """A text sink over a binary stream that never closes it (a TextIOWrapper would, when
    collected)."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(text.encode("utf-8"))


#: The one boolean column, written true/false (csv would write True/False); csv writes None as "".
_REPORTED = COLUMNS.index("date_reported")


def write_csv(facts: Iterable[Fact], *, out: BinaryIO) -> int:
    """Write one CSV row per fact (UTF-8, CRLF, a header row of `COLUMNS`); return the rows.

    Quoting is RFC 4180 (the csv module's minimal quoting), so commas, quotes and newlines in a
    sentence survive a round trip through any CSV reader.
    """
    writer = csv.writer(_Utf8(out), lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for fact in facts:
        row = fact_row(fact)
        values: list[Any] = [getattr(row, name) for name in COLUMNS]
        values[_REPORTED] = "true" if row.date_reported else "false"
        writer.writerow(values)
        count += 1
    return count


def parquet_schema() -> pa.Schema:
    """The Arrow schema of the Parquet export: `COLUMNS` typed, plus event_date_text and
    evidence."""
    import pyarrow as pa  # deferred: importing sitrep must stay light

    text = pa.string()
    types: dict[str, tuple[pa.DataType, bool]] = {  # column -> (type, nullable)
        "event_id": (text, False), "event_date": (pa.date32(), True),
        "event_date_text": (text, True), "time_precision": (pa.int8(), True),
        "event_type": (text, False), "sub_event_type": (text, False),
        "actor1": (text, False), "actor1_code": (text, False),
        "actor2": (text, True), "actor2_code": (text, True),
        "country": (text, True), "iso3": (text, True), "location": (text, True),
        "latitude": (pa.float64(), True), "longitude": (pa.float64(), True),
        "geo_precision": (pa.int8(), True), "troops": (pa.int64(), True),
        "agreement": (text, True), "plover_type": (text, False), "plover_mode": (text, True),
        "notes": (text, True), "source": (text, True), "source_urls": (text, True),
        "source_count": (pa.int32(), False), "date_reported": (pa.bool_(), False),
        "rule": (text, False), "evidence": (pa.list_(text), False),
    }
    names = [*COLUMNS[:2], "event_date_text", *COLUMNS[2:], "evidence"]
    return pa.schema([pa.field(n, *types[n]) for n in names],
                     metadata={"sitrep": "facts export; columns in docs/export.md"})


def _columns(rows: list[Row]) -> dict[str, list[Any]]:
    data: dict[str, list[Any]] = {name: [getattr(r, name) for r in rows] for name in COLUMNS}
    # the typed date is the first day the value names; the text keeps the value as written
    data["event_date_text"] = data["event_date"]
    data["event_date"] = [r.event_start for r in rows]
    data["evidence"] = [list(r.evidence) for r in rows]
    return data


def _batches(facts: Iterable[Fact]) -> Iterator[list[Row]]:
    it = iter(facts)
    while batch := [fact_row(f) for f in islice(it, BATCH)]:
        yield batch


def write_parquet(facts: Iterable[Fact], *, out: BinaryIO) -> int:
    """Write the facts as one Parquet file (a row group per `BATCH` facts); return the rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for rows in _batches(facts):
            writer.write_batch(pa.RecordBatch.from_pydict(_columns(rows), schema=schema))
            count += len(rows)
    return count
