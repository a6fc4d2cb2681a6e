"""bench/throughput.py runs end to end on a small stream: its figures and its JSON line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench_scripts import make_stream, run_bench


@pytest.mark.model
def test_throughput_bench_prints_its_figures_and_equal_events(tmp_path: Path) -> None:
    stream = make_stream(tmp_path / "stream.jsonl", articles=24, relevant=0.5)
    figures = run_bench("throughput.py", str(stream))
    assert figures["articles"] == 24
    assert set(figures["articles_per_s"]) == {"bare_spacy", "extract_no_first_pass",
                                              "extract_first_pass_only", "extract_first_pass"}
    extracted = [n for mode, n in figures["events"].items() if mode != "bare_spacy"]
    assert extracted[0] > 0 and len(set(extracted)) == 1  # every mode finds the same events
    assert 0 < figures["event_sentence_share"] <= figures["parsed_stream_share"] <= 1
    assert 0 < figures["evidence_share"] <= 1
    assert figures["speedup_first_pass"] > 0 and figures["peak_rss_mb"] > 0
