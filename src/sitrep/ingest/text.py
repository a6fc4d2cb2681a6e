"""Plain-text articles: one file, one Article, its text kept as written."""

from __future__ import annotations

from datetime import date

from sitrep.errors import InputError
from sitrep.ingest.decoding import decode_utf8, utf8_problem
from sitrep.records import Article

__all__ = ["read_text"]

# A first line longer than this is a paragraph, not a headline.
_MAX_TITLE = 200


def read_text(data: bytes, *, source: str, published: date | None) -> Article:
    """Turn the bytes of a UTF-8 text file into one Article, or raise InputError.

    The text is kept exactly (events carry character offsets into it), except that a UTF-8 BOM
    is dropped and Windows line ends (CRLF) become LF. The id is `source`.
    """
    text = decode_utf8(data)
    if text is None:
        raise InputError(source, utf8_problem(data) or "not UTF-8")
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InputError(source, "file is empty (no text); pass a file with the article text")
    return Article(id=source, text=text, published=published, title=title_of(text))


def title_of(text: str) -> str | None:
    """The first non-empty line when it reads like a headline: short, with no final period."""
    for line in text.split("\n"):
        candidate = line.strip()
        if candidate:
            if len(candidate) <= _MAX_TITLE and not candidate.endswith("."):
                return candidate
            return None
    return None
