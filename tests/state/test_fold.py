"""derive_state as a whole: the two times (as_of, known_at), and order independence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.state import Fact, derive_state

from .conftest import AB101, Make


def story(make: Make, niger_us: list[Fact]) -> list[Fact]:
    """Niger 2023-2025: the US story and coups, agreements, other forces, retellings."""
    return [*niger_us,
            make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27"),
            make.fact("coup", "completed", "NER", published="2024-08-06", doc="a-year-after"),
            make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01",
                      troops=1500, also=[("fra-b", "2023-08-02")]),
            make.fact("withdraw", "planned", "FRA", ["NER"], when="2023-09-24",
                      published="2023-09-25"),
            make.fact("withdraw", "completed", "FRA", ["NER"], when="2023-12-22",
                      published="2023-12-23"),
            make.fact("deploy", "completed", "RUS", ["NER"], when="2024-04",
                      published="2024-04-13", place=AB101),
            make.fact("agreement_ended", "completed", "NER", ["FRA"], published="2023-08-04",
                      agreement="several military cooperation agreements"),
            make.fact("agreement_signed", "completed", "NER", ["RUS"], when="2023-12-04",
                      published="2023-12-06", agreement="memorandum"),
            make.fact("agreement_signed", "completed", "MLI", ["BFA", "NER"],
                      when="2023-09-16", published="2023-09-17",
                      text="The charter binds the three countries to assist one another."),
            make.fact("agreement_ended", "completed", "NER", ["USA"], published="2024-03-17",
                      agreement="2012 status-of-forces agreement"),
            make.fact("demand_withdrawal", "planned", "NER", ["USA"], published="2024-03-17"),
            make.fact("withdraw", "completed", "USA", ["NER"], when="2024-09-16",
                      published="2025-08-20", doc="analysis-2025",
                      text="The Pentagon declared the withdrawal complete on 16 September."),
            ]


def test_as_of_counts_a_later_article_that_dates_an_earlier_event(make) -> None:
    late = make.fact("withdraw", "completed", "FRA", ["NER"], when="2023-12-22",
                     published="2025-02-01", doc="retrospective")
    early = make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01")
    [p] = derive_state([early, late], "NER", as_of=date(2024, 1, 1)).presence
    assert (p.status, p.until and p.until.value) == ("ended", "2023-12-22")
    [p] = derive_state([early, late], "NER", as_of=date(2024, 1, 1),
                       known_at=date(2024, 1, 1)).presence
    assert p.status == "present"


def test_known_at_shows_what_could_be_known_then(make, niger_us) -> None:
    facts = story(make, niger_us)
    then = derive_state(facts, "NER", as_of=date(2024, 12, 31), known_at=date(2024, 6, 1))
    us = [p for p in then.presence if p.actor == "USA"]
    assert [p.status for p in us] == ["withdrawal_planned"]
    published = {s.published for line in (*then.presence, *then.agreements) for s in line.sources}
    assert max(d for d in published if d is not None) <= date(2024, 6, 1)
    assert then.to_dict()["known_at"] == "2024-06-01"
    now = derive_state(facts, "NER", as_of=date(2024, 12, 31))
    assert [p.status for p in now.presence if p.actor == "USA"] == ["ended"]


def test_known_at_lists_only_the_sources_published_by_then(make) -> None:
    fact = make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01",
                     also=[("later", "2023-10-01")])
    [p] = derive_state([fact], "NER", as_of=date(2024, 1, 1), known_at=date(2023, 9, 1)).presence
    assert [s.doc_id for s in p.sources] == ["deploy-FRA-2023-08-01"]


def test_the_situation_at_one_date(make, niger_us) -> None:
    s = derive_state(story(make, niger_us), "NER", as_of=date(2024, 5, 11)).to_dict()
    assert (s["country"], s["as_of"], s["known_at"]) == ("NER", "2024-05-11", None)
    assert [(p["actor"], p["status"]) for p in s["presence"]] == [
        ("FRA", "ended"), ("RUS", "present"), ("USA", "withdrawal_planned")]
    assert [(a["parties"], a["in_force"]) for a in s["agreements"]] == [
        (["FRA", "NER"], False), (["BFA", "MLI", "NER"], True), (["NER", "RUS"], True),
        (["NER", "USA"], False)]
    assert s["government"]["since"] == "2023-07-26"
    assert [o["members"] for o in s["obligations"]] == [["BFA", "MLI", "NER"]]
    assert s["names"]["NER"] == "Niger"


@settings(max_examples=60, deadline=None)
@given(data=st.data(), on=st.sampled_from(["2023-08-15", "2024-05-11", "2024-08-01",
                                           "2025-12-31"]))
def test_any_order_gives_the_same_situation(make, niger_us, data: Any, on: str) -> None:
    facts = story(make, niger_us)
    as_of = date.fromisoformat(on)
    expected = derive_state(facts, "NER", as_of=as_of).to_dict()
    shuffled = data.draw(st.permutations(facts))
    assert derive_state(shuffled, "NER", as_of=as_of).to_dict() == expected


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_ingesting_a_fact_twice_changes_nothing(make, niger_us, data: Any) -> None:
    facts = story(make, niger_us)
    again = data.draw(st.lists(st.sampled_from(facts), max_size=len(facts)))
    order = data.draw(st.permutations(facts + again))
    for on in (date(2024, 5, 11), date(2025, 1, 1)):
        assert derive_state(order, "NER", as_of=on) == derive_state(facts, "NER", as_of=on)


def test_the_fold_reads_any_iterable_once(make, niger_us) -> None:
    facts = story(make, niger_us)
    assert derive_state(iter(facts), "NER", as_of=date(2024, 5, 11)) == \
        derive_state(facts, "NER", as_of=date(2024, 5, 11))


@pytest.mark.parametrize("on", [date(2020, 1, 1), date(2024, 5, 11)])
def test_a_country_nobody_wrote_about_is_empty(make, niger_us, on: date) -> None:
    s = derive_state(story(make, niger_us), "SEN", as_of=on).to_dict()
    assert (s["presence"], s["agreements"], s["government"], s["obligations"]) == (
        [], [], None, [])
