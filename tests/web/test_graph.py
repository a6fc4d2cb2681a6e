"""graph_view: the relations laid out in pixels, the same way every time."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

from sitrep.report.labels import _overlap, _rect
from sitrep.state import RelationEdge, RelationNode, Relations, Situation, relations
from sitrep.web.graph import AGREEMENT_STYLES, GraphView, graph_view

from .conftest import AS_OF


@pytest.fixture(scope="module")
def view(sahel: list[Situation]) -> GraphView:
    return graph_view(relations(sahel, as_of=AS_OF, ended=True))


def test_same_relations_same_layout(sahel: list[Situation]) -> None:
    rel = relations(sahel, as_of=AS_OF, ended=True)
    assert graph_view(rel) == graph_view(rel)


@pytest.mark.parametrize("width", [400.0, 720.0, 1200.0])
def test_nodes_and_labels_stay_in_the_frame(sahel: list[Situation], width: float) -> None:
    v = graph_view(relations(sahel, as_of=AS_OF, ended=True), width=width)
    assert v.width == width
    for n in v.nodes:
        assert n.r <= n.x <= width - n.r and n.r <= n.y <= v.height - n.r
        assert 0 <= n.label.y <= v.height


def test_states_are_circles_organisations_squares(view: GraphView) -> None:
    shapes = {n.code: n.shape for n in view.nodes}
    assert (shapes["NER"], shapes["WAGNER"]) == ("circle", "square")


def test_presences_have_arrowheads_at_the_host(view: GraphView) -> None:
    at = {n.code: (n.x, n.y) for n in view.nodes}
    for e in view.edges:
        assert (e.head is not None) == (e.kind == "presence")
        if e.head:
            tip = [float(v) for v in e.head.split()[0].split(",")]
            assert math.dist(tip, at[e.target]) < math.dist(tip, at[e.source])


@pytest.mark.parametrize(("kind", "status", "dash"), [
    ("presence", "present", ""),
    ("presence", "withdrawal_planned", "12 6"),
    ("presence", "ended", "1 6"),
    ("agreement", "in_force", ""),
    ("agreement", "ended", AGREEMENT_STYLES[1].dash),
])
def test_each_edge_is_dashed_by_its_status(view: GraphView, kind: str, status: str,
                                           dash: str) -> None:
    styles = {(e.kind, e.status): e.style for e in view.edges}
    assert styles[(kind, status)].dash == dash


def test_ties_between_one_pair_bend_apart(view: GraphView) -> None:
    between = [e for e in view.edges if {e.source, e.target} == {"NER", "USA"}]
    controls = {re.findall(r"Q([-\d.]+),([-\d.]+)", e.d)[0] for e in between}
    assert len(between) == 2 and len(controls) == 2


def test_node_labels_do_not_overlap(view: GraphView) -> None:
    rects = [_rect(n.label.text, 13.0, n.label.x, n.label.y, n.label.anchor)
             for n in view.nodes]
    assert not any(_overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_edge_titles_say_what_and_since_when(view: GraphView) -> None:
    titles = {e.title for e in view.edges}
    assert "United States forces in Niger: withdrawal planned since 2024-05 (2 sources)" in titles
    assert any(t.startswith("Liptako-Gourma charter: Burkina Faso and Mali, signed 2023-09-16")
               for t in titles)


@pytest.mark.parametrize("n", [0, 1])
def test_an_empty_or_single_graph_is_drawn(n: int) -> None:
    nodes = (RelationNode("NER", "Niger", "state"),)[:n]
    v = graph_view(Relations(date(2024, 5, 11), None, nodes, ()))
    assert len(v.nodes) == n and v.edges == ()
    if n:
        assert (v.nodes[0].x, v.nodes[0].y) != (0.0, 0.0)


def test_two_nodes_one_edge() -> None:
    rel = Relations(date(2024, 5, 11), None,
                    (RelationNode("FRA", "France", "state"),
                     RelationNode("NER", "Niger", "state")),
                    (RelationEdge("presence", "FRA", "NER", "present", "present", None, None,
                                  ("d",)),))
    [edge] = graph_view(rel).edges
    assert edge.d.startswith("M") and edge.head
