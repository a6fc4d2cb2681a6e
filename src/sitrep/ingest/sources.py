"""One entry point for every input: open it, tell its format, hand it to the right reader.

Whole-input problems (missing file, directory, empty, binary, not UTF-8, unreadable, corrupt
gzip) become exactly one InputError for that input; record-level problems (a JSONL line, a feed
entry) become one InputError each while the other records still come through. Nothing here
raises on bad input, so a caller can report every problem of every input and go on.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO, BinaryIO, Literal, Protocol, TextIO, get_args

from sitrep.errors import InputError
from sitrep.ingest.decoding import BOM, binary_problem, invalid_characters
from sitrep.ingest.folders import walk_folder
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.limits import ReadLimits, text_too_long
from sitrep.ingest.text import read_text
from sitrep.ingest.urls import FetchPolicy, is_url, media_format, scheme_problem, url_path
from sitrep.records import Article

__all__ = ["Format", "read_source", "read_sources", "sniff_format"]

Format = Literal["auto", "text", "html", "jsonl", "feed"]
_FORMATS: tuple[str, ...] = get_args(Format)
STDIN_NAME = "stdin"
_EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
# Enough to sniff the format and to tell text from binary; read once, then served again.
_HEAD = 8192
_GZIP_MAGIC = b"\x1f\x8b"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Media types whose charset parameter is applied; feeds and JSON declare their own encoding.
_CHARSET_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class _TooLarge(Exception):
    """Decompressed content of a fetched URL went past the size cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"decompressed content larger than {limit} bytes "
                         "(setting fetch_max_bytes); reading stopped there")


# Errors of a failing read: the disk, a truncated/corrupt gzip stream, a size cap.
_READ_ERRORS = (OSError, EOFError, zlib.error, _TooLarge)


class _ByteSource(Protocol):
    """Anything with read(n) -> bytes: a file, standard input, a gzip stream."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_sources(sources: Iterable[str | Path], *, published: date | None = None,
                 stdin: TextIO | BinaryIO | None = None, fmt: Format = "auto",
                 fetch: FetchPolicy | None = None,
                 limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Yield the articles of each input in turn (files, folders, URLs, "-" for stdin).

    Each input is read as `read_source` reads it; a bad input yields its InputErrors and
    reading goes on with the next.
    """
    for source in sources:
        yield from read_source(source, published=published, stdin=stdin, fmt=fmt, fetch=fetch,
                               limits=limits)


