"""Folders: walked recursively in sorted order; hidden and unknown files skipped; loops ended."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_source, read_sources
from sitrep.ingest.folders import readable_name, walk_folder
from sitrep.records import Article

TEXT = "Convoy reaches border town\n\nA supply convoy reached the border town late on Sunday.\n"
JSONL = ('{"id": "j1", "text": "A convoy reached the town."}\n'
         '{"id": "j2", "text": "The convoy left the town."}\n')
RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><item><guid>r1</guid>"
       "<description>A supply convoy reached the border town.</description></item></channel></rss>")


def _tree(root: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)


def _ids(items: list[Article | InputError]) -> list[str]:
    assert all(isinstance(item, Article) for item in items), items
    return [item.id for item in items if isinstance(item, Article)]


def test_nested_folders_are_read_depth_first_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path, {"b.txt": TEXT, "a/z.md": TEXT, "a/m/x.txt": TEXT, "c.jsonl": JSONL,
                     "d/feed.rss": RSS, "A.TXT": TEXT})
    root = str(tmp_path)
    assert _ids(list(read_source(root))) == [
        f"{root}/A.TXT", f"{root}/a/m/x.txt", f"{root}/a/z.md", f"{root}/b.txt", "j1", "j2",
        "r1",
    ]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, {".git/notes.txt": TEXT, ".draft.txt": TEXT, "sub/.cache/x.txt": TEXT,
                     "sub/story.txt": TEXT})
    assert _ids(list(read_source(tmp_path))) == [f"{tmp_path}/sub/story.txt"]


@pytest.mark.parametrize("name", ["data.json", "paper.pdf", "tool.py", "README", "a.txt.bak",
                                  "page.php"])
def test_unknown_extensions_are_skipped(tmp_path: Path, name: str) -> None:
    _tree(tmp_path, {name: TEXT, "story.txt": TEXT})
    assert _ids(list(read_source(tmp_path))) == [f"{tmp_path}/story.txt"]


@pytest.mark.parametrize("name", ["a.txt", "A.HTML", "c.jsonl.gz", "d.ndjson", "e.atom",
                                  "f.xml.gz", "g.xhtml", "h.text"])
def test_readable_names(name: str) -> None:
    assert readable_name(name)


def test_gzipped_jsonl_in_a_folder_is_read(tmp_path: Path) -> None:
    _tree(tmp_path, {"corpus.jsonl.gz": gzip.compress(JSONL.encode())})
    assert _ids(list(read_source(tmp_path))) == ["j1", "j2"]


@pytest.mark.parametrize("files", [{}, {"notes.pdf": "x", ".hidden.txt": TEXT}, {"sub/x.py": "x"}])
def test_folder_without_readable_files_is_one_error(tmp_path: Path,
                                                    files: dict[str, str]) -> None:
    _tree(tmp_path, files)
    [error] = list(read_source(tmp_path))
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path)
    assert error.problem.startswith("no readable files in this folder")


def test_symlink_loop_is_entered_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/story.txt": TEXT})
    (tmp_path / "a" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a", target_is_directory=True)
    assert _ids(list(read_source(tmp_path))) == [f"{tmp_path}/a/story.txt"]


def test_file_reached_through_two_links_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.txt": TEXT})
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert _ids(list(read_source(tmp_path))) == [f"{tmp_path}/a.txt"]


def test_broken_link_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    _tree(tmp_path, {"b.txt": TEXT})
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    items = list(read_source(tmp_path))
    assert [str(item) if isinstance(item, InputError) else item.id for item in items] == [
        f"{tmp_path}/a.txt: broken symbolic link; its target does not exist",
        f"{tmp_path}/b.txt",
    ]


def test_fifo_is_not_listed(tmp_path: Path) -> None:
    # Opening a FIFO blocks until a writer comes: the walk must not offer it to the reader.
    os.mkfifo(tmp_path / "pipe.txt")
    _tree(tmp_path, {"story.txt": TEXT})
    assert list(walk_folder(str(tmp_path))) == [f"{tmp_path}/story.txt"]


def test_bad_file_in_a_folder_does_not_stop_the_walk(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.txt": b"", "b.txt": TEXT})
    items = list(read_source(tmp_path))
    assert [type(item) for item in items] == [InputError, Article]
    assert str(items[0]) == f"{tmp_path}/a.txt: file is empty"


def test_read_sources_reads_files_folders_and_stdin_in_order(tmp_path: Path) -> None:
    _tree(tmp_path, {"one.txt": TEXT, "dir/two.txt": TEXT})
    items = list(read_sources([tmp_path / "one.txt", str(tmp_path / "dir"), "-"],
                              stdin=io.BytesIO(JSONL.encode())))
    assert _ids(items) == [f"{tmp_path}/one.txt", f"{tmp_path}/dir/two.txt", "j1", "j2"]
