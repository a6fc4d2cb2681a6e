"""JSON Lines corpora: one article per line, read as a stream, one InputError per bad line.

A line is `{"id", "text", "published"?, "url"?, "title"?}`; other keys are ignored, so corpora
exported with extra metadata load as they are. `null` and "" count as absent for the optional
keys (id, published, url, title); a missing id becomes FILE:LINE.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from sitrep.errors import InputError
from sitrep.ingest.dates import parse_published
from sitrep.ingest.decoding import BOM, invalid_characters, utf8_problem
from sitrep.ingest.limits import ReadLimits, text_too_long
from sitrep.records import Article

__all__ = ["read_jsonl"]

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
               int: "a number", float: "a number", type(None): "null"}
_NOT_JSON_LINES = ("the file is one JSON document spread over several lines, not JSON Lines "
                   "(one object per line); convert it, e.g. with jq -c '.[]'")


_Fail = Callable[[str], InputError]


@dataclass(frozen=True, slots=True)
class _Line:
    """One physical line: its 1-based number, its bytes, and where it starts in the file."""

    number: int
    data: bytes  # the first max_line_bytes + 1 bytes of a longer line
    offset: int
    size: int  # in the file, end included


def read_jsonl(lines: Iterable[bytes] | IO[bytes], *, source: str, published: date | None,
               max_chars: int = ReadLimits().max_article_chars,
               max_line_bytes: int = ReadLimits().max_file_bytes,
               ) -> Iterator[Article | InputError]:
    """Yield an Article per good line and an InputError (with its line number) per bad one.

    `lines` are the file's raw lines, ends included (an open binary file will do), so that a
    line of any length is read once and the file never has to fit in memory. `published` fills
    lines without a date of their own. A later line repeating an earlier id is an error, and
    so is a text longer than `max_chars` characters. From an open file, a line longer than
    `max_line_bytes` is refused without being held in memory.
    """
    seen: dict[str, int] = {}
    records = 0
    for line in _numbered(lines, max_line_bytes):
        if not line.data.strip():
            continue
        records += 1
        try:
            if line.size > max_line_bytes:
                raise InputError(source, f"line is {line.size} bytes, more than the limit of "
                                         f"{max_line_bytes} (setting max_file_bytes)",
                                 line=line.number)
            article = _article(line, source=source, published=published, max_chars=max_chars)
        except InputError as err:
            if records == 1 and line.data.strip() in (b"[", b"{"):
                # A pretty-printed JSON file would give an error per line; one says it all.
                yield InputError(source, _NOT_JSON_LINES)
                return
            yield err
            continue
        first = seen.setdefault(article.id, line.number)
        if first != line.number:
            yield InputError(source, f"duplicate id {article.id!r} (first on line {first}); "
                                     "ids must be unique within a file", line=line.number)
            continue
        yield article
    if records == 0:
        yield InputError(source, "file is empty (no JSON lines); write one JSON object per line")


def _numbered(lines: Iterable[bytes] | IO[bytes], limit: int) -> Iterator[_Line]:
    """Number the lines and track byte offsets; drop a BOM before the first line."""
    offset = 0
    for number, (data, size) in enumerate(_bounded(lines, limit), start=1):
        start = offset
        offset += size
        if number == 1 and data.startswith(BOM):
            data, start, size = data[len(BOM):], start + len(BOM), size - len(BOM)
        yield _Line(number, data, start, size)


def _bounded(lines: Iterable[bytes] | IO[bytes], limit: int) -> Iterator[tuple[bytes, int]]:
    """Each line with its size; from a file, at most `limit` + 1 bytes of a longer line (the
    rest is skipped in chunks), so one huge line never sits in memory whole."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        yield from ((data, len(data)) for data in lines)
        return
    while data := readline(limit + 1):
        size = len(data)
        if size > limit and not data.endswith(b"\n"):
            while (more := readline(1 << 20)) and not more.endswith(b"\n"):
                size += len(more)
            size += len(more)
        yield data, size


def _article(line: _Line, *, source: str, published: date | None, max_chars: int) -> Article:
    """Build the Article of one non-blank line, or raise InputError naming the line."""
    number = line.number

    def fail(problem: str) -> InputError:
        return InputError(source, problem, line=number)

    nul = line.data.find(b"\x00")
    if nul >= 0:
        raise fail(f"NUL byte at byte {line.offset + nul}; the file may be binary or corrupt")
    try:
        decoded = line.data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise fail(utf8_problem(line.data, offset=line.offset) or str(err)) from err
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as err:
        raise fail(f"not valid JSON: {err.msg} (column {err.colno})") from err
    except RecursionError as err:
        raise fail("not valid JSON: nested too deeply") from err
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object, got {_json_type(record)}")

    text = record.get("text")
    if "text" not in record:
        raise fail("missing required field 'text'")
    if not isinstance(text, str):
        raise fail(f"field 'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise fail("field 'text' is empty")

    article = Article(
        id=_id(record.get("id"), default=f"{source}:{number}", fail=fail),
        text=text,
        published=_published(record.get("published"), default=published, source=source,
                             line=number, fail=fail),
        url=_optional_string(record, "url", fail=fail),
        title=_optional_string(record, "title", fail=fail),
    )
    bad = invalid_characters(article) or text_too_long(text, limit=max_chars)
    if bad:
        raise fail(bad)
    return article


def _id(value: Any, *, default: str, fail: _Fail) -> str:
    """A string or integer id as a string; `default` when absent."""
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise fail(f"field 'id' must be a string or an integer, got {_json_type(value)}")
    if not value.strip():
        raise fail("field 'id' is empty; omit it to use FILE:LINE as the id")
    return value


def _published(value: Any, *, default: date | None, source: str, line: int,
               fail: _Fail) -> date | None:
    """The line's own date (ISO 8601); `default` when absent, null or ""."""
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise fail(f"field 'published' must be an ISO date string such as \"2024-05-11\", "
                   f"got {_json_type(value)} {json.dumps(value)[:40]}")
    try:
        return parse_published(value, source=source, line=line)
    except InputError as err:
        raise fail(f"field 'published': {err.problem}") from err


def _optional_string(record: dict[str, Any], key: str, *, fail: _Fail) -> str | None:
    """An optional string field; None when absent, null or empty."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise fail(f"field {key!r} must be a string, got {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    """How JSON calls the type of a decoded value."""
    return _JSON_TYPES.get(type(value), type(value).__name__)
