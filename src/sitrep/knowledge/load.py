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
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from pathlib import Path

from ..datafiles import packaged
from ..errors import InputError
from ..pipeline import Pipeline
from ..records import Article, Event
from ..settings import Settings
from ..store import Store, content_hash

__all__ = ["IngestReport", "extractor_fingerprint", "ingest_articles", "load_batch", "reprocess",
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


@lru_cache(maxsize=8)
def settings_fingerprint(settings: Settings) -> str:
    """`extractor_fingerprint` of the pipeline these settings would load, without loading it
    (a batch driver checks its manifest before any worker loads spaCy). Computed once per
    process and settings: the files it hashes do not change under a running process."""
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
    limit = pipeline.settings.max_article_chars
    for batch in _batches(_new_articles(store, items, report, progress, limit=limit),
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
                  progress: Callable[[int], None] | None, *, limit: int) -> Iterator[Article]:
    from ..ingest.limits import text_too_long

    seen: set[str] = set()  # the same text twice in one run
    for item in items:
        if not isinstance(item, InputError) and (long := text_too_long(item.text, limit=limit)):
            item = InputError(item.id, long)  # the parser would refuse it mid-batch
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


def load_batch(store: Store, folder: str | Path, *, source: str | None = None,
               chunk: int = 5000) -> IngestReport:
    """Bulk-load the output folder of `sitrep batch` into the store, without re-extracting.

    Each finished shard (a `part-` file with its `articles-` file) is stored through
    `Store.add_articles`, `chunk` articles per transaction, with the extractor fingerprint the
    batch recorded; articles already stored (same URL or text) are skipped, so loading twice
    adds nothing. Raises InputError for a folder with no partitions or an unreadable one.
    """
    from ..batch import articles_path

    root = Path(folder)
    parts = sorted(root.glob("part-*.parquet")) if root.is_dir() else []
    if not parts:
        raise InputError(str(root), "no batch partitions (part-*.parquet) here; "
                                    "write them with `sitrep batch --output`")
    report = IngestReport()
    before = store.counts()["events"]
    for part in parts:
        key = part.name.removeprefix("part-").removesuffix(".parquet")
        extractor, items = _batch_shard(articles_path(root, key), part)
        report.read += len(items)
        report.added += store.add_articles(items, extractor=extractor,
                                           source=source or str(root), chunk=chunk)
    report.duplicates = report.read - report.added
    report.events = store.counts()["events"] - before
    return report


def _batch_shard(articles_file: Path, part: Path) -> tuple[str, list[tuple[Article, list[Event]]]]:
    """The extractor and the (article, events) pairs of one batch shard."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        rows = pq.read_table(articles_file).to_pylist()
        records = pq.read_table(part, columns=["doc_id", "record"]).to_pylist()
        found: dict[str, list[Event]] = {}
        for row in records:
            found.setdefault(row["doc_id"], []).append(Event.from_dict(json.loads(row["record"])))
    except (OSError, pa.ArrowException, KeyError, TypeError, ValueError) as err:
        raise InputError(str(part), f"not a readable batch partition: {err}") from err
    items = [(Article(id=r["doc_id"], text=r["text"], published=r["published"], url=r["url"],
                      title=r["title"]), found.get(r["doc_id"], [])) for r in rows]
    extractor = rows[0]["extractor"] if rows else "batch"
    return str(extractor), items
