"""Running `sitrep` for real, in a subprocess, for the robustness tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


def run_sitrep(*args: str, cwd: Path, env: dict[str, str] | None = None,
               **popen: Any) -> subprocess.CompletedProcess[str]:
    """Run `python -m sitrep ARGS` in `cwd`, without the caller's SITREP_* settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    return subprocess.run([sys.executable, "-m", "sitrep", *args], cwd=cwd,
                          env={**clean, "PYTHONIOENCODING": "utf-8", **(env or {})},
                          capture_output=True, text=True, encoding="utf-8", timeout=600,
                          check=False, stdin=subprocess.DEVNULL, **popen)


@pytest.fixture(scope="session")
def sitrep() -> Run:
    """`sitrep(*args, cwd=...)`: run the command for real; returns the finished process."""
    return run_sitrep
