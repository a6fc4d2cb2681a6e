"""RSS/Atom feeds: one Article per entry, from its content or summary, dated as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_source
from sitrep.ingest.feed import html_to_text
from sitrep.records import Article

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item>
  <title>Patrol boats delivered</title>
  <link>https://wire.example.org/boats</link>
  <guid isPermaLink="false">wire-boats</guid>
  <pubDate>Sat, 11 May 2024 23:30:00 -0500</pubDate>
  <description>&lt;p&gt;Two patrol boats were handed to the
    &lt;b&gt;coast guard&lt;/b&gt;.&lt;/p&gt;
    &lt;p&gt;More are due next year.&lt;/p&gt;</description>
</item>
<item>
  <title>Exercise ends</title>
  <link>https://wire.example.org/exercise</link>
  <description>A joint naval exercise ended after nine days at sea.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example:feed</id>
<updated>2024-05-12T10:00:00Z</updated>
<entry>
  <title>Runway work begins</title><id>urn:example:runway</id>
  <link href="https://atom.example.org/runway"/>
  <published>2024-05-10T08:00:00+02:00</published><updated>2024-05-12T10:00:00Z</updated>
  <summary>Short summary.</summary>
  <content type="html">&lt;p&gt;Engineers began work on a new runway.&lt;/p&gt;
    &lt;script&gt;track()&lt;/script&gt;</content>
</entry>
<entry>
  <title>Only updated</title><id>urn:example:updated</id>
  <updated>2024-04-01T12:00:00Z</updated>
  <content type="text">A convoy reached the border town.</content>
</entry>
</feed>
"""


def _write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


@pytest.mark.parametrize("name", ["wire.rss", "wire.xml", "wire-feed"])
def test_rss_items_become_articles(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, RSS)
    assert list(read_source(path)) == [
        # The pubDate's own day, although it is already 2024-05-12 in UTC.
        Article(id="wire-boats", text="Two patrol boats were handed to the coast guard.\n"
                                      "More are due next year.",
                published=date(2024, 5, 11), url="https://wire.example.org/boats",
                title="Patrol boats delivered"),
        # No guid: the link is the id.
        Article(id="https://wire.example.org/exercise",
                text="A joint naval exercise ended after nine days at sea.",
                published=None, url="https://wire.example.org/exercise", title="Exercise ends"),
    ]


@pytest.mark.parametrize("name", ["atom.atom", "atom.xml", "atom"])
def test_atom_entries_prefer_content_and_published(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, ATOM)
    first, second = list(read_source(path))
    assert first == Article(id="urn:example:runway", text="Engineers began work on a new runway.",
                            published=date(2024, 5, 10), url="https://atom.example.org/runway",
                            title="Runway work begins")
    assert isinstance(second, Article)
    assert (second.text, second.published) == ("A convoy reached the border town.",
                                               date(2024, 4, 1))


def test_published_argument_fills_entries_without_a_date(tmp_path: Path) -> None:
    path = _write(tmp_path, "wire.rss", RSS)
    dates = [a.published for a in read_source(path, published=date(2024, 6, 1))
             if isinstance(a, Article)]
    assert dates == [date(2024, 5, 11), date(2024, 6, 1)]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("<rss><channel><title>Broken", "malformed feed: "),
        ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>&bogus;<</feed>",
         "malformed feed: "),
        ("<rss version='2.0'><channel><title>Quiet</title></channel></rss>",
         "the feed has no entries"),
    ],
)
def test_feed_without_entries_is_one_error(tmp_path: Path, data: str, problem: str) -> None:
    path = _write(tmp_path, "bad.rss", data)
    [error] = list(read_source(path))
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: {problem}")


def test_entry_without_text_is_an_error_and_others_come_through(tmp_path: Path) -> None:
    data = RSS.replace("<item>", "<item><title>Empty</title><guid>empty-1</guid></item><item>", 1)
    path = _write(tmp_path, "wire.rss", data)
    items = list(read_source(path))
    assert [type(i) for i in items] == [InputError, Article, Article]
    assert str(items[0]) == (f"{path}: entry 1 (empty-1): no text "
                             "(the entry has neither content nor summary)")


def test_duplicate_entry_id_is_an_error(tmp_path: Path) -> None:
    data = RSS.replace("<link>https://wire.example.org/exercise</link>",
                       "<link>https://wire.example.org/exercise</link><guid>wire-boats</guid>")
    path = _write(tmp_path, "wire.rss", data)
    items = list(read_source(path))
    assert [type(i) for i in items] == [Article, InputError]
    assert "entry 2: duplicate id 'wire-boats' (first in entry 1)" in str(items[1])


def test_lone_surrogate_reference_is_an_error_not_a_crash(tmp_path: Path) -> None:
    # feedparser 6.0.14 raises UnicodeEncodeError on this character reference.
    path = _write(tmp_path, "wire.rss", RSS.replace("nine days", "nine &#xD800; days"))
    items = list(read_source(path))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert str(items[0]).startswith(f"{path}: malformed feed: ")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One <b>bold</b> word.</p><p>Second   paragraph.</p>",
         "One bold word.\nSecond paragraph."),
        ("Line one<br>Line two", "Line one\nLine two"),
        ("<ul><li>first</li><li>second</li></ul>", "first\nsecond"),
        ("<div>Kept<script>dropped()</script><style>p {}</style></div>", "Kept"),
        ("Plain text, no tags &amp; an entity", "Plain text, no tags & an entity"),
        ("<p>A break\n  in the markup\tis a space.</p>", "A break in the markup is a space."),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text
