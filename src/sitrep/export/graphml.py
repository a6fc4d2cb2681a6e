"""Facts as a network: who acted on whom, a GraphML MultiDiGraph for Gephi, yEd or networkx.

GraphML keys get one plain type each (string, int, boolean), and a missing value is an absent
attribute, never an empty or None one: Gephi rejects a key typed two ways or a None value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, BinaryIO

from ..records import Actor
from ..state import Fact
from .rows import fact_row, is_state

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["fact_graph", "write_graphml"]


def _add_node(graph: nx.MultiDiGraph, actor: Actor) -> None:
    if actor.code in graph:  # the first name seen for a code stays
        return
    kind = "state" if is_state(actor.code) else "organisation"
    graph.add_node(actor.code, label=actor.name, name=actor.name, type=kind)


def _edge_attributes(fact: Fact) -> dict[str, Any]:
    row = fact_row(fact)
    attrs: dict[str, Any] = {
        "label": row.event_type, "kind": row.event_type, "status": row.sub_event_type,
        "date": row.event_date, "date_reported": row.date_reported, "event_id": row.event_id,
        "troops": row.troops, "sources": row.source_count, "place": row.location,
        "plover_type": row.plover_type,
    }
    return {k: v for k, v in attrs.items() if v is not None}


def fact_graph(facts: Iterable[Fact]) -> nx.MultiDiGraph:
    """A MultiDiGraph of actor codes with one edge per fact from actor to each counterpart.

    A fact without counterparts (a coup) adds its actor's node only; a counterpart that is the
    actor itself adds no edge (no self-loops). Edge keys are `<event_id>:<counterpart code>`,
    unique in the file as GraphML wants of edge ids.
    """
    import networkx as nx  # deferred: importing sitrep must stay light

    graph = nx.MultiDiGraph()
    for fact in facts:
        ev = fact.event
        _add_node(graph, ev.actor)
        attrs: dict[str, Any] | None = None
        for other in ev.counterpart:
            _add_node(graph, other)
            key = f"{ev.id}:{other.code}"
            if other.code == ev.actor.code or graph.has_edge(ev.actor.code, other.code, key):
                continue
            attrs = attrs or _edge_attributes(fact)
            graph.add_edge(ev.actor.code, other.code, key=key, **attrs)
    return graph


def write_graphml(facts: Iterable[Fact], *, out: BinaryIO) -> int:
    """Write the facts' graph (`fact_graph`) as GraphML (UTF-8); return the edges written."""
    import networkx as nx

    graph = fact_graph(facts)
    nx.write_graphml(graph, out, encoding="utf-8")
    return int(graph.number_of_edges())
