"""The batch driver: list shards, skip the ones already done, run the rest on Dask.

    report = run_batch(["corpus/"], output=Path("out"), settings=Settings.resolve())

One shard is one task and one output partition. A shard is done when its `part-` file exists
and the manifest (`_manifest.json`, rewritten atomically by the driver after each shard)
records it with the input's size and mtime and the extractor fingerprint. Anything else is
redone, and since partitions are replaced whole, a re-run after a crash leaves no duplicates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import Settings
from .shards import Shard, find_shards
from .worker import ShardResult, part_path, process_shard

__all__ = ["LEAN_DASK_CONFIG", "MANIFEST", "BatchReport", "local_cluster", "run_batch"]

MANIFEST = "_manifest.json"

#: Dask settings for clusters of long CPU-bound tasks. By default every scheduler and worker
#: wakes its event loop every 20 ms (tick), samples the running task's stack every 10 ms
#: (profile) and polls memory every 100 ms: on two cores with two busy workers, that cost
#: 10-15% of the batch (bench/batch_scaling.py; docs/scale.md). Nothing here changes results.
LEAN_DASK_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@dataclass(slots=True)
class BatchReport:
    """What a run did: shards processed and skipped, articles and events written, problems
    (each naming its shard; `failed` lists shards that could not be read at all)."""

    shards: int = 0
    processed: int = 0
    skipped: int = 0
    articles: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people."""
        return (f"{self.shards} shard(s): {self.processed} processed, {self.skipped} already "
                f"done, {len(self.failed)} unreadable; {self.articles} article(s), "
                f"{self.events} event(s) written; {len(self.problems)} problem(s)")


def run_batch(inputs: Sequence[str | Path], *, output: Path, settings: Settings,
              workers: int = 2, scheduler: str | None = None,
              progress: Callable[[int], None] | None = None) -> BatchReport:
    """Extract the events of every shard in `inputs` into Parquet partitions under `output`.

    Runs on a LocalCluster of `workers` processes (one thread each), or on the running
    cluster at `scheduler` (e.g. tcp://host:8786), whose workers need the same sitrep install
    and must see the input and output paths. `progress(n)` is called as shards finish
    (skipped shards count at once). Raises InputError for inputs that are not shards.
    """
    from ..knowledge.load import settings_fingerprint

    shards = find_shards(inputs)
    output.mkdir(parents=True, exist_ok=True)
    extractor = settings_fingerprint(settings)
    manifest = _read_manifest(output)
    report = BatchReport(shards=len(shards))
    todo = [s for s in shards if not _done(s, manifest, output, extractor)]
    report.skipped = len(shards) - len(todo)
    for shard in shards:
        if shard not in todo:
            report.problems.extend(manifest[shard.key].get("problems", []))
    if progress and report.skipped:
        progress(report.skipped)
    if todo:
        with _client(workers=workers, scheduler=scheduler) as client:
            _run(client, todo, output=output, settings=settings, extractor=extractor,
                 manifest=manifest, report=report, progress=progress)
    return report


def _run(client: Any, todo: list[Shard], *, output: Path, settings: Settings, extractor: str,
         manifest: dict[str, Any], report: BatchReport,
         progress: Callable[[int], None] | None) -> None:
    """Submit one task per shard and record each in the manifest as it completes."""
    from distributed import as_completed

    by_key = {s.key: s for s in todo}
    # Largest shards first (the scheduler runs tasks in the order they come): a big shard
    # left for last would keep one worker busy while the others idle.
    futures = [client.submit(process_shard, shard, output=str(output), settings=settings,
                             extractor=extractor, key=f"sitrep-shard-{shard.key}-{extractor}",
                             pure=False)
               for shard in sorted(todo, key=lambda s: -s.size)]
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        result: ShardResult = future.result()
        report.problems.extend(result.problems)
        if result.written:
            shard = by_key[result.key]
            report.processed += 1
            report.articles += result.articles
            report.events += result.events
            manifest[shard.key] = {"source": shard.path, "size": shard.size,
                                   "mtime_ns": shard.mtime_ns, "extractor": extractor,
                                   "articles": result.articles, "events": result.events,
                                   "problems": list(result.problems)}
            _write_manifest(output, manifest)
        else:
            report.failed.append(by_key[result.key].path)
        if progress:
            progress(1)


def _client(*, workers: int, scheduler: str | None) -> Any:
    """A Client of the cluster at `scheduler`, else of a new LocalCluster (closed with it)."""
    from distributed import Client

    if scheduler:
        return Client(scheduler)  # type: ignore[no-untyped-call]
    if workers < 1:
        raise InputError("--workers", f"needs at least 1 worker, not {workers}")
    cluster = local_cluster(workers)
    # closing a Client does not stop a cluster it was given: _Owned stops both.
    return _Owned(Client(cluster), cluster)  # type: ignore[no-untyped-call]


def local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` processes with one thread each (spaCy holds the GIL) and
    LEAN_DASK_CONFIG (read by the scheduler and passed to each worker as they start)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(LEAN_DASK_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1,  # type: ignore[no-untyped-call]
                            processes=True, dashboard_address=None)


class _Owned:
    """A Client together with the LocalCluster it owns: both closed on exit."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _done(shard: Shard, manifest: dict[str, Any], output: Path, extractor: str) -> bool:
    entry = manifest.get(shard.key)
    return (entry is not None and part_path(output, shard.key).exists()
            and entry.get("size") == shard.size and entry.get("mtime_ns") == shard.mtime_ns
            and entry.get("extractor") == extractor)


def _read_manifest(output: Path) -> dict[str, Any]:
    path = output / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"unreadable batch manifest ({err}); delete it to redo "
                                    "every shard") from err
    if not isinstance(data, dict) or not isinstance(data.get("shards"), dict):
        raise InputError(str(path), "not a sitrep batch manifest; delete it to redo every "
                                    "shard")
    return data["shards"]  # type: ignore[no-any-return]


def _write_manifest(output: Path, shards: dict[str, Any]) -> None:
    """Rewrite the manifest whole (temporary file, then rename)."""
    path = output / MANIFEST
    tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"version": 1, "shards": shards}, indent=1, sort_keys=True),
                   encoding="utf-8")
    os.replace(tmp, path)
