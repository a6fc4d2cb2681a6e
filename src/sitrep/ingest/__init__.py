"""Ingest: turn inputs (text, HTML, JSON Lines, RSS/Atom feeds, folders, URLs) into `Article`s.

`read_source` reads one input and `read_sources` several: they yield Articles, and an
`InputError` for each bad input or record instead of raising, so a caller can report every
problem and go on. URLs are fetched under a `FetchPolicy` (public addresses only by default).
Importing this package does not import trafilatura, feedparser or httpx; the HTML and feed
readers and the fetcher load them when first used.
"""

from sitrep.ingest.dates import parse_published
from sitrep.ingest.limits import ReadLimits
from sitrep.ingest.sources import Format, read_source, read_sources, sniff_format
from sitrep.ingest.urls import FetchPolicy

__all__ = ["FetchPolicy", "Format", "ReadLimits", "parse_published", "read_source",
           "read_sources", "sniff_format"]
