"""JSON Lines corpora: an Article per good line, an InputError naming file and line per bad one."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import ReadLimits, read_source
from sitrep.records import Article

GOOD_BEFORE = {"id": "a1", "text": "Two patrol boats were handed to the coast guard on Monday."}
GOOD_AFTER = {"id": "a3", "text": "The defence minister met his counterpart in the capital."}


def _write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def _line(record: object) -> str:
    return json.dumps(record) + "\n"


def _between(middle: bytes) -> bytes:
    """A file whose line 2 is `middle`, between two good lines."""
    return _line(GOOD_BEFORE).encode() + middle + b"\n" + _line(GOOD_AFTER).encode()


def test_lines_become_articles(tmp_path: Path) -> None:
    records = [
        {"id": "n-1", "text": "Engineers began work on a new runway at the base.",
         "published": "2024-05-11T08:30:00Z", "url": "https://news.example.org/n-1",
         "title": "Runway work begins", "lang": "en"},
        {"id": 42, "text": "A naval exercise ended after nine days at sea."},
    ]
    path = _write(tmp_path, "corpus.jsonl", "".join(_line(r) for r in records))
    assert list(read_source(path)) == [
        Article(id="n-1", text=records[0]["text"], published=date(2024, 5, 11),  # type: ignore[arg-type]
                url="https://news.example.org/n-1", title="Runway work begins"),
        Article(id="42", text=records[1]["text"]),  # type: ignore[arg-type]
    ]


def test_missing_id_becomes_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.jsonl", "\n" + _line({"text": "Words about a convoy."}))
    [article] = list(read_source(path))
    assert isinstance(article, Article)
    assert article.id == f"{path}:2"


def test_published_argument_fills_only_lines_without_a_date(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.jsonl", _line({"id": "own", "text": "t", "published": "2023-01-05"})
                  + _line({"id": "none", "text": "t"})
                  + _line({"id": "null", "text": "t", "published": None}))
    dates = {a.id: a.published for a in read_source(path, published=date(2024, 6, 1))
             if isinstance(a, Article)}
    assert dates == {"own": date(2023, 1, 5), "none": date(2024, 6, 1), "null": date(2024, 6, 1)}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"id": "x", "text": "unterminated', "not valid JSON"),
        (b"[1, 2]", "expected a JSON object, got an array"),
        (b'"just a string"', "expected a JSON object, got a string"),
        (b'{"id": "x"}', "missing required field 'text'"),
        (b'{"id": "x", "text": ""}', "field 'text' is empty"),
        (b'{"id": "x", "text": "   \\n "}', "field 'text' is empty"),
        (b'{"id": "x", "text": 12}', "field 'text' must be a string, got a number"),
        (b'{"id": "x", "text": null}', "field 'text' must be a string, got null"),
        (b'{"id": true, "text": "t"}', "field 'id' must be a string or an integer, got a boolean"),
        (b'{"id": 1.5, "text": "t"}', "field 'id' must be a string or an integer, got a number"),
        (b'{"id": " ", "text": "t"}', "field 'id' is empty"),
        (b'{"id": "x", "text": "t", "published": "11/05/2024"}',
         "field 'published': '11/05/2024' is not a date"),
        (b'{"id": "x", "text": "t", "published": "2024-02-30"}',
         "field 'published': '2024-02-30' is not a date"),
        (b'{"id": "x", "text": "t", "published": 20240511}',
         "field 'published' must be an ISO date string such as \"2024-05-11\", got a number"),
        (b'{"id": "x", "text": "t", "url": 3}', "field 'url' must be a string, got a number"),
        (b'{"id": "x", "text": "t", "title": ["a"]}',
         "field 'title' must be a string, got an array"),
        (b'{"id": "x", "text": "bad \\u0000 char"}',
         "field 'text' contains a NUL character ('\\x00') at character 4"),
        (b'{"id": "x", "text": "bad \\ud800 char"}',
         "field 'text' contains a lone surrogate ('\\ud800') at character 4"),
        (b'{"id": "x\\udfff", "text": "t"}', "field 'id' contains a lone surrogate"),
        (b'{"id": "x", "text": "t"\x00}', "NUL byte at byte"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_bad_line_is_one_error_and_other_lines_come_through(
        tmp_path: Path, line: bytes, problem: str) -> None:
    path = _write(tmp_path, "corpus.jsonl", _between(line))
    first, error, last = list(read_source(path))
    assert isinstance(first, Article) and first.id == "a1"
    assert isinstance(last, Article) and last.id == "a3"
    assert isinstance(error, InputError)
    assert (error.source, error.line) == (path, 2)
    assert str(error).startswith(f"{path}:2: {problem}")


def test_invalid_utf8_names_the_line_and_the_file_byte_offset(tmp_path: Path) -> None:
    data = _between(b'{"id": "x", "text": "caf\xe9"}')
    path = _write(tmp_path, "corpus.jsonl", data)
    offset = data.index(b"\xe9")
    error = list(read_source(path))[1]
    assert isinstance(error, InputError)
    assert str(error) == (f"{path}:2: invalid UTF-8 at byte {offset} (bytes e9 22 7d 0a); "
                          "save the file as UTF-8")


def test_duplicate_id_is_an_error_for_the_later_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.jsonl", _line({"id": "d", "text": "first telling"})
                  + _line({"id": "e", "text": "other"})
                  + _line({"id": "d", "text": "second telling"}))
    items = list(read_source(path))
    assert [type(i) for i in items] == [Article, Article, InputError]
    assert str(items[2]) == (f"{path}:3: duplicate id 'd' (first on line 1); "
                             "ids must be unique within a file")


def test_integer_and_string_ids_that_read_the_same_are_duplicates(tmp_path: Path) -> None:
    data = _line({"id": 7, "text": "t"}) + _line({"id": "7", "text": "t"})
    path = _write(tmp_path, "c.jsonl", data)
    assert [type(i) for i in read_source(path)] == [Article, InputError]


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.jsonl", "\n  \n" + _line({"text": "words"}) + "\r\n" + "{bad\n")
    items = list(read_source(path))
    assert isinstance(items[0], Article) and items[0].id == f"{path}:3"
    assert isinstance(items[1], InputError) and items[1].line == 5


def test_bom_and_crlf_line_ends_are_accepted(tmp_path: Path) -> None:
    crlf = _line(GOOD_BEFORE).replace("\n", "\r\n")
    data = b"\xef\xbb\xbf" + crlf.encode() + _line(GOOD_AFTER).encode()
    path = _write(tmp_path, "c.jsonl", data)
    assert [a.id for a in read_source(path) if isinstance(a, Article)] == ["a1", "a3"]


@pytest.mark.parametrize("name", ["c.jsonl.gz", "c.ndjson.gz", "c.json.gz", "compressed"])
def test_gzip_jsonl_is_read(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, gzip.compress(_between(b"{oops").rstrip()))
    items = list(read_source(path))
    assert [type(i) for i in items] == [Article, InputError, Article]
    assert items[1].line == 2  # type: ignore[union-attr]


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_empty_jsonl_file_is_one_error(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "c.jsonl", data)
    items = list(read_source(path))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "file is empty" in str(items[0])


@pytest.mark.parametrize("document", [[GOOD_BEFORE, GOOD_AFTER], GOOD_BEFORE])
def test_pretty_printed_json_is_one_error_not_one_per_line(tmp_path: Path,
                                                           document: object) -> None:
    path = _write(tmp_path, "c.json", json.dumps(document, indent=2))
    items = list(read_source(path))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert str(items[0]).startswith(
        f"{path}: the file is one JSON document spread over several lines")


def test_very_long_line_is_read(tmp_path: Path) -> None:
    text = "The column crossed the border at dawn. " * 250_000  # ~10 MB on one line
    path = _write(tmp_path, "c.jsonl", _line({"id": "long", "text": text}) + _line(GOOD_AFTER))
    # within the limits that are set (the default refuses a text this long, docs/ingest.md)
    items = list(read_source(path, limits=ReadLimits(max_article_chars=len(text))))
    assert [type(i) for i in items] == [Article, Article]
    assert items[0].text == text  # type: ignore[union-attr]


def test_truncated_gzip_yields_the_good_lines_then_one_error(tmp_path: Path) -> None:
    lines = "".join(_line({"id": f"n{i}", "text": f"report number {i}"}) for i in range(3000))
    compressed = gzip.compress(lines.encode())
    path = _write(tmp_path, "c.jsonl.gz", compressed[: len(compressed) // 2])
    items = list(read_source(path))
    assert all(isinstance(i, Article) for i in items[:-1])
    assert len(items) > 1
    assert isinstance(items[-1], InputError)
    assert str(items[-1]).startswith(f"{path}: corrupt or truncated gzip data")
