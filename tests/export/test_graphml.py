"""The GraphML export, read back with networkx.read_graphml."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import networkx as nx

from .conftest import Facts, Make, export

NS = "{http://graphml.graphdrawing.org/xmlns}"


def _graph(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def test_nodes_are_actor_codes_typed(facts: Facts) -> None:
    graph = _graph(export(facts.all(), "graphml")[1])
    assert {n: (a["name"], a["type"]) for n, a in graph.nodes(data=True)} == {
        "FRA": ("France", "state"), "TCD": ("Chad", "state"), "USA": ("United States", "state"),
        "NER": ("Niger", "state"), "RUS": ("Russia", "state"),
        "AES": ("Alliance of Sahel States", "organisation"), "MLI": ("Mali", "state"),
        "BFA": ("Burkina Faso", "state")}


def test_one_edge_per_fact_and_counterpart_as_counted(facts: Facts) -> None:
    count, data = export(facts.all(), "graphml")
    graph = _graph(data)
    assert sorted((u, v) for u, v in graph.edges()) == [
        ("AES", "BFA"), ("AES", "MLI"), ("FRA", "TCD"), ("NER", "FRA"), ("RUS", "NER"),
        ("USA", "NER")]
    assert count == graph.number_of_edges()


def test_a_coup_adds_its_node_only(facts: Facts) -> None:
    graph = _graph(export([facts.two_sources], "graphml")[1])
    assert (list(graph.nodes), graph.number_of_edges()) == (["NER"], 0)


def test_edge_attributes_are_typed_and_missing_ones_absent(facts: Facts) -> None:
    graph = _graph(export([facts.awkward, facts.unknown], "graphml")[1])
    edges = {d["event_id"]: d for _, _, d in graph.edges(data=True)}
    assert edges[facts.awkward.event.id] == {
        "label": "deploy", "kind": "deploy", "status": "ongoing", "date": "2024-01-15",
        "date_reported": False, "event_id": facts.awkward.event.id, "troops": 1000,
        "sources": 1, "place": "N'Djamena", "plover_type": "MOBILIZE"}
    assert not {"date", "troops", "place"} & set(edges[facts.unknown.event.id])


def test_parallel_events_stay_separate_edges(make: Make) -> None:
    first = make.fact("deploy", "ongoing", "FRA", ["TCD"], when="2023")
    later = make.fact("withdraw", "completed", "FRA", ["TCD"], when="2025-01")
    count, data = export([first, later], "graphml")
    assert (count, _graph(data).number_of_edges("FRA", "TCD")) == (2, 2)


def test_a_counterpart_that_is_the_actor_adds_no_self_loop(make: Make) -> None:
    count, data = export([make.fact("deploy", "ongoing", "FRA", ["FRA"])], "graphml")
    assert (count, nx.number_of_selfloops(_graph(data))) == (0, 0)


def test_every_value_is_written_and_every_key_typed_once(facts: Facts) -> None:
    root = ElementTree.fromstring(export(facts.all(), "graphml")[1])
    values = [d.text for d in root.iter(f"{NS}data")]
    keys = [(k.get("for"), k.get("attr.name")) for k in root.iter(f"{NS}key")]
    assert all(v and v != "None" for v in values)
    assert len(keys) == len(set(keys))
