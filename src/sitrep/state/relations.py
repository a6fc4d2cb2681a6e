"""Who is tied to whom on one date: the situations of several countries as nodes and edges.

A presence is an edge from the sending actor to the host; an agreement is an edge between
each pair of its parties. The web pages draw it as a graph (sitrep.web.graph) and the JSON API
serves `Relations.to_dict()`. Pure and deterministic: the same situations give the same value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any, Literal

from ..errors import InputError
from .facts import Source
from .moments import Moment
from .situation import Agreement, Presence, Situation

__all__ = ["RelationEdge", "RelationNode", "Relations", "presence_label", "relations"]

#: words for a presence status in an edge's label
_WORDS = {"present": "present", "withdrawal_planned": "withdrawal planned",
          "withdrawing": "withdrawing", "ended": "ended"}


@dataclass(frozen=True, slots=True)
class RelationNode:
    """A state or an organisation that some edge ties to another."""

    code: str
    name: str
    kind: Literal["state", "organisation"]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON."""
        return {"code": self.code, "name": self.name, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class RelationEdge:
    """A presence (`source`: the actor, `target`: the host) or an agreement between two of its
    parties (`source` < `target`); `since`/`until` are Moment values as the sources gave them."""

    kind: Literal["presence", "agreement"]
    source: str
    target: str
    status: str
    label: str
    since: str | None
    until: str | None
    doc_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON."""
        return {"kind": self.kind, "source": self.source, "target": self.target,
                "status": self.status, "label": self.label, "since": self.since,
                "until": self.until, "doc_ids": list(self.doc_ids)}


@dataclass(frozen=True, slots=True)
class Relations:
    """The relations on `as_of`, from what was published by `known_at` (None: all)."""

    as_of: date
    known_at: date | None
    nodes: tuple[RelationNode, ...]
    edges: tuple[RelationEdge, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: dates as ISO strings, tuples as lists."""
        return {"as_of": self.as_of.isoformat(),
                "known_at": self.known_at.isoformat() if self.known_at else None,
                "nodes": [n.to_dict() for n in self.nodes],
                "edges": [e.to_dict() for e in self.edges]}


def _value(m: Moment | None) -> str | None:
    return m.value if m is not None else None


def _doc_ids(sources: Iterable[Source]) -> tuple[str, ...]:
    return tuple(sorted({s.doc_id for s in sources}))


def presence_label(p: Presence) -> str:
    """Short words: "present since 2023-12", "withdrawal planned since 2024-05", "ended 2024-09"."""
    if p.status == "ended":
        return f"ended {p.until.value}" if p.until else "ended"
    when = p.since if p.status == "present" else p.status_since or p.since
    return f"{_WORDS[p.status]} since {when.value}" if when else _WORDS[p.status]


def _presence_edge(p: Presence) -> RelationEdge:
    return RelationEdge("presence", p.actor, p.host, p.status, presence_label(p),
                        _value(p.since), _value(p.until), _doc_ids(p.sources))


def _agreement_edges(a: Agreement, doc_ids: tuple[str, ...]) -> list[RelationEdge]:
    status = "in_force" if a.in_force else "ended"
    label = a.name or "unnamed agreement"
    return [RelationEdge("agreement", x, y, status, label, _value(a.signed), _value(a.ended),
                         doc_ids)
            for x, y in combinations(sorted(set(a.parties)), 2)]


def _check_dates(situations: list[Situation], as_of: date, known_at: date | None) -> None:
    for s in situations:
        if (s.as_of, s.known_at) != (as_of, known_at):
            raise InputError(f"situation of {s.country}",
                             f"it is as of {s.as_of} known at {s.known_at}, not as of {as_of} "
                             f"known at {known_at}: derive every situation for the same dates")


def _names(situations: list[Situation]) -> dict[str, str]:
    """Each code's name: the first situation (by country) naming it other than by its code."""
    names: dict[str, str] = {}
    for s in situations:
        for code, name in s.names:
            if name and name != code:
                names.setdefault(code, name)
    return names


def relations(situations: Iterable[Situation], *, as_of: date, known_at: date | None = None,
              ended: bool = False) -> Relations:
    """The presences and agreements of `situations` (all derived for `as_of` and `known_at`)
    as a graph: one edge per presence, one per pair of an agreement's parties.

    An agreement appears in every party's situation and counts once (by its sorted parties,
    name and signing date; the sources of its copies are pooled). Ended presences and
    agreements are left out unless `ended`. A situation for other dates raises InputError.
    """
    sits = sorted(situations, key=lambda s: s.country)
    _check_dates(sits, as_of, known_at)
    presences: dict[tuple[str, str, str | None, str | None], RelationEdge] = {}
    agreements: dict[tuple[tuple[str, ...], str | None, str | None], list[Agreement]] = {}
    for s in sits:
        for p in s.presence:
            if ended or p.current:
                edge = _presence_edge(p)
                presences.setdefault((p.actor, p.host, edge.since, edge.until), edge)
        for a in s.agreements:
            if ended or a.in_force:
                key = (tuple(sorted(set(a.parties))), a.name, _value(a.signed))
                agreements.setdefault(key, []).append(a)
    edges = list(presences.values())
    for copies in agreements.values():
        edges += _agreement_edges(copies[0], _doc_ids(x for a in copies for x in a.sources))
    edges.sort(key=lambda e: (e.kind, e.source, e.target, e.since or "", e.label, e.status,
                              e.until or ""))
    from ..export.rows import is_state  # deferred: export imports state; reads the gazetteer

    names = _names(sits)
    codes = sorted({c for e in edges for c in (e.source, e.target)})
    nodes = tuple(RelationNode(c, names.get(c, c), "state" if is_state(c) else "organisation")
                  for c in codes)
    return Relations(as_of, known_at, nodes, tuple(edges))
