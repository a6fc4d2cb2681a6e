"""parse_published: ISO dates and date-times to the calendar date as written."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.ingest import parse_published
from sitrep.ingest.dates import parse_loose_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-11", date(2024, 5, 11)),
        ("2024-05-11T08:30:00Z", date(2024, 5, 11)),
        ("2024-05-11 08:30", date(2024, 5, 11)),
        ("2024-05-11T08:30:00.123+02:00", date(2024, 5, 11)),
        # The day as written, not shifted to UTC (that would be 2024-05-12).
        ("2024-05-11T23:30:00-05:00", date(2024, 5, 11)),
        ("  2024-05-11  ", date(2024, 5, 11)),
    ],
)
def test_parse_published_accepts_iso(value: str, expected: date) -> None:
    assert parse_published(value, source="corpus.jsonl") == expected


@pytest.mark.parametrize("value", ["", "11/05/2024", "May 11, 2024", "2024-13-01", "2024-02-30",
                                   "yesterday"])
def test_parse_published_rejects_non_iso_naming_source_line_and_value(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_published(value, source="corpus.jsonl", line=7)
    message = str(caught.value)
    assert message.startswith("corpus.jsonl:7: ")
    assert "2024-05-11" in message  # the message shows a valid example
    if value:
        assert repr(value) in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-02T10:00:00Z", date(2024, 3, 2)),
        ("2024-03-02T10:00:00.000000000+0000", date(2024, 3, 2)),
        ("Sat, 11 May 2024 23:30:00 -0500", date(2024, 5, 11)),
        ("not a date", None),
        ("", None),
        ("2024-02-30T00:00:00", None),
    ],
)
def test_parse_loose_date(value: str, expected: date | None) -> None:
    assert parse_loose_date(value) == expected
