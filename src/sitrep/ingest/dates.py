"""Publication dates of inputs: strict ISO parsing for user data, lenient parsing for metadata.

Both keep the calendar date *as written*, in the writer's own time zone, and never convert to
UTC: "2024-05-11T23:30:00-05:00" is 2024-05-11. The publisher's local day is the reference that
"yesterday" or "on Tuesday" in the article text is relative to; converting to UTC would move
late-evening articles to the next day.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime

from sitrep.errors import InputError

__all__ = ["parse_loose_date", "parse_published"]

_EXAMPLES = "use ISO 8601, e.g. 2024-05-11, 2024-05-11T08:30:00Z or 2024-05-11 08:30"
# A leading YYYY-MM-DD is enough for metadata values such as "2024-03-02T10:00:00.000000000+0000"
# whose tail some parsers reject.
_ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")


def parse_published(value: str, *, source: str, line: int | None = None) -> date:
    """Parse an ISO 8601 date or date-time into its calendar date, or raise InputError.

    Accepted: "2024-05-11", "2024-05-11T08:30:00Z", "2024-05-11 08:30", with optional seconds,
    fractions and UTC offset. The date is the one written, not converted to UTC.
    """
    text = value.strip()
    if not text:
        raise InputError(source, f"no date given; {_EXAMPLES}", line=line)
    try:
        # datetime.fromisoformat (3.11) takes dates and date-times alike, with "Z" and offsets.
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise InputError(source, f"{value!r} is not a date; {_EXAMPLES}", line=line)


def parse_loose_date(value: str) -> date | None:
    """Read a date from page or feed metadata: ISO 8601 or RFC 2822; None when unreadable."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    match = _ISO_PREFIX.match(text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    try:
        # RFC 2822 ("Sat, 11 May 2024 23:30:00 -0500"), the RSS pubDate format.
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    """date(year, month, day), or None when the parts do not make a real day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
