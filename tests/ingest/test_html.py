"""HTML pages: trafilatura's text, title and canonical URL; a page date only from metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_source
from sitrep.records import Article

BODY = """
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Garrison hands over northern base</h1>
<p>The foreign garrison handed the northern air base to local forces on Friday, a spokesman
for the defence ministry told reporters in the capital.</p>
<p>About four hundred soldiers and their equipment are due to leave the country by the end of
the month, he said, under a timetable agreed between the two governments.</p>
</article>
<footer>© 2024 Example News. All rights reserved.</footer>
"""


def _page(head: str = "", body: str = BODY) -> str:
    return (f"<!DOCTYPE html><html><head><title>Garrison hands over base | Example News</title>"
            f"{head}</head><body>{body}</body></html>")


def _write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def _article(path: str, published: date | None = None) -> Article:
    items = list(read_source(path, published=published))
    assert len(items) == 1
    assert isinstance(items[0], Article), items[0]
    return items[0]


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.xhtml", "saved-page"])
def test_page_becomes_article_without_boilerplate(tmp_path: Path, name: str) -> None:
    head = '<link rel="canonical" href="https://news.example.org/world/base-handover">'
    path = _write(tmp_path, name, _page(head))
    article = _article(path)
    assert article.id == path
    assert article.url == "https://news.example.org/world/base-handover"
    # trafilatura prefers the headline to the <title> with its site-name suffix.
    assert article.title == "Garrison hands over northern base"
    assert "handed the northern air base to local forces" in article.text
    assert "Sport" not in article.text and "All rights reserved" not in article.text


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # trafilatura/htmldate would invent 2024-01-01 from the footer: no date is better.
        ("", BODY, None),
        ('<meta itemprop="copyrightYear" content="2023">', BODY, None),
        # A date inside the story is an event date, not the publication date.
        ("", BODY.replace("on Friday", "on 2012-05-10"), None),
        ('<meta property="article:published_time" content="2024-03-02T10:00:00Z">', BODY,
         date(2024, 3, 2)),
        ('<meta name="pubdate" content="Sat, 11 May 2024 23:30:00 -0500">', BODY,
         date(2024, 5, 11)),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
         '[{"@type": "NewsArticle", "datePublished": "2024-02-05T09:00:00+01:00"}]}</script>',
         BODY, date(2024, 2, 5)),
        ('<script type="application/ld+json">{broken json</script>', BODY, None),
        ("", BODY.replace("<article>", '<article><time datetime="2024-04-07">7 April</time>'),
         date(2024, 4, 7)),
        ('<link rel="canonical" href="https://news.example.org/2024/05/11/base-handover">', BODY,
         date(2024, 5, 11)),
        ('<link rel="canonical" href="https://news.example.org/2024/13/45/base">', BODY, None),
    ],
)
def test_page_date_comes_only_from_metadata(
        tmp_path: Path, head: str, body: str, expected: date | None) -> None:
    path = _write(tmp_path, "page.html", _page(head, body))
    assert _article(path).published == expected


def test_published_argument_overrides_the_page_date(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2024-03-02T10:00:00Z">'
    path = _write(tmp_path, "page.html", _page(head))
    assert _article(path, published=date(2024, 6, 30)).published == date(2024, 6, 30)


def test_xhtml_with_xml_declaration_is_read(tmp_path: Path) -> None:
    data = '<?xml version="1.0" encoding="utf-8"?>\n' + _page().replace(
        "<!DOCTYPE html><html>", '<html xmlns="http://www.w3.org/1999/xhtml">')
    assert "northern air base" in _article(_write(tmp_path, "page.xhtml", data)).text


def test_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = _page('<meta charset="iso-8859-1">', BODY.replace("capital", "capitale à Niamey"))
    article = _article(_write(tmp_path, "page.html", page.encode("iso-8859-1")))
    assert "capitale à Niamey" in article.text


def test_invalid_utf8_without_declared_charset_names_the_byte(tmp_path: Path) -> None:
    data = _page().encode().replace(b"capital", b"capit\xe0l")
    path = _write(tmp_path, "page.html", data)
    offset = data.index(b"\xe0")
    [error] = list(read_source(path))
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: invalid UTF-8 at byte {offset} ")


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("<html><head><title>Only a head</title></head></html>", "the page has no <body>"),
        ("<!DOCTYPE html><html><head><title>t</title></head><body></body></html>",
         "the page's body holds no article"),
        ("<!DOCTYPE html><html><body>  <!-- nothing here --> </body></html>",
         "the page's body holds no article"),
    ],
)
def test_page_without_text_is_one_error(tmp_path: Path, page: str, problem: str) -> None:
    path = _write(tmp_path, "page.html", page)
    [error] = list(read_source(path))
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: no article text found")
    assert problem in str(error)
