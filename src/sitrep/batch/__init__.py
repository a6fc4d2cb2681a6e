"""Batch: the extract step over sharded corpora on Dask (docs/scale.md).

    report = run_batch(["shards/"], output=Path("out"), settings=Settings.resolve(), workers=2)

Each shard (`*.jsonl`, `*.jsonl.gz`, `*.parquet`) is one task and writes
`out/articles-<key>.parquet` and `out/part-<key>.parquet` (one row per event, with the full
record as `sitrep extract` prints it). Importing this package imports neither Dask nor spaCy.
"""

from .run import MANIFEST, BatchReport, run_batch
from .shards import Shard, find_shards, read_shard
from .worker import ShardResult, articles_path, part_path, process_shard

__all__ = ["MANIFEST", "BatchReport", "Shard", "ShardResult", "articles_path", "find_shards",
           "part_path", "process_shard", "read_shard", "run_batch"]
