"""The date resolver: GUIDELINES rule 11 as a table, plus durations, robustness and the loader."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import ConfigError, ResourceError
from sitrep.extract.dates import _LEXICONS, _load_lexicon, is_duration, resolve_date
from sitrep.records import PRECISIONS, DateValue, Precision

THU = date(2024, 3, 7)  # a Thursday
JAN3 = date(2024, 1, 3)  # a Wednesday, just after a year boundary

# (phrase, published, future, value, precision)
CASES = [
    # absolute dates; a day with no year is the nearest on the side the tense points
    ("July 26, 2023", THU, False, "2023-07-26", "day"),
    ("26 July 2023", THU, False, "2023-07-26", "day"),
    ("2023-07-26", None, False, "2023-07-26", "day"),
    ("the 10th of December 2023", None, False, "2023-12-10", "day"),
    ("Dec. 10", THU, False, "2023-12-10", "day"),
    ("Dec. 10", THU, True, "2024-12-10", "day"),
    ("March 17", THU, False, "2023-03-17", "day"),
    ("March 7", THU, False, "2024-03-07", "day"),
    ("Thursday, March 7", THU, False, "2024-03-07", "day"),
    ("Feb. 29", date(2025, 3, 1), False, "2024-02-29", "day"),
    ("10/12/2023", THU, False, "2023-10-12", "day"),  # dateparser's month-first order
    ("in 2012", THU, False, "2012", "year"),
    ("2012", None, False, "2012", "year"),
    ("since 2012", THU, False, "2012", "year"),
    ("March 2023", None, False, "2023-03", "month"),
    ("2023-07", None, False, "2023-07", "month"),
    # months
    ("in March", THU, False, "2024-03", "month"),
    ("in May", THU, False, "2023-05", "month"),
    ("in May", THU, True, "2024-05", "month"),
    ("in February", THU, True, "2025-02", "month"),
    ("last December", THU, False, "2023-12", "month"),
    ("last December", THU, True, "2023-12", "month"),
    ("last March", THU, False, "2023-03", "month"),
    ("in December", JAN3, False, "2023-12", "month"),
    ("next month", THU, False, "2024-04", "month"),
    ("next month", date(2024, 12, 20), False, "2025-01", "month"),
    ("last month", THU, False, "2024-02", "month"),
    ("last month", JAN3, False, "2023-12", "month"),
    ("this month", THU, False, "2024-03", "month"),
    # weekdays: strictly before publication, or strictly after for a future event
    ("on Thursday", THU, False, "2024-02-29", "day"),
    ("Thursday", THU, True, "2024-03-14", "day"),
    ("on Wednesday", THU, False, "2024-03-06", "day"),
    ("last Friday", THU, False, "2024-03-01", "day"),
    ("Friday", THU, True, "2024-03-08", "day"),
    ("next Friday", THU, False, "2024-03-08", "day"),
    ("Tuesday night", THU, False, "2024-03-05", "day"),
    ("on Sunday", JAN3, False, "2023-12-31", "day"),
    # relative to the publication date
    ("yesterday", THU, False, "2024-03-06", "day"),
    ("today", THU, False, "2024-03-07", "day"),
    ("yesterday", date(2024, 3, 1), False, "2024-02-29", "day"),
    ("three days ago", THU, False, "2024-03-04", "day"),
    ("this week", THU, False, "2024-03", "week"),
    ("last week", date(2024, 3, 2), False, "2024-02", "week"),
    ("last week", JAN3, False, "2023-12", "week"),
    ("a few days ago", THU, False, "2024-03", "week"),
    ("last weekend", THU, False, "2024-03", "week"),
    ("a year ago", THU, False, "2023-03", "month"),
    ("two years ago", THU, False, "2022-03", "month"),
    ("a year ago", date(2024, 2, 29), False, "2023-02", "month"),
    ("two weeks from now", THU, False, "2024-03", "week"),
    ("in two weeks", date(2024, 3, 25), True, "2024-04", "week"),
    ("last year", THU, False, "2023", "year"),
    ("last year", JAN3, False, "2023", "year"),
    ("this year", THU, False, "2024", "year"),
    ("earlier this year", THU, False, "2024", "year"),
    ("earlier this month", THU, False, "2024-03", "month"),
    # seasons: the year of the season (a winter: of its month nearest publication)
    ("last summer", date(2024, 5, 15), False, "2023", "season"),
    ("last summer", date(2024, 11, 15), False, "2024", "season"),
    ("last summer", date(2024, 7, 15), False, "2023", "season"),
    ("this spring", THU, False, "2024", "season"),
    ("in the autumn of 2022", THU, False, "2022", "season"),
    ("summer", THU, False, "2023", "season"),
    ("summer", THU, True, "2024", "season"),
    ("winter", date(2024, 1, 20), False, "2024", "season"),
    ("last winter", date(2024, 1, 20), False, "2023", "season"),
    ("last winter", date(2024, 10, 1), False, "2024", "season"),
    ("next winter", THU, False, "2024", "season"),
    # parts of a year or month
    ("early 2023", THU, False, "2023", "year"),
    ("late 2022", THU, False, "2022", "year"),
    ("mid-2021", THU, False, "2021", "year"),
    ("late last year", THU, False, "2023", "year"),
    ("in late November", THU, False, "2023-11", "month"),
    ("early March", THU, False, "2024-03", "month"),
    ("mid-September", THU, True, "2024-09", "month"),
    ("the end of the year", THU, False, "2024-12", "month"),
    ("the end of the month", THU, False, "2024-03", "month"),
    ("the end of 2024", None, False, "2024-12", "month"),
    ("the end of last year", THU, False, "2023-12", "month"),
    ("the beginning of next year", THU, False, "2025-01", "month"),
    # deadlines look forward whatever the tense
    ("by mid-September", THU, False, "2024-09", "month"),
    ("by mid-September", date(2024, 10, 1), False, "2025-09", "month"),
    ("by the end of the year", THU, False, "2024-12", "month"),
    ("by Friday", date(2024, 3, 8), False, "2024-03-15", "day"),
    ("by 2025", THU, False, "2025", "year"),
    ("no later than March", date(2024, 5, 1), False, "2025-03", "month"),
    ("by year-end", THU, False, "2024-12", "month"),
    ("by Christmas", THU, False, "2024-12-25", "day"),
    # quarters give their year; a range its shared month or year
    ("the first quarter of 2024", THU, False, "2024", "year"),
    ("Q3 2023", None, False, "2023", "year"),
    ("the last quarter of the year", THU, False, "2024", "year"),
    ("between March and May 2023", THU, False, "2023", "year"),
    ("from May 3 to May 10, 2023", THU, False, "2023-05", "month"),
]

NO_DATE = [
    ("the 1990s", THU, False),
    ("the mid-1990s", THU, False),
    ("between 2019 and 2021", THU, False),
    ("from 2019 to 2021", THU, False),
    ("2019-20", THU, False),
    ("the third quarter", THU, False),  # of which year?
    ("in two weeks", THU, False),  # past tense: a duration
    ("for weeks", THU, False),
    ("for three years", THU, False),
    ("two months", THU, False),
    ("daily", THU, False),
    ("every year", THU, False),
    ("decades", THU, False),
    ("the past decade", THU, False),
    ("months", THU, False),
    ("a few months ago", THU, False),  # no honest month
    ("the same day", THU, False),
    ("two days later", THU, False),
    ("the following week", THU, False),
    ("three days after March 1", THU, False),
    ("now", THU, False),
    ("", THU, False),
    ("   ", THU, False),
    ("🙂🙂", THU, False),
    ("garbage words here", THU, False),
    ("Feb. 30, 2023", THU, False),
    ("last summer " * 500, THU, False),
    # relative phrases need a publication date
    ("yesterday", None, False),
    ("last summer", None, False),
    ("Dec. 10", None, False),
    ("on Thursday", None, False),
    ("this week", None, False),
    ("the end of the year", None, True),
]

DURATIONS = [
    "for weeks", "for three years", "three years", "two months", "daily", "every year",
    "decades", "the past decade", "months", "over the past week", "the coming weeks",
    "in recent years", "the last three years", "a year and a half", "twice a year",
    "every Friday", "24 hours", "all year", "year-round", "decades-long", "a 10-year",
]
NOT_DURATIONS = [
    "last year", "next week", "this week", "a year ago", "two days later", "July 26, 2023",
    "last summer", "the end of the year", "on Thursday", "the year", "", "🙂",
]


@pytest.mark.parametrize(("phrase", "published", "future", "value", "precision"), CASES)
def test_resolves(
    phrase: str, published: date | None, future: bool, value: str, precision: Precision
) -> None:
    assert resolve_date(phrase, published, future=future) == DateValue(value, precision, phrase)


@pytest.mark.parametrize(("phrase", "published", "future"), NO_DATE)
def test_names_no_point_in_time(phrase: str, published: date | None, future: bool) -> None:
    assert resolve_date(phrase, published, future=future) is None


@pytest.mark.parametrize("phrase", DURATIONS)
def test_is_duration(phrase: str) -> None:
    assert is_duration(phrase)


@pytest.mark.parametrize("phrase", NOT_DURATIONS)
def test_is_not_duration(phrase: str) -> None:
    assert not is_duration(phrase)


def test_keeps_phrase_as_given_and_accepts_datetime() -> None:
    found = resolve_date("  Last  Summer ", datetime(2024, 5, 15, 13, 30))
    assert found == DateValue("2023", "season", "  Last  Summer ")


def test_unknown_language_names_missing_file() -> None:
    with pytest.raises(ResourceError, match=r"lexicons/xx/dates\.yaml"):
        resolve_date("today", THU, lang="xx")


def test_malformed_language_code_is_config_error() -> None:
    with pytest.raises(ConfigError):
        is_duration("today", lang="../en")


_VOCABULARY = sorted({
    w for line in (_LEXICONS / "en" / "dates.yaml").read_text(encoding="utf-8").splitlines()
    for w in re.findall(r"[a-z][a-z' -]*", line.split("#")[0])
} | {"2023", "10", "31", "-", "/", ".", ",", "1990s", "29", "2019-20"})
_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.one_of(
        st.text(max_size=60),
        st.lists(st.sampled_from(_VOCABULARY), max_size=6).map(" ".join),
    ),
    published=st.one_of(st.none(), st.dates()),
    future=st.booleans(),
)
def test_never_raises_and_values_are_valid(
    phrase: str, published: date | None, future: bool
) -> None:
    found = resolve_date(phrase, published, future=future)
    assert isinstance(is_duration(phrase), bool)
    if found is not None:
        assert _VALUE.fullmatch(found.value), found
        date(*[int(p) for p in (found.value + "-01-01").split("-")[:3]])  # a real date
        assert found.precision in PRECISIONS
        assert found.text == phrase


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dates.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda t: t.replace("months:\n", "months: [\n", 1), "not valid YAML"),
        (lambda t: t.replace("\nweekend:", "\nweekends:", 1), "missing keys: weekend"),
        (lambda t: t.replace("  december: 12\n", "  december: 13\n", 1), "months.december"),
        (lambda t: t.replace('  - "on"  #', "  - on  #", 1), "prefixes: True"),
        (lambda t: t.replace("winter: [12, 1, 2]", "winter: [12, 2]", 1), "seasons.winter"),
        (lambda t: t.replace("decade: decade", "decade: lustrum", 1), "units.decade"),
        (lambda t: "just a string\n", "expected a non-empty mapping"),
    ],
)
def test_broken_lexicon_raises_naming_the_file(
    tmp_path: Path, edit: Callable[[str], str], problem: str
) -> None:
    good = (_LEXICONS / "en" / "dates.yaml").read_text(encoding="utf-8")
    path = _write(tmp_path, edit(good))
    with pytest.raises(ResourceError, match=re.escape(problem)) as caught:
        _load_lexicon(path)
    assert str(path) in str(caught.value)


def test_shipped_lexicon_loads() -> None:
    lexicon = _load_lexicon(_LEXICONS / "en" / "dates.yaml")
    assert lexicon.ints["months"]["sept"] == 9
    assert lexicon.seasons["winter"] == (12, 1, 2)
