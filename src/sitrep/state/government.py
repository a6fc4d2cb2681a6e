"""Government: since when, and how, the people in power hold it (today: after a coup).

Many articles mention a coup long after it happened, often undated. Reports are grouped into
coups first: dated reports within a month of each other are one coup (outlets disagree by a
day; "2023-07" holds "2023-07-26"), and an undated report belongs to the latest coup dated on
or before its publication. The latest coup sets the government.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from .facts import Dated, merge_sources
from .moments import Moment
from .situation import Government

if TYPE_CHECKING:  # the state reads leaders' terms; it does not load the gazetteer
    from ..gazetteer.leaders import Leader

__all__ = ["fold_government"]


def _best(members: list[Dated]) -> Moment:
    """An event date over a publication date; then the most precise; then the one most
    sources give; then the earliest."""
    support = Counter(d.moment for d in members)
    return min(support, key=lambda m: (m.reported, m.days, -support[m], m.start))


def _coups(reports: Sequence[Dated]) -> list[list[Dated]]:
    """Reports grouped into coups, each group's first member its most precise dated report."""
    coups: list[list[Dated]] = []
    dated = sorted((d for d in reports if not d.moment.reported),
                   key=lambda d: (d.moment.days, d.moment.start, d.tiebreak))
    for d in dated:
        near = [c for c in coups if d.moment.near(c[0].moment)]
        if near:
            max(near, key=lambda c: c[0].moment.start).append(d)
        else:
            coups.append([d])
    undated: list[Dated] = []
    for d in sorted((d for d in reports if d.moment.reported),
                    key=lambda d: (d.moment.start, d.tiebreak)):
        before = [c for c in coups if c[0].moment.start <= d.moment.start]
        near = [c for c in coups if d.moment.near(c[0].moment)]
        if before or near:
            max(before or near, key=lambda c: c[0].moment.start).append(d)
        else:
            undated.append(d)  # all undated reports with no dated coup before: one coup
    if undated:
        coups.append(undated)
    return coups


#: the terms whose end a coup can be: heads of state, and juntas overthrown in turn
_RULERS = ("head_of_state", "junta_leader")
#: a ruler whose term ended this many days after the coup's day was the one it ousted (the
#: table dates the end by the formal removal, often a day or two after the takeover)
_OUSTED_DAYS = 7


def ousted(country: str, since: Moment, leaders: Iterable[Leader]) -> str | None:
    """Who a coup on `since` ousted: the ruler of `country` whose term ended on that day or
    within `_OUSTED_DAYS` after it (resources/gazetteer/leaders.tsv). None when the coup's day
    is not known, or no term, or two, fit."""
    if since.reported or since.days != 1:
        return None
    day = since.start
    fits = {lead.name for lead in leaders
            if lead.code == country and lead.role in _RULERS and lead.end is not None
            and lead.first_day < day and 0 <= (lead.last_day - day).days <= _OUSTED_DAYS}
    return fits.pop() if len(fits) == 1 else None


def fold_government(dated: Sequence[Dated], country: str, *, as_of: date,
                    leaders: Iterable[Leader] = ()) -> Government | None:
    """The government of `country` on `as_of`, set by the latest coup dated by then.

    `dated` is every known report, not only those up to `as_of`: reports are grouped into coups
    first, and each coup is dated by its best report ("2023-07" and "2023-07-26" are the coup
    of 26 July, which has not happened on 20 July). Plotted or planned coups set nothing.
    `ousted` comes from `leaders` (see `ousted`); without them it is null.
    """
    reports = [d for d in dated if d.event.kind == "coup" and d.event.actor.code == country
               and d.event.status != "planned"]
    coups = [c for c in _coups(reports) if _best(c).start <= as_of]
    if not coups:
        return None
    latest = max(coups, key=lambda c: (_best(c).start, min(d.tiebreak for d in c)))
    since = _best(latest)
    return Government(since=since, how="coup", ousted=ousted(country, since, leaders),
                      sources=merge_sources(d.sources for d in latest))
