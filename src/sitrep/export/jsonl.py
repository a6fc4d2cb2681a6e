"""Facts as JSON Lines: the public event record of each fact, with every source reporting it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from ..state import Fact

__all__ = ["fact_record", "write_jsonl"]


def fact_record(fact: Fact) -> dict[str, Any]:
    """The event record of the fact's representative event (docs/event-record.md), plus
    `sources`: one object per article that reported it."""
    return {**fact.event.to_dict(), "sources": [s.to_dict() for s in fact.sources]}


def write_jsonl(facts: Iterable[Fact], *, out: BinaryIO) -> int:
    """Write one JSON object per fact and line (UTF-8); return the lines written."""
    count = 0
    for fact in facts:
        line = json.dumps(fact_record(fact), ensure_ascii=False) + "\n"
        out.write(line.encode("utf-8"))
        count += 1
    return count
