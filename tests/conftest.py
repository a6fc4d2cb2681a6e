"""Shared fixtures. Tiers: tests that need the spaCy model are marked `model`; all run in CI."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DIR = Path(__file__).parent / "gold"

# The built city index is cached in a folder of the session's own (inherited by the CLI
# subprocesses), never in the user's ~/.cache/sitrep.
_CACHE = tempfile.TemporaryDirectory(prefix="sitrep-test-cache-")
os.environ["SITREP_CACHE_DIR"] = _CACHE.name


@pytest.fixture(scope="session")
def pipeline() -> Any:
    """The English pipeline, loaded once for the whole test session."""
    from sitrep import Settings, load_pipeline

    return load_pipeline(Settings.resolve(env={}))


@pytest.fixture(scope="session")
def event_schema() -> dict[str, Any]:
    from importlib import resources

    ref = resources.files("sitrep") / "resources" / "schema" / "event.json"
    return json.loads(ref.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def fresh_pg() -> Callable[[], str]:
    """A function that empties the PostgreSQL test database and returns its URL.

    The server comes from SITREP_TEST_PG (`.ci/run` starts one; so can
    `eval "$(bash .ci/postgres start)"`). Without it the test is skipped, unless
    SITREP_REQUIRE_PG is set (as in CI), where a missing server is a failure.
    """
    url = os.environ.get("SITREP_TEST_PG")
    if not url:
        if os.environ.get("SITREP_REQUIRE_PG"):
            pytest.fail("SITREP_REQUIRE_PG is set but SITREP_TEST_PG names no server")
        pytest.skip("no PostgreSQL server: set SITREP_TEST_PG (bash .ci/postgres start)")

    def fresh() -> str:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        return url

    return fresh


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's address: a SQLite file in tmp_path, or the emptied PostgreSQL test
    database (one test of each)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("fresh_pg")()
    return url
