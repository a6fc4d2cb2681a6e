"""Extraction rules as data: resources/rules/<lang>/<kind>.yaml, validated on load.

A rule names trigger lemmas, the theme the trigger's arguments must show (forces, an agreement,
power...), the ordered slots that fill the actor and the counterparts (slots are implemented in
extract/roles.py), and match / no_match examples that tests/extract/test_rules.py runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import packaged, read_yaml
from ..errors import ResourceError
from ..records import KINDS, STATUSES

__all__ = [
    "ACTOR_SLOTS",
    "COUNTERPART_SLOTS",
    "THEMES",
    "Example",
    "Rule",
    "RuleSet",
    "Trigger",
    "load_rules",
    "parse_rules",
]

THEMES = frozenset(
    {"forces", "agreement", "bloc", "bloc_or_agreement", "power", "leader_or_government",
     "installation", "none"}
)
#: slot names a rule may list; each is a `Frame.slot_<name>` method or a preposition slot
#: (docs/rules.md lists what each one finds).
ACTOR_SLOTS = frozenset({
    "owner", "subject", "poss", "agent", "governor_subject", "governor_object", "focus",
    "location", "subject_state", "object_state", "compound_state", "of_party",
    "sentence_state", "last_owner", "local",
})
COUNTERPART_SLOTS = frozenset({
    "from", "out_of", "object", "to", "into", "in", "at", "with", "between", "site", "focus",
    "owner", "object_party", "subject_host", "of_bloc", "poss_agreement", "focus_other",
    "where", "there", "sentence_parties", "elided_party", "governor_subject", "recipient",
})
_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that can start a rule: lemmas, parts of speech, a required child word."""

    lemmas: frozenset[str]
    pos: frozenset[str]
    with_any: frozenset[str]
    #: a word class (terms.yaml) one of the trigger's governors must belong to, or None
    governed_by: str | None = None
    #: words of which one must be a direct child of the trigger (stricter than with_any)
    with_child: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence a rule must (match) or must not (no_match) turn into an event."""

    text: str
    published: str | None
    expect: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction rule; see docs/rules.md for the meaning of each field."""

    id: str
    kind: str
    trigger: Trigger
    theme: str
    actor: tuple[str, ...]
    counterpart: tuple[str, ...]
    default_status: str | None
    fixed_status: bool
    static: bool
    own_date: bool
    demand_flip: bool
    also_withdraw: bool
    confidence: float
    match: tuple[Example, ...]
    no_match: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules of a language, indexed by trigger lemma."""

    rules: tuple[Rule, ...]
    by_lemma: dict[str, tuple[Rule, ...]]

    def candidates(self, lemma: str) -> tuple[Rule, ...]:
        """Rules whose trigger lists this lemma (lower-cased)."""
        return self.by_lemma.get(lemma.lower(), ())


def load_rules(lang: str = "en") -> RuleSet:
    """The packaged rules for a language, loaded once per process."""
    return _load(str(packaged("rules", lang)))


@lru_cache(maxsize=8)
def _load(folder: str) -> RuleSet:
    paths = sorted(Path(folder).glob("*.yaml"))
    if not paths:
        raise ResourceError(folder, "no rule files (*.yaml) found")
    return parse_rules(paths)


def parse_rules(paths: list[Path]) -> RuleSet:
    """Read and validate rule files; errors name the file and the rule at fault."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in paths:
        for rule in _parse_file(path):
            if rule.id in seen:
                raise ResourceError(str(path), f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            rules.append(rule)
    index: dict[str, list[Rule]] = {}
    for rule in rules:
        for lemma in rule.trigger.lemmas:
            index.setdefault(lemma, []).append(rule)
    return RuleSet(rules=tuple(rules), by_lemma={k: tuple(v) for k, v in index.items()})


def _parse_file(path: Path) -> list[Rule]:
    data = read_yaml(path, "rules")
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ResourceError(str(path), "expected a mapping with 'kind' and a 'rules' list")
    kind = data.get("kind")
    if kind not in KINDS:
        raise ResourceError(str(path), f"kind {kind!r} is not one of {', '.join(KINDS)}")
    return [_parse_rule(path, kind, raw) for raw in data["rules"]]


def _fail(path: Path, rid: str, problem: str) -> ResourceError:
    return ResourceError(str(path), f"rule {rid}: {problem}")


def _words(path: Path, rid: str, raw: Any, field: str) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if not isinstance(raw, list) or not all(isinstance(w, str) and w for w in raw):
        raise _fail(path, rid, f"{field} must be a list of words")
    return frozenset(w.lower() for w in raw)


def _parse_rule(path: Path, kind: str, raw: Any) -> Rule:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ResourceError(str(path), f"every rule needs an 'id' string; got {raw!r:.80}")
    rid = raw["id"]
    unknown = set(raw) - {
        "id", "trigger", "theme", "actor", "counterpart", "default_status", "fixed_status",
        "static", "own_date",
        "demand_flip", "also_withdraw", "confidence", "match", "no_match",
    }
    if unknown:
        raise _fail(path, rid, f"unknown fields {sorted(unknown)}")
    trig = raw.get("trigger")
    if not isinstance(trig, dict):
        raise _fail(path, rid, "needs a 'trigger' mapping")
    pos = _words(path, rid, trig.get("pos"), "trigger.pos")
    if not pos or not {p.upper() for p in pos} <= _POS:
        raise _fail(path, rid, f"trigger.pos must be among {sorted(_POS)}")
    trigger = Trigger(
        lemmas=_words(path, rid, trig.get("lemma"), "trigger.lemma"),
        pos=frozenset(p.upper() for p in pos),
        with_any=_words(path, rid, trig.get("with_any"), "trigger.with_any"),
        governed_by=trig.get("governed_by"),
        with_child=_words(path, rid, trig.get("with_child"), "trigger.with_child"),
    )
    if trigger.governed_by is not None and not isinstance(trigger.governed_by, str):
        raise _fail(path, rid, "trigger.governed_by must name a word class")
    if not trigger.lemmas:
        raise _fail(path, rid, "trigger.lemma lists no word")
    theme = raw.get("theme", "none")
    if theme not in THEMES:
        raise _fail(path, rid, f"theme {theme!r} is not one of {sorted(THEMES)}")
    actor = tuple(raw.get("actor") or ())
    counterpart = tuple(raw.get("counterpart") or ())
    if not actor or set(actor) - ACTOR_SLOTS:
        raise _fail(path, rid, f"actor slots {sorted(set(actor) - ACTOR_SLOTS)} unknown "
                               f"(known: {sorted(ACTOR_SLOTS)})")
    if set(counterpart) - COUNTERPART_SLOTS:
        raise _fail(path, rid, f"counterpart slots {sorted(set(counterpart) - COUNTERPART_SLOTS)}"
                               f" unknown (known: {sorted(COUNTERPART_SLOTS)})")
    status = raw.get("default_status")
    if status is not None and status not in STATUSES:
        raise _fail(path, rid, f"default_status {status!r} is not one of {STATUSES}")
    if raw.get("fixed_status") and status is None:
        raise _fail(path, rid, "fixed_status needs a default_status")
    conf = raw.get("confidence", 0.5)
    if not isinstance(conf, int | float) or not 0 < conf <= 1:
        raise _fail(path, rid, "confidence must be a number in (0, 1]")
    return Rule(
        id=rid, kind=kind, trigger=trigger, theme=theme, actor=actor, counterpart=counterpart,
        default_status=status, fixed_status=bool(raw.get("fixed_status", False)),
        static=bool(raw.get("static", False)), own_date=bool(raw.get("own_date", False)),
        demand_flip=bool(raw.get("demand_flip", False)),
        also_withdraw=bool(raw.get("also_withdraw", False)), confidence=float(conf),
        match=_examples(path, rid, raw.get("match"), need_expect=True),
        no_match=_examples(path, rid, raw.get("no_match"), need_expect=False),
    )


def _examples(path: Path, rid: str, raw: Any, *, need_expect: bool) -> tuple[Example, ...]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise _fail(path, rid, "match/no_match must be lists")
    out = []
    for item in raw:
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise _fail(path, rid, f"example {item!r:.60} needs a 'text'")
        expect = item.get("expect") or {}
        if need_expect and not isinstance(expect, dict):
            raise _fail(path, rid, f"example {item['text']!r:.60}: 'expect' must be a mapping")
        out.append(Example(text=item["text"], published=item.get("published"), expect=expect))
    if need_expect and not out:
        raise _fail(path, rid, "needs at least one match example")
    return tuple(out)
