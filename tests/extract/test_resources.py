"""The validating loaders of rules, word classes and the ontology: every packaged file loads,
and a broken file fails with its path (and line, for YAML syntax errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ResourceError
from sitrep.extract.lexicon import load_lexicon, parse_lexicon
from sitrep.extract.ontology import load_ontology, parse_ontology
from sitrep.extract.rules import load_rules, parse_rules
from sitrep.records import KINDS, STATUSES

GOOD_RULE = """kind: withdraw
rules:
  - id: test.rule
    trigger: {lemma: [leave], pos: [VERB]}
    theme: forces
    actor: [owner]
    counterpart: [from]
    match:
      - text: "French troops left Mali."
        expect: {actor: FRA}
"""


def test_packaged_rules_cover_every_kind() -> None:
    assert {r.kind for r in load_rules("en").rules} == set(KINDS)


def test_every_packaged_rule_has_examples() -> None:
    for rule in load_rules("en").rules:
        assert rule.match, rule.id


def test_packaged_ontology_codes_every_kind_and_status() -> None:
    onto = load_ontology()
    for kind in KINDS:
        for status in STATUSES:
            assert onto.plover_for(kind, status).type


def test_packaged_lexicon_loads() -> None:
    assert load_lexicon("en").has("forces", "troop")


def test_a_good_rule_file_parses(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(GOOD_RULE, encoding="utf-8")
    assert parse_rules([path]).candidates("leave")[0].id == "test.rule"


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("kind: withdraw", "kind: invade", "kind 'invade'"),
    ("theme: forces", "theme: weather", "theme 'weather'"),
    ("actor: [owner]", "actor: [nobody]", "actor slots"),
    ("counterpart: [from]", "counterpart: [beyond]", "counterpart slots"),
    ("pos: [VERB]", "pos: [ADV]", "trigger.pos"),
    ("    match:\n", "    matches:\n", "unknown fields"),
    ("trigger: {lemma: [leave], pos: [VERB]}", "trigger: {lemma: [leave], pos: [VERB]", "YAML"),
])
def test_a_broken_rule_file_names_itself(tmp_path: Path, old: str, new: str,
                                         problem: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD_RULE.replace(old, new), encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        parse_rules([path])
    assert str(path) in str(err.value)
    assert problem in str(err.value)


def test_duplicate_rule_ids_are_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD_RULE, encoding="utf-8")
    b.write_text(GOOD_RULE, encoding="utf-8")
    with pytest.raises(ResourceError, match="duplicate rule id"):
        parse_rules([a, b])


def test_a_lexicon_missing_a_class_names_it(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("classes:\n  forces: [troop]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="missing word classes") as err:
        parse_lexicon(path)
    assert str(path) in str(err.value)


def test_an_unquoted_yaml_no_is_caught(tmp_path: Path) -> None:
    # YAML reads a bare `no` as False: the loader must refuse it, not drop the word.
    body = "classes:\n" + "".join(f"  {c}: [x]\n" for c in _classes()) + "  negation: [no]\n"
    path = tmp_path / "terms.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ResourceError, match="negation"):
        parse_lexicon(path)


@pytest.mark.parametrize(("nominal", "problem"), [
    ("[forces, troopz]", "names no class: troopz"),
    ("forces", "must be a list"),
])
def test_a_bad_nominal_list_names_the_file_and_the_problem(tmp_path: Path, nominal: str,
                                                           problem: str) -> None:
    body = "nominal: " + nominal + "\nclasses:\n" + "".join(f"  {c}: [x]\n" for c in _classes()) \
        + "  negation: [not]\n"
    path = tmp_path / "terms.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ResourceError, match=problem) as err:
        parse_lexicon(path)
    assert str(path) in str(err.value)


def _classes() -> list[str]:
    return [c for c in load_lexicon("en").words if c != "negation"]


def test_an_ontology_missing_a_status_names_it(tmp_path: Path) -> None:
    path = tmp_path / "ontology.yaml"
    path.write_text("kinds:\n" + "".join(
        f"  {k}:\n    plover: {{planned: {{type: AGREE}}}}\n" for k in KINDS), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"plover\.ongoing") as err:
        parse_ontology(path)
    assert str(path) in str(err.value)


def test_docs_list_every_slot() -> None:
    from sitrep.extract.rules import ACTOR_SLOTS, COUNTERPART_SLOTS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text("utf-8")
    for name in ACTOR_SLOTS | COUNTERPART_SLOTS:
        assert f"| `{name}` |" in doc, name


def test_rules_name_only_existing_word_classes() -> None:
    classes = load_lexicon("en").words
    for rule in load_rules("en").rules:
        if rule.trigger.governed_by is not None:
            assert rule.trigger.governed_by in classes, rule.id
