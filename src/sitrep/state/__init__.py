"""The state: a pure, deterministic fold of dated facts into the situation of one country.

    >>> from sitrep.state import derive_state, facts_from_events
    >>> situation = derive_state(facts_from_events(events, articles), "NER",
    ...                          as_of=date(2024, 5, 11))
    >>> situation.to_dict()["presence"]

Rules: docs/state.md. JSON Schema of `Situation.to_dict()`: resources/schema/situation.json.
"""

from .clusters import cluster_events, cluster_facts
from .facts import Fact, Source, facts_from_events
from .fold import derive_state
from .moments import Moment
from .relations import RelationEdge, RelationNode, Relations, relations
from .situation import (
    Agreement,
    Government,
    Obligation,
    Presence,
    Site,
    Situation,
    TroopCount,
)

__all__ = [
    "Agreement",
    "Fact",
    "Government",
    "Moment",
    "Obligation",
    "Presence",
    "RelationEdge",
    "RelationNode",
    "Relations",
    "Site",
    "Situation",
    "Source",
    "TroopCount",
    "cluster_events",
    "cluster_facts",
    "derive_state",
    "facts_from_events",
    "relations",
]
