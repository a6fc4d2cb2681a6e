"""The state gold file: its queries, what each expects, and one validating loader.

A line of tests/gold/state/queries.jsonl names a country, an `as_of` day, optionally a
`known_at` day, the corpus it is asked of, and what a correct situation report says: every
foreign presence line, every agreement line, the government. The format and the annotation
rules are in tests/gold/state/README.md; `sitrep.evaluate_state` scores situations against it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .evaluate import date_ok

__all__ = [
    "ExpectedAgreement", "ExpectedGovernment", "ExpectedPresence", "StateQuery",
    "read_state_queries",
]

SECTIONS: tuple[str, ...] = ("presence", "agreements", "government")
CORPORA: frozenset[str] = frozenset({"demo", "gold"})
STATUSES: frozenset[str] = frozenset({"present", "withdrawal_planned", "withdrawing", "ended"})

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_QUERY_KEYS = frozenset({"id", "corpus", "country", "as_of", "known_at", "expect", "note"})
_PRESENCE_KEYS = frozenset({"actor", "status", "since", "until", "troops", "optional"})
_AGREEMENT_KEYS = frozenset({"parties", "in_force", "optional"})


class _Bad(ValueError):
    """A problem with one query line; read_state_queries adds the file and the line."""


@dataclass(frozen=True, slots=True)
class ExpectedPresence:
    """One expected presence line: any of `actors`, in any of `statuses`."""

    actors: tuple[str, ...]
    statuses: tuple[str, ...]
    since: str | None = None
    until: str | None = None
    troops: int | None = None
    optional: bool = False

    def fits(self, line: Mapping[str, Any]) -> bool:
        """Whether a predicted presence line is this one (actor and status)."""
        return line.get("actor") in self.actors and line.get("status") in self.statuses

    def checks(self, line: Mapping[str, Any]) -> dict[str, bool]:
        """Each attribute the gold gives, and whether the predicted line has it right."""
        out: dict[str, bool] = {}
        for name in ("since", "until"):
            gold = getattr(self, name)
            if gold is not None:
                out[name] = date_ok(gold, line.get(name))
        if self.troops is not None:
            out["troops"] = line.get("troops") == self.troops
        return out

    def to_dict(self) -> dict[str, Any]:
        """The line as in the query file (lists joined by '|'), for listings."""
        out: dict[str, Any] = {"actor": "|".join(self.actors), "status": "|".join(self.statuses)}
        out.update({k: v for k, v in (("since", self.since), ("until", self.until),
                                      ("troops", self.troops)) if v is not None})
        return out | ({"optional": True} if self.optional else {})


@dataclass(frozen=True, slots=True)
class ExpectedAgreement:
    """One expected agreement line; `in_force` None accepts either value."""

    parties: tuple[str, ...]
    in_force: bool | None
    optional: bool = False

    def fits(self, line: Mapping[str, Any]) -> bool:
        """Whether a predicted agreement line is this one (parties and in_force)."""
        parties = tuple(sorted(line.get("parties") or ()))
        return parties == self.parties and (self.in_force is None
                                            or line.get("in_force") is self.in_force)

    def checks(self, line: Mapping[str, Any]) -> dict[str, bool]:
        """Agreements carry no checked attribute."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        """The line as in the query file, for listings."""
        out: dict[str, Any] = {"parties": list(self.parties), "in_force": self.in_force}
        return out | ({"optional": True} if self.optional else {})


@dataclass(frozen=True, slots=True)
class ExpectedGovernment:
    """The expected government: how it took power and since when (a date prefix)."""

    how: str
    since: str | None
    optional: bool = False  # a government is never optional; kept for the matcher

    def fits(self, line: Mapping[str, Any]) -> bool:
        """Whether the predicted government is this one (how, and since as a prefix)."""
        return line.get("how") == self.how and (self.since is None
                                                or date_ok(self.since, line.get("since")))

    def checks(self, line: Mapping[str, Any]) -> dict[str, bool]:
        """The date is part of the match, so nothing is left to check."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        """The line as in the query file, for listings."""
        return {"how": self.how, "since": self.since}


@dataclass(frozen=True, slots=True)
class StateQuery:
    """One gold query: the situation of `country` on `as_of`, as known at `known_at`."""

    id: str
    corpus: str
    country: str
    as_of: date
    known_at: date | None
    presence: tuple[ExpectedPresence, ...]
    agreements: tuple[ExpectedAgreement, ...]
    government: ExpectedGovernment | None
    note: str


def read_state_queries(path: str | Path) -> list[StateQuery]:
    """The queries of a state gold file; InputError naming the line for a malformed one."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    queries: list[StateQuery] = []
    seen: dict[str, int] = {}
    for n, line in lines:
        try:
            query = _query(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", line=n) from exc
        except _Bad as exc:
            raise InputError(str(path), str(exc), line=n) from exc
        if query.id in seen:
            raise InputError(str(path), f"duplicate id {query.id!r} (first on line "
                             f"{seen[query.id]})", line=n)
        seen[query.id] = n
        queries.append(query)
    if not queries:
        raise InputError(str(path), "no queries: write one JSON object per line")
    return queries


def _query(row: Any) -> StateQuery:
    fields = _object(row, "a query", _QUERY_KEYS, required=_QUERY_KEYS)
    expect = _object(fields["expect"], "expect", frozenset(SECTIONS), required=frozenset(SECTIONS))
    corpus = fields["corpus"]
    if corpus not in CORPORA:
        raise _Bad(f"corpus {corpus!r} is not one of {sorted(CORPORA)}")
    presence, agreements = expect["presence"], expect["agreements"]
    if not isinstance(presence, list) or not isinstance(agreements, list):
        raise _Bad("expect.presence and expect.agreements must be lists (empty for none)")
    gov = expect["government"]
    return StateQuery(
        id=_text(fields["id"], "id"), corpus=corpus, country=_code(fields["country"], "country"),
        as_of=_day(fields["as_of"], "as_of"),
        known_at=None if fields["known_at"] is None else _day(fields["known_at"], "known_at"),
        presence=tuple(_presence(p) for p in presence),
        agreements=tuple(_agreement(a) for a in agreements),
        government=None if gov is None else _government(gov),
        note=_text(fields["note"], "note"),
    )


def _presence(row: Any) -> ExpectedPresence:
    fields = _object(row, "a presence line", _PRESENCE_KEYS,
                     required=frozenset({"actor", "status"}))
    statuses = _strings(fields["status"], "status")
    if not set(statuses) <= STATUSES:
        raise _Bad(f"status {fields['status']!r}: each must be one of {sorted(STATUSES)}")
    until = _prefix(fields.get("until"), "until")
    if until is not None and "ended" not in statuses:
        raise _Bad("until is given only for an ended presence")
    if until is None and statuses == ("ended",):
        raise _Bad("an ended presence needs its until (a date prefix)")
    troops = fields.get("troops")
    if troops is not None and (not isinstance(troops, int) or isinstance(troops, bool)
                               or troops < 1):
        raise _Bad(f"troops {troops!r} is not a positive whole number")
    return ExpectedPresence(
        actors=tuple(_code(c, "actor") for c in _strings(fields["actor"], "actor")),
        statuses=statuses, since=_prefix(fields.get("since"), "since"), until=until,
        troops=troops, optional=_flag(fields.get("optional")))


def _agreement(row: Any) -> ExpectedAgreement:
    fields = _object(row, "an agreement line", _AGREEMENT_KEYS,
                     required=frozenset({"parties", "in_force"}))
    parties = fields["parties"]
    if not isinstance(parties, list) or len(set(parties)) < 2 or len(set(parties)) != len(parties):
        raise _Bad(f"parties {parties!r}: a list of two or more different codes")
    in_force = fields["in_force"]
    if in_force is not None and not isinstance(in_force, bool):
        raise _Bad(f"in_force {in_force!r}: true, false or null (either)")
    return ExpectedAgreement(parties=tuple(sorted(_code(p, "parties") for p in parties)),
                             in_force=in_force, optional=_flag(fields.get("optional")))


def _government(row: Any) -> ExpectedGovernment:
    fields = _object(row, "government", frozenset({"how", "since"}), required=frozenset({"how"}))
    if fields["how"] != "coup":
        raise _Bad(f"government.how {fields['how']!r}: only 'coup' is known")
    return ExpectedGovernment(how="coup", since=_prefix(fields.get("since"), "government.since"))


def _object(row: Any, what: str, allowed: frozenset[str], *,
            required: frozenset[str]) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise _Bad(f"{what} must be a JSON object")
    unknown = sorted(set(row) - allowed)
    if unknown:
        raise _Bad(f"{what} has unknown keys {unknown}; allowed: {sorted(allowed)}")
    missing = sorted(required - set(row))
    if missing:
        raise _Bad(f"{what} lacks {missing}")
    return row


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"{key} must be a non-empty string")
    return value


def _code(value: Any, key: str) -> str:
    if not isinstance(value, str) or not _CODE.match(value):
        raise _Bad(f"{key} {value!r} is not a code (NER, USA, ECOWAS, WAGNER...)")
    return value


def _strings(value: Any, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise _Bad(f"{key} must be a string or a non-empty list of strings")
    return tuple(items)


def _day(value: Any, key: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Bad(f"{key} {value!r} is not a day (YYYY-MM-DD)") from None


def _prefix(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _PREFIX.match(value):
        raise _Bad(f"{key} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = [*value.split("-"), "01", "01"][:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        raise _Bad(f"{key} {value!r} is not a calendar date") from None
    return value


def _flag(value: Any) -> bool:
    if value is not None and not isinstance(value, bool):
        raise _Bad(f"optional {value!r} must be true or false")
    return bool(value)
