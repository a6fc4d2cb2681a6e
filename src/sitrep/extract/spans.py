"""Per-document lookups computed once: a sentence's entities.

spaCy's `Span.ents` walks the whole document's entities on every call; the extractor asks
for a sentence's entities many times (mentions, places, dates, per trigger). This module
builds the table once per Doc and keeps it in `doc.user_data`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["doc_ents", "sentence_ents"]

_KEY = "sitrep.sentence_ents"


def _table(doc: Any) -> tuple[tuple[Any, ...], dict[int, tuple[Any, ...]]]:
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    ents = tuple(doc.ents)
    by_sent: dict[int, list[Any]] = {}
    starts = [s.start for s in doc.sents]
    n = 0
    for ent in ents:
        while n + 1 < len(starts) and starts[n + 1] <= ent.start:
            n += 1
        by_sent.setdefault(starts[n] if starts else 0, []).append(ent)
    table = (ents, {k: tuple(v) for k, v in by_sent.items()})
    doc.user_data[_KEY] = table
    return table


def sentence_ents(sent: Any) -> tuple[Any, ...]:
    """The entities of one sentence (as `sent.ents`, computed once per document)."""
    return _table(sent.doc)[1].get(sent.start, ())


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """All entities of a document (as `doc.ents`, computed once)."""
    return _table(doc)[0]
