"""How `sitrep batch` scales from 1 to 2 Dask workers, and how much memory a worker takes.

usage: python bench/batch_scaling.py CORPUS.jsonl [--shards 8] [--workers 1 2]

Splits CORPUS (e.g. `python bench/make_stream.py --articles 2000 --out s.jsonl`) into
`--shards` JSON Lines shards, then, in one run, side by side, processes them with each number
of workers on a LocalCluster of its own (one thread per worker process), into an empty output
folder each time. Times the whole run (cluster start and each worker's pipeline load
included, as a user waits for them) and reads each worker's peak RSS from the worker itself.
Prints articles/s per setting, the speed-up of the largest over the smallest, the peak RSS
per worker, and a last line of JSON. Targets (issue 5): 1 -> 2 workers at least 1.7x; at
most 1 GB peak memory per worker.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from sitrep.batch import run_batch
from sitrep.settings import Settings


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _split(corpus: Path, shards: int, folder: Path) -> list[Path]:
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = []
    for i in range(shards):
        path = folder / f"shard-{i:03d}.jsonl"
        path.write_text("\n".join(lines[i::shards]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _run(paths: list[Path], workers: int, out: Path) -> dict[str, float]:
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        report = run_batch(paths, output=out, settings=Settings.resolve(),
                           scheduler=cluster.scheduler_address)
        wall = time.perf_counter() - start
        rss = client.run(_peak_rss_mb)
    return {"workers": workers, "wall_s": round(wall, 2), "articles": report.articles,
            "events": report.events, "articles_per_s": round(report.articles / wall, 2),
            "peak_rss_mb_per_worker": round(max(rss.values()), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitrep-batch-bench-"))
    try:
        paths = _split(args.corpus, args.shards, folder)
        rows = []
        for n in args.workers:
            row = _run(paths, n, folder / f"out-{n}")
            rows.append(row)
            print(f"{n} worker(s): {row['articles']} articles in {row['wall_s']:.1f} s = "
                  f"{row['articles_per_s']:.1f} articles/s, {row['events']} events; peak RSS "
                  f"per worker {row['peak_rss_mb_per_worker']:.0f} MB", flush=True)
        first, last = rows[0], rows[-1]
        speedup = last["articles_per_s"] / first["articles_per_s"]
        print(f"{first['workers']} -> {last['workers']} workers: {speedup:.2f}x "
              "(target >= 1.7x for 1 -> 2)")
        print(json.dumps({"runs": rows, "speedup": round(speedup, 3),
                          "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"]
                                                        for r in rows)}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
