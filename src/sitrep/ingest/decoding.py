"""Byte-level checks shared by the readers: binary files, UTF-8 decoding, unwritable characters.

Policy for characters that no later stage can carry (documented in docs and tested):
- A NUL byte in a file makes it binary: the whole file is rejected (JSONL: the line).
- NUL characters and lone surrogates that reach a string anyway (JSON escapes such as "\\u0000"
  or "\\ud800") reject the record that holds them, naming the field and the position. They are
  not silently removed, because events carry character offsets into the text, and they are not
  kept, because UTF-8 output and PostgreSQL text columns cannot hold them.
"""

from __future__ import annotations

import re

from sitrep.records import Article

__all__ = [
    "BOM",
    "binary_problem",
    "decode_utf8",
    "invalid_characters",
    "utf8_problem",
]

BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters that do not occur in text files (tab, newlines, form feed and escape do).
_CONTROL = frozenset(set(range(0x20)) - {0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1B}) | {0x7F}
# Share of control characters or undecodable bytes above which a file is not text at all.
# Random or compressed bytes score over 0.5; Latin-1 text mistaken for UTF-8 stays far below
# 0.3, so it gets the more useful "invalid UTF-8 at byte N" message instead.
_BINARY_SHARE = 0.30
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")
_FORMATS = "sitrep reads UTF-8 text, HTML, JSON Lines and RSS/Atom feeds"


def binary_problem(head: bytes, *, any_nul: bool = True) -> str | None:
    """Say why the first bytes of a file show it is binary, or None if they may be text.

    With `any_nul`, one NUL byte is enough; without, NULs count like other control bytes
    (JSONL: a line with a NUL is rejected on its own, the rest of the corpus is still good).
    """
    if head.startswith(_UTF16_BOMS):
        return "file is UTF-16 encoded; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
    if any_nul and b"\x00" in head:
        return f"binary file (it contains NUL bytes); {_FORMATS}"
    if not head:
        return None
    # Count after a lenient decode, so that multi-byte UTF-8 characters count once and
    # undecodable bytes (images, archives) count as non-text.
    sample = head.decode("utf-8", errors="replace")
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) in _CONTROL))
    if bad > _BINARY_SHARE * len(sample):
        return f"binary file (mostly non-text bytes); {_FORMATS}"
    return None


def utf8_problem(data: bytes, *, offset: int = 0) -> str | None:
    """Say where `data` is not UTF-8 (byte offset counted from `offset`), or None if it is."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 4].hex(" ")
        return (f"invalid UTF-8 at byte {offset + err.start} (bytes {bad}); "
                "save the file as UTF-8")
    return None


def decode_utf8(data: bytes) -> str | None:
    """Decode UTF-8 without a leading BOM; None when `data` is not UTF-8."""
    try:
        return data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError:
        return None


def invalid_characters(article: Article) -> str | None:
    """Say which field of `article` holds a NUL or a lone surrogate, or None if none does."""
    for name in ("id", "text", "url", "title"):
        value = getattr(article, name)
        if value is None:
            continue
        match = _BAD_CHARACTER.search(value)
        if match:
            kind = "a NUL character" if match[0] == "\x00" else "a lone surrogate"
            return (f"field {name!r} contains {kind} ({match[0]!a}) at character "
                    f"{match.start()}; remove it from the input")
    return None
