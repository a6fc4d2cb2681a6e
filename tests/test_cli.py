"""The `sitrep` command, run for real in a subprocess: output formats, inputs, exit codes.

An extract run loads the spaCy model (~5 s), so the runs that need it are started together, in
parallel, by the module fixture `runs`, and several tests read the output of one run. Runs that
fail before the model loads (usage and settings errors, --help) are started by their own test.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sitrep.errors import InputError

PUBLISHED = "2024-05-11"

# Multi-paragraph, with non-ASCII characters before most events: offsets count characters.
# No city is named: looking one up builds the city index, which costs every run ~2 s.
ARTICLE = """\
Sahel drawdown: a timeline

French troops completed their withdrawal from Mali on August 15, 2022, ending a nine-year mission.

Niger's military government — in power since July 2023 — ended its military cooperation \
agreement with the United States in March 2024. The United States agreed in April to withdraw \
its roughly 1,000 troops from Niger.

Russia deployed military instructors to Niger in April 2024.
"""

# Line 2 is blank (skipped); line 4 has no id, so its doc_id is FILE:LINE. Line 5 names a city,
# so that one record with a place is checked against the schema.
CORPUS = """\
{"id": "mali-2022", "published": "2022-08-16", "text": "French troops completed their \
withdrawal from Mali on Monday."}

