"""URL inputs without the network: which sources are URLs, which may be fetched, and how.

`FetchPolicy` holds the fetch settings; `address_problem` says why an IP address must not be
contacted. Both are stdlib only, so a caller can build a policy and check a URL without
importing httpx (`sitrep.ingest.fetch` does the fetching).
"""

from __future__ import annotations

import ipaddress
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sitrep.settings import Settings

__all__ = [
    "FetchPolicy",
    "address_problem",
    "is_url",
    "media_format",
    "scheme_problem",
    "url_path",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MediaFormat = Literal["text", "html", "jsonl", "feed"]

# "scheme://..." is always a URL. A few schemes are written without "//" (data:, mailto:...);
# those count as URLs only when no file of that name exists, as "notes:2024.txt" is a valid
# file name on POSIX.
_SCHEME_SLASHES = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")
_SCHEME_BARE = re.compile(r"\A(?:data|file|javascript|mailto|about|blob):", re.IGNORECASE)
_FETCHED_SCHEMES = frozenset({"http", "https"})
# NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits; through a local NAT64 gateway
# 64:ff9b::a00:1 reaches 10.0.0.1, so the embedded address is what must be checked.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Checked in this order, so that 127.0.0.1 is called loopback and 240.0.0.1 reserved (both
# are also "private").
_REASONS = ("unspecified", "loopback", "link_local", "multicast", "reserved", "private")

_MEDIA_FORMATS: dict[str, MediaFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "application/jsonlines": "jsonl",
    "application/json": "jsonl",
}
_NOT_TEXT_MAJOR = frozenset({"image", "audio", "video", "font", "model"})
_NOT_TEXT = frozenset({"application/pdf", "application/zip", "application/msword",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How URLs are fetched. The defaults are safe for a server that fetches on request.

    allow_private: also contact loopback, private, link-local and other non-public addresses.
    timeout: seconds allowed to connect, and for each read (not for the whole download).
    max_bytes: largest body read (after HTTP decompression; gzip content is capped again).
    max_redirects: redirects followed before giving up.
    """

    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5

    def __post_init__(self) -> None:
        if not (math.isfinite(self.timeout) and self.timeout > 0):
            raise ValueError(f"timeout must be a number of seconds above 0, not {self.timeout}")
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be above 0, not {self.max_bytes}")
        if self.max_redirects < 0:
            raise ValueError(f"max_redirects must be 0 or more, not {self.max_redirects}")

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        """The policy that the settings fetch_private, fetch_timeout, fetch_max_bytes give."""
        return cls(allow_private=settings.fetch_private, timeout=settings.fetch_timeout,
                   max_bytes=settings.fetch_max_bytes)


def is_url(source: str, *, exists: bool = False) -> bool:
    """Whether `source` is a URL rather than a path; `exists` says a file of that name exists."""
    if _SCHEME_SLASHES.match(source):
        return True
    return not exists and _SCHEME_BARE.match(source) is not None


def scheme_problem(url: str) -> str | None:
    """Say why `url` is not fetched because of its scheme, or None for http and https."""
    scheme = url.split(":", 1)[0].lower()
    if scheme in _FETCHED_SCHEMES:
        return None
    return f"{scheme}: URLs are not fetched; only http:// and https:// URLs are"


def address_problem(address: IPAddress) -> str | None:
    """Say why `address` must not be contacted ("a loopback address"...), or None if public."""
    embedded = None
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if embedded is not None:
        inner = address_problem(embedded)
        return f"{inner} (it embeds {embedded})" if inner else None
    for reason in _REASONS:
        if getattr(address, f"is_{reason}"):
            article = "an" if reason[0] in "aeiou" else "a"
            return f"{article} {reason.replace('_', '-')} address"
    # Shared (100.64.0.0/10), benchmarking and other special ranges that are none of the above.
    if not address.is_global:
        return "not a public address"
    return None


def media_format(content_type: str | None) -> tuple[MediaFormat | None, str | None]:
    """The reader a Content-Type names, and a problem when it names no text at all.

    (None, None) means the type does not decide (text/plain, XML, octet-stream, none): the URL's
    extension, then the content, do.
    """
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in _MEDIA_FORMATS:
        return _MEDIA_FORMATS[media], None
    if media.split("/", 1)[0] in _NOT_TEXT_MAJOR or media in _NOT_TEXT:
        return None, (f"the server sent {media}, not text, HTML, JSON Lines or an RSS/Atom "
                      "feed")
    return None, None


def url_path(url: str) -> str:
    """The path part of a URL ("/news/feed.xml"), for telling the format by its extension."""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""
