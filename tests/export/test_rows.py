"""The flat row every table export shares: where, when, who, and the sources."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.export import COLUMNS, fact_row
from sitrep.export.rows import is_state
from sitrep.records import Evidence, Place
from sitrep.state import Fact, Source

from .conftest import AB101, AWKWARD, HELSINKI, NIAMEY, Facts, Make


def test_columns_are_the_acled_style_list() -> None:
    assert COLUMNS == (
        "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
        "actor1_code", "actor2", "actor2_code", "country", "iso3", "location", "latitude",
        "longitude", "geo_precision", "troops", "agreement", "plover_type", "plover_mode",
        "notes", "source", "source_urls", "source_count", "date_reported", "rule")


@pytest.mark.parametrize(("kind", "actor", "counterpart", "country", "iso3"), [
    ("deploy", "FRA", ["TCD"], "Chad", "TCD"),
    ("withdraw", "USA", ["NER"], "Niger", "NER"),
    ("coup", "NER", [], "Niger", "NER"),
    ("demand_withdrawal", "NER", ["FRA"], "Niger", "NER"),
    ("agreement_signed", "RUS", ["NER"], "Russia", "RUS"),
    ("agreement_ended", "NER", ["USA"], "Niger", "NER"),
])
def test_country_is_where_the_event_happens(make: Make, kind: str, actor: str,
                                            counterpart: list[str], country: str,
                                            iso3: str) -> None:
    row = fact_row(make.fact(kind, "completed", actor, counterpart, when="2024"))
    assert (row.country, row.iso3) == (country, iso3)


@pytest.mark.parametrize(("place", "country", "iso3"), [
    (HELSINKI, "Finland", "FIN"),   # the counterpart's own name for the place's country
    (NIAMEY, "Niger", "NER"),       # the gazetteer's name: Niger is no party
    (None, None, None),             # an organisation is not a country
])
def test_an_organisation_party_gives_the_place_country(make: Make, place: Place | None,
                                                       country: str | None,
                                                       iso3: str | None) -> None:
    row = fact_row(make.fact("agreement_signed", "completed", "NATO", ["FIN"], when="2023",
                             place=place))
    assert (row.country, row.iso3) == (country, iso3)


@pytest.mark.parametrize(("code", "state"), [
    ("NER", True), ("NATO", False), ("AES", False), ("EAC", False), ("WAGNER", False),
])
def test_is_state_knows_three_letter_organisations(code: str, state: bool) -> None:
    assert is_state(code) is state


@pytest.mark.parametrize(("when", "precision", "time_precision"), [
    ("2024-05-11", "day", 1), ("2024-05", "week", 2), ("2024-05", "month", 3),
    ("2024", "season", 3), ("2024", "year", 3),
])
def test_time_precision_follows_acled(make: Make, when: str, precision: str,
                                      time_precision: int) -> None:
    row = fact_row(make.fact("deploy", "ongoing", "FRA", ["TCD"], when=when,
                             precision=precision))
    assert (row.event_date, row.time_precision, row.date_reported) == (when, time_precision,
                                                                      False)


def test_an_undated_fact_takes_its_first_report_date(facts: Facts) -> None:
    row = fact_row(facts.undated)  # sources published 2024-05-22, then 2024-05-20
    assert (row.event_date, row.time_precision, row.date_reported) == ("2024-05-20", 3, True)


def test_a_fact_that_cannot_be_dated_has_no_date(facts: Facts) -> None:
    row = fact_row(facts.unknown)
    assert (row.event_date, row.event_start, row.time_precision, row.date_reported) == (
        None, None, None, False)


def test_event_start_is_the_first_day_of_the_value(facts: Facts) -> None:
    assert fact_row(facts.placeless).event_start == date(2023, 12, 1)


@pytest.mark.parametrize(("place", "geo"), [
    (AB101, 1), (NIAMEY, 1), (Place("Tillabéri", "NER", 14.2, 1.45, "Tillabéri", "area"), 2),
    (None, 3),
])
def test_geo_precision_follows_acled(make: Make, place: Place | None, geo: int) -> None:
    row = fact_row(make.fact("deploy", "ongoing", "RUS", ["NER"], when="2024", place=place))
    assert row.geo_precision == geo


def test_sources_are_titles_else_doc_ids(facts: Facts) -> None:
    assert fact_row(facts.undated).source == "Title of late-0522; Title of wire-0520"
    assert fact_row(facts.two_sources).source == "wire-0726; daily-0727"


def test_counterparts_are_joined(facts: Facts) -> None:
    row = fact_row(facts.pact)
    assert (row.actor2, row.actor2_code) == ("Mali; Burkina Faso", "MLI; BFA")


def test_notes_is_the_first_sentence_and_evidence_all(make: Make) -> None:
    fact = make.fact("deploy", "ongoing", "FRA", ["TCD"], text=AWKWARD,
                     sources=[("a", "2024-01-01"), ("b", "2024-01-02")])
    extra = Source(doc_id="c", url=None, title=None, published=None,
                   evidence=(Evidence("Other.", 0, 6),))
    row = fact_row(Fact(event=fact.event, sources=(*fact.sources, extra)))
    assert (row.notes, row.evidence) == (AWKWARD, (AWKWARD, "Other."))


def test_a_malformed_date_names_the_event(make: Make) -> None:
    fact = make.fact("coup", "completed", "NER", when="2023-13", precision="month")
    with pytest.raises(InputError, match=fact.event.id):
        fact_row(fact)
