"""Troop counts: "all 1,000 US combat troops", "some 1,500 soldiers", "a contingent of 120".

Vague amounts ("hundreds of troops", "several thousand", "dozens of", "a few dozen") give None:
GUIDELINES rule 12. "A dozen" is 12 and "two dozen" 24. A bound is a count: "fewer than 100",
"up to 300", "more than 15,000" give the number stated, as the guidelines do for "more than"
and "almost" (the text names no other figure, and an analyst reads it as the size).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["number_value", "troops_of"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
#: words that make a number vague: "a few dozen", "several hundred", "many thousands".
_VAGUE = frozenset({"few", "several", "many", "couple"})
#: the largest count we believe for one event; beyond it the number is a misparse.
_MAX = 2_000_000
_NUM = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def number_value(text: str) -> int | None:
    """Parse "1,000", "1.5 million", "two thousand", "120" -> int; None for anything vaguer."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if _NUM.match(w):
            current += float(w.replace(",", ""))
            seen = True
        elif w in _WORDS and (w not in ("a", "an") or len(words) > 1):
            current += _WORDS[w]
            seen = True
        elif (w in _SCALES and seen) or (w in _SCALES and current):
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
        elif w in ("and",):
            continue
        else:
            return None
    value = int(total + current)
    return value if seen and 0 < value <= _MAX else None


def _count_tokens(noun: Any) -> list[Any]:
    # "two dozen US soldiers": the parser hangs "dozen" on "two" or makes it the nummod itself
    nums = [c for c in noun.children if c.dep_ == "nummod"
            and (c.like_num or c.lower_ in _SCALES)]
    if nums:
        num = nums[0]
        if any(t.lower_ in _VAGUE for t in num.subtree):
            return []  # "a few dozen instructors", "several hundred troops"
        parts = [t for t in num.subtree if t.like_num or t.lower_ in _SCALES
                 or (t.lower_ in ("a", "an") and t.i < num.i)]
        return sorted(parts, key=lambda t: t.i)
    return []


def troops_of(theme_tokens: list[Any], personnel: Callable[[Any], bool]) -> int | None:
    """The personnel count stated on the forces nouns of an event, if any.

    `personnel` tells nouns that count people ("soldiers", "a force of") from the rest of the
    forces vocabulary ("two bases", "six decades of presence").
    """
    nouns: list[Any] = []
    for noun in theme_tokens:
        nouns.append(noun)
        # "a brigade of about 3,000 soldiers": the unit's people are counted in its "of" phrase
        nouns += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" and personnel(p)]
    for noun in nouns:
        if not personnel(noun):
            continue
        toks = _count_tokens(noun)
        # "75 US special forces soldiers": the count hangs on the compound before the noun
        for c in noun.children:
            if not toks and c.dep_ == "compound" and personnel(c):
                toks = _count_tokens(c)
        if not toks:
            head = noun.head
            if noun.dep_ == "pobj" and head.lower_ == "of":
                # "some 1,700 of the soldiers", "a contingent of 120 troops"
                outer = head.head
                if outer.like_num:
                    toks = [outer]
                elif personnel(outer):
                    toks = _count_tokens(outer)
            for c in noun.children:
                if not toks and c.dep_ == "prep" and c.lower_ == "of":
                    toks = [p for p in c.children if p.dep_ == "pobj" and p.like_num]
        if toks:
            value = number_value(" ".join(t.text for t in toks))
            if value is not None:
                return value
    return None
