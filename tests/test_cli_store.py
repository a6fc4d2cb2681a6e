"""`sitrep ingest`, `reprocess`, `report`, `timeline`, `export` and `demo`, run for real.

One module store is filled by one `sitrep ingest` run (the model loads once); the reading
commands then run against it, each in its own subprocess (they load no model).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sitrep.knowledge.demo import demo_corpus

pytestmark = pytest.mark.model


def sitrep(*args: str, cwd: Path | None = None, stdin: str | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True,
                          text=True, cwd=cwd, input=stdin, timeout=300,
                          env={**os.environ, **(env or {}), "PYTHONIOENCODING": "utf-8"})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of Niger articles from the demo corpus: most as one JSONL file, two as
    text files in a subfolder, and one file sitrep does not read."""
    folder = tmp_path_factory.mktemp("corpus")
    rows = [json.loads(line) for line in demo_corpus().read_text(encoding="utf-8").splitlines()
            if line.strip()]
    niger = [r for r in rows if "Niger" in r["text"]][:14]
    (folder / "wire.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in niger[:-2]), encoding="utf-8")
    (folder / "briefs").mkdir()
    for r in niger[-2:]:
        (folder / "briefs" / f"{r['id']}.txt").write_text(r["title"] + "\n\n" + r["text"],
                                                           encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return folder


@pytest.fixture(scope="module")
def db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "team.db"
    run = sitrep("ingest", str(corpus), "--db", str(path), "--published", "2024-06-01")
    assert run.returncode == 0, run.stderr
    assert "14 article(s) read: 14 added" in run.stderr
    return path


def test_ingesting_again_adds_nothing(db: Path, corpus: Path) -> None:
    run = sitrep("ingest", str(corpus), "--db", str(db), "--published", "2024-06-01")
    assert run.returncode == 0, run.stderr
    assert "0 added" in run.stderr and "14 already stored" in run.stderr


def test_a_bad_input_is_reported_and_the_rest_stored(tmp_path: Path, corpus: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Niger and Russia signed a defence pact on Monday.", '
                   '"published": "2024-01-10"}\n{not json\n', encoding="utf-8")
    run = sitrep("ingest", str(bad), "--db", str(tmp_path / "s.db"))
    assert run.returncode == 3
    assert "bad.jsonl:2" in run.stderr
    assert "1 added" in run.stderr


def test_report_json_follows_its_schema(db: Path) -> None:
    from importlib import resources

    run = sitrep("report", "Niger", "--as-of", "2024-05-11", "--format", "json", "--db",
                 str(db))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    schema = json.loads((resources.files("sitrep") / "resources" / "schema" /
                         "situation.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(data)
    assert data["country"] == "NER" and data["as_of"] == "2024-05-11"
    assert "USA" in {p["actor"] for p in data["presence"] if p["status"] != "ended"}


@pytest.mark.parametrize(("fmt", "expect"), [("text", "Niger as of 2024-05-11"),
                                             ("markdown", "# Niger as of 2024-05-11")])
def test_report_for_people(db: Path, fmt: str, expect: str) -> None:
    run = sitrep("report", "NER", "--as-of", "2024-05-11", "--format", fmt, "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert expect in run.stdout
    assert "Foreign forces present" in run.stdout


def test_report_known_at_limits_sources(db: Path) -> None:
    run = sitrep("report", "NER", "--as-of", "2024-10-01", "--known-at", "2023-09-01",
                 "--format", "json", "--db", str(db))
    data = json.loads(run.stdout)
    published = [s["published"] for p in data["presence"] for s in p["sources"]]
    assert published and max(published) <= "2023-09-01"


def test_report_writes_a_file_atomically(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "niger.md"
    run = sitrep("report", "NER", "--as-of", "2024-05-11", "--format", "markdown", "-o",
                 str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("# Niger")
    assert [p.name for p in tmp_path.iterdir()] == ["niger.md"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["report", "Atlantis", "--as-of", "2024-01-01"], 2, "'Atlantis' is not a country"),
    (["report", "NER", "--as-of", "2024-13-01"], 2, "is not a date"),
    (["timeline"], 2, "give a COUNTRY, --actor, or both"),
])
def test_bad_options_are_usage_errors(db: Path, args: list[str], code: int,
                                      message: str) -> None:
    run = sitrep(*args, "--db", str(db))
    assert run.returncode == code
    assert message in run.stderr


def test_reading_a_missing_database_is_a_store_error(tmp_path: Path) -> None:
    run = sitrep("report", "NER", "--db", str(tmp_path / "none.db"))
    assert run.returncode == 7
    assert "no database at" in run.stderr
    assert not (tmp_path / "none.db").exists()


def test_timeline_text_and_jsonl(db: Path) -> None:
    text = sitrep("timeline", "NER", "--actor", "USA", "--db", str(db))
    assert text.returncode == 0, text.stderr
    assert "United States (USA) -> NER" in text.stdout
    lines = sitrep("timeline", "NER", "--format", "jsonl", "--db", str(db)).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    dates = [r["timeline"]["date"] for r in records]
    assert dates == sorted(dates, key=lambda d: d[:10])
    assert all(r["sources"] for r in records)


def test_export_csv_has_acled_columns(db: Path) -> None:
    run = sitrep("export", "--format", "csv", "--country", "NER", "--db", str(db))
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows
    for column in ("event_date", "time_precision", "actor1", "actor2", "country", "location",
                   "latitude", "longitude", "geo_precision", "notes", "source"):
        assert column in rows[0]


@pytest.mark.parametrize("fmt", ["parquet", "geojson", "graphml", "jsonl"])
def test_export_formats_write_files(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    run = sitrep("export", "--format", fmt, "-o", str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 0
    assert "exported" in run.stderr


def test_reprocess_after_new_rules(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    run = sitrep("reprocess", "--db", str(copy))
    assert run.returncode == 0, run.stderr
    assert "re-extracted 0 article(s)" in run.stderr
    run = sitrep("reprocess", "--all", "--db", str(copy))
    assert "re-extracted 14 article(s)" in run.stderr


@pytest.mark.slow
def test_demo_builds_and_reports_niger(tmp_path: Path) -> None:
    run = sitrep("demo", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "sitrep-demo.db").exists()
    for day in ("2023-06-01", "2024-05-11", "2025-06-01"):
        assert f"Niger as of {day}" in run.stdout
    assert "Going further" in run.stdout
    again = sitrep("demo", cwd=tmp_path)
    assert "0 added" in again.stderr
    assert again.stdout == run.stdout




def test_the_store_can_be_named_by_the_environment(db: Path, tmp_path: Path) -> None:
    run = sitrep("timeline", "NER", "--kind", "coup", cwd=tmp_path,
                 env={"SITREP_DB": str(db)})
    assert run.returncode == 0, run.stderr
    assert "coup completed: Niger (NER)" in run.stdout
    assert not (tmp_path / "sitrep.db").exists()
