"""RSS and Atom feeds via feedparser: one Article per entry, from its content or summary."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser
import lxml.html  # type: ignore[import-untyped]  # lxml ships no type hints
from lxml import etree

from sitrep.errors import InputError
from sitrep.ingest.dates import parse_loose_date
from sitrep.ingest.decoding import invalid_characters
from sitrep.ingest.limits import ReadLimits, text_too_long
from sitrep.records import Article

__all__ = ["html_to_text", "read_feed"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Elements that break a line: their text becomes its own line in the article.
_BLOCKS = ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
           "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
           "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul")
_WHITESPACE = re.compile(r"\s+")
# feedparser's loose parser raises these on some invalid input (e.g. UnicodeEncodeError on
# "&#xD800;"); they mean a broken feed, not a bug of ours.
_PARSE_ERRORS = (UnicodeError, ValueError, TypeError, RecursionError)


def read_feed(data: bytes, *, source: str, published: date | None,
              max_chars: int = ReadLimits().max_article_chars,
              ) -> Iterator[Article | InputError]:
    """Yield an Article per entry of an RSS/Atom feed, and an InputError per unusable entry.

    id: the entry's id (guid), else its link, else SOURCE#N; url: its link; text: its content,
    else its summary, as plain text. published: the entry's own date as written (not shifted to
    UTC), else its updated date, else the `published` argument. An entry whose text is longer
    than `max_chars` characters is an error.
    """
    try:
        # A stream, never bytes or str: feedparser opens a str as a URL or a path.
        parsed = feedparser.parse(io.BytesIO(data))
    except _PARSE_ERRORS as err:
        yield InputError(source, f"malformed feed: {err}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = _problem(parsed.get("bozo_exception"))
            yield InputError(source, f"malformed feed: {problem}; check that the file is a "
                                     "complete RSS or Atom document")
        else:
            yield InputError(source, "the feed has no entries")
        return
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        try:
            article = _article(entry, number=number, source=source, published=published,
                               max_chars=max_chars)
        except InputError as err:
            yield err
            continue
        first = seen.setdefault(article.id, number)
        if first != number:
            yield InputError(source, f"entry {number}: duplicate id {article.id!r} "
                                     f"(first in entry {first})")
            continue
        yield article


def _problem(exception: object) -> str:
    """feedparser's complaint, without the XML parser's "<unknown>:2:0:" position.

    feedparser rewrites the start of the document, so that line number is not the file's.
    """
    get_message = getattr(exception, "getMessage", None)
    if callable(get_message):
        return str(get_message())
    return str(exception) if exception else "unreadable"


def _article(entry: Any, *, number: int, source: str, published: date | None,
             max_chars: int) -> Article:
    """The Article of one feed entry, or InputError naming the entry."""
    entry_id = entry.get("id") or entry.get("link") or f"{source}#{number}"
    where = f"entry {number} ({entry_id})"
    body = _body(entry)
    if body is None:
        raise InputError(source, f"{where}: no text (the entry has neither content nor summary)")
    value, kind = body
    try:
        text = html_to_text(value) if kind in _HTML_TYPES else value.strip()
    except (ValueError, etree.LxmlError) as err:
        raise InputError(source, f"{where}: cannot read its HTML content: {err}") from err
    if not text:
        raise InputError(source, f"{where}: no text (its content is empty)")
    article = Article(
        id=str(entry_id),
        text=text,
        published=_entry_date(entry) or published,
        url=entry.get("link") or None,
        title=entry.get("title") or None,
    )
    bad = invalid_characters(article) or text_too_long(text, limit=max_chars)
    if bad:
        raise InputError(source, f"{where}: {bad}")
    return article


def _body(entry: Any) -> tuple[str, str] | None:
    """The entry's first non-empty content, else its summary, with its MIME type."""
    for content in entry.get("content") or []:
        if (content.get("value") or "").strip():
            return str(content["value"]), str(content.get("type") or "text/html")
    summary = entry.get("summary")
    if summary and summary.strip():
        kind = (entry.get("summary_detail") or {}).get("type") or "text/html"
        return str(summary), str(kind)
    return None


def _entry_date(entry: Any) -> date | None:
    """The entry's published (else updated) date, as written in the feed."""
    for key in ("published", "updated"):
        # dict.get: feedparser's own get() maps a missing "updated" to "published" with a
        # DeprecationWarning; that date was tried already.
        raw = dict.get(entry, key)
        # feedparser's *_parsed values are converted to UTC, which can move the day;
        # the raw string keeps the publisher's own date.
        found = parse_loose_date(raw) if isinstance(raw, str) else None
        if found is not None:
            return found
        parsed = dict.get(entry, f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:  # "0000-00-00" parses to year -1: no usable date
                continue
    return None


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one line per block element, spaces collapsed."""
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    # Line breaks in the markup are spaces to HTML; only block elements break lines.
    for element in root.iter():
        element.text = _WHITESPACE.sub(" ", element.text) if element.text else element.text
        element.tail = _WHITESPACE.sub(" ", element.tail) if element.tail else element.tail
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
