"""Running the bench/ scripts from their tests (tests/bench/): a generated stream, and a
script's last line of JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1] / "bench"


def make_stream(out: Path, *, articles: int, relevant: float, seed: int = 5) -> Path:
    """Write a stream with bench/make_stream.py; its path."""
    subprocess.run([sys.executable, str(BENCH / "make_stream.py"), "--articles", str(articles),
                    "--relevant", str(relevant), "--seed", str(seed), "--out", str(out)],
                   check=True, capture_output=True)
    return out


def run_bench(script: str, *args: str, cwd: Path | None = None) -> dict[str, Any]:
    """Run a bench script; the JSON object its last line prints."""
    done = subprocess.run([sys.executable, str(BENCH / script), *args], check=True,
                          capture_output=True, text=True, timeout=900, cwd=cwd)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
