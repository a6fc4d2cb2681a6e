"""One event per real-world event per article: merge repeated mentions, keep every sentence.

Two candidates are the same event when kind, actor, counterparts and status agree and their
dates are compatible (one unknown, or one a prefix of the other: "2024-05" and "2024-05-08").
A separately dated episode (a new rotation, another base handed over) stays its own event
(GUIDELINES rule 1). The merged event keeps the most precise date, the first troop count and
place found, all evidence sentences in text order, and the highest confidence, raised a little
for each extra independent sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..records import DateValue, Event, Evidence, Plover

__all__ = ["merge_events", "settle_presence"]

#: words in a completed withdrawal's sentence that say the whole presence is gone.
_FINAL = re.compile(r"\b(last|all|entire|whole|complet\w*|final\w*|ended|ending|end of)\b",
                    re.IGNORECASE)

_AGREEMENTS = frozenset({"agreement_signed", "agreement_ended"})
#: words in a presence's own sentence that say it goes on despite a withdrawal ("about two
#: dozen US soldiers remain in Niamey", "still keep small contingents").
_STAYING = re.compile(r"\b(remains?|still|stays?)\b", re.IGNORECASE)


def _key(ev: Event) -> tuple[object, ...]:
    codes = frozenset(c.code for c in ev.counterpart)
    if ev.kind in _AGREEMENTS:
        return (ev.kind, frozenset({ev.actor.code}) | codes)
    return (ev.kind, ev.actor.code, codes)


def _same_place(a: Event, b: Event) -> bool:
    """Two located steps of a withdrawal ("handed over Air Base 101", "... Air Base 201") are
    different events (GUIDELINES rule 1); an unlocated mention may belong to either. A
    presence stays one deploy wherever its forces are."""
    if a.kind != "withdraw" or (a.place is None and b.place is None):
        return True
    if a.place is None or b.place is None:
        # a base handed over is one step; an unlocated withdrawal ("the withdrawal ... is
        # complete") is the whole process, stated separately
        located = a.place or b.place
        return located is None or located.kind != "site"
    return a.place.name == b.place.name


def _compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def _finer(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a.value) >= len(b.value) else b


def _combine(a: Event, b: Event) -> Event:
    evidence: dict[tuple[int, int], Evidence] = {(e.start, e.end): e for e in a.evidence}
    for e in b.evidence:
        evidence.setdefault((e.start, e.end), e)
    extra = len(evidence) - len(a.evidence)
    return replace(
        a,
        date=_finer(a.date, b.date),
        troops=a.troops if a.troops is not None else b.troops,
        place=a.place if a.place is not None and (b.place is None or a.place.kind == "site"
                                                  or b.place.kind != "site") else b.place,
        agreement=a.agreement or b.agreement,
        evidence=tuple(evidence[k] for k in sorted(evidence)),
        confidence=min(0.99, max(a.confidence, b.confidence) + 0.03 * extra),
        id="",
    )


def merge_events(events: list[Event]) -> list[Event]:
    """Merge candidates of one article; the result is in order of first evidence."""
    merged: list[Event] = []
    for ev in sorted(events, key=lambda e: (e.evidence[0].start if e.evidence else 0)):
        for n, kept in enumerate(merged):
            if _key(kept) == _key(ev) and kept.status == ev.status and \
                    _compatible(kept.date, ev.date) and _same_place(kept, ev):
                merged[n] = _combine(kept, ev)
                break
        else:
            merged.append(ev)
    return [replace(e, id="") for e in merged]


def settle_presence(events: list[Event], *, plover: Callable[[str, str], Plover]) -> list[Event]:
    """A presence the same article reports fully withdrawn is a presence that has ended.

    "The last French soldiers stationed in Niger left on Friday": the deployment is completed,
    not ongoing (GUIDELINES rule 2) — unless its own sentence says some forces stay ("two
    dozen soldiers remain in Niamey"). Runs after merging; merges again what now coincides.
    """
    gone = {
        (e.actor.code, e.counterpart[0].code)
        for e in events
        if e.kind == "withdraw" and e.status == "completed" and e.counterpart
        and any(_FINAL.search(ev.text) for ev in e.evidence)
    }
    if not gone:
        return events
    settled = [
        replace(e, status="completed", plover=plover(e.kind, "completed"), id="")
        if e.kind == "deploy" and e.status == "ongoing" and e.counterpart
        and (e.actor.code, e.counterpart[0].code) in gone
        and not any(_STAYING.search(ev.text) for ev in e.evidence) else e
        for e in events
    ]
    return merge_events(settled)
