"""The sentence pass: where units are cut, which units are parsed, and the stitched Doc."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy

from sitrep import Article
from sitrep.extract.firstpass import build_screen
from sitrep.extract.lexicon import load_lexicon
from sitrep.extract.rules import load_rules
from sitrep.extract.sentpass import SentenceScreen, build_sentence_screen, plan, units
from sitrep.gazetteer import load_gazetteer
from sitrep.gazetteer.areas import load_areas
from sitrep.gazetteer.leaders import load_leaders

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [*sorted((ROOT / "tests" / "gold").glob("articles-*.jsonl")),
           ROOT / "src" / "sitrep" / "resources" / "demo" / "corpus.jsonl"]


@pytest.fixture(scope="module")
def screen() -> SentenceScreen:
    lex, gaz, leaders = load_lexicon("en"), load_gazetteer(), load_leaders()
    return build_sentence_screen(build_screen(load_rules("en"), lex, gaz, leaders), gaz, leaders,
                                 load_areas(), lex)


def _texts() -> list[str]:
    out = []
    for path in CORPORA:
        with path.open(encoding="utf-8") as fh:
            out += [r["text"] for r in map(json.loads, filter(str.strip, fh)) if "text" in r]
    return out


@pytest.mark.parametrize(("text", "pieces"), [
    ("France left. Chad stayed.", ["France left. ", "Chad stayed."]),
    ("It ended in 2023. Troops left.", ["It ended in 2023. ", "Troops left."]),
    ("Troops left Chad. Then Mali.", ["Troops left Chad. ", "Then Mali."]),
    ('He said "we will go." The army left.', ['He said "we will go." ', "The army left."]),
    ("Headline\n\nBody text here.", ["Headline\n\n", "Body text here."]),
    ("Gen. Tiani spoke.", ["Gen. Tiani spoke."]),
    ("The U.S. Army left.", ["The U.S. Army left."]),
    ("Signed by J. Smith today.", ["Signed by J. Smith today."]),
    ("It rose in Dec. Prices fell.", ["It rose in Dec. Prices fell."]),
    ("troops left. then more came.", ["troops left. then more came."]),
])
def test_units_cut_after_sentence_ends_only(text: str, pieces: list[str]) -> None:
    assert [text[s:e] for s, e in units(text)] == pieces


@pytest.mark.parametrize("text", _texts()[:40])
def test_units_tokenize_as_the_whole_text(text: str) -> None:
    # Each unit tokenized alone must give the very tokens of the whole text: the stitched Doc
    # is then the Doc of the article, token for token and character for character.
    nlp = spacy.blank("en")
    whole = [(t.idx, t.text_with_ws) for t in nlp(text)]
    pieces = [(s + t.idx, t.text_with_ws) for s, e in units(text) for t in nlp(text[s:e])]
    assert pieces == whole


@pytest.mark.parametrize("text", [
    "Fog slowed morning traffic on the coastal roads.",
    "A young goalkeeper made a string of fine saves.",
    "Shares rose 1.2 per cent after the firm raised its profit forecast.",
])
def test_unit_with_no_trigger_name_or_reference_is_skipped(screen: SentenceScreen,
                                                           text: str) -> None:
    assert not screen.needs_parse(text)


@pytest.mark.parametrize("text", [
    "France withdrew its troops.",        # a trigger with its cues
    "Exports to Brazil grew.",            # a state: salience, recent states
    "It rained all week.",                # a pronoun may stand for the previous subject
    "The junta met on Monday.",           # a description resolves to the focus state
    "The two countries met on Monday.",   # a pair reference
    "Crowds gathered in Agadez.",         # a city: the last place, hosts
    "The young goalkeeper was hurt.",     # "the" + a city name ("Young", Australia)
    "Goïta spoke on Monday.",             # a leader
])
def test_unit_that_may_matter_is_parsed(screen: SentenceScreen, text: str) -> None:
    assert screen.needs_parse(text)


def test_plan_merges_neighbours_and_covers_the_text(screen: SentenceScreen) -> None:
    text = ("Fog slowed traffic. Rain fell on the hills.\n\nFrance withdrew its troops from "
            "Mali. Exports to Brazil grew. Fog lifted at noon.")
    runs = plan(text, screen)
    assert [(text[s:e], parse) for s, e, parse in runs] == [
        ("Fog slowed traffic. Rain fell on the hills.\n\n", False),
        ("France withdrew its troops from Mali. Exports to Brazil grew. ", True),
        ("Fog lifted at noon.", False),
    ]


def test_plan_parses_whole_an_article_that_dates_against_earlier_dates(
        screen: SentenceScreen) -> None:
    text = "Fog slowed traffic in June 2023. French troops left Niger a year later."
    assert plan(text, screen) == [(0, len(text), True)]


def test_plan_is_empty_when_no_unit_may_give_an_event(screen: SentenceScreen) -> None:
    # the trigger and its cue words are in different sentences
    assert plan("Niger signed. The accord was long.", screen) == []
    # dating against earlier dates does not make an article without a possible event parsed
    assert plan("Niger signed the budget in 2023. Prices rose a year later.", screen) == []


@pytest.mark.model
def test_stitched_doc_keeps_the_article_text_and_skips_runs(pipeline: Any) -> None:
    from sitrep.extract.sentpass import skipped_doc, stitch

    text = "Fog slowed traffic.\n\nFrance withdrew its troops from Mali. Fog lifted."
    runs = plan(text, pipeline.sentences)
    docs = [pipeline.nlp(text[s:e]) if parse else skipped_doc(pipeline.nlp, text[s:e])
            for s, e, parse in runs]
    doc = stitch(docs)
    assert doc.text == text
    assert [s.text for s in doc.sents] == ["Fog slowed traffic.\n\n",
                                           "France withdrew its troops from Mali.",
                                           "Fog lifted."]
    assert [(e.text, e.start_char) for e in doc.ents] == [("France", 21), ("Mali", 53)]


@pytest.mark.model
def test_article_with_no_unit_that_may_give_an_event_is_never_parsed(
        pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("parsed an article the sentence pass rules out")

    assert pipeline.sentences is not None  # on by default
    monkeypatch.setattr(pipeline.nlp, "pipe", refuse)
    text = "Niger signed the papers on Monday. The accord was long."
    assert pipeline.extract(Article(id="x", text=text)) == []


@pytest.mark.model
def test_place_entities_start_with_a_capital_or_the(pipeline: Any) -> None:
    # The sentence pass looks for a city name only where its first word is capitalized or
    # follows "the": the entities the model reads places from must start so.
    found = []
    for doc in pipeline.nlp.pipe(_texts()[:60]):
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
                continue
            words = [t for t in ent if t.lower_ != "the" and t.is_alpha]
            if words and words[0].is_lower and ent[0].lower_ != "the":
                found.append(ent.text)
    assert all(pipeline.knowledge.gaz.city(t) is None for t in found), found
