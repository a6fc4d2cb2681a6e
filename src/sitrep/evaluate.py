"""Score extracted events against a gold set (the metric of shared/eval/score.py).

Events match on kind, actor and counterparts (agreements: the unordered set of all parties),
one-to-one within an article, preferring same status and date; matched pairs are then checked
for date (gold's value a prefix of ours), status, troops and place. `sitrep evaluate` and the
quality-gate test use this; tests/test_evaluate.py checks it agrees with the shared scorer.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .records import Article

if TYPE_CHECKING:
    from .pipeline import Pipeline

__all__ = ["Scores", "predict", "read_gold", "read_records", "score"]

_AGREEMENTS = frozenset({"agreement_signed", "agreement_ended"})


def _code(x: Any) -> str | None:
    if isinstance(x, dict):
        return x.get("code")
    return x if isinstance(x, str) else None


def _key(ev: dict[str, Any]) -> tuple[Any, ...]:
    kind = ev.get("kind")
    actor = _code(ev.get("actor"))
    cps = frozenset(c for c in (_code(x) for x in ev.get("counterpart") or []) if c)
    if kind in _AGREEMENTS:
        return (kind, frozenset({actor}) | cps)
    return (kind, actor, cps)


def _date(ev: dict[str, Any]) -> str | None:
    d = ev.get("date")
    if isinstance(d, dict):
        d = d.get("value")
    return d or None


def date_ok(gold: str, pred: str | None) -> bool:
    """Our date is right when it is at least as precise as gold's and agrees on it."""
    return bool(pred) and len(pred or "") >= len(gold) and (pred or "")[: len(gold)] == gold


def _place(ev: dict[str, Any]) -> str | None:
    p = ev.get("place")
    if isinstance(p, dict):
        return " ".join(str(p.get(k) or "") for k in ("name", "text")).strip() or None
    return p or None


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


def place_ok(gold: str, pred: str | None) -> bool:
    """Place names agree when one contains the other (case, hyphens and spaces ignored)."""
    if not pred:
        return False
    g, p = _norm(gold), _norm(pred)
    return g in p or p in g


class Rates:
    """Precision, recall and F1 of anything with true positives, false positives and false
    negatives (`tp`, `fp`, `fn`); shared by the event and state scores."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores(Rates):
    """Counts and rates of one evaluation run."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    negatives_fp: int = 0
    per_kind: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    attr: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    extras: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    wrong: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def accuracy(self, name: str) -> float | None:
        """Share of matched events whose `name` (date, status, troops, place) is right."""
        n = self.attr[f"{name}_n"]
        return self.attr[f"{name}_ok"] / n if n else None

    def summary(self) -> dict[str, Any]:
        """Rounded figures, as score.py prints them."""
        out: dict[str, Any] = {
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "negatives_fp": self.negatives_fp,
        }
        for name in ("date", "status", "troops", "place"):
            acc = self.accuracy(name)
            out[f"{name}_acc"] = None if acc is None else round(acc, 3)
            out[f"{name}_n"] = self.attr[f"{name}_n"]
        return out


def _match(golds: list[dict[str, Any]], preds: list[dict[str, Any]]
           ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]],
                      list[dict[str, Any]]]:
    pairs = []
    used: set[int] = set()
    for g in golds:
        best, best_score = None, -1
        for i, p in enumerate(preds):
            if i in used or _key(p) != _key(g):
                continue
            s = int(p.get("status") == g.get("status")) + int(
                bool(g.get("date")) and date_ok(g["date"], _date(p)))
            if s > best_score:
                best, best_score = i, s
        if best is not None:
            used.add(best)
            pairs.append((g, preds[best]))
    matched = {id(g) for g, _ in pairs}
    return pairs, [g for g in golds if id(g) not in matched], \
        [p for i, p in enumerate(preds) if i not in used]


def _attribute_checks(g: dict[str, Any], p: dict[str, Any]) -> dict[str, tuple[bool, bool]]:
    """For each attribute: (whether gold states it, whether the prediction has it right)."""
    return {
        "date": (bool(g.get("date")), bool(g.get("date")) and date_ok(g["date"], _date(p))),
        "status": (True, p.get("status") == g.get("status")),
        "troops": (bool(g.get("troops")), p.get("troops") == g.get("troops")),
        "place": (bool(g.get("place")), bool(g.get("place")) and place_ok(g["place"], _place(p))),
    }


def score(gold_rows: Iterable[dict[str, Any]], pred_rows: Iterable[dict[str, Any]]) -> Scores:
    """Score predicted event records (with doc_id) against gold articles."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in pred_rows:
        by_doc[str(p.get("doc_id"))].append(p)
    s = Scores()
    for row in gold_rows:
        doc = str(row["id"])
        pairs, missed, extra = _match(row["events"], by_doc.get(doc, []))
        s.tp += len(pairs)
        s.fn += len(missed)
        s.fp += len(extra)
        if not row["events"]:
            s.negatives_fp += len(extra)
        for g, p in pairs:
            s.per_kind[g["kind"]]["tp"] += 1
            for name, (applies, ok) in _attribute_checks(g, p).items():
                if applies:
                    s.attr[f"{name}_n"] += 1
                    if ok:
                        s.attr[f"{name}_ok"] += 1
                    else:
                        s.wrong.append((doc, name, g, p))
        for g in missed:
            s.per_kind[g["kind"]]["fn"] += 1
            s.misses.append((doc, g))
        for p in extra:
            s.per_kind[str(p.get("kind"))]["fp"] += 1
            s.extras.append((doc, p))
    return s


def _json_lines(path: str | Path) -> list[tuple[int, Any]]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [(n, line) for n, line in enumerate(fh, 1) if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    out = []
    for n, line in lines:
        try:
            out.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", line=n) from exc
    return out


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold articles: one `{"id", "published", "text", "events"}` object per line."""
    rows = []
    for n, row in _json_lines(path):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or \
                not isinstance(row.get("events"), list) or "id" not in row:
            raise InputError(str(path), "a gold line needs id, text and events", line=n)
        if row.get("published"):
            try:
                date.fromisoformat(row["published"])
            except (TypeError, ValueError) as exc:
                raise InputError(str(path), f"published {row['published']!r} is not an ISO "
                                 "date (YYYY-MM-DD)", line=n) from exc
        rows.append(row)
    return rows


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """Event records written by `sitrep extract` (JSONL), each with its doc_id."""
    recs = []
    for n, rec in _json_lines(path):
        if not isinstance(rec, dict) or "kind" not in rec or "doc_id" not in rec:
            raise InputError(str(path), "an event record needs at least doc_id and kind",
                             line=n)
        recs.append(rec)
    return recs


def predict(pipeline: Pipeline, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extract the event records of gold articles (their text, id and publication date)."""
    arts = (Article(id=str(r["id"]), text=r["text"], title=r.get("title"),
                    published=date.fromisoformat(r["published"]) if r.get("published")
                    else None) for r in rows)
    return [ev.to_dict() for _, evs in pipeline.extract_many(arts) for ev in evs]
