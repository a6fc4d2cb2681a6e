"""Obligations: mutual defence from agreements in force that carry it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.state import derive_state


def obligations(facts: list[Any], on: str, country: str = "NER") -> list[dict[str, Any]]:
    return derive_state(facts, country, as_of=date.fromisoformat(on)).to_dict()["obligations"]


def test_an_agreement_binding_its_parties_to_assist_one_another(make) -> None:
    facts = [make.fact(
        "agreement_signed", "completed", "MLI", ["BFA", "NER"], when="2023-09-16",
        agreement="Liptako-Gourma Charter",
        text="The charter, binding the three countries to assist one another, was signed.")]
    [o] = obligations(facts, "2024-01-01")
    assert (o["members"], o["obligation"], o["agreement"], o["since"]) == (
        ["BFA", "MLI", "NER"], "mutual defence", "Liptako-Gourma Charter", "2023-09-16")
    assert o["sources"][0]["evidence"] == [
        "The charter, binding the three countries to assist one another, was signed."]


@pytest.mark.parametrize("sentence", [
    "They created a collective defence alliance.",
    "An attack on one of them will be considered an attack against all.",
    "Les trois pays se porteront mutuellement assistance.",
])
def test_other_ways_of_saying_it(make, sentence: str) -> None:
    facts = [make.fact("agreement_signed", "completed", "NER", ["BFA"], when="2023-09",
                       text=sentence)]
    assert len(obligations(facts, "2024-01-01")) == 1


def test_a_name_that_says_it(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "NER", ["MLI"], when="2023-09",
                       agreement="mutual defence pact")]
    assert obligations(facts, "2024-01-01")[0]["agreement"] == "mutual defence pact"


def test_nato_membership(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "FIN", ["NATO"], when="2023-04-04",
                       text="Finland became NATO's 31st member.")]
    [o] = obligations(facts, "2024-01-01", country="FIN")
    assert o["members"] == ["FIN", "NATO"]


def test_a_cooperation_agreement_carries_none(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "NER", ["RUS"], when="2023-12-04",
                       agreement="military cooperation memorandum",
                       text="Niger and Russia signed a memorandum to strengthen cooperation.")]
    assert obligations(facts, "2024-01-01") == []


def test_an_ended_agreement_binds_no_more(make) -> None:
    facts = [make.fact("agreement_signed", "completed", "NER", ["MLI"], when="2023-09",
                       agreement="mutual defence pact"),
             make.fact("agreement_ended", "completed", "NER", ["MLI"], when="2024-05",
                       agreement="mutual defence pact")]
    assert len(obligations(facts, "2024-04-01")) == 1
    assert obligations(facts, "2024-06-01") == []
