"""Property tests of the date resolver: on any text and any publication date it returns None or
a DateValue of the documented shape (docs/event-record.md), and never raises."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitrep.extract.dates import is_duration, resolve_date
from sitrep.records import PRECISIONS

# Words that steer the resolver into its patterns, mixed with digits and odd separators.
_WORDS = ["in", "on", "by", "until", "last", "next", "this", "early", "mid", "late", "the",
          "end", "of", "beginning", "january", "feb.", "March", "sept", "december", "monday",
          "friday", "weekend", "week", "month", "year", "decade", "century", "summer", "winter",
          "spring", "quarter", "first", "ago", "later", "days", "two", "a", "few", "1990s",
          "'90s", "2019-20", "10/12/2023", "31.12.1999", "0", "00", "29", "30", "31", "32",
          "9999", "10000", "0001", "-", "–", "/", ".", ",", "’", "(", ")", "\u00a0", "\u0663"]
_PHRASES = st.one_of(
    st.text(max_size=500),
    st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join),
    st.lists(st.sampled_from(_WORDS), max_size=8).map("".join),
)
# The extremes matter: arithmetic near year 1 and 9999 overflows.
_PUBLISHED = st.one_of(st.none(), st.dates(),
                       st.sampled_from([date.min, date.max, date(1, 12, 31), date(9999, 1, 1)]))
# value -> precision: a day is YYYY-MM-DD, a week or a month YYYY-MM, a season or year YYYY.
_SHAPE = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-\d{2}", "month": r"\d{4}-\d{2}",
          "season": r"\d{4}", "year": r"\d{4}"}


@settings(max_examples=400, deadline=None)
@given(phrase=_PHRASES, published=_PUBLISHED, future=st.booleans())
@example(phrase="next december", published=date.max, future=True)
@example(phrase="last january", published=date.min, future=False)
@example(phrase="next century", published=date(9999, 6, 1), future=True)
@example(phrase="winter", published=date.max, future=True)
@example(phrase="early 10000", published=None, future=False)
def test_resolver_never_raises_and_keeps_its_shape(phrase: str, published: date | None,
                                                   future: bool) -> None:
    found = resolve_date(phrase, published, future=future)
    assert isinstance(is_duration(phrase), bool)
    if found is None:
        return
    assert found.precision in PRECISIONS
    assert re.fullmatch(_SHAPE[found.precision], found.value), found
    parts = [int(p) for p in found.value.split("-")]
    date(parts[0], *([*parts[1:], 1, 1][:2]))  # a real year, month and day
    assert found.text == phrase
