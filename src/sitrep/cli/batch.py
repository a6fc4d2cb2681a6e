"""`sitrep batch`: the extract step over sharded corpora on Dask (docs/scale.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXIT_BAD_INPUT, fails_cleanly, settings_of

__all__ = ["register"]


def register(main: click.Group) -> None:
    """Add `batch` to the command group."""
    main.add_command(batch_cmd)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="Folder for the partitions (created if missing; a re-run resumes there).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local Dask cluster (one thread each).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on this Dask scheduler (tcp://host:8786) instead of a local cluster.")
@click.pass_context
@fails_cleanly
def batch_cmd(ctx: click.Context, inputs: tuple[str, ...], output: str, workers: int,
              scheduler: str | None) -> None:
    """Extract the events of sharded corpora (INPUT: *.jsonl, *.jsonl.gz, *.parquet files or
    folders of them) on Dask: one task and one Parquet partition per shard.

    Shards already done (same file size and mtime, same extractor) are skipped, so an
    interrupted run is finished by running it again. Bad records are reported naming their
    shard; the other shards are still processed, and the exit code is 3.
    """
    from tqdm import tqdm

    from ..batch import find_shards, run_batch

    settings = settings_of(ctx)
    total = len(find_shards(inputs))
    with tqdm(total=total, desc="batch", unit=" shard", file=sys.stderr, disable=None,
              leave=False, dynamic_ncols=True) as bar:
        report = run_batch(inputs, output=Path(output), settings=settings, workers=workers,
                           scheduler=scheduler, progress=bar.update)
    for problem in report.problems:
        click.echo(f"sitrep: {problem}", err=True)
    click.echo(f"sitrep: {report.summary()}; output in {output}", err=True)
    if report.problems:
        sys.exit(EXIT_BAD_INPUT)
