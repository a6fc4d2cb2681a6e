"""Agreements: in force from signing to end; matched by parties and name."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.state import derive_state


def agreements(facts: list[Any], on: str, country: str = "NER", **kw: Any) -> list[dict[str, Any]]:
    return derive_state(facts, country, as_of=date.fromisoformat(on),
                        **kw).to_dict()["agreements"]


def test_in_force_from_its_signing(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "NER", ["RUS"], when="2023-12-04",
                       published="2023-12-06", agreement="memorandum")]
    assert agreements(facts, "2023-12-03") == []
    [a] = agreements(facts, "2024-01-01")
    assert (a["parties"], a["name"], a["signed"], a["ended"], a["in_force"]) == (
        ["NER", "RUS"], "memorandum", "2023-12-04", None, True)
    assert a["sources"][0]["evidence"] == ["NER agreement_signed completed RUS 2023-12-04."]


def test_ended_by_its_end_matched_on_the_party_set(make) -> None:
    facts = [
        make.fact("agreement_signed", "completed", "USA", ["NER"], when="2012",
                  agreement="military cooperation agreement"),
        # the other party acts: the same agreement
        make.fact("agreement_ended", "completed", "NER", ["USA"], when="2024-03-16",
                  published="2024-03-17", agreement="the agreement"),
    ]
    [a] = agreements(facts, "2020-01-01")
    assert (a["signed"], a["in_force"]) == ("2012", True)
    [a] = agreements(facts, "2024-04-01")
    assert (a["parties"], a["signed"], a["ended"], a["in_force"]) == (
        ["NER", "USA"], "2012", "2024-03-16", False)
    assert a["name"] == "military cooperation agreement"
    assert len(a["sources"]) == 2


def test_known_only_from_its_end(make) -> None:
    facts = [make.fact("agreement_ended", "completed", "NER", ["FRA"], published="2023-08-04",
                       agreement="several military cooperation agreements")]
    assert agreements(facts, "2023-08-01") == []
    [a] = agreements(facts, "2023-09-01")
    assert (a["signed"], a["ended"], a["ended_reported"], a["in_force"]) == (
        None, "2023-08-04", True, False)


def test_a_year_in_its_name_shows_it_in_force_before_its_end(make) -> None:
    facts = [make.fact("agreement_ended", "completed", "NER", ["USA"], published="2025-08-20",
                       agreement="2012 status-of-forces arrangement")]
    assert agreements(facts, "2011-06-01") == []
    [a] = agreements(facts, "2020-01-01")
    assert (a["signed"], a["ended"], a["in_force"]) == (None, None, True)
    [a] = agreements(facts, "2025-09-01")
    assert (a["ended"], a["in_force"]) == ("2025-08-20", False)


def test_a_distinctive_name_picks_which_agreement_ends(make) -> None:
    facts = [
        make.fact("agreement_signed", "completed", "FRA", ["MLI"], when="2013-03",
                  agreement="2013 status-of-forces agreement"),
        make.fact("agreement_signed", "completed", "FRA", ["MLI"], when="2014-07-16",
                  agreement="2014 defence cooperation treaty"),
        make.fact("agreement_ended", "completed", "MLI", ["FRA"], when="2022-05-02",
                  agreement="the 2014 defence cooperation treaty"),
    ]
    lines = agreements(facts, "2022-06-01", country="MLI")
    assert [(a["name"], a["in_force"]) for a in lines] == [
        ("2013 status-of-forces agreement", True), ("2014 defence cooperation treaty", False)]


def test_a_generic_end_ends_every_agreement_between_the_parties(make) -> None:
    facts = [
        make.fact("agreement_signed", "completed", "FRA", ["NER"], when="2013",
                  agreement="2013 defence agreement"),
        make.fact("agreement_signed", "completed", "FRA", ["NER"], when="2020-01-20",
                  agreement="status of forces accord"),
        make.fact("agreement_ended", "completed", "NER", ["FRA"], when="2023-08-03",
                  agreement="military cooperation agreements"),
    ]
    assert [a["in_force"] for a in agreements(facts, "2023-09-01")] == [False, False]


def test_reports_of_one_signing_by_several_outlets_are_one_agreement(make) -> None:
    facts = [
        make.fact("agreement_signed", "completed", "MLI", ["BFA", "NER"], when="2023-09-16",
                  doc="a", published="2023-09-17"),
        make.fact("agreement_signed", "completed", "NER", ["MLI", "BFA"], when="2023-09-17",
                  doc="b", published="2023-09-18", agreement="Liptako-Gourma Charter"),
        make.fact("agreement_signed", "completed", "BFA", ["MLI", "NER"], when="2023-09",
                  doc="c", published="2024-01-29"),
        make.fact("agreement_signed", "completed", "NER", ["BFA", "MLI"], doc="d",
                  published="2024-02-01"),
    ]
    [a] = agreements(facts, "2024-03-01")
    assert (a["parties"], a["name"], a["signed"]) == (
        ["BFA", "MLI", "NER"], "Liptako-Gourma Charter", "2023-09-16")
    assert [s["doc_id"] for s in a["sources"]] == ["a", "b", "c", "d"]


def test_a_signing_months_apart_is_another_agreement(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "NER", ["RUS"], when=day)
             for day in ("2023-12-04", "2024-06-10")]
    assert [a["signed"] for a in agreements(facts, "2024-07-01")] == ["2023-12-04", "2024-06-10"]


def test_another_report_of_an_end_adds_its_source(make) -> None:
    facts = [
        make.fact("agreement_ended", "completed", "NER", ["USA"], published="2024-03-17",
                  doc="first", agreement="agreement"),
        make.fact("agreement_ended", "completed", "NER", ["USA"], published="2024-04-13",
                  doc="second", agreement="the agreement"),
    ]
    [a] = agreements(facts, "2024-05-01")
    assert a["ended"] == "2024-03-17"
    assert [s["doc_id"] for s in a["sources"]] == ["first", "second"]


def test_a_planned_end_leaves_it_in_force(make) -> None:
    facts = [
        make.fact("agreement_signed", "completed", "NER", ["ECOWAS"], when="1975-05-28"),
        make.fact("agreement_ended", "planned", "NER", ["ECOWAS"], when="2025-01-29",
                  published="2024-01-29"),
        make.fact("agreement_ended", "completed", "NER", ["ECOWAS"], when="2025-01-29",
                  published="2025-01-30"),
    ]
    [a] = agreements(facts, "2024-06-01")
    assert (a["in_force"], a["end_planned"], a["ended"]) == (True, "2025-01-29", None)
    [a] = agreements(facts, "2025-02-01")
    assert (a["in_force"], a["end_planned"], a["ended"]) == (False, None, "2025-01-29")


def test_an_announced_exit_shows_what_it_leaves_in_force(make) -> None:
    facts = [
        make.fact("agreement_ended", "planned", "NER", ["ECOWAS"], when="2025-01-29",
                  published="2024-01-29", doc="announced"),
        make.fact("agreement_ended", "completed", "NER", ["ECOWAS"], when="2025-01-29",
                  published="2025-01-30", doc="effective"),
    ]
    assert agreements(facts, "2024-01-28") == []
    [a] = agreements(facts, "2024-06-01")
    assert (a["signed"], a["in_force"], a["end_planned"]) == (None, True, "2025-01-29")
    [a] = agreements(facts, "2025-02-01")
    assert (a["signed"], a["in_force"], a["ended"], len(a["sources"])) == (
        None, False, "2025-01-29", 2)


def test_a_planned_signing_is_not_an_agreement(make) -> None:
    facts = [make.fact("agreement_signed", "planned", "NER", ["RUS"], when="2024-01")]
    assert agreements(facts, "2024-06-01") == []


def test_agreements_of_other_countries_are_left_out(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "TCD", ["FRA"], when="2019")]
    assert agreements(facts, "2024-06-01") == []
