"""The packaged situation schema: a valid Draft 2020-12 schema that every output meets."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sitrep.state import derive_state

from .test_fold import story


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    ref = resources.files("sitrep") / "resources" / "schema" / "situation.json"
    schema = json.loads(ref.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def outputs(make: Any, niger_us: Any) -> list[dict[str, Any]]:
    facts = story(make, niger_us)
    days = [date(2023, 6, 1) + timedelta(days=45 * n) for n in range(20)]
    return [derive_state(facts, country, as_of=day, known_at=known).to_dict()
            for country in ("NER", "MLI", "FRA")
            for day in days for known in (None, day)]


def test_every_output_is_valid(validator, make, niger_us) -> None:
    situations = outputs(make, niger_us)
    assert any(s["presence"] and s["government"] and s["obligations"] for s in situations)
    for s in situations:
        errors = sorted(validator.iter_errors(s), key=str)
        assert errors == [], (s["country"], s["as_of"], errors[0].message if errors else "")


def test_the_output_is_plain_json(make, niger_us) -> None:
    s = derive_state(story(make, niger_us), "NER", as_of=date(2024, 8, 1)).to_dict()
    assert json.loads(json.dumps(s)) == s


@pytest.mark.parametrize("breaks", [
    lambda s: s["presence"][0].update(status="gone"),
    lambda s: s["presence"][0].update(until=None, status="ended"),
    lambda s: s["presence"][0].update(since="2024/03/18"),
    lambda s: s["agreements"][0].update(in_force=True),
    lambda s: s["agreements"][0].update(sources=[]),
    lambda s: s.pop("obligations"),
    lambda s: s.update(extra=1),
])
def test_the_schema_is_strict(validator, make, niger_us, breaks) -> None:
    s = derive_state(story(make, niger_us), "NER", as_of=date(2024, 10, 1)).to_dict()
    assert validator.is_valid(s)
    broken = copy.deepcopy(s)
    breaks(broken)
    assert not validator.is_valid(broken)
