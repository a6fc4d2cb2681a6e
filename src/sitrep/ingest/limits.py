"""Size limits on what the readers accept, so one huge input cannot take minutes or gigabytes.

A text, HTML or feed file is read whole, so it is refused past `max_file_bytes` without being
read further. JSON Lines corpora are streamed, so they have no file limit; like every article,
each line's text is refused past `max_article_chars`, the longest text sitrep parses (spaCy's
own default limit: its parser needs memory in proportion to the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.settings import Settings

__all__ = ["ReadLimits", "text_too_long"]


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Largest input file read whole (bytes) and longest article text parsed (characters)."""

    max_article_chars: int = 1_000_000
    max_file_bytes: int = 20_000_000

    def __post_init__(self) -> None:
        if self.max_article_chars <= 0 or self.max_file_bytes <= 0:
            raise ValueError(f"limits must be above 0: {self}")

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        """The limits that the settings max_article_chars and max_file_bytes give."""
        return cls(max_article_chars=settings.max_article_chars,
                   max_file_bytes=settings.max_file_bytes)


def text_too_long(text: str, *, limit: int) -> str | None:
    """Say why an article's text is too long to parse, or None when it is not."""
    if len(text) <= limit:
        return None
    return (f"article text is {len(text)} characters, more than the limit of {limit} "
            "(setting max_article_chars); split the article or raise the limit")
