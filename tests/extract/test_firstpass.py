"""The first pass: word forms from the data, the screen's decisions, and zero recall loss."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep import Article, Settings
from sitrep.errors import ResourceError
from sitrep.extract.firstpass import Screen, build_screen, inflections, load_irregular, words_of
from sitrep.extract.lexicon import load_lexicon
from sitrep.extract.rules import load_rules
from sitrep.gazetteer import load_gazetteer
from sitrep.gazetteer.leaders import load_leaders

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "tests" / "gold").glob("articles-*.jsonl"))
DEMO = ROOT / "src" / "sitrep" / "resources" / "demo" / "corpus.jsonl"
SEED = ROOT.parent / "shared" / "seed" / "niger-withdrawal.gold.jsonl"


@pytest.fixture(scope="module")
def screen() -> Screen:
    return build_screen(load_rules("en"), load_lexicon("en"), load_gazetteer(), load_leaders())


@pytest.mark.parametrize(("lemma", "form"), [
    ("withdraw", "withdrew"), ("withdraw", "withdrawn"), ("withdraw", "withdrawing"),
    ("withdraw", "withdraws"), ("leave", "left"), ("leave", "leaving"), ("send", "sent"),
    ("seize", "seized"), ("seize", "seizing"), ("take", "took"), ("take", "taken"),
    ("expel", "expelled"), ("ship", "shipping"), ("deploy", "deployed"), ("troop", "troops"),
    ("ratify", "ratified"), ("ratify", "ratifies"), ("coup d'état", "coups"),
])
def test_inflections_cover_regular_and_irregular_forms(lemma: str, form: str) -> None:
    assert form in inflections(lemma, load_irregular("en"))


def test_comparatives_only_for_adjectives() -> None:
    # the lemmatizer strips -er/-est from adjectives only: "header" is no form of the verb
    # "head", "Mariners" none of the noun "marine"
    irregular = load_irregular("en")
    assert "header" not in inflections("head", irregular)
    assert "mariner" not in inflections("marine", irregular)
    assert {"stronger", "strongest"} <= inflections("strong", irregular, comparative=True)


#: a trigger's part of speech -> the lemmatizer tables that made its lemma (AUX and PROPN
#: have none of their own)
_TABLES = {"VERB": ("verb",), "NOUN": ("noun",), "ADJ": ("adj",), "PROPN": (), "AUX": ()}


def _trigger_forms(pipeline: Any) -> dict[str, tuple[set[str], frozenset[str]]]:
    """Trigger lemma -> (the lemmatizer tables of its rules' parts of speech, its forms)."""
    irregular = load_irregular("en")
    out = {}
    for lemma, found in pipeline.knowledge.rules.by_lemma.items():
        pos = {p for rule in found for p in rule.trigger.pos}
        out[lemma] = ({t for p in pos for t in _TABLES[p]},
                      inflections(lemma, irregular, comparative="ADJ" in pos))
    return out


@pytest.mark.model
def test_irregular_table_covers_every_form_the_lemmatizer_knows(pipeline: Any) -> None:
    # The model's exception table maps irregular forms to lemmas ("left" -> "leave"); every
    # such form of a trigger lemma, for its rules' parts of speech, must be one the first
    # pass looks for.
    exc = pipeline.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    missing = sorted(f"{form}->{lemma}" for lemma, (tables, forms) in
                     _trigger_forms(pipeline).items() for table in tables
                     for form, found in exc[table].items() if lemma in found
                     and form not in forms)
    assert missing == []


@pytest.mark.model
def test_inflections_invert_every_suffix_rule_of_the_lemmatizer(pipeline: Any) -> None:
    # The rule lemmatizer turns "stationed" into "station" by its suffix rules; every form a
    # rule of the trigger's part of speech maps to a trigger lemma must be one the first pass
    # looks for (adjective rules, "bigger" -> "big", only for a rule that takes adjectives).
    rules = pipeline.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_rules")
    missing = sorted(f"{lemma[:len(lemma) - len(new)] + old}->{lemma}"
                     for lemma, (tables, forms) in _trigger_forms(pipeline).items()
                     if lemma.isalpha() for table in tables for old, new in rules[table]
                     if lemma.endswith(new) and lemma[:len(lemma) - len(new)] + old not in forms)
    assert missing == []


@pytest.mark.parametrize("text", [
    "Manchester United beat Leeds 3-1 on Saturday, with two goals after the break.",
    "Heavy rain is expected in the north on Monday, forecasters said.",
    "Faith Kipyegon of Kenya won the 1,500 metres final in record time.",
    "The council approved a new cycle lane along the river after a long debate.",
])
def test_screen_rejects_texts_without_trigger_or_actor(screen: Screen, text: str) -> None:
    assert not screen.admits(text)


@pytest.mark.parametrize("text", [
    "France withdrew its last soldiers from Chad.",
    "The Pentagon ordered all 1,000 US troops out of Niger.",
    "Soldiers seized power in Niamey on Wednesday.",
    "Tinubu said Nigerien forces had left the border towns.",
    "The Nigeriens signed a defence pact with Moscow.",
])
def test_screen_admits_texts_with_trigger_and_actor(screen: Screen, text: str) -> None:
    assert screen.admits(text)


@pytest.mark.parametrize("sentence", [
    "The central bank left interest rates unchanged.",     # leave: no forces, bloc or pact
    "Jonas Berg left the pitch with an ankle injury.",
    "With five games left, the title race is wide open.",
    "The two firms signed a trade deal on Monday.",         # a deal, nothing of security
    "The club signed a young midfielder on a three-year contract.",
    "The road works will last until the end of the month.",
    "The winger took the lead with a header from a corner.",  # "from", but no state after it
    "The opposition withdrew its support for the budget.",  # "its" is no bloc
    "The coach left the national side after ten years.",   # "national" is no National Guard
    "The suspect tried to leave the country by plane.",    # a state noun is no bloc
    "The United States has imposed new tariffs on steel.",  # "United" is no form of "unit"
    "The United Nations said its envoy would stay in Geneva.",
    "The mayor said the plant was based in the old docks.",  # "based" is no form of "base"
])
def test_sentence_whose_trigger_lacks_its_theme_gives_nothing(screen: Screen,
                                                               sentence: str) -> None:
    assert not screen.has_trigger(words_of(sentence))


@pytest.mark.parametrize("sentence", [
    "France withdrew from Mali in 2022.",          # no forces word: "from" and a state
    "The Wagner Group left Mali.",                  # an armed organisation
    "The Pentagon pulled them out.",                # an armed seat
    "Mali said it would leave the bloc.",           # a bloc by its noun
    "Niger quit ECOWAS in January.",                # a bloc by its name
    "The two countries signed a defence pact.",     # a security agreement
    "The last soldiers left on Thursday.",
    "The junta seized power.",
    "Washington will hand back its main base.",
    "The National Guard left Kabul.",               # an armed organisation, by its whole name
    "They said it would quit in January.",          # "it" may be a bloc
    "The United States withdrew from Niger.",       # "from" and a state's whole name
])
def test_sentence_with_a_trigger_and_its_theme_may_give_an_event(screen: Screen,
                                                                 sentence: str) -> None:
    assert screen.has_trigger(words_of(sentence))


def test_irregular_file_must_be_a_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "lexicons" / "xx"
    bad.mkdir(parents=True)
    (bad / "irregular.yaml").write_text("forms: [leave, left]\n", encoding="utf-8")
    monkeypatch.setattr("sitrep.extract.firstpass.packaged",
                        lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(ResourceError, match=r"irregular\.yaml"):
        load_irregular("xx")


@pytest.mark.model
def test_extract_many_keeps_input_order_and_skips_rejected(pipeline: Any) -> None:
    texts = ["Rain fell all day in the valley.", "France withdrew its troops from Mali in 2022.",
             "The match ended in a draw.", "Cheese prices rose again."]
    arts = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    out = list(pipeline.extract_many(arts))
    assert [a.id for a, _ in out] == ["0", "1", "2", "3"]
    assert [len(evs) > 0 for _, evs in out] == [False, True, False, False]


def _rows() -> list[dict[str, Any]]:
    paths = [*GOLD, DEMO] + ([SEED] if SEED.exists() else [])
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows += [r for r in map(json.loads, filter(str.strip, fh)) if "text" in r]
    return rows


@pytest.mark.model
def test_first_pass_loses_no_event_on_gold_demo_and_seed(pipeline: Any) -> None:
    from sitrep import load_pipeline
    from sitrep.evaluate import predict

    rows = _rows()
    # the session pipeline runs with the first pass and the sentence pass on
    assert pipeline.screen is not None and pipeline.sentences is not None
    off = load_pipeline(Settings.resolve(env={}, first_pass=False, sentence_pass=False))
    assert off.screen is None and off.sentences is None
    assert predict(pipeline, rows) == predict(off, rows)


def _day(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(value)


@pytest.mark.model
def test_every_sentence_an_event_comes_from_passes_the_screen(pipeline: Any) -> None:
    # Sharper than equal outputs: the screen's sentence test holds on every evidence sentence
    # (the parser's sentence, not the pass's cheap unit) of every event found with nothing
    # skipped, so a cue the screen misses fails here even if no article's output changes.
    from sitrep import load_pipeline

    off = load_pipeline(Settings.resolve(env={}, first_pass=False, sentence_pass=False))
    assert pipeline.screen is not None
    # the rules' own match examples reach the ways a theme is met that the articles may not
    # ("France withdrew from Mali": no forces word, a state after "from")
    rows = _rows() + [{"id": rule.id, "text": ex.text, "published": ex.published}
                      for rule in pipeline.knowledge.rules.rules for ex in rule.match]
    articles = [Article(id=str(row.get("id")), text=row["text"],
                        published=_day(row.get("published"))) for row in rows]
    missed = [(ev.rule, ref.text) for article in articles for ev in off.extract(article)
              for ref in ev.evidence if not pipeline.screen.has_trigger(words_of(ref.text))]
    assert missed == []


@pytest.mark.model
def test_sentence_pass_alone_loses_no_event_on_gold_demo_and_seed(pipeline: Any) -> None:
    # every article through the sentence pass, also those the first pass would reject
    from sitrep import load_pipeline
    from sitrep.evaluate import predict

    rows = _rows()
    sentences = load_pipeline(Settings.resolve(env={}, first_pass=False, sentence_pass=True))
    off = load_pipeline(Settings.resolve(env={}, first_pass=False, sentence_pass=False))
    assert predict(sentences, rows) == predict(off, rows)


@pytest.mark.parametrize(("env", "expected"), [({}, True), ({"SITREP_FIRST_PASS": "false"}, False),
                                               ({"SITREP_FIRST_PASS": "on"}, True)])
def test_first_pass_setting_reads_the_environment(env: dict[str, str], expected: bool) -> None:
    assert Settings.resolve(env=env).first_pass is expected


@pytest.mark.model
def test_rejected_article_is_never_parsed(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("parsed an article the first pass rejects")

    monkeypatch.setattr(pipeline, "nlp", refuse)
    assert pipeline.extract(Article(id="x", text="Rain is expected in the hills on Monday.")) == []
