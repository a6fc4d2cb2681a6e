"""The state gold scorer on hand-made queries and situations (no model, no corpus)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import InputError
from sitrep.evaluate_state import (
    SectionScore,
    StateQuery,
    read_state_queries,
    score_state,
    situations,
    state_for,
)
from sitrep.records import Actor, Article, DateValue, Event, Evidence, Plover
from sitrep.state import facts_from_events


def _query_row(**expect: Any) -> dict[str, Any]:
    body = {"presence": [], "agreements": [], "government": None} | expect
    return {"id": "ner-q", "corpus": "demo", "country": "NER", "as_of": "2024-06-01",
            "known_at": None, "expect": body, "note": "hand-made"}


def _query(tmp_path: Path, **expect: Any) -> StateQuery:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(_query_row(**expect)) + "\n", encoding="utf-8")
    return read_state_queries(path)[0]


def _presence(actor: str, status: str, **extra: Any) -> dict[str, Any]:
    return {"actor": actor, "host": "NER", "status": status, "since": None, "until": None,
            "troops": None} | extra


def _situation(presence: list[dict[str, Any]] | None = None,
               agreements: list[dict[str, Any]] | None = None,
               government: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"country": "NER", "as_of": "2024-06-01", "known_at": None, "names": {},
            "presence": presence or [], "agreements": agreements or [],
            "government": government, "obligations": []}


def _agreement(parties: list[str], in_force: bool) -> dict[str, Any]:
    return {"parties": parties, "name": None, "in_force": in_force}


EXPECT = {
    "presence": [{"actor": "USA", "status": "withdrawing", "since": "2023-07", "troops": 1000},
                 {"actor": "FRA", "status": "ended", "until": "2023-12-22"}],
    "agreements": [{"parties": ["NER", "RUS"], "in_force": True}],
    "government": {"how": "coup", "since": "2023-07-26"},
}
RIGHT = _situation(
    [_presence("FRA", "ended", until="2023-12-22"),
     _presence("USA", "withdrawing", since="2023-07-27", troops=1000)],
    [_agreement(["NER", "RUS"], True)],
    {"how": "coup", "since": "2023-07-26"},
)


def test_exact_match_scores_one(tmp_path: Path) -> None:
    scores = score_state([(_query(tmp_path, **EXPECT), RIGHT)])
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (4, 0, 0)
    assert scores.overall.f1 == 1.0
    assert scores.misses == () and scores.extras == () and scores.wrong == ()
    assert scores.accuracy("since") == scores.accuracy("until") == scores.accuracy("troops") == 1.0


def test_a_missing_line_is_a_miss(tmp_path: Path) -> None:
    situation = RIGHT | {"agreements": []}
    scores = score_state([(_query(tmp_path, **EXPECT), situation)])
    assert scores.sections["agreements"].fn == 1
    expected = {"parties": ["NER", "RUS"], "in_force": True}
    assert scores.misses == (("ner-q", "agreements", expected),)
    assert scores.overall.precision == 1.0


def test_an_unexpected_line_is_an_extra(tmp_path: Path) -> None:
    situation = RIGHT | {"presence": [*RIGHT["presence"], _presence("DEU", "present")]}
    scores = score_state([(_query(tmp_path, **EXPECT), situation)])
    assert scores.sections["presence"].fp == 1
    assert scores.extras == (("ner-q", "presence", {"actor": "DEU", "status": "present"}),)
    assert scores.overall.recall == 1.0


def test_a_wrong_status_is_a_miss_and_an_extra(tmp_path: Path) -> None:
    situation = RIGHT | {"presence": [_presence("FRA", "ended", until="2023-12-22"),
                                      _presence("USA", "withdrawal_planned")]}
    scores = score_state([(_query(tmp_path, **EXPECT), situation)])
    presence = scores.sections["presence"]
    assert (presence.tp, presence.fp, presence.fn) == (1, 1, 1)
    assert scores.misses[0][2]["status"] == "withdrawing"
    assert scores.extras[0][2]["status"] == "withdrawal_planned"


@pytest.mark.parametrize(("gold", "predicted", "right"), [
    ("2024-09", "2024-09-15", True),
    ("2024-09", "2024-09", True),
    ("2024", "2024-03-16", True),
    ("2024-09", "2024", False),        # coarser than the gold
    ("2024-09", "2024-10-01", False),  # another month
    ("2024-09-15", "2024-09-16", False),
    ("2024-09", None, False),
])
def test_dates_match_when_the_gold_is_a_prefix_at_least_as_precise(
        tmp_path: Path, gold: str, predicted: str | None, right: bool) -> None:
    query = _query(tmp_path, presence=[{"actor": "USA", "status": "present", "since": gold}])
    scores = score_state([(query, _situation([_presence("USA", "present", since=predicted)]))])
    assert scores.sections["presence"].tp == 1  # the date is an attribute, not the match
    assert scores.accuracy("since") == (1.0 if right else 0.0)
    assert len(scores.wrong) == (0 if right else 1)


@pytest.mark.parametrize(("predicted", "tp", "fp", "fn"), [
    ({"how": "coup", "since": "2023-07-26"}, 1, 0, 0),
    ({"how": "coup", "since": "2023-07"}, 0, 1, 1),   # coarser than the gold: another coup
    ({"how": "coup", "since": "2024-03-01"}, 0, 1, 1),
    (None, 0, 0, 1),
])
def test_government_matches_on_how_and_since(tmp_path: Path, predicted: dict[str, Any] | None,
                                             tp: int, fp: int, fn: int) -> None:
    query = _query(tmp_path, government={"how": "coup", "since": "2023-07-26"})
    section = score_state([(query, _situation(government=predicted))]).sections["government"]
    assert (section.tp, section.fp, section.fn) == (tp, fp, fn)


def test_a_coup_where_none_is_known_is_an_extra(tmp_path: Path) -> None:
    scores = score_state([(_query(tmp_path), _situation(government={"how": "coup",
                                                                    "since": "2021"}))])
    assert scores.sections["government"].fp == 1


@pytest.mark.parametrize("found", [True, False])
def test_an_optional_line_is_neither_hit_nor_miss(tmp_path: Path, found: bool) -> None:
    query = _query(tmp_path, presence=[{"actor": "WAGNER", "status": "present", "optional": True}])
    situation = _situation([_presence("WAGNER", "present")] if found else [])
    assert score_state([(query, situation)]).overall == SectionScore(tp=0, fp=0, fn=0)


@pytest.mark.parametrize("actor", ["RUS", "WAGNER"])
def test_any_listed_actor_matches(tmp_path: Path, actor: str) -> None:
    query = _query(tmp_path, presence=[{"actor": ["RUS", "WAGNER"], "status": "present"}])
    assert score_state([(query, _situation([_presence(actor, "present")]))]).overall.tp == 1


@pytest.mark.parametrize("in_force", [True, False])
def test_in_force_null_accepts_either(tmp_path: Path, in_force: bool) -> None:
    query = _query(tmp_path, agreements=[{"parties": ["ECOWAS", "NER"], "in_force": None}])
    situation = _situation(agreements=[_agreement(["NER", "ECOWAS"], in_force)])
    assert score_state([(query, situation)]).overall.tp == 1


def test_the_best_fitting_line_is_matched(tmp_path: Path) -> None:
    query = _query(tmp_path, presence=[{"actor": "AUS", "status": "present", "since": "2021-11"}])
    situation = _situation([_presence("AUS", "present", since="2003-07"),
                            _presence("AUS", "present", since="2021-11")])
    scores = score_state([(query, situation)])
    assert scores.accuracy("since") == 1.0
    assert scores.extras[0][2]["since"] == "2003-07"


def test_summary_has_overall_section_and_attribute_figures(tmp_path: Path) -> None:
    summary = score_state([(_query(tmp_path, **EXPECT), RIGHT)]).summary()
    assert summary["f1"] == summary["presence_f1"] == summary["government_recall"] == 1.0
    assert (summary["since_n"], summary["until_n"], summary["troops_n"]) == (1, 1, 1)


def test_details_list_misses_extras_and_wrong_attributes(tmp_path: Path) -> None:
    situation = _situation([_presence("USA", "withdrawing", since="2024-05", troops=1000),
                            _presence("DEU", "present")])
    lines = score_state([(_query(tmp_path, **EXPECT), situation)]).details()
    assert any(line.startswith("miss  ner-q presence: actor=FRA") for line in lines)
    assert any(line.startswith("extra ner-q presence: actor=DEU") for line in lines)
    assert any("since gold='2023-07' got='2024-05'" in line for line in lines)


def _bad(row: dict[str, Any], path: Path) -> InputError:
    path.write_text(json.dumps(_query_row()) + "\n" + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_state_queries(path)
    return err.value


@pytest.mark.parametrize(("change", "words"), [
    ({"corpus": "news"}, "corpus"),
    ({"as_of": "2024-13-01"}, "as_of"),
    ({"known_at": "yesterday"}, "known_at"),
    ({"country": "niger"}, "country"),
    ({"note": ""}, "note"),
    ({"extra": 1}, "unknown keys"),
    ({"expect": {"presence": []}}, "lacks"),
    ({"expect": {"presence": [{"actor": "USA", "status": "gone"}], "agreements": [],
                 "government": None}}, "status"),
    ({"expect": {"presence": [{"actor": "USA", "status": "ended"}], "agreements": [],
                 "government": None}}, "until"),
    ({"expect": {"presence": [{"actor": "USA", "status": "present", "since": "2024-02-30"}],
                 "agreements": [], "government": None}}, "calendar"),
    ({"expect": {"presence": [], "agreements": [{"parties": ["NER"], "in_force": True}],
                 "government": None}}, "parties"),
    ({"expect": {"presence": [], "agreements": [], "government": {"how": "election"}}}, "how"),
    ({"id": "ner-q"}, "duplicate id"),
])
def test_a_malformed_line_names_file_line_and_problem(tmp_path: Path, change: dict[str, Any],
                                                      words: str) -> None:
    row = _query_row() | {"id": "other"} | change
    err = _bad(row, tmp_path / "q.jsonl")
    assert err.line == 2
    assert words in str(err) and "q.jsonl:2" in str(err)


def test_a_line_that_is_not_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": \n', encoding="utf-8")
    with pytest.raises(InputError, match="not JSON") as err:
        read_state_queries(path)
    assert err.value.line == 1


def test_state_for_uses_the_query_dates(tmp_path: Path) -> None:
    usa, ner = Actor("USA", "United States", "US"), Actor("NER", "Niger", "Niger")
    sentence = "US troops left Niger."
    left = Event(doc_id="a", kind="withdraw", status="completed", actor=usa, counterpart=(ner,),
                 place=None, date=DateValue("2024-08-05", "day", "on Monday"), troops=None,
                 agreement=None, plover=Plover("RETREAT", "withdraw"),
                 evidence=(Evidence(sentence, 0, len(sentence)),), confidence=0.9, rule="t")
    facts = facts_from_events([left], {"a": Article("a", sentence, date(2024, 8, 6))})
    row = _query_row() | {"as_of": "2024-09-01", "known_at": "2024-08-01"}
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    query = read_state_queries(path)[0]
    situation = state_for(query, facts)
    assert (situation.country, situation.as_of, situation.known_at) == (
        "NER", date(2024, 9, 1), date(2024, 8, 1))
    assert situation.presence == ()  # its only source was published after known_at


def test_situations_need_the_facts_of_each_corpus(tmp_path: Path) -> None:
    query = _query(tmp_path)
    assert [q for q, _ in situations([query], {"demo": []})] == [query]
    with pytest.raises(InputError, match="corpus 'demo'"):
        list(situations([query], {"gold": []}))
