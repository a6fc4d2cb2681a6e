"""Every rule's own examples: each `match` sentence gives the expected event, each `no_match`
sentence gives no event of the rule's kind."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sitrep.extract.rules import Example, Rule, load_rules
from sitrep.records import Article, Event

RULES = load_rules("en").rules
MATCH = [(r, ex) for r in RULES for ex in r.match]
NO_MATCH = [(r, ex) for r in RULES for ex in r.no_match]
AGREEMENTS = {"agreement_signed", "agreement_ended"}


def _run(pipeline: Any, ex: Example) -> list[Event]:
    published = date.fromisoformat(ex.published) if ex.published else date(2025, 6, 1)
    return pipeline.extract(Article(id="example", text=ex.text, published=published))


def _fits(ev: Event, kind: str, expect: dict[str, Any]) -> bool:
    if ev.kind != kind or (ev.actor.code != expect["actor"] and kind not in AGREEMENTS):
        return False
    if "counterpart" not in expect:
        return kind in AGREEMENTS or ev.actor.code == expect["actor"]
    want = set(expect["counterpart"])
    got = {c.code for c in ev.counterpart}
    if kind in AGREEMENTS:
        return {ev.actor.code} | got == {expect["actor"]} | want
    return got == want


@pytest.mark.model
@pytest.mark.parametrize(("rule", "ex"), MATCH, ids=[f"{r.id}:{e.text[:40]}" for r, e in MATCH])
def test_rule_match_examples(pipeline: Any, rule: Rule, ex: Example) -> None:
    events = _run(pipeline, ex)
    kind = ex.expect.get("kind", rule.kind)
    hits = [e for e in events if _fits(e, kind, ex.expect)]
    assert hits, f"no {kind} {ex.expect} in {[e.to_dict() for e in events]}"
    ev = hits[0]
    if "status" in ex.expect:
        assert ev.status == ex.expect["status"]
    if "date" in ex.expect:
        assert ev.date is not None and ev.date.value.startswith(ex.expect["date"])
    if "troops" in ex.expect:
        assert ev.troops == ex.expect["troops"]
    if "place" in ex.expect:
        assert ev.place is not None and ex.expect["place"] in (ev.place.text, ev.place.name)


@pytest.mark.model
@pytest.mark.parametrize(("rule", "ex"), NO_MATCH,
                         ids=[f"{r.id}:{e.text[:40]}" for r, e in NO_MATCH])
def test_rule_no_match_examples(pipeline: Any, rule: Rule, ex: Example) -> None:
    events = [e for e in _run(pipeline, ex) if e.kind == rule.kind]
    assert events == [], [e.to_dict() for e in events]
