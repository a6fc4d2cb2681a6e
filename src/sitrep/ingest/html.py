"""HTML pages: the article text, title and canonical URL via trafilatura; a trusted date or none."""

from __future__ import annotations

import codecs
import re
from datetime import date

from trafilatura import bare_extraction, load_html
from trafilatura.settings import Document

from sitrep.errors import InputError
from sitrep.ingest.decoding import decode_utf8, utf8_problem
from sitrep.ingest.pagedate import page_date
from sitrep.records import Article

__all__ = ["read_html"]

_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# What trafilatura and lxml raise on input they cannot handle (found by the property test);
# anything else is a bug of ours or theirs and should surface.
_EXTRACTION_ERRORS = (ValueError, TypeError, RecursionError)
# htmldate settings for trafilatura's own date search: cheap, since its result is not used.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, *, source: str, published: date | None,
              url: str | None = None) -> Article:
    """Turn the bytes of an HTML page into one Article, or raise InputError.

    The id is `source`. The url is `url`, the address a fetched page came from, else the page's
    canonical link (or og:url) if any. `published`, when given, overrides the page's date; the
    page's date is used only when its metadata states it (see `sitrep.ingest.pagedate`), so a
    "© 2024" footer gives no date.
    """
    text = _decode(data, source=source)
    # lxml refuses str input that carries an encoding declaration; the text is decoded already.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = load_html(text)
        if root is None or root.find(".//body") is None:
            raise InputError(source, "no article text found: the page has no <body>")
        # trafilatura works on a copy of the tree, so `root` stays whole for the date search.
        document = bare_extraction(
            root, with_metadata=True, include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except _EXTRACTION_ERRORS as err:
        raise InputError(source, f"cannot parse the HTML: {err}") from err
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise InputError(source, "no article text found: the page's body holds no article "
                                 "(is it a front page or an index?)")
    canonical = document.url or None
    return Article(
        id=source,
        text=str(document.text),
        published=(published if published is not None
                   else page_date(root, url=canonical, fetched_from=url)),
        url=url or canonical,
        title=document.title or None,
    )


def _decode(data: bytes, *, source: str) -> str:
    """UTF-8, or else the charset the page declares; InputError naming the bad byte otherwise."""
    text = decode_utf8(data)
    if text is not None:
        return text
    match = _CHARSET.search(data[:4096])
    if match:
        name = (match[1] or match[2]).decode("ascii")
        try:
            return data.decode(codecs.lookup(name).name)
        except LookupError:
            pass
        except UnicodeDecodeError as err:
            raise InputError(source, f"invalid {name} at byte {err.start}, the charset the page "
                                     "declares; save the page as UTF-8") from err
    raise InputError(source, utf8_problem(data) or "not UTF-8")
