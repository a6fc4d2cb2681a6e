"""How `sitrep batch` scales from 1 to 2 Dask workers, and how much memory a worker takes.

usage: python bench/batch_scaling.py CORPUS.jsonl [--shards 8] [--workers 1 2]

Splits CORPUS (e.g. `python bench/make_stream.py --articles 2000 --out s.jsonl`) into
`--shards` JSON Lines shards, then, in one run, side by side, processes them with each number
of workers on a LocalCluster of its own (one thread per worker process), into an empty output
folder each time, twice: cold, timing the whole run (cluster start, each worker's pipeline
load, closing: what a user of a fresh LocalCluster waits for), and warm, timing the batch
alone on workers that already hold the pipeline (a running cluster; the steady state of a
long archive run). Then, as the machine's own ceiling, the same shards with the same task
(`process_shard`) in plain processes without Dask (a multiprocessing pool, each process
holding the pipeline before the clock starts): what 1 -> 2 gives when nothing but the work
shares the cores. Reads each worker's peak RSS from the worker itself. Prints articles/s per
setting, the speed-up of the largest over the smallest for each, the peak RSS per worker, and
a last line of JSON (`speedup` cold, `speedup_warm`, `speedup_plain`, and `warm_vs_plain`,
Dask's warm speed-up as a share of the plain one). Targets (issue 5): 1 -> 2 workers at least
1.7x; at most 1 GB peak memory per worker.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from sitrep.batch import find_shards, process_shard, run_batch
from sitrep.batch.run import local_cluster
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


def _warm() -> float:
    """Load this worker's pipeline (as its first shard would) and extract one article (first
    calls fill caches); the seconds it took."""
    from sitrep import Article
    from sitrep.batch.worker import _pipeline

    start = time.perf_counter()
    pipe = _pipeline(Settings.resolve())
    pipe.extract(Article(id="warm", text="French troops left Mali in 2022. It said so."))
    return time.perf_counter() - start


def _run(paths: list[Path], workers: int, out: Path, *, warm: bool) -> dict[str, float]:
    """One run on a LocalCluster of its own. Cold: the wall time of everything a user waits
    for (cluster start, each worker loading the pipeline with its first shard, the batch,
    closing). Warm: each worker loads its pipeline first, and only the batch is timed, as on a
    running cluster whose workers already hold it, or in the long middle of an archive run."""
    from distributed import Client

    start = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        if warm:
            client.run(_warm)
            start = time.perf_counter()
        report = run_batch(paths, output=out, settings=Settings.resolve(),
                           scheduler=cluster.scheduler_address)
        batch_done = time.perf_counter()
        rss = client.run(_peak_rss_mb)
    wall = (batch_done if warm else time.perf_counter()) - start
    return {"workers": workers, "wall_s": round(wall, 2), "articles": report.articles,
            "events": report.events, "articles_per_s": round(report.articles / wall, 2),
            "peak_rss_mb_per_worker": round(max(rss.values()), 1)}


def _hold(ready: Any) -> None:
    """Pool initializer: load the pipeline, then wait until every process has."""
    _warm()
    ready.wait()


def _task(job: tuple[Any, str, str]) -> tuple[int, float]:
    shard, out, extractor = job
    done = process_shard(shard, output=out, settings=Settings.resolve(), extractor=extractor)
    return done.articles, _peak_rss_mb()


def _plain(paths: list[Path], workers: int, out: Path) -> dict[str, float]:
    """The same shards and task in `workers` plain processes, timed from the moment all of
    them hold the pipeline: the machine's ceiling for this work, with no scheduler."""
    from sitrep.knowledge.load import settings_fingerprint

    out.mkdir()
    extractor = settings_fingerprint(Settings.resolve())
    jobs = [(shard, str(out), extractor)
            for shard in sorted(find_shards(paths), key=lambda s: -s.size)]
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Barrier(workers + 1)
    with ctx.Pool(workers, initializer=_hold, initargs=(ready,)) as pool:
        ready.wait()
        start = time.perf_counter()
        done = list(pool.imap_unordered(_task, jobs, chunksize=1))
        wall = time.perf_counter() - start
    articles = sum(n for n, _ in done)
    return {"workers": workers, "wall_s": round(wall, 2), "articles": articles,
            "articles_per_s": round(articles / wall, 2),
            "peak_rss_mb_per_worker": round(max(rss for _, rss in done), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitrep-batch-bench-"))
    try:
        paths = _split(args.corpus, args.shards, folder)
        result: dict[str, dict[str, Any]] = {}
        for mode in ("cold", "warm", "plain"):
            rows = []
            for n in args.workers:
                target = folder / f"out-{mode}-{n}"
                row = (_plain(paths, n, target) if mode == "plain"
                       else _run(paths, n, target, warm=mode == "warm"))
                rows.append(row)
                events = f"{row['events']} events; " if "events" in row else ""
                print(f"{mode}, {n} worker(s): {row['articles']} articles in "
                      f"{row['wall_s']:.1f} s = {row['articles_per_s']:.1f} articles/s, "
                      f"{events}peak RSS per worker {row['peak_rss_mb_per_worker']:.0f} MB",
                      flush=True)
            first, last = rows[0], rows[-1]
            speedup = last["articles_per_s"] / first["articles_per_s"]
            print(f"{mode}: {first['workers']} -> {last['workers']} workers: {speedup:.2f}x" +
                  ("  (plain processes, no Dask: the machine's ceiling)" if mode == "plain"
                   else "  (target >= 1.7x for 1 -> 2)"))
            result[mode] = {"runs": rows, "speedup": round(speedup, 3)}
        cold, warm, plain = result["cold"], result["warm"], result["plain"]
        share = warm["speedup"] / plain["speedup"]
        print(f"Dask warm reaches {share:.0%} of the plain processes' speed-up")
        print(json.dumps({"runs": cold["runs"], "speedup": cold["speedup"],
                          "warm_runs": warm["runs"], "speedup_warm": warm["speedup"],
                          "plain_runs": plain["runs"], "speedup_plain": plain["speedup"],
                          "warm_vs_plain": round(share, 3),
                          "peak_rss_mb_per_worker": max(r["peak_rss_mb_per_worker"]
                                                        for r in (*cold["runs"], *warm["runs"]))}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