def read_source(source: str | Path, *, published: date | None = None,
                stdin: TextIO | BinaryIO | None = None, fmt: Format = "auto",
                fetch: FetchPolicy | None = None,
                limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Yield the articles of one input, and an InputError for each bad part.

    The input is a file path, a folder (its readable files, recursively, in sorted order), an
    http(s) URL (fetched under `fetch`, by default `FetchPolicy()`: public addresses only), or
    "-" for stdin. A bad line of a JSONL file yields an InputError naming the file and line,
    and reading goes on. `published` is the date of inputs that carry none (for HTML pages it
    wins over the page's own date). `fmt="auto"` picks the format from the URL's Content-Type,
    else the file extension, else the content; gzip-compressed input is decompressed whatever
    its format. `limits` (by default `ReadLimits()`) refuses, as bad input, a text, HTML or feed
    file past its byte limit (unread beyond it) and an article whose text is past its
    character limit.

    Bad input never raises; an unknown `fmt` (a caller's bug) raises ValueError when iteration
    starts.
    """
    if fmt not in _FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(_FORMATS)}, not {fmt!r}")
    limits = limits if limits is not None else ReadLimits()
    is_stdin = str(source) == "-"
    name = STDIN_NAME if is_stdin else str(source)
    if not name:
        yield InputError("''", "no file name given")
        return
    if isinstance(source, str) and is_url(source, exists=os.path.lexists(source)):
        yield from _read_url(source, published=published, fmt=fmt, limits=limits,
                             policy=fetch if fetch is not None else FetchPolicy())
        return
    if is_stdin:
        yield from _read_file(name, published=published, fmt=fmt, limits=limits, is_stdin=True,
                              stdin=stdin)
    elif os.path.isdir(name):
        for item in walk_folder(name):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_file(item, published=published, fmt=fmt, limits=limits)
    else:
        yield from _read_file(name, published=published, fmt=fmt, limits=limits)


def _read_file(name: str, *, published: date | None, fmt: Format, limits: ReadLimits,
               is_stdin: bool = False,
               stdin: TextIO | BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Read one file, or standard input (`stdin`, else sys.stdin) when `is_stdin`."""
    with ExitStack() as stack:
        try:
            raw = _stdin_bytes(stdin) if is_stdin else stack.enter_context(_open(name))
        except InputError as err:
            yield err
            return
        except _READ_ERRORS as err:
            yield InputError(name, _read_problem(err))
            return
        guess = None if is_stdin else _by_extension(name)
        yield from _read_stream(raw, name=name, fmt=fmt, guess=guess, published=published,
                                limits=limits)


def _read_url(url: str, *, published: date | None, fmt: Format, limits: ReadLimits,
              policy: FetchPolicy) -> Iterator[Article | InputError]:
    """Fetch a URL and read its body by its Content-Type, its extension, or its content."""
    problem = scheme_problem(url)
    if problem:
        yield InputError(url, problem)
        return
    # Imported here: httpx takes ~0.1 s to import, which runs over local files should not pay.
    from sitrep.ingest.fetch import fetch

    try:
        page = fetch(url, policy=policy)
    except InputError as err:
        yield err
        return
    guess, problem = media_format(page.content_type)
    if problem:
        yield InputError(url, problem)
        return
    data = _to_utf8(page.data, content_type=page.content_type)
    yield from _read_stream(io.BytesIO(data), name=page.url, fmt=fmt,
                            guess=guess or _by_extension(url_path(page.url)),
                            published=published, url=page.url, limit=policy.max_bytes,
                            limits=limits)


def _read_stream(raw: _ByteSource, *, name: str, fmt: Format, guess: Format | None,
                 published: date | None, limits: ReadLimits, url: str | None = None,
                 limit: int | None = None) -> Iterator[Article | InputError]:
    """Read one open input: un-gzip it (to at most `limit` bytes), tell its format, read it."""
    with ExitStack() as stack:
        try:
            head, stream = _prefetch(raw)
            if head.startswith(_GZIP_MAGIC):
                unzipped: _ByteSource = stack.enter_context(
                    gzip.GzipFile(fileobj=stream, mode="rb"))
                if limit is not None:
                    unzipped = _Capped(unzipped, limit)
                head, stream = _prefetch(unzipped)
        except _READ_ERRORS as err:
            yield InputError(name, _read_problem(err))
            return
        if fmt == "auto":
            fmt = guess or sniff_format(head)
        problem = binary_problem(head, any_nul=fmt != "jsonl")
        if problem:
            yield InputError(name, problem)
            return
        try:
            yield from _dispatch(stream, fmt=fmt, name=name, published=published, url=url,
                                 limits=limits)
        except _READ_ERRORS as err:
            yield InputError(name, _read_problem(err))


def sniff_format(head: bytes) -> Format:
    """Tell the format from the first bytes: JSON Lines, HTML, a feed, or else plain text."""
    start = head.removeprefix(BOM).lstrip()[:2048].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith(b"<?xml"):
        if _FEED_ROOT.search(start):
            return "feed"
        if b"<html" in start:
            return "html"
    return "text"


def _dispatch(stream: BinaryIO, *, fmt: Format, name: str, published: date | None,
              limits: ReadLimits, url: str | None = None) -> Iterator[Article | InputError]:
    """Run the reader of `fmt` over an open stream; `url` is where a fetched page came from."""
    if fmt == "jsonl":
        yield from read_jsonl(stream, source=name, published=published,
                              max_chars=limits.max_article_chars,
                              max_line_bytes=limits.max_file_bytes)
        return
    # One byte more than the limit tells a file past it, without reading the rest.
    data = stream.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        yield InputError(name, f"{'response' if url else 'file'} is larger than "
                               f"{limits.max_file_bytes} bytes (setting max_file_bytes); "
                               "split it, or give a corpus as JSON Lines, which is streamed")
        return
    if not data.removeprefix(BOM).strip():
        yield InputError(name, "response is empty" if url else "file is empty")
        return
    # The head was checked for binary content; a NUL further on is as bad.
    nul = data.find(b"\x00")
    if nul >= 0:
        yield InputError(name, f"binary file (NUL byte at byte {nul}); "
                               "sitrep reads UTF-8 text, HTML, JSON Lines and RSS/Atom feeds")
        return
    if fmt == "feed":
        # Imported here: feedparser and trafilatura take ~0.1 s and ~0.5 s to import, which a
        # run over plain text or JSONL should not pay.
        from sitrep.ingest.feed import read_feed

        yield from read_feed(data, source=name, published=published,
                             max_chars=limits.max_article_chars)
        return
    try:
        if fmt == "html":
            from sitrep.ingest.html import read_html

            article = read_html(data, source=name, published=published, url=url)
        else:
            article = replace(read_text(data, source=name, published=published), url=url)
    except InputError as err:
        yield err
        return
    bad = invalid_characters(article) or text_too_long(article.text,
                                                       limit=limits.max_article_chars)
    yield InputError(name, bad) if bad else article


def _by_extension(name: str) -> Format | None:
    """The format an extension names (".gz" looked through), or None for unknown ones."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None


def _open(name: str) -> BinaryIO:
    """Open a file for reading bytes, or raise InputError saying what is wrong with the path."""
    path = Path(name)
    if path.is_dir():
        raise InputError(name, "is a directory; pass the files in it (e.g. DIR/*.jsonl)")
    try:
        return path.open("rb")
    except FileNotFoundError as err:
        raise InputError(name, "file not found; check the path") from err
    except PermissionError as err:
        raise InputError(name, "permission denied; cannot read the file") from err
    except OSError as err:
        raise InputError(name, f"cannot open the file: {err.strerror or err}") from err


def _stdin_bytes(stdin: TextIO | BinaryIO | None) -> IO[bytes]:
    """Standard input as bytes, whether given as a binary or a text stream."""
    stream: IO[bytes] | IO[str] = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    if isinstance(buffer, io.BufferedIOBase | io.RawIOBase):
        return buffer  # type: ignore[return-value]  # both are binary streams
    first = stream.read(0)
    if isinstance(first, bytes):
        return stream  # type: ignore[return-value]  # read() gave bytes: a binary stream
    # A text stream without a buffer (io.StringIO): its text is all there is. surrogateescape
    # gives back the bytes a lenient decoder replaced, so they are reported as bad UTF-8.
    text = str(stream.read())
    try:
        return io.BytesIO(text.encode("utf-8", errors="surrogateescape"))
    except UnicodeEncodeError:
        return io.BytesIO(text.encode("utf-8", errors="surrogatepass"))


def _prefetch(stream: _ByteSource) -> tuple[bytes, BinaryIO]:
    """Read the first bytes for sniffing, and a stream that yields them again, then the rest.

    Sniffing must not consume input: standard input and gzip streams cannot rewind.
    """
    head = stream.read(_HEAD)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


class _Prefixed(io.RawIOBase):
    """A raw stream over `head` followed by what is left of `rest`."""

    def __init__(self, head: bytes, rest: _ByteSource) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        """Always: this stream exists to be read."""
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        """Fill `buffer` from the head first, then from the rest; 0 at the end."""
        view = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(view), len(self._head))
            view[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(view))
        view[:len(data)] = data
        return len(data)


def _to_utf8(data: bytes, *, content_type: str | None) -> bytes:
    """A page or text in the charset its Content-Type names, re-encoded as UTF-8.

    Only when the body is not UTF-8 already, and only for HTML and plain text: many older sites
    name their charset in the HTTP header alone, which a saved file would have lost.
    """
    media = (content_type or "").split(";", 1)[0].strip().lower()
    match = _CHARSET.search(content_type or "")
    if media not in _CHARSET_TYPES or not match or data.startswith(_GZIP_MAGIC):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(codecs.lookup(match[1]).name).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        # An unknown or wrong charset: the readers report the bytes as they are.
        return data


class _Capped:
    """A byte source that raises _TooLarge once more than `limit` bytes were read from it."""

    def __init__(self, stream: _ByteSource, limit: int) -> None:
        self._stream = stream
        self._left = limit
        self._limit = limit

    def read(self, size: int = -1, /) -> bytes:
        """Up to `size` bytes (all that is left when negative), never more than the cap + 1."""
        wanted = self._left + 1 if size < 0 else min(size, self._left + 1)
        data = self._stream.read(wanted)
        self._left -= len(data)
        if self._left < 0:
            raise _TooLarge(self._limit)
        return data


def _read_problem(err: BaseException) -> str:
    """Say what a failing read means for the user."""
    if isinstance(err, _TooLarge):
        return str(err)
    if isinstance(err, gzip.BadGzipFile | EOFError | zlib.error):
        return f"corrupt or truncated gzip data ({err}); check the download"
    if isinstance(err, IsADirectoryError):
        return "is a directory; pass the files in it (e.g. DIR/*.jsonl)"
    if isinstance(err, OSError):
        return f"cannot read the file: {err.strerror or err}"
    return f"cannot read the file: {err}"
