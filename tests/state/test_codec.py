"""The compact form of the facts cache gives back exactly the facts it was made from."""

from __future__ import annotations

import json

from sitrep.state import cluster_facts
from sitrep.state.codec import FORMAT, decode_facts, encode_facts

from .conftest import AB101, NIAMEY, Make


def test_facts_survive_the_compact_form(make: Make, niger_us: list) -> None:  # type: ignore[type-arg]
    ev = make.event("withdraw", "completed", "FRA", ["NER"], doc="x", when="2023-12-22",
                    place=NIAMEY, agreement="2012 accord", troops=1500)
    told = [(f.event, f.sources[0]) for f in niger_us]
    told += [(ev, make.source("x", "2023-12-23", "Another sentence than the event's.")),
             (make.event("deploy", "ongoing", "USA", ["NER"], doc="y", place=AB101),
              make.source("y", None, "USA deploy ongoing NER ."))]
    facts = cluster_facts(told)
    assert decode_facts(encode_facts(facts)) == facts


def test_shared_values_are_listed_once(make: Make, niger_us: list) -> None:  # type: ignore[type-arg]
    data = json.loads(encode_facts(niger_us))
    assert data["format"] == FORMAT
    assert [a[0] for a in data["actors"]] == ["USA", "NER"]


def test_another_format_is_refused() -> None:
    assert decode_facts(json.dumps({"format": "sitrep-facts-0", "facts": []})) is None
    assert decode_facts("[]") is None
