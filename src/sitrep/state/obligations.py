"""Obligations: who is bound to come to whose defence, by an agreement in force.

An agreement carries a mutual-defence obligation when its name or a sentence reporting it
says so ("binding the three countries to assist one another", "collective defence", "an attack
on one is an attack on all"), or when NATO is a party (Article 5). The phrases are kept here,
not in a data file, because the fold reads no files; English and French, like the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .facts import Source
from .situation import Agreement, Obligation

__all__ = ["fold_obligations"]

_MUTUAL = re.compile(
    r"\bmutual[\s-]+(?:defen[cs]e|assistance|aid|protection|security)"
    r"|\bcollective[\s-]+(?:defen[cs]e|security|self[\s-]defen[cs]e)"
    r"|\b(?:assist|defend|help|aid|protect)\s+(?:one\s+another|each\s+other)\b"
    r"|\b(?:assist|defend|aid)\s+(?:all\s+)?(?:the\s+others?|every\s+other)\b"
    r"|\bcome\s+to\s+(?:one\s+another|each\s+other)['’]?s?\s+(?:aid|assistance|defen[cs]e|help)"
    r"|\battack\s+(?:on|against)\b[^.;]{0,80}?\b(?:one|any)\b[^.;]{0,80}?"
    r"\b(?:on|against)\s+(?:them\s+)?(?:all|every|the\s+others?)\b"
    r"|\barticle\s+5\b"
    r"|\bdéfense\s+(?:mutuelle|collective)|\bassistance\s+mutuelle"
    r"|\bse\s+port\w*\s+(?:mutuellement\s+)?(?:assistance|secours)",
    re.IGNORECASE,
)
_ALLIANCES = frozenset({"NATO"})


def _says_mutual(source: Source) -> bool:
    return any(_MUTUAL.search(e.text) for e in source.evidence)


def fold_obligations(agreements: Sequence[Agreement]) -> list[Obligation]:
    """One mutual-defence obligation per agreement in force that carries one."""
    lines = []
    for a in agreements:
        if not a.in_force:
            continue
        by_evidence = tuple(s for s in a.sources if _says_mutual(s))
        if by_evidence:
            sources = by_evidence
        elif (a.name and _MUTUAL.search(a.name)) or _ALLIANCES & set(a.parties):
            sources = a.sources
        else:
            continue
        lines.append(Obligation(members=a.parties, obligation="mutual defence",
                                agreement=a.name, since=a.signed, sources=sources))
    return sorted(lines, key=lambda o: (o.members, o.since.start if o.since else date.min,
                                        o.agreement or ""))
