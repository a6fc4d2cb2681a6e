"""Speed of `extract` against the bare spaCy pipeline on the same texts, side by side.

usage: python bench/extract_speed.py [CORPUS.jsonl] [--rounds N] [--min-words N]

CORPUS lines are {"text": ...} (default: the gold articles in tests/gold). The texts are
repeated until at least --min-words words, then each round runs the bare model
(`spacy.load(model).pipe`) and sitrep's `Pipeline.extract_many` over the same texts,
alternating so that machine noise hits both alike. Prints words/s of each (best round), the
overhead of extraction over bare spaCy, and a last line of JSON for other tools.
Target (issue 2): overhead at most 25%.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sitrep import Article, Settings, load_pipeline

ROOT = Path(__file__).resolve().parents[1]


def _texts(path: Path | None) -> list[str]:
    paths = [path] if path else sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
    texts = []
    for p in paths:
        with p.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--min-words", type=int, default=40_000)
    args = ap.parse_args()

    base = _texts(args.corpus)
    if not base:
        print(f"no texts in {args.corpus}", file=sys.stderr)
        return 2
    texts: list[str] = []
    while sum(len(t.split()) for t in texts) < args.min_words:
        texts += base
    words = sum(len(t.split()) for t in texts)

    import spacy

    settings = Settings.resolve()
    pipe = load_pipeline(settings)
    bare = spacy.load(settings.model_en)
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    # warm up both (first calls build caches)
    list(bare.pipe(texts[:5]))
    list(pipe.extract_many(articles[:5]))

    best = {"bare": float("inf"), "extract": float("inf")}
    events = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        best["bare"] = min(best["bare"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        events = sum(len(evs) for _, evs in pipe.extract_many(articles))
        best["extract"] = min(best["extract"], time.perf_counter() - t0)

    wps = {k: words / v for k, v in best.items()}
    overhead = best["extract"] / best["bare"] - 1
    print(f"texts: {len(texts)}  words: {words}  events: {events}  rounds: {args.rounds}")
    print(f"bare spaCy ({settings.model_en}): {wps['bare']:9.0f} words/s")
    print(f"sitrep extract:                 {wps['extract']:9.0f} words/s")
    print(f"extraction overhead over bare spaCy: {overhead:+.1%}  (target <= +25%)")
    print(json.dumps({"words": words, "words_per_s_bare": round(wps["bare"]),
                      "words_per_s_extract": round(wps["extract"]),
                      "overhead": round(overhead, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
