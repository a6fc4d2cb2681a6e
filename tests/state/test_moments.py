"""Moments: an event's date as a calendar interval that keeps its precision."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.state import Moment


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-07-07", date(2024, 7, 7), date(2024, 7, 7)),
])
def test_a_value_names_its_calendar_interval(value: str, start: date, end: date) -> None:
    m = Moment.parse(value)
    assert (m.value, m.start, m.end, m.reported) == (value, start, end, False)


@pytest.mark.parametrize("value", ["24-05", "2024-13", "2024-02-30", "May 2024", ""])
def test_a_malformed_value_is_an_input_error(value: str) -> None:
    with pytest.raises(InputError, match="date value"):
        Moment.parse(value, where="a.txt")


def test_a_publication_date_stands_in_as_reported() -> None:
    m = Moment.reported_on(date(2024, 3, 18))
    assert (m.value, m.start, m.end, m.reported) == ("2024-03-18", date(2024, 3, 18),
                                                     date(2024, 3, 18), True)


@pytest.mark.parametrize(("a", "b", "gap", "near"), [
    ("2023-07", "2023-07-26", 0, True),
    ("2023-07-26", "2023-07-27", 1, True),
    ("2022-01-24", "2022-09-30", 249, False),
    ("2022", "2022-09-30", 0, True),
])
def test_gap_and_nearness(a: str, b: str, gap: int, near: bool) -> None:
    ma, mb = Moment.parse(a), Moment.parse(b)
    assert ma.gap(mb) == mb.gap(ma) == gap
    assert ma.near(mb) is near
