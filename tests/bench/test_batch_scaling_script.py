"""bench/batch_scaling.py runs end to end on a small stream: cold, warm and plain runs, the
same articles and events in each, and its JSON line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench_scripts import make_stream, run_bench


@pytest.mark.model
def test_batch_scaling_bench_prints_its_figures(tmp_path: Path) -> None:
    stream = make_stream(tmp_path / "stream.jsonl", articles=12, relevant=0.5)
    figures = run_bench("batch_scaling.py", str(stream), "--shards", "2", cwd=tmp_path)
    runs = [*figures["runs"], *figures["warm_runs"], *figures["plain_runs"]]
    assert [r["workers"] for r in runs] == [1, 2] * 3
    assert {r["articles"] for r in runs} == {12}
    assert len({r["events"] for r in runs if "events" in r}) == 1
    assert all(r["peak_rss_mb_per_worker"] > 0 for r in runs)
    for key in ("speedup", "speedup_warm", "speedup_plain"):
        assert figures[key] > 0
    assert figures["warm_vs_plain"] == pytest.approx(
        figures["speedup_warm"] / figures["speedup_plain"], abs=0.01)
