"""Dates as the state uses them: a calendar interval that keeps the precision it was given.

An event dated "2024-05" happened some time in May 2024. The state orders events and compares
them with `as_of` by the interval's *start* (2024-05-01), and prints the value as given
("2024-05"). Calendar intervals of a year, a month and a day are either nested or disjoint, so
"the same date" and "certainly later" are simple tests on them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..errors import InputError

__all__ = ["SAME_EVENT_DAYS", "Moment"]

#: Two reports of one kind of change (a coup, a signing) dated this close are the same event:
#: outlets disagree by a day or two, a month value and a day value nest. Real repeats (two coups
#: in one country, two accords between the same parties) are months apart.
SAME_EVENT_DAYS = 30

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Moment:
    """When something happened or held: `value` as given, and the calendar interval it names.

    `reported` marks a publication date standing in for an unknown event date: what it dates
    was true (or had happened) *by* that day, and may have begun earlier.
    """

    value: str
    start: date
    end: date
    reported: bool = False

    @classmethod
    def parse(cls, value: str, *, where: str = "date") -> Moment:
        """The interval named by YYYY, YYYY-MM or YYYY-MM-DD; InputError for anything else."""
        try:
            return _parsed(value)
        except _Unparsable:
            return cls._parse(value, where=where)  # raises with `where` in the message

    @classmethod
    def _parse(cls, value: str, *, where: str) -> Moment:
        m = _VALUE.match(value)
        if m is None:
            raise InputError(where, f"date value {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = int(m[1]), m[2], m[3]
        try:
            if month is None:
                return cls(value, date(year, 1, 1), date(year, 12, 31))
            mon = int(month)
            if day is None:
                last = calendar.monthrange(year, mon)[1]
                return cls(value, date(year, mon, 1), date(year, mon, last))
            day_ = date(year, mon, int(day))
        except ValueError as exc:
            raise InputError(where, f"date value {value!r} is not a calendar date") from exc
        return cls(value, day_, day_)

    @classmethod
    def reported_on(cls, published: date) -> Moment:
        """A publication date standing in for the date of what the article reports."""
        return cls(published.isoformat(), published, published, reported=True)

    @property
    def days(self) -> int:
        """The interval's length in days (1 for a day): smaller is more precise."""
        return (self.end - self.start).days + 1

    def gap(self, other: Moment) -> int:
        """Days between the two intervals; 0 when they overlap (or nest)."""
        if self.end < other.start:
            return (other.start - self.end).days
        if other.end < self.start:
            return (self.start - other.end).days
        return 0

    def near(self, other: Moment) -> bool:
        """Close enough to be one event reported with different dates."""
        return self.gap(other) <= SAME_EVENT_DAYS

    def as_reported(self) -> Moment:
        """The same date read as 'by then': what it dates may have begun earlier."""
        return Moment(self.value, self.start, self.end, reported=True)


class _Unparsable(Exception):
    pass


@lru_cache(maxsize=65536)
def _parsed(value: str) -> Moment:
    """Moment.parse, cached: the same few thousand date values recur in every fold."""
    try:
        return Moment._parse(value, where="date")
    except InputError:
        raise _Unparsable from None
