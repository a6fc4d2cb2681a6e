"""bench/throughput.py runs end to end on a small stream: its figures and its JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.model
def test_throughput_bench_prints_its_figures_and_equal_events(tmp_path: Path) -> None:
    stream = tmp_path / "stream.jsonl"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_stream.py"), "--articles", "24",
                    "--relevant", "0.5", "--out", str(stream)], check=True, capture_output=True)
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "throughput.py"), str(stream)],
                          check=True, capture_output=True, text=True, timeout=600)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 24
    assert set(figures["articles_per_s"]) == {"bare_spacy", "extract_no_first_pass",
                                              "extract_first_pass_only", "extract_first_pass"}
    extracted = [n for mode, n in figures["events"].items() if mode != "bare_spacy"]
    assert extracted[0] > 0 and len(set(extracted)) == 1  # every mode finds the same events
    assert 0 < figures["event_sentence_share"] <= figures["parsed_stream_share"] <= 1
    assert 0 < figures["evidence_share"] <= 1
    assert figures["speedup_first_pass"] > 0 and figures["peak_rss_mb"] > 0
