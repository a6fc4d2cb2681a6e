"""Throughput of bare spaCy and of `extract` with and without its first and sentence passes.

usage: python bench/throughput.py CORPUS.jsonl [--rounds N]

CORPUS lines are {"id", "text", "published"?} (bench/make_stream.py writes a mixed stream). In
one process, each round runs the four modes over the same articles, alternating so that
machine noise hits all alike, and keeps each mode's best round: bare spaCy; extract with neither
pass; with the first pass only; with both (the default). Prints articles/s and words/s per mode
(wall clock) and the CPU seconds of the process per mode (steadier on a shared machine), the
ratios, the share of articles the first pass lets through and of their characters the sentence
pass parses, the share of the stream in sentences that may give an event (parsing only those
bounds the speed-up) and in the sentences the events are read from (their evidence: what even
a perfect screen would have to parse), and peak RSS; the last line is one JSON object for other
tools.
Targets (issue 5): with the first pass >= 10x bare spaCy on a mixed stream; without it >= 0.8x
bare spaCy on all-relevant text.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from sitrep import Article, Settings, load_pipeline


def _articles(path: Path) -> list[Article]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            row = json.loads(line)
            pub = row.get("published")
            out.append(Article(id=str(row.get("id", n)), text=row["text"],
                               published=date.fromisoformat(pub) if pub else None))
    return out


def _parsed_chars(pipe: Any, articles: list[Article]) -> int:
    """Characters of the articles the sentence pass sends through the full pipeline."""
    from sitrep.extract.sentpass import plan

    return sum(end - start for a in articles for start, end, parse in plan(a.text, pipe.sentences)
               if parse)


def _event_chars(pipe: Any, articles: list[Article]) -> int:
    """Characters of the sentence units that may give an event (a rule's trigger with its cue
    and theme words): what any extractor that reads every such sentence must parse."""
    from sitrep.extract.firstpass import words_of
    from sitrep.extract.sentpass import units

    return sum(end - start for a in articles for start, end in units(a.text)
               if pipe.sentences.may_give_event(words_of(a.text[start:end])))


def main() -> int:
    """Run the three modes and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    articles = _articles(args.corpus)
    if not articles:
        print(f"no articles in {args.corpus}", file=sys.stderr)
        return 2
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    import spacy

    settings = Settings.resolve()
    with_fp = load_pipeline(Settings.resolve(first_pass=True, sentence_pass=True))
    fp_only = load_pipeline(Settings.resolve(first_pass=True, sentence_pass=False))
    without = load_pipeline(Settings.resolve(first_pass=False, sentence_pass=False))
    bare = spacy.load(settings.model_en)
    # warm up all four (first calls build caches)
    list(bare.pipe(texts[:5]))
    for pipe in (without, fp_only, with_fp):
        list(pipe.extract_many(articles[:5]))

    def run_bare() -> int:
        for _doc in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        return 0

    evidence: set[tuple[str, int, int]] = set()

    def run(pipe: object) -> int:
        found = 0
        for article, evs in pipe.extract_many(articles):  # type: ignore[attr-defined]
            found += len(evs)
            evidence.update((article.id, span.start, span.end) for e in evs
                            for span in e.evidence)
        return found

    modes = {"bare_spacy": run_bare, "extract_no_first_pass": lambda: run(without),
             "extract_first_pass_only": lambda: run(fp_only),
             "extract_first_pass": lambda: run(with_fp)}
    best = dict.fromkeys(modes, float("inf"))
    cpu = dict.fromkeys(modes, float("inf"))
    events: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, fn in modes.items():
            t0, c0 = time.perf_counter(), time.process_time()
            events[name] = fn()
            best[name] = min(best[name], time.perf_counter() - t0)
            cpu[name] = min(cpu[name], time.process_time() - c0)

    admitted = [a for a in articles if with_fp.admits(a)]
    parsed = _parsed_chars(with_fp, admitted)
    admitted_chars = sum(len(a.text) for a in admitted)
    all_chars = sum(len(t) for t in texts)
    floor = _event_chars(with_fp, admitted) / max(all_chars, 1)
    stated = sum(end - start for _, start, end in evidence) / max(all_chars, 1)
    aps = {k: len(articles) / v for k, v in best.items()}
    speedup = best["bare_spacy"] / best["extract_first_pass"]
    overhead = best["bare_spacy"] / best["extract_no_first_pass"]
    sentence = best["extract_first_pass_only"] / best["extract_first_pass"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"articles: {len(articles)}  words: {words}  rounds: {args.rounds}  "
          f"first pass admits: {len(admitted)} ({len(admitted) / len(articles):.1%})  "
          f"sentence pass parses {parsed / max(admitted_chars, 1):.1%} of their characters")
    for name, secs in best.items():
        print(f"{name:24s} {aps[name]:9.1f} articles/s {words / secs:10.0f} words/s  "
              f"{secs:7.2f} s  cpu {cpu[name]:7.2f} s  events: {events[name]}")
    print(f"first pass vs bare spaCy:          {speedup:5.2f}x  (target >= 10x on a mixed stream)"
          f"  cpu {cpu['bare_spacy'] / cpu['extract_first_pass']:5.2f}x")
    print(f"sentence pass vs first pass only:  {sentence:5.2f}x"
          f"  cpu {cpu['extract_first_pass_only'] / cpu['extract_first_pass']:5.2f}x")
    print(f"no first pass vs bare spaCy:       {overhead:5.2f}x  (target >= 0.8x)")
    print(f"parsed: {parsed / max(all_chars, 1):.1%} of the stream's characters; the sentences "
          f"that may give an event alone are {floor:.1%}, so parsing only them would give at "
          f"most ~{1 / max(floor, 1e-9):.1f}x bare spaCy; the events' own evidence sentences "
          f"are {stated:.1%} (a perfect screen: at most ~{1 / max(stated, 1e-9):.1f}x)")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print(json.dumps({
        "articles": len(articles), "words": words, "admitted": len(admitted),
        "parsed_chars_share": round(parsed / max(admitted_chars, 1), 3),
        "parsed_stream_share": round(parsed / max(all_chars, 1), 3),
        "event_sentence_share": round(floor, 3), "evidence_share": round(stated, 3),
        "articles_per_s": {k: round(v, 1) for k, v in aps.items()},
        "cpu_s": {k: round(v, 2) for k, v in cpu.items()},
        "speedup_first_pass": round(speedup, 3), "speedup_sentence_pass": round(sentence, 3),
        "overhead_no_first_pass": round(overhead, 3),
        "events": events, "peak_rss_mb": round(peak_mb),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
