"""Shard discovery and the Parquet shard reader (no model needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.batch import find_shards, read_shard
from sitrep.errors import InputError
from sitrep.records import Article


def test_folder_shards_are_found_recursively_in_order(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl.gz", "sub/c.parquet", "notes.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    assert [s.key for s in find_shards([tmp_path])] == ["a", "b", "c"]


def test_same_name_in_two_folders_gets_two_keys(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "day1.jsonl").write_text("{}\n")
    keys = [s.key for s in find_shards([tmp_path / "x", tmp_path / "y"])]
    assert len(set(keys)) == 2 and all(k.startswith("day1-") for k in keys)


@pytest.mark.parametrize("name", ["notes.txt", "missing.jsonl"])
def test_input_that_is_no_shard_is_an_input_error(tmp_path: Path, name: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("hello")
    with pytest.raises(InputError, match=name):
        find_shards([tmp_path / name])


def test_parquet_rows_become_articles(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"text": ["Troops left Niger.", " "], "id": ["a", "b"],
                             "published": [date(2024, 5, 11), None]}), path)
    items = list(read_shard(str(path)))
    assert items[0] == Article(id="a", text="Troops left Niger.", published=date(2024, 5, 11))
    assert isinstance(items[1], InputError) and items[1].line == 2


def test_parquet_without_text_is_one_error_naming_the_shard(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"body": ["x"]}), path)
    [item] = read_shard(str(path))
    assert isinstance(item, InputError) and "'text'" in item.problem and item.source == str(path)
