"""Loading the store: articles in, events extracted, duplicates skipped; re-extraction.

    report = ingest_articles(store, articles, pipeline=pipe)
    redone = reprocess(store, pipeline=pipe)

An article already stored (same URL, or the same text) is skipped before it is parsed, so
re-ingesting a corpus costs little and changes nothing. Each article is stored with its
events in one transaction; a crash loses at most the articles not yet committed, and a
re-run stores exactly those.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from pathlib import Path

from ..datafiles import packaged
from ..errors import InputError
from ..pipeline import Pipeline
from ..records import Article
from ..settings import Settings
from ..store import Store, content_hash

__all__ = ["IngestReport", "extractor_fingerprint", "ingest_articles", "reprocess",
           "settings_fingerprint"]

#: what extraction depends on besides the settings: the code and data of these folders
_CODE = ("extract", "nlp", "gazetteer")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles read, added, skipped as already stored, events stored."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.read} article(s) read: {self.added} added with {self.events} event(s), "
                f"{self.duplicates} already stored, {len(self.problems)} problem(s)")


def extractor_fingerprint(pipeline: Pipeline) -> str:
    """A hash of everything that decides what extraction gives: sitrep's version, the model,
    the settings that filter events, and the code and data files of extraction."""
    return settings_fingerprint(pipeline.settings)


def settings_fingerprint(settings: Settings) -> str:
    """`extractor_fingerprint` of the pipeline these settings would load, without loading it
    (a batch driver checks its manifest before any worker loads spaCy)."""
    h = hashlib.sha256()
    try:
        h.update(version("sitrep").encode())
    except PackageNotFoundError:  # running from a source tree
        h.update(b"source")
    h.update(f"{settings.model_en}|{settings.lang}|{settings.min_confidence}".encode())
    root = Path(__file__).parents[1]
    files = [p for folder in _CODE for p in sorted((root / folder).rglob("*.py"))]
    data = [packaged("rules", settings.lang), packaged("lexicons", settings.lang),
            packaged("gazetteer"), packaged("ontology.yaml")]
    for path in data:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir()
                     else [path])
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def ingest_articles(store: Store, items: Iterable[Article | InputError], *,
                    pipeline: Pipeline, source: str | None = None,
                    progress: Callable[[int], None] | None = None) -> IngestReport:
    """Extract and store every new article of `items`; InputErrors are collected, not raised.

    Articles are parsed in batches (`settings.batch_size`) and each is committed with its
    events as soon as it is extracted. `progress(n)` is called with the articles done.
    """
    report = IngestReport()
    fingerprint = extractor_fingerprint(pipeline)
    for batch in _batches(_new_articles(store, items, report, progress),
                          pipeline.settings.batch_size):
        for article, found in pipeline.extract_many(batch):
            if store.add_article(article, found, extractor=fingerprint, source=source):
                report.added += 1
                report.events += len({ev.id for ev in found})
            else:  # a concurrent ingest stored it first
                report.duplicates += 1
            if progress:
                progress(1)
    return report


def _new_articles(store: Store, items: Iterable[Article | InputError], report: IngestReport,
                  progress: Callable[[int], None] | None) -> Iterator[Article]:
    seen: set[str] = set()  # the same text twice in one run
    for item in items:
        if isinstance(item, InputError):
            report.problems.append(item)
            continue
        report.read += 1
        digest = content_hash(item.text)
        if digest in seen or (item.url and item.url in seen) \
                or store.find_article(url=item.url, digest=digest) is not None:
            report.duplicates += 1
            if progress:
                progress(1)
            continue
        seen.add(digest)
        if item.url:
            seen.add(item.url)
        free = store.free_id(item.id, digest)
        yield item if free == item.id else replace(item, id=free)


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(articles, max(1, size))):
        yield batch


def reprocess(store: Store, *, pipeline: Pipeline, everything: bool = False,
              progress: Callable[[int], None] | None = None) -> int:
    """Re-extract the stored articles whose extractor differs from this one (all of them with
    `everything`); each article's events are swapped in one transaction. Returns how many."""
    fingerprint = extractor_fingerprint(pipeline)
    stale = (s.article for s in store.stored_articles(
        except_extractor=None if everything else fingerprint))
    done = 0
    for batch in _batches(stale, pipeline.settings.batch_size):
        for article, found in pipeline.extract_many(batch):
            store.replace_events(article.id, found, extractor=fingerprint)
            done += 1
            if progress:
                progress(1)
    return done
