"""One real-world event told by several outlets becomes one fact with every source."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.records import Event
from sitrep.state import Source, cluster_facts

from .conftest import AB101, NIAMEY, Make


def report(make: Make, doc: str, published: str | None, kind: str = "withdraw",
           status: str = "completed", actor: str = "FRA", counterpart: tuple[str, ...] = ("NER",),
           **fields: object) -> tuple[Event, Source]:
    ev = make.event(kind, status, actor, counterpart, doc=doc, **fields)  # type: ignore[arg-type]
    return ev, make.source(doc, published, ev.evidence[0].text)


def docs(facts: list) -> list[list[str]]:  # type: ignore[type-arg]
    return sorted(sorted(s.doc_id for s in f.sources) for f in facts)


def test_outlets_reporting_one_event_make_one_fact(make: Make) -> None:
    facts = cluster_facts([report(make, "a", "2023-12-23", when="2023-12-22"),
                           report(make, "b", "2023-12-23", when="2023-12-22"),
                           report(make, "c", "2023-12-24", when="2023-12")])
    assert docs(facts) == [["a", "b", "c"]]
    assert facts[0].event.date.value == "2023-12-22"  # the most precise date speaks
    assert facts[0].reports == 3


@pytest.mark.parametrize(("other", "why"), [
    (dict(status="planned"), "an order is not the departure"),
    (dict(actor="USA"), "another actor"),
    (dict(counterpart=("MLI",)), "another host"),
    (dict(kind="deploy"), "another kind"),
    (dict(when="2023-12-28"), "six days apart"),
])
def test_different_events_stay_apart(make: Make, other: dict, why: str) -> None:  # type: ignore[type-arg]
    facts = cluster_facts([report(make, "a", "2023-12-23", when="2023-12-22"),
                           report(make, "b", "2023-12-30", **{"when": "2023-12-22", **other})])
    assert len(facts) == 2, why


def test_a_day_apart_is_the_same_night(make: Make) -> None:
    facts = cluster_facts([report(make, "a", "2023-07-27", "coup", actor="NER", counterpart=(),
                                  when="2023-07-26"),
                           report(make, "b", "2023-07-28", "coup", actor="NER", counterpart=(),
                                  when="2023-07-27")])
    assert len(facts) == 1


def test_a_vague_date_that_fits_two_events_joins_neither(make: Make) -> None:
    coups = [report(make, "jan", "2022-01-25", "coup", actor="BFA", counterpart=(),
                    when="2022-01-24"),
             report(make, "sep", "2022-10-01", "coup", actor="BFA", counterpart=(),
                    when="2022-09-30"),
             report(make, "year", "2023-01-05", "coup", actor="BFA", counterpart=(),
                    when="2022")]
    assert docs(cluster_facts(coups)) == [["jan"], ["sep"], ["year"]]


def test_a_vague_date_that_fits_one_event_joins_it(make: Make) -> None:
    facts = cluster_facts([report(make, "day", "2022-01-25", "coup", actor="BFA",
                                  counterpart=(), when="2022-01-24"),
                           report(make, "year", "2023-01-05", "coup", actor="BFA",
                                  counterpart=(), when="2022")])
    assert docs(facts) == [["day", "year"]]


def test_undated_reports_of_one_news_day_merge(make: Make) -> None:
    facts = cluster_facts([report(make, "a", "2024-04-12", "deploy", "ongoing", "RUS", when=None),
                           report(make, "b", "2024-04-13", "deploy", "ongoing", "RUS", when=None),
                           report(make, "c", "2024-06-30", "deploy", "ongoing", "RUS",
                                  when=None)])
    assert docs(facts) == [["a", "b"], ["c"]]


def test_an_undated_report_right_after_a_dated_event_joins_it(make: Make) -> None:
    facts = cluster_facts([report(make, "dated", "2023-12-23", when="2023-12-22"),
                           report(make, "undated", "2023-12-24", when=None)])
    assert docs(facts) == [["dated", "undated"]]


def test_conflicting_troop_counts_are_kept_and_the_best_supported_shown(make: Make) -> None:
    facts = cluster_facts([
        report(make, "a", "2024-03-18", "deploy", "ongoing", "USA", when="2024-03", troops=1000),
        report(make, "b", "2024-03-18", "deploy", "ongoing", "USA", when="2024-03", troops=1100),
        report(make, "c", "2024-03-19", "deploy", "ongoing", "USA", when="2024-03", troops=1100),
    ])
    assert len(facts) == 1
    assert facts[0].event.troops == 1100
    assert facts[0].counts == ((1000, "a"), (1100, "b"), (1100, "c"))


def test_the_site_is_preferred_to_the_city_on_a_tie(make: Make) -> None:
    facts = cluster_facts([report(make, "a", "2024-07-08", when="2024-07-07", place=NIAMEY),
                           report(make, "b", "2024-07-08", when="2024-07-07", place=AB101)])
    assert facts[0].event.place == AB101


def test_a_fact_survives_its_json_form(make: Make) -> None:
    from sitrep.state import Fact

    facts = cluster_facts([
        report(make, "a", "2024-03-18", "deploy", "ongoing", "USA", when="2024-03", troops=1000,
               place=AB101),
        report(make, "b", None, "deploy", "ongoing", "USA", when="2024-03", troops=1100)])
    for fact in facts:
        assert Fact.from_dict(fact.to_dict()) == fact


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_the_order_of_reports(rng: random.Random) -> None:
    make = Make()
    pool = [report(make, f"d{i}", f"2023-12-{20 + i % 8:02d}",
                   status=("completed", "planned")[i % 2],
                   when=(None, "2023-12-22", "2023-12", "2023-12-21", "2023")[i % 5])
            for i in range(14)]
    first = cluster_facts(pool)
    shuffled = pool[:]
    rng.shuffle(shuffled)
    assert cluster_facts(shuffled) == first
