"""Facts: one event per fact from the extractor's output; what `known_at` lets through."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.records import Article, DateValue
from sitrep.state import derive_state, facts_from_events
from sitrep.state.facts import date_facts, merge_sources


def test_facts_from_events_takes_the_source_from_the_article(make) -> None:
    ev = make.event("deploy", "ongoing", "USA", ["NER"], doc="a1")
    art = Article(id="a1", text="...", published=date(2024, 3, 18), url="https://x.invalid/a1",
                  title="US troops in Niger")
    [fact] = facts_from_events([ev], {"a1": art})
    assert fact.event is ev
    [src] = fact.sources
    assert (src.doc_id, src.url, src.title, src.published) == (
        "a1", "https://x.invalid/a1", "US troops in Niger", date(2024, 3, 18))
    assert src.evidence == ev.evidence


def test_an_event_without_its_article_keeps_only_its_doc_id(make) -> None:
    dated = make.event("deploy", "ongoing", "USA", ["NER"], doc="lost", when="2024-03")
    undated = make.event("deploy", "ongoing", "FRA", ["NER"], doc="lost")
    facts = facts_from_events([dated, undated], {})
    assert facts[0].sources[0].published is None
    # the dated one still counts; the undated one cannot be placed in time
    assert [d.event.actor.code for d in date_facts(facts, known_at=None)] == ["USA"]


def test_known_at_keeps_only_sources_published_by_then(make) -> None:
    fact = make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27",
                     doc="early", also=[("late", "2024-01-10")])
    [d] = date_facts([fact], known_at=date(2023, 8, 1))
    assert [s.doc_id for s in d.sources] == ["early"]
    assert date_facts([fact], known_at=date(2023, 7, 26)) == []
    assert len(date_facts([fact], known_at=None)[0].sources) == 2


def test_an_undated_event_counts_from_its_first_visible_report(make) -> None:
    fact = make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18",
                     also=[("later", "2024-04-02")])
    [d] = date_facts([fact], known_at=None)
    assert (d.moment.value, d.moment.reported, d.effective) == ("2024-03-18", True,
                                                                date(2024, 3, 18))


def test_a_planned_event_counts_from_its_announcement(make) -> None:
    # ordered out on 2024-05-20 "by 15 September": the order holds from its report
    fact = make.fact("withdraw", "planned", "USA", ["NER"], when="2024-09-15",
                     published="2024-05-20")
    [d] = date_facts([fact], known_at=None)
    assert (d.moment.value, d.effective) == ("2024-09-15", date(2024, 5, 20))


def test_a_malformed_event_date_names_the_event(make) -> None:
    ev = replace(make.event("coup", "completed", "NER", doc="bad.txt"),
                 date=DateValue("2023-7", "month", "July"))
    with pytest.raises(InputError, match=r"bad\.txt"):
        derive_state(facts_from_events([ev], {}), "NER", as_of=date(2024, 1, 1))


def test_merged_sources_are_one_per_article_in_publication_order(make) -> None:
    a = make.source("b", "2024-01-02", "Second sentence.")
    b = make.source("a", "2024-01-03", "Other.")
    c = make.source("b", "2024-01-02", "First sentence.")
    merged = merge_sources([[a], [b, c], [a]])
    assert [s.doc_id for s in merged] == ["b", "a"]
    assert sorted(e.text for e in merged[0].evidence) == ["First sentence.", "Second sentence."]
