"""Shards cut from the demo corpus, and one finished batch run over them (model tier)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.batch import BatchReport, run_batch
from sitrep.knowledge.demo import demo_corpus
from sitrep.settings import Settings

SHARDS = 3


def records_of(folder: Path) -> list[dict[str, Any]]:
    """Every event record of a batch output folder, in a stable order."""
    import pyarrow.parquet as pq

    rows = [json.loads(r) for p in sorted(folder.glob("part-*.parquet"))
            for r in pq.read_table(p, columns=["record"]).column("record").to_pylist()]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture(scope="package")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus cut into three JSONL shards (lines dealt round-robin)."""
    folder = tmp_path_factory.mktemp("shards")
    lines = [ln for ln in demo_corpus().read_text(encoding="utf-8").splitlines() if ln.strip()]
    for n in range(SHARDS):
        (folder / f"shard{n}.jsonl").write_text("\n".join(lines[n::SHARDS]) + "\n",
                                                encoding="utf-8")
    return folder


@pytest.fixture(scope="package")
def batch_run(shards: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchReport]:
    """One uninterrupted run over the shards on a 2-worker LocalCluster."""
    out = tmp_path_factory.mktemp("batch-out")
    report = run_batch([shards], output=out, settings=Settings.resolve(env={}), workers=2)
    return out, report