{"id": "niger-2024", "published": "2024-05-11", "text": "The Pentagon said about 1,000 American \
troops would withdraw from Niger by September 15."}
{"published": "2024-12-01", "text": "Chad ordered French troops to leave the country by \
January 31, 2025."}
{"id": "niamey-2024", "published": "2024-05-11", "text": "Russia deployed military instructors \
to Niamey in April 2024."}
"""
STDIN_LINE = ('{"id": "from-stdin", "published": "2023-12-13", "text": "The last German soldiers '
              'left Mali on December 12, 2023."}\n')

GOOD_TEXT = "The last German soldiers left Mali on December 12, 2023.\n"
BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "latin1.txt": "Troops left Bamako for Côte d'Ivoire on 3 May 2024.\n".encode("latin-1"),
}
# Good lines before and after the bad ones.
MIXED_JSONL = """\
{"id": "ok-line", "published": "2022-08-16", "text": "French troops completed their withdrawal \
from Mali on Monday."}
{"id": "no-text", "title": "A headline without a body"}
{"id": "bad-date", "published": "11/05/2024", "text": "Russia deployed military instructors to \
Niamey in April 2024."}
{"id": "after-bad", "published": "2024-12-01", "text": "Chad ordered French troops to leave the \
country by January 31, 2025."}
"""

GOLD = [
    {"id": "g-mali", "published": "2022-08-20",
     "text": "French troops completed their withdrawal from Mali on August 15, 2022.",
     "events": [{"kind": "withdraw", "actor": "FRA", "counterpart": ["MLI"], "place": None,
                 "date": "2022-08-15", "status": "completed", "troops": None,
                 "evidence": "French troops completed their withdrawal from Mali on "
                             "August 15, 2022."}]},
    {"id": "g-budget", "published": "2024-03-01",
     "text": "Parliament debated the defence budget for most of Tuesday without a vote.",
     "events": []},
]

EXTRACT = ["extract", "article.txt", "--published", PUBLISHED]
# name -> (arguments, standard input) of every run that loads the model.
MODEL_RUNS: dict[str, tuple[list[str], str | None]] = {
    "jsonl": (EXTRACT, None),
    "json": ([*EXTRACT, "--format", "json"], None),
    "table": ([*EXTRACT, "--format", "table", "--output", "table.txt"], None),
    # Several inputs in one command; article.txt again, to compare with the "jsonl" run.
    "corpus": ([*EXTRACT, "--input", "corpus.jsonl", "--input", "-"], STDIN_LINE),
    "mixed": (["extract", "empty.txt", "binary.txt", "latin1.txt", "missing.txt", "good.txt",
               "--input", "mixed.jsonl"], None),
    "evaluate": (["evaluate", "gold.jsonl", "--json"], None),
}


def sitrep(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m sitrep ARGS` in `cwd`, without the caller's SITREP_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    env["PYTHONIOENCODING"] = "utf-8"
    feed: dict[str, Any] = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run([sys.executable, "-m", "sitrep", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          check=False, **feed)


class Runs:
    """The model-loading runs, all started at once; `runs[name]` waits for one of them."""

    def __init__(self, root: Path,
                 futures: dict[str, Future[subprocess.CompletedProcess[str]]]) -> None:
        self.root = root
        self._futures = futures

    def __getitem__(self, name: str) -> subprocess.CompletedProcess[str]:
        return self._futures[name].result()


def _write_inputs(root: Path) -> None:
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "corpus.jsonl").write_text(CORPUS, encoding="utf-8")
    (root / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for name, data in BAD_FILES.items():
        (root / name).write_bytes(data)
    (root / "mixed.jsonl").write_text(MIXED_JSONL, encoding="utf-8")
    (root / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD),
                                     encoding="utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    root = tmp_path_factory.mktemp("cli")
    _write_inputs(root)
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        yield Runs(root, {name: pool.submit(sitrep, *args, cwd=root, stdin=stdin)
                          for name, (args, stdin) in MODEL_RUNS.items()})


def _records(text: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in text.splitlines()]
    assert records, "the run printed no events, so there is nothing to check"
    return records


# -- extract: output formats ---------------------------------------------------------------------

@pytest.mark.model
def test_extract_exits_0_with_one_json_object_per_line(runs: Runs) -> None:
    run = runs["jsonl"]
    assert (run.returncode, run.stderr) == (0, "")
    assert all(isinstance(rec, dict) for rec in _records(run.stdout))


@pytest.mark.model
@pytest.mark.parametrize("name", ["jsonl", "corpus", "mixed"])
def test_every_record_matches_the_schema(runs: Runs, event_schema: dict[str, Any],
                                         name: str) -> None:
    validator = Draft202012Validator(event_schema)
    errors = [f"{rec.get('id')}: {err.message}" for rec in _records(runs[name].stdout)
              for err in validator.iter_errors(rec)]
    assert errors == []


@pytest.mark.model
def test_format_json_prints_the_same_records_as_one_array(runs: Runs) -> None:
    run = runs["json"]
    assert run.returncode == 0
    assert json.loads(run.stdout) == _records(runs["jsonl"].stdout)


@pytest.mark.model
def test_format_table_has_a_header_a_row_per_event_and_a_count(runs: Runs) -> None:
    assert runs["table"].returncode == 0
    count = len(_records(runs["jsonl"].stdout))
    lines = (runs.root / "table.txt").read_text(encoding="utf-8").splitlines()
    assert "KIND" in lines[0].split()
    assert lines[-1] == f"{count} event(s)"
    assert len(lines) == count + 2


@pytest.mark.model
def test_evidence_offsets_point_into_the_input_text(runs: Runs) -> None:
    evidence = [ev for rec in _records(runs["jsonl"].stdout) for ev in rec["evidence"]]
    # Some evidence lies past the first paragraph and past a non-ASCII character.
    assert max(ev["start"] for ev in evidence) > ARTICLE.index("—")
    assert [ARTICLE[ev["start"]:ev["end"]] for ev in evidence] == [ev["text"] for ev in evidence]


@pytest.mark.model
def test_two_runs_on_the_same_input_give_the_same_records(runs: Runs) -> None:
    first = runs["jsonl"].stdout.splitlines()
    # The "corpus" run read article.txt too, next to other inputs.
    second = [line for line in runs["corpus"].stdout.splitlines()
              if json.loads(line)["doc_id"] == "article.txt"]
    assert _records(runs["jsonl"].stdout)
    assert first == second


# -- extract: --output ---------------------------------------------------------------------------

@pytest.mark.model
def test_output_writes_the_file_and_nothing_to_stdout(runs: Runs) -> None:
    run = runs["table"]
    assert (run.returncode, run.stdout) == (0, "")
    assert (runs.root / "table.txt").read_text(encoding="utf-8").endswith(" event(s)\n")


@pytest.mark.model
@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_output_file_gets_the_default_file_mode(runs: Runs) -> None:
    assert runs["table"].returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE((runs.root / "table.txt").stat().st_mode)
    assert oct(mode) == oct(0o666 & ~umask)


FAILING = [
    pytest.param(["extract"], 2, id="usage-no-input"),
    pytest.param(["extract", "article.txt", "--published", "not-a-date"], 2,
                 id="usage-bad-published"),
    pytest.param(["--config", "broken.toml", "extract", "article.txt"], 6, id="config-broken"),
    pytest.param(["extract", "article.txt", "--model", "no_such_model_pkg"], 5,
                 id="model-not-installed"),
]


def _failing_setup(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("[sitrep\nmodel_en = \n", encoding="utf-8")


@pytest.mark.parametrize(("args", "code"), FAILING)
def test_failed_run_creates_no_output_file(tmp_path: Path, args: list[str], code: int) -> None:
    _failing_setup(tmp_path)
    run = sitrep(*args, "--output", "out.jsonl", cwd=tmp_path)
    assert run.returncode == code, run.stderr
    # Neither the output nor a temporary file next to it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "broken.toml"]


@pytest.mark.parametrize(("args", "code"), FAILING)
def test_failed_run_keeps_an_existing_output_file(tmp_path: Path, args: list[str],
                                                  code: int) -> None:
    _failing_setup(tmp_path)
    (tmp_path / "out.jsonl").write_text("previous run\n", encoding="utf-8")
    run = sitrep(*args, "--output", "out.jsonl", cwd=tmp_path)
    assert run.returncode == code, run.stderr
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "previous run\n"


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run = sitrep("extract", "article.txt", "--output", "no/such/dir/out.jsonl", cwd=tmp_path)
    assert run.returncode == 2
    assert "--output" in run.stderr
    assert "does not exist" in run.stderr


# -- extract: JSON Lines and stdin ---------------------------------------------------------------

@pytest.mark.model
def test_jsonl_events_carry_each_lines_doc_id(runs: Runs) -> None:
    run = runs["corpus"]
    assert run.returncode == 0, run.stderr
    # corpus.jsonl:4 has no id; from-stdin came through `--input -`.
    assert {rec["doc_id"] for rec in _records(run.stdout)} == {
        "article.txt", "mali-2022", "niger-2024", "corpus.jsonl:4", "niamey-2024", "from-stdin"}


@pytest.mark.model
def test_relative_dates_resolve_against_the_lines_published_date(runs: Runs) -> None:
    (event,) = [r for r in _records(runs["corpus"].stdout) if r["doc_id"] == "mali-2022"]
    # "on Monday", published Tuesday 2022-08-16 (the line's date wins over --published).
    assert event["date"]["value"] == "2022-08-15"


# -- extract: bad inputs -------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(("where", "problem"), [
    ("empty.txt", "file is empty"),
    ("binary.txt", "binary file"),
    ("latin1.txt", "invalid UTF-8 at byte 24"),
    ("missing.txt", "file not found"),
    ("mixed.jsonl:2", "missing required field 'text'"),
    ("mixed.jsonl:3", "field 'published': '11/05/2024' is not a date"),
])
def test_bad_input_is_named_on_stderr(runs: Runs, where: str, problem: str) -> None:
    lines = runs["mixed"].stderr.splitlines()
    assert [line for line in lines if line.startswith(f"sitrep: {where}: {problem}")] != []


@pytest.mark.model
def test_bad_input_exits_3_after_counting_the_problems(runs: Runs) -> None:
    run = runs["mixed"]
    assert run.returncode == InputError.exit_code == 3
    assert run.stderr.splitlines()[-1] == (
        "sitrep: 6 input problem(s); other inputs were processed")


@pytest.mark.model
def test_good_inputs_next_to_bad_ones_are_still_processed(runs: Runs) -> None:
    doc_ids = {rec["doc_id"] for rec in _records(runs["mixed"].stdout)}
    assert doc_ids == {"good.txt", "ok-line", "after-bad"}


def test_unparseable_published_option_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run = sitrep("extract", "article.txt", "--published", "not-a-date", cwd=tmp_path)
    assert run.returncode == 2
    assert "Invalid value for '--published'" in run.stderr


# -- help ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "mentions"), [
    (["--help"], ["extract", "evaluate", "--config", "--version"]),
    (["extract", "--help"], ["--input", "--published", "--format", "--output",
                             "--input-format", "--model", "--min-confidence"]),
    (["evaluate", "--help"], ["--predictions", "--save", "--details", "--json"]),
], ids=["sitrep", "extract", "evaluate"])
def test_help_lists_the_options(tmp_path: Path, args: list[str], mentions: list[str]) -> None:
    run = sitrep(*args, cwd=tmp_path)
    assert run.returncode == 0
    assert [m for m in mentions if m not in run.stdout] == []


# -- evaluate ------------------------------------------------------------------------------------

@pytest.mark.model
def test_evaluate_json_prints_the_scores(runs: Runs) -> None:
    run = runs["evaluate"]
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert {"precision", "recall", "f1", "date_acc", "status_acc"} <= summary.keys()


@pytest.mark.model
def test_evaluate_counts_every_gold_event_once(runs: Runs) -> None:
    summary = json.loads(runs["evaluate"].stdout)
    assert summary["tp"] + summary["fn"] == 1
