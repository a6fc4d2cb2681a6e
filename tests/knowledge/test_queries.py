"""What the shells ask: facts across outlets, a country's situation, a timeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.knowledge import facts, resolve_code, situation, timeline
from sitrep.state import cluster_facts, derive_state
from sitrep.store import Store

pytestmark = pytest.mark.model


def test_the_cached_facts_are_the_clustered_facts(demo: Store) -> None:
    from sitrep.knowledge.queries import _pairs

    fresh = cluster_facts(_pairs(demo.party_events("NER")))
    assert facts(demo, "NER") == fresh  # first call: computes and caches
    assert demo.cached_facts("NER") is not None
    assert facts(demo, "NER") == fresh  # second call: read from the cache


def test_situation_is_the_fold_of_the_facts(demo: Store) -> None:
    day = date(2024, 5, 11)
    from sitrep.gazetteer.leaders import load_leaders

    assert situation(demo, "NER", as_of=day) == derive_state(
        facts(demo, "NER"), "NER", as_of=day, leaders=load_leaders().leaders)


@pytest.mark.parametrize("code", ["NER", "MLI", "FRA", "TCD"])
def test_the_memoised_dating_folds_as_derive_state_at_every_date(demo: Store,
                                                                   code: str) -> None:
    from sitrep.gazetteer.leaders import load_leaders

    leaders = load_leaders().leaders
    for day in (date(2020, 1, 1), date(2022, 8, 15), date(2023, 12, 31), date(2025, 6, 1)):
        # the second ask at each date comes from the memo of dated facts
        for _ in range(2):
            assert situation(demo, code, as_of=day) == derive_state(
                facts(demo, code), code, as_of=day, leaders=leaders)


def test_a_coup_names_whom_it_ousted(demo: Store) -> None:
    government = situation(demo, "NER", as_of=date(2024, 5, 11)).government
    assert government is not None
    assert (government.since.value, government.ousted) == ("2023-07-26", "Mohamed Bazoum")


def test_one_coup_told_by_many_outlets_is_one_fact(demo: Store) -> None:
    coups = [e for e in timeline(demo, "NER", kinds=["coup"])
             if e.moment.value.startswith("2023-07")]
    assert len(coups) == 1
    assert len(coups[0].fact.sources) >= 2


def test_the_us_leaves_niger_in_2024(demo: Store) -> None:
    before = {p.actor: p.status for p in situation(demo, "NER", as_of=date(2023, 6, 1)).presence
              if p.current}
    after = {p.actor: p for p in situation(demo, "NER", as_of=date(2024, 10, 1)).presence}
    assert before.get("USA") == "present"
    assert after["USA"].status == "ended"
    assert after["RUS"].current


def test_known_at_hides_what_was_published_later(demo: Store) -> None:
    day = date(2024, 10, 1)
    then = situation(demo, "NER", as_of=day, known_at=date(2024, 3, 1))
    assert all(s.published and s.published <= date(2024, 3, 1)
               for p in then.presence for s in p.sources)
    assert "RUS" not in {p.actor for p in then.presence}  # they arrived in April 2024


def test_timeline_is_in_date_order_and_filters(demo: Store) -> None:
    entries = timeline(demo, "NER")
    starts = [e.moment.start for e in entries]
    assert starts == sorted(starts)
    us = timeline(demo, "NER", actor="USA", kinds=["withdraw"],
                  since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert us and all(e.fact.event.actor.code == "USA" and e.fact.event.kind == "withdraw"
                      for e in us)
    assert all(date(2024, 1, 1) <= e.moment.end and e.moment.start <= date(2024, 12, 31)
               for e in us)


@pytest.mark.parametrize(("text", "code"), [("NER", "NER"), ("niger", "NER"),
                                            ("Burkina Faso", "BFA"), ("ecowas", "ECOWAS")])
def test_codes_from_what_users_type(text: str, code: str) -> None:
    assert resolve_code(text) == code


def test_an_unknown_country_is_a_clear_error() -> None:
    from sitrep.errors import InputError

    with pytest.raises(InputError, match="'Atlantis' is not a country"):
        resolve_code("Atlantis")


def test_new_reports_reach_the_next_answer(tmp_path: Path, pipeline: Any) -> None:
    from sitrep.knowledge import ingest_articles
    from sitrep.records import Article
    from sitrep.store import open_store

    with open_store(tmp_path / "s.db") as store:
        ingest_articles(store, [Article(
            id="a", published=date(2024, 4, 12), title="Russian trainers in Niger",
            text="Russian military instructors arrived in Niger on Wednesday.")],
            pipeline=pipeline)
        first = facts(store, "NER")
        assert facts(store, "NER") == first  # kept in memory: the same answer
        ingest_articles(store, [Article(
            id="b", published=date(2024, 4, 13), title="Trainers land",
            text="Russian military instructors arrived in Niger on Wednesday night, the "
                 "state broadcaster said.")], pipeline=pipeline)
        second = facts(store, "NER")
        assert len(second) == len(first) == 1  # one arrival, now told by two outlets
        assert [s.doc_id for s in second[0].sources] == ["a", "b"]
