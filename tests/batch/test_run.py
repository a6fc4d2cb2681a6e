"""`run_batch` and `sitrep batch`: the same records as `sitrep extract`, resumable, no
duplicates after a crash, bad shards reported by name (model tier: workers load spaCy)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.batch import BatchReport, run_batch
from sitrep.cli import main
from sitrep.ingest import read_source
from sitrep.knowledge.demo import demo_corpus
from sitrep.settings import Settings

from .conftest import SHARDS, records_of

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_records_equal_extract_many(batch_run: tuple[Path, BatchReport], pipeline: Any) -> None:
    out, _ = batch_run
    articles = [a for a in read_source(demo_corpus()) if not isinstance(a, Exception)]
    expected = sorted((ev.to_dict() for _, evs in pipeline.extract_many(articles) for ev in evs),
                      key=lambda r: json.dumps(r, sort_keys=True))
    assert expected
    assert records_of(out) == expected


def test_every_shard_is_one_partition(batch_run: tuple[Path, BatchReport]) -> None:
    out, report = batch_run
    assert (report.shards, report.processed, report.skipped) == (SHARDS, SHARDS, 0)
    assert sorted(p.name for p in out.glob("part-*.parquet")) == \
        [f"part-shard{n}.parquet" for n in range(SHARDS)]
    assert not list(out.glob(".*.tmp"))


def test_second_run_skips_every_shard(batch_run: tuple[Path, BatchReport], shards: Path) -> None:
    out, first = batch_run
    again = run_batch([shards], output=out, settings=Settings.resolve(env={}), workers=2)
    assert (again.skipped, again.processed, again.events) == (SHARDS, 0, 0)
    assert len(records_of(out)) == first.events


def _sitrep(*args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    # its own session, so the kill takes the Dask nannies and workers down with it
    return subprocess.Popen([sys.executable, "-m", "sitrep", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def test_run_killed_midway_resumes_without_duplicates(
        shards: Path, tmp_path: Path, batch_run: tuple[Path, BatchReport]) -> None:
    out = tmp_path / "out"
    proc = _sitrep("batch", str(shards), "--output", str(out), "--workers", "1")
    try:
        for _ in range(1200):  # at most ~120 s, then fail rather than hang
            if list(out.glob("part-*.parquet")) or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be killed"
        assert list(out.glob("part-*.parquet")), "no partition appeared"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    resumed = run_batch([shards], output=out, settings=Settings.resolve(env={}), workers=1)
    assert resumed.processed + resumed.skipped == SHARDS
    assert resumed.processed >= 1
    assert sorted(p.name for p in out.glob("part-*.parquet")) == \
        [f"part-shard{n}.parquet" for n in range(SHARDS)]
    assert records_of(out) == records_of(batch_run[0])


def test_bad_shards_are_named_and_the_others_processed(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    folder.mkdir()
    first = demo_corpus().read_text(encoding="utf-8").splitlines()[0]
    (folder / "good.jsonl").write_text(first + "\n", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    pq.write_table(pa.table({"body": ["no text column"]}), folder / "notext.parquet")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(folder), "--output", str(out),
                                       "--workers", "1"])
    assert result.exit_code == 3
    assert "broken.jsonl:1" in result.stderr
    assert "notext.parquet" in result.stderr and "'text'" in result.stderr
    assert [p.name for p in out.glob("part-*.parquet")] == ["part-good.parquet"]


def _worker_config() -> tuple[object, ...]:
    import dask

    from sitrep.batch.run import LEAN_DASK_CONFIG

    return tuple(dask.config.get(key) for key in LEAN_DASK_CONFIG)


def test_local_cluster_workers_run_with_the_lean_dask_config() -> None:
    """The settings reach the worker processes and the scheduler; the caller's config is
    left as it was."""
    from distributed import Client

    from sitrep.batch.run import LEAN_DASK_CONFIG, local_cluster

    before = _worker_config()
    with local_cluster(2) as cluster, Client(cluster) as client:
        found = client.run(_worker_config)
        assert len(found) == 2
        assert set(found.values()) == {tuple(LEAN_DASK_CONFIG.values())}
        assert cluster.scheduler._tick_interval == 1  # seconds
    assert _worker_config() == before
