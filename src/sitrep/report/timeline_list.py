"""A timeline for people (text) and for machines (one JSON object per fact)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .lines import source_label

if TYPE_CHECKING:
    from ..knowledge import TimelineEntry

__all__ = ["render_timeline", "timeline_record"]


def timeline_record(entry: TimelineEntry) -> dict[str, Any]:
    """The fact's event record (docs/event-record.md), where the timeline places it
    (`timeline`: its own date, or its first report's publication, `reported`), and all its
    sources."""
    return {
        **entry.fact.event.to_dict(),
        "timeline": {"date": entry.moment.value, "reported": entry.moment.reported},
        "sources": [s.to_dict() for s in entry.fact.sources],
        "reports": entry.fact.reports,
    }


def _line(entry: TimelineEntry) -> str:
    ev = entry.fact.event
    when = entry.moment.value + (" (reported)" if entry.moment.reported else "")
    whom = ", ".join(c.code for c in ev.counterpart)
    text = f"{when:24s} {ev.kind} {ev.status}: {ev.actor.name} ({ev.actor.code})"
    if whom:
        text += f" -> {whom}"
    if ev.troops is not None:
        text += f"; {ev.troops:,} troops"
    if ev.place is not None:
        text += f"; at {ev.place.name}"
    if ev.agreement is not None:
        text += f"; {ev.agreement.name}"
    return text


def render_timeline(entries: Sequence[TimelineEntry], *, sentences: bool = True) -> str:
    """One line per fact in date order, then its sources (and supporting sentences)."""
    if not entries:
        return "no dated events known\n"
    out = []
    for entry in entries:
        out.append(_line(entry))
        for src in entry.fact.sources:
            out.append(f"    {source_label(src)}")
            if sentences:
                out += [f"      > {' '.join(e.text.split())}" for e in src.evidence]
    out.append(f"{len(entries)} event(s)")
    return "\n".join(out) + "\n"
