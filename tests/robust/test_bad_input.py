"""Bad input, end to end through `sitrep ingest` and `sitrep extract`: each bad input is named
on stderr with its problem, the exit code is 3, the good inputs next to it are still processed,
and the store holds only the good articles (nothing half-written).

The model loads once per run, so all inputs go through one ingest and one extract run, started
together; the 100 MB inputs have their own (slow) runs.
"""

from __future__ import annotations

import json
import resource
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from sitrep.store import open_store

pytestmark = pytest.mark.model

GOOD = {
    "good.txt": "French troops completed their withdrawal from Mali on August 15, 2022.\n",
    "good.jsonl": json.dumps({"id": "good-line", "published": "2024-05-11",
                              "text": "Russia deployed military instructors to Niger in "
                                      "April 2024."}) + "\n",
}
# name -> (bytes, what stderr says after "sitrep: NAME: ").
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "file is empty"),
    "blank.html": (b"  \n\t\n", "file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file"),
    "random.bin": (bytes(range(256)) * 8, "binary file"),
    "latin1.txt": ("Troops left Bamako for Côte d'Ivoire on 3 May 2024.\n".encode("latin-1"),
                   "invalid UTF-8 at byte 24"),
    "nobody.html": (b"<html><head><title>Only a head</title></head></html>",
                    "no article text found: the page has no <body>"),
    "truncated.rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                      b"<item><title>Cut off", "entry 1 (truncated.rss#1): no text"),
    "broken.rss": (b"<rss><channel><title>Wire</channel></item>\x01</rss>",
                   "malformed feed"),
    "empty.rss": (b"<rss><channel><title>Wire</title></channel></rss>",
                  "the feed has no entries"),
}
# A JSONL file whose bad lines are errors and whose good lines are still read.
LINES = [
    {"id": "line-ok", "published": "2022-08-16",
     "text": "French troops completed their withdrawal from Niger on Monday."},
    "{not json",
    {"id": "no-text", "title": "A headline without a body"},
    {"id": "bad-date", "published": "2024-13-45", "text": "Chad ordered French troops out."},
    {"id": "word-date", "published": "last Tuesday", "text": "Chad ordered French troops out."},
    {"id": "number-text", "text": 5},
    {"id": "line-ok-2", "published": "2024-12-01",
     "text": "Chad ordered French troops to leave the country by January 31, 2025."},
]
LINE_PROBLEMS = {
    "lines.jsonl:2": "not valid JSON",
    "lines.jsonl:3": "missing required field 'text'",
    "lines.jsonl:4": "field 'published': '2024-13-45' is not a date",
    "lines.jsonl:5": "field 'published': 'last Tuesday' is not a date",
    "lines.jsonl:6": "field 'text' must be a string",
}
GOOD_DOCS = {"good.txt", "good-line", "line-ok", "line-ok-2"}
# the articles of ODD that give an event
ODD_DOCS = {"absurd-number", "garbage-date"}
# Odd but valid articles: not input errors. Their events keep what is sure and leave out
# (null) what is not; names sitrep does not know give no event.
ODD = [
    {"id": "absurd-number", "published": "2024-05-11",
     "text": "Russia deployed 10 billion troops to Mali in March 2024."},
    {"id": "garbage-date", "published": "2024-05-11",
     "text": "France withdrew its troops from Niger on 2024-13-45."},
    {"id": "unknown-names", "published": "2024-05-11",
     "text": "Zyxland deployed troops to the Qqq of Rrr on the 45th of Smarch."},
]


def _jsonl(rows: list[Any]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def _write(root: Path) -> list[str]:
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (root / name).write_bytes(data)
    (root / "lines.jsonl").write_text(_jsonl(LINES), encoding="utf-8")
    (root / "odd.jsonl").write_text(_jsonl(ODD), encoding="utf-8")
    return [*GOOD, *BAD, "lines.jsonl", "odd.jsonl", "missing.txt"]


class Runs:
    """Runs started together in a thread pool; `runs[name]` waits for one of them."""

    def __init__(self, root: Path, futures: dict[str, Future[subprocess.CompletedProcess[str]]]
                 ) -> None:
        self.root = root
        self._futures = futures

    def __getitem__(self, name: str) -> subprocess.CompletedProcess[str]:
        return self._futures[name].result()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, sitrep: Any) -> Iterator[Runs]:
    root = tmp_path_factory.mktemp("bad-input")
    inputs = _write(root)
    bad_only = [*BAD, "missing.txt"]
    commands = {
        "ingest": ["ingest", *inputs, "--db", "mixed.db"],
        "ingest-bad": ["ingest", *bad_only, "--db", "bad.db"],
        "extract": ["extract", *inputs],
    }
    with ThreadPoolExecutor(max_workers=3) as pool:
        yield Runs(root, {name: pool.submit(sitrep, *args, cwd=root)
                          for name, args in commands.items()})


def _counts(db: Path) -> dict[str, int]:
    with open_store(str(db), create=False) as store:
        return store.counts()


CASES = [*((name, problem) for name, (_, problem) in BAD.items()),
         ("missing.txt", "file not found"), *LINE_PROBLEMS.items()]


