"""Agreements: which security agreements bind the country, from when, until when.

Agreements are told apart by their party set (actor + counterparts, unordered) and, when both
reports name one, by the distinctive words of the name ("2012", "Liptako-Gourma"; generic words
such as "military cooperation agreement" say nothing). Rules: docs/state.md, "Agreements".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .facts import Dated, Source, merge_sources
from .moments import Moment
from .situation import Agreement

__all__ = ["fold_agreements"]

#: Words that name no particular agreement; what remains of a name tells agreements apart.
_GENERIC: frozenset[str] = frozenset((
    "a", "an", "the", "of", "on", "in", "for", "and", "with", "between", "to", "its", "their",
    "his", "her", "this", "that", "these", "those", "new", "old", "several", "some", "two",
    "three", "all", "other", "existing", "former", "current", "previous", "bilateral",
    "multilateral", "agreement", "agreements", "accord", "accords", "treaty", "treaties", "pact",
    "pacts", "memorandum", "memoranda", "mou", "mous", "deal", "deals", "arrangement",
    "arrangements", "document", "documents", "understanding", "protocol", "protocols", "charter",
    "convention", "framework", "partnership", "alliance", "cooperation", "co", "operation",
    "military", "defence", "defense", "security", "strategic", "mutual", "technical", "training",
    "assistance", "de", "la", "le", "les", "des", "du", "et", "en", "traité", "traités", "pacte",
    "pactes", "coopération", "militaire", "défense", "sécurité",
))
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _tokens(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    return frozenset(w for w in _WORD.findall(name.casefold()) if w not in _GENERIC)


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Either name is generic, or one's distinctive words are all in the other."""
    return a <= b or b <= a


@dataclass
class _Draft:
    """One agreement being folded (mutable, local to one fold)."""

    parties: frozenset[str]
    signings: dict[Moment, int] = field(default_factory=dict)  # date -> sources giving it
    ended: Moment | None = None
    end_planned: Moment | None = None
    names: dict[str, set[str]] = field(default_factory=dict)
    tokens: frozenset[str] = frozenset()
    parts: list[tuple[Source, ...]] = field(default_factory=list)

    @property
    def signed(self) -> Moment | None:
        """An event date over a publication date; then the most precise; then the best
        supported; then the earliest."""
        if not self.signings:
            return None
        return min(self.signings, key=lambda m: (m.reported, m.days, -self.signings[m],
                                                 m.start))

    def add(self, d: Dated) -> None:
        self.parts.append(d.sources)
        if d.event.agreement is not None:
            self.names.setdefault(d.event.agreement.name, set()).update(d.doc_ids)
            self.tokens |= _tokens(d.event.agreement.name)

    def sign(self, d: Dated) -> None:
        self.signings[d.moment] = self.signings.get(d.moment, 0) + len(d.doc_ids)
        self.add(d)

    def freeze(self) -> Agreement:
        return Agreement(
            parties=tuple(sorted(self.parties)), name=self._name(), signed=self.signed,
            ended=self.ended, end_planned=self.end_planned if self.ended is None else None,
            sources=merge_sources(self.parts))

    def _name(self) -> str | None:
        """The most distinctive name given; then the one most sources give."""
        if not self.names:
            return None
        return min(self.names, key=lambda n: (-len(_tokens(n)), -len(self.names[n]), n))


def _sign(drafts: list[_Draft], d: Dated, words: frozenset[str]) -> None:
    for a in reversed(drafts):
        signed = a.signed
        if signed is None or not _compatible(a.tokens, words):
            continue
        if d.moment.near(signed) or (a.ended is None and d.moment.reported):
            a.sign(d)
            return
    draft = _Draft(_parties(d))
    draft.sign(d)
    drafts.append(draft)


def _parties(d: Dated) -> frozenset[str]:
    return frozenset({d.event.actor.code, *(c.code for c in d.event.counterpart)})


def _end(drafts: list[_Draft], d: Dated, words: frozenset[str]) -> None:
    open_ = [a for a in drafts if a.ended is None and _compatible(a.tokens, words)]
    if d.event.status == "planned":
        if not open_ and not any(_compatible(a.tokens, words) for a in drafts):
            open_ = [_Draft(_parties(d))]  # an exit announced from something that exists
            drafts.append(open_[0])
        for a in open_:
            a.end_planned = a.end_planned or d.moment
            a.add(d)
        return
    if open_:
        for a in open_:  # a generic "agreements with France" ends them all
            a.ended = d.moment
            a.add(d)
        return
    ended = [a for a in drafts if _compatible(a.tokens, words)]
    if ended:
        ended[-1].add(d)  # another report of an end already folded
        return
    draft = _Draft(_parties(d), ended=d.moment)  # known only from its end
    draft.add(d)
    drafts.append(draft)


def _named_year(d: Dated) -> date | None:
    ref = d.event.agreement
    m = _YEAR.search(ref.name) if ref else None
    return date(int(m[1]), 1, 1) if m else None


def fold_agreements(dated: Sequence[Dated], country: str, *, as_of: date) -> list[Agreement]:
    """Agreements `country` is party to that were signed or ended on or before `as_of`.

    `dated` holds every visible fact, later ones too: an end after `as_of` of an agreement
    whose name carries an earlier year ("the 2012 agreement") shows it in force on `as_of`.
    """
    by_parties: dict[frozenset[str], list[Dated]] = {}
    future: list[Dated] = []
    for d in dated:
        ev = d.event
        if ev.kind not in ("agreement_signed", "agreement_ended") or country not in _parties(d):
            continue
        if ev.kind == "agreement_signed" and ev.status == "planned":
            continue  # agreed to sign, not signed
        if d.effective <= as_of:
            by_parties.setdefault(_parties(d), []).append(d)
        elif ev.kind == "agreement_ended" and ev.status != "planned":
            future.append(d)
    folded: dict[frozenset[str], list[_Draft]] = {}
    for parties in sorted(by_parties, key=sorted):
        drafts = folded.setdefault(parties, [])
        for d in sorted(by_parties[parties], key=lambda d: (
                d.effective, d.event.kind != "agreement_signed", d.tiebreak)):
            words = _tokens(d.event.agreement.name if d.event.agreement else None)
            if d.event.kind == "agreement_signed":
                _sign(drafts, d, words)
            else:
                _end(drafts, d, words)
    for d in sorted(future, key=lambda d: (d.effective, d.tiebreak)):
        year = _named_year(d)
        if year is None or year > as_of:
            continue
        words = _tokens(d.event.agreement.name if d.event.agreement else None)
        drafts = folded.setdefault(_parties(d), [])
        known = [a for a in drafts if _compatible(a.tokens, words)]
        if not known:
            draft = _Draft(_parties(d))  # in force on as_of: it existed until its later end
            draft.add(d)
            drafts.append(draft)
        elif known[-1].ended is None and not known[-1].signings:
            known[-1].add(d)
    lines = [a.freeze() for drafts in folded.values() for a in drafts]
    return sorted(lines, key=_order)


def _order(a: Agreement) -> tuple[date, tuple[str, ...], str]:
    first = a.signed or a.ended
    return (first.start if first else date.min, a.parties, a.name or "")
