"""The demo: the packaged Sahel corpus into a store, and the dates its report is shown at."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..datafiles import packaged
from ..pipeline import Pipeline
from ..store import Store
from .load import IngestReport, ingest_articles, reprocess

__all__ = ["DEMO_COUNTRY", "DEMO_DATES", "build_demo", "demo_corpus"]

DEMO_COUNTRY = "NER"
#: before the coup; French exit under way; US exit ordered; US gone; the year after
DEMO_DATES = (date(2023, 6, 1), date(2023, 10, 15), date(2024, 5, 11), date(2024, 10, 1),
              date(2025, 6, 1))


def demo_corpus() -> Path:
    """The packaged demo corpus (resources/demo/corpus.jsonl; README.md beside it)."""
    return packaged("demo", "corpus.jsonl")


def build_demo(store: Store, *, pipeline: Pipeline,
               progress: Callable[[int], None] | None = None) -> IngestReport:
    """Ingest the demo corpus into `store` (a no-op for articles already there) and
    re-extract stored demo articles read by older rules."""
    from ..ingest import read_source

    report = ingest_articles(store, read_source(demo_corpus()), pipeline=pipeline,
                             source="sitrep demo corpus", progress=progress)
    reprocess(store, pipeline=pipeline, progress=progress)
    return report
