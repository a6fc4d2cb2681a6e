"""Exports of facts for other tools: JSONL, CSV (ACLED-style), Parquet, GeoJSON, GraphML.

    >>> from sitrep.export import write_export
    >>> with open("facts.csv", "wb") as out:
    ...     rows = write_export(facts, fmt="csv", out=out)

Every format is written to a binary stream, so the caller chooses a file (written atomically)
or standard output. Columns, properties and attributes: docs/export.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO, Protocol

from ..errors import ConfigError
from ..state import Fact
from .geojson import feature, write_geojson
from .graphml import fact_graph, write_graphml
from .jsonl import fact_record, write_jsonl
from .rows import COLUMNS, Row, fact_row
from .table import parquet_schema, write_csv, write_parquet

__all__ = [
    "COLUMNS",
    "FORMATS",
    "Row",
    "fact_graph",
    "fact_record",
    "fact_row",
    "feature",
    "parquet_schema",
    "write_csv",
    "write_export",
    "write_geojson",
    "write_graphml",
    "write_jsonl",
    "write_parquet",
]


class _Writer(Protocol):
    def __call__(self, facts: Iterable[Fact], *, out: BinaryIO) -> int: ...


_WRITERS: dict[str, _Writer] = {
    "csv": write_csv, "parquet": write_parquet, "geojson": write_geojson,
    "graphml": write_graphml, "jsonl": write_jsonl,
}
#: The export formats, in the order the CLI offers them.
FORMATS: tuple[str, ...] = ("csv", "parquet", "geojson", "graphml", "jsonl")


def write_export(facts: Iterable[Fact], *, fmt: str, out: BinaryIO) -> int:
    """Write the facts to `out` in format `fmt`; return the rows, features or edges written.

    The count is per format: csv and parquet rows and jsonl lines (one per fact), geojson
    features (facts with coordinates only), graphml edges (one per fact and counterpart).
    Raises ConfigError for a format not in `FORMATS`.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return writer(facts, out=out)
