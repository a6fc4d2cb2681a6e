"""Ingest: turn inputs (text, HTML, JSON Lines, RSS/Atom feeds) into `Article` records.

`read_source` is the one entry point: it yields Articles, and an `InputError` for each bad
input or record instead of raising, so a caller can report every problem and go on. Importing
this package does not import trafilatura or feedparser; the HTML and feed readers load them
when first used.
"""

from sitrep.ingest.dates import parse_published
from sitrep.ingest.sources import Format, read_source, sniff_format

__all__ = ["Format", "parse_published", "read_source", "sniff_format"]
