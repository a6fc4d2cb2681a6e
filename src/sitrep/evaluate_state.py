"""Score derived situations against the state gold set (tests/gold/state/queries.jsonl).

Lines match one-to-one per section: presence on (actor, status), agreements on (sorted
parties, in_force), government on (how, since). Required lines are matched first, each taking
the fitting predicted line with the most right attributes; optional lines then absorb what they
fit. Matched required lines are true positives and are checked for the `since`, `until` and
`troops` the gold gives; unmatched required lines are misses, unmatched predicted lines extras.
Dates follow `sitrep evaluate`: the gold value is a prefix of the predicted one, which is at
least as precise. The query file and its loader: `sitrep.state_queries`.

Pure: no SQL, no files. The gate test (tests/test_state_gold.py) and shells call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import InputError
from .evaluate import Rates
from .state import Fact, Situation, derive_state
from .state_queries import (
    SECTIONS,
    ExpectedAgreement,
    ExpectedGovernment,
    ExpectedPresence,
    StateQuery,
    read_state_queries,
)

__all__ = [
    "ExpectedAgreement", "ExpectedGovernment", "ExpectedPresence", "SectionScore", "StateQuery",
    "StateScores", "read_state_queries", "score_state", "situations", "state_for",
]

ATTRIBUTES: tuple[str, ...] = ("since", "until", "troops")


@dataclass(frozen=True, slots=True)
class SectionScore(Rates):
    """Line counts of one section (or of all of them)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: SectionScore) -> SectionScore:
        return SectionScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


#: (query id, section, the line): a miss holds the expected line, an extra the predicted one
Line = tuple[str, str, dict[str, Any]]
#: (query id, section, attribute, the expected line, the predicted value)
Wrong = tuple[str, str, str, dict[str, Any], Any]


@dataclass(frozen=True, slots=True)
class StateScores:
    """Figures of one run over the state gold set, with what was missed and added."""

    queries: int
    sections: Mapping[str, SectionScore]
    attributes: Mapping[str, tuple[int, int]]  # name -> (right, checked)
    misses: tuple[Line, ...]
    extras: tuple[Line, ...]
    wrong: tuple[Wrong, ...]

    @property
    def overall(self) -> SectionScore:
        """All sections together: its precision, recall and f1 are the headline figures."""
        total = SectionScore()
        for s in self.sections.values():
            total = total + s
        return total

    def accuracy(self, name: str) -> float | None:
        """Share of matched lines whose given `name` (since, until, troops) is right."""
        right, checked = self.attributes.get(name, (0, 0))
        return right / checked if checked else None

    def summary(self) -> dict[str, Any]:
        """Rounded figures: overall, per section (`presence_f1`...), attribute accuracies."""
        out: dict[str, Any] = {"queries": self.queries}
        for name, s in (("", self.overall), *((f"{k}_", v) for k, v in self.sections.items())):
            out |= {f"{name}precision": round(s.precision, 3), f"{name}recall": round(s.recall, 3),
                    f"{name}f1": round(s.f1, 3), f"{name}tp": s.tp, f"{name}fp": s.fp,
                    f"{name}fn": s.fn}
        for name in ATTRIBUTES:
            acc = self.accuracy(name)
            out[f"{name}_acc"] = None if acc is None else round(acc, 3)
            out[f"{name}_n"] = self.attributes.get(name, (0, 0))[1]
        return out

    def details(self) -> list[str]:
        """One line per miss, extra and wrong attribute, for a `--details` listing."""
        rows = [f"miss  {qid} {section}: {_show(line)}" for qid, section, line in self.misses]
        rows += [f"extra {qid} {section}: {_show(line)}" for qid, section, line in self.extras]
        rows += [f"wrong {qid} {section} {_show(line)}: {name} gold={line.get(name)!r} "
                 f"got={got!r}" for qid, section, name, line, got in self.wrong]
        return rows


def _show(line: Mapping[str, Any]) -> str:
    return " ".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in line.items())


