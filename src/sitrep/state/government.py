"""Government: since when, and how, the people in power hold it (today: after a coup).

Many articles mention a coup long after it happened, often undated. Reports are grouped into
coups first: dated reports within a month of each other are one coup (outlets disagree by a
day; "2023-07" holds "2023-07-26"), and an undated report belongs to the latest coup dated on
or before its publication. The latest coup sets the government.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from .facts import Dated, merge_sources
from .moments import Moment
from .situation import Government

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


def fold_government(dated: Sequence[Dated], country: str, *, as_of: date) -> Government | None:
    """The government of `country` on `as_of`, set by the latest coup dated by then.

    `dated` is every known report, not only those up to `as_of`: reports are grouped into coups
    first, and each coup is dated by its best report ("2023-07" and "2023-07-26" are the coup
    of 26 July, which has not happened on 20 July). Plotted or planned coups set nothing.
    `ousted` stays null until events carry the leader.
    """
    reports = [d for d in dated if d.event.kind == "coup" and d.event.actor.code == country
               and d.event.status != "planned"]
    coups = [c for c in _coups(reports) if _best(c).start <= as_of]
    if not coups:
        return None
    latest = max(coups, key=lambda c: (_best(c).start, min(d.tiebreak for d in c)))
    return Government(since=_best(latest), how="coup", ousted=None,
                      sources=merge_sources(d.sources for d in latest))
