"""The quality gate: extraction scored on our own gold articles (tests/gold/*.jsonl) and on the
shared seed article. Floors are pinned here; lowering one is a visible, explained change.

Gold articles are written by the team in its own words about real, dated events, annotated by
shared/eval/GUIDELINES.md (see tests/gold/README.md).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate import Scores, predict, score

GOLD_DIR = Path(__file__).parent / "gold"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_GOLD = SHARED / "seed" / "niger-withdrawal.gold.jsonl"
SHARED_SCORER = SHARED / "eval" / "score.py"

#: Floors on the team's gold set, a little under what was measured (docs/quality.md):
#: 60 articles, 289 events -> P 0.904, R 0.682, F1 0.777, date 0.759, status 0.924.
FLOORS = {"f1": 0.75, "precision": 0.87, "recall": 0.65, "date_acc": 0.73, "status_acc": 0.90}
#: At most this many events may be extracted from the articles that report none.
MAX_NEGATIVE_FP = 2


def _rows(paths: list[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def _predict(pipeline: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return predict(pipeline, rows)


@pytest.fixture(scope="module")
def gold_rows() -> list[dict[str, Any]]:
    return _rows(sorted(GOLD_DIR.glob("*.jsonl")))


@pytest.fixture(scope="module")
def gold_predictions(pipeline: Any, gold_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _predict(pipeline, gold_rows)


@pytest.fixture(scope="module")
def gold_scores(gold_rows: list[dict[str, Any]],
                gold_predictions: list[dict[str, Any]]) -> Scores:
    return score(gold_rows, gold_predictions)


def test_gold_set_is_big_and_varied(gold_rows: list[dict[str, Any]]) -> None:
    kinds = {e["kind"] for r in gold_rows for e in r["events"]}
    assert len(gold_rows) >= 40
    assert sum(1 for r in gold_rows if not r["events"]) >= 6
    assert kinds == {"deploy", "withdraw", "agreement_signed", "agreement_ended", "coup",
                     "demand_withdrawal"}


def test_gold_evidence_is_in_the_text(gold_rows: list[dict[str, Any]]) -> None:
    for row in gold_rows:
        for ev in row["events"]:
            assert ev["evidence"] in row["text"], (row["id"], ev["evidence"])


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_quality_floor(gold_scores: Scores, name: str) -> None:
    figures = gold_scores.summary()
    assert figures[name] >= FLOORS[name], figures


@pytest.mark.model
def test_no_events_from_articles_without_any(gold_scores: Scores) -> None:
    assert gold_scores.negatives_fp <= MAX_NEGATIVE_FP


@pytest.mark.model
def test_gold_predictions_follow_the_schema(gold_predictions: list[dict[str, Any]],
                                            event_schema: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(event_schema)
    for rec in gold_predictions:
        validator.validate(rec)


@pytest.mark.model
@pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared/seed is not beside the checkout")
def test_seed_article(pipeline: Any) -> None:
    rows = _rows([SEED_GOLD])
    figures = score(rows, _predict(pipeline, rows)).summary()
    assert figures["f1"] >= 0.9, figures
    assert figures["date_acc"] >= 0.8, figures
    assert figures["status_acc"] >= 0.9, figures


@pytest.mark.model
@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared/eval is not beside the checkout")
def test_our_scorer_agrees_with_the_shared_one(gold_rows: list[dict[str, Any]],
                                               gold_predictions: list[dict[str, Any]]) -> None:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    theirs = module.score(gold_rows, gold_predictions)
    ours = score(gold_rows, gold_predictions).summary()
    for key in ("precision", "recall", "f1", "tp", "fp", "fn", "date_acc", "status_acc",
                "troops_acc", "place_acc"):
        assert ours[key] == theirs[key], key