@pytest.mark.parametrize("command", ["ingest", "extract"])
@pytest.mark.parametrize(("where", "problem"), CASES)
def test_each_bad_input_is_named_with_its_problem(runs: Runs, command: str, where: str,
                                                  problem: str) -> None:
    lines = runs[command].stderr.splitlines()
    assert any(line.startswith(f"sitrep: {where}: {problem}") for line in lines), lines


@pytest.mark.parametrize("command", ["ingest", "extract", "ingest-bad"])
def test_bad_input_exits_3(runs: Runs, command: str) -> None:
    assert runs[command].returncode == 3, runs[command].stderr


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_bad_input_gives_no_traceback(runs: Runs, command: str) -> None:
    assert "Traceback" not in runs[command].stderr


def test_extract_still_processes_the_good_inputs(runs: Runs) -> None:
    docs = {json.loads(line)["doc_id"] for line in runs["extract"].stdout.splitlines()}
    assert docs == GOOD_DOCS | ODD_DOCS


def test_ingest_stores_the_good_inputs_and_nothing_else(runs: Runs) -> None:
    run = runs["ingest"]
    assert f"{len(CASES)} problem(s)" in run.stderr
    assert _counts(runs.root / "mixed.db")["articles"] == len(GOOD_DOCS) + len(ODD)


def test_ingest_of_only_bad_inputs_leaves_an_empty_store(runs: Runs) -> None:
    assert runs["ingest-bad"].returncode == 3
    counts = _counts(runs.root / "bad.db")
    assert (counts["articles"], counts["events"]) == (0, 0)


def _odd(runs: Runs) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for line in runs["extract"].stdout.splitlines():
        record = json.loads(line)
        found.setdefault(record["doc_id"], []).append(record)
    return found


def test_absurd_troop_number_is_left_out_not_stored(runs: Runs) -> None:
    [event] = _odd(runs)["absurd-number"]
    assert (event["kind"], event["actor"]["code"], event["troops"]) == ("deploy", "RUS", None)


def test_impossible_date_in_the_text_gives_no_date(runs: Runs) -> None:
    [event] = _odd(runs)["garbage-date"]
    assert (event["kind"], event["date"]) == ("withdraw", None)


def test_unknown_names_give_no_event(runs: Runs) -> None:
    assert "unknown-names" not in _odd(runs)


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_odd_but_valid_articles_are_no_input_error(runs: Runs, command: str) -> None:
    assert "odd.jsonl" not in runs[command].stderr


# -- 100 MB inputs ------------------------------------------------------------------------------

_SENTENCE = b"French troops withdrew from Niger in December 2023. "
_SIZE = 100_000_000
_BODY = len(_SENTENCE) * (_SIZE // len(_SENTENCE) + 1)
_HEAD = b'{"id": "huge", "text": "'
_MEMORY_KB = 1_500_000  # the model alone takes ~300 MB; reading 100 MB whole would add more


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big")
    body = _SENTENCE * (_BODY // len(_SENTENCE))
    (root / "big.txt").write_bytes(body)
    with (root / "one-line.jsonl").open("wb") as fh:
        fh.write(_HEAD)
        fh.write(body)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "after", "published": "2024-01-02",
                             "text": _SENTENCE.decode()}).encode() + b"\n")
    (root / "good.txt").write_text(GOOD["good.txt"], encoding="utf-8")
    return root


BIG_PROBLEMS = [
    ("big.txt", "file is larger than 20000000 bytes (setting max_file_bytes)"),
    ("one-line.jsonl:1", f"line is {len(_HEAD) + _BODY + 3} bytes, more than the limit of "
                         "20000000 (setting max_file_bytes)"),
]


@pytest.mark.slow
@pytest.mark.parametrize("command", [["extract"], ["ingest", "--db", "big.db"]])
def test_100_mb_inputs_are_refused_naming_the_limit(big: Path, sitrep: Any,
                                                    command: list[str]) -> None:
    run = sitrep(*command, "big.txt", "one-line.jsonl", "good.txt", cwd=big)
    assert run.returncode == 3, run.stderr
    lines = run.stderr.splitlines()
    for where, problem in BIG_PROBLEMS:
        assert any(line.startswith(f"sitrep: {where}: {problem}") for line in lines), lines
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < _MEMORY_KB
    if command[0] == "extract":
        docs = {json.loads(line)["doc_id"] for line in run.stdout.splitlines()}
        assert docs == {"after", "good.txt"}
    else:
        assert _counts(big / "big.db")["articles"] == 2


@pytest.mark.slow
def test_a_long_text_under_the_byte_limit_is_refused_by_its_length(big: Path,
                                                                   sitrep: Any) -> None:
    # 2 MB of text: a file sitrep reads, but longer than spaCy parses (max_article_chars).
    text = _SENTENCE * (2_000_000 // len(_SENTENCE))
    (big / "long.txt").write_bytes(text)
    run = sitrep("extract", "long.txt", cwd=big)
    assert run.returncode == 3, run.stderr
    assert f"sitrep: long.txt: article text is {len(text)} characters, more than the limit " \
           "of 1000000 (setting max_article_chars)" in run.stderr
    assert "Traceback" not in run.stderr
