"""The timeline: facts in date order, how undated ones are placed, which facts a report shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.report.timeline import build_strip, timeline_entries, timeline_facts
from sitrep.state import Fact

from .conftest import AS_OF, Make


def test_entries_are_in_date_order_whatever_the_input_order(niger: list[Fact]) -> None:
    entries = timeline_entries(niger)
    starts = [e.moment.start for e in entries if e.moment]
    assert starts == sorted(starts)
    assert timeline_entries(reversed(niger)) == entries
    assert [e.anchor for e in entries[:2]] == ["fact-1", "fact-2"]


def test_an_undated_fact_is_placed_by_its_first_report(make: Make) -> None:
    fact = make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01")
    later = make.source("later", "2023-09-01", "Again.")
    [entry] = timeline_entries([replace(fact, sources=(later, *fact.sources))])
    assert entry.when == "reported 2023-08-01"


def test_a_fact_with_no_date_at_all_comes_last(make: Make) -> None:
    lost = make.fact("coup", "completed", "NER", published=None, doc="lost")
    dated = make.fact("coup", "completed", "NER", when="2023-07-26")
    entries = timeline_entries([lost, dated])
    assert [e.when for e in entries] == ["2023-07-26", "date unknown"]


@pytest.mark.parametrize("when, published, first", [
    ("2024-05", "2024-05-20", "month first: 2024-05 starts on 2024-05-01"),
    ("2024-05-02", "2024-05-03", "day first"),
])
def test_a_dated_event_sorts_by_the_start_of_its_date(make: Make, when: str, published: str,
                                                      first: str) -> None:
    a = make.fact("withdraw", "planned", "USA", ["NER"], when=when, published=published)
    b = make.fact("deploy", "ongoing", "RUS", ["NER"], published="2024-05-10")
    assert timeline_entries([b, a])[0].fact is a, first


def test_timeline_facts_keeps_the_country_up_to_as_of_and_known_at(make: Make) -> None:
    mine = make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01")
    other = make.fact("deploy", "ongoing", "FRA", ["MLI"], published="2023-08-01")
    later = make.fact("withdraw", "completed", "FRA", ["NER"], when="2023-12-22",
                      published="2023-12-23")
    retold = make.fact("coup", "completed", "NER", when="2023-07-26", published="2025-01-01")
    facts = [mine, other, later, retold]
    assert timeline_facts(facts, "NER", as_of=date(2023, 9, 1)) == [mine, retold]
    assert timeline_facts(facts, "NER", as_of=date(2023, 9, 1),
                          known_at=date(2024, 1, 1)) == [mine]


def test_the_strip_has_a_lane_per_kind_and_marks_inside_it(niger: list[Fact]) -> None:
    strip = build_strip(timeline_entries(niger), as_of=AS_OF)
    assert strip is not None
    assert [lane.style.kind for lane in strip.lanes] == [
        "deploy", "withdraw", "agreement_signed", "agreement_ended", "coup",
        "demand_withdrawal"]
    assert all(strip.left <= m.x <= m.x_end <= strip.width for m in strip.marks)
    assert [r.text for r in strip.rules] == ["as of 2024-05-11"]


def test_no_strip_without_a_dated_fact(make: Make) -> None:
    lost = make.fact("coup", "completed", "NER", published=None)
    assert build_strip(timeline_entries([lost]), as_of=AS_OF) is None
