"""The publication date of an HTML page, taken from its metadata only.

Why not trafilatura's date (htmldate)? Measured with htmldate 1.11.0: even with
`extensive_search=False` it returns YYYY-01-01 for a page whose only date is
`<meta itemprop="copyrightYear">`, and it takes the first YYYY-MM-DD found anywhere in the body
text ("the 2012-05-10 accord") as the page date; with the default extensive search it also
invents YYYY-01-01 from a "© 2024" footer. A wrong publication date silently shifts every
relative date in the article, while a missing one is visible, so only these are trusted, in
this order: publication-date meta tags, JSON-LD `datePublished`, microdata `datePublished`,
`<time datetime>`, and a /YYYY/MM/DD/ date in the canonical URL or the fetched one.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from datetime import date
from typing import Any

from sitrep.ingest.dates import parse_loose_date

__all__ = ["page_date"]

# Meta names/properties that mean "first published" (lower case). Modification dates are left
# out on purpose: an update time is not when the reported events were written up.
_PUBLISHED_META = frozenset({
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "published_time", "publish_date", "publish-date", "publishdate",
    "pubdate", "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date",
    "dcterms.issued", "dcterms.created", "citation_publication_date", "citation_date",
    "parsely-pub-date", "sailthru.date", "article.published", "originalpublicationdate",
})
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")


def page_date(root: Any, *, url: str | None, fetched_from: str | None = None) -> date | None:
    """The page's publication date from its metadata, or None when it has none we trust.

    `root` is the lxml root element of the page; `url` its canonical URL, if known, and
    `fetched_from` the address it was fetched from; a date in the path of either counts, the
    canonical URL's first.
    """
    for value in _candidates(root):
        found = parse_loose_date(value)
        if found is not None:
            return found
    for address in (url, fetched_from):
        found = _url_date(address) if address else None
        if found is not None:
            return found
    return None


def _candidates(root: Any) -> Iterator[str]:
    """Date strings from the trusted places, best first."""
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and meta.get("content"):
            yield str(meta.get("content"))
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            yield from _json_ld_dates(script.text)
    for element in root.iterfind(".//*[@itemprop]"):
        if element.get("itemprop", "").lower() == "datepublished":
            value = element.get("datetime") or element.get("content")
            if value:
                yield str(value)
    # A <time> inside the article beats one in a sidebar of related stories.
    times = [*root.iterfind(".//article//time[@datetime]"), *root.iterfind(".//time[@datetime]")]
    for element in times:
        yield str(element.get("datetime"))


def _json_ld_dates(text: str) -> Iterator[str]:
    """Every `datePublished` string in one JSON-LD block; nothing when it is not valid JSON."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    # Breadth first, so the page's own datePublished comes before those of items it cites.
    queue: deque[Any] = deque([data])
    while queue:
        item = queue.popleft()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value
            queue.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            queue.extend(item)


def _url_date(url: str) -> date | None:
    """A /2024/05/11/ or /2024-05-11- style date in a URL's path, if it makes a real day."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
