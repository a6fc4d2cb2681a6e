"""`sitrep ingest --from-parquet`: batch output into the store, once (model tier)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.batch import BatchReport
from sitrep.cli import main
from sitrep.store import open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_ingest_from_parquet_loads_every_article_and_event(
        batch_run: tuple[Path, BatchReport], tmp_path: Path) -> None:
    out, report = batch_run
    db = tmp_path / "batch.db"
    result = CliRunner().invoke(main, ["ingest", "--from-parquet", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == report.articles
        assert store.counts()["events"] == len({r.split(",")[0] for r in _event_ids(out)})


def test_second_load_adds_nothing(batch_run: tuple[Path, BatchReport], tmp_path: Path) -> None:
    from sitrep.knowledge import load_batch

    out, report = batch_run
    with open_store(tmp_path / "twice.db") as store:
        first = load_batch(store, out)
        before = store.counts()
        second = load_batch(store, out)
        assert (first.added, second.added, second.duplicates) == \
            (report.articles, 0, report.articles)
        assert store.counts() == before


def test_folder_without_partitions_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--from-parquet", str(tmp_path),
                                       "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 3
    assert "part-*.parquet" in result.stderr


def _event_ids(out: Path) -> list[str]:
    import pyarrow.parquet as pq

    return [i for p in out.glob("part-*.parquet")
            for i in pq.read_table(p, columns=["id"]).column("id").to_pylist()]
