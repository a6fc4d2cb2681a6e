"""relations(): presences and agreements of several countries' situations as nodes and edges."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.state import (
    Agreement,
    Moment,
    Presence,
    Situation,
    Source,
    relations,
)
from sitrep.state.situation import PresenceStatus

AS_OF = date(2024, 5, 11)


def src(doc: str) -> Source:
    return Source(doc, None, None, date(2024, 1, 1), ())


def presence(actor: str, host: str, status: PresenceStatus = "present", *,
             since: str | None = "2023-12", until: str | None = None,
             docs: tuple[str, ...] = ("d1",)) -> Presence:
    return Presence(actor=actor, host=host, status=status,
                    since=Moment.parse(since) if since else None,
                    status_since=Moment.parse("2024-05") if status != "present" else None,
                    until=Moment.parse(until) if until else None, troops=None,
                    troop_counts=(), places=(), handed_over=(),
                    sources=tuple(src(d) for d in docs))


def agreement(parties: tuple[str, ...], name: str | None = "charter", *,
              signed: str | None = "2023-09-16", ended: str | None = None,
              docs: tuple[str, ...] = ("a1",)) -> Agreement:
    return Agreement(parties=parties, name=name,
                     signed=Moment.parse(signed) if signed else None,
                     ended=Moment.parse(ended) if ended else None, end_planned=None,
                     sources=tuple(src(d) for d in docs))


def situation(country: str, *, presence: tuple[Presence, ...] = (),
              agreements: tuple[Agreement, ...] = (), as_of: date = AS_OF,
              names: tuple[tuple[str, str], ...] = ()) -> Situation:
    return Situation(country=country, as_of=as_of, known_at=None, names=names,
                     presence=presence, agreements=agreements, government=None,
                     obligations=())


@pytest.fixture()
def sahel() -> list[Situation]:
    """Niger with US (leaving), Russian and Wagner forces and French forces gone; Mali with
    Russian forces; the AES charter in both; an ended Niger-US accord."""
    aes = agreement(("MLI", "BFA", "NER"), "Liptako-Gourma charter")
    names = (("NER", "Niger"), ("USA", "United States"), ("RUS", "Russia"),
             ("WAGNER", "Wagner Group"), ("MLI", "Mali"))
    return [
        situation("NER", names=names, presence=(
            presence("USA", "NER", "withdrawal_planned", since="2018", docs=("u1", "u2")),
            presence("RUS", "NER", since="2024-04"),
            presence("WAGNER", "NER", since=None),
            presence("FRA", "NER", "ended", since="2013", until="2023-12-22")),
            agreements=(aes, agreement(("NER", "USA"), "2012 accord", signed="2012",
                                       ended="2024-03"))),
        situation("MLI", names=(("MLI", "Mali"),), presence=(presence("RUS", "MLI"),),
                  agreements=(agreement(("BFA", "MLI", "NER"), "Liptako-Gourma charter",
                                        docs=("a2",)),)),
    ]


def test_one_edge_per_current_presence_from_actor_to_host(sahel: list[Situation]) -> None:
    rel = relations(sahel, as_of=AS_OF)
    assert [(e.source, e.target, e.status) for e in rel.edges if e.kind == "presence"] == [
        ("RUS", "MLI", "present"), ("RUS", "NER", "present"),
        ("USA", "NER", "withdrawal_planned"), ("WAGNER", "NER", "present")]


def test_an_agreement_in_several_situations_counts_once_per_pair(
        sahel: list[Situation]) -> None:
    rel = relations(sahel, as_of=AS_OF)
    pacts = [e for e in rel.edges if e.kind == "agreement"]
    assert [(e.source, e.target) for e in pacts] == [("BFA", "MLI"), ("BFA", "NER"),
                                                       ("MLI", "NER")]
    assert all(e.doc_ids == ("a1", "a2") for e in pacts)  # sources of both copies


@pytest.mark.parametrize(("ended", "expected"), [
    (False, set()),
    (True, {("presence", "FRA", "NER", "ended"), ("agreement", "NER", "USA", "ended")}),
])
def test_ended_ties_only_when_asked(sahel: list[Situation], ended: bool,
                                    expected: set[tuple[str, ...]]) -> None:
    rel = relations(sahel, as_of=AS_OF, ended=ended)
    assert {(e.kind, e.source, e.target, e.status) for e in rel.edges
            if e.status == "ended"} == expected


@pytest.mark.parametrize(("p", "label"), [
    (presence("RUS", "NER", since="2023-12"), "present since 2023-12"),
    (presence("RUS", "NER", since=None), "present"),
    (presence("USA", "NER", "withdrawal_planned"), "withdrawal planned since 2024-05"),
    (presence("USA", "NER", "withdrawing"), "withdrawing since 2024-05"),
    (presence("FRA", "NER", "ended", until="2023-12-22"), "ended 2023-12-22"),
])
def test_a_presence_label_says_its_status_and_date(p: Presence, label: str) -> None:
    [edge] = relations([situation("NER", presence=(p,))], as_of=AS_OF, ended=True).edges
    assert edge.label == label


def test_edge_keeps_dates_and_articles(sahel: list[Situation]) -> None:
    rel = relations(sahel, as_of=AS_OF, ended=True)
    [fra] = [e for e in rel.edges if e.source == "FRA"]
    [us] = [e for e in rel.edges if e.source == "NER" and e.target == "USA"]
    assert (fra.since, fra.until, fra.doc_ids) == ("2013", "2023-12-22", ("d1",))
    assert (us.label, us.since, us.until) == ("2012 accord", "2012", "2024-03")


def test_nodes_are_the_codes_on_edges_named_and_typed(sahel: list[Situation]) -> None:
    rel = relations(sahel, as_of=AS_OF)
    assert [(n.code, n.name, n.kind) for n in rel.nodes] == [
        ("BFA", "BFA", "state"), ("MLI", "Mali", "state"), ("NER", "Niger", "state"),
        ("RUS", "Russia", "state"), ("USA", "United States", "state"),
        ("WAGNER", "Wagner Group", "organisation")]


def test_an_unnamed_agreement_has_a_label(sahel: list[Situation]) -> None:
    s = situation("NER", agreements=(agreement(("NER", "RUS"), None),))
    [edge] = relations([s], as_of=AS_OF).edges
    assert edge.label == "unnamed agreement"


def test_order_of_situations_does_not_matter(sahel: list[Situation]) -> None:
    assert relations(sahel, as_of=AS_OF) == relations(sahel[::-1], as_of=AS_OF)


def test_to_dict_is_plain_json(sahel: list[Situation]) -> None:
    data = relations(sahel, as_of=AS_OF, known_at=None).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["as_of"] == "2024-05-11" and data["known_at"] is None
    assert data["edges"][0] == {"kind": "agreement", "source": "BFA", "target": "MLI",
                                "status": "in_force", "label": "Liptako-Gourma charter",
                                "since": "2023-09-16", "until": None,
                                "doc_ids": ["a1", "a2"]}


def test_a_situation_for_another_date_is_refused(sahel: list[Situation]) -> None:
    other = situation("TCD", as_of=date(2023, 1, 1))
    with pytest.raises(InputError, match="situation of TCD"):
        relations([*sahel, other], as_of=AS_OF)


def test_no_situations_give_an_empty_graph() -> None:
    rel = relations([], as_of=AS_OF)
    assert (rel.nodes, rel.edges) == ((), ())
