"""Presence: whose forces are in the country, where, how many, from when until when."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.state import derive_state

from .conftest import AB101, AB201, AGADEZ, NIAMEY


def presence(facts: list[Any], on: str, country: str = "NER", **kw: Any) -> list[dict[str, Any]]:
    return derive_state(facts, country, as_of=date.fromisoformat(on), **kw).to_dict()["presence"]


def test_nothing_before_the_first_report(niger_us) -> None:
    assert presence(niger_us, "2024-03-17") == []


def test_present_when_reported_at_two_bases(niger_us) -> None:
    [p] = presence(niger_us, "2024-04-01")
    assert (p["actor"], p["host"], p["status"]) == ("USA", "NER", "present")
    assert (p["since"], p["since_reported"], p["until"]) == ("2024-03-18", True, None)
    assert [x["name"] for x in p["places"]] == ["Niamey Air Base 101", "Niger Air Base 201"]
    assert [s["doc_id"] for s in p["sources"]] == ["wire-0318", "daily-0319"]


def test_withdrawal_planned_after_the_order(niger_us) -> None:
    [p] = presence(niger_us, "2024-06-01")
    assert (p["status"], p["status_since"], p["since"]) == (
        "withdrawal_planned", "2024-05", "2024-03-18")


def test_a_handover_with_another_base_still_held_keeps_the_presence(niger_us) -> None:
    [p] = presence(niger_us, "2024-08-01")
    assert (p["status"], p["status_since"], p["until"]) == ("withdrawing", "2024-07-07", None)
    assert [x["name"] for x in p["places"]] == ["Niger Air Base 201"]
    assert [(x["name"], x["date"]) for x in p["handed_over"]] == [
        ("Niamey Air Base 101", "2024-07-07")]


def test_ended_by_the_full_withdrawal_with_its_precision(niger_us) -> None:
    [p] = presence(niger_us, "2024-10-01")
    assert (p["status"], p["since"], p["until"], p["until_reported"]) == (
        "ended", "2024-03-18", "2024-09", False)
    assert p["places"] == []
    assert [(x["name"], x["date"]) for x in p["handed_over"]] == [
        ("Niamey Air Base 101", "2024-07-07"), ("Niger Air Base 201", "2024-09")]
    assert len(p["sources"]) == 5


def test_a_month_counts_from_its_first_day(niger_us) -> None:
    # the withdrawal dated "2024-09" counts on 2024-09-01 already (docs/state.md)
    assert presence(niger_us, "2024-08-31")[0]["status"] == "withdrawing"
    assert presence(niger_us, "2024-09-01")[0]["status"] == "ended"


def test_an_ongoing_withdrawal_is_withdrawing(make) -> None:
    facts = [make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01"),
             make.fact("withdraw", "ongoing", "FRA", ["NER"], when="2023-10-10",
                       published="2023-10-11")]
    [p] = presence(facts, "2023-11-01")
    assert (p["status"], p["status_since"]) == ("withdrawing", "2023-10-10")


def test_a_planned_withdrawal_does_not_undo_one_under_way(make) -> None:
    facts = [make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01"),
             make.fact("withdraw", "ongoing", "FRA", ["NER"], when="2023-10-10"),
             make.fact("withdraw", "planned", "FRA", ["NER"], published="2023-10-20")]
    assert presence(facts, "2023-11-01")[0]["status"] == "withdrawing"


def test_the_best_supported_troop_count_is_shown_and_all_are_kept(make) -> None:
    facts = [
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-17", doc="a",
                  troops=1100),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18", doc="b",
                  troops=1100),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-20", doc="c",
                  troops=1000),
    ]
    [p] = presence(facts, "2024-04-01")
    assert p["troops"] == 1100
    assert p["troop_counts"] == [
        {"count": 1100, "date": "2024-03-18", "sources": ["a", "b"]},
        {"count": 1000, "date": "2024-03-20", "sources": ["c"]},
    ]


def test_equally_supported_counts_give_the_latest(niger_us, make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-17", doc="a",
                       troops=1100),
             make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-20", doc="c",
                       troops=1000)]
    assert presence(facts, "2024-04-01")[0]["troops"] == 1000


def test_an_old_count_describes_an_earlier_force(make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2023-01-10", doc=d,
                       troops=800) for d in ("a", "b", "c")]
    facts.append(make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-20",
                           doc="d", troops=1000))
    assert presence(facts, "2024-04-01")[0]["troops"] == 1000


def test_a_planned_deployment_is_not_presence(make) -> None:
    facts = [make.fact("deploy", "planned", "RUS", ["NER"], when="2024-04",
                       published="2024-02-01")]
    assert presence(facts, "2024-12-01") == []


def test_a_demand_to_withdraw_alone_is_not_presence(make) -> None:
    facts = [make.fact("demand_withdrawal", "planned", "NER", ["USA"], published="2024-03-17")]
    assert presence(facts, "2024-12-01") == []


def test_the_country_own_forces_are_not_foreign_presence(make) -> None:
    facts = [make.fact("deploy", "ongoing", "NER", ["NER"], published="2024-03-17")]
    assert presence(facts, "2024-12-01") == []


def test_other_hosts_are_not_this_country(make) -> None:
    facts = [make.fact("deploy", "ongoing", "FRA", ["TCD"], published="2024-03-17")]
    assert presence(facts, "2024-12-01") == []
    assert presence(facts, "2024-12-01", country="TCD")[0]["actor"] == "FRA"


def test_a_later_deployment_opens_a_new_interval(make) -> None:
    facts = [make.fact("deploy", "completed", "FRA", ["NER"], when="2013-01"),
             make.fact("withdraw", "completed", "FRA", ["NER"], when="2015-06-01"),
             make.fact("deploy", "completed", "FRA", ["NER"], when="2019-02-10")]
    lines = presence(facts, "2020-01-01")
    assert [(p["status"], p["since"], p["until"]) for p in lines] == [
        ("ended", "2013-01", "2015-06-01"), ("present", "2019-02-10", None)]


def test_an_undated_retelling_after_the_end_does_not_reopen(make) -> None:
    # "US forces had been deployed in Niger since 2013" in an article after they left
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18"),
             make.fact("withdraw", "completed", "USA", ["NER"], when="2024-09-16"),
             make.fact("deploy", "completed", "USA", ["NER"], published="2025-08-20",
                       doc="analysis", place=AB201)]
    [p] = presence(facts, "2025-12-31")
    assert p["status"] == "ended"
    assert "analysis" in [s["doc_id"] for s in p["sources"]]
    assert p["places"] == []


def test_a_report_within_the_month_of_the_end_does_not_reopen(make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18"),
             make.fact("withdraw", "completed", "USA", ["NER"], when="2024-08"),
             make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-08-20")]
    assert [p["status"] for p in presence(facts, "2024-12-31")] == ["ended"]


def test_a_report_of_forces_there_after_the_end_reopens(make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18"),
             make.fact("withdraw", "completed", "USA", ["NER"], when="2024-08"),
             make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-10-02")]
    lines = presence(facts, "2024-12-31")
    assert [(p["status"], p["since"]) for p in lines] == [
        ("ended", "2024-03-18"), ("present", "2024-10-02")]


def test_the_handover_of_the_last_known_base_ends_the_presence(make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18",
                       place=AB201),
             make.fact("withdraw", "completed", "USA", ["NER"], when="2024-08-05",
                       place=AB201)]
    [p] = presence(facts, "2024-09-01")
    assert (p["status"], p["until"]) == ("ended", "2024-08-05")


def test_a_city_and_the_base_beside_it_are_one_location(make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18",
                       place=NIAMEY),
             make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-19",
                       place=AGADEZ),
             make.fact("withdraw", "completed", "USA", ["NER"], when="2024-07-07",
                       place=AB101)]
    [p] = presence(facts, "2024-07-10")
    assert [x["name"] for x in p["places"]] == ["Agadez"]
    assert [x["name"] for x in p["handed_over"]] == ["Niamey"]


def test_leaving_one_place_when_none_was_known_is_partial(make) -> None:
    facts = [make.fact("deploy", "ongoing", "FRA", ["TCD"], published="2024-11-01"),
             make.fact("withdraw", "completed", "FRA", ["TCD"], when="2024-12-26",
                       place=AB101)]
    [p] = presence(facts, "2025-01-01", country="TCD")
    assert p["status"] == "present"
    assert [x["name"] for x in p["handed_over"]] == ["Niamey Air Base 101"]


@pytest.mark.parametrize("sentence", [
    "The French army handed over its last base in Chad on Thursday.",
    "Handing over the base ended a military presence in Chad that had lasted decades.",
    "France completed its withdrawal with the handover of the base.",
])
def test_a_handover_whose_sentence_says_the_whole_presence_left_ends_it(make, sentence) -> None:
    facts = [make.fact("deploy", "ongoing", "FRA", ["TCD"], published="2024-11-01",
                       place=AB101),
             make.fact("deploy", "ongoing", "FRA", ["TCD"], published="2024-11-01",
                       place=AB201, doc="other"),
             make.fact("withdraw", "completed", "FRA", ["TCD"], when="2025-01-30",
                       place=AGADEZ, text=sentence)]
    [p] = presence(facts, "2025-02-01", country="TCD")
    assert (p["status"], p["until"]) == ("ended", "2025-01-30")


def test_a_presence_first_heard_of_in_its_withdrawal(make) -> None:
    facts = [make.fact("withdraw", "planned", "DEU", ["NER"], published="2024-05-20",
                       when="2024-08-31")]
    [p] = presence(facts, "2024-06-01")
    assert (p["status"], p["since"], p["since_reported"]) == (
        "withdrawal_planned", "2024-05-20", True)


def test_a_presence_known_only_from_its_end(make) -> None:
    facts = [make.fact("withdraw", "completed", "FRA", ["MLI"], when="2022-08-15",
                       published="2022-08-16")]
    [p] = presence(facts, "2023-01-01", country="MLI")
    assert (p["status"], p["since"], p["until"]) == ("ended", None, "2022-08-15")


def test_presence_is_ordered_by_actor_then_since(make) -> None:
    facts = [make.fact("deploy", "ongoing", code, ["NER"], published=day)
             for code, day in [("USA", "2024-01-01"), ("RUS", "2024-04-12"),
                               ("DEU", "2023-12-23")]]
    assert [p["actor"] for p in presence(facts, "2024-05-01")] == ["DEU", "RUS", "USA"]
