"""The size limits (settings max_article_chars, max_file_bytes) in the library: readers refuse
past them as bad input, without holding a long JSONL line whole, and parsing refuses too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import ConfigError, InputError
from sitrep.ingest import ReadLimits, read_source
from sitrep.records import Article
from sitrep.settings import Settings

SMALL = ReadLimits(max_article_chars=50, max_file_bytes=100)
GOOD = json.dumps({"id": "ok", "text": "short"}) + "\n"


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.rss"])
def test_a_whole_file_past_the_byte_limit_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x" * 101)
    [item] = read_source(path, limits=SMALL)
    assert isinstance(item, InputError)
    assert item.problem.startswith("file is larger than 100 bytes (setting max_file_bytes)")


def test_a_text_past_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("é" * 51, encoding="utf-8")  # 102 bytes would pass a byte limit of 110
    [item] = read_source(path, limits=ReadLimits(max_article_chars=50, max_file_bytes=110))
    assert isinstance(item, InputError)
    assert item.problem.startswith("article text is 51 characters, more than the limit of 50")


def test_a_long_jsonl_line_is_refused_and_later_lines_keep_their_numbers_and_offsets(
        tmp_path: Path) -> None:
    long_line = json.dumps({"id": "long", "text": "y" * 500}).encode() + b"\n"
    bad_utf8 = b'{"id": "bad", "text": "\xff"}\n'
    path = tmp_path / "c.jsonl"
    path.write_bytes(long_line + GOOD.encode() + bad_utf8)
    items = list(read_source(path, limits=SMALL))
    assert [type(i) for i in items] == [InputError, Article, InputError]
    assert (items[0].line, items[2].line) == (1, 3)  # type: ignore[union-attr]
    assert str(items[0]).endswith(f"line is {len(long_line)} bytes, more than the limit of 100 "
                                  "(setting max_file_bytes)")
    offset = len(long_line) + len(GOOD) + bad_utf8.index(b"\xff")
    assert f"invalid UTF-8 at byte {offset}" in str(items[2])


def test_a_jsonl_text_past_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "z" * 51}) + "\n" + GOOD, encoding="utf-8")
    items = list(read_source(path, limits=ReadLimits(max_article_chars=50)))
    assert [type(i) for i in items] == [InputError, Article]
    assert "setting max_article_chars" in str(items[0])


def test_feed_entry_past_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_text("<rss><channel><item><description>" + "w" * 51 + "</description></item>"
                    "<item><description>short</description></item></channel></rss>",
                    encoding="utf-8")
    items = list(read_source(path, limits=ReadLimits(max_article_chars=50)))
    assert [type(i) for i in items] == [InputError, Article]
    assert "entry 1" in str(items[0]) and "max_article_chars" in str(items[0])


@pytest.mark.parametrize("name", ["max_article_chars", "max_file_bytes"])
def test_limits_must_be_above_zero(name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.resolve(env={f"SITREP_{name.upper()}": "0"})


def test_limits_come_from_the_settings() -> None:
    settings = Settings.resolve(env={"SITREP_MAX_ARTICLE_CHARS": "7",
                                     "SITREP_MAX_FILE_BYTES": "9"})
    assert ReadLimits.from_settings(settings) == ReadLimits(max_article_chars=7,
                                                            max_file_bytes=9)


@pytest.mark.model
def test_the_pipeline_refuses_a_text_past_the_limit_before_parsing(pipeline: Any) -> None:
    text = "a " * (pipeline.settings.max_article_chars // 2 + 1)
    with pytest.raises(InputError, match=r"^long: article text is \d+ characters"):
        pipeline.extract(Article(id="long", text=text))
    with pytest.raises(InputError, match="max_article_chars"):
        list(pipeline.extract_many([Article(id="long", text=text)]))


@pytest.mark.model
def test_ingest_reports_a_text_past_the_limit_and_stores_the_rest(pipeline: Any,
                                                                   tmp_path: Path) -> None:
    from sitrep.knowledge import ingest_articles
    from sitrep.store import open_store

    long = Article(id="long", text="a " * (pipeline.settings.max_article_chars // 2 + 1))
    short = Article(id="short", text="France withdrew its troops from Niger.")
    with open_store(str(tmp_path / "s.db"), create=True) as store:
        report = ingest_articles(store, [long, short], pipeline=pipeline)
        assert (report.added, [e.source for e in report.problems]) == (1, ["long"])
        assert store.counts()["articles"] == 1
