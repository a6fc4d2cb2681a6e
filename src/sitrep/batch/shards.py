"""Shards: the files of a batch run, their stable keys, and how each is read into Articles.

A shard is one `*.jsonl`, `*.jsonl.gz` or `*.parquet` file; a folder stands for the shards
inside it (recursively, sorted). JSONL shards are read by the same reader as `sitrep extract`,
so a batch run sees exactly the Articles an extract run sees. Parquet shards need a `text`
column; `id`, `published`, `url` and `title` are optional, as in JSONL.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article

__all__ = ["SHARD_SUFFIXES", "Shard", "find_shards", "read_shard"]

SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_OPTIONAL = ("id", "published", "url", "title")


@dataclass(frozen=True, slots=True)
class Shard:
    """One input file of a batch run: its path, its output key, and what it was when listed
    (size and mtime decide whether an earlier run's partition still stands for it)."""

    path: str
    key: str
    size: int
    mtime_ns: int


def find_shards(inputs: Sequence[str | Path]) -> list[Shard]:
    """The shards named by `inputs` (files, or folders searched recursively), in order.

    Keys are the file names without their suffix; names found twice get a short hash of the
    path, so two `day1.jsonl` in different folders write different partitions. Raises
    InputError for an input that does not exist or a file that is not a shard.
    """
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p.name))
            if not found:
                raise InputError(str(path), "folder holds no shards (*.jsonl, *.jsonl.gz, "
                                            "*.parquet)")
            paths.extend(found)
        elif path.is_file():
            if not _suffix(path.name):
                raise InputError(str(path), "not a shard: batch reads *.jsonl, *.jsonl.gz "
                                            "and *.parquet files")
            paths.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    unique = list(dict.fromkeys(p.resolve() for p in paths))
    stems = [_stem(p.name) for p in unique]
    shards = []
    for path, stem in zip(unique, stems, strict=True):
        key = stem if stems.count(stem) == 1 else \
            f"{stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        stat = path.stat()
        shards.append(Shard(str(path), key, stat.st_size, stat.st_mtime_ns))
    return shards


def read_shard(path: str) -> Iterator[Article | InputError]:
    """The Articles of one shard, and an InputError for each bad record (or the whole file)."""
    if path.endswith(".parquet"):
        yield from _read_parquet(path)
    else:
        from ..ingest import read_source

        yield from read_source(path, fmt="jsonl")


def _suffix(name: str) -> str | None:
    return next((s for s in SHARD_SUFFIXES if name.endswith(s)), None)


def _stem(name: str) -> str:
    suffix = _suffix(name) or ""
    return _UNSAFE.sub("_", name[: len(name) - len(suffix)]) or "shard"


def _read_parquet(path: str) -> Iterator[Article | InputError]:
    """Rows of a Parquet shard as Articles, read a record batch at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pfile = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        yield InputError(path, f"cannot read Parquet file: {err}")
        return
    names = set(pfile.schema_arrow.names)
    if "text" not in names:
        yield InputError(path, "Parquet shard has no 'text' column (columns: "
                               f"{', '.join(sorted(names)) or 'none'})")
        return
    columns = ["text", *(c for c in _OPTIONAL if c in names)]
    row = 0
    try:
        for batch in pfile.iter_batches(columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield _row_article(record, source=path, row=row)
    except (OSError, pa.ArrowException) as err:
        yield InputError(path, f"cannot read Parquet file: {err}", line=row + 1)


def _row_article(record: dict[str, Any], *, source: str, row: int) -> Article | InputError:
    """One Parquet row as an Article (`row` is 1-based and named in errors)."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(source, "column 'text' is empty or not a string", line=row)
    try:
        published = _date(record.get("published"))
    except ValueError as err:
        return InputError(source, f"column 'published': {err}", line=row)
    raw_id = record.get("id")
    return Article(id=str(raw_id) if raw_id not in (None, "") else f"{source}:{row}",
                   text=text, published=published,
                   url=_text(record.get("url")), title=_text(record.get("title")))


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    raise ValueError(f"expected a date or an ISO date string, got {type(value).__name__}")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None

