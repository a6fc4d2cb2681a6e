"""bench/batch_scaling.py runs end to end on a small stream: cold, warm and plain runs, the
same articles and events in each, and its JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.model
def test_batch_scaling_bench_prints_its_figures(tmp_path: Path) -> None:
    stream = tmp_path / "stream.jsonl"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_stream.py"), "--articles", "12",
                    "--relevant", "0.5", "--out", str(stream)], check=True, capture_output=True)
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "batch_scaling.py"), str(stream),
                           "--shards", "2"], check=True, capture_output=True, text=True,
                          timeout=900, cwd=tmp_path)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    runs = [*figures["runs"], *figures["warm_runs"], *figures["plain_runs"]]
    assert [r["workers"] for r in runs] == [1, 2] * 3
    assert {r["articles"] for r in runs} == {12}
    assert len({r["events"] for r in runs if "events" in r}) == 1
    assert all(r["peak_rss_mb_per_worker"] > 0 for r in runs)
    for key in ("speedup", "speedup_warm", "speedup_plain"):
        assert figures[key] > 0
    assert figures["warm_vs_plain"] == pytest.approx(
        figures["speedup_warm"] / figures["speedup_plain"], abs=0.01)
