"""Plain-text files: one Article, text kept as written (offsets point into it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import read_source
from sitrep.records import Article

STORY = (
    "Garrison hands over northern base\n"
    "\n"
    "The foreign garrison handed the northern air base to local forces on Friday, "
    "a spokesman for the defence ministry said.\n"
)


def _write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def _only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1
    assert isinstance(items[0], Article), items[0]
    return items[0]


@pytest.mark.parametrize("name", ["story.txt", "story.text", "story.md", "story"])
def test_text_file_becomes_one_article(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, STORY)
    article = _only_article(list(read_source(path)))
    assert article == Article(id=path, text=STORY, published=None, url=None,
                              title="Garrison hands over northern base")


def test_published_argument_dates_the_article(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.txt", STORY)
    article = _only_article(list(read_source(path, published=date(2024, 5, 11))))
    assert article.published == date(2024, 5, 11)


def test_bom_is_dropped_and_crlf_becomes_lf(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.txt", b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    assert _only_article(list(read_source(path))).text == STORY


def test_lone_cr_and_spacing_are_kept(tmp_path: Path) -> None:
    text = "  Line one\rstill line one\n\n\n   indented\t tab  \n"
    assert _only_article(list(read_source(_write(tmp_path, "a.txt", text)))).text == text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Headline without period\nBody.\n", "Headline without period"),
        ("\n\n   Spaced headline   \nBody.\n", "Spaced headline"),
        ("Will the troops stay?\nBody.\n", "Will the troops stay?"),
        ("A first sentence that ends with a period.\nMore.\n", None),
        ("x" * 201 + "\nBody.\n", None),
        ("x" * 200 + "\nBody.\n", "x" * 200),
    ],
)
def test_title_is_a_short_first_line_without_final_period(
        tmp_path: Path, text: str, title: str | None) -> None:
    assert _only_article(list(read_source(_write(tmp_path, "a.txt", text)))).title == title


def test_path_object_is_accepted_and_used_as_id(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert _only_article(list(read_source(path))).id == str(path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf"])
def test_empty_text_file_is_one_error(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "empty.txt", data)
    items = list(read_source(path))
    assert len(items) == 1
    assert isinstance(items[0], InputError)
    assert str(items[0]) == f"{path}: file is empty"
