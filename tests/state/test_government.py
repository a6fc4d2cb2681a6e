"""Government: set by the country's latest coup; later mentions of a coup are that coup."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.state import derive_state


def government(facts: list[Any], on: str, country: str = "NER") -> dict[str, Any] | None:
    return derive_state(facts, country, as_of=date.fromisoformat(on)).to_dict()["government"]


def test_a_coup_sets_the_government_from_its_date(make) -> None:
    facts = [make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27")]
    assert government(facts, "2023-07-25") is None
    g = government(facts, "2023-07-26")
    assert g is not None
    assert (g["since"], g["since_reported"], g["how"], g["ousted"]) == (
        "2023-07-26", False, "coup", None)
    assert [s["doc_id"] for s in g["sources"]] == ["coup-NER-2023-07-26"]


def test_no_coup_no_government_line(make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18")]
    assert government(facts, "2024-06-01") is None


def test_later_mentions_are_the_same_coup(make) -> None:
    facts = [
        make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27",
                  doc="news"),
        make.fact("coup", "completed", "NER", when="2023-07", published="2023-12-06",
                  doc="since-the-july-coup"),
        make.fact("coup", "completed", "NER", published="2024-08-06", doc="a-year-after"),
        make.fact("coup", "completed", "NER", when="2023-07-27", published="2023-07-29",
                  doc="one-day-late"),
    ]
    g = government(facts, "2024-09-01")
    assert g is not None
    assert g["since"] == "2023-07-26"
    assert [s["doc_id"] for s in g["sources"]] == [
        "news", "one-day-late", "since-the-july-coup", "a-year-after"]


def test_the_latest_of_two_coups_holds(make) -> None:
    facts = [
        make.fact("coup", "completed", "BFA", when="2022-01-24", published="2022-01-25"),
        make.fact("coup", "completed", "BFA", when="2022-09-30", published="2022-10-01"),
        make.fact("coup", "completed", "BFA", when="2022", published="2023-01-01",
                  doc="two-coups-in-2022"),
    ]
    g = government(facts, "2022-06-01", country="BFA")
    assert g is not None and g["since"] == "2022-01-24"
    g = government(facts, "2022-10-15", country="BFA")
    assert g is not None and g["since"] == "2022-09-30"


def test_an_undated_coup_is_dated_by_its_first_report(make) -> None:
    facts = [make.fact("coup", "completed", "GIN", published="2021-09-06"),
             make.fact("coup", "completed", "GIN", published="2021-09-08", doc="later")]
    g = government(facts, "2021-10-01", country="GIN")
    assert g is not None
    assert (g["since"], g["since_reported"], len(g["sources"])) == ("2021-09-06", True, 2)


def test_a_coup_elsewhere_or_a_plot_sets_nothing(make) -> None:
    facts = [make.fact("coup", "completed", "GAB", when="2023-08-30"),
             make.fact("coup", "planned", "NER", when="2023-09")]
    assert government(facts, "2024-01-01") is None


def test_a_vaguer_report_does_not_move_a_coup_earlier(make) -> None:
    facts = [make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27"),
             make.fact("coup", "completed", "NER", when="2023-07", published="2023-12-06",
                       doc="review")]
    assert government(facts, "2023-07-20") is None  # "2023-07" is the coup of the 26th
    g = government(facts, "2023-08-01")
    assert g is not None and g["since"] == "2023-07-26"
    assert {s["doc_id"] for s in g["sources"]} == {"coup-NER-2023-07-26", "review"}


def _terms() -> list[Any]:
    from sitrep.gazetteer.leaders import Leader

    return [Leader("Mohamed Bazoum", (), "NER", "head_of_state", "2021-04-02", "2023-07-26"),
            Leader("Abdourahamane Tchiani", (), "NER", "junta_leader", "2023-07-26", None),
            Leader("Ouhoumoudou Mahamadou", (), "NER", "head_of_government", "2021-04-03",
                   "2023-07-26")]


def test_the_ousted_ruler_comes_from_the_terms_of_office(make) -> None:
    facts = [make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27")]
    state = derive_state(facts, "NER", as_of=date(2024, 1, 1), leaders=_terms())
    assert state.government is not None and state.government.ousted == "Mohamed Bazoum"


def test_no_ousted_ruler_without_the_day_of_the_coup(make) -> None:
    facts = [make.fact("coup", "completed", "NER", when="2023-07", published="2023-12-06")]
    state = derive_state(facts, "NER", as_of=date(2024, 1, 1), leaders=_terms())
    assert state.government is not None and state.government.ousted is None
