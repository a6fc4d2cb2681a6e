"""The batch task: one shard in, its two Parquet partitions out (docs/scale.md).

`process_shard` runs inside a Dask worker process. The spaCy pipeline is loaded on the first
shard a process sees and kept for the next ones (`_pipeline`, cached by settings), so a
worker pays the model's load time once, not once per shard. Everything shipped to workers is
a module-level function or a frozen dataclass: no lambdas, nothing that cannot be pickled.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..records import Article, Event
from ..settings import Settings
from .shards import Shard, read_shard

if TYPE_CHECKING:
    import pyarrow as pa

    from ..pipeline import Pipeline

__all__ = ["ShardResult", "articles_path", "part_path", "process_shard"]


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What one task did: articles and events written, and each problem as a message.
    `written` is False when the shard as a whole could not be read (nothing was written)."""

    key: str
    articles: int
    events: int
    problems: tuple[str, ...]
    written: bool


def part_path(output: Path, key: str) -> Path:
    """The events partition of a shard; its presence marks the shard as done."""
    return output / f"part-{key}.parquet"


def articles_path(output: Path, key: str) -> Path:
    """The articles partition of a shard (written before the events partition)."""
    return output / f"articles-{key}.parquet"


def process_shard(shard: Shard, *, output: str, settings: Settings,
                  extractor: str) -> ShardResult:
    """Extract the events of one shard and write its partitions atomically.

    Bad records are reported in the result and skipped; a shard that cannot be read at all
    writes nothing. The articles partition is renamed into place first and the events
    partition last, so a `part-` file always has its articles beside it.
    """
    articles: list[Article] = []
    problems: list[str] = []
    for item in read_shard(shard.path):
        if isinstance(item, InputError):
            problems.append(str(item))
        else:
            articles.append(item)
    if not articles and problems:
        return ShardResult(shard.key, 0, 0, tuple(problems), written=False)
    pipe = _pipeline(settings)
    found = list(pipe.extract_many(articles))
    folder = Path(output)
    _write_atomic(_articles_table(found, extractor), articles_path(folder, shard.key))
    _write_atomic(_events_table(found), part_path(folder, shard.key))
    return ShardResult(shard.key, len(found), sum(len(evs) for _, evs in found),
                       tuple(problems), written=True)


@lru_cache(maxsize=2)
def _pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this worker process, loaded once per settings."""
    from ..pipeline import load_pipeline

    return load_pipeline(settings)


def _write_atomic(table: pa.Table, target: Path) -> None:
    """Write to a hidden temporary name, then rename: a crash never leaves half a partition
    under the real name, and readers globbing `part-*` never see the temporary."""
    import pyarrow.parquet as pq

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _articles_table(found: list[tuple[Article, list[Event]]], extractor: str) -> pa.Table:
    import pyarrow as pa

    from ..store import content_hash

    rows = [{**_article_fields(a), "content_hash": content_hash(a.text), "events": len(evs),
             "extractor": extractor} for a, evs in found]
    schema = pa.schema([*_article_columns(), ("content_hash", pa.string()),
                        ("events", pa.int32()), ("extractor", pa.string())])
    return pa.Table.from_pylist(rows, schema=schema)


def _events_table(found: list[tuple[Article, list[Event]]]) -> pa.Table:
    import pyarrow as pa

    from ..store import content_hash

    rows: list[dict[str, Any]] = []
    for article, events in found:
        fields = {**_article_fields(article), "content_hash": content_hash(article.text)}
        rows.extend({**_event_fields(ev), **fields} for ev in events)
    schema = pa.schema([*_event_columns(), *_article_columns(), ("content_hash", pa.string())])
    return pa.Table.from_pylist(rows, schema=schema)


def _article_fields(article: Article) -> dict[str, Any]:
    return {"doc_id": article.id, "url": article.url, "title": article.title,
            "published": article.published, "text": article.text}


def _event_fields(ev: Event) -> dict[str, Any]:
    """The flat columns of an event, and `record`: exactly the line `sitrep extract` prints."""
    record = ev.to_dict()
    place, when = record["place"] or {}, record["date"] or {}
    return {
        "id": record["id"], "kind": record["kind"], "status": record["status"],
        "actor_code": record["actor"]["code"], "actor_name": record["actor"]["name"],
        "counterpart_codes": [c["code"] for c in record["counterpart"]],
        "place_name": place.get("name"), "place_country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"),
        "date_value": when.get("value"), "date_precision": when.get("precision"),
        "troops": record["troops"],
        "agreement_name": (record["agreement"] or {}).get("name"),
        "plover_type": record["plover"]["type"], "plover_mode": record["plover"]["mode"],
        "confidence": record["confidence"], "rule": record["rule"],
        "record": json.dumps(record, ensure_ascii=False),
    }


def _event_columns() -> list[tuple[str, Any]]:
    import pyarrow as pa

    s, f = pa.string(), pa.float64()
    return [("id", s), ("kind", s), ("status", s), ("actor_code", s), ("actor_name", s),
            ("counterpart_codes", pa.list_(s)), ("place_name", s), ("place_country", s),
            ("lat", f), ("lon", f), ("date_value", s), ("date_precision", s),
            ("troops", pa.int64()), ("agreement_name", s), ("plover_type", s),
            ("plover_mode", s), ("confidence", f), ("rule", s), ("record", s)]


def _article_columns() -> list[tuple[str, Any]]:
    import pyarrow as pa

    s = pa.string()
    return [("doc_id", s), ("url", s), ("title", s), ("published", pa.date32()), ("text", s)]