def state_for(query: StateQuery, facts: Iterable[Fact]) -> Situation:
    """The situation `derive_state` gives for the query's country and dates."""
    return derive_state(facts, query.country, as_of=query.as_of, known_at=query.known_at)


def situations(queries: Iterable[StateQuery], facts: Mapping[str, Sequence[Fact]]
               ) -> Iterator[tuple[StateQuery, dict[str, Any]]]:
    """Each query with `Situation.to_dict()` over the facts of its corpus: what score_state
    takes. `facts` maps a corpus name ("demo", "gold") to its facts."""
    for query in queries:
        if query.corpus not in facts:
            raise InputError(query.id, f"no facts given for corpus {query.corpus!r}")
        yield query, state_for(query, facts[query.corpus]).to_dict()


_E = TypeVar("_E", ExpectedPresence, ExpectedAgreement, ExpectedGovernment)


def _match(expected: Sequence[_E], predicted: Sequence[Mapping[str, Any]]
           ) -> tuple[list[tuple[_E, Mapping[str, Any]]], list[_E], list[Mapping[str, Any]]]:
    """One-to-one: required lines first, each taking the fitting line with most right
    attributes (then the first); returns matched pairs, unmatched expected, unmatched predicted."""
    used: set[int] = set()
    pairs: list[tuple[_E, Mapping[str, Any]]] = []
    missed: list[_E] = []
    for exp in sorted(expected, key=lambda e: e.optional):
        fitting = [i for i, p in enumerate(predicted) if i not in used and exp.fits(p)]
        if not fitting:
            missed.append(exp)
            continue
        best = max(fitting, key=lambda i: (sum(exp.checks(predicted[i]).values()), -i))
        used.add(best)
        pairs.append((exp, predicted[best]))
    return pairs, missed, [p for i, p in enumerate(predicted) if i not in used]


_SHOWN = {
    "presence": ("actor", "status", "since", "until", "troops"),
    "agreements": ("parties", "in_force", "name", "signed", "ended"),
    "government": ("how", "since"),
}


def _brief(section: str, line: Mapping[str, Any]) -> dict[str, Any]:
    return {k: line.get(k) for k in _SHOWN[section] if line.get(k) is not None}


def score_state(pairs: Iterable[tuple[StateQuery, Mapping[str, Any]]]) -> StateScores:
    """Score `(query, Situation.to_dict())` pairs against the queries' expectations."""
    counts = {name: [0, 0, 0] for name in SECTIONS}  # tp, fp, fn
    attributes = {name: [0, 0] for name in ATTRIBUTES}  # right, checked
    misses: list[Line] = []
    extras: list[Line] = []
    wrong: list[Wrong] = []
    queries = 0
    for query, situation in pairs:
        queries += 1
        gov = situation.get("government")
        sections: list[tuple[str, Sequence[Any], Sequence[Mapping[str, Any]]]] = [
            ("presence", query.presence, situation.get("presence") or []),
            ("agreements", query.agreements, situation.get("agreements") or []),
            ("government", [query.government] if query.government else [], [gov] if gov else []),
        ]
        for section, expected, predicted in sections:
            matched, missed, extra = _match(expected, predicted)
            tally = counts[section]
            for exp, line in matched:
                if exp.optional:
                    continue  # an optional line found: neither a hit nor an extra
                tally[0] += 1
                for name, ok in exp.checks(line).items():
                    attributes[name][1] += 1
                    attributes[name][0] += ok
                    if not ok:
                        wrong.append((query.id, section, name, exp.to_dict(), line.get(name)))
            tally[1] += len(extra)
            extras += [(query.id, section, _brief(section, p)) for p in extra]
            required = [e for e in missed if not e.optional]
            tally[2] += len(required)
            misses += [(query.id, section, e.to_dict()) for e in required]
    return StateScores(
        queries=queries,
        sections={name: SectionScore(*c) for name, c in counts.items()},
        attributes={name: (a[0], a[1]) for name, a in attributes.items()},
        misses=tuple(misses), extras=tuple(extras), wrong=tuple(wrong),
    )
