"""The packaged event-record schema: a valid Draft 2020-12 schema, strict about the record."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

DOCS = Path(__file__).resolve().parents[1] / "docs"

RECORD: dict[str, Any] = {
    "id": "0123456789abcdef", "doc_id": "mali.txt", "kind": "withdraw", "status": "completed",
    "actor": {"code": "FRA", "name": "France", "sector": "MIL", "text": "French"},
    "counterpart": [{"code": "MLI", "name": "Mali", "sector": None, "text": "Mali"}],
    "place": {"name": "Gao", "country": "MLI", "lat": 16.27, "lon": -0.04, "text": "Gao",
              "kind": "city"},
    "date": {"value": "2022-08-15", "precision": "day", "text": "on August 15, 2022"},
    "troops": 2400, "agreement": None,
    "plover": {"type": "RETREAT", "mode": "withdraw", "context": "military"},
    "evidence": [{"text": "The last French soldiers left Gao on August 15, 2022.", "start": 0,
                  "end": 53}],
    "confidence": 0.8, "rule": "withdraw.verb.v1",
}


@pytest.fixture(scope="module")
def validator(event_schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(event_schema)


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        record[key] = value
    return change


def _set_date_value(record: dict[str, Any]) -> None:
    record["date"]["value"] = "24-05"


def _drop_evidence(record: dict[str, Any]) -> None:
    del record["evidence"]


def test_schema_is_a_valid_draft_2020_12_schema(event_schema: dict[str, Any]) -> None:
    assert event_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(event_schema)  # raises SchemaError if not


def test_hand_built_record_is_valid(validator: Draft202012Validator) -> None:
    assert [err.message for err in validator.iter_errors(RECORD)] == []


def test_documented_example_record_is_valid(validator: Draft202012Validator) -> None:
    doc = (DOCS / "event-record.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.DOTALL)[1])  # type: ignore[index]
    assert [err.message for err in validator.iter_errors(example)] == []


@pytest.mark.parametrize(("change", "rule", "path"), [
    pytest.param(_set("kind", "invade"), "enum", ["kind"], id="bad-kind"),
    pytest.param(_set("status", "rumoured"), "enum", ["status"], id="bad-status"),
    pytest.param(_set_date_value, "pattern", ["date", "value"], id="two-digit-year"),
    pytest.param(_drop_evidence, "required", [], id="missing-evidence"),
    pytest.param(_set("evidence", []), "minItems", ["evidence"], id="empty-evidence"),
    pytest.param(_set("troops", 0), "minimum", ["troops"], id="zero-troops"),
    pytest.param(_set("source", "wire"), "additionalProperties", [], id="unknown-field"),
])
def test_invalid_record_fails_for_the_right_reason(
        validator: Draft202012Validator, change: Callable[[dict[str, Any]], None], rule: str,
        path: list[str | int]) -> None:
    record = copy.deepcopy(RECORD)
    change(record)
    error = best_match(validator.iter_errors(record))
    assert error is not None
    assert (error.validator, list(error.absolute_path)) == (rule, path)
