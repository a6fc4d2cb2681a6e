"""Shared fixtures. Tiers: tests that need the spaCy model are marked `model`; all run in CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DIR = Path(__file__).parent / "gold"


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


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
