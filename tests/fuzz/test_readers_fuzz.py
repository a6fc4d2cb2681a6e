"""Property tests of the readers: on arbitrary bytes each returns Articles or reports an
InputError that names the input it was given, and raises nothing else."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest.feed import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.jsonl import read_jsonl
from sitrep.ingest.text import read_text
from sitrep.records import Article

SOURCE = "fuzz-input"
_FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_UNICODE = st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
_BYTES = st.one_of(st.binary(max_size=600), _UNICODE)

# JSON values: objects with the keys the reader looks at, holding any JSON value.
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=3),
    max_leaves=8)
_RECORD = st.fixed_dictionaries({}, optional={
    "id": _JSON, "text": _JSON | st.text(max_size=80), "published": _JSON | st.dates().map(str),
    "url": _JSON, "title": _JSON})
_JSONL = st.lists(st.one_of(_RECORD.map(lambda r: json.dumps(r).encode()), _BYTES),
                  max_size=5).map(lambda lines: b"\n".join(lines))

# Markup made of the elements the HTML and feed readers look for, in any order and nesting.
_TAGS = ["html", "body", "head", "title", "p", "div", "article", "script", "meta", "br",
         "rss", "channel", "item", "description", "feed", "entry", "content", "summary",
         "pubDate", "published", "updated", "guid", "id", "link", "![CDATA[", "?xml", "!--"]
_PIECES = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(['<content type="html">', '<content type="xhtml">', "&amp;", "&#0;",
                     "&#xD800;", "&nbsp;", "&bogus;", "]]>", '<meta charset="latin-1">',
                     '<?xml version="1.0" encoding="utf-16"?>', "Tue, 31 Feb 2024 25:61 GMT"]),
    st.text(max_size=30),
)
_MARKUP = st.lists(_PIECES, max_size=25).map(lambda parts: "".join(parts).encode(
    "utf-8", "surrogatepass"))
_PUBLISHED = st.none() | st.dates()


def _all(items: Iterator[Article | InputError]) -> list[Article | InputError]:
    out = list(items)
    for item in out:
        _check(item)
    return out


def _one(read: Callable[[], Article]) -> None:
    try:
        article = read()
    except InputError as err:
        _check(err)
    else:
        _check(article)


def _check(item: Article | InputError) -> None:
    if isinstance(item, InputError):
        assert item.source == SOURCE and str(item).startswith(SOURCE)
        assert item.problem
    else:
        assert isinstance(item, Article) and item.text.strip()


@_FAST
@given(data=st.one_of(_JSONL, _BYTES), published=_PUBLISHED)
@example(data=b'{"text": "x", "published": "99999-01-01"}', published=None)
@example(data=b'{"text": "x", "id": 1e400}', published=None)
@example(data=b"[" * 100_000, published=None)
def test_jsonl_reader(data: bytes, published: date | None) -> None:
    items = _all(read_jsonl(io.BytesIO(data), source=SOURCE, published=published))
    assert items, "a JSONL input gives at least one article or one error"


@_FAST
@given(data=st.one_of(_MARKUP, _BYTES), published=_PUBLISHED)
@example(data=b"<html><head><title>t</title></head></html>", published=None)
@example(data=b"<html><body>" + b"<div>" * 5000 + b"x", published=None)
def test_html_reader(data: bytes, published: date | None) -> None:
    _one(lambda: read_html(data, source=SOURCE, published=published))


@_FAST
@given(data=st.one_of(_MARKUP.map(lambda m: b"<rss><channel><item>" + m), _MARKUP, _BYTES),
       published=_PUBLISHED)
@example(data=b"<rss><channel><item><description>x", published=None)
@example(data=b"<feed><entry><published>0000-00-00</published><summary>x</summary></entry>"
              b"</feed>", published=None)
def test_feed_reader(data: bytes, published: date | None) -> None:
    items = _all(read_feed(data, source=SOURCE, published=published))
    assert items, "a feed gives at least one article or one error"


@_FAST
@given(data=_BYTES, published=_PUBLISHED)
def test_text_reader(data: bytes, published: date | None) -> None:
    _one(lambda: read_text(data, source=SOURCE, published=published))
