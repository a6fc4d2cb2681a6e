"""derive_state: the situation of one country on one date, folded from facts.

A pure function: no store, no clock, no files. The same facts in any order give the same
Situation. The rules are in docs/state.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from .agreements import fold_agreements
from .facts import Dated, Fact, date_facts
from .government import fold_government
from .obligations import fold_obligations
from .presence import fold_presence
from .situation import Situation

if TYPE_CHECKING:  # the state reads leaders' terms; it does not load the gazetteer
    from ..gazetteer.leaders import Leader

__all__ = ["derive_state", "fold_dated"]


def derive_state(facts: Iterable[Fact], country: str, *, as_of: date,
                 known_at: date | None = None, leaders: Iterable[Leader] = ()) -> Situation:
    """The situation of `country` on `as_of`, as known from sources published by `known_at`.

    `as_of` is the date in the world: an event counts when its own date (the start of it:
    "2024-05" counts from 2024-05-01), or for an undated event its first report, is on or
    before `as_of`, whenever it was reported. `known_at` is the analyst's date: only sources
    published on or before it are read (None: all of them). `leaders` (the terms of
    resources/gazetteer/leaders.tsv, `load_leaders().leaders`) name whom a coup ousted.
    """
    mine = (f for f in facts if f.event.actor.code == country
            or any(c.code == country for c in f.event.counterpart))
    return fold_dated(date_facts(mine, known_at=known_at), country, as_of=as_of,
                      known_at=known_at, leaders=leaders)


def fold_dated(seen: Sequence[Dated], country: str, *, as_of: date, known_at: date | None,
               leaders: Iterable[Leader] = ()) -> Situation:
    """`derive_state` from facts already dated (`date_facts` of the facts concerning
    `country`, as known at `known_at`): what a caller folding one country at many dates
    computes once."""
    past = [d for d in seen if d.effective <= as_of]
    presence = fold_presence(past, country)
    agreements = fold_agreements(seen, country, as_of=as_of)
    codes = {country, *(p.actor for p in presence),
             *(c for a in agreements for c in a.parties)}
    return Situation(
        country=country, as_of=as_of, known_at=known_at,
        names=_names(past, codes),
        presence=tuple(presence),
        agreements=tuple(agreements),
        government=fold_government(seen, country, as_of=as_of, leaders=leaders),
        obligations=tuple(fold_obligations(agreements)),
    )


def _names(dated: Iterable[Dated], codes: set[str]) -> tuple[tuple[str, str], ...]:
    """The name the events most often give each code (ties: alphabetical)."""
    seen: dict[str, Counter[str]] = {}
    for d in dated:
        for actor in (d.event.actor, *d.event.counterpart):
            if actor.code in codes and actor.name:
                seen.setdefault(actor.code, Counter())[actor.name] += 1
    return tuple(sorted(
        (code, min(names, key=lambda n: (-names[n], n))) for code, names in seen.items()))
