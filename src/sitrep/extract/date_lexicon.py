"""The date vocabulary of one language (resources/lexicons/<lang>/dates.yaml), validated.

Split from extract/dates.py: this module only reads and checks the words; dates.py turns
them into patterns and resolves phrases. A broken file raises ResourceError naming it (and
the line of a YAML syntax error).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

from ..datafiles import read_yaml
from ..errors import ResourceError

__all__ = ["UNIT_KINDS", "DateLexicon", "load_date_lexicon"]

#: the time units a unit word may name (dates.py knows how to shift by each)
UNIT_KINDS = ("hour", "day", "week", "fortnight", "month", "year", "decade", "century")

_WORD_LISTS = (
    "times_of_day", "last", "last_after", "next", "next_after", "this", "this_after", "articles",
    "of", "parts_vague", "parts_start", "parts_end", "ordinal_suffixes", "year_end", "weekend",
    "quarter", "vague_counts", "ago", "ago_before", "forward_before", "forward_after",
    "deadline", "prefixes", "range_between", "range_and", "range_from", "range_to",
    "duration_prefixes", "duration_weak_prefixes", "duration_modifiers",
    "duration_weak_modifiers", "duration_half", "duration_long", "duration_words", "every",
    "times", "per",
)
# key -> (lowest, highest, whether every value in between needs a word)
_INT_MAPS: Mapping[str, tuple[int, int, bool]] = MappingProxyType({
    "months": (1, 12, True), "weekdays": (0, 6, True), "days": (-31, 31, False),
    "quarters": (1, 4, False), "quarters_short": (1, 4, False), "numbers": (1, 1000, False),
    "times_words": (1, 100, False),
})
@dataclass(frozen=True, slots=True)
class DateLexicon:
    """One language's date vocabulary, checked."""

    words: Mapping[str, tuple[str, ...]]
    ints: Mapping[str, Mapping[str, int]]
    seasons: Mapping[str, tuple[int, ...]]
    holidays: Mapping[str, tuple[int, ...]]
    units: Mapping[str, tuple[str, bool]]  # word -> (kind, is plural)


def _fail(path: Path, problem: str, line: int | None = None) -> NoReturn:
    raise ResourceError(str(path), problem + " (see lexicons/en/dates.yaml)", line=line)


def _word(path: Path, key: str, word: object) -> str:
    if not isinstance(word, str) or not word or word != " ".join(word.lower().split()):
        _fail(path, f"{key}: {word!r} must be lower-case text with single spaces")
    return word


def _mapping(path: Path, key: str, value: object) -> dict[str, object]:
    if not isinstance(value, dict) or not value:
        _fail(path, f"{key}: expected a non-empty mapping")
    return {_word(path, key, word): item for word, item in value.items()}


def _whole(path: Path, key: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        _fail(path, f"{key}: {value!r} is not a whole number in {low}..{high}")
    return value


def _numbers(path: Path, key: str, value: object, size: range) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) not in size:
        _fail(path, f"{key}: expected a list of {size.start}..{size.stop - 1} numbers")
    return tuple(_whole(path, key, v, 1, 31) for v in value)


@lru_cache(maxsize=8)
def load_date_lexicon(path: Path) -> DateLexicon:
    """Read and check one dates.yaml; a bad file raises ResourceError naming it."""
    try:
        data = read_yaml(path, "the date vocabulary")
    except ResourceError as exc:
        _fail(path, exc.problem, exc.line)
    keys = {*_WORD_LISTS, *_INT_MAPS, "version", "lang", "seasons", "holidays", "units",
            "units_plural"}
    data = _mapping(path, "the file", data)
    if missing := sorted(keys - data.keys()):
        _fail(path, f"missing keys: {', '.join(missing)}")
    if unknown := sorted(data.keys() - keys):
        _fail(path, f"unknown keys (a typo?): {', '.join(unknown)}")
    _whole(path, "version", data["version"], 1, 1000)
    words = {}
    for key in _WORD_LISTS:
        value = data[key]
        if not isinstance(value, list):
            _fail(path, f"{key}: expected a list of words")
        words[key] = tuple(_word(path, key, word) for word in value)
    ints = {}
    for key, (low, high, complete) in _INT_MAPS.items():
        ints[key] = MappingProxyType({w: _whole(path, f"{key}.{w}", n, low, high)
                                      for w, n in _mapping(path, key, data[key]).items()})
        if complete and set(ints[key].values()) != set(range(low, high + 1)):
            _fail(path, f"{key}: every value {low}..{high} needs a word")
    seasons = {w: _numbers(path, f"seasons.{w}", v, range(1, 12))
               for w, v in _mapping(path, "seasons", data["seasons"]).items()}
    for name, months in seasons.items():
        if max(months) > 12 or any((b - a) % 12 != 1 for a, b in pairwise(months)):
            _fail(path, f"seasons.{name}: months must be consecutive, 1..12")
    holidays = {w: _numbers(path, f"holidays.{w}", v, range(2, 3))
                for w, v in _mapping(path, "holidays", data["holidays"]).items()}
    for name, (month, day) in holidays.items():
        if month > 12 or day > monthrange(2000, month)[1]:  # 2000 is leap: [2, 29] passes
            _fail(path, f"holidays.{name}: [{month}, {day}] is not a [month, day]")
    units = {}
    for key, plural in (("units", False), ("units_plural", True)):
        for word, kind in _mapping(path, key, data[key]).items():
            if not isinstance(kind, str) or kind not in UNIT_KINDS:
                _fail(path, f"{key}.{word}: {kind!r} is not one of {', '.join(UNIT_KINDS)}")
            units[word] = (kind, plural)
    return DateLexicon(MappingProxyType(words), MappingProxyType(ints), MappingProxyType(seasons),
                    MappingProxyType(holidays), MappingProxyType(units))
