"""read_source: format detection, stdin, and one InputError per whole-input problem."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import Format, read_source, sniff_format
from sitrep.records import Article

TEXT = "Convoy reaches border town\n\nA supply convoy reached the border town late on Sunday.\n"
JSONL = '{"id": "j1", "text": "A supply convoy reached the border town late on Sunday."}\n'
HTML = ("<!DOCTYPE html><html><head><title>Convoy</title></head><body><article>"
        "<p>A supply convoy reached the border town late on Sunday, local officials said, "
        "after three days on the road from the coast.</p></article></body></html>")
RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><item><guid>r1</guid>"
       "<description>A supply convoy reached the border town.</description></item></channel></rss>")


def _write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def _one_error(items: list[Article | InputError]) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items[0]
    return items[0]


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b'{"text": "x"}', "jsonl"),
        (b'\xef\xbb\xbf\n  {"text": "x"}', "jsonl"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"  <HTML lang='en'>", "html"),
        (b"<rss version='2.0'>", "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "feed"),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
        (b"<?xml version='1.0'?><catalog/>", "text"),
        (b"[Reuters] Troops left the base.", "text"),
        (b"Troops left the base.", "text"),
        (b"", "text"),
    ],
)
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        # The extension wins over the content.
        ("notes.txt", JSONL, "PATH"),
        ("notes.md", HTML, "PATH"),
        ("corpus.ndjson", JSONL, "j1"),
        ("feed.atom", RSS, "r1"),
        ("STORY.TXT", JSONL, "PATH"),
        ("page.htm", HTML, "PATH"),
        # Plain text named .htm is parsed as HTML, and has no body.
        ("page.htm", TEXT, "no article text found: the page has no <body>"),
        # Unknown extensions: the content decides.
        ("corpus.dat", JSONL, "j1"),
        ("page.php", HTML, "PATH"),
        ("feed.cgi", RSS, "r1"),
        ("story", TEXT, "PATH"),
    ],
)
def test_format_by_extension_then_content(tmp_path: Path, name: str, data: str,
                                          expected: str) -> None:
    path = _write(tmp_path, name, data)
    [item] = list(read_source(path))
    if isinstance(item, Article):
        assert item.id == expected.replace("PATH", path)
    else:
        assert str(item) == f"{path}: {expected}"


@pytest.mark.parametrize(("fmt", "expected_id"), [("text", None), ("jsonl", "j1")])
def test_fmt_argument_overrides_detection(tmp_path: Path, fmt: Format,
                                          expected_id: str | None) -> None:
    path = _write(tmp_path, "corpus.txt", JSONL)
    [article] = list(read_source(path, fmt=fmt))
    assert isinstance(article, Article)
    assert article.id == (expected_id or path)


def test_unknown_fmt_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fmt must be one of"):
        list(read_source(_write(tmp_path, "a.txt", TEXT), fmt="pdf"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode(), Article(id="stdin", text=TEXT, title="Convoy reaches border town")),
        (JSONL.encode(), Article(id="j1", text="A supply convoy reached the border town late "
                                               "on Sunday.")),
        (gzip.compress(JSONL.encode()), Article(id="j1", text="A supply convoy reached the "
                                                              "border town late on Sunday.")),
    ],
)
def test_stdin_bytes_are_sniffed(data: bytes, expected: Article) -> None:
    assert list(read_source("-", stdin=io.BytesIO(data))) == [expected]


def test_stdin_text_stream_is_accepted() -> None:
    items = list(read_source("-", stdin=io.StringIO(TEXT), published=date(2024, 5, 12)))
    assert items == [Article(id="stdin", text=TEXT, published=date(2024, 5, 12),
                             title="Convoy reaches border town")]


def test_stdin_text_wrapper_is_read_through_its_buffer() -> None:
    wrapper = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + TEXT.encode()), encoding="utf-8")
    [article] = list(read_source("-", stdin=wrapper))
    assert isinstance(article, Article) and article.text == TEXT


def test_stdin_errors_name_stdin() -> None:
    error = _one_error(list(read_source("-", stdin=io.BytesIO(b""))))
    assert str(error) == "stdin: file is empty"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (it contains NUL bytes)"),
        ("a.html", b"<html>" + b"x" * 9000 + b"\x00", "binary file (NUL byte at byte 9006)"),
        ("a.jsonl", bytes(range(1, 256)) * 4, "binary file (mostly non-text bytes)"),
        ("a", bytes(range(1, 256)) * 4, "binary file (mostly non-text bytes)"),
        ("a.txt", b"\xff\xfeT\x00r\x00", "file is UTF-16 encoded; convert it to UTF-8"),
        ("a.txt", "Troops left the café".encode("latin-1"),
         "invalid UTF-8 at byte 19 (bytes e9); save the file as UTF-8"),
        ("a.txt", b"", "file is empty"),
        ("a.html", b"", "file is empty"),
        ("a.rss", b"  \n", "file is empty"),
        ("a.jsonl.gz", b"\x1f\x8b\x08\x00garbage", "corrupt or truncated gzip data"),
        ("a.jsonl.gz", gzip.compress(b'{"text": "x"}\n')[:12], "corrupt or truncated gzip data"),
    ],
)
def test_whole_file_problem_is_one_error(tmp_path: Path, name: str, data: bytes,
                                         problem: str) -> None:
    path = _write(tmp_path, name, data)
    error = _one_error(list(read_source(path)))
    assert (error.source, error.line) == (path, None)
    assert str(error).startswith(f"{path}: {problem}")


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.txt")
    assert str(_one_error(list(read_source(path)))) == f"{path}: file not found; check the path"


def test_empty_file_name() -> None:
    assert str(_one_error(list(read_source("")))) == "'': no file name given"


def test_directory_is_walked(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", TEXT)
    assert [item.id for item in read_source(tmp_path)] == [path]


def test_path_below_a_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", TEXT) + "/child.txt"
    error = _one_error(list(read_source(path)))
    assert str(error) == f"{path}: cannot open the file: Not a directory"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.txt", TEXT)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # chmod cannot make a file unreadable for root, who runs CI containers.
    monkeypatch.setattr(Path, "open", refuse)
    error = _one_error(list(read_source(path)))
    assert str(error) == f"{path}: permission denied; cannot read the file"


def test_files_are_closed_when_reading_stops_early(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.jsonl", JSONL + JSONL.replace("j1", "j2"))
    items = read_source(path)
    assert isinstance(next(items), Article)
    items.close()  # must not raise or leak a ResourceWarning (filterwarnings = error)


NAMES = ["a.txt", "a.html", "a.jsonl", "a.jsonl.gz", "a.rss", "a.bin"]
PREFIXES = [b"", b"\xef\xbb\xbf", b"{", b'{"text": "', b"<!DOCTYPE html><html><body>",
            b"<?xml version='1.0'?><rss><channel><item><description>",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>",
            b"\x1f\x8b"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.one_of(st.binary(max_size=600),
                   st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))),
    name=st.sampled_from(NAMES),
    fmt=st.sampled_from(get_args(Format)),
)
def test_arbitrary_bytes_never_raise(tmp_path: Path, prefix: bytes, body: bytes, name: str,
                                     fmt: Format) -> None:
    path = _write(tmp_path, name, prefix + body)
    for item in read_source(path, fmt=fmt):
        assert isinstance(item, Article | InputError)
        if isinstance(item, Article):
            assert item.text.strip()


def test_importing_ingest_loads_no_reader_or_fetcher() -> None:
    code = ("import sys, sitrep.ingest; "
            "print(*(m in sys.modules for m in ('httpx', 'trafilatura', 'feedparser')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False", "False"]
